"""The meeting page in each Jitsi mode (issue 15 item 1)."""

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from balintkreis.online import rooms

pytestmark = pytest.mark.django_db
TENANT = "vpaas-magic-cookie-0123456789abcdef0123456789abcdef"


def url(meeting):
    return reverse("online:room", args=[meeting.pk])


def test_window_mode_has_no_iframe_script_but_a_window_link(
    member_client, meeting, settings
):
    settings.JITSI_MODE = "window"
    settings.JITSI_DOMAIN = "meet.jit.si"
    response = member_client.get(url(meeting))
    html = response.content.decode()
    assert "external_api.js" not in html
    assert response.context["config"]["embeds"] is False
    assert f'href="https://meet.jit.si/{rooms.room_name_for(meeting)}#' in html
    assert "Videoraum öffnen" in html
    assert "Anwesenheit ist so weniger genau" in html
    # The operators' notice is for staff only.
    assert 'id="operator-notice"' not in html


def test_operators_see_the_public_server_notice(
    leader_client, leader, meeting, settings
):
    settings.JITSI_MODE = "window"
    settings.JITSI_DOMAIN = "meet.jit.si"
    leader.is_staff = True
    leader.save()
    html = leader_client.get(url(meeting)).content.decode()
    assert 'id="operator-notice"' in html
    assert "Hinweis für den Betrieb" in html


def test_selfhosted_mode_embeds(member_client, meeting, settings):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = "meet.example.org"
    html = member_client.get(url(meeting)).content.decode()
    assert 'src="https://meet.example.org/external_api.js"' in html
    assert 'id="open-window"' not in html


def test_jaas_mode_embeds_with_tenant_and_rs256_token(leader_client, meeting, settings):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.JITSI_MODE = "jaas"
    settings.JITSI_DOMAIN = "8x8.vc"
    settings.JITSI_JAAS_APP_ID = TENANT
    settings.JITSI_JAAS_KEY_ID = "abc123"
    settings.JITSI_JAAS_PRIVATE_KEY = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    response = leader_client.get(url(meeting))
    html = response.content.decode()
    config = response.context["config"]
    assert f'src="https://8x8.vc/{TENANT}/external_api.js"' in html
    assert config["roomName"] == f"{TENANT}/{rooms.room_name_for(meeting)}"
    claims = jwt.decode(
        config["jwt"], key.public_key(), algorithms=["RS256"], audience="jitsi"
    )
    assert claims["sub"] == TENANT
    assert claims["iss"] == "chat"
    assert claims["context"]["user"]["moderator"] == "true"
    assert "email" not in claims["context"]["user"]
