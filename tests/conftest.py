"""Shared fixtures: the lexicon, a knowledge store built into a temporary database, and the
PostgreSQL URL the same store tests also run against."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # Agent.load and rasa imports need the project root
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

DOCUMENTS = ROOT / "data" / "documents"
POSTGRES_URL = os.environ.get("LEGBOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def lexicon():
    from bot.lexicon import get_lexicon

    return get_lexicon(ROOT / "data" / "lexicon.yml")


def postgres_available() -> bool:
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(POSTGRES_URL, future=True, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A fresh PostgreSQL schema for this test session (dropped afterwards)."""
    if not postgres_available():
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")
    from sqlalchemy import create_engine, text

    schema = f"legbot_test_{uuid.uuid4().hex[:8]}"
    engine = create_engine(POSTGRES_URL, future=True)
    with engine.begin() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    yield url
    with engine.begin() as conn:
        conn.execute(text(f'drop schema "{schema}" cascade'))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('kb') / 'knowledge.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def built_store(database_url, lexicon):
    """The store built from the real documents, on SQLite and on PostgreSQL."""
    from bot.knowledge.build import build_store
    from bot.knowledge.store import KnowledgeStore, make_engine

    build_store(DOCUMENTS, database_url, lexicon, 1024 * 1024)
    engine = make_engine(database_url)
    store = KnowledgeStore.load(engine)
    engine.dispose()
    return store


@pytest.fixture(scope="session")
def store(lexicon, tmp_path_factory):
    """The store from the real documents on SQLite, for tests that need it only once."""
    from bot.knowledge.build import build_store
    from bot.knowledge.store import KnowledgeStore, make_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('kb1') / 'knowledge.db'}"
    build_store(DOCUMENTS, url, lexicon, 1024 * 1024)
    engine = make_engine(url)
    loaded = KnowledgeStore.load(engine)
    engine.dispose()
    return loaded


MODEL = ROOT / "models" / "legbot.tar.gz"


@pytest.fixture(scope="session")
def nlu_model():
    """The trained Rasa model, loaded once per test session (about 20 s)."""
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train` (make test does)")
    from bot.understanding.model import NluModel

    return NluModel.load(MODEL)
