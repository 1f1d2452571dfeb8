"""The secretariat's work queue (site/homes/secretariat.py) and the person
search (site/search.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.models import Application, BalintGroup
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    InquiryFactory,
    MembershipFactory,
)
from balintkreis.groups.tests.factories_registration import (
    ApplicationFactory,
    InterestListEntryFactory,
)
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.notifications.models import OutboxEmail
from balintkreis.payments.tests import factories as payment_factories
from balintkreis.record.tests.factories import OutsideEntryFactory
from balintkreis.site.homes.secretariat import secretariat_home

DASHBOARD = reverse("accounts:dashboard")
SEARCH = reverse("site:person-search")


def _aged(application: Application, days: int) -> Application:
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    application.refresh_from_db()
    return application


def _failed_mail(to: str = "weg@example.org") -> OutboxEmail:
    return OutboxEmail.objects.create(
        key=f"test:{to}",
        to=to,
        subject="Ihre Anmeldung",
        body_text="…",
        status=OutboxEmail.Status.FAILED,
    )


@pytest.mark.django_db
def test_applications_waiting_longer_than_the_setting(secretariat, settings):
    settings.SECRETARIAT_APPLICATION_WAIT_DAYS = 7
    old = _aged(ApplicationFactory(), 8)
    _aged(ApplicationFactory(), 6)
    _aged(ApplicationFactory(waiting=True), 30)  # waiting list: no decision due
    assert secretariat_home(secretariat).stale_applications == [old]

    settings.SECRETARIAT_APPLICATION_WAIT_DAYS = 3
    assert len(secretariat_home(secretariat).stale_applications) == 2


@pytest.mark.django_db
def test_offers_expiring_within_48_hours(secretariat):
    soon = ApplicationFactory(
        offered=True, offer_expires_at=timezone.now() + datetime.timedelta(hours=20)
    )
    ApplicationFactory(offered=True)  # seven days left
    assert secretariat_home(secretariat).expiring_offers == [soon]


@pytest.mark.django_db
def test_overdue_chamber_reports_by_group(secretariat):
    group = BalintGroupFactory(title="Überfällig")
    for days in (20, 30):
        meeting = MeetingFactory(group=group, starts_at=days_ago(days))
        AttendanceFactory(meeting=meeting, confirmed=True)
    recent = MeetingFactory(starts_at=days_ago(2))  # not due yet
    AttendanceFactory(meeting=recent, confirmed=True)

    [row] = secretariat_home(secretariat).overdue_reports
    assert row.group == group
    assert len(row.reports) == 2
    assert row.open_lines == 2


@pytest.mark.django_db
def test_work_queue_on_the_dashboard(secretariat_client, settings):
    settings.INTEREST_LIST_THRESHOLD = 8
    group = BalintGroupFactory(
        title="Gruppe im Aufbau", status=BalintGroup.Status.FORMING, min_size=8
    )
    MembershipFactory(group=group)
    clara = InquiryFactory(name="Clara Anfrage")
    InquiryFactory(name="Schon beantwortet", status="answered")
    for _ in range(8):
        InterestListEntryFactory(region="TH", format="online")
    InterestListEntryFactory(region="nationwide", format="online")
    _failed_mail()

    html = secretariat_client.get(DASHBOARD).text
    assert "Sekretariat: Was ansteht" in html
    assert "1 neue Anfrage" in html
    assert "Clara Anfrage" in html
    assert reverse("groups:inquiry-detail", args=[clara.pk]) in html
    assert "Schon beantwortet" not in html
    assert "8 Interessierte in Thüringen, online" in html
    assert "genug für eine Gruppe" in html
    assert "1 interessierte Person ohne Ortsbindung, online" in html
    assert "Gruppe im Aufbau" in html
    assert "Gruppen in Gründung" in html
    assert "1 von mindestens 8 Teilnehmenden" in html
    assert "1 E-Mail konnte nicht versandt werden" in html
    assert "weg@example.org" in html


@pytest.mark.django_db
def test_group_rows_lead_to_work_pages_not_the_catalogue(secretariat_client, group):
    html = secretariat_client.get(DASHBOARD).text
    for name in ("groups:application-list", "groups:waiting-list", "groups:members"):
        assert reverse(name, args=[group.slug]) in html
    assert reverse("meetings:list", args=[group.slug]) in html
    assert reverse("cme:event-numbers", args=[group.slug]) in html
    assert f'href="{reverse("groups:detail", args=[group.slug])}"' not in html


@pytest.mark.django_db
def test_others_see_no_work_queue(leader_client, participant_client):
    for client in (leader_client, participant_client):
        html = client.get(DASHBOARD).text
        assert "Sekretariat: Was ansteht" not in html
        assert SEARCH not in html


def _world(groups: int) -> None:
    for n in range(groups):
        group = BalintGroupFactory(status=BalintGroup.Status.FORMING)
        MembershipFactory(group=group)
        _aged(ApplicationFactory(group=group), 10)
        ApplicationFactory(group=group, waiting=True)
        ApplicationFactory(
            group=group,
            offered=True,
            offer_expires_at=timezone.now() + datetime.timedelta(hours=5),
        )
        meeting = MeetingFactory(group=group, starts_at=days_ago(20 + n))
        AttendanceFactory(meeting=meeting, confirmed=True)
        InquiryFactory(group=group)
        InterestListEntryFactory(region=["TH", "SN", "BY"][n % 3])
        _failed_mail(f"weg{n}@example.org")
        payment_factories.invoice(
            UserFactory(), issued_on=datetime.date.today() - datetime.timedelta(60)
        )
        OutsideEntryFactory()


@pytest.mark.django_db
@pytest.mark.parametrize("groups", [3, 30])
def test_query_count_does_not_grow_with_the_data(secretariat, groups):
    _world(groups)
    with CaptureQueriesContext(connection) as queries:
        home = secretariat_home(secretariat)
    assert len(home.groups) == groups
    assert len(home.stale_applications) == groups
    assert len(home.expiring_offers) == groups
    assert len(home.overdue_reports) == groups
    assert len(home.forming_groups) == groups
    assert home.new_inquiry_count == groups
    assert home.failed_mail_count == groups
    assert home.payments.overdue_count == groups
    assert home.record_entries_to_confirm == groups
    # groups, stale applications, offers, open reports (meetings, lines,
    # people, event numbers), inquiries and their count, interest list,
    # failed mail and its count, open invoices' totals and the overdue ones,
    # record entries to confirm
    assert len(queries) <= 16, [q["sql"] for q in queries]


@pytest.mark.django_db
def test_record_entries_waiting_for_confirmation_are_counted_and_linked(
    secretariat_client, secretariat
):
    OutsideEntryFactory()
    OutsideEntryFactory(confirming_leader=UserFactory())  # the secretariat too
    OutsideEntryFactory(confirmed=True)  # decided
    OutsideEntryFactory(user=secretariat)  # never one's own
    home = secretariat_home(secretariat)
    assert home.record_entries_to_confirm == 2
    assert home.has_tasks
    page = secretariat_client.get(DASHBOARD).content.decode()
    assert "2 Einträge in Balint-Konten warten auf Bestätigung" in page
    assert f'href="{reverse("record:queue")}"' in page


# Person search


@pytest.mark.django_db
def test_search_by_name_shows_memberships_and_applications(
    secretariat_client, secretariat, group
):
    person = UserFactory(
        first_name="Hedwig", last_name="Sucher", email="hedwig@example.org"
    )
    MembershipFactory(group=group, user=person)
    other = BalintGroupFactory(title="Andere Gruppe")
    ApplicationFactory(group=other, user=person, waiting=True)
    UserFactory(first_name="Hedwig", last_name="Anders")

    response = secretariat_client.get(SEARCH, {"q": "hedwig sucher"})
    assert response.status_code == 200
    html = response.text
    assert "1 Person gefunden" in html
    assert "Hedwig Sucher" in html
    assert "Anders" not in html
    assert reverse("groups:members", args=[group.slug]) in html
    assert reverse("groups:waiting-list", args=[other.slug]) in html
    assert "auf der Warteliste" in html
    [event] = AuditEvent.objects.filter(action="site.person_search.read")
    assert event.actor == secretariat
    assert event.data == {"found": [f"person-{person.pk}"]}
    assert "Hedwig" not in str(event.data) + event.object_repr


@pytest.mark.django_db
def test_search_by_email_part(secretariat_client):
    UserFactory(first_name="Ida", last_name="Post", email="ida.post@praxis.example")
    html = secretariat_client.get(SEARCH, {"q": "praxis.example"}).text
    assert "Ida Post" in html


@pytest.mark.django_db
def test_too_short_or_unknown_queries_are_explained(secretariat_client):
    html = secretariat_client.get(SEARCH, {"q": "a"}).text
    assert "mindestens 2 Zeichen" in html
    assert 'value="a"' in html  # what was typed stays
    html = secretariat_client.get(SEARCH, {"q": "Niemandsname"}).text
    assert "Niemand passt" in html
    assert not AuditEvent.objects.filter(
        action="site.person_search.read", data__found=["x"]
    ).exists()


@pytest.mark.django_db
def test_search_is_for_the_secretariat_only(leader_client, participant_client, client):
    assert leader_client.get(SEARCH, {"q": "x"}).status_code == 403
    assert participant_client.get(SEARCH).status_code == 403
    assert client.get(SEARCH)["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("people", [3, 30])
def test_search_query_count(secretariat_client, people, django_assert_num_queries):
    for _ in range(people):
        person = UserFactory(last_name="Vielfach")
        MembershipFactory(user=person)
        ApplicationFactory(user=person)
    # session, user, people, their memberships, their applications, audit row
    with django_assert_num_queries(6):
        secretariat_client.get(SEARCH, {"q": "vielfach"})


@pytest.mark.django_db
def test_a_leader_in_the_secretariat_sees_both_sections_leader_first(
    secretariat, client
):
    led = BalintGroupFactory(leader=secretariat, title="Eigene Gruppe")
    MeetingFactory(group=led, starts_at=days_ago(-1))
    client.force_login(secretariat)
    html = client.get(DASHBOARD).text
    assert html.index("Meine Gruppenleitung") < html.index("Sekretariat: Was ansteht")
    assert html.index("Sekretariat: Was ansteht") < html.index("Mein Profil")


@pytest.mark.django_db
def test_an_empty_queue_says_so_in_one_line(secretariat_client):
    html = secretariat_client.get(DASHBOARD).text
    assert "In der Arbeitsliste wartet nichts" in html
    assert "Platzangebote, die in 48 Stunden ablaufen" not in html


@pytest.mark.django_db
def test_overdue_invoices_are_on_the_home(secretariat_client):
    overdue = payment_factories.invoice(
        UserFactory(), issued_on=datetime.date.today() - datetime.timedelta(60)
    )
    html = secretariat_client.get(DASHBOARD).text
    assert "1 Rechnung überfällig (120,00 €)" in html
    assert reverse("payments:record", args=[overdue.pk]) in html


@pytest.mark.django_db
def test_group_rows_show_a_change_at_once(secretariat_client):
    """The rows of "All groups" are shared fragments keyed by what they show
    (core/fragments.py): a new member or a renamed leader shows at once."""
    group = BalintGroupFactory(title="Gruppe Frisch", capacity=10)
    url = reverse("accounts:dashboard")
    assert "0 von 10 Plätzen belegt" in secretariat_client.get(url).text

    MembershipFactory(group=group)
    group.leader.last_name = "Neuname"
    group.leader.save()

    html = secretariat_client.get(url).text
    assert "1 von 10 Plätzen belegt" in html
    assert "Neuname" in html


@pytest.mark.django_db
def test_overdue_open_lines_are_counted_as_the_rule_says(secretariat):
    """The open lines per meeting are counted in the database (issue 17):
    the same numbers as the rule line by line (cme.export.is_open) for a mix
    of unreported lines, reported and paper ones (done), refused ones (open),
    "no EFN" resolutions with and without an EFN now, lines that do not
    count, and a meeting whose lines are all done (not listed)."""
    from balintkreis.cme import deadlines, export
    from balintkreis.cme.models import ReportEntry

    group = BalintGroupFactory(title="Gemischt")
    valid, missing = "802760020090329", ""
    now = timezone.now()

    def line(meeting, status=None, efn=valid, *, confirmed=True, submitted=3):
        attendance = AttendanceFactory(
            meeting=meeting, user=UserFactory(efn=efn), confirmed=confirmed
        )
        if status is not None:
            ReportEntry.objects.create(
                attendance=attendance,
                status=status,
                method=ReportEntry.Method.MANUAL,
                first_submitted_at=now - datetime.timedelta(days=submitted),
            )
        return attendance

    S = ReportEntry.Status
    first = MeetingFactory(group=group, starts_at=days_ago(30))
    line(first)  # no entry: open
    line(first, efn=missing)  # no entry, no EFN: open until resolved
    line(first, S.REPORTED)
    line(first, S.PAPER)
    line(first, S.FAILED)  # refused: open
    line(first, confirmed=False)  # does not count
    second = MeetingFactory(group=group, starts_at=days_ago(20))
    line(second, S.NO_EFN, efn=missing)  # resolved
    line(second, S.NO_EFN, efn=valid)  # EFN now valid, window open: open
    line(second, S.NO_EFN, efn=valid, submitted=40)  # window closed: resolved
    line(second, S.PAPER_HANDED_OUT)  # resolved
    done = MeetingFactory(group=group, starts_at=days_ago(25))
    line(done, S.REPORTED)
    line(done, S.PAPER)

    def by_rule(meeting):
        return sum(
            export.is_open(
                getattr(a, "report", None),
                problem=export.efn_problem(a.user.efn),
                now=now,
            )
            for a in meeting.attendances.counting().select_related("report", "user")
        )

    reports = {r.meeting.pk: r.open_count for r in deadlines.open_reports(now=now)}
    assert reports == {first.pk: by_rule(first), second.pk: by_rule(second)}
    assert reports == {first.pk: 3, second.pk: 1}

    [row] = secretariat_home(secretariat, now=now).overdue_reports
    assert [r.meeting_id for r in row.reports] == [first.pk, second.pk]
    assert row.open_lines == 4
    assert row.overdue == 2


@pytest.mark.django_db
def test_overdue_rows_show_a_change_at_once(secretariat_client):
    """The overdue lines are shared fragments keyed by what they show: a
    newly confirmed line and a renamed group show at once."""
    group = BalintGroupFactory(title="Gruppe Alt")
    meeting = MeetingFactory(group=group, starts_at=days_ago(30))
    AttendanceFactory(meeting=meeting, confirmed=True)
    url = reverse("accounts:dashboard")
    html = secretariat_client.get(url).text
    assert "1 Zeile offen" in html
    assert "Gruppe Alt" in html

    AttendanceFactory(meeting=meeting, confirmed=True)
    group.title = "Gruppe Neu"
    group.save()

    html = secretariat_client.get(url).text
    assert "2 Zeilen offen" in html
    assert "Gruppe Neu" in html
