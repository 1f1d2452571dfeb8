"""Encrypt the TOTP secrets and recovery-code seeds stored before issue 11
(item 3) with the field key; new ones are encrypted by the MFA adapter."""

from django.db import migrations


def encrypt(apps, schema_editor):
    from balintkreis.accounts import two_factor

    two_factor.encrypt_stored_secrets(apps.get_model("mfa", "Authenticator").objects)


def decrypt(apps, schema_editor):
    from balintkreis.accounts import two_factor

    two_factor.decrypt_stored_secrets(apps.get_model("mfa", "Authenticator").objects)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profession_labels"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
