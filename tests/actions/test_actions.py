"""The rasa_sdk actions with CollectingDispatcher: events and messages, on the real domain
and a knowledge store built from the real documents."""

from __future__ import annotations

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.interview import ActionAssessSymptoms, ValidateSymptomForm
from actions.replies import ActionReply
from bot.triage.assess import Assessor
from bot.understanding.component import extraction_to_entities
from bot.understanding.extractor import extract
from tests.conftest import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def tracker(text: str = "", intent: str = "describe_symptoms", slots: dict | None = None,
            channel: str = "rest", requested_slot: str | None = None, form: bool = False,
            truncated: bool = False) -> Tracker:
    """A tracker whose latest message is ``text``, read by the real extractor."""
    entities = extraction_to_entities(extract(text)) if text else []
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities}
    if truncated:
        message["legbot_truncated"] = True
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update(slots or {})
    all_slots["requested_slot"] = requested_slot
    events = [{"event": "user", "text": text, "parse_data": message, "input_channel": channel}]
    return Tracker("tester", all_slots, message, events, False, None,
                   {"name": "symptom_form"} if form else {}, "action_listen")


@pytest.fixture(scope="module")
def assessor(store):
    return Assessor(store)


def slot_events(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


async def test_form_folds_findings_and_asks_the_next_missing_question(assessor):
    dispatcher = CollectingDispatcher()
    events = await ValidateSymptomForm(assessor).run(
        dispatcher, tracker("my calves throb at night but there's no swelling", form=True), DOMAIN)
    slots = slot_events(events)
    assert {"type": "symptom", "value": "throbbing", "present": True} in slots["findings"]
    assert {"type": "symptom", "value": "swelling", "present": False} in slots["findings"]
    assert slots["requested_slot"] == "q_side"
    assert dispatcher.messages == []  # the form itself asks the question


async def test_emergency_inside_the_form_ends_the_interview(assessor):
    events = await ValidateSymptomForm(assessor).run(
        CollectingDispatcher(), tracker("now my chest hurts", form=True, requested_slot="q_side"), DOMAIN)
    slots = slot_events(events)
    assert slots["interview_done"] is True and slots["requested_slot"] is None


async def test_urgent_inside_the_form_warns_once_and_goes_on(assessor):
    dispatcher = CollectingDispatcher()
    events = await ValidateSymptomForm(assessor).run(
        dispatcher, tracker("my left calf is swollen", form=True), DOMAIN)
    assert responses(dispatcher) == ["utter_urgent_interrupt"]
    assert "swelling" in dispatcher.messages[0]["reasons"]
    slots = slot_events(events)
    assert slots["urgent_warned"] is True and slots["requested_slot"] is not None
    again = CollectingDispatcher()
    await ValidateSymptomForm(assessor).run(
        again, tracker("it is really sore", form=True, slots={"urgent_warned": True,
                                                               "findings": slots["findings"]}), DOMAIN)
    assert "utter_urgent_interrupt" not in responses(again)


async def test_the_concern_models_sign_warns_inside_the_form_in_its_own_words(assessor):
    """A message read as like the cases needing same-day care (bot/understanding/concern.py),
    kept in the alarms slot from an earlier turn, warns like a named sign and says why."""
    dispatcher = CollectingDispatcher()
    events = await ValidateSymptomForm(assessor).run(
        dispatcher, tracker("it aches", form=True, slots={"alarms": ["alarm:resembles_urgent"]}), DOMAIN)
    assert responses(dispatcher) == ["utter_urgent_interrupt"]
    assert "taken together" in dispatcher.messages[0]["reasons"]
    assert slot_events(events)["urgent_warned"] is True
    emergency = await ValidateSymptomForm(assessor).run(
        CollectingDispatcher(), tracker("it aches", form=True,
                                        slots={"alarms": ["alarm:resembles_emergency"]}), DOMAIN)
    assert slot_events(emergency)["interview_done"] is True


async def test_yes_to_a_yes_no_question_becomes_the_finding(assessor):
    events = await ValidateSymptomForm(assessor).run(
        CollectingDispatcher(), tracker("yes", intent="affirm", form=True, requested_slot="q_weakness"), DOMAIN)
    assert {"type": "symptom", "value": "weakness", "present": True} in slot_events(events)["findings"]


async def test_just_tell_me_ends_the_questions(assessor):
    events = await ValidateSymptomForm(assessor).run(
        CollectingDispatcher(), tracker("just tell me", intent="just_tell_me", form=True,
                                        slots={"findings": [{"type": "symptom", "value": "cramping",
                                                             "present": True}]}), DOMAIN)
    assert slot_events(events)["requested_slot"] is None


async def test_assessment_messages_in_order_with_sources(assessor):
    findings = [{"type": "symptom", "value": "cramping", "present": True},
                {"type": "body_part", "value": "calf", "present": True},
                {"type": "timing", "value": "night", "present": True}]
    dispatcher = CollectingDispatcher()
    events = await ActionAssessSymptoms(assessor).run(
        dispatcher, tracker("just tell me", intent="just_tell_me", slots={"findings": findings}), DOMAIN)
    sent = responses(dispatcher)
    assert sent[0] == "utter_triage_self_care" and sent[-1] == "utter_disclaimer"
    cause = next(m for m in dispatcher.messages if m["response"] == "utter_possible_cause")
    assert cause["name"].startswith("Muscle cramps") and cause["quote"] and cause["source"]
    slots = slot_events(events)
    assert slots["triage_level"] == "self_care" and slots["q_side"] is None
    assert slots["last_causes"][0] == "muscle_cramps"


async def test_assessment_without_a_description_asks_for_one(assessor):
    dispatcher = CollectingDispatcher()
    await ActionAssessSymptoms(assessor).run(dispatcher, tracker("just tell me", intent="just_tell_me"), DOMAIN)
    assert responses(dispatcher) == ["utter_need_description"]


async def test_reply_answers_a_question_with_a_source(assessor):
    dispatcher = CollectingDispatcher()
    await ActionReply(assessor).run(dispatcher, tracker("tell me about restless legs",
                                                        intent="ask_condition_info"), DOMAIN)
    assert responses(dispatcher) == ["utter_condition_info"]
    assert dispatcher.messages[0]["name"] == "Restless legs syndrome" and "\u201c" in dispatcher.messages[0]["facts"]


async def test_reply_checks_red_flags_before_small_talk(assessor):
    dispatcher = CollectingDispatcher()
    events = await ActionReply(assessor).run(dispatcher, tracker("hi, I have chest pain", intent="greet"), DOMAIN)
    assert responses(dispatcher) == ["utter_triage_emergency_because"]
    assert SlotSet("triage_level", "emergency") in events


async def test_reported_emergency_without_findings_still_says_call_for_help(assessor):
    dispatcher = CollectingDispatcher()
    await ActionReply(assessor).run(dispatcher, tracker("call an ambulance", intent="report_emergency"), DOMAIN)
    assert responses(dispatcher) == ["utter_triage_emergency"]


async def test_a_cut_message_is_announced(assessor):
    dispatcher = CollectingDispatcher()
    await ActionReply(assessor).run(dispatcher, tracker("hello", intent="greet", truncated=True), DOMAIN)
    assert responses(dispatcher) == ["utter_message_cut", "utter_greet"]


async def test_the_web_page_gets_triage_and_sources_as_data(assessor):
    findings = [{"type": "symptom", "value": "swelling", "present": True},
                {"type": "symptom", "value": "redness", "present": True}]
    dispatcher = CollectingDispatcher()
    await ActionAssessSymptoms(assessor).run(dispatcher, tracker("just tell me", intent="just_tell_me",
                                                                 slots={"findings": findings},
                                                                 channel="socketio"), DOMAIN)
    first = dispatcher.messages[0]
    assert first["custom"]["data"]["legbot"]["triage"] == "urgent"
    assert first["custom"]["data"]["legbot"]["sources"]


async def test_a_question_inside_the_form_makes_the_form_step_aside(assessor):
    dispatcher = CollectingDispatcher()
    events = await ValidateSymptomForm(assessor).run(
        dispatcher, tracker("how do I stop a calf cramp right now?", intent="ask_relief_now",
                            form=True, requested_slot="q_side"), DOMAIN)
    assert events[-1]["event"] == "action_execution_rejected" and events[-1]["name"] == "symptom_form"
    assert {"type": "body_part", "value": "calf", "present": True} in slot_events(events)["findings"]
    # once the rules have answered, the form runs again and asks its question
    answered = tracker("how do I stop a calf cramp right now?", intent="ask_relief_now", form=True,
                       requested_slot="q_side")
    answered.events.append({"event": "action", "name": "action_reply"})
    again = await ValidateSymptomForm(assessor).run(CollectingDispatcher(), answered, DOMAIN)
    assert all(e["event"] != "action_execution_rejected" for e in again)


def test_the_form_steps_aside_for_exactly_the_intents_the_rules_answer():
    from actions.interview import INTERRUPTIONS

    rules = yaml.safe_load((ROOT / "data" / "rules" / "basics.yml").read_text())["rules"]
    in_form = set()
    for rule in rules:
        if {"active_loop": "symptom_form"} not in (rule.get("condition") or []):
            continue
        for step in rule["steps"]:
            in_form.update(o["intent"] for o in step.get("or", []))
            if "intent" in step:
                in_form.add(step["intent"])
    assert set(INTERRUPTIONS) == in_form
