from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from balintkreis.accounts import registration
from balintkreis.accounts.tests.factories import UserFactory


def test_confirm_email_lets_a_person_made_elsewhere_log_in(db):
    user = UserFactory(verified_email=False)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "geheim-genug-123"}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    registration.confirm_email(user)
    registration.confirm_email(user)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "geheim-genug-123"}
    )
    assert response["Location"] == reverse("accounts:dashboard")
