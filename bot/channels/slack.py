"""Slack, with a configurable API base URL (for tests and proxies).

Rasa's SlackInput always posts to slack.com, answers only some of Slack's retries without
replying again, answers the url_verification challenge as a bare JSON string, and drops all
buttons past five. This connector keeps its signature and timestamp checks (a bad signature
gets 400, a timestamp older than five minutes is refused) and adds:

- ``slack_api_url``: where chat.postMessage goes (default https://slack.com/api/);
- no second reply to a retry: any request with ``x-slack-retry-num``, or with an event_id
  already seen, is acknowledged and not processed again;
- the url_verification challenge answered as Slack documents it;
- quick replies as Slack buttons, up to the 25 an actions block takes.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.seen import SeenIds

logger = logging.getLogger(__name__)
SLACK_API = "https://slack.com/api/"
MAX_BUTTONS = 25


class LegbotSlackBot(SlackBot):
    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None, api_url: str = SLACK_API):
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        elements = [{"type": "button", "text": {"type": "plain_text", "text": str(b["title"])[:75]},
                     "value": str(b["payload"])[:2000]} for b in buttons[:MAX_BUTTONS]]
        await self._post_message(channel=recipient, as_user=True, text=text,
                                 blocks=[{"type": "section", "text": {"type": "plain_text", "text": text}},
                                         {"type": "actions", "elements": elements}])


class LegbotSlackInput(SlackInput):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LegbotSlackInput:
        """Secrets from credentials.yml or, when it leaves them out, from the environment:
        SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_CHANNEL, SLACK_API_URL. Without a token
        and signing secret the channel answers 503 instead of stopping the server."""
        env = {"slack_token": "SLACK_BOT_TOKEN", "slack_signing_secret": "SLACK_SIGNING_SECRET",
               "slack_channel": "SLACK_CHANNEL", "slack_api_url": "SLACK_API_URL"}
        merged = {k: (credentials or {}).get(k) or os.environ.get(v) for k, v in env.items()}
        merged = {**(credentials or {}), **{k: v for k, v in merged.items() if v}}
        configured = bool(merged.get("slack_token") and merged.get("slack_signing_secret"))
        if not configured:
            merged["slack_signing_secret"] = "not-configured"
        channel = super().from_credentials(merged)
        channel.api_url = _with_slash(merged.get("slack_api_url") or SLACK_API)
        channel.configured = configured
        return channel

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.api_url = SLACK_API
        self.configured = True
        self._seen = SeenIds()

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> LegbotSlackBot:
        return LegbotSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy,
                              self.api_url)

    def blueprint(self, on_new_message: Any) -> Any:
        slack = super().blueprint(on_new_message)
        parent = next(r.handler for r in slack._future_routes if r.uri == "/webhook")

        async def webhook(request: Request) -> Any:
            if not self.configured:
                return response.text("Slack is not configured on this server", status=503)
            if not self.is_request_from_slack_authentic(request):
                return response.text("Message is not properly signed with a valid X-Slack-Signature header",
                                     status=400)
            if request.headers.get("content-type") == "application/json":
                body = request.json or {}
                if body.get("type") == "url_verification":
                    return response.json({"challenge": body.get("challenge", "")})
                if request.headers.get(self.retry_num_header) or self._seen.seen(body.get("event_id")):
                    logger.info("slack: retry or repeated event acknowledged without a new reply")
                    return response.text("", headers={"X-Slack-No-Retry": "1"})
            return await parent(request)

        for route in slack._future_routes:
            if route.uri == "/webhook":
                slack._future_routes.discard(route)
                break
        slack.add_route(webhook, "/webhook", methods=["GET", "POST"])
        return slack


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
