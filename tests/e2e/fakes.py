"""A local stand-in for a third-party HTTP API (Slack, Telegram): records every call and
answers {"ok": true}. Only for APIs that cannot run here; everything else is real."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeApi:
    def __init__(self, port: int = 0):
        self.calls: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                with api._lock:
                    api.calls.append((self.path, body))
                out = json.dumps({"ok": True, "result": {"message_id": len(api.calls)}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def method_calls(self, method: str) -> list[dict]:
        with self._lock:
            return [body for path, body in self.calls if path.rstrip("/").endswith("/" + method)]

    def wait_for(self, method: str, count: int, timeout: float = 60) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.method_calls(method)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{method}: {len(self.method_calls(method))} calls, expected {count}: {self.calls}")

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
