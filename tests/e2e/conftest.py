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
    def __init__(self, rasa_port: int, logs: list[Path] | None = None):
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.logs = logs or []

    def say(self, sender: str, text: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", body,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())


ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"}


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def action_endpoints(tmp_path_factory) -> Path:
    """The real action server on a free port; yields an endpoints file pointing at it."""
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    work = tmp_path_factory.mktemp("actions")
    port = free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{port}/webhook"\n'
                         f'tracker_store:\n  type: bot.stores.LegbotTrackerStore\n'
                         f'  url: "sqlite:///{work / "tracker.db"}"\n')
    with open(work / "actions.log", "w") as log:
        proc = subprocess.Popen([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
                                cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert wait_http(f"http://127.0.0.1:{port}/health", 120), (work / "actions.log").read_text()[-3000:]
            yield endpoints
        finally:
            stop([proc])


@pytest.fixture(scope="session")
def action_log(action_endpoints) -> Path:
    return action_endpoints.parent / "actions.log"


@pytest.fixture(scope="session")
def servers(action_endpoints, tmp_path_factory):
    """The real Rasa server with the REST channel, using the real action server."""
    work = tmp_path_factory.mktemp("rasa")
    port = free_port()
    with open(work / "rasa.log", "w") as log:
        proc = subprocess.Popen([str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(action_endpoints),
                                 "--credentials", str(ROOT / "credentials.yml"), "--port", str(port),
                                 "--interface", "127.0.0.1"],
                                cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert wait_http(f"http://127.0.0.1:{port}/", 180), (work / "rasa.log").read_text()[-3000:]
            yield Servers(port, [work / "rasa.log"])
        finally:
            stop([proc])


# Reliability and replica tests report what they counted; the lines are printed at the end
# of the run (and written to var/reliability-report.txt) whether the tests pass or fail.
REPORT: list[str] = []


@pytest.fixture
def report(request):
    def add(line: str) -> None:
        REPORT.append(f"{request.node.name}: {line}")
    return add


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("reliability and replica counts")
        for line in REPORT:
            terminalreporter.write_line(line)
        (ROOT / "var").mkdir(exist_ok=True)
        (ROOT / "var" / "reliability-report.txt").write_text("\n".join(REPORT) + "\n")


@pytest.fixture(scope="session")
def production_services():
    """PostgreSQL and Redis, which these machines run; a missing one is an error, not a skip."""
    from tests.conftest import POSTGRES_URL, postgres_available
    from tests.e2e.deployment import redis_available

    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    assert postgres_available(), f"PostgreSQL is needed at {POSTGRES_URL}"
    assert redis_available(), "Redis is needed at 127.0.0.1:6379"
