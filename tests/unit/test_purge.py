"""`legbot purge --older-than`: conversations written by Rasa's real SQLTrackerStore, purged on
SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from urllib.parse import parse_qs, urlparse

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import PurgeError, parse_period, purge_older_than
from tests.conftest import ROOT

DAY = 86_400.0


def rasa_store(url: str) -> SQLTrackerStore:
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=parts.path)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    return SQLTrackerStore(Domain.empty(), dialect="postgresql", host=parts.hostname, port=parts.port or 5432,
                           db=parts.path.lstrip("/"), username=parts.username, query=query or None)


async def save(store: SQLTrackerStore, sender: str, when: float) -> None:
    tracker = DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen", timestamp=when),
        UserUttered("my calves ache", {"name": "describe_symptoms"}, timestamp=when + 1),
    ])
    await store.save(tracker)


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("postgres_url")


async def test_purge_deletes_only_old_conversations(tracker_url):
    store = rasa_store(tracker_url)
    now = time.time()
    suffix = str(int(now * 1000))
    await save(store, f"old-{suffix}", now - 40 * DAY)
    await save(store, f"recent-{suffix}", now - 2 * DAY)
    report = purge_older_than(tracker_url, 30 * DAY, now=now)
    assert report.conversations >= 1 and report.events >= 2
    assert not (await store.retrieve(f"old-{suffix}"))  # gone
    recent = await store.retrieve(f"recent-{suffix}")
    assert recent is not None and recent.latest_message.text == "my calves ache"


def test_purge_command(tmp_path):
    url = f"sqlite:///{tmp_path / 'nothing.db'}"
    ok = subprocess.run([sys.executable, "-m", "bot.cli", "purge", "--older-than", "30d", "--tracker-url", url],
                        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "deleted 0 conversations" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "bot.cli", "purge", "--older-than", "soon", "--tracker-url", url],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "not a retention period" in bad.stderr


@pytest.mark.parametrize("text, seconds", [("30d", 30 * DAY), ("12h", 43_200.0), ("2w", 14 * DAY)])
def test_periods(text, seconds):
    assert parse_period(text) == seconds


@pytest.mark.parametrize("text", ["", "30", "0d", "-1d", "30 days", "d"])
def test_bad_periods(text):
    with pytest.raises(PurgeError):
        parse_period(text)
