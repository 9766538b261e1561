"""What every Legbot action shares: reading findings off the tracker, the red-flag guard and
sending replies. The base class is abstract, so rasa_sdk does not register it as an action."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.interview import merge_findings
from bot.dialogue.replies import Reply
from bot.entities import SIGN_TYPES, sign_ids
from bot.triage.assess import Assessor, get_assessor
from bot.triage.facts import Facts
from bot.understanding.component import EXTRACTOR_NAME, NEGATED_ROLE, TRUNCATED_KEY

WEB_CHANNELS = ("socketio",)


def latest_findings(tracker: Tracker) -> list[dict]:
    entities = (tracker.latest_message or {}).get("entities") or []
    return [{"type": e["entity"], "value": e["value"], "present": e.get("role") != NEGATED_ROLE}
            for e in entities if e.get("extractor") == EXTRACTOR_NAME and e.get("entity") not in SIGN_TYPES]


def latest_alarms(tracker: Tracker) -> list[str]:
    entities = (tracker.latest_message or {}).get("entities") or []
    return sign_ids(entities)


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


class LegbotAction(Action, ABC):
    """Actions are shared by all users: they hold the (stateless) assessor, nothing else."""

    def __init__(self, assessor: Assessor | None = None):
        self._assessor = assessor

    @abstractmethod
    def name(self) -> str:
        """Abstract, so rasa_sdk does not try to register this base as an action."""

    @property
    def assessor(self) -> Assessor:
        if self._assessor is None:
            self._assessor = get_assessor()
        return self._assessor

    @staticmethod
    def tell_if_cut(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """A message longer than the extractor reads was cut: say so."""
        if (tracker.latest_message or {}).get(TRUNCATED_KEY):
            dispatcher.utter_message(response="utter_message_cut")

    def fold_latest(self, tracker: Tracker) -> tuple[list[dict], list[str], list[EventType]]:
        """Add this message's findings and alarms to those of earlier turns."""
        findings = merge_findings(tracker.get_slot("findings") or [], latest_findings(tracker))
        alarms = list(dict.fromkeys((tracker.get_slot("alarms") or []) + latest_alarms(tracker)))
        return findings, alarms, [SlotSet("findings", findings), SlotSet("alarms", alarms)]

    @staticmethod
    def facts(findings: list[dict], alarms: list[str]) -> Facts:
        return Facts.from_findings(findings, alarms)

    @staticmethod
    def send(dispatcher: CollectingDispatcher, tracker: Tracker, replies: list[Reply]) -> None:
        web = tracker.get_latest_input_channel() in WEB_CHANNELS
        for reply in replies:
            # Rasa's socket.io output emits custom JSON as keyword arguments of sio.emit, so
            # the payload must be under "data" (it reaches the page as the event's data).
            extra: dict[str, Any] = {"json_message": {"data": reply.custom}} if web and reply.custom else {}
            dispatcher.utter_message(response=reply.response, **reply.values, **extra)
