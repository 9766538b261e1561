"""Logs at INFO and above never hold what the user wrote or the findings read from it."""

import time
import uuid

import pytest

pytestmark = pytest.mark.model


def test_logs_hold_no_message_text_or_findings(servers, action_log):
    marker = f"zq{uuid.uuid4().hex[:8]}"
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    servers.say(sender, f"my calves throb at night, my name is {marker}")
    servers.say(sender, "I am diabetic and my feet burn")
    servers.say(sender, "just tell me")
    time.sleep(1)
    logs = {log.name: log.read_text(errors="replace") for log in [*servers.logs, action_log]}
    # the logs are really there and being written (so the checks below can fail)
    assert "Rasa server is up and running" in logs["rasa.log"]
    assert "Action endpoint is up and running" in logs["actions.log"]
    for name, text in logs.items():
        assert marker not in text, f"message text in {name}"
        for phrase in ("calves throb", "feet burn", "diabetic", "'throbbing'", "risk_factor"):
            assert phrase not in text, f"{phrase!r} in {name}"
