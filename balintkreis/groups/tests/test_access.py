"""The group access rule: a person's role on a day and the rights table."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from balintkreis.accounts.permissions import has_staff_duties
from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.groups import access
from balintkreis.groups.access import RIGHTS, Action, MemberState, Role
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory

DAY = datetime.date(2026, 6, 10)


def _member(group, *, started, ended=None):
    user = UserFactory()
    MembershipFactory(group=group, user=user, started_on=started, ended_on=ended)
    return user


@pytest.mark.django_db
def test_role_of_every_kind_of_person_on_a_day(leader, group, secretariat):
    co_leader = LeaderFactory()
    group.co_leader = co_leader
    group.save()
    applicant = UserFactory()
    ApplicationFactory(group=group, user=applicant)
    roles = {
        "leader": access.role_in(group, leader, on=DAY),
        "co": access.role_in(group, co_leader, on=DAY),
        "secretariat": access.role_in(group, secretariat, on=DAY),
        "member": access.role_in(
            group, _member(group, started=DAY - datetime.timedelta(days=1)), on=DAY
        ),
        # The day a membership ends, the person is a former member.
        "left": access.role_in(
            group,
            _member(group, started=datetime.date(2026, 1, 1), ended=DAY),
            on=DAY,
        ),
        "joining": access.role_in(
            group, _member(group, started=DAY + datetime.timedelta(days=1)), on=DAY
        ),
        "applicant": access.role_in(group, applicant, on=DAY),
        "outsider": access.role_in(group, UserFactory(), on=DAY),
        "anonymous": access.role_in(group, AnonymousUser(), on=DAY),
    }
    assert roles == {
        "leader": Role.LEADER,
        "co": Role.CO_LEADER,
        "secretariat": Role.SECRETARIAT,
        "member": Role.MEMBER,
        "left": Role.FORMER_MEMBER,
        "joining": Role.JOINING,
        "applicant": Role.APPLICANT,
        "outsider": Role.NONE,
        "anonymous": Role.NONE,
    }


@pytest.mark.django_db
def test_rejoined_member_is_a_member_again(group):
    user = _member(group, started=datetime.date(2025, 1, 1), ended=DAY)
    MembershipFactory(group=group, user=user, started_on=DAY)
    assert access.role_in(group, user, on=DAY) == Role.MEMBER


@pytest.mark.django_db
def test_a_person_may_what_any_of_their_roles_may(group, secretariat):
    """A secretariat member who attends the group votes like a member."""
    MembershipFactory(group=group, user=secretariat)
    rights = access.access(group, secretariat)
    assert rights.role == Role.SECRETARIAT
    assert rights.may(Action.VOTE)
    assert rights.may(Action.ADMINISTER_MEMBERSHIPS)
    assert not rights.may(Action.READ_FEEDBACK)


@pytest.mark.django_db
def test_standing_roles_decide_without_a_query(
    group, leader, secretariat, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert access.access(group, leader).may(Action.READ_FEEDBACK)
        assert access.access(group, secretariat).may(Action.READ_EFN_LISTS)
        # No membership role may mark attendance: no need to look.
        assert not access.access(group, UserFactory.build(pk=999)).may(
            Action.MARK_ATTENDANCE
        )


@pytest.mark.django_db
def test_membership_costs_one_query_and_none_when_annotated(
    group, member, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert access.access(group, member).may(Action.VOTE)
    today = datetime.date.today()
    # One query: the group with the person's membership state annotated.
    with django_assert_num_queries(1):
        loaded = BalintGroup.objects.annotate(
            member_state=access.member_state_annotation(member, on=today)
        ).get(pk=group.pk)
        rights = access.access(group, member, member_state=loaded.member_state)
        assert rights.may(Action.JOIN_ONLINE)
        assert rights.role == Role.MEMBER
    assert loaded.member_state == MemberState.ACTIVE


@pytest.mark.django_db
def test_active_on_matches_is_active_on(group):
    people = [
        _member(group, started=DAY, ended=None),
        _member(group, started=DAY + datetime.timedelta(days=1)),
        _member(group, started=datetime.date(2026, 1, 1), ended=DAY),
        _member(
            group,
            started=datetime.date(2026, 1, 1),
            ended=DAY + datetime.timedelta(days=1),
        ),
    ]
    active = set(Membership.objects.active_on(DAY).values_list("user", flat=True))
    expected = {
        m.user_id
        for m in Membership.objects.filter(user__in=people)
        if m.is_active_on(DAY)
    }
    assert active == expected == {people[0].pk, people[3].pk}


@pytest.mark.django_db
def test_is_led_by(group, leader, member):
    assert group.is_led_by(leader)
    assert not group.is_led_by(member)
    assert not group.is_led_by(AnonymousUser())


@pytest.mark.django_db
def test_leading_a_group_is_a_staff_duty(leader, group, secretariat, member):
    """groups contributes "leads or co-leads a group" to the one rule in
    accounts.permissions.has_staff_duties through its AppConfig hook."""
    co_leader = UserFactory()
    BalintGroupFactory(co_leader=co_leader)
    superuser = UserFactory(is_superuser=True)
    assert has_staff_duties(leader)
    assert has_staff_duties(co_leader)
    assert has_staff_duties(secretariat)
    assert has_staff_duties(superuser)
    assert not has_staff_duties(member)
    assert not has_staff_duties(AnonymousUser())


def test_the_secretariat_stays_out_of_the_groups_conversation():
    """Written out in the table, not implied by code paths (issue 14)."""
    for action in (
        Action.JOIN_ONLINE,
        Action.MODERATE_ONLINE,
        Action.READ_FEEDBACK,
        Action.VOTE,
        Action.RUN_POLLS,
    ):
        assert action not in RIGHTS[Role.SECRETARIAT]
    assert Action.ADMINISTER_MEMBERSHIPS in RIGHTS[Role.SECRETARIAT]
    assert Action.ADMINISTER_MEMBERSHIPS not in RIGHTS[Role.LEADER]
    assert RIGHTS[Role.NONE] == frozenset()


def test_rights_table_reads_as_rows():
    rows = dict(access.rights_table())
    assert rows["read_feedback"] == ["leader", "co_leader"]
    assert rows["read_meetings"] == [
        "leader",
        "co_leader",
        "secretariat",
        "member",
        "joining",
        "former_member",
    ]
    assert set(rows) == {action.value for action in Action}


@pytest.mark.django_db
def test_groups_with_right_follows_the_table(group, leader, member, secretariat):
    other = BalintGroupFactory()
    co_led = BalintGroupFactory(co_leader=leader)

    def slugs(user, action):
        return set(
            access.groups_with_right(user, action).values_list("slug", flat=True)
        )

    assert slugs(leader, Action.READ_EFN_LISTS) == {group.slug, co_led.slug}
    assert slugs(secretariat, Action.READ_EFN_LISTS) == {
        group.slug,
        other.slug,
        co_led.slug,
    }
    # The table keeps the group's conversation from the secretariat.
    assert slugs(secretariat, Action.READ_FEEDBACK) == set()
    # Members' rights depend on the day; this question is about standing roles.
    assert slugs(member, Action.READ_MEETINGS) == set()
    assert slugs(AnonymousUser(), Action.READ_MEETINGS) == set()
