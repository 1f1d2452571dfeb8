from django.db import migrations, models

import balintkreis.core.fields

# Mails queued before this migration that carried a link or code granting
# access: allauth's mails (reset, confirmation, log-in code) and offers.
SECRET_KEY_PREFIXES = ("allauth:", "groups.offer:", "groups.offer_reminder:")


def encrypt_existing_bodies(apps: object, schema_editor: object) -> None:
    """Encrypt the plain bodies stored so far, read and written raw (the
    field would try to decrypt them)."""
    from balintkreis.core import crypto

    connection = schema_editor.connection
    q = connection.ops.quote_name
    table = q("notifications_outboxemail")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {q('id')}, {q('key')}, {q('body_text')}, {q('body_html')} "
            f"FROM {table}"
        )
        rows = cursor.fetchall()
        for pk, key, text, html in rows:
            cursor.execute(
                f"UPDATE {table} SET {q('body_text')} = %s, {q('body_html')} = %s, "
                f"{q('carries_secret')} = %s WHERE {q('id')} = %s",
                [
                    crypto.encrypt(text) if text else "",
                    crypto.encrypt(html) if html else "",
                    key.startswith(SECRET_KEY_PREFIXES),
                    pk,
                ],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_scheduler"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxemail",
            name="carries_secret",
            field=models.BooleanField(
                default=False,
                help_text="A link or code that grants access; the text is never shown.",
                verbose_name="carries a secret",
            ),
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="body_html",
            field=balintkreis.core.fields.EncryptedTextField(
                blank=True, verbose_name="HTML"
            ),
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="body_text",
            field=balintkreis.core.fields.EncryptedTextField(verbose_name="text"),
        ),
        migrations.RunPython(encrypt_existing_bodies, migrations.RunPython.noop),
    ]
