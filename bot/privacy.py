"""Retention: delete conversations older than a period from Rasa's SQL tracker store.

A conversation is old when its newest event is older than the cut-off; then all its events
go. The tracker store's table is Rasa's `events` (sender_id, timestamp, ...), read with
SQLAlchemy directly, so no Rasa import is needed.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from sqlalchemy import MetaData, Table, create_engine, delete, func, inspect, select

_PERIOD = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}


# The action that deletes the user's conversation once they confirmed ("forget me"); the
# tracker store (bot/stores.py) deletes the stored events when it sees it ran.
FORGET_ACTION = "action_forget_me"


class PurgeError(ValueError):
    pass


def parse_period(text: str) -> float:
    """"30d" -> seconds. Units: s, m, h, d, w.

    >>> parse_period("30d")
    2592000.0
    """
    match = _PERIOD.match(text or "")
    if not match or int(match.group(1)) <= 0:
        raise PurgeError(f"not a retention period: {text!r} (use e.g. 30d, 12h, 2w)")
    return float(int(match.group(1)) * _SECONDS[match.group(2)])


@dataclass(frozen=True)
class PurgeReport:
    conversations: int
    events: int
    kept: int


def purge_older_than(tracker_url: str, seconds: float, now: float | None = None) -> PurgeReport:
    """Delete every conversation whose newest event is older than ``seconds``."""
    cutoff = (now if now is not None else time.time()) - seconds
    engine = create_engine(tracker_url, future=True)
    try:
        if not inspect(engine).has_table("events"):
            return PurgeReport(0, 0, 0)
        events = Table("events", MetaData(), autoload_with=engine)
        with engine.begin() as conn:
            newest = select(events.c.sender_id, func.max(events.c.timestamp).label("newest")) \
                .group_by(events.c.sender_id).subquery()
            stale = select(newest.c.sender_id).where(newest.c.newest < cutoff)
            old = [r.sender_id for r in conn.execute(stale)]
            total = conn.execute(select(func.count(func.distinct(events.c.sender_id)))).scalar_one()
            removed = 0
            for start in range(0, len(old), 500):
                chunk = old[start:start + 500]
                removed += conn.execute(delete(events).where(events.c.sender_id.in_(chunk))).rowcount
        return PurgeReport(len(old), removed, total - len(old))
    finally:
        engine.dispose()
