"""Attack surface in the demo: the "Sekretariat" log-in was a superuser.

Reproduced on ``make run``: whoever tried the demo as the secretariat could
do everything a superuser can (set privileges, delete people, read the
authenticator admin), so nobody saw what the secretariat really may do, and
findings against the secretariat were hidden.

Defence (issue 11 item 15): the demo's secretariat is a plain secretariat
account; a separate superuser log-in is printed.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from balintkreis.accounts.demo import DEMO_DOMAIN
from balintkreis.accounts.models import User


@pytest.mark.django_db
def test_demo_secretariat_is_not_a_superuser():
    out = io.StringIO()
    call_command("demo", stdout=out)
    secretariat = User.objects.get(email=f"sekretariat@{DEMO_DOMAIN}")
    assert secretariat.is_secretariat
    assert not secretariat.is_superuser
    assert not secretariat.is_staff
    printed = out.getvalue()
    superuser_line = next(line for line in printed.splitlines() if "Superuser" in line)
    email = superuser_line.split()[-1]
    admin = User.objects.get(email=email)
    assert admin.is_superuser
    assert email != secretariat.email
    # The secretariat works in the administration, within its permissions.
    client = Client()
    client.force_login(secretariat)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
