"""What the benchmark measures: (name, request factory, accepted statuses)."""

from urllib.parse import urlencode

from bench.load import Request

# A fixed CSRF secret: Django accepts the header when it matches the cookie.
CSRF = "benchcsrfsecret0123456789abcdefg"


def endpoints(info: dict) -> list:
    def get(path: str, session: str | None = None):
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        request = Request("GET", path, headers=headers)
        return lambda index, n: request

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

    return [
        ("catalogue", get("/gruppen/"), (200,)),
        ("group page", get(f"/gruppen/{slug}/"), (200,)),
        ("my groups", get("/mein-bereich/gruppen/", info["member_session"]), (200,)),
        (
            "attendance page",
            get(
                f"/gruppen/{slug}/sitzungen/{info['meeting_pk']}/anwesenheit/",
                info["leader_session"],
            ),
            (200,),
        ),
        ("application POST", application, (302,)),
    ]
