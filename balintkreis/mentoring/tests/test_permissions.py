"""URL × persona matrix for mentoring (STYLE.md section 11).

Personas: anonymous, outsider (logged in, unrelated), mentor and mentee of the
pair, secretariat. Every named URL of the app must appear here.
"""

import pytest
from django.urls import reverse

from balintkreis.mentoring import urls
from balintkreis.mentoring.tests.factories import MentoringRequestFactory

# name: (method, needs, {persona: expected status})
MATRIX = {
    "home": ("get", None, {"outsider": 200, "secretariat": 200}),
    "directory": ("get", None, {"outsider": 200, "secretariat": 200}),
    "directory-csv": (
        "get",
        None,
        {"outsider": 403, "mentor": 403, "secretariat": 200},
    ),
    "directory-pdf": (
        "get",
        None,
        {"outsider": 403, "mentor": 403, "secretariat": 200},
    ),
    "mentor-detail": ("get", "profile", {"outsider": 200, "secretariat": 200}),
    "request-create": ("get", "profile", {"outsider": 200, "mentee": 200}),
    "profile-edit": ("get", None, {"outsider": 403, "mentor": 200, "mentee": 200}),
    "profile-withdraw": ("post", None, {"outsider": 403, "mentor": 302}),
    "request-detail": (
        "get",
        "request",
        {"outsider": 404, "secretariat": 404, "mentor": 200, "mentee": 200},
    ),
    "request-accept": (
        "post",
        "request",
        {"outsider": 404, "secretariat": 404, "mentee": 403},
    ),
    "request-decline": (
        "post",
        "request",
        {"outsider": 404, "secretariat": 404, "mentee": 403},
    ),
    "request-withdraw": (
        "post",
        "request",
        {"outsider": 404, "secretariat": 404, "mentor": 403},
    ),
    "mentorship-detail": (
        "get",
        "mentorship",
        {"outsider": 404, "secretariat": 404, "mentor": 200, "mentee": 200},
    ),
    "session-create": (
        "get",
        "mentorship",
        {"outsider": 404, "secretariat": 404, "mentor": 200, "mentee": 200},
    ),
    "mentorship-decide": (
        "get",
        "mentorship",
        {"outsider": 404, "secretariat": 404, "mentor": 200, "mentee": 200},
    ),
    "mentorship-end": ("post", "mentorship", {"outsider": 404, "secretariat": 404}),
    "terms-propose": ("post", "mentorship", {"outsider": 404, "secretariat": 404}),
    "terms-confirm": ("post", "mentorship", {"outsider": 404, "secretariat": 404}),
    "secretariat-overview": (
        "get",
        None,
        {"outsider": 403, "mentor": 403, "secretariat": 200},
    ),
    "faq": ("get", None, {"anonymous": 200, "outsider": 200}),
}

PUBLIC = {"faq"}

CASES = [
    (name, persona, status)
    for name, (_method, _needs, expected) in MATRIX.items()
    for persona, status in expected.items()
]


def test_every_named_url_is_in_the_matrix():
    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == set(MATRIX), names ^ set(MATRIX)


@pytest.fixture
def objects(mentor_profile, mentee, mentorship):
    return {
        "profile": mentor_profile,
        "request": MentoringRequestFactory(mentor=mentor_profile.user, mentee=mentee),
        "mentorship": mentorship,
    }


@pytest.mark.parametrize(("name", "persona", "status"), CASES)
def test_permission_matrix(request, client, objects, name, persona, status):
    method, needs, _expected = MATRIX[name]
    args = [objects[needs].pk] if needs else []
    url = reverse(f"mentoring:{name}", args=args)
    if persona != "anonymous":
        client = request.getfixturevalue(f"{persona}_client")
    response = getattr(client, method)(url)
    assert response.status_code == status


@pytest.mark.parametrize("name", sorted(set(MATRIX) - PUBLIC))
def test_anonymous_is_sent_to_log_in(client, objects, name):
    method, needs, _expected = MATRIX[name]
    args = [objects[needs].pk] if needs else []
    response = getattr(client, method)(reverse(f"mentoring:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
