import pytest
from django.urls import reverse

from balintkreis.accounts.models import Consent
from balintkreis.mentoring import profiles
from balintkreis.mentoring.models import MentorProfile, Topic

URL = reverse("mentoring:profile-edit")


def _data(**overrides):
    data = {
        "biography": "Hausärztin, leite seit 2010 eine Gruppe.",
        "years_leading": "15",
        "region": "SN",
        "city": "Leipzig",
        "mode": "both",
        "topics": [t.pk for t in Topic.objects.filter(code__in=["billing", "online"])],
        "is_accepting": "on",
        "max_mentees": "2",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_leader_publishes_profile_with_recorded_consent(
    mentor, mentor_client, settings
):
    response = mentor_client.post(URL, _data())

    profile = MentorProfile.objects.get(user=mentor)
    assert response.status_code == 302
    assert response.url == reverse("mentoring:mentor-detail", args=[profile.pk])
    assert profile.is_listed
    assert {t.code for t in profile.topics.all()} == {"billing", "online"}
    consent = Consent.objects.get(user=mentor, kind=Consent.Kind.MENTOR_LISTING)
    assert consent.version == settings.MENTOR_LISTING_CONSENT_VERSION
    page = mentor_client.get(response.url)
    assert "Ihr Mentoringprofil ist gespeichert" in page.content.decode()


def test_saving_again_does_not_record_a_second_consent(mentor, mentor_client):
    mentor_client.post(URL, _data())
    mentor_client.post(URL, _data(city="Halle"))
    assert MentorProfile.objects.get(user=mentor).city == "Halle"
    assert Consent.objects.filter(user=mentor).count() == 1


def test_missing_consent_and_city_rerender_with_german_errors(mentor, mentor_client):
    response = mentor_client.post(URL, _data(consent="", city=""))

    assert response.status_code == 422
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "Hausärztin, leite seit 2010 eine Gruppe." in html
    assert not MentorProfile.objects.exists()
    assert not Consent.objects.exists()


def test_participant_cannot_offer_mentoring(participant_client):
    assert participant_client.get(URL).status_code == 403
    assert participant_client.post(URL, _data()).status_code == 403


def test_rule_refuses_non_leader(participant):
    profile = MentorProfile(
        user=participant,
        biography="x",
        years_leading=1,
        region="TH",
        city="J",
        mode="online",
    )
    with pytest.raises(profiles.ProfileError):
        profiles.publish(profile, topics=[], consent=True)


def test_withdraw_unlists_and_withdraws_consent(mentor, mentor_client):
    mentor_client.post(URL, _data())
    response = mentor_client.post(reverse("mentoring:profile-withdraw"))

    assert response.status_code == 302
    assert not MentorProfile.objects.get(user=mentor).is_listed
    assert Consent.objects.get(user=mentor).withdrawn_at is not None
    assert not profiles.has_listing_consent(mentor)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response.url
