"""`legbot parse` as the contract says: the trained Rasa model, one JSON object per line."""

import json
import subprocess
import sys

import pytest

from tests.conftest import MODEL, ROOT

pytestmark = pytest.mark.model


def _run(args, stdin=None):
    if not MODEL.exists():
        pytest.skip("no trained model")
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, cwd=ROOT,
                          capture_output=True, timeout=300)


def test_parse_one_text():
    result = _run(["parse", "my calves throb at night but there's no swelling"])
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert out["intent"]["name"] == "describe_symptoms"
    assert 0 < out["intent"]["confidence"] <= 1
    assert {"type": "symptom", "value": "swelling", "present": False} in out["findings"]
    assert {"type": "symptom", "value": "throbbing", "present": True} in out["findings"]
    negated = [e for e in out["entities"] if e.get("role") == "negated"]
    assert [(e["entity"], e["value"]) for e in negated] == [("symptom", "swelling")]


def test_parse_lines_from_standard_input_in_order(tmp_path):
    lines = [
        "hello",
        "",
        "my left calf is swollen, red and warm",
        "\x00\x01\x02\x03\x04\x05",
        "x" * 100_000,
        "are you a robot?",
        "😭 ساقي تؤلمني 我的腿疼",
        "<img src=x onerror=alert(1)> '; DROP TABLE users; --",
        "no chest pain and I'm not short of breath",
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe broken utf8\n"
    result = _run(["parse", "-"], stdin=data)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    outs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(outs) == len(lines) + 1
    assert outs[0]["intent"]["name"] == "greet"
    assert "error" in outs[1] and "empty" in outs[1]["error"]
    assert {(f["value"], f["present"]) for f in outs[2]["findings"]} >= {
        ("swelling", True), ("redness", True), ("warmth", True), ("left", True), ("calf", True)}
    assert "binary" in outs[3]["error"]
    assert "too long" in outs[4]["error"]
    assert outs[5]["intent"]["name"] == "bot_challenge"
    assert "error" not in outs[6] and outs[6]["findings"] == []
    assert "error" not in outs[7]
    assert {(f["value"], f["present"]) for f in outs[8]["findings"]} == {
        ("chest_pain", False), ("shortness_of_breath", False)}
    assert "UTF-8" in outs[9]["error"]


def test_usage_error_exits_non_zero():
    result = _run(["parse"])
    assert result.returncode != 0
    assert b"usage" in result.stderr


def test_assess_one_case_and_a_batch():
    cases = [
        "My left calf is swollen, red and hot since a long flight yesterday",
        "",
        "cramp in my calf at night, no chest pain, no swelling, stretching helps",
        "\x00\x01\x02\x03",
        "I can't breathe and my chest hurts",
    ]
    result = _run(["assess", "-"], stdin=("\n".join(cases) + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    outs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(outs) == len(cases)
    clot, empty, cramp, junk, emergency = outs
    assert clot["triage"]["level"] == "urgent" and clot["triage"]["reasons"]
    assert clot["causes"][0]["id"] == "blood_clot"
    assert all({"id", "name", "score", "evidence", "sources"} <= set(c) for c in clot["causes"])
    assert all(s["document"] and s["quote"] for c in clot["causes"] for s in c["sources"])
    assert "error" in empty and "error" in junk
    assert cramp["triage"]["level"] == "self_care"
    assert cramp["causes"][0]["id"] == "muscle_cramps"
    assert any(t["kind"] == "relief_now" for t in cramp["tips"])
    assert emergency["triage"]["level"] == "emergency"
