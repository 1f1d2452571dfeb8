import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from balintkreis.accounts import permissions
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.tests.factories import BalintGroupFactory


@permissions.secretariat_required
def secret_view(request):
    return HttpResponse("ok")


def _request(user):
    request = RequestFactory().get("/intern/")
    request.user = user
    return request


def test_predicates(participant, leader, secretariat):
    assert permissions.is_secretariat(secretariat)
    assert not permissions.is_secretariat(participant)
    assert not permissions.is_secretariat(AnonymousUser())
    assert permissions.is_leader(leader)
    assert not permissions.is_leader(participant)
    assert not permissions.is_leader(AnonymousUser())


def test_inactive_secretariat_has_no_role(secretariat):
    secretariat.is_active = False
    assert not permissions.is_secretariat(secretariat)


def test_secretariat_required_lets_secretariat_in(secretariat):
    assert secret_view(_request(secretariat)).status_code == 200


def test_secretariat_required_sends_anonymous_to_log_in(db):
    response = secret_view(_request(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/intern/"


@pytest.mark.parametrize("persona", ["participant", "leader"])
def test_secretariat_required_refuses_other_roles(db, request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        secret_view(_request(user))


def test_leader_profile_getter_refuses_participant(participant, leader):
    assert permissions.get_leader_profile_for_user(leader) == leader.leader_profile
    with pytest.raises(PermissionDenied):
        permissions.get_leader_profile_for_user(participant)


def test_staff_duties_follow_the_access_rule(participant, leader, secretariat, db):
    co_leader = UserFactory()
    BalintGroupFactory(leader=leader, co_leader=co_leader)
    superuser = UserFactory(is_superuser=True)
    inactive = UserFactory(is_secretariat=True, is_active=False)
    assert not permissions.has_staff_duties(participant)
    assert not permissions.has_staff_duties(inactive)
    for person in (leader, co_leader, secretariat, superuser):
        assert permissions.has_staff_duties(person)
        assert not permissions.may_change_account(secretariat, person)
        assert permissions.may_change_account(superuser, person)
    assert permissions.may_change_account(secretariat, participant)
    assert not permissions.may_change_account(leader, participant)
