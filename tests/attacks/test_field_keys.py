"""Attack: a wrong or lost field key silently blanks EFNs.

A second app server started without ``FIELD_ENCRYPTION_KEY`` (it generates
its own) or a server restored with the wrong key reads every EFN as "" and
the next save writes the blank back: the chamber proof is gone without
anybody noticing. An undecryptable value must raise a clear error, the
server must refuse to start, and keys must be rotatable without data loss.
"""

import time

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core import crypto

pytestmark = pytest.mark.django_db

EFN = "802761234567893"


def _raw_efn(user: User) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT efn FROM accounts_user WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def test_a_wrong_key_raises_instead_of_returning_blank(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    token = crypto.encrypt(EFN)
    settings.FIELD_ENCRYPTION_KEYS = ["a-different-key"]
    with pytest.raises(crypto.UndecryptableValue) as caught:
        crypto.decrypt(token)
    message = str(caught.value)
    assert "FIELD_ENCRYPTION_KEY" in message
    assert "Schlüssel" in message


def test_loading_a_person_with_the_wrong_key_fails_loudly(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    user = UserFactory(efn=EFN)
    settings.FIELD_ENCRYPTION_KEYS = ["a-different-key"]
    with pytest.raises(crypto.UndecryptableValue):
        User.objects.get(pk=user.pk)


def test_system_check_refuses_to_start_with_a_key_that_cannot_read_the_data(
    settings,
):
    from balintkreis.core.checks import check_field_key

    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    UserFactory(efn=EFN)
    assert check_field_key(None) == []
    settings.FIELD_ENCRYPTION_KEYS = ["a-different-key"]
    errors = check_field_key(None)
    assert errors
    assert all(isinstance(error, Error) for error in errors)
    assert "accounts.User.efn" in errors[0].msg
    with pytest.raises(SystemCheckError):
        call_command("check")


def test_old_keys_read_new_key_writes(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    user = UserFactory(efn=EFN)
    old_token = _raw_efn(user)
    settings.FIELD_ENCRYPTION_KEYS = ["new-key", "old-key"]
    assert User.objects.get(pk=user.pk).efn == EFN
    token = crypto.encrypt(EFN)
    settings.FIELD_ENCRYPTION_KEYS = ["new-key"]
    assert crypto.decrypt(token) == EFN
    with pytest.raises(crypto.UndecryptableValue):
        crypto.decrypt(old_token)


def test_rotate_field_key_re_encrypts_everything_with_the_newest_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    user = UserFactory(efn=EFN)
    other = UserFactory(efn="")
    settings.FIELD_ENCRYPTION_KEYS = ["new-key", "old-key"]
    call_command("rotate_field_key", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = ["new-key"]
    assert User.objects.get(pk=user.pk).efn == EFN
    assert User.objects.get(pk=other.pk).efn == ""
    from balintkreis.core.checks import check_field_key

    assert check_field_key(None) == []


def test_plain_values_awaiting_their_data_migration_do_not_block_migrate(settings):
    from balintkreis.core.checks import check_field_key

    user = UserFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET efn = %s WHERE id = %s", ["plain", user.pk]
        )
    assert check_field_key(None) == []


def _totp_for(user: User) -> str:
    """A TOTP authenticator activated the way allauth does it; its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_start_up_check_covers_second_factors_too(settings):
    """MFA secrets are encrypted through allauth's adapter, not a field: a
    wrong key must stop the server for them as well."""
    from balintkreis.core.checks import check_field_key

    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    _totp_for(UserFactory())
    assert check_field_key(None) == []
    settings.FIELD_ENCRYPTION_KEYS = ["a-different-key"]
    labels = [error.msg.split(":")[0] for error in check_field_key(None)]
    assert "mfa.Authenticator.data" in labels


def test_rotate_field_key_re_encrypts_second_factors(settings):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    settings.FIELD_ENCRYPTION_KEYS = ["old-key"]
    user = UserFactory()
    secret = _totp_for(user)
    settings.FIELD_ENCRYPTION_KEYS = ["new-key", "old-key"]
    call_command("rotate_field_key", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = ["new-key"]
    totp = TOTP(Authenticator.objects.get(user=user))
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert totp.validate_code(code)
