import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from balintkreis.payments import mandates
from balintkreis.payments.models import SepaMandate


def test_a_member_gives_a_mandate_with_a_validated_encrypted_iban(member):
    mandate = mandates.give_mandate(
        member, account_holder="Moritz Mitglied", iban="de89 3704 0044 0532 0130 00"
    )
    assert mandate.reference == f"BK-{member.pk}-1"
    assert mandate.iban == "DE89370400440532013000"
    assert mandate.iban_end == "3000"
    assert mandate.masked_iban.endswith("3000")
    with connection.cursor() as cursor:
        cursor.execute("SELECT iban FROM payments_sepamandate")
        [(stored,)] = cursor.fetchall()
    assert "DE89370400440532013000" not in stored
    assert mandates.active_mandate(member) == mandate


def test_a_new_mandate_replaces_the_active_one(member):
    first = mandates.give_mandate(
        member, account_holder="M", iban="DE89370400440532013000"
    )
    second = mandates.give_mandate(
        member, account_holder="M", iban="AT611904300234573201", bic="BKAUATWW"
    )
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.reference == f"BK-{member.pk}-2"
    assert list(SepaMandate.objects.active()) == [second]


def test_an_invalid_iban_or_missing_holder_is_refused(member):
    with pytest.raises(ValidationError):
        mandates.give_mandate(member, account_holder="M", iban="DE00123")
    with pytest.raises(mandates.MandateError):
        mandates.give_mandate(member, account_holder=" ", iban="DE89370400440532013000")
    assert not SepaMandate.objects.exists()


def test_revoking_by_the_holder_or_secretariat_only(member, secretariat, outsider):
    mandate = mandates.give_mandate(
        member, account_holder="M", iban="DE89370400440532013000"
    )
    with pytest.raises(mandates.MandateError):
        mandates.revoke_mandate(mandate, by=outsider)
    mandates.revoke_mandate(mandate, by=secretariat)
    assert mandates.active_mandate(member) is None
    with pytest.raises(mandates.MandateError):
        mandates.revoke_mandate(mandate, by=member)


def test_the_secretariat_revokes_a_mandate_in_the_administration(member, secretariat):
    from django.test import Client
    from django.urls import reverse

    mandate = mandates.give_mandate(
        member, account_holder="M", iban="DE89370400440532013000"
    )
    client = Client()
    client.force_login(secretariat)
    url = reverse("admin:payments_sepamandate_changelist")
    page = client.get(url)
    assert page.status_code == 200
    assert "DE89370400440532013000" not in page.text
    response = client.post(
        url, {"action": "revoke", "_selected_action": [mandate.pk]}, follow=True
    )
    assert "1 Mandat widerrufen." in response.text
    mandate.refresh_from_db()
    assert mandate.revoked_by == secretariat
