"""Slack and Telegram end to end: the real Rasa server and action server, with local fakes
of the Slack Web API and the Telegram Bot API (the only parts that cannot run here)."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bot.tools.wait_http import wait_http
from tests.conftest import MODEL, ROOT
from tests.e2e.conftest import ENV, stop
from tests.e2e.conftest import free_port as _free_port
from tests.e2e.fakes import FakeApi

pytestmark = pytest.mark.model
SIGNING_SECRET = "test-signing-secret"
TELEGRAM_SECRET = "test-telegram-secret"
TOKEN = "123:TEST"


class Channels:
    def __init__(self, url: str, slack: FakeApi, telegram_port: int):
        self.url = url
        self.slack = slack
        self.telegram_port = telegram_port
        self.telegram: FakeApi | None = None

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, body, headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


@pytest.fixture(scope="module")
def channels(action_endpoints, tmp_path_factory):
    work = tmp_path_factory.mktemp("channels")
    slack = FakeApi()
    telegram_port = _free_port()  # reserved, but nothing answers there yet: Telegram is "down"
    port = _free_port()
    credentials = work / "credentials.yml"
    credentials.write_text(f"""
rest:
bot.channels.slack.LegbotSlackInput:
  slack_token: xoxb-test
  slack_signing_secret: {SIGNING_SECRET}
  slack_api_url: {slack.url}/api/
bot.channels.telegram.LegbotTelegramInput:
  access_token: "{TOKEN}"
  webhook_url: http://127.0.0.1:{port}/webhooks/telegram/webhook
  secret_token: {TELEGRAM_SECRET}
  api_url: http://127.0.0.1:{telegram_port}
  retry_seconds: 0.5
