import pytest
from django.urls import reverse

from balintkreis.core import audit
from balintkreis.core.models import AuditEvent


@pytest.mark.django_db
def test_record_stores_actor_action_and_object(leader, group):
    event = audit.record(leader, "groups.group.viewed", group, data={"reason": "test"})
    assert event.actor == leader
    assert event.object_type == "groups.balintgroup"
    assert event.object_id == str(group.pk)
    assert event.data == {"reason": "test"}


@pytest.mark.django_db
def test_anonymous_actor_is_stored_as_none(client, group):
    from django.contrib.auth.models import AnonymousUser

    assert audit.record(AnonymousUser(), "x.y", group).actor is None


@pytest.mark.django_db
def test_audit_log_is_read_only_in_the_administration(admin_client, leader, group):
    event = audit.record(leader, "feedback.read", group)
    url = reverse("admin:core_auditevent_change", args=[event.pk])
    response = admin_client.post(url, {"action": "tampered"})
    assert response.status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "feedback.read"
    listing = admin_client.get(reverse("admin:core_auditevent_changelist"))
    assert listing.status_code == 200
    assert "feedback.read" in listing.content.decode()
