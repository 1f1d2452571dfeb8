"""One small world with two groups, shared by the access matrix and the fuzz
tests (issue 7): every persona of the matrix and at least one object of every
kind a page can show, built with the apps' own factories.

Group A is the group most pages are asked about; group B, its leader and its
participant exist so that "B's leader gets 404 on A's objects" can be checked.
"""

import dataclasses
import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from balintkreis.accounts.tests.factories import (
    ChamberFactory,
    LeaderFactory,
    UserFactory,
)
from balintkreis.billing import invoices
from balintkreis.billing.tests.factories import (
    BillingAddressFactory,
    FeeAgreementFactory,
    IssuerFactory,
    TaxRuleFactory,
)
from balintkreis.cme import certificates
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.feedback import notes, polls, presenter
from balintkreis.groups import offers
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    InquiryFactory,
    MembershipFactory,
)
from balintkreis.groups.tests.factories_registration import (
    ApplicationFactory,
    InterestListEntryFactory,
)
from balintkreis.meetings import calendar
from balintkreis.meetings.models import CalendarFeed
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    CasePresentationFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.mentoring.models import SupervisionTerms
from balintkreis.mentoring.tests.factories import (
    FaqEntryFactory,
    MentoringRequestFactory,
    MentoringSessionFactory,
    MentorProfileFactory,
    MentorshipFactory,
    ensure_topics,
)
from balintkreis.online.models import Presence, TechCheck
from balintkreis.online.tests.factories import OnlineMeetingFactory
from balintkreis.payments import statements
from balintkreis.payments.models import DirectDebitBatch, StatementEntry
from balintkreis.payments.tests import camt_builder
from balintkreis.record import documents
from balintkreis.record.tests.factories import (
    PDF_BYTES,
    ChosenTargetFactory,
    OutsideEntryFactory,
)

PERSONAS = [
    "anonymous",
    "participant_a",
    "participant_b",
    "applicant",
    "leader_a",
    "leader_b",
    "mentor",
    "mentee",
    "secretariat",
]

EFN_A = "802760020090329"
EFN_B = "802760901234566"
CASE_THEME_A = "Thema-Alpha-Fall"
PAIR_NOTE = "Gemeinsame Notiz des Paares"
OTHER_PAIR_NOTE = "Notiz eines anderen Paares"
FEEDBACK_TEXT_A = "Rückmeldung-Alpha-vertraulich"
LEADER_NOTE_A = "Leitungsnotiz-Alpha-privat"


@dataclasses.dataclass
class World:
    people: dict[str, Any]
    objects: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        # Objects and people read as attributes: world.group_a, world.leader_b.
        for source in ("objects", "people"):
            values = self.__dict__.get(source, {})
            if name in values:
                return values[name]
        raise AttributeError(name)

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.people[persona])
        return client


def build_world() -> World:
    ensure_topics()
    chamber = ChamberFactory()
    people = {
        "participant_a": UserFactory(
            first_name="Paula", last_name="Aalberg", efn=EFN_A, chamber=chamber
        ),
        "participant_b": UserFactory(
            first_name="Bernd", last_name="Brenner", efn=EFN_B, chamber=chamber
        ),
        "applicant": UserFactory(first_name="Anton", last_name="Anwärter"),
        "leader_a": LeaderFactory(first_name="Lea", last_name="Leitung-A"),
        "leader_b": LeaderFactory(first_name="Leon", last_name="Leitung-B"),
        "mentor": LeaderFactory(first_name="Martha", last_name="Mentorin"),
        "mentee": UserFactory(first_name="Mia", last_name="Mentee"),
        "secretariat": UserFactory(
            first_name="Sina", last_name="Sekretariat", is_secretariat=True
        ),
    }
    objects = _groups_and_meetings(people, chamber)
    objects.update(_registration(people, objects))
    objects.update(_mentoring(people))
    objects.update(_online_and_feedback(people, objects))
    objects.update(_record(people))
    objects.update(_billing(people, objects))
    objects["inquiry"] = InquiryFactory(group=objects["group_a"])
    objects["faq_entry"] = FaqEntryFactory()
    objects.update(_payments(people))
    return World(people=people, objects=objects)


def _groups_and_meetings(people: dict, chamber: Any) -> dict:
    group_a = BalintGroupFactory(
        leader=people["leader_a"], title="Gruppe Alpha", slug="gruppe-alpha"
    )
    group_b = BalintGroupFactory(
        leader=people["leader_b"], title="Gruppe Beta", slug="gruppe-beta"
    )
    MembershipFactory(group=group_a, user=people["participant_a"])
    MembershipFactory(group=group_b, user=people["participant_b"])
    meeting_a = MeetingFactory(group=group_a, starts_at=days_ago(3))
    meeting_b = MeetingFactory(group=group_b, starts_at=days_ago(3))
    attendance_a = AttendanceFactory(
        meeting=meeting_a, user=people["participant_a"], confirmed=True
    )
    AttendanceFactory(meeting=meeting_b, user=people["participant_b"], confirmed=True)
    case_a = CasePresentationFactory(
        meeting=meeting_a,
        presenter=people["participant_a"],
        created_by=group_a.leader,
        theme=CASE_THEME_A,
    )
    event_number_a = EventNumberFactory(group=group_a, chamber=chamber)
    certificate_a = certificates.issue_for_meeting(
        meeting_a, user=people["participant_a"], by=people["leader_a"]
    )
    feed_a = calendar.feed_for(people["participant_a"], scope=CalendarFeed.Scope.MEMBER)
    return {
        "chamber": chamber,
        "group_a": group_a,
        "group_b": group_b,
        "meeting_a": meeting_a,
        "meeting_b": meeting_b,
        "attendance_a": attendance_a,
        "case_a": case_a,
        "event_number_a": event_number_a,
        "certificate_a": certificate_a,
        "feed_a": feed_a,
    }


