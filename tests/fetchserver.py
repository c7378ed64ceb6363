"""A real HTTP server on 127.0.0.1 for fetch tests: static and scripted replies, a request log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"


@dataclass(frozen=True)
class Reply:
    """What the server answers to one request."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    trickle: float = 0.0  # seconds between single bytes of the body
    stall: float = 0.0  # seconds to wait before answering at all


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()


Route = Reply | Callable[[Seen], Reply]


@dataclass
class FetchServer:
    """Serve routes on 127.0.0.1 on a free port; record every request."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Seen] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        """Return the server's base URL."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def port(self) -> int:
        """Return the server's port."""
        assert self._server is not None
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on this server."""
        return self.base + path

    def fixture(self, name: str, content_type: str, path: str | None = None) -> None:
        """Serve a fixture file at /name (or path), with BASE replaced by the server's URL."""
        body = (FIXTURES / name).read_bytes().replace(b"BASE", self.base.encode())
        self.routes[path or f"/{name}"] = Reply(
            body=body, headers=(("Content-Type", content_type),)
        )

    def paths(self) -> list[str]:
        """Return the requested paths in order."""
        return [seen.path for seen in self.log]

    def start(self) -> None:
        """Start serving in a daemon thread."""
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen = Seen(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()
                )
                server.log.append(seen)
                route = server.routes.get(self.path, Reply(404, b"not here"))
                reply = route(seen) if callable(route) else route
                try:
                    _answer(self, reply)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up, as the tests want it to

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _answer(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    """Write one reply, slowly when it asks to be slow."""
    time.sleep(reply.stall)
    handler.send_response(reply.status)
    names = {name.lower() for name, _ in reply.headers}
    for name, value in reply.headers:
        handler.send_header(name, value)
    if "content-length" not in names:
        handler.send_header("Content-Length", str(len(reply.body)))
    handler.end_headers()
    if not reply.trickle:
        handler.wfile.write(reply.body)
        return
    for byte in reply.body:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(reply.trickle)


def serve() -> Iterator[FetchServer]:
    """Yield a started server and stop it afterwards (wrap in a pytest fixture)."""
    server = FetchServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
