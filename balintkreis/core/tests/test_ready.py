"""Readiness for the load balancer: database and cache (issue 16 item 7)."""

import pytest
from django.db.utils import OperationalError

from balintkreis.core import views

pytestmark = pytest.mark.django_db


def test_ready_when_database_and_cache_answer(client):
    response = client.get("/healthz/ready/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_not_ready_when_the_cache_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(views.cache, "set", broken)
    response = client.get("/healthz/ready/")
    assert response.status_code == 503
    assert response.content == b"unavailable: cache"


def test_not_ready_when_the_database_fails(client, monkeypatch):
    class Broken:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get("/healthz/ready/")
    assert response.status_code == 503
    assert b"database" in response.content
    assert b"refused" not in response.content  # no details for the public


def test_liveness_needs_no_database(client, monkeypatch):
    monkeypatch.setattr(views, "connection", None)
    assert client.get("/healthz/").status_code == 200