def _registration(people: dict, objects: dict) -> dict:
    group_a = objects["group_a"]
    application = ApplicationFactory(group=group_a, user=people["applicant"])
    waiting = ApplicationFactory(group=group_a, waiting=True)
    offered = ApplicationFactory(group=group_a, offered=True)
    interest = InterestListEntryFactory(user=people["participant_a"])
    membership_a = group_a.memberships.get(user=people["participant_a"])
    return {
        "application_a": application,
        "waiting_a": waiting,
        "offer_token": offers.offer_token(offered),
        "interest_a": interest,
        "membership_a": membership_a,
    }


def _mentoring(people: dict) -> dict:
    profile = MentorProfileFactory(user=people["mentor"])
    mentorship = MentorshipFactory(
        request__mentor=people["mentor"],
        request__mentee=people["mentee"],
        started_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    MentoringSessionFactory(
        mentorship=mentorship,
        notes=PAIR_NOTE,
        logged_by=people["mentee"],
    )
    pending = MentoringRequestFactory(mentee=people["mentee"], mentor=people["mentor"])
    # Another pair: nobody of the matrix may read its notes.
    other = MentorshipFactory()
    MentoringSessionFactory(mentorship=other, notes=OTHER_PAIR_NOTE)
    return {
        "mentor_profile": profile,
        "mentorship": mentorship,
        "mentoring_request": pending,
        "other_mentorship": other,
        "other_request": other.request,
    }


def _billing(people: dict, objects: dict) -> dict:
    """An invoice of participant A (an agreed fixed fee) and a supervision
    of two people outside the matrix, ready to be invoiced."""
    TaxRuleFactory(issuer=IssuerFactory())
    BillingAddressFactory(user=people["participant_a"])
    membership_a = objects["membership_a"]
    agreement = FeeAgreementFactory(
        membership=membership_a, kind="fixed", reduction_percent=None, amount=300
    )
    invoice = invoices.issue_for_membership(
        membership_a, term_from=membership_a.started_on, by=people["secretariat"]
    )
    supervision = MentorshipFactory(
        status="supervision", supervision_from=timezone.localdate()
    )
    SupervisionTerms.objects.create(
        mentorship=supervision,
        fee_per_session=80,
        frequency="monthly",
        starts_on=timezone.localdate(),
        mentor_confirmed_at=timezone.now(),
        mentee_confirmed_at=timezone.now(),
    )
    return {
        "invoice_a": invoice,
        "fee_agreement_a": agreement,
        "supervision_mentorship": supervision,
    }


def _online_and_feedback(people: dict, objects: dict) -> dict:
    group_a, leader_a = objects["group_a"], people["leader_a"]
    online_a = OnlineMeetingFactory(group=group_a)
    now = timezone.now()
    Presence.objects.create(
        meeting=online_a,
        user=people["participant_a"],
        first_joined_at=now,
        last_seen_at=now,
    )
    TechCheck.objects.create(
        user=people["participant_a"], verdict="good", checked_at=now, browser="Firefox"
    )
    feedback = presenter.request_feedback(
        objects["meeting_a"], presenter=people["participant_a"], by=leader_a
    )
    presenter.submit(
        feedback,
        held_by_group=4,
        held_by_leadership=5,
        what_helped=FEEDBACK_TEXT_A,
        what_was_hard="",
    )
    notes.save_note(objects["meeting_a"], author=leader_a, text=LEADER_NOTE_A)
    poll = polls.open_poll(
        group_a,
        question="Präsenz oder online?",
        choices=["Präsenz", "Online"],
        by=leader_a,
    )
    return {"online_meeting_a": online_a, "feedback_a": feedback, "poll_a": poll}


def _payments(people: dict) -> dict:
    """A bank statement with a booking to review and a direct debit file
    (billing's ``invoice_a`` is the unpaid invoice)."""
    data = camt_builder.statement([camt_builder.transfer("45.00", "Spende")])
    imported = statements.import_statement(
        data, by=people["secretariat"], file_name="auszug.xml"
    )
    return {
        "bank_statement": imported.statement,
        "review_entry": StatementEntry.objects.get(statement=imported.statement),
        "debit_batch": DirectDebitBatch.objects.create(
            collection_on=datetime.date(2026, 12, 10), xml="<Document/>"
        ),
    }


def _record(people: dict) -> dict:
    """Participant A's Balint record: an outside entry naming leader A, with
    its encrypted scan, and a chosen target."""
    entry = OutsideEntryFactory(
        user=people["participant_a"], confirming_leader=people["leader_a"]
    )
    documents.store(
        entry,
        SimpleUploadedFile("scan.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    target = ChosenTargetFactory(user=people["participant_a"], key="psgv")
    return {"entry_a": entry, "target_a": target}
