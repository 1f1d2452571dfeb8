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
