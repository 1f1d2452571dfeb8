"""What the benchmark measures: (name, request factory, accepted statuses)."""

from bench.load import Request


def endpoints(info: dict) -> list:
    def get(path: str, session: str | None = None):
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        request = Request("GET", path, headers=headers)
        return lambda index, n: request

    return [
        ("catalogue", get("/gruppen/"), (200,)),
        ("group page", get(f"/gruppen/{info['group_slug']}/"), (200,)),
    ]
