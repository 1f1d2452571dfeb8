"""Random input to every form and JSON endpoint (issue 7): never a server
error, never a partial write.

Every POST endpoint of the access matrix is fuzzed as a persona who may use
it. Form fields are read from the page's own form when it has one; values
are random text (control characters, other scripts, huge strings), numbers,
several values for one field, or the field is left out. JSON endpoints get
random JSON. An error answer (4xx) must leave every table as it was. Each
example runs in a savepoint that is rolled back, so all see the same world.

Fast by default (profile "ci": 15 examples per endpoint); set
HYPOTHESIS_PROFILE=thorough for a longer run.
"""

import json
import os
import re

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests import world
from tests.test_access_matrix import MATRIX, REFUSED, rolled_back

hypothesis_settings.register_profile(
    "ci",
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.register_profile(
    "thorough",
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Whom to fuzz as: the first persona the matrix lets in.
PREFERENCE = [
    "leader_a",
    "secretariat",
    "participant_a",
    "mentor",
    "mentee",
    "applicant",
    "anonymous",
]
# Deleting one's own account is tested in test_personal_data.py.
SKIP = {"accounts:account-delete", "core:language"}
JSON_ENDPOINTS = {
    "online:heartbeat",
    "online:event-occupant",
    "online:event-room",
    "online:techcheck-save",
    "online:techcheck-upload",
}
# Fields of POST-only endpoints (their forms live on other pages).
FALLBACK_FIELDS = [
    "reason",
    "note",
    "text",
    "message",
    "presenter",
    "choice",
    "position",
    "decision_note",
    "fee_per_session",
    "frequency",
    "starts_on",
    "notes",
    "closing_feedback",
    "method",
]
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
OUR_APPS = {
    "accounts",
    "groups",
    "meetings",
    "online",
    "feedback",
    "cme",
    "mentoring",
    "record",
    "notifications",
}


def _persona(name: str) -> str | None:
    expected = MATRIX[name].expected
    for persona in PREFERENCE:
        if expected[persona] not in REFUSED:
            return persona
    return None


def _endpoints() -> list[str]:
    names = []
    for name, row in sorted(MATRIX.items()):
        if name in SKIP or _persona(name) is None:
            continue
        if row.method == "post" or name in JSON_ENDPOINTS:
            names.append(name)
    return names


def _form_endpoints(w: world.World) -> list[str]:
    """GET pages that contain a POST form to themselves."""
    found = []
    for name, row in sorted(MATRIX.items()):
        persona = _persona(name)
        if name in SKIP or row.method != "get" or persona is None:
            continue
        url = reverse(name, kwargs=row.kwargs(w))
        response = w.client(persona).get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        forms = re.findall(r"<form[^>]*>", response.text)
        if any('method="post"' in f and f'action="{url}"' in f for f in forms):
            found.append(name)
    return found


FORM_PAGES = [
    "accounts:profile",
    "accounts:leader-profile",
    "groups:contact",
    "groups:apply",
    "groups:application-accept",
    "groups:application-decline",
    "groups:waiting-list-move",
    "groups:membership-end",
    "groups:carry-over",
    "groups:leave",
    "groups:interest-register",
    "groups:offer-accept",
    "meetings:plan",
    "meetings:edit",
    "meetings:cancel",
    "meetings:attendance",
    "meetings:case-add",
    "cme:event-numbers",
    "cme:event-number-edit",
    "mentoring:profile-edit",
    "mentoring:request-create",
    "mentoring:session-create",
    "mentoring:mentorship-decide",
    "feedback:presenter-form",
    "feedback:poll-new",
    "record:entry-create",
    "record:entry-edit",
    "record:entry-delete",
]

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\r\n\t",
        "\u202e\u200b",
        "😀" * 3,
        "<script>alert(1)</script>",
        "x" * 10_000,
        "-1",
        "0",
        "99999999999999999999",
        "1.5",
        "2026-02-30",
        "31.12.2026",
        "null",
        "true",
        "[]",
        "802760020090329",
    ]
)
VALUE = st.one_of(
    NASTY,
    st.text(max_size=300),
    st.integers().map(str),
    st.lists(st.text(max_size=20), min_size=2, max_size=3),
)
JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)


def _form_data(fields: list[str]) -> st.SearchStrategy:
    known = st.dictionaries(st.sampled_from(fields), VALUE, max_size=len(fields))
    unknown = st.dictionaries(st.text(min_size=1, max_size=10), VALUE, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, known, unknown)


def _json_body(fields: list[str]) -> st.SearchStrategy:
    shaped = st.dictionaries(
        st.sampled_from(fields or ["kind"]), JSON_VALUE, max_size=len(fields) or 1
    )
    return st.one_of(shaped, JSON_VALUE.map(lambda v: v), st.binary(max_size=200))


def _row_counts() -> dict[str, int]:
    # The audit log is left out: a re-rendered page that shows feedback or
    # notes rightly logs that they were read.
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
    }


def _fields(client: object, url: str) -> list[str]:
    response = client.get(url)
    names = set(FIELD.findall(response.text)) if response.status_code == 200 else set()
    names.discard("csrfmiddlewaretoken")
    return sorted(names) or FALLBACK_FIELDS


def _check(response: object, before: dict[str, int]) -> None:
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _row_counts() == before, "an error answer changed the database"


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORM_PAGES + _endpoints())
def test_random_input_never_breaks_an_endpoint(name):
    w = world.build_world()
    row = MATRIX[name]
    persona = _persona(name)
    url = reverse(name, kwargs=row.kwargs(w))
    client = w.client(persona)
    headers = _pass_header(w) if name == "online:heartbeat" else {}
    fields = _fields(client, url)

    if name in JSON_ENDPOINTS:

        @given(body=_json_body(["kind", "beat_id", "quality", "verdict", "browser"]))
        def run(body: object) -> None:
            raw = body if isinstance(body, bytes) else json.dumps(body)
            with rolled_back():
                before = _row_counts()
                response = client.post(
                    url, raw, content_type="application/json", headers=headers
                )
                _check(response, before)

    else:

        @given(data=_form_data(fields))
        def run(data: dict) -> None:
            with rolled_back():
                before = _row_counts()
                _check(client.post(url, data), before)

    run()


def _pass_header(w: world.World) -> dict:
    from balintkreis.online import passes

    grant = passes.issue(w.online_meeting_a, w.participant_a, is_leader=False)
    return {passes.HEADER: grant}


@pytest.mark.django_db
def test_every_page_with_a_form_is_fuzzed():
    """A new form page shows up here until it is added to FORM_PAGES."""
    w = world.build_world()
    missing = set(_form_endpoints(w)) - set(FORM_PAGES) - SKIP
    assert not missing
