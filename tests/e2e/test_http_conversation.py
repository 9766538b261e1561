"""Whole conversations through the real Rasa server (REST) with the real action server."""

import uuid

import pytest

pytestmark = pytest.mark.model


def texts(replies):
    return [r.get("text", "") for r in replies]


def buttons(replies):
    return [b["title"] for r in replies for b in r.get("buttons", [])]


def new_sender():
    return f"test-{uuid.uuid4().hex[:10]}"


def test_interview_then_assessment_with_sources(servers):
    me = new_sender()
    assert "Legbot" in texts(servers.say(me, "hello"))[0]
    first = servers.say(me, "my calves throb at night but there's no swelling")
    assert len(first) == 1 and first[0]["text"] == "Is it one leg or both?"
    assert buttons(first) == ["Left leg", "Right leg", "Both legs", "Not sure"]
    second = servers.say(me, "both legs")
    assert "ease" in second[0]["text"] and "Stretching" in buttons(second)
    third = servers.say(me, "stretching helps")
    assert "How long" in third[0]["text"]
    final = servers.say(me, "just tell me")
    said = texts(final)
    assert said[0].startswith("🟢")  # self-care first: no red flag was mentioned
    assert "Possible causes" in said[1]
    assert any(t.startswith("• Muscle cramps") and '"' in t for t in said)  # a quoted source
    assert any(t.startswith("What may help right now") for t in said)
    assert said[-1] == "This is information to help you decide what to do, not a diagnosis."


def test_red_flag_in_the_first_message(servers):
    replies = servers.say(new_sender(), "my left calf is swollen and now I have chest pain and can't breathe")
    assert len(replies) == 1
    assert replies[0]["text"].startswith("🚨 Please call emergency services now")
    assert "Don't drive yourself" in replies[0]["text"]


def test_red_flag_in_the_middle_of_the_interview_stops_it(servers):
    me = new_sender()
    assert buttons(servers.say(me, "my legs ache at night"))
    replies = servers.say(me, "oh and I just coughed up some blood")
    assert [t[0] for t in texts(replies)] == ["🚨"]


def test_urgent_warns_then_offers_to_go_on(servers):
    me = new_sender()
    servers.say(me, "my left calf hurts")
    replies = servers.say(me, "actually it's swollen and hot")
    said = texts(replies)
    assert said[0].startswith("Before we go on") and "today" in said[0]
    assert len(replies) == 2 and buttons(replies)  # the interview goes on with the next question
    final = servers.say(me, "just tell me")
    assert final[0]["text"].startswith("⚠️ Please get medical care today")


def test_one_leg_implied_warns_at_once(servers):
    said = texts(servers.say(new_sender(), "my calf is swollen and sore since my operation last week"))
    assert said[0].startswith("Before we go on") and "today" in said[0]


def test_history_from_an_earlier_turn_counts_in_the_assessment(servers):
    me = new_sender()
    servers.say(me, "my ankles are puffy every evening")
    servers.say(me, "I started amlodipine in the spring")
    final = texts(servers.say(me, "just tell me"))
    causes = [t for t in final if t.startswith("• ")]
    assert causes and causes[0].startswith("• Medication side effect"), final


def test_negated_red_flags_do_not_escalate(servers):
    me = new_sender()
    servers.say(me, "cramp in my calf at night, no chest pain, not short of breath, no swelling or redness")
    final = servers.say(me, "just tell me")
    assert final[0]["text"].startswith("🟢")


def test_correction_overrides_an_earlier_answer(servers):
    me = new_sender()
    servers.say(me, "my right calf aches, no swelling")
    servers.say(me, "actually it is swollen")
    final = servers.say(me, "just tell me")
    assert final[0]["text"].startswith("⚠️")  # one swollen calf: same-day care


def test_dont_know_is_accepted(servers):
    me = new_sender()
    servers.say(me, "my feet tingle in bed")
    first_question = texts(servers.say(me, "I'm not sure"))
    assert first_question and first_question[0].endswith("?")


def test_restart_clears_the_findings(servers):
    me = new_sender()
    servers.say(me, "my left calf is swollen")
    servers.say(me, "just tell me")
    assert "cleared" in texts(servers.say(me, "start over"))[0]
    replies = servers.say(me, "just tell me")
    assert "Tell me a little about your legs first" in texts(replies)[0]


