"""The secretariat in the administration: access, audit log, no escalation."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.models import Chamber
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_secretariat_opens_the_admin_and_the_audit_log(secretariat_client, secretariat):
    assert not secretariat.is_staff
    assert not secretariat.is_superuser
    assert secretariat_client.get(reverse("admin:index")).status_code == 200
    AuditEvent.objects.create(action="cme.report.exported")
    response = secretariat_client.get(reverse("admin:core_auditevent_changelist"))
    assertContains(response, "cme.report.exported")
    response = secretariat_client.get(reverse("admin:admin_logentry_changelist"))
    assert response.status_code == 200


def test_audit_log_cannot_be_changed_by_the_secretariat(secretariat_client):
    event = AuditEvent.objects.create(action="x.y")
    response = secretariat_client.post(
        reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_changes_are_audit_logged(secretariat_client, secretariat):
    response = secretariat_client.post(
        reverse("admin:accounts_chamber_add"),
        {
            "name": "Landesärztekammer Sachsen",
            "short_name": "SLÄK",
            "kind": "physicians",
            "report_within_days": "8",
        },
    )
    assert response.status_code == 302
    chamber = Chamber.objects.get(short_name="SLÄK")
    event = AuditEvent.objects.get(action="admin.object.added")
    assert event.actor == secretariat
    assert event.object_type == "accounts.chamber"
    assert event.object_id == str(chamber.pk)
    assert LogEntry.objects.filter(object_id=str(chamber.pk)).exists()

    url = reverse("admin:accounts_chamber_change", args=[chamber.pk])
    secretariat_client.post(
        url,
        {
            "name": chamber.name,
            "short_name": "SLÄK",
            "kind": "physicians",
            "report_within_days": "10",
        },
    )
    changed = AuditEvent.objects.get(action="admin.object.changed")
    assert "report" in str(changed.data["fields"]).lower()

    secretariat_client.post(
        reverse("admin:accounts_chamber_delete", args=[chamber.pk]), {"post": "yes"}
    )
    assert AuditEvent.objects.filter(
        action="admin.object.deleted", object_id=str(chamber.pk)
    ).exists()


def test_secretariat_cannot_make_anybody_superuser(secretariat_client, participant):
    url = reverse("admin:accounts_user_change", args=[participant.pk])
    page = secretariat_client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.text
    assert 'name="user_permissions"' not in page.text


def test_secretariat_cannot_change_a_superuser(secretariat_client):
    boss = UserFactory(is_superuser=True, is_staff=True)
    url = reverse("admin:accounts_user_change", args=[boss.pk])
    page = secretariat_client.get(url)
    assert 'name="email"' not in page.text
    password = reverse("admin:auth_user_password_change", args=[boss.pk])
    assert secretariat_client.get(password).status_code in (403, 404)


def test_participant_is_refused_at_the_admin_log_in(participant_client):
    response = participant_client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_every_admin_of_our_apps_is_audited():
    from django.contrib import admin

    from balintkreis.core.admin import AuditedAdminMixin, ReadOnlyAdmin

    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("balintkreis."):
            continue
        assert isinstance(model_admin, AuditedAdminMixin | ReadOnlyAdmin), model
