"""Three changes to how the Rasa server handles faults and load, installed once per process.

- **The action server cannot be reached** (refused, reset, timed out, or a 5xx from a proxy):
  Rasa logs a stack trace, drops the action and the user gets no answer at all. Here the user
  is told, with the domain response `utter_action_unavailable`, that the bot cannot look that
  up right now and what to do if it is an emergency; the next message is handled normally,
  so the conversation goes on once the action server is back.
- **The conversation database cannot be reached.** Rasa would quietly carry on with an empty,
  in-memory conversation: the user's earlier answers vanish from the reply and the new turns
  are never stored. Here each message first asks the tracker store whether it is reachable
  (`available()`, one cheap query, retried briefly); if not, the user is told with
  `utter_store_unavailable` to try again in a minute, and the message is not processed, so the
  stored conversation stays as it was and goes on once the database is back.
- **A message far too long to be a description** (over `LEGBOT_REFUSE_TEXT_CHARS`, 10,000 by
  default; a paste, a file, an attack) is refused with `utter_message_too_long` in every
  channel, before NLU reads it or the tracker store keeps it. Messages between 2,000 and that
  are cut to 2,000 characters and the user is told (see bot/understanding/text.py).
- **Faster checks of the action server's answers.** Rasa validates every answer against its
  JSON schema with `jsonschema.validate`, which first checks the schema itself, on every call:
  under load that was 46% of the Rasa server's samples (py-spy, `bench/load.py --profile`).
  Here the validator is built once; the check made on each answer is the same.

`install()` is called by `legbot serve` and by the tracker store (bot/stores.py), which every
Rasa process of this project loads, so `rasa run` and `rasa shell` get it too.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

UNAVAILABLE_RESPONSE = "utter_action_unavailable"
STORE_DOWN_RESPONSE = "utter_store_unavailable"
TOO_LONG_RESPONSE = "utter_message_too_long"
TOO_LONG_TEXT = ("That message is too long for me to read. Please tell me about your legs in a few "
                 "sentences (up to 2,000 characters).")
STORE_DOWN_TEXT = ("Sorry, I can't reach my records right now, so I can't go on with our "
                   "conversation. Please try again in a minute; what you've told me so far is kept. "
                   "If you have chest pain, trouble breathing, or a leg that is suddenly cold, pale "
                   "or very swollen, call emergency services now.")
UNAVAILABLE_TEXT = ("Sorry, I can't look that up right now. Please try again in a minute. If you have "
                    "chest pain, trouble breathing, or a leg that is suddenly cold, pale or very "
                    "swollen, call emergency services now.")
_installed = False


def unreachable(exc: BaseException) -> bool:
    """Is this the action server not answering (as opposed to an answer we reject)?"""
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.exceptions import RasaException

    if isinstance(exc, ActionExecutionRejection):
        return False
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ClientConnectionError)):
        return True
    cause = exc.__cause__
    if isinstance(exc, RasaException):
        status = getattr(cause, "status", None)
        return cause is None or isinstance(cause, aiohttp.ClientConnectionError) or (status or 0) >= 500
    return False


async def unavailable_message(nlg: Any, tracker: Any, channel: str) -> dict:
    try:
        message = await nlg.generate(UNAVAILABLE_RESPONSE, tracker, channel)
    except Exception:  # the apology must not fail too
        message = None
    return message or {"text": UNAVAILABLE_TEXT}


def install() -> None:
    global _installed
    if _installed:
        return
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction, create_bot_utterance

    original_run = RemoteAction.run
    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)(schema)

    def validate_action_result(self: RemoteAction, result: dict) -> bool:
        try:
            validator.validate(result)
            return True
        except ValidationError as e:
            e.message += ". Failed to validate the action server's response."
            raise e

    async def run(self: RemoteAction, output_channel, nlg, tracker, domain):
        try:
            return await original_run(self, output_channel, nlg, tracker, domain)
        except Exception as exc:
            if not unreachable(exc):
                raise
            logger.warning("the action server did not answer for %s (%s)", self.name(), type(exc).__name__)
            message = await unavailable_message(nlg, tracker, output_channel.name())
            return [create_bot_utterance(message)]

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction.run = run
    _guard_the_tracker_store()
    _installed = True


def domain_text(domain: Any, response: str, default: str) -> str:
    try:
        return domain.responses[response][0]["text"]
    except (AttributeError, KeyError, IndexError, TypeError):
        return default


def _guard_the_tracker_store() -> None:
    from rasa.core.processor import MessageProcessor

    original_handle = MessageProcessor.handle_message

    from bot.settings import get_settings

    limit = get_settings().refuse_text_chars

    async def handle_message(self: MessageProcessor, message):
        if isinstance(message.text, str) and len(message.text) > limit:
            logger.warning("a message of %d characters was refused (limit %d)", len(message.text), limit)
            text = domain_text(self.domain, TOO_LONG_RESPONSE, TOO_LONG_TEXT)
            await message.output_channel.send_response(message.sender_id, {"text": text})
            return None
        store = getattr(self.tracker_store, "_tracker_store", self.tracker_store)  # FailSafe wraps it
        available = getattr(store, "available", None)
        if available is not None and not await available():
            logger.warning("the tracker store is unreachable; a message was answered with an apology")
            text = domain_text(self.domain, STORE_DOWN_RESPONSE, STORE_DOWN_TEXT)
            await message.output_channel.send_response(message.sender_id, {"text": text})
            return None
        return await original_handle(self, message)

    MessageProcessor.handle_message = handle_message
