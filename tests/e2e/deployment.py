"""A real deployment for the production tests: a fresh PostgreSQL database, a Redis lock
database, one action server and any number of Rasa replicas, each started with
`legbot serve --profile production` exactly as an operator would.

Processes can be killed and started again, and PostgreSQL can be restarted, so the tests can
break things on purpose.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from bot.tools.wait_http import wait_http
from tests.conftest import MODEL, POSTGRES_URL, ROOT

BIN = Path(sys.executable).parent
API_TOKEN = "test-token-" + uuid.uuid4().hex
BASE_ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_available(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Process:
    """One server process with its own log file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path, health: str,
                 startup_s: float = 180):
        self.name, self.argv, self.env, self.log, self.health = name, argv, env, log, health
        self.startup_s = startup_s
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        if not wait_http(self.health, self.startup_s):
            self.stop()
            raise RuntimeError(f"{self.name} did not start:\n{self.log_text()[-3000:]}")

    def kill(self) -> None:
        """As abrupt as a crash: SIGKILL, no clean shutdown."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=20)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


class Replica(Process):
    def __init__(self, port: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = f"http://127.0.0.1:{port}"

    def say(self, sender: str, message: str, timeout: float = 60) -> list[dict]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", body,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> dict:
        """The stored conversation, through the token-protected HTTP API."""
        url = f"{self.url}/conversations/{sender}/tracker?token={API_TOKEN}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())


class Deployment:
    """A fresh database and Redis db; servers are added with `actions()` and `replica()`."""

    def __init__(self, work: Path, redis_db: int = 3, admin_url: str = POSTGRES_URL):
        self.work = work
        self.database = f"legbot_t_{uuid.uuid4().hex[:10]}"
        self.admin = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT",
                                   pool_pre_ping=True)
        with self.admin.connect() as conn:
            conn.execute(text(f'create database "{self.database}"'))
        base = admin_url.rsplit("/", 1)[0]
        self.tracker_url = f"{base}/{self.database}"
        self.lock_url = f"redis://127.0.0.1:6379/{redis_db}"
        self.action_port = free_port()
        self.processes: list[Process] = []

    def env(self, **extra: str) -> dict[str, str]:
        return {**BASE_ENV, "LEGBOT_ACTION_URL": f"http://127.0.0.1:{self.action_port}/webhook",
                "LEGBOT_TRACKER_URL": self.tracker_url, "LEGBOT_LOCK_URL": self.lock_url,
                "LEGBOT_API_TOKEN": API_TOKEN, **extra}

    def actions(self) -> Process:
        process = Process("action server",
                          [str(BIN / "rasa"), "run", "actions", "--actions", "actions",
                           "--port", str(self.action_port)],
                          self.env(), self.work / "actions.log",
                          f"http://127.0.0.1:{self.action_port}/health", 120)
        self.processes.append(process)
        return process

    def replica(self, name: str, endpoints: Path | None = None) -> Replica:
        port = free_port()
        extra = ["--endpoints", str(endpoints)] if endpoints else []
        replica = Replica(port, name,
                          [str(BIN / "legbot"), "serve", "--profile", "production", "--api",
                           "--port", str(port), "--interface", "127.0.0.1", "--model", str(MODEL),
                           *extra],
                          self.env(), self.work / f"{name}.log", f"http://127.0.0.1:{port}/", 240)
        self.processes.append(replica)
        return replica

    def stored_events(self, sender: str) -> int:
        engine = create_engine(self.tracker_url, future=True)
        try:
            with engine.connect() as conn:
                return conn.execute(text("select count(*) from events where sender_id = :s"),
                                    {"s": sender}).scalar_one()
        finally:
            engine.dispose()

    def close(self) -> None:
        for process in self.processes:
            process.stop()
        try:
            with self.admin.connect() as conn:
                conn.execute(text(f'drop database if exists "{self.database}" with (force)'))
        finally:
            self.admin.dispose()


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free port), so a
    test can stop and start it without touching the machine's shared server."""

    def __init__(self, folder: Path):
        import shutil

        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql")
        self.bin = bins[-1]
        self.folder = folder
        self.port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        shutil.chown(folder, "postgres", "postgres")
        self._as_postgres(str(self.bin / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *argv: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *argv], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-w", "-l",
                          str(self.folder / "server.log"), "-o",
                          f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")

    def stop(self) -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-w", "-m", "fast", "stop")


def texts(replies: list[dict]) -> str:
    return " ".join(r.get("text", "") for r in replies)
