""""Forget me": after the user has confirmed, say so and end the conversation. The stored
conversation is deleted by the Rasa server's tracker store when it sees this action ran
(bot/stores.py), because only the Rasa server can delete it for good."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import WEB_CHANNELS
from bot.privacy import FORGET_ACTION


class ActionForgetMe(Action):
    def name(self) -> str:
        return FORGET_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        # The web page also clears its own copy of the conversation when told so.
        web = tracker.get_latest_input_channel() in WEB_CHANNELS
        extra = {"json_message": {"data": {"legbot": {"forgotten": True}}}} if web else {}
        dispatcher.utter_message(response="utter_forgotten", **extra)
        return []  # nothing to record: the whole conversation is about to be deleted
