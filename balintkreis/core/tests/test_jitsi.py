import datetime

import jwt
import pytest

from balintkreis.core import jitsi

pytestmark = pytest.mark.django_db

NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0)


@pytest.fixture
def tokens(settings):
    settings.JITSI_DOMAIN = "meet.example.org"
    settings.JITSI_APP_ID = "balintkreis"
    settings.JITSI_APP_SECRET = "s3cret-for-tests-only-0123456789abcdef"
    settings.JITSI_JWT_AUDIENCE = "jitsi"
    settings.JITSI_TOKEN_MINUTES = 120
    return settings


def test_no_token_without_app_id_and_secret(settings, member):
    settings.JITSI_APP_ID = ""
    settings.JITSI_APP_SECRET = ""
    assert jitsi.token_for(member, "room", is_moderator=False) is None


def test_token_carries_the_claims_jitsi_token_auth_expects(tokens, member):
    token = jitsi.token_for(member, "balintkreis-abc", is_moderator=False, now=NOW)
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(
        token,
        tokens.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        issuer="balintkreis",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert header["alg"] == "HS256"
    assert claims["iss"] == "balintkreis"
    assert claims["aud"] == "jitsi"
    assert claims["sub"] == "meet.example.org"
    assert claims["room"] == "balintkreis-abc"
    assert claims["nbf"] <= NOW.timestamp() < claims["exp"]
    assert claims["exp"] - NOW.timestamp() == 120 * 60
    user = claims["context"]["user"]
    assert user["name"] == member.display_name
    assert "email" not in user  # only with JITSI_SEND_EMAIL (issue 11 item 11)
    assert user["id"] == f"bk-{member.pk}"
    assert user["moderator"] == "false"
    # Jitsi requires every context.user value to be a string.
    assert all(isinstance(value, str) for value in user.values())


def test_moderator_claim_only_when_asked(tokens, leader):
    token = jitsi.token_for(leader, "r", is_moderator=True, now=NOW)
    claims = jwt.decode(
        token,
        tokens.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert claims["context"]["user"]["moderator"] == "true"
    assert claims["context"]["user"]["affiliation"] == "owner"


def test_expired_token_is_rejected_by_verification(tokens, member):
    old = NOW - datetime.timedelta(hours=3)
    token = jitsi.token_for(member, "r", is_moderator=False, now=old)
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(
            token, tokens.JITSI_APP_SECRET, algorithms=["HS256"], audience="jitsi"
        )


def test_user_id_round_trip(member):
    assert jitsi.user_pk_from_id(jitsi.user_id(member)) == member.pk
    assert jitsi.user_pk_from_id("someone-else") is None
    assert jitsi.user_pk_from_id("bk-x1") is None


def test_urls_use_the_configured_domain(settings):
    settings.JITSI_DOMAIN = "meet.example.org"
    assert jitsi.external_api_url() == "https://meet.example.org/external_api.js"
    assert jitsi.room_url("r1") == "https://meet.example.org/r1"
    assert (
        jitsi.app_url("r1", token="t") == "org.jitsi.meet://meet.example.org/r1?jwt=t"
    )


@pytest.fixture
def jaas_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


TENANT = "vpaas-magic-cookie-0123456789abcdef0123456789abcdef"


@pytest.fixture
def jaas(settings, jaas_key):
    settings.JITSI_MODE = "jaas"
    settings.JITSI_DOMAIN = "8x8.vc"
    settings.JITSI_JAAS_APP_ID = TENANT
    settings.JITSI_JAAS_KEY_ID = "4f4910"
    settings.JITSI_JAAS_PRIVATE_KEY = jaas_key[0]
    settings.JITSI_APP_ID = ""
    settings.JITSI_APP_SECRET = ""
    return jaas_key[1]


def test_jaas_token_is_rs256_with_kid_and_tenant(jaas, leader, member):
    token = jitsi.token_for(member, "balintkreis-abc", is_moderator=False, now=NOW)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256"
    assert header["kid"] == f"{TENANT}/4f4910"
    claims = jwt.decode(
        token,
        jaas,
        algorithms=["RS256"],
        audience="jitsi",
        issuer="chat",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert claims["sub"] == TENANT
    assert claims["room"] == "balintkreis-abc"
    assert claims["nbf"] <= NOW.timestamp() < claims["exp"]
    user = claims["context"]["user"]
    assert user == {
        "id": f"bk-{member.pk}",
        "name": member.display_name,
        "moderator": "false",
    }
    features = claims["context"]["features"]
    assert features["recording"] == features["livestreaming"] == "false"
    assert features["transcription"] == "false"
    leader_token = jitsi.token_for(leader, "r", is_moderator=True, now=NOW)
    leader_claims = jwt.decode(
        leader_token,
        jaas,
        algorithms=["RS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert leader_claims["context"]["user"]["moderator"] == "true"


def test_jaas_puts_the_tenant_into_the_room_path(jaas):
    assert jitsi.room_path("r1") == f"{TENANT}/r1"
    assert jitsi.room_url("r1") == f"https://8x8.vc/{TENANT}/r1"
    assert jitsi.external_api_url() == f"https://8x8.vc/{TENANT}/external_api.js"
    assert jitsi.embeds()


def test_jaas_without_key_gives_no_token_and_a_warning(jaas, settings, member):
    from balintkreis.core.checks import jitsi_mode_fits_the_server

    settings.JITSI_JAAS_PRIVATE_KEY = ""
    assert jitsi.token_for(member, "r", is_moderator=False) is None
    warnings = jitsi_mode_fits_the_server()
    assert [w.id for w in warnings] == ["core.W004"]
    assert "JITSI_JAAS_PRIVATE_KEY" in warnings[0].msg


def test_embedding_meet_jit_si_is_warned_about(settings):
    from balintkreis.core.checks import jitsi_mode_fits_the_server

    settings.JITSI_DOMAIN = "meet.jit.si"
    settings.JITSI_MODE = "selfhosted"
    assert [w.id for w in jitsi_mode_fits_the_server()] == ["core.W003"]
    settings.JITSI_MODE = "window"
    assert jitsi_mode_fits_the_server() == []


def test_selfhosted_token_carries_affiliation(tokens, member):
    tokens.JITSI_MODE = "selfhosted"
    token = jitsi.token_for(member, "r", is_moderator=False, now=NOW)
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = jwt.decode(
        token,
        tokens.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert claims["context"]["user"]["affiliation"] == "member"
    assert claims["context"]["features"]["recording"] == "false"


def test_window_url_carries_only_the_name_and_no_recording(settings, member):
    settings.JITSI_MODE = "window"
    settings.JITSI_DOMAIN = "meet.jit.si"
    settings.JITSI_APP_ID = ""
    url = jitsi.window_url("r1", display_name="Moritz Mitglied")
    assert url.startswith("https://meet.jit.si/r1#")
    assert "userInfo.displayName=%22Moritz%20Mitglied%22" in url
    assert "recording" not in url.split("toolbarButtons=", 1)[1].split("&", 1)[0]
    assert "email" not in url
    assert not jitsi.embeds()


def test_no_recording_buttons_in_any_mode():
    for forbidden in ("recording", "livestreaming", "closedcaptions", "invite"):
        assert forbidden not in jitsi.TOOLBAR
    nested = jitsi.config_overwrite()
    assert nested["prejoinConfig"]["enabled"] is True
    assert nested["transcription"]["enabled"] is False
    assert nested["fileRecordingsEnabled"] is False


def test_empty_ice_servers_are_warned_about(settings):
    from balintkreis.core.checks import jitsi_mode_fits_the_server

    settings.JITSI_MODE = "window"
    settings.JITSI_ICE_SERVERS = []
    assert [w.id for w in jitsi_mode_fits_the_server()] == ["core.W005"]
