"""Building the store: new documents add facts without code changes, bad files are skipped,
a failed build leaves the previous store intact, rebuilding is idempotent."""

import shutil

import pytest

from bot.knowledge import build as build_module
from bot.knowledge.build import BuildError, build_store
from bot.knowledge.store import KnowledgeStore, make_engine
from tests.conftest import DOCUMENTS

GOUT = """Gout Flares at Night

Overview

Gout is a form of arthritis that often flares at night. Symptoms include sudden pain, swelling, redness and warmth in the big toe. Flares can be triggered by dehydration or heavy drinking.

Treatment

Raising the foot on a pillow and resting it can ease a flare.
"""


def _load(url):
    engine = make_engine(url)
    try:
        return KnowledgeStore.load(engine)
    finally:
        engine.dispose()


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    return folder


def test_a_new_document_adds_its_facts(docs, tmp_path, lexicon):
    (docs / "gout.txt").write_text(GOUT)
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    report = build_store(docs, url, lexicon, 1024 * 1024)
    store = _load(url)
    assert report.documents == len(list(DOCUMENTS.glob('*.txt'))) + 1
    for predicate, obj in [("has_symptom", "symptom:redness"), ("affects", "body_part:toes"),
                           ("triggered_by", "trigger:dehydration"), ("risk_factor", "risk_factor:alcohol"),
                           ("occurs_at", "timing:night"), ("relieved_by", "remedy:elevation")]:
        links = store.relations("condition:arthritis", predicate, obj)
        assert links and any("Gout" in c.document for c in links[0].sources), (predicate, obj)


def test_bad_files_are_skipped_with_a_reason(docs, tmp_path, lexicon):
    (docs / "empty.txt").write_text("")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (docs / "huge.txt").write_bytes(b"Cramps hurt. " * (5 * 1024 * 1024 // 13))
    (docs / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    warnings = []
    report = build_store(docs, f"sqlite:///{tmp_path / 'kb.db'}", lexicon, 1024 * 1024, warn=warnings.append)
    assert report.documents == len(list(DOCUMENTS.glob('*.txt')))
    reasons = dict(report.skipped)
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "not a text document" in reasons["photo.jpg"]
    assert len(warnings) == 4


def test_no_readable_document_is_an_error_and_changes_nothing(tmp_path, lexicon):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    build_store(DOCUMENTS, url, lexicon, 1024 * 1024)
    before = (tmp_path / "kb.db").read_bytes()
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "blank.txt").write_text("\n\n")
    with pytest.raises(BuildError, match="no readable documents"):
        build_store(empty, url, lexicon, 1024 * 1024)
    assert (tmp_path / "kb.db").read_bytes() == before


def test_a_failed_write_leaves_the_previous_store(database_url, lexicon, monkeypatch, tmp_path):
    if database_url.startswith("sqlite"):
        database_url = f"sqlite:///{tmp_path / 'kb.db'}"
    build_store(DOCUMENTS, database_url, lexicon, 1024 * 1024)
    before = len(_load(database_url).relations())
    real_write = build_module._write

    def failing_write(conn, extracted, lex):
        real_write(conn, extracted[:1], lex)  # half the work is done ...
        raise RuntimeError("disk full")  # ... then it fails

    monkeypatch.setattr(build_module, "_write", failing_write)
    with pytest.raises(RuntimeError, match="disk full"):
        build_store(DOCUMENTS, database_url, lexicon, 1024 * 1024)
    assert len(_load(database_url).relations()) == before
    assert not list(tmp_path.glob("*.building"))


def test_rebuilding_is_idempotent(database_url, lexicon):
    first = build_store(DOCUMENTS, database_url, lexicon, 1024 * 1024)
    links1 = {(lk.subject, lk.predicate, lk.object, tuple(c.quote for c in lk.sources))
              for lk in _load(database_url).relations()}
    second = build_store(DOCUMENTS, database_url, lexicon, 1024 * 1024)
    links2 = {(lk.subject, lk.predicate, lk.object, tuple(c.quote for c in lk.sources))
              for lk in _load(database_url).relations()}
    assert (first.documents, first.passages, first.concepts, first.relations) == \
        (second.documents, second.passages, second.concepts, second.relations)
    assert links1 == links2


def test_empty_database_is_a_clear_error(tmp_path):
    from bot.knowledge.store import KnowledgeStoreError

    with pytest.raises(KnowledgeStoreError, match="build-kb"):
        _load(f"sqlite:///{tmp_path / 'empty.db'}")
