"""A minimal STUN server for the Technik-Check's browser test (RFC 5389).

It answers every Binding Request with a made-up public address
(203.0.113.7, a documentation address), so Chromium reports a
server-reflexive ("srflx") candidate as it would behind a home router. Only
for tests; a real TURN relay cannot be stood in here (docs/online.md).
"""

import socket
import struct
import threading

MAGIC_COOKIE = 0x2112A442
BINDING_REQUEST = 0x0001
BINDING_SUCCESS = 0x0101
XOR_MAPPED_ADDRESS = 0x0020
PUBLIC_ADDRESS = "203.0.113.7"


def binding_response(request: bytes, port: int) -> bytes | None:
    if len(request) < 20:
        return None
    kind, _length, cookie = struct.unpack("!HHI", request[:8])
    if kind != BINDING_REQUEST or cookie != MAGIC_COOKIE:
        return None
    transaction = request[8:20]
    address = struct.unpack("!I", socket.inet_aton(PUBLIC_ADDRESS))[0]
    value = struct.pack(
        "!BBHI", 0, 1, port ^ (MAGIC_COOKIE >> 16), address ^ MAGIC_COOKIE
    )
    attribute = struct.pack("!HH", XOR_MAPPED_ADDRESS, len(value)) + value
    header = struct.pack("!HHI", BINDING_SUCCESS, len(attribute), MAGIC_COOKIE)
    return header + transaction + attribute


class StunStandIn:
    def __init__(self, host: str) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind((host, 0))
        self.socket.settimeout(0.2)
        self.host, self.port = self.socket.getsockname()
        self.requests = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"stun:{self.host}:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, sender = self.socket.recvfrom(2048)
            except TimeoutError:
                continue
            reply = binding_response(data, sender[1])
            if reply:
                self.requests += 1
                self.socket.sendto(reply, sender)

    def __enter__(self) -> "StunStandIn":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()
