"""Start the real action server and the real Rasa server (REST channel) once per session."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bot.tools.wait_http import wait_http
from tests.conftest import MODEL, ROOT

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    def __init__(self, rasa_port: int):
        self.url = f"http://127.0.0.1:{rasa_port}"

    def say(self, sender: str, text: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", body,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    work = tmp_path_factory.mktemp("servers")
    action_port, rasa_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"}
    logs = [open(work / "actions.log", "w"), open(work / "rasa.log", "w")]  # noqa: SIM115
    procs = [
        subprocess.Popen([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
                         cwd=ROOT, env=env, stdout=logs[0], stderr=subprocess.STDOUT),
        subprocess.Popen([str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(endpoints),
                          "--credentials", str(ROOT / "credentials.yml"), "--port", str(rasa_port),
                          "--interface", "127.0.0.1"],
                         cwd=ROOT, env=env, stdout=logs[1], stderr=subprocess.STDOUT),
    ]
    try:
        up = wait_http(f"http://127.0.0.1:{action_port}/health", 120) and \
            wait_http(f"http://127.0.0.1:{rasa_port}/", 180)
        assert up, (work / "rasa.log").read_text()[-3000:] + (work / "actions.log").read_text()[-3000:]
        yield Servers(rasa_port)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()
