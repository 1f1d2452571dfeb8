import pytest
from django.test import Client


@pytest.fixture
def secretariat_client(secretariat):
    client = Client()
    client.force_login(secretariat)
    return client


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client
