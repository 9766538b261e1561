"""Rasa's tracker and lock stores, configured from the environment.

`endpoints.yml` (embedded) and `endpoints.production.yml` name these classes, so one setting,
a URL, says where the conversations live:

- `LegbotTrackerStore` is Rasa's SQL tracker store on `LEGBOT_TRACKER_URL` (SQLite by
  default, PostgreSQL in production). Its connections are checked before use, so a database
  restart costs the turns during the outage and nothing after it. It also carries out
  "forget me": when a turn ran `action_forget_me`, that turn is not written and every stored
  event of the sender is deleted instead. This has to happen here, in the Rasa server, after
  the turn: deleting from the action server would be undone when Rasa saves the turn, because
  the SQL store writes whatever events of the tracker it does not find in the table.
- `LegbotLockStore` is Rasa's Redis lock store on `LEGBOT_LOCK_URL`
  (`redis://host:port/db`), shared by every replica, made safe across replicas. Rasa's own
  store reads the lock, adds a ticket and writes it back with no guard, so two replicas that
  get the same sender's messages at once can both take ticket N and both handle the
  conversation, and one turn overwrites the other (rasa issue #9213; measured in
  tests/e2e/test_replicas.py). Here every read-modify-write of a lock holds a short Redis
  mutex for that conversation, so tickets are issued one at a time.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import FORGET_ACTION
from bot.resilience import install as install_resilience
from bot.settings import get_settings

logger = logging.getLogger(__name__)

LOCK_KEY_PREFIX = "legbot"
MUTEX_SECONDS = 5  # a lock's bookkeeping takes milliseconds; a crashed holder frees it after this


def forget_requested(tracker: DialogueStateTracker) -> bool:
    """Did the turn since the user's latest message run the forget action?"""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


CONNECT_TIMEOUT_S = 5


class LegbotTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store on the URL from the environment (or from `url:`)."""

    def __init__(self, domain=None, host: str | None = None, event_broker=None,
                 url: str | None = None, **kwargs: Any) -> None:
        install_resilience()  # this process is a Rasa server: see bot/resilience.py
        given = url or (host if host and "://" in host else None)
        target = given or os.environ.get("LEGBOT_TRACKER_URL") or get_settings().tracker_url
        if target.startswith("sqlite:///"):
            os.makedirs(os.path.dirname(target[len("sqlite:///"):]) or ".", exist_ok=True)
        super().__init__(domain=domain, host=target, event_broker=event_broker, **kwargs)
        # Rasa's engine keeps dead connections after a database restart; ping before use.
        self.engine.dispose()
        options = create_engine_kwargs(target)
        if target.startswith("postgresql"):
            # A database host that stops answering must not hold a replica's every user for
            # minutes: give up connecting after a few seconds.
            options.setdefault("connect_args", {})["connect_timeout"] = CONNECT_TIMEOUT_S
        self.engine = sa.create_engine(target, pool_pre_ping=True, **options)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        logger.info("tracker store: %s", self.engine.url.render_as_string(hide_password=True))

    async def available(self, attempts: int = 3, pause_s: float = 0.3) -> bool:
        """Can the database be reached? Retried briefly, so a blip is not an outage. The
        check runs in a worker thread, so other users' turns go on meanwhile."""
        for attempt in range(attempts):
            if await asyncio.to_thread(self._ping):
                return True
            if attempt + 1 < attempts:
                await asyncio.sleep(pause_s)
        return False

    def _ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(sa.text("select 1"))
            return True
        except sa.exc.SQLAlchemyError:
            return False

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            removed = self.forget(tracker.sender_id)
            logger.info("forgot a conversation on request (%d events deleted)", removed)
            return
        await super().save(tracker)

    def forget(self, sender_id: str) -> int:
        """Delete every stored event of one sender; returns how many were deleted."""
        with self.session_scope() as session:
            removed = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id) \
                .delete(synchronize_session=False)
            session.commit()
        return int(removed or 0)


def redis_settings(url: str) -> dict[str, Any]:
    """`redis://[:password@]host[:port][/db]` -> RedisLockStore's keyword arguments.

    >>> redis_settings("redis://127.0.0.1:6379/2")["db"]
    2
    """
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError(f"LEGBOT_LOCK_URL must look like redis://host:port/db, not {url!r}")
    path = parts.path.strip("/")
    return {"host": parts.hostname, "port": parts.port or 6379, "db": int(path) if path else 1,
            "username": parts.username or None, "password": parts.password or None,
            "use_ssl": parts.scheme == "rediss"}


class LegbotLockStore(RedisLockStore):
    """Rasa's Redis lock store on `LEGBOT_LOCK_URL`, with the key prefix `legbot`."""

    def __init__(self, endpoint_config=None, url: str | None = None) -> None:
        url = url or getattr(endpoint_config, "url", None) \
            or os.environ.get("LEGBOT_LOCK_URL", "redis://127.0.0.1:6379/1")
        super().__init__(key_prefix=LOCK_KEY_PREFIX, **redis_settings(url))
        self.red.ping()  # fail at start-up, not on the first message

    def _mutex(self, conversation_id: str):
        return self.red.lock(f"{self.key_prefix}mutex:{conversation_id}",
                             timeout=MUTEX_SECONDS, blocking_timeout=MUTEX_SECONDS)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
