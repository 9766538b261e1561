"""Rasa's REST channel, with its request body checked first.

Rasa's own channel reads `request.json.get(...)`, so a body that is valid JSON but not an
object (a list, a number) or fields of the wrong type end in a 500 and a stack trace. Here
they are refused with 400 and a short reason; everything else is Rasa's channel unchanged,
at the same address (/webhooks/rest/webhook).
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage as BadRequest  # 400; sanic 21.12 names it so
from sanic.request import Request

MAX_SENDER_CHARS = 255  # Rasa's SQL tracker store keeps sender ids in a VARCHAR(255)


def body(request: Request) -> dict[str, Any]:
    try:
        parsed = request.json  # Sanic answers 400 itself for JSON it cannot parse
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest("the body is not valid UTF-8 JSON") from exc
    if not isinstance(parsed, dict):
        raise BadRequest('the body must be a JSON object: {"sender": "...", "message": "..."}')
    return parsed


class LegbotRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _extract_sender(self, req: Request) -> str | None:
        sender = body(req).get("sender")
        if sender is None:
            return None
        if not isinstance(sender, (str, int)) or isinstance(sender, bool) or not str(sender).strip():
            raise BadRequest("'sender' must be a non-empty string")
        if len(str(sender)) > MAX_SENDER_CHARS:
            raise BadRequest(f"'sender' may have at most {MAX_SENDER_CHARS} characters")
        return str(sender)

    def _extract_message(self, req: Request) -> str | None:
        message = body(req).get("message")
        if message is not None and not isinstance(message, str):
            raise BadRequest("'message' must be a string")
        return message

    def _extract_input_channel(self, req: Request) -> str:
        channel = body(req).get("input_channel")
        return channel if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        metadata = body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None
