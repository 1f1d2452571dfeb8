import pytest
from django.urls import reverse

from balintkreis.core.models import AuditEvent
from balintkreis.core.regions import Region
from balintkreis.mentoring.models import MentorProfile
from balintkreis.mentoring.tests.factories import (
    MentorProfileFactory,
    MentorshipFactory,
)

URL = reverse("mentoring:directory")


def test_anonymous_visitors_must_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["participant", "leader", "secretariat"])
def test_any_logged_in_member_sees_listed_mentors(request, persona, mentor_profile):
    MentorProfileFactory(is_listed=False, user__last_name="Versteckt")
    client = request.getfixturevalue(f"{persona}_client")

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Martha Mentorin" in html
    assert "Versteckt" not in html
    assert "1 Mentorin bzw. Mentor gefunden" in html


def test_filters_by_region_topic_and_online(participant_client, mentor_profile):
    MentorProfileFactory(
        region=Region.BY,
        mode=MentorProfile.Mode.IN_PERSON,
        topics=["rooms"],
        user__last_name="Oberhuber",
    )
    by_region = participant_client.get(URL, {"region": "BY"}).content.decode()
    by_topic = participant_client.get(URL, {"topic": "billing"}).content.decode()
    online = participant_client.get(URL, {"online": "on"}).content.decode()

    assert "Oberhuber" in by_region
    assert "Martha Mentorin" not in by_region
    assert "Martha Mentorin" in by_topic
    assert "Oberhuber" not in by_topic
    assert "Martha Mentorin" in online
    assert "Oberhuber" not in online


def test_full_mentor_shows_no_open_place(participant_client, mentor_profile):
    mentor_profile.max_mentees = 1
    mentor_profile.save()
    MentorshipFactory(request__mentor=mentor_profile.user)

    html = participant_client.get(URL).content.decode()
    assert "derzeit kein freier Platz" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_directory_query_count_is_constant(
    participant_client, django_assert_num_queries, rows, settings
):
    # The rendering's queries, without the per-person page cache's own.
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    for profile in MentorProfileFactory.create_batch(rows):
        MentorshipFactory(request__mentor=profile.user)
    # session, user, profiles with running counts, prefetched topics
    with django_assert_num_queries(4):
        response = participant_client.get(URL)
    assert response.status_code == 200


def test_secretariat_exports_csv_with_umlauts(
    secretariat, secretariat_client, mentor_profile
):
    mentor_profile.city = "Görlitz"
    mentor_profile.save()

    response = secretariat_client.get(reverse("mentoring:directory-csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("Name;E-Mail;Telefon;Bundesland;Ort")
    assert "Martha Mentorin" in row
    assert "Görlitz" in row
    assert "Thüringen" in row
    assert AuditEvent.objects.filter(
        actor=secretariat, action="mentoring.directory.exported"
    ).exists()


def test_secretariat_exports_pdf(secretariat_client, mentor_profile):
    from io import BytesIO

    from pypdf import PdfReader

    response = secretariat_client.get(
        reverse("mentoring:directory-pdf"), {"region": "TH"}
    )

    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Martha Mentorin" in text
    assert "Thüringen" in text or "Thueringen" in text


@pytest.mark.parametrize("name", ["mentoring:directory-csv", "mentoring:directory-pdf"])
def test_only_the_secretariat_exports(participant_client, mentor_client, name):
    assert participant_client.get(reverse(name)).status_code == 403
    assert mentor_client.get(reverse(name)).status_code == 403


def test_mentor_detail_shows_contact_and_request_button(
    participant_client, mentor_profile
):
    response = participant_client.get(
        reverse("mentoring:mentor-detail", args=[mentor_profile.pk])
    )
    html = response.content.decode()
    assert mentor_profile.user.email in html
    assert "Um Mentoring bitten" in html


def test_unlisted_mentor_is_not_found(participant_client):
    hidden = MentorProfileFactory(is_listed=False)
    url = reverse("mentoring:mentor-detail", args=[hidden.pk])
    assert participant_client.get(url).status_code == 404


def test_pdf_without_dejavu_transliterates(monkeypatch, mentor_profile):
    from io import BytesIO
    from pathlib import Path

    from pypdf import PdfReader

    from balintkreis.mentoring import directory

    monkeypatch.setattr(directory, "FONT", Path("/nonexistent/font.ttf"))
    content = directory.export_pdf(list(MentorProfile.objects.for_directory()))
    text = PdfReader(BytesIO(content)).pages[0].extract_text()
    assert "Thueringen" in text
