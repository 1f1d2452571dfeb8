import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from balintkreis.mentoring import supervision
from balintkreis.mentoring.models import Mentorship, SupervisionTerms
from balintkreis.mentoring.tests.factories import MentoringSessionFactory

TERMS = {
    "fee_per_session": "90",
    "frequency": "monthly",
    "starts_on": "2026-12-01",
    "notes": "60 Minuten",
}


def _propose(client, mentorship, **overrides):
    url = reverse("mentoring:terms-propose", args=[mentorship.pk])
    return client.post(url, {**TERMS, **overrides})


def _confirm(client, mentorship, revision):
    url = reverse("mentoring:terms-confirm", args=[mentorship.pk])
    return client.post(url, {"revision": revision})


@pytest.mark.django_db(transaction=True)
def test_supervision_counts_once_both_confirmed(
    mentor_client, mentee_client, mentorship, mentee
):
    MentoringSessionFactory.create_batch(3, mentorship=mentorship)

    response = _propose(mentor_client, mentorship)

    assert response.status_code == 302
    terms = SupervisionTerms.objects.get()
    assert terms.fee_per_session == Decimal("90.00")
    assert terms.mentor_confirmed_at
    assert not terms.mentee_confirmed_at
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE
    assert [m.to for m in mail.outbox] == [[mentee.email]]

    _confirm(mentee_client, mentorship, terms.revision)

    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.SUPERVISION
    assert mentorship.supervision_from == datetime.date(2026, 12, 1)
    assert sum("Supervision vereinbart" in m.subject for m in mail.outbox) == 2
    page = mentee_client.get(
        reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    ).content.decode()
    assert "Beide haben bestätigt" in page


def test_a_change_resets_the_other_confirmation(mentorship, mentor, mentee):
    terms = supervision.propose(
        mentorship,
        by=mentor,
        fee_per_session=Decimal("90"),
        frequency="monthly",
        starts_on=datetime.date(2026, 12, 1),
    )
    supervision.propose(
        mentorship,
        by=mentee,
        fee_per_session=Decimal("80"),
        frequency="monthly",
        starts_on=datetime.date(2026, 12, 1),
    )
    terms.refresh_from_db()
    assert terms.mentee_confirmed_at
    assert not terms.mentor_confirmed_at
    assert terms.revision == 2
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_confirming_an_outdated_revision_is_refused(mentorship, mentor, mentee):
    supervision.propose(
        mentorship,
        by=mentor,
        fee_per_session=Decimal("90"),
        frequency="monthly",
        starts_on=datetime.date(2026, 12, 1),
    )
    supervision.propose(
        mentorship,
        by=mentor,
        fee_per_session=Decimal("120"),
        frequency="monthly",
        starts_on=datetime.date(2026, 12, 1),
    )
    with pytest.raises(supervision.TermsError):
        supervision.confirm(mentorship, by=mentee, revision=1)


def test_stale_confirmation_shows_german_message(mentee_client, mentorship, mentor):
    supervision.propose(
        mentorship,
        by=mentor,
        fee_per_session=Decimal("90"),
        frequency="monthly",
        starts_on=datetime.date(2026, 12, 1),
    )
    response = _confirm(mentee_client, mentorship, 99)
    page = mentee_client.get(response.url).content.decode()
    assert "inzwischen geändert" in page


def test_invalid_terms_rerender_the_decision_page(mentor_client, mentorship):
    response = _propose(mentor_client, mentorship, fee_per_session="-5")
    assert response.status_code == 422
    html = response.content.decode()
    assert "größer oder gleich 0" in html
    assert "60 Minuten" in html
    assert not SupervisionTerms.objects.exists()


def test_outsider_cannot_propose(outsider_client, secretariat_client, mentorship):
    assert _propose(outsider_client, mentorship).status_code == 404
    assert _propose(secretariat_client, mentorship).status_code == 404
