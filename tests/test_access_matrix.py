"""The access matrix over every named URL (issue 7, STYLE.md section 11).

``test_every_named_url_has_an_entry`` walks the whole URLconf: a new page
without a row in MATRIX fails the suite. Each row says how to build the URL
from the shared world (tests/world.py) and what each persona gets on GET:
a status code, or LOGIN for the redirect to the log-in page. Personas that
are refused must also be refused on an empty POST (no write by the back door).

Outside the matrix, with the reason:
- ``admin:`` (Django admin) – the admin checks its own model permissions;
  ``test_admin_is_closed_to_everybody_but_the_secretariat`` below covers it.
- the allauth URLConf (``/konto/``: ``account_*``, ``mfa_*``) – third-party
  pages whose access rules are tested in balintkreis/accounts/tests.
"""

import contextlib
import dataclasses
from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from balintkreis.groups import access
from balintkreis.groups.access import RIGHTS, Action, Role
from tests import world
from tests.world import PERSONAS, World

EXCLUDED_NAMESPACES = {"admin": "Django admin, see test_admin_* below"}
EXCLUDED_URLCONFS = {"allauth.urls": "allauth/MFA pages, see accounts/tests"}

LOGIN = "login"


def named_patterns() -> set[str]:
    """Every reversible name of the URLconf, with its namespaces."""
    return set(_walk(get_resolver().url_patterns, prefix=""))


def _walk(patterns: list, *, prefix: str) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            if getattr(pattern.urlconf_module, "__name__", "") in EXCLUDED_URLCONFS:
                continue
            nested = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _walk(pattern.url_patterns, prefix=nested)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


@dataclasses.dataclass(frozen=True)
class Row:
    kwargs: Callable[[World], dict]
    expected: dict[str, int | str]
    method: str = "get"


def _row(
    kwargs: Callable[[World], dict],
    default: int | str,
    *,
    method: str = "get",
    anonymous: int | str = LOGIN,
    **overrides: int | str,
) -> Row:
    expected = {persona: default for persona in PERSONAS}
    expected.update(anonymous=anonymous, **overrides)
    return Row(kwargs, expected, method)


