"""Attack: read or replace a second factor from the database or the admin.

Reproduced on ``make run``: TOTP secrets and recovery-code seeds stood in
clear text in ``mfa_authenticator.data``; whoever read a backup, the database
or the administration's authenticator page could compute every code, and the
admin's change form let staff replace the secret with their own.

Defence (issue 11 item 3): allauth's MFA adapter encrypts the secrets with
the field key (``core/crypto.py``) before they are stored, a data migration
encrypted the rows that existed, and no admin page shows or edits the data.
"""

import json
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client
from django.urls import reverse

from balintkreis.accounts import two_factor
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core import crypto


@pytest.fixture
def superuser_client(db):
    admin = UserFactory(is_staff=True, is_superuser=True, first_name="Ada")
    client = Client()
    client.force_login(admin)
    return client


def stored(authenticator: Authenticator) -> str:
    return json.dumps(
        Authenticator.objects.values_list("data", flat=True).get(pk=authenticator.pk)
    )


def test_totp_secret_is_stored_encrypted_and_still_works(leader):
    secret = generate_totp_secret()
    authenticator = TOTP.activate(leader, secret).instance
    assert secret not in stored(authenticator)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert TOTP(Authenticator.objects.get(pk=authenticator.pk)).validate_code(code)


def test_recovery_code_seed_is_stored_encrypted_and_codes_still_work(leader):
    codes = RecoveryCodes.activate(leader)
    seed = crypto.decrypt(codes.instance.data["seed"])
    assert len(seed) == 80
    assert seed not in stored(codes.instance)
    fresh = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    assert fresh.generate_codes() == codes.generate_codes()
    assert fresh.validate_code(codes.generate_codes()[0])


def test_existing_clear_text_rows_are_encrypted_once(leader):
    secret = generate_totp_secret()
    totp = Authenticator.objects.create(
        user=leader, type=Authenticator.Type.TOTP, data={"secret": secret}
    )
    recovery = Authenticator.objects.create(
        user=leader,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "ab" * 40, "used_mask": 0, "migrated_codes": ["12345678"]},
    )
    assert two_factor.encrypt_stored_secrets(Authenticator.objects.all()) == 2
    # A second run (the migration applied twice, or new rows) changes nothing.
    assert two_factor.encrypt_stored_secrets(Authenticator.objects.all()) == 0
    totp.refresh_from_db()
    recovery.refresh_from_db()
    assert secret not in stored(totp)
    assert crypto.decrypt(totp.data["secret"]) == secret
    assert "ab" * 40 not in stored(recovery)
    assert "12345678" not in stored(recovery)
    assert RecoveryCodes(recovery).generate_codes() == ["12345678"]


def test_no_admin_page_shows_or_edits_authenticator_data(superuser_client, leader):
    secret = generate_totp_secret()
    authenticator = TOTP.activate(leader, secret).instance
    stored_value = authenticator.data["secret"]
    pages = [
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
    ]
    for url in pages:
        text = superuser_client.get(url).content.decode()
        assert secret not in text
        assert stored_value not in text
        assert 'name="data"' not in text
    superuser_client.post(
        pages[1],
        {"user": leader.pk, "type": "totp", "data": json.dumps({"secret": "X" * 32})},
    )
    authenticator.refresh_from_db()
    assert authenticator.data["secret"] == stored_value


def test_secrets_can_be_re_encrypted_after_a_key_rotation(leader):
    secret = generate_totp_secret()
    authenticator = TOTP.activate(leader, secret).instance
    before = authenticator.data["secret"]
    assert two_factor.reencrypt_stored_secrets(Authenticator.objects.all()) == 1
    authenticator.refresh_from_db()
    assert authenticator.data["secret"] != before
    assert crypto.decrypt(authenticator.data["secret"]) == secret
