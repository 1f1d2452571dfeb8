"""A small closed-loop HTTP load generator for 127.0.0.1 (bounded in time).

Each client is a thread with its own keep-alive connection; it sends the next
request when the previous answer arrived. Reports requests per second and the
p50/p99 latencies of successful requests; any error status is counted.
"""

import http.client
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict = field(default_factory=dict)


@dataclass
class Result:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(
    host: str,
    port: int,
    make_request,
    *,
    clients: int,
    seconds: float,
    ok_statuses: tuple[int, ...] = (200, 302),
) -> Result:
    """``make_request(client_index, n)`` returns the Request to send."""
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    counters = {"requests": 0, "errors": 0}

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        local: list[float] = []
        errors = 0
        n = 0
        while time.perf_counter() < deadline:
            request = make_request(index, n)
            n += 1
            started = time.perf_counter()
            try:
                conn.request(
                    request.method,
                    request.path,
                    body=request.body,
                    headers=request.headers,
                )
                response = conn.getresponse()
                response.read()
                if response.status in ok_statuses:
                    local.append(time.perf_counter() - started)
                else:
                    errors += 1
                if response.getheader("connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
        conn.close()
        with lock:
            latencies.extend(local)
            counters["requests"] += len(local)
            counters["errors"] += errors

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Result(counters["requests"], counters["errors"], elapsed, latencies)
