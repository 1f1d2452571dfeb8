"""Attack: after "Konto löschen" the database still names the person.

A person uses every feature that stores data, then deletes the account. An
attacker with a copy of the database (or the secretariat in the audit log
and the outbox) searches every text column of every table for the person's
name, e-mail addresses and phone number. Nothing may be found: audit events
and admin log entries refer to the person by a pseudonymous id, mails about
the person (to anyone) and the contact messages they sent are gone.

The one documented exception, the pseudonymised proof of filed CME
attendance (confirmed ``meetings.Attendance`` rows and issued
``cme.Certificate`` rows, tied to a ``person-<id>@pseudonym.invalid`` user),
holds none of these values either, so the search expects no hit at all.
Runs on SQLite and on PostgreSQL (``DATABASE_URL``).
"""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.cme import certificates
from balintkreis.cme.models import Certificate
from balintkreis.core import audit
from balintkreis.core.checks import encrypted_fields
from balintkreis.feedback import polls, presenter
from balintkreis.groups import applications, inquiries, interest
from balintkreis.groups.models import InterestListEntry
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import calendar
from balintkreis.meetings.models import Attendance, CalendarFeed
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    CasePresentationFactory,
)
from balintkreis.mentoring import mentee_requests
from balintkreis.mentoring.models import MentoringRequest
from balintkreis.online.models import Presence, TechCheck

pytestmark = pytest.mark.django_db(transaction=True)

FIRST, LAST = "Zacharias", "Quäkenbrück"
FULL = f"{FIRST} {LAST}"
EMAIL, SECOND_EMAIL = "zq.loeschtest@example.org", "zacharias.privat@example.net"
PHONE = "+49 3641 5550199"
EFN = "802760020090337"
PASSWORD = "geheim-genug-123"


def _variants(value: str) -> set[str]:
    """The value as typed and as JSON stores it (umlauts escaped)."""
    return {value.lower(), json.dumps(value)[1:-1].lower()}


NEEDLES = {
    needle
    for value in (FIRST, LAST, FULL, EMAIL, SECOND_EMAIL, PHONE)
    for needle in _variants(value)
}


def _text(value: object) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def find_everywhere() -> list[tuple[str, str, str]]:
    """Every (table, column, value) holding a needle: raw columns of every
    table, and the decrypted value of every encrypted column."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {quote(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text(value).lower()
                    if any(needle in text for needle in NEEDLES):
                        found.append((table, column, _text(value)[:120]))
    for model, field in encrypted_fields():
        for pk, value in model._base_manager.values_list("pk", field.name):
            if any(needle in (value or "").lower() for needle in NEEDLES):
                label = f"{model._meta.label}.{field.name} (decrypted)"
                found.append((label, str(pk), value[:120]))
    return found


@pytest.fixture
def person(world):
    """A person who used every feature that stores something about them."""
    user = UserFactory(
        first_name=FIRST,
        last_name=LAST,
        email=EMAIL,
        phone=PHONE,
        efn=EFN,
        chamber=world.chamber,
    )
    EmailAddress.objects.create(user=user, email=SECOND_EMAIL, verified=True)
    group_a, meeting_a = world.group_a, world.meeting_a
    MembershipFactory(group=group_a, user=user)
    AttendanceFactory(meeting=meeting_a, user=user, confirmed=True)
    certificates.issue_for_meeting(meeting_a, user=user, by=world.leader_a)
    CasePresentationFactory(
        meeting=meeting_a, presenter=user, created_by=world.leader_a, theme="Ein Fall"
    )
    feedback = presenter.request_feedback(meeting_a, presenter=user, by=world.leader_a)
    presenter.submit(
        feedback,
        held_by_group=4,
        held_by_leadership=4,
        what_helped="Die Ruhe.",
        what_was_hard="",
    )
    polls.vote(world.poll_a, voter=user, choice_id=world.poll_a.choices.first().pk)
    calendar.feed_for(user, scope=CalendarFeed.Scope.MEMBER)
    now = timezone.now()
    Presence.objects.create(
        meeting=world.online_meeting_a, user=user, first_joined_at=now, last_seen_at=now
    )
    TechCheck.objects.create(user=user, verdict="good", checked_at=now, browser="Edge")
    applications.apply(
        world.group_b,
        user=user,
        message=f"Mit freundlichen Grüßen, {FULL}, Telefon {PHONE}",
    )
    inquiries.submit_inquiry(
        name=FULL,
        email=EMAIL,
        profession="Ärztin",
        message=f"Bitte rufen Sie mich an: {PHONE}. {FULL}",
        consent_version="1",
    )
    interest.register(
        user,
        region=InterestListEntry.Region.TH,
        format="online",
        note=f"Abends erreichbar unter {PHONE}",
    )
    mentee_requests.send(
        world.mentor_profile,
        mentee=user,
        situation=MentoringRequest.Situation.NEW,
        topics=[],
        message=f"Ich bin {FULL} ({EMAIL}).",
    )
    # The secretariat corrected the profile in the administration.
    LogEntry.objects.log_actions(
        world.secretariat.pk, [user], CHANGE, change_message=f"Telefon {PHONE}"
    )
    audit.record(world.secretariat, "accounts.profile.viewed", user)
    return user


def _delete_account(person: User) -> None:
    from django.test import Client

    client = Client()
    client.force_login(person)
    # Ask for a password reset first: a mail with the name and a link.
    client.post(reverse("account_reset_password"), {"email": EMAIL})
    assert any(EMAIL in m.to for m in mail.outbox)
    response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})
    assert response.status_code == 302


def test_the_person_is_searchable_before_deletion(person):
    # The search itself works: before deletion it finds the person widely.
    tables = {table for table, _column, _value in find_everywhere()}
    assert {"accounts_user", "core_auditevent", "groups_inquiry"} <= tables


def test_nothing_names_the_person_after_deletion(person):
    pk = person.pk
    _delete_account(person)
    found = find_everywhere()
    assert found == [], "\n".join(map(str, found))
    # The proofs of CME attendance stay, pseudonymised.
    kept = User.objects.get(pk=pk)
    assert kept.email == f"person-{pk}@pseudonym.invalid"
    assert Attendance.objects.filter(user=kept, confirmed_at__isnull=False).exists()
    assert Certificate.objects.filter(user=kept).exists()


def test_audit_events_refer_to_people_by_a_pseudonymous_id(person):
    from balintkreis.core.models import AuditEvent

    event = AuditEvent.objects.filter(action="accounts.profile.viewed").get()
    assert event.object_repr == f"person-{person.pk}"
    assert LAST not in event.object_repr
    membership_event = audit.record(None, "test.membership", person.memberships.first())
    assert LAST not in membership_event.object_repr
    assert f"person-{person.pk}" in membership_event.object_repr
