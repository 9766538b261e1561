"""Serve the web chat page from the Rasa server itself, at /chat/.

The page talks to Rasa's socket.io channel on the same server. Its assets are files of this
package (the socket.io client is vendored from the npm registry at build time: `make vendor`);
nothing is loaded from a CDN. Which sites may embed the page (in an iframe, through
/chat/embed.js) is set by LEGBOT_ALLOWED_ORIGINS or `allowed_origins` in credentials.yml.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

STATIC = Path(__file__).parent / "static"
ASSETS = {
    "widget.js": "application/javascript",
    "widget.css": "text/css",
    "embed.js": "application/javascript",
    "socket.io.min.js": "application/javascript",
}


def frame_ancestors(origins: list[str]) -> str:
    """The CSP frame-ancestors value: this server, plus the allowed origins."""
    safe = [o for o in origins if o.startswith(("https://", "http://")) and " " not in o and ";" not in o]
    return " ".join(["'self'", *safe])


class WebChatInput(InputChannel):
    """A channel that only serves the page; messages go over the socketio channel."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebChatInput:
        credentials = credentials or {}
        origins = credentials.get("allowed_origins") or os.environ.get("LEGBOT_ALLOWED_ORIGINS", "")
        if isinstance(origins, str):
            origins = [o.strip() for o in origins.split(",") if o.strip()]
        return cls(list(origins), credentials.get("socketio_path", "/socket.io"))

    def __init__(self, allowed_origins: list[str] | None = None, socketio_path: str = "/socket.io"):
        self.allowed_origins = allowed_origins or []
        self.socketio_path = socketio_path

    def url_prefix(self) -> str:
        return "/chat"

    def _headers(self) -> dict[str, str]:
        return {
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"connect-src 'self' ws: wss:; frame-ancestors {frame_ancestors(self.allowed_origins)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }

    def blueprint(self, on_new_message: Any) -> Blueprint:
        chat = Blueprint("webchat", __name__)

        def page() -> HTTPResponse:
            html = (STATIC / "index.html").read_text(encoding="utf-8")
            html = html.replace("{{SOCKETIO_PATH}}", self.socketio_path)
            return response.html(html, headers=self._headers())

        @chat.route("/", methods=["GET"])
        async def chat_page(request: Request) -> HTTPResponse:
            return page()

        @chat.route("/<asset>", methods=["GET"])
        async def asset(request: Request, asset: str) -> HTTPResponse:
            if asset in ("", "index.html"):  # /chat/ as well as /chat
                return page()
            path = STATIC / asset
            if asset not in ASSETS or not path.is_file():
                return response.text("not found", status=404)
            return response.raw(path.read_bytes(), content_type=ASSETS[asset], headers=self._headers())

        return chat
