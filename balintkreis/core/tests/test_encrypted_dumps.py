"""``dumpdata`` keeps EFNs encrypted and ``loaddata`` reads them back
(issue 16 item 6; docs/security.md promises no clear-text EFN at rest)."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core import crypto

EFN = "276010000123456"

pytestmark = pytest.mark.django_db


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "accounts.user", stdout=out)
    return out.getvalue()


def test_dumpdata_writes_the_efn_encrypted():
    user = UserFactory(efn=EFN)
    dump = _dump()
    assert EFN not in dump
    (row,) = [o for o in json.loads(dump) if o["pk"] == user.pk]
    assert row["fields"]["efn"].startswith("encrypted:")
    assert crypto.decrypt(row["fields"]["efn"].removeprefix("encrypted:")) == EFN


def test_loaddata_round_trip_restores_the_efn_once_encrypted(tmp_path):
    user = UserFactory(efn=EFN)
    path = tmp_path / "users.json"
    path.write_text(_dump())
    User.objects.filter(pk=user.pk).update(efn="")
    call_command("loaddata", str(path), verbosity=0)
    user.refresh_from_db()
    assert user.efn == EFN
    with connection.cursor() as cursor:
        cursor.execute("SELECT efn FROM accounts_user WHERE id = %s", [user.pk])
        stored = cursor.fetchone()[0]
    assert EFN not in stored
    assert crypto.decrypt(stored) == EFN  # encrypted once, not twice


def test_empty_efn_stays_empty_in_a_dump():
    user = UserFactory(efn="")
    (row,) = [o for o in json.loads(_dump()) if o["pk"] == user.pk]
    assert row["fields"]["efn"] == ""
