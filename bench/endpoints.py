"""What the benchmark measures: (name, request factory, accepted statuses, kind).

``kind`` names the budget of the page (``bench/budgets.py``): "anonymous"
(served from the public page cache), "logged in", "application POST".
Every logged-in page is opened by many simulated people, one per client of
the load generator, each with their own session (``bench/prepare.py``).
"""

from urllib.parse import urlencode

from bench.load import Request

# A fixed CSRF secret: Django accepts the header when it matches the cookie.
CSRF = "benchcsrfsecret0123456789abcdefg"

ANONYMOUS = "anonymous"
LOGGED_IN = "logged in"
APPLICATION = "application POST"


def _cookies(session: str) -> str:
    """What a browser sends after its first page: the session and the CSRF
    cookie (set by the first page with a form, and kept)."""
    return f"sessionid={session}; csrftoken={CSRF}"


def endpoints(info: dict) -> list:
    def get(path: str, session: str | None = None):
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        request = Request("GET", path, headers=headers)
        return lambda index, n: request

    def per_person(path, session_key: str = "member_session"):
        """Client ``index`` is person ``index``: their session, their page."""
        persons = info["persons"]
        requests = [
            Request(
                "GET",
                path(person),
                headers={"Cookie": _cookies(person[session_key])},
            )
            for person in persons
        ]
        return lambda index, n: requests[index % len(requests)]

    def secretariat(path: str):
        sessions = info["secretariat_sessions"]
        requests = [
            Request("GET", path, headers={"Cookie": _cookies(session)})
            for session in sessions
        ]
        return lambda index, n: requests[index % len(requests)]

    slug = info["group_slug"]
    sessions = info["applicant_sessions"]
    body = urlencode({"message": "", "confidentiality": "on"}).encode()

    def application(index: int, n: int) -> Request:
        # Each client applies as other people in turn: the first POST of a
        # person creates an application, later ones meet "already applied".
        session = sessions[(index * 1000 + n) % len(sessions)]
        return Request(
            "POST",
            f"/gruppen/{slug}/anmelden/",
            body=body,
            headers={
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
                "X-CSRFToken": CSRF,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )

    def leader(path):
        return per_person(path, "leader_session")

    return [
        ("catalogue", get("/gruppen/"), (200,), ANONYMOUS),
        ("group page", get(f"/gruppen/{slug}/"), (200,), ANONYMOUS),
        (
            "catalogue, logged in",
            per_person(lambda p: "/gruppen/"),
            (200,),
            LOGGED_IN,
        ),
        (
            "group page, logged in",
            per_person(lambda p: f"/gruppen/{p['slug']}/"),
            (200,),
            LOGGED_IN,
        ),
        ("member home", per_person(lambda p: "/mein-bereich/"), (200,), LOGGED_IN),
        ("leader home", leader(lambda p: "/mein-bereich/"), (200,), LOGGED_IN),
        (
            "my groups",
            per_person(lambda p: "/mein-bereich/gruppen/"),
            (200,),
            LOGGED_IN,
        ),
        (
            "progress and certificates",
            per_person(lambda p: "/bescheinigungen/"),
            (200,),
            LOGGED_IN,
        ),
        (
            "attendance sheet",
            leader(
                lambda p: (
                    f"/gruppen/{p['slug']}/sitzungen/{p['meeting_pk']}/anwesenheit/"
                )
            ),
            (200,),
            LOGGED_IN,
        ),
        (
            "chamber report",
            leader(
                lambda p: f"/gruppen/{p['slug']}/sitzungen/{p['meeting_pk']}/meldung/"
            ),
            (200,),
            LOGGED_IN,
        ),
        (
            "online meeting page",
            per_person(lambda p: f"/online/sitzungen/{p['online_meeting_pk']}/"),
            (200,),
            LOGGED_IN,
        ),
        ("mentoring home", leader(lambda p: "/mentoring/"), (200,), LOGGED_IN),
        (
            "mentor directory",
            leader(lambda p: "/mentoring/mentorinnen/"),
            (200,),
            LOGGED_IN,
        ),
        (
            "mentor profile",
            leader(lambda p: f"/mentoring/mentorinnen/{p['mentor_pk']}/"),
            (200,),
            LOGGED_IN,
        ),
        ("application POST", application, (302,), APPLICATION),
        # Last: the slowest page, so its queue cannot slow the others.
        ("secretariat home", secretariat("/mein-bereich/"), (200,), LOGGED_IN),
    ]
