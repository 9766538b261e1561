"""Every other reply: questions answered from the store, small talk, out of scope. The red
flags of the message are checked first, whatever was asked."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import LegbotAction, latest_intent
from bot.dialogue import answers
from bot.dialogue.replies import Reply, triage_replies

SIMPLE = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
    "bot_challenge": "utter_iamabot",
    "out_of_scope": "utter_out_of_scope",
    "nlu_fallback": "utter_default",
    "affirm": "utter_anything_else",
    "deny": "utter_anything_else",
    "dont_know": "utter_anything_else",
}


class ActionReply(LegbotAction):
    def name(self) -> str:
        return "action_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        self.tell_if_cut(dispatcher, tracker)
        findings, alarms, events = self.fold_latest(tracker)
        intent = latest_intent(tracker)
        facts = self.facts(findings, alarms)
        triage = self.assessor.triage(facts)
        if triage.level == "emergency" or intent == "report_emergency":
            replies = triage_replies(triage) if triage.level == "emergency" else []
            self.send(dispatcher, tracker, replies or [Reply("utter_triage_emergency")])
            return events + [SlotSet("triage_level", "emergency")]
        store = self.assessor.store

        def causes_in_question() -> list[str]:
            """Conditions the message names, else the best fits so far (only when asked)."""
            text = (tracker.latest_message or {}).get("text") or ""
            named = answers.conditions_named(text)
            ranked = [c.id for c in self.assessor.ranker.rank(facts)]
            return named or ranked or (tracker.get_slot("last_causes") or [])

        if intent == "ask_condition_info":
            cause = (causes_in_question() or [None])[0]
            reply = answers.condition_info(cause, store) if cause else Reply("utter_which_condition")
        elif intent == "ask_relief_now":
            reply = answers.remedies(causes_in_question(), "relieved_by", store)
        elif intent == "ask_prevention":
            reply = answers.remedies(causes_in_question(), "prevented_by", store)
        elif intent == "ask_when_to_see_doctor":
            reply = answers.when_to_see_doctor(store)
        elif intent == "ask_ache_vs_cramp":
            reply = answers.ache_vs_cramp(store)
        elif intent == "ask_causes":
            reply = Reply("utter_offer_assessment") if findings else answers.causes_overview(store)
        else:
            reply = Reply(SIMPLE.get(intent or "", "utter_default"))
        self.send(dispatcher, tracker, [reply])
        return events
