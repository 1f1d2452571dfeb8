"""Attack: the secretariat names itself co-leader of a group in the
administration and then reads the presenters' feedback of that group.

Found while closing issue 11 item 2: leading a group grants reading its
feedback (groups/access.py), and the group's "Leitung" fields offered every
account. Defence: for anyone but a superuser, the leader and co-leader fields
offer neither the editing person nor any secretariat or superuser account;
a POST with such an id is refused by the form ("Wählen Sie eine gültige
Option").
"""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory

pytestmark = pytest.mark.django_db


def _form(user, group):
    request = RequestFactory().get("/")
    request.user = user
    model_admin = site._registry[BalintGroup]
    return model_admin.get_form(request, group)(instance=group)


def test_secretariat_cannot_choose_itself_or_a_colleague_as_leader(secretariat):
    colleague = UserFactory(is_secretariat=True)
    superuser = UserFactory(is_superuser=True)
    leader = UserFactory()
    group = BalintGroupFactory()
    form = _form(secretariat, group)
    for field in ("leader", "co_leader"):
        offered = set(form.fields[field].queryset)
        assert secretariat not in offered
        assert colleague not in offered
        assert superuser not in offered
        assert leader in offered


def test_a_superuser_may_name_anyone(secretariat):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    form = _form(superuser, BalintGroupFactory())
    assert secretariat in set(form.fields["co_leader"].queryset)
