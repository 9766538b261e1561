"""Telegram, with a configurable Bot API base URL, reliable at start-up and per update.

Rasa's TelegramInput calls setWebhook while the server starts and stops the whole server
when Telegram is unreachable, and its aiogram session stays bound to a short-lived event
loop. This connector instead:

- registers the webhook in the background after start-up, retrying with back-off and
  logging, so the other channels keep serving when Telegram is down;
- opens a fresh HTTP session for each Bot API call (no session bound to a dead loop);
- refuses updates without the right X-Telegram-Bot-Api-Secret-Token (403);
- ignores a repeated update_id (Telegram re-sends updates it thinks were lost);
- turns quick replies into an inline keyboard and a button press (callback query) into the
  next user message.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.seen import SeenIds

logger = logging.getLogger(__name__)
TELEGRAM_API = "https://api.telegram.org"
MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data


class TelegramOutput(OutputChannel):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, api_url: str, token: str):
        self.base = f"{api_url.rstrip('/')}/bot{token}/"

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        timeout = aiohttp.ClientTimeout(total=15)
        async with aiohttp.ClientSession(timeout=timeout) as session, \
                session.post(self.base + method, json=payload) as reply:
            data = await reply.json(content_type=None)
        if not data.get("ok"):
            logger.warning("telegram: %s failed: %s", method, data.get("description", "no description"))
        return data

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for start in range(0, max(len(text), 1), MAX_TEXT):
            await self.call("sendMessage", {"chat_id": recipient_id, "text": text[start:start + MAX_TEXT]})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        keyboard = [[{"text": str(b["title"]), "callback_data": callback_data(b)}] for b in buttons]
        await self.call("sendMessage", {"chat_id": recipient_id, "text": text[:MAX_TEXT],
                                        "reply_markup": {"inline_keyboard": keyboard}})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """The web page's extra data (triage banner, sources) has no Telegram form."""


def _update_id(update: Any) -> int | None:
    value = update.get("update_id") if isinstance(update, dict) else None
    return value if isinstance(value, int) else None


def callback_data(button: dict[str, Any]) -> str:
    """The payload, or the title when the payload is longer than Telegram allows."""
    payload = str(button.get("payload") or button.get("title") or "")
    if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES:
        return payload
    return str(button.get("title", ""))[:MAX_CALLBACK_BYTES // 4]


# Telegram's slash commands, as the messages they stand for.
COMMANDS = {"/start": "hello", "/forget": "/forget_me", "/forgetme": "/forget_me",
            "/restart": "/restart"}


class LegbotTelegramInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LegbotTelegramInput:
        """Secrets from credentials.yml or, when it leaves them out, from the environment:
        TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_URL, TELEGRAM_SECRET_TOKEN, TELEGRAM_API_URL.
        Without a token the channel answers 503 instead of stopping the server."""
        c = credentials or {}
        return cls(
            token=c.get("access_token") or os.environ.get("TELEGRAM_BOT_TOKEN", ""),
            webhook_url=c.get("webhook_url") or os.environ.get("TELEGRAM_WEBHOOK_URL", ""),
            secret_token=c.get("secret_token") or os.environ.get("TELEGRAM_SECRET_TOKEN", ""),
            api_url=c.get("api_url") or os.environ.get("TELEGRAM_API_URL") or TELEGRAM_API,
            retry_seconds=float(c.get("retry_seconds", 5)),
        )

    def __init__(self, token: str, webhook_url: str = "", secret_token: str = "",
                 api_url: str = TELEGRAM_API, retry_seconds: float = 5.0):
        self.token = token
        self.webhook_url = webhook_url
        self.secret_token = secret_token
        self.api_url = api_url
        self.retry_seconds = retry_seconds
        self.webhook_registered = asyncio.Event()
        self._seen = SeenIds()

    def get_output_channel(self) -> TelegramOutput:
        return TelegramOutput(self.api_url, self.token)

    async def register_webhook(self, attempts: int = 1_000) -> None:
        """setWebhook, retried with back-off until it works; never raises."""
        delay = self.retry_seconds
        payload: dict[str, Any] = {"url": self.webhook_url, "allowed_updates": ["message", "callback_query"]}
        if self.secret_token:
            payload["secret_token"] = self.secret_token
        for attempt in range(1, attempts + 1):
            try:
                if (await self.get_output_channel().call("setWebhook", payload)).get("ok"):
                    logger.info("telegram: webhook registered")
                    self.webhook_registered.set()
                    return
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
                logger.warning("telegram: Bot API unreachable (attempt %d): %s", attempt, type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 300)

    def _authentic(self, request: Request) -> bool:
        if not self.secret_token:
            return True
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        return hmac.compare_digest(given.encode(), self.secret_token.encode())

    def blueprint(self, on_new_message: Any) -> Blueprint:
        telegram = Blueprint("legbot_telegram", __name__)

        @telegram.listener("after_server_start")
        async def start(app: Any, loop: Any) -> None:
            if self.webhook_url:
                app.add_task(self.register_webhook())

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "webhook": self.webhook_registered.is_set()})

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.token:
                return response.text("Telegram is not configured on this server", status=503)
            if not self._authentic(request):
                return response.text("wrong secret token", status=403)
            try:
                update = request.json or {}
            except Exception:  # not JSON at all
                return response.text("bad request", status=400)
            if not isinstance(update, dict) or self._seen.seen(_update_id(update)):
                return response.text("ok")
            text, chat_id = None, None
            output = self.get_output_channel()
            if "callback_query" in update:
                query = update["callback_query"] or {}
                text = query.get("data")
                chat_id = ((query.get("message") or {}).get("chat") or {}).get("id")
                if query.get("id"):
                    await output.call("answerCallbackQuery", {"callback_query_id": query["id"]})
            elif isinstance(update.get("message"), dict):
                message = update["message"]
                text = message.get("text")
                chat_id = (message.get("chat") or {}).get("id")
            if not text or chat_id is None:
                return response.text("ok")  # stickers, photos, joins: nothing to answer
            text = COMMANDS.get(text.strip().split("@")[0], text)
            await on_new_message(UserMessage(text, output, str(chat_id), input_channel=self.name()))
            return response.text("ok")

        return telegram