def public(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    return _row(kwargs, ok, anonymous=ok, **kw)


def signed_in(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    return _row(kwargs, ok, **kw)


def secretariat_only(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    return _row(kwargs, 403, **{"secretariat": ok, **kw})


def leaders(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    return _row(kwargs, 403, **{"leader_a": ok, "leader_b": ok, "mentor": ok, **kw})


def group_a_staff(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    """Registration pages of the public group A: others may know the group
    exists, so they get 403 before any object is looked up."""
    return _row(kwargs, 403, **{"leader_a": ok, "secretariat": ok, **kw})


def meeting_a_staff(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    """Leader pages of A's meetings: A's member 403, everybody else 404."""
    staff = {"participant_a": 403, "leader_a": ok, "secretariat": ok}
    return _row(kwargs, 404, **{**staff, **kw})


def meeting_a_members(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    readers = {"participant_a": ok, "leader_a": ok, "secretariat": ok}
    return _row(kwargs, 404, **{**readers, **kw})


def owner(persona: str, kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    return _row(kwargs, 404, **{persona: ok, **kw})


def pair(kwargs: Callable, ok: int = 200, **kw: int | str) -> Row:
    """The mentoring pair only; everybody else, the secretariat too, 404."""
    return _row(kwargs, 404, **{"mentor": ok, "mentee": ok, **kw})


def _slug_a(w: World) -> dict:
    return {"slug": w.group_a.slug}


def _meeting_a(w: World) -> dict:
    return {"slug": w.group_a.slug, "pk": w.meeting_a.pk}


def _line_a(w: World) -> dict:
    return {
        "slug": w.group_a.slug,
        "pk": w.meeting_a.pk,
        "attendance_pk": w.attendance_a.pk,
    }


def _certificate_a(w: World) -> dict:
    return {"slug": w.group_a.slug, "pk": w.certificate_a.pk}


def _vnr_a(w: World) -> dict:
    return {"slug": w.group_a.slug, "pk": w.event_number_a.pk}


def _none(w: World) -> dict:
    return {}


def _pk(attribute: str) -> Callable[[World], dict]:
    return lambda w: {"pk": getattr(w, attribute).pk}


def _in_group_a(attribute: str) -> Callable[[World], dict]:
    return lambda w: {"slug": w.group_a.slug, "pk": getattr(w, attribute).pk}


def _online_a(w: World) -> dict:
    return {"meeting_id": w.online_meeting_a.pk}


def _feedback_meeting_a(w: World) -> dict:
    return {"meeting_id": w.meeting_a.pk}


POST = "post"

MATRIX: dict[str, Row] = {
    # core
    "core:home": public(_none),
    "core:page": public(lambda w: {"slug": "balintgruppe"}),
    "core:health": public(_none),
    "core:ready": public(_none),
    "core:language": public(lambda w: {"code": "de"}, 302),
    # accounts
    "accounts:dashboard": signed_in(_none),
    "accounts:profile": signed_in(_none),
    "accounts:leader-profile": leaders(_none),
    "accounts:my-data": signed_in(_none),
    "accounts:my-data-json": signed_in(_none),
    "accounts:account-delete": signed_in(_none),
    # site
    "site:person-search": secretariat_only(_none),
    # adviser: public, by GET, nothing stored
    "adviser:adviser": public(_none),
    # groups: catalogue, contact, secretariat
    "groups:catalogue": public(_none),
    "groups:detail": public(_slug_a),
    "groups:contact": public(_none),
    "groups:contact-thanks": public(_none),
    "groups:today": secretariat_only(_none),
    "groups:inquiry-list": secretariat_only(_none),
    "groups:inquiry-answer": secretariat_only(_pk("inquiry"), 302, method=POST),
    "groups:inquiry-detail": secretariat_only(_pk("inquiry")),
    "groups:inquiry-reply": secretariat_only(_pk("inquiry"), 422, method=POST),
    # groups: registration
    "groups:apply": signed_in(_slug_a),
    "groups:application-list": group_a_staff(_slug_a),
    "groups:application-accept": group_a_staff(_in_group_a("application_a")),
    "groups:application-decline": group_a_staff(_in_group_a("application_a")),
    "groups:waiting-list": group_a_staff(_slug_a),
    "groups:waiting-list-move": secretariat_only(_in_group_a("waiting_a")),
    "groups:members": group_a_staff(_slug_a),
    "groups:membership-end": secretariat_only(_in_group_a("membership_a")),
    "groups:carry-over": secretariat_only(_slug_a),
    # The offer links are capabilities: the signed token is the key.
    "groups:offer": public(lambda w: {"token": w.offer_token}),
    "groups:offer-accept": public(lambda w: {"token": w.offer_token}),
    "groups:offer-decline": public(
        lambda w: {"token": w.offer_token}, 302, method=POST
    ),
    "groups:my-groups": signed_in(_none),
    "groups:application-withdraw": owner(
        "applicant", _pk("application_a"), 302, method=POST
    ),
    "groups:leave": owner("participant_a", _pk("membership_a")),
    "groups:interest-register": signed_in(_none),
    "groups:interest-remove": owner(
        "participant_a", _pk("interest_a"), 302, method=POST
    ),
    "groups:interest-overview": secretariat_only(_none),
    # meetings
    "meetings:list": meeting_a_members(_slug_a),
    "meetings:detail": meeting_a_members(_meeting_a),
    "meetings:plan": meeting_a_staff(_slug_a),
    "meetings:format-switch": meeting_a_staff(_slug_a),
    "meetings:members": meeting_a_staff(_slug_a),
    "meetings:edit": meeting_a_staff(_meeting_a),
    "meetings:cancel": meeting_a_staff(_meeting_a),
    "meetings:attendance": meeting_a_staff(_meeting_a),
    "meetings:attendance-confirm": meeting_a_staff(_meeting_a, 302, method=POST),
    "meetings:attendance-pdf": meeting_a_staff(_meeting_a),
    "meetings:case-add": meeting_a_staff(_meeting_a),
    # A's meeting is in the past: the member gets the page that says so.
    "meetings:excuse": meeting_a_staff(
        _meeting_a, participant_a=200, leader_a=403, secretariat=403
    ),
    "meetings:excuse-withdraw": meeting_a_staff(
        _meeting_a, participant_a=302, leader_a=403, secretariat=403, method=POST
    ),
    "meetings:calendar-feeds": signed_in(_none),
    "meetings:calendar-reset": owner("participant_a", _pk("feed_a"), 302, method=POST),
    # The feed address is a capability for calendar apps.
    "meetings:calendar-feed": public(lambda w: {"token": w.feed_a.token}),
    # cme: VNRs and EFN exports (leader of A and secretariat only)
    "cme:event-numbers": meeting_a_staff(_slug_a),
    "cme:event-number-edit": meeting_a_staff(_vnr_a),
    "cme:vnr-report": meeting_a_staff(_vnr_a),
    "cme:vnr-report-txt": meeting_a_staff(_vnr_a),
    "cme:vnr-report-csv": meeting_a_staff(_vnr_a),
    "cme:vnr-report-done": meeting_a_staff(_vnr_a, 302, method=POST),
    "cme:vnr-report-eiv": meeting_a_staff(_vnr_a, 302, method=POST),
    "cme:meeting-report": meeting_a_staff(_meeting_a),
    "cme:meeting-report-txt": meeting_a_staff(_meeting_a),
    "cme:meeting-report-csv": meeting_a_staff(_meeting_a),
    "cme:meeting-report-done": meeting_a_staff(_meeting_a, 302, method=POST),
    "cme:meeting-report-eiv": meeting_a_staff(_meeting_a, 302, method=POST),
    "cme:meeting-report-resolve": meeting_a_staff(_line_a, 302, method=POST),
    "cme:reports-due": _row(_none, 403, leader_a=200, leader_b=200, secretariat=200),
    # cme: certificates (issued for oneself; the leader and secretariat get an
    # error message because they did not attend)
    "cme:my-progress": signed_in(_none),
    "cme:issue-meeting": meeting_a_members(_meeting_a, 302, method=POST),
    "cme:issue-term": meeting_a_members(_slug_a, 302, method=POST),
    # the owner, and the group's leaders and the secretariat, who correct them
    "cme:certificate-pdf": _row(
        lambda w: {"number": w.certificate_a.number},
        404,
        participant_a=200,
        leader_a=200,
        secretariat=200,
    ),
    "cme:group-certificates": meeting_a_staff(_slug_a),
    # an empty POST has no reason: 422, nothing revoked
    "cme:certificate-correct": meeting_a_staff(_certificate_a, 422, method=POST),
    "cme:certificate-revoke": meeting_a_staff(_certificate_a, 422, method=POST),
    # Public check of a certificate by its code: initials only.
    "cme:verify-form": public(_none),
    "cme:verify": public(lambda w: {"code": w.certificate_a.code}),
    # mentoring
    "mentoring:home": signed_in(_none),
    "mentoring:faq": public(_none),
    "mentoring:directory": signed_in(_none),
    "mentoring:directory-csv": secretariat_only(_none),
    "mentoring:directory-pdf": secretariat_only(_none),
    "mentoring:mentor-detail": signed_in(_pk("mentor_profile")),
    "mentoring:request-create": signed_in(_pk("mentor_profile")),
    "mentoring:profile-edit": leaders(_none),
    "mentoring:profile-withdraw": leaders(_none, 302, method=POST),
    "mentoring:request-detail": pair(_pk("mentoring_request")),
    "mentoring:request-accept": pair(
        _pk("mentoring_request"), 302, mentee=403, method=POST
    ),
    "mentoring:request-decline": pair(
        _pk("mentoring_request"), 302, mentee=403, method=POST
    ),
    "mentoring:request-withdraw": pair(
        _pk("mentoring_request"), 302, mentor=403, method=POST
    ),
    "mentoring:mentorship-detail": pair(_pk("mentorship")),
    "mentoring:session-create": pair(_pk("mentorship")),
    "mentoring:mentorship-decide": pair(_pk("mentorship")),
    "mentoring:mentorship-end": pair(_pk("mentorship"), 422, method=POST),
    "mentoring:terms-propose": pair(_pk("mentorship"), 422, method=POST),
    "mentoring:terms-confirm": pair(_pk("mentorship"), 302, method=POST),
    "mentoring:secretariat-overview": secretariat_only(_none),
    # record: the person's own Balint record; the secretariat and the leader
    # an entry names confirm it (leaders see only the entries naming them).
    "record:overview": signed_in(_none),
    "record:targets": signed_in(_none),
    "record:target-choose": signed_in(_none, 422, method=POST),
    "record:target-remove": owner("participant_a", _pk("target_a"), 302, method=POST),
    "record:entry-create": signed_in(_none),
    "record:entry-edit": owner("participant_a", _pk("entry_a")),
    "record:entry-delete": owner("participant_a", _pk("entry_a")),
    "record:entry-document": owner(
        "participant_a", _pk("entry_a"), leader_a=200, secretariat=200
    ),
    "record:queue": leaders(_none, secretariat=200),
    "record:review": _row(
        _pk("entry_a"), 403, leader_a=200, secretariat=200, leader_b=404, mentor=404
    ),
    "record:confirm": _row(
        _pk("entry_a"),
        403,
        method=POST,
        leader_a=302,
        secretariat=302,
        leader_b=404,
        mentor=404,
    ),
    "record:reject": _row(
        _pk("entry_a"),
        403,
        method=POST,
        leader_a=422,
        secretariat=422,
        leader_b=404,
        mentor=404,
    ),
    "record:logbook": signed_in(_none),
    "record:logbook-pdf": signed_in(_none),
    "record:export-pdf": signed_in(_none),
    "record:export-json": signed_in(_none),
    # A PDF for whoever has confirmed attendance, else back to the record.
    "record:combined-certificate": signed_in(
        _none, 302, method=POST, participant_a=200, participant_b=200
    ),
    # billing: the secretariat's pages; an invoice for its recipient too
    "billing:invoice-list": secretariat_only(_none),
    "billing:term-groups": secretariat_only(_none),
    "billing:term-preview": secretariat_only(_slug_a),
    "billing:invoice-detail": owner("participant_a", _pk("invoice_a"), secretariat=200),
    "billing:invoice-pdf": owner("participant_a", _pk("invoice_a"), secretariat=200),
    "billing:invoice-xml": owner("participant_a", _pk("invoice_a"), secretariat=200),
    "billing:invoice-cancel": secretariat_only(_pk("invoice_a"), 422, method=POST),
    "billing:invoice-correct": secretariat_only(_pk("invoice_a"), 422, method=POST),
    "billing:supervision-list": secretariat_only(_none),
    "billing:supervision-invoice": secretariat_only(_pk("supervision_mentorship")),
    "billing:agreement-list": secretariat_only(_none),
    "billing:agreement-membership": secretariat_only(_pk("membership_a")),
    "billing:agreement-mentorship": secretariat_only(_pk("supervision_mentorship")),
    "billing:agreement-remove": secretariat_only(
        _pk("fee_agreement_a"), 302, method=POST
    ),
    "billing:my-invoices": signed_in(_none),
    "billing:billing-address": signed_in(_none),
    # payments: the secretariat's pages; a person's own invoices and mandate
    "payments:overview": secretariat_only(_none),
    "payments:record": secretariat_only(_pk("invoice_a")),
    "payments:statement-import": secretariat_only(_none),
    "payments:statement-detail": secretariat_only(_pk("bank_statement")),
    "payments:review": secretariat_only(_none),
    "payments:entry-assign": secretariat_only(_pk("review_entry"), 422, method=POST),
    "payments:entry-ignore": secretariat_only(_pk("review_entry"), 302, method=POST),
    "payments:direct-debits": secretariat_only(_none),
    "payments:batch-download": secretariat_only(_pk("debit_batch")),
    "payments:accounting": secretariat_only(_none),
    # Without a period in the query: back to the form.
    "payments:accounting-csv": secretariat_only(_none, 302),
    "payments:mine": signed_in(_none),
    "payments:mandate": signed_in(_none),
    # Without a mandate: a message and back to "my invoices".
    "payments:mandate-revoke": signed_in(_none, 302, method=POST),
    # online
    "online:group": meeting_a_members(_slug_a, secretariat=404),
    "online:report": meeting_a_staff(_slug_a, secretariat=404),
    "online:technical-contact": meeting_a_staff(_slug_a, secretariat=404),
    "online:fallback-link": meeting_a_staff(_online_a, secretariat=404),
    "online:silence": public(_online_a, 403, method=POST),
    "online:room": meeting_a_members(_online_a, secretariat=404),
    # Heartbeats and the panel need a presence pass (online/passes.py), no
    # session; without one everybody gets 403 (test_presence_pass_* below).
    "online:heartbeat": public(_online_a, 403, method=POST),
    "online:connections": public(_online_a, 403),
    "online:attendance": meeting_a_staff(_online_a, secretariat=404),
    "online:attendance-adopt": meeting_a_staff(
        _online_a, 302, secretariat=404, method=POST
    ),
    "online:techcheck": signed_in(_none),
    "online:techcheck-ping": signed_in(_none, 204),
    "online:techcheck-download": signed_in(_none),
    "online:techcheck-upload": signed_in(_none, method=POST),
    "online:techcheck-save": signed_in(_none, 400, method=POST),
    # Prosody's event_sync: a shared secret, none configured in tests.
    "online:event-occupant": public(lambda w: {"event": "joined"}, 403, method=POST),
    "online:event-room": public(lambda w: {"event": "created"}, 403, method=POST),
    # feedback
    # Feedback and notes: the group's leaders only, not the secretariat.
    "feedback:meeting": meeting_a_staff(_feedback_meeting_a, secretariat=404),
    "feedback:request": meeting_a_staff(
        _feedback_meeting_a, 422, secretariat=404, method=POST
    ),
    "feedback:note": meeting_a_staff(
        _feedback_meeting_a, 422, secretariat=404, method=POST
    ),
    # The presenter's own form; the leader may know the meeting (403).
    "feedback:presenter-form": meeting_a_members(
        _feedback_meeting_a, leader_a=403, secretariat=404
    ),
    "feedback:polls": meeting_a_members(_slug_a, secretariat=404),
    "feedback:poll-new": meeting_a_staff(_slug_a, secretariat=404),
    "feedback:poll-vote": meeting_a_members(
        lambda w: {"poll_id": w.poll_a.pk}, 302, secretariat=404, method=POST
    ),
    "feedback:poll-close": meeting_a_staff(
        lambda w: {"poll_id": w.poll_a.pk}, 302, secretariat=404, method=POST
    ),
    "feedback:poll-end": meeting_a_staff(
        lambda w: {"poll_id": w.poll_a.pk}, 302, secretariat=404, method=POST
    ),
}

# The group pages of the matrix and the action of the rights table
# (balintkreis/groups/access.py, RIGHTS) each one needs in group A. The rows
# above must agree with the table: a persona gets through exactly when one of
# their roles in group A may take the action (test_matrix_reads_like_the_table).
# Not listed: pages outside a group, feedback:presenter-form (the presenter
# only, whatever the role) and cme:certificate-pdf (the owner, or whoever may
# correct the group's certificates).
ACTIONS: dict[str, Action] = {
    "groups:application-list": Action.MANAGE_APPLICATIONS,
    "groups:application-accept": Action.MANAGE_APPLICATIONS,
    "groups:application-decline": Action.MANAGE_APPLICATIONS,
    "groups:waiting-list": Action.MANAGE_APPLICATIONS,
    "groups:members": Action.MANAGE_APPLICATIONS,
    "groups:waiting-list-move": Action.ADMINISTER_MEMBERSHIPS,
    "groups:membership-end": Action.ADMINISTER_MEMBERSHIPS,
    "groups:carry-over": Action.ADMINISTER_MEMBERSHIPS,
    "meetings:list": Action.READ_MEETINGS,
    "meetings:detail": Action.READ_MEETINGS,
    "cme:issue-meeting": Action.READ_MEETINGS,
    "cme:issue-term": Action.READ_MEETINGS,
    "meetings:plan": Action.PLAN_MEETINGS,
    "meetings:format-switch": Action.PLAN_MEETINGS,
    "meetings:members": Action.PLAN_MEETINGS,
    "meetings:edit": Action.PLAN_MEETINGS,
    "meetings:cancel": Action.PLAN_MEETINGS,
    "meetings:case-add": Action.PLAN_MEETINGS,
    "meetings:attendance": Action.MARK_ATTENDANCE,
    "meetings:attendance-confirm": Action.MARK_ATTENDANCE,
    "meetings:attendance-pdf": Action.MARK_ATTENDANCE,
    "meetings:excuse": Action.EXCUSE_ABSENCE,
    "meetings:excuse-withdraw": Action.EXCUSE_ABSENCE,
    "cme:event-numbers": Action.READ_EFN_LISTS,
    "cme:event-number-edit": Action.READ_EFN_LISTS,
    "cme:vnr-report": Action.READ_EFN_LISTS,
    "cme:vnr-report-txt": Action.READ_EFN_LISTS,
    "cme:vnr-report-csv": Action.READ_EFN_LISTS,
    "cme:vnr-report-done": Action.READ_EFN_LISTS,
    "cme:vnr-report-eiv": Action.READ_EFN_LISTS,
    "cme:meeting-report": Action.READ_EFN_LISTS,
    "cme:meeting-report-txt": Action.READ_EFN_LISTS,
    "cme:meeting-report-csv": Action.READ_EFN_LISTS,
    "cme:meeting-report-done": Action.READ_EFN_LISTS,
    "cme:meeting-report-eiv": Action.READ_EFN_LISTS,
    "cme:meeting-report-resolve": Action.READ_EFN_LISTS,
    "cme:group-certificates": Action.CORRECT_CERTIFICATES,
    "cme:certificate-correct": Action.CORRECT_CERTIFICATES,
    "cme:certificate-revoke": Action.CORRECT_CERTIFICATES,
    "online:group": Action.JOIN_ONLINE,
    "online:room": Action.JOIN_ONLINE,
    "online:report": Action.MODERATE_ONLINE,
    "online:technical-contact": Action.MODERATE_ONLINE,
    "online:fallback-link": Action.MODERATE_ONLINE,
    "online:attendance": Action.MODERATE_ONLINE,
    "online:attendance-adopt": Action.MODERATE_ONLINE,
    "feedback:meeting": Action.READ_FEEDBACK,
    "feedback:request": Action.READ_FEEDBACK,
    "feedback:note": Action.READ_FEEDBACK,
    "feedback:polls": Action.VOTE,
    "feedback:poll-vote": Action.VOTE,
    "feedback:poll-new": Action.RUN_POLLS,
    "feedback:poll-close": Action.RUN_POLLS,
    "feedback:poll-end": Action.RUN_POLLS,
}

# Text that only some personas may ever read, on any page of the matrix.
SECRETS = {
    world.PAIR_NOTE: {"mentor", "mentee"},
    world.OTHER_PAIR_NOTE: set(),
    world.EFN_A: {"participant_a", "leader_a", "secretariat"},
    world.EFN_B: {"participant_b", "secretariat"},
    world.CASE_THEME_A: {"participant_a", "leader_a", "secretariat"},
    # Presenters' feedback: its leaders; private notes: their author only.
    world.FEEDBACK_TEXT_A: {"participant_a", "leader_a"},
    world.LEADER_NOTE_A: {"leader_a"},
    "Aalberg": {"participant_a", "leader_a", "secretariat"},
    "Brenner": {"participant_b", "leader_b", "secretariat"},
    "Anwärter": {"applicant", "leader_a", "secretariat"},
}
REFUSED = {403, 404, 405, LOGIN}


def outcome(response: HttpResponse) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(
        reverse("account_login")
    ):
        return LOGIN
    return response.status_code


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Each persona meets the same world: their writes are undone."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def test_every_named_url_has_an_entry():
    names = named_patterns()
    assert not names - set(MATRIX), "pages without a row in MATRIX"
    assert not set(MATRIX) - names, "rows in MATRIX for pages that do not exist"


def test_every_group_page_names_its_action():
    group_pages = {
        name
        for name, row in MATRIX.items()
        if name.split(":")[0] in {"meetings", "online", "feedback", "cme", "groups"}
        and row.expected["leader_a"] not in REFUSED
        and row.expected["leader_b"] in REFUSED
    }
    # The presenter only, and a certificate's owner (plus CORRECT_CERTIFICATES).
    owner_pages = {"feedback:presenter-form", "cme:certificate-pdf"}
    assert not group_pages - set(ACTIONS) - owner_pages
    assert set(ACTIONS) <= set(MATRIX)


@pytest.mark.django_db
def test_matrix_reads_like_the_table():
    """Each group page lets a persona in exactly when a role of theirs in
    group A may take the page's action in RIGHTS."""
    w = world.build_world()
    rights = {
        persona: access.access(w.group_a, w.people.get(persona) or AnonymousUser())
        for persona in PERSONAS
    }
    wrong = [
        f"{name}: {persona} expected {row.expected[persona]}, table says "
        f"{'allowed' if rights[persona].may(action) else 'refused'}"
        for name, action in ACTIONS.items()
        for persona in PERSONAS
        if persona != "anonymous"
        for row in [MATRIX[name]]
        if (row.expected[persona] not in REFUSED) != rights[persona].may(action)
    ]
    assert not wrong, "\n".join(wrong)
    # The personas of group A, as the table's rows name them.
    assert {p: rights[p].role for p in PERSONAS} == {
        "anonymous": Role.NONE,
        "participant_a": Role.MEMBER,
        "participant_b": Role.NONE,
        "applicant": Role.APPLICANT,
        "leader_a": Role.LEADER,
        "leader_b": Role.NONE,
        "mentor": Role.NONE,
        "mentee": Role.NONE,
        "secretariat": Role.SECRETARIAT,
    }
    assert RIGHTS[Role.SECRETARIAT] == {
        Action.KNOW_GROUP,
        Action.MANAGE_APPLICATIONS,
        Action.ADMINISTER_MEMBERSHIPS,
        Action.READ_MEETINGS,
        Action.PLAN_MEETINGS,
        Action.MARK_ATTENDANCE,
        Action.READ_EFN_LISTS,
        Action.CORRECT_CERTIFICATES,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name):
    w = world.build_world()
    row = MATRIX[name]
    url = reverse(name, kwargs=row.kwargs(w))
    wrong = []
    for persona in PERSONAS:
        expected = row.expected[persona]
        with rolled_back():
            response = getattr(w.client(persona), row.method)(url)
        if outcome(response) != expected:
            wrong.append(f"{persona}: {outcome(response)} (expected {expected})")
        if response.status_code == 200:
            wrong += leaked_secrets(persona, response)
        if row.method == "get" and expected in REFUSED:
            # No write by the back door: a refused person is refused on POST too.
            with rolled_back():
                posted = outcome(w.client(persona).post(url))
            if posted not in REFUSED:
                wrong.append(f"{persona}: POST answered {posted}")
    assert not wrong, f"{url}: " + "; ".join(wrong)


def leaked_secrets(persona: str, response: HttpResponse) -> list[str]:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return []
    text = b"".join(response).decode() if response.streaming else response.text
    return [
        f"{persona} reads {secret!r}"
        for secret, readers in SECRETS.items()
        if secret in text and persona not in readers
    ]


@pytest.mark.django_db
def test_admin_is_closed_to_everybody_but_the_secretariat():
    w = world.build_world()
    url = reverse("admin:index")
    expected = {persona: 403 for persona in PERSONAS}
    expected.update(anonymous=LOGIN, secretariat=200)
    got = {persona: _admin_outcome(w.client(persona), url) for persona in PERSONAS}
    assert got == expected
    # Model pages, not only the index: a participant cannot list people.
    people = reverse("admin:accounts_user_changelist")
    assert _admin_outcome(w.client("participant_a"), people) == 403
    assert _admin_outcome(w.client("leader_a"), people) == 403


def _admin_outcome(client: Client, url: str) -> int | str:
    """The admin first sends strangers to its log-in, which (core/admin_site.py)
    sends anonymous people on to allauth and refuses everybody else."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(
        reverse("admin:login")
    ):
        response = client.get(response["Location"])
    return outcome(response)


@pytest.mark.django_db
def test_presence_pass_is_bound_to_its_meeting():
    from balintkreis.online import passes

    w = world.build_world()
    token = passes.issue(w.online_meeting_a, w.participant_a, is_leader=False)
    client = w.client("anonymous")
    own = reverse("online:connections", args=[w.online_meeting_a.pk])
    other = reverse("online:connections", args=[w.meeting_b.pk])
    assert client.get(own, headers={passes.HEADER: token}).status_code == 200
    assert client.get(other, headers={passes.HEADER: token}).status_code == 403
