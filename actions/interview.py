"""The symptom interview (a Rasa form) and the assessment at its end."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import LegbotAction, latest_intent
from bot.dialogue.interview import QUESTIONS, answer_findings, merge_findings, next_question
from bot.dialogue.replies import assessment_replies, words

FORM_NAME = "symptom_form"
STOP_INTENTS = ("just_tell_me",)
# Messages inside the interview that are not answers: the form steps aside (it rejects the
# turn) so the rules in data/rules/basics.yml answer them, then the interview goes on.
INTERRUPTIONS = ("ask_causes", "ask_condition_info", "ask_relief_now", "ask_prevention",
                 "ask_when_to_see_doctor", "ask_ache_vs_cramp", "bot_challenge", "out_of_scope",
                 "greet", "thank", "nlu_fallback", "forget_me", "confirm_forget",
                 "keep_conversation")


def asked(tracker: Tracker) -> list[str]:
    return [q.id for q in QUESTIONS if tracker.get_slot(q.slot) is not None]


def answered_since_user(tracker: Tracker) -> bool:
    """Did another action (the rules' answer) run after the user's latest message?"""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in (
                "action_listen", FORM_NAME, "validate_symptom_form", None):
            return True
    return False


class ValidateSymptomForm(LegbotAction, FormValidationAction):
    """Runs on every message inside the form: red flags first, then the next question."""

    def name(self) -> str:
        return "validate_symptom_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        self.tell_if_cut(dispatcher, tracker)
        findings, alarms, events = self.fold_latest(tracker)
        intent = latest_intent(tracker)
        findings = merge_findings(findings, answer_findings(tracker.get_slot("requested_slot"), intent))
        events.append(SlotSet("findings", findings))
        triage = self.assessor.triage(self.facts(findings, alarms))
        if triage.level == "emergency" or intent == "report_emergency" or intent in STOP_INTENTS:
            events.append(SlotSet("interview_done", True))
        elif triage.level == "urgent" and not tracker.get_slot("urgent_warned"):
            reasons = [r for r in triage.reasons if r.level == "urgent"]
            dispatcher.utter_message(response="utter_urgent_interrupt",
                                     reasons=words(k for r in reasons for k in r.findings))
            events.append(SlotSet("urgent_warned", True))
        elif intent in INTERRUPTIONS and not answered_since_user(tracker):
            # Without this the form would take any message as the answer: Rasa only lets the
            # rules run when the form's validation sets no slot, and this one always sets
            # `findings`. The findings in the message are kept all the same. When the form
            # runs again after the answer, it asks its question again.
            return events + [ActionExecutionRejected(FORM_NAME)]
        tracker.add_slots(events)
        return events + await super().run(dispatcher, tracker, domain)

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot("interview_done"):
            return []
        facts = self.facts(tracker.get_slot("findings") or [], tracker.get_slot("alarms") or [])
        question = next_question(facts, asked(tracker))
        return [question.slot] if question else []

    def _accept(self, slot: str, value: Any) -> dict[str, Any]:
        """Any answer counts, "not sure" included: the findings in it were already folded in."""
        return {slot: str(value)[:200] if value else "answered"}

    def validate_q_location(self, value, dispatcher, tracker, domain):
        return self._accept("q_location", value)

    def validate_q_side(self, value, dispatcher, tracker, domain):
        return self._accept("q_side", value)

    def validate_q_swelling(self, value, dispatcher, tracker, domain):
        return self._accept("q_swelling", value)

    def validate_q_timing(self, value, dispatcher, tracker, domain):
        return self._accept("q_timing", value)

    def validate_q_relief(self, value, dispatcher, tracker, domain):
        return self._accept("q_relief", value)

    def validate_q_duration(self, value, dispatcher, tracker, domain):
        return self._accept("q_duration", value)

    def validate_q_travel(self, value, dispatcher, tracker, domain):
        return self._accept("q_travel", value)

    def validate_q_risk(self, value, dispatcher, tracker, domain):
        return self._accept("q_risk", value)

    def validate_q_weakness(self, value, dispatcher, tracker, domain):
        return self._accept("q_weakness", value)


class ActionAssessSymptoms(LegbotAction):
    """The assessment: triage and why, possible causes with sources, tips, when to get help."""

    def name(self) -> str:
        return "action_assess_symptoms"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        findings, alarms, events = self.fold_latest(tracker)
        if not findings and not alarms:
            dispatcher.utter_message(response="utter_need_description")
            return events
        assessment = self.assessor.assess(self.facts(findings, alarms))
        self.send(dispatcher, tracker, assessment_replies(assessment))
        # a new description later starts a fresh interview on top of what is known
        events += [SlotSet(q.slot, None) for q in QUESTIONS]
        events += [SlotSet("interview_done", None), SlotSet("triage_level", assessment.triage.level),
                   SlotSet("last_causes", [c.id for c in assessment.causes])]
        return events