""")
    with open(work / "rasa.log", "w") as log:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "rasa"), "run", "--model", str(MODEL),
                                 "--endpoints", str(action_endpoints), "--credentials", str(credentials),
                                 "--port", str(port), "--interface", "127.0.0.1"],
                                cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert wait_http(f"http://127.0.0.1:{port}/", 180), (work / "rasa.log").read_text()[-3000:]
            yield Channels(f"http://127.0.0.1:{port}", slack, telegram_port)
        finally:
            stop([proc])
            slack.stop()


# --- Slack -------------------------------------------------------------------------------------

def signed(body: bytes, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def slack_event(text: str, event_id: str, user: str = "U1", channel: str = "D1") -> bytes:
    return json.dumps({"type": "event_callback", "event_id": event_id, "authorizations": [{"user_id": "UBOT"}],
                       "event": {"type": "message", "channel_type": "im", "user": user, "text": text,
                                 "channel": channel, "ts": str(time.time())}}).encode()


def post_slack(channels: Channels, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    return channels.post("/webhooks/slack/webhook", body, {"Content-Type": "application/json", **headers})


def test_slack_signed_event_gets_a_reply(channels):
    before = len(channels.slack.method_calls("chat.postMessage"))
    body = slack_event("hello", "Ev-hello")
    status, _ = post_slack(channels, body, signed(body))
    assert status == 200
    reply = channels.slack.wait_for("chat.postMessage", before + 1)[-1]
    assert reply["channel"] == "D1" and "Legbot" in reply["text"]


def test_slack_bad_signature_is_refused_without_reply(channels):
    before = len(channels.slack.calls)
    body = slack_event("hello", "Ev-bad")
    status, _ = post_slack(channels, body, signed(body, secret="wrong"))
    assert status == 400
    time.sleep(2)
    assert len(channels.slack.calls) == before


def test_slack_old_timestamp_is_refused(channels):
    body = slack_event("hello", "Ev-old")
    status, _ = post_slack(channels, body, signed(body, timestamp=int(time.time()) - 6 * 60))
    assert status == 400


def test_slack_retries_do_not_reply_twice(channels):
    body = slack_event("thanks", "Ev-retry", user="U3", channel="D3")
    status, _ = post_slack(channels, body, signed(body))
    assert status == 200
    channels.slack.wait_for("chat.postMessage", 1)
    time.sleep(3)
    replies = [c for c in channels.slack.method_calls("chat.postMessage") if c["channel"] == "D3"]
    assert len(replies) == 1
    for retry in ("1", "2"):
        status, _ = post_slack(channels, body, {**signed(body), "X-Slack-Retry-Num": retry,
                                                "X-Slack-Retry-Reason": "http_error"})
        assert status == 200
    status, _ = post_slack(channels, body, signed(body))  # the same event_id again, no header
    assert status == 200
    time.sleep(3)
    assert len([c for c in channels.slack.method_calls("chat.postMessage") if c["channel"] == "D3"]) == 1


def test_slack_url_verification(channels):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}).encode()
    status, reply = post_slack(channels, body, signed(body))
    assert status == 200 and json.loads(reply) == {"challenge": "abc123"}


def test_slack_quick_replies_are_buttons_and_a_press_goes_on(channels):
    body = slack_event("my calves cramp at night", "Ev-buttons", user="U4", channel="D4")
    post_slack(channels, body, signed(body))
    channels.slack.wait_for("chat.postMessage", 1)
    deadline = time.time() + 60
    while time.time() < deadline and not [c for c in channels.slack.method_calls("chat.postMessage")
                                          if c["channel"] == "D4"]:
        time.sleep(0.2)
    question = [c for c in channels.slack.method_calls("chat.postMessage") if c["channel"] == "D4"][-1]
    blocks = question["blocks"] if isinstance(question["blocks"], list) else json.loads(question["blocks"])
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Left leg", "Right leg", "Both legs", "Not sure"]
    press = {"type": "block_actions", "user": {"id": "U4"}, "channel": {"id": "D4"},
             "actions": [{"type": "button", "value": "both legs"}]}
    form = urllib.parse.urlencode({"payload": json.dumps(press)}).encode()
    status, _ = channels.post("/webhooks/slack/webhook", form,
                              {"Content-Type": "application/x-www-form-urlencoded", **signed(form)})
    assert status == 200
    deadline = time.time() + 60
    while time.time() < deadline:
        mine = [c for c in channels.slack.method_calls("chat.postMessage") if c["channel"] == "D4"]
        if len(mine) >= 2:
            break
        time.sleep(0.2)
    assert "swollen" in mine[-1]["text"]  # the next question: the interview went on


# --- Telegram ------------------------------------------------------------------------------------

def update(update_id: int, text: str | None = None, callback: str | None = None, chat: int = 42) -> bytes:
    if callback is not None:
        body = {"update_id": update_id, "callback_query": {"id": f"cb{update_id}", "data": callback,
                                                             "message": {"chat": {"id": chat}}}}
    else:
        body = {"update_id": update_id, "message": {"message_id": update_id, "chat": {"id": chat}, "text": text}}
    return json.dumps(body).encode()


def post_telegram(channels: Channels, body: bytes, secret: str = TELEGRAM_SECRET) -> tuple[int, bytes]:
    return channels.post("/webhooks/telegram/webhook", body,
                         {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})


def test_telegram_down_at_start_up_keeps_the_server_serving_then_registers(channels):
    # The server is up although the Bot API did not answer: REST still serves.
    rest = channels.post("/webhooks/rest/webhook", json.dumps({"sender": "r1", "message": "hello"}).encode(),
                         {"Content-Type": "application/json"})
    assert rest[0] == 200 and "Legbot" in rest[1].decode()
    health = json.loads(urllib.request.urlopen(channels.url + "/webhooks/telegram/", timeout=10).read())
    assert health["webhook"] is False
    channels.telegram = FakeApi(channels.telegram_port)  # Telegram comes back
    webhook = channels.telegram.wait_for("setWebhook", 1, timeout=30)[0]
    assert webhook["url"].endswith("/webhooks/telegram/webhook") and webhook["secret_token"] == TELEGRAM_SECRET


def test_telegram_update_in_send_message_out(channels):
    assert channels.telegram is not None, "runs after the start-up test"
    status, _ = post_telegram(channels, update(1, "hello"))
    assert status == 200
    sent = channels.telegram.wait_for("sendMessage", 1)[-1]
    assert sent["chat_id"] == "42" and "Legbot" in sent["text"]


def test_telegram_wrong_secret_is_refused(channels):
    before = len(channels.telegram.calls)
    status, _ = post_telegram(channels, update(2, "hello"), secret="wrong")
    assert status == 403
    time.sleep(1)
    assert len(channels.telegram.calls) == before


def test_telegram_quick_replies_and_a_button_press(channels):
    before = len(channels.telegram.method_calls("sendMessage"))
    post_telegram(channels, update(3, "my calves cramp at night", chat=77))
    question = channels.telegram.wait_for("sendMessage", before + 1)[-1]
    keyboard = question["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == ["Left leg", "Right leg", "Both legs", "Not sure"]
    press = next(row[0]["callback_data"] for row in keyboard if row[0]["text"] == "Both legs")
    post_telegram(channels, update(4, callback=press, chat=77))
    channels.telegram.wait_for("answerCallbackQuery", 1)
    following = channels.telegram.wait_for("sendMessage", before + 2)[-1]
    assert following["chat_id"] == "77" and "swollen" in following["text"]


def test_telegram_repeated_update_is_ignored(channels):
    before = len(channels.telegram.method_calls("sendMessage"))
    post_telegram(channels, update(5, "thanks", chat=88))
    channels.telegram.wait_for("sendMessage", before + 1)
    post_telegram(channels, update(5, "thanks", chat=88))
    time.sleep(2)
    assert len(channels.telegram.method_calls("sendMessage")) == before + 1
