"""The stores the Rasa server uses (bot/stores.py) and the launcher's rules (bot/serve.py):
"forget me" on SQLite and PostgreSQL, tickets from two lock stores at once on the real
Redis, and the settings `legbot serve` refuses."""

from __future__ import annotations

import threading
import uuid

import pytest
from rasa.core.lock_store import RedisLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import FORGET_ACTION
from bot.serve import ServeError, ServeOptions, cors_origins, rasa_arguments
from bot.stores import LegbotLockStore, LegbotTrackerStore, forget_requested, redis_settings
from tests.conftest import ROOT
from tests.e2e.deployment import redis_available


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("postgres_url")


def conversation(sender: str, *extra) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen"),
        UserUttered("my calves ache at night", {"name": "describe_symptoms"}),
        BotUttered("Is it one leg or both?"),
        ActionExecuted("action_listen"),
        *extra,
    ])


def test_forget_is_requested_only_by_the_latest_turn():
    forget_turn = [UserUttered("/confirm_forget", {"name": "confirm_forget"}),
                   ActionExecuted(FORGET_ACTION)]
    assert forget_requested(conversation("a", *forget_turn))
    assert not forget_requested(conversation("a"))
    later = [*forget_turn, ActionExecuted("action_listen"), UserUttered("hello", {"name": "greet"})]
    assert not forget_requested(conversation("a", *later))


async def test_forget_me_deletes_only_that_conversation(tracker_url):
    store = LegbotTrackerStore(Domain.empty(), url=tracker_url)
    me, other = f"me-{uuid.uuid4().hex[:8]}", f"other-{uuid.uuid4().hex[:8]}"
    await store.save(conversation(me))
    await store.save(conversation(other))
    assert (await store.retrieve(me)).latest_message.text == "my calves ache at night"
    # the confirmed turn: the store deletes instead of saving
    await store.save(conversation(me, UserUttered("/confirm_forget", {"name": "confirm_forget"}),
                                  ActionExecuted(FORGET_ACTION), BotUttered("Done.")))
    assert await store.retrieve(me) is None
    assert (await store.retrieve(other)).latest_message.text == "my calves ache at night"
    with store.session_scope() as session:
        assert session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == me).count() == 0
    store.engine.dispose()


async def test_the_tracker_store_reads_its_url_from_the_environment(tmp_path, monkeypatch):
    target = tmp_path / "nested" / "tracker.db"
    monkeypatch.setenv("LEGBOT_TRACKER_URL", f"sqlite:///{target}")
    store = LegbotTrackerStore(Domain.empty())
    await store.save(conversation("env"))
    assert target.exists() and await store.retrieve("env") is not None
    store.engine.dispose()


def test_redis_urls():
    assert redis_settings("redis://127.0.0.1:6379/2") == {
        "host": "127.0.0.1", "port": 6379, "db": 2, "username": None, "password": None,
        "use_ssl": False}
    assert redis_settings("rediss://:s3cret@cache.example.org")["password"] == "s3cret"
    with pytest.raises(ValueError):
        redis_settings("http://127.0.0.1:6379")


def tickets_at_once(stores: list, conversation_id: str, rounds: int) -> int:
    """Two stores (two replicas) issue tickets for one conversation at the same moment;
    returns how many rounds handed out the same ticket twice."""
    collisions = 0
    for round_ in range(rounds):
        cid = f"{conversation_id}-{round_}"
        issued: list[int] = []
        barrier = threading.Barrier(len(stores))

        def issue(store, cid=cid, issued=issued, barrier=barrier):
            barrier.wait()
            issued.append(store.issue_ticket(cid))

        threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        collisions += len(set(issued)) < len(stores)
        stores[0].delete_lock(cid)
    return collisions


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_legbot_lock_store_never_issues_a_ticket_twice():
    stores = [LegbotLockStore(None, url="redis://127.0.0.1:6379/6") for _ in range(4)]
    assert tickets_at_once(stores, f"t-{uuid.uuid4().hex[:8]}", 100) == 0


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_rasa_redis_lock_store_race_is_real():
    """The control for the test above: Rasa's own store does hand out duplicates (rasa
    #9213), so the test above would catch a regression."""
    stores = [RedisLockStore(host="127.0.0.1", port=6379, db=6) for _ in range(4)]
    assert tickets_at_once(stores, f"r-{uuid.uuid4().hex[:8]}", 100) > 0


PRODUCTION_ENV = {"LEGBOT_ACTION_URL": "http://actions:5055/webhook",
                  "LEGBOT_TRACKER_URL": "postgresql://legbot@db/legbot",
                  "LEGBOT_LOCK_URL": "redis://cache:6379/1"}


def test_the_api_is_never_enabled_without_a_token():
    with pytest.raises(ServeError, match="LEGBOT_API_TOKEN"):
        rasa_arguments(ServeOptions(api=True), {}, ROOT)
    with pytest.raises(ServeError, match="LEGBOT_API_TOKEN"):
        rasa_arguments(ServeOptions(api=True), {"LEGBOT_API_TOKEN": "short"}, ROOT)
    argv = rasa_arguments(ServeOptions(api=True), {"LEGBOT_API_TOKEN": "x" * 20}, ROOT)
    assert argv[argv.index("--enable-api") + 1:argv.index("--enable-api") + 3] == ["--auth-token", "x" * 20]
    assert "--enable-api" not in rasa_arguments(ServeOptions(), {}, ROOT)


def test_production_needs_its_urls_and_postgresql():
    with pytest.raises(ServeError, match="LEGBOT_LOCK_URL"):
        rasa_arguments(ServeOptions(profile="production"),
                       {k: v for k, v in PRODUCTION_ENV.items() if k != "LEGBOT_LOCK_URL"}, ROOT)
    with pytest.raises(ServeError, match="PostgreSQL"):
        rasa_arguments(ServeOptions(profile="production"),
                       {**PRODUCTION_ENV, "LEGBOT_TRACKER_URL": "sqlite:///x.db"}, ROOT)
    argv = rasa_arguments(ServeOptions(profile="production"), PRODUCTION_ENV, ROOT)
    assert argv[argv.index("--endpoints") + 1].endswith("endpoints.production.yml")
    with pytest.raises(ServeError, match="profile"):
        rasa_arguments(ServeOptions(profile="staging"), {}, ROOT)


def test_cors_is_configurable_and_never_a_wildcard_in_production():
    env = {"LEGBOT_CORS_ORIGINS": "https://clinic.example.org, https://www.clinic.example.org"}
    assert cors_origins(env, "production") == ["https://clinic.example.org", "https://www.clinic.example.org"]
    assert cors_origins({}, "production") == []
    assert cors_origins({"LEGBOT_CORS_ORIGINS": "*"}, "embedded") == ["*"]
    with pytest.raises(ServeError, match="production"):
        cors_origins({"LEGBOT_CORS_ORIGINS": "*"}, "production")
    with pytest.raises(ServeError, match="origin"):
        cors_origins({"LEGBOT_CORS_ORIGINS": "clinic.example.org; script-src"}, "embedded")
    argv = rasa_arguments(ServeOptions(), env, ROOT)
    assert argv[argv.index("--cors") + 1:] [:2] == ["https://clinic.example.org", "https://www.clinic.example.org"]
