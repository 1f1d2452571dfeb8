"""Who may do what in a group: one role rule and one table (STYLE.md section 6).

``access(group, user, on=day)`` answers with a ``GroupAccess``: the person's
role in the group on that day and ``may(action)``. ``RIGHTS`` says, for each
role, which actions it may take; the secretariat's rights are written out
there action by action (it manages registrations and meetings, but it does
not enter online rooms or read presenters' feedback, votes and notes).

A person may hold several roles at once (a leader who also works in the
secretariat, a secretariat member who attends a group): they may do what any
of their roles may. The standing roles (leader, co-leader, secretariat) need
no query; the membership (member, joining, former member) costs one query,
or none when the caller annotated it with ``member_state_annotation``; the
application (applicant) costs one more query, asked only when nothing else
decided.

Permission getters in every app (``<app>/permissions.py``) load the object
and ask this module; none of them compares ``leader_id`` itself.
"""

import datetime
import enum
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models import CharField as CharFieldType
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.groups.models import Application, BalintGroup, Membership


class Role(enum.StrEnum):
    """A person's role in one group on one day, strongest first."""

    LEADER = "leader"
    CO_LEADER = "co_leader"
    SECRETARIAT = "secretariat"
    MEMBER = "member"
    # Accepted, with an entry date still ahead.
    JOINING = "joining"
    FORMER_MEMBER = "former_member"
    APPLICANT = "applicant"
    NONE = "none"


class Action(enum.StrEnum):
    """What a person can want to do in a group (the apps' pages and rules)."""

    # groups: see a group that is not public (its status page, "my groups").
    KNOW_GROUP = "know_group"
    # groups: applications, waiting list and the member list.
    MANAGE_APPLICATIONS = "manage_applications"
    # groups: move on the waiting list, end memberships, carry over a term.
    ADMINISTER_MEMBERSHIPS = "administer_memberships"
    # meetings: the group's dates and one date's page; cme: own certificates.
    READ_MEETINGS = "read_meetings"
    # meetings: plan, edit, cancel; note case presentations; members overview.
    PLAN_MEETINGS = "plan_meetings"
    # meetings: record and confirm attendance (DOMAIN.md R3).
    MARK_ATTENDANCE = "mark_attendance"
    # cme: event numbers (VNR) and the EFN lists for the chamber.
    READ_EFN_LISTS = "read_efn_lists"
    # online: the group's online page and the meeting room.
    JOIN_ONLINE = "join_online"
    # online: moderate the room, presence report, adopt presence as attendance.
    MODERATE_ONLINE = "moderate_online"
    # feedback: read presenters' feedback, ask for it, private notes.
    READ_FEEDBACK = "read_feedback"
    # feedback: see the group's votes and vote.
    VOTE = "vote"
    # feedback: open and close votes.
    RUN_POLLS = "run_polls"
    # cme: the group's issued certificates; correct or revoke one (R12).
    CORRECT_CERTIFICATES = "correct_certificates"
    # meetings: the names of the group's leaders and members on its pages
    # (the members of a closed group know each other).
    KNOW_MEMBERS = "know_members"
    # meetings: excuse oneself from a future date ("Ich kann nicht teilnehmen").
    EXCUSE_ABSENCE = "excuse_absence"


_LEADING = frozenset(
    {
        Action.KNOW_GROUP,
        Action.MANAGE_APPLICATIONS,
        Action.READ_MEETINGS,
        Action.PLAN_MEETINGS,
        Action.MARK_ATTENDANCE,
        Action.READ_EFN_LISTS,
        Action.JOIN_ONLINE,
        Action.MODERATE_ONLINE,
        Action.READ_FEEDBACK,
        Action.VOTE,
        Action.RUN_POLLS,
        Action.CORRECT_CERTIFICATES,
        Action.KNOW_MEMBERS,
    }
)

# The one table. Change a right here, and every app follows.
RIGHTS: dict[Role, frozenset[Action]] = {
    Role.LEADER: _LEADING,
    Role.CO_LEADER: _LEADING,
    # The secretariat runs registrations and the chamber paperwork of every
    # group; the group's own conversation (online room, feedback, votes,
    # notes) stays with the group (issue 6: "not the secretariat").
    Role.SECRETARIAT: frozenset(
        {
            Action.KNOW_GROUP,
            Action.MANAGE_APPLICATIONS,
            Action.ADMINISTER_MEMBERSHIPS,
            Action.READ_MEETINGS,
            Action.PLAN_MEETINGS,
            Action.MARK_ATTENDANCE,
            Action.READ_EFN_LISTS,
            Action.CORRECT_CERTIFICATES,
        }
    ),
    Role.MEMBER: frozenset(
        {
            Action.KNOW_GROUP,
            Action.READ_MEETINGS,
            Action.JOIN_ONLINE,
            Action.VOTE,
            Action.KNOW_MEMBERS,
            Action.EXCUSE_ABSENCE,
        }
    ),
    # Accepted and former members keep seeing the dates (and their proof of
    # attendance), but only active members take part online and vote. An
    # accepted member may already excuse themselves from a date after entry.
    Role.JOINING: frozenset(
        {Action.KNOW_GROUP, Action.READ_MEETINGS, Action.EXCUSE_ABSENCE}
    ),
    Role.FORMER_MEMBER: frozenset({Action.KNOW_GROUP, Action.READ_MEETINGS}),
    Role.APPLICANT: frozenset({Action.KNOW_GROUP}),
    Role.NONE: frozenset(),
}

STANDING_ROLES = (Role.LEADER, Role.CO_LEADER, Role.SECRETARIAT)