@pytest.mark.parametrize("question, expected", [
    ("tell me more about restless legs", "Restless legs syndrome"),
    ("how do I stop a cramp right now?", "things that may ease it now"),
    ("how can I prevent night cramps?", "things that may help prevent it"),
    ("when should I see a doctor?", "when my sources say to get help"),
    ("what's the difference between an ache and a cramp?", "tell an ache from a cramp"),
])
def test_follow_up_questions_are_answered_with_sources(servers, question, expected):
    said = texts(servers.say(new_sender(), question))
    assert expected in said[0]
    assert "\u201c" in said[0] and "(" in said[0]  # a quote and its source


def test_out_of_scope_and_bot_challenge(servers):
    me = new_sender()
    assert "only help with legs" in texts(servers.say(me, "can you order me a pizza?"))[0]
    assert "not a person" in texts(servers.say(me, "are you a real person?"))[0]


@pytest.mark.parametrize("text", ["", " ", "x" * 5000, "😭😭😭", "<script>alert(1)</script>",
                                  "'; DROP TABLE events; --", "ساقي تؤلمني", "\u0000\u0001"])
def test_bad_input_gets_a_reply(servers, text):
    replies = servers.say(new_sender(), text)  # an HTTP error (5xx) would raise here
    if text.strip(" \u0000\u0001"):
        assert replies and all(r.get("text") for r in replies)


def test_an_over_long_message_is_cut_and_the_user_is_told(servers):
    replies = texts(servers.say(new_sender(), "my calves cramp at night. " + "and so on " * 400))
    assert any("read only the first 2,000 characters" in t for t in replies)


def test_a_message_far_too_long_is_refused_and_not_kept(servers, action_endpoints):
    me = new_sender()
    replies = texts(servers.say(me, "my calves cramp at night. " + "and so on " * 2000))
    assert any("too long for me to read" in t for t in replies)
    assert stored_events(action_endpoints, me) == 0


def stored_events(action_endpoints, sender: str) -> int:
    """Events of one sender in the server's SQLite tracker store."""
    import sqlite3

    with sqlite3.connect(action_endpoints.parent / "tracker.db") as db:
        return db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_forget_me_deletes_the_conversation_after_confirming(servers, action_endpoints):
    me = new_sender()
    servers.say(me, "my calves ache at night")
    asked = servers.say(me, "please forget me")
    assert buttons(asked[:1]) == ["Yes, delete it", "No, keep it"]
    assert stored_events(action_endpoints, me) > 0  # asking deletes nothing
    done = servers.say(me, "/confirm_forget")
    assert texts(done)[0].startswith("Done. I've deleted this conversation")
    assert stored_events(action_endpoints, me) == 0
    assert "Legbot" in texts(servers.say(me, "hello"))[0]  # a fresh start


def test_forget_me_typed_yes_confirms_and_no_keeps(servers, action_endpoints):
    me = new_sender()
    servers.say(me, "hi")
    servers.say(me, "delete my data")
    assert texts(servers.say(me, "no"))[0] == "All right, I've kept it. Nothing was deleted."
    kept = stored_events(action_endpoints, me)
    assert kept > 0
    servers.say(me, "delete my data")
    assert texts(servers.say(me, "yes"))[0].startswith("Done.")
    assert stored_events(action_endpoints, me) == 0


def test_forget_me_in_the_middle_of_the_interview(servers, action_endpoints):
    me = new_sender()
    question = servers.say(me, "my legs ache at night")
    asked = servers.say(me, "forget me")
    assert buttons(asked[:1]) == ["Yes, delete it", "No, keep it"]
    assert texts(asked)[1] == texts(question)[0]  # the question still waits for its answer
    kept = servers.say(me, "/keep_conversation")
    assert texts(kept)[0].startswith("All right, I've kept it")
    assert texts(kept)[1] == texts(question)[0]  # the interview goes on where it was
    servers.say(me, "forget me")
    assert texts(servers.say(me, "/confirm_forget"))[0].startswith("Done.")
    assert stored_events(action_endpoints, me) == 0


def test_a_question_in_the_middle_of_the_interview_is_answered_then_it_goes_on(servers):
    me = new_sender()
    question = servers.say(me, "my calves cramp at night")
    answer = servers.say(me, "how do I stop a cramp right now?")
    said = texts(answer)
    assert "Muscle cramps" in said[0] and "\u201c" in said[0]  # answered from the store, quoted
    assert said[-1] == texts(question)[0] and buttons(answer[-1:])  # then the same question again
    after = servers.say(me, "are you a bot?")
    assert texts(after)[0].startswith("I'm Legbot") and texts(after)[-1] == texts(question)[0]
