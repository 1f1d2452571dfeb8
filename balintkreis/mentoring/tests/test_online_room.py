import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_online_room_uses_jitsi_tokens_with_the_mentor_as_moderator(settings):
    import jwt

    from balintkreis.mentoring.tests.factories import MentorshipFactory

    settings.JITSI_DOMAIN = "meet.balint.example"
    settings.JITSI_APP_ID = "balintkreis"
    settings.JITSI_APP_SECRET = "geheim-fuer-tests-mit-genug-laenge-1234"
    mentorship = MentorshipFactory()
    for person, moderator in (
        (mentorship.mentor, "true"),
        (mentorship.mentee, "false"),
    ):
        client = Client()
        client.force_login(person)
        html = client.get(
            reverse("mentoring:mentorship-detail", args=[mentorship.pk])
        ).content.decode()
        prefix = f"https://meet.balint.example/{mentorship.room_name}?jwt="
        token = html.split(prefix, 1)[1].split('"', 1)[0]
        claims = jwt.decode(
            token,
            settings.JITSI_APP_SECRET,
            algorithms=["HS256"],
            audience=settings.JITSI_JWT_AUDIENCE,
        )
        assert claims["room"] == mentorship.room_name
        assert str(claims["context"]["user"]["moderator"]).lower() == moderator