class MemberState(enum.StrEnum):
    """What the person's memberships in the group say on one day."""

    ACTIVE = Role.MEMBER.value
    JOINING = Role.JOINING.value
    FORMER = Role.FORMER_MEMBER.value
    NONE = Role.NONE.value


def member_state_of(memberships: list[Membership], day: datetime.date) -> MemberState:
    """Active beats joining beats former (a person may have left and rejoined)."""
    if any(m.is_active_on(day) for m in memberships):
        return MemberState.ACTIVE
    if any(m.started_on > day for m in memberships):
        return MemberState.JOINING
    return MemberState.FORMER if memberships else MemberState.NONE


def member_state_annotation(
    user: User, *, on: datetime.date, group_ref: str = "pk"
) -> Case:
    """Annotation for a group (or a row with a group, ``group_ref="group"``):
    the person's ``MemberState`` on ``on`` inside the query that loads it."""
    mine = Membership.objects.filter(group=OuterRef(group_ref), user=user.pk)
    return Case(
        When(Exists(mine.active_on(on)), then=Value(MemberState.ACTIVE.value)),
        When(Exists(mine.joining_after(on)), then=Value(MemberState.JOINING.value)),
        When(Exists(mine), then=Value(MemberState.FORMER.value)),
        default=Value(MemberState.NONE.value),
        output_field=CharFieldType(),
    )


@dataclass(frozen=True)
class GroupAccess:
    """A person's standing in one group on one day.

    ``member_state`` may come from an annotation; otherwise it is loaded (one
    query) the first time a decision needs it.
    """

    group: BalintGroup
    user: User
    day: datetime.date
    known_member_state: MemberState | None = None

    @cached_property
    def standing_roles(self) -> tuple[Role, ...]:
        """Leader, co-leader, secretariat: known without a query."""
        user, group = self.user, self.group
        if not user.is_authenticated:
            return ()
        roles = []
        if user.pk == group.leader_id:
            roles.append(Role.LEADER)
        if user.pk == group.co_leader_id:
            roles.append(Role.CO_LEADER)
        if user.is_secretariat:
            roles.append(Role.SECRETARIAT)
        return tuple(roles)

    @cached_property
    def member_state(self) -> MemberState:
        if self.known_member_state is not None:
            return MemberState(self.known_member_state)
        if not self.user.is_authenticated:
            return MemberState.NONE
        memberships = list(
            Membership.objects.filter(group=self.group, user=self.user).only(
                "started_on", "ended_on"
            )
        )
        return member_state_of(memberships, self.day)

    @cached_property
    def is_applicant(self) -> bool:
        return bool(
            self.user.is_authenticated
            and Application.objects.filter(group=self.group, user=self.user).exists()
        )

    @property
    def is_leader(self) -> bool:
        """Leads or co-leads the group (no query)."""
        return Role.LEADER in self.standing_roles or (
            Role.CO_LEADER in self.standing_roles
        )

    @property
    def role(self) -> Role:
        """The strongest role (may cost the membership and application queries)."""
        if self.standing_roles:
            return self.standing_roles[0]
        if self.member_state != MemberState.NONE:
            return Role(self.member_state.value)
        return Role.APPLICANT if self.is_applicant else Role.NONE

    def may(self, action: Action) -> bool:
        """Whether any of the person's roles may take ``action``; queries only
        as far as the answer needs."""
        if any(action in RIGHTS[role] for role in self.standing_roles):
            return True
        if not any(action in RIGHTS[role] for role in MEMBERSHIP_ROLES):
            return False
        state = self.member_state
        if state != MemberState.NONE:
            return action in RIGHTS[Role(state.value)]
        return action in RIGHTS[Role.APPLICANT] and self.is_applicant


MEMBERSHIP_ROLES = (
    Role.MEMBER,
    Role.JOINING,
    Role.FORMER_MEMBER,
    Role.APPLICANT,
)


def access(
    group: BalintGroup,
    user: User,
    *,
    on: datetime.date | None = None,
    member_state: MemberState | str | None = None,
) -> GroupAccess:
    """The person's standing in ``group`` on ``on`` (default: today).

    Pass ``member_state`` when the group (or meeting) was loaded with
    ``member_state_annotation``: then no membership query follows.
    """
    day = on or timezone.localdate()
    state = MemberState(member_state) if member_state is not None else None
    return GroupAccess(group=group, user=user, day=day, known_member_state=state)


def role_in(group: BalintGroup, user: User, *, on: datetime.date | None = None) -> Role:
    """A person's role in a group on a day (the strongest, when several)."""
    return access(group, user, on=on).role


def groups_with_right(user: User, action: Action) -> QuerySet[BalintGroup]:
    """The groups in which ``user``'s standing role (leader, co-leader,
    secretariat) grants ``action``, read from the table: for pages that
    span groups, such as the chamber reports due."""
    if not user.is_authenticated:
        return BalintGroup.objects.none()
    if user.is_secretariat and action in RIGHTS[Role.SECRETARIAT]:
        return BalintGroup.objects.all()
    led = Q(pk__in=[])
    if action in RIGHTS[Role.LEADER]:
        led |= Q(leader=user)
    if action in RIGHTS[Role.CO_LEADER]:
        led |= Q(co_leader=user)
    return BalintGroup.objects.filter(led)


def rights_table() -> list[tuple[str, list[str]]]:
    """The table as text rows (action, roles allowed), for docs and tests."""
    return [
        (action.value, [role.value for role in Role if action in RIGHTS[role]])
        for action in Action
    ]
