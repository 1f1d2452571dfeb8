import pytest
from django.urls import reverse

from balintkreis.mentoring.models import Mentorship
from balintkreis.mentoring.tests.factories import (
    MentoringSessionFactory,
    MentorshipFactory,
)

URL = reverse("mentoring:secretariat-overview")


def test_overview_counts_without_notes(secretariat_client, mentorship):
    MentoringSessionFactory.create_batch(
        2, mentorship=mentorship, notes="Vertraulich: Honorarfrage"
    )
    MentorshipFactory(status=Mentorship.Status.SUPERVISION)

    response = secretariat_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 / 3" in html
    assert "In Supervision übergegangen" in html
    assert "Vertraulich" not in html
    assert mentorship.room_name not in html


@pytest.mark.parametrize("persona", ["participant", "mentor", "leader"])
def test_overview_is_for_the_secretariat(request, persona):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_overview_query_count_is_constant(
    secretariat_client, django_assert_num_queries, rows
):
    MentorshipFactory.create_batch(rows)
    # session, user, counts, listed mentors, open requests, running pairs
    with django_assert_num_queries(6):
        secretariat_client.get(URL)
