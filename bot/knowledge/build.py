"""Build the knowledge store from data/documents.

Everything is read and extracted in memory first; a document that cannot be read is
skipped with a warning. Only then is the store written: a SQLite file is built beside the
old one and swapped in with one rename; any other database is rewritten in one
transaction. A failed build therefore leaves the previous store as it was.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session

from bot.knowledge.documents import DocumentError, SourceDocument, read_document
from bot.knowledge.relations import Criterion, Fact, RelationReader
from bot.knowledge.schema import Base, Concept, Document, Passage, Relation, Synonym
from bot.lexicon import Lexicon

log = logging.getLogger(__name__)
DOCUMENT_SUFFIXES = (".txt", ".md")


class BuildError(RuntimeError):
    """The store could not be built; the previous store is untouched."""


@dataclass
class BuildReport:
    documents: int = 0
    passages: int = 0
    concepts: int = 0
    relations: int = 0
    criteria: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"documents: {self.documents}",
            f"passages: {self.passages}",
            f"concepts: {self.concepts}",
            f"relations: {self.relations} (of which escalation criteria: {self.criteria})",
        ]
        lines += [f"skipped {name}: {why}" for name, why in self.skipped]
        lines.append(f"built in {self.seconds:.2f} s")
        return "\n".join(lines)


@dataclass
class _Extracted:
    document: SourceDocument
    passages: list
    facts: list[Fact]
    criteria: list[Criterion]


def build_store(documents_dir: Path, database_url: str, lexicon: Lexicon,
                max_bytes: int, warn: Callable[[str], None] | None = None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    warn = warn or log.warning
    extracted = _read_all(documents_dir, lexicon, max_bytes, report, warn)
    if not extracted:
        raise BuildError(f"no readable documents in {documents_dir}; the store was not changed")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        _build_sqlite_file(Path(url.database), extracted, lexicon)
        engine = create_engine(database_url, future=True)
    else:
        engine = create_engine(database_url, future=True)
        with engine.begin() as conn:
            _write(conn, extracted, lexicon)
    _count(engine, report)
    engine.dispose()
    report.seconds = time.perf_counter() - started
    return report


def _read_all(documents_dir: Path, lexicon: Lexicon, max_bytes: int, report: BuildReport,
              warn: Callable[[str], None]) -> list[_Extracted]:
    if not documents_dir.is_dir():
        raise BuildError(f"documents folder not found: {documents_dir}")
    reader = RelationReader(lexicon)
    out = []
    for path in sorted(documents_dir.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            report.skipped.append((path.name, f"not a text document ({path.suffix or 'no suffix'})"))
            warn(f"skipped {path.name}: not a text document")
            continue
        try:
            document = read_document(path, lexicon, max_bytes)
        except DocumentError as exc:
            report.skipped.append((path.name, str(exc)))
            warn(f"skipped {path.name}: {exc}")
            continue
        passages, facts, criteria = reader.read(document)
        out.append(_Extracted(document, passages, facts, criteria))
    return out


def _build_sqlite_file(target: Path, extracted: list[_Extracted], lexicon: Lexicon) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".building", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        engine = create_engine(f"sqlite:///{tmp}", future=True)
        with engine.begin() as conn:
            _write(conn, extracted, lexicon)
        engine.dispose()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write(conn: Connection, extracted: list[_Extracted], lexicon: Lexicon) -> None:
    Base.metadata.drop_all(conn)
    Base.metadata.create_all(conn)
    with Session(bind=conn, future=True) as session:
        concepts: dict[str, Concept] = {}
        for entry in lexicon.entries:
            concept = Concept(id=entry.concept_id, kind=entry.kind, key=entry.key, name=entry.name)
            concept.synonyms = [Synonym(text=t) for t in entry.terms]
            concepts[entry.concept_id] = concept
        passages: dict[tuple[str, int], Passage] = {}
        for item in extracted:
            doc = item.document
            row = Document(slug=doc.slug, title=doc.title, author=doc.author,
                           filename=doc.path.name, sha256=doc.sha256, text=doc.text)
            for p in item.passages:
                passage = Passage(ordinal=p.ordinal, section=p.section, text=p.text,
                                  start_char=p.start, end_char=p.end)
                row.passages.append(passage)
                passages[(doc.slug, p.ordinal)] = passage
            session.add(row)
        relations: dict[tuple[str, str, str], Relation] = {}

        def relate(subject: str, predicate: str, obj: str, passage: Passage) -> None:
            key = (subject, predicate, obj)
            relation = relations.get(key)
            if relation is None:
                relation = relations[key] = Relation(subject_id=subject, predicate=predicate, object_id=obj)
            if passage not in relation.passages:
                relation.passages.append(passage)

        for item in extracted:
            for fact in item.facts:
                passage = passages[(item.document.slug, fact.passage)]
                relate(fact.subject, fact.predicate, fact.object, passage)
            for crit in item.criteria:
                cid = crit.concept_id
                if cid not in concepts:
                    parts = crit.requires + crit.qualifiers
                    label = " + ".join(c.split(":", 1)[1].replace("_", " ") for c in parts)
                    concepts[cid] = Concept(id=cid, kind="criterion", key=cid.split(":", 1)[1], name=label)
                passage = passages[(item.document.slug, crit.passage)]
                relate(cid, "escalates_to", f"triage:{crit.level}", passage)
                for required in crit.requires + crit.qualifiers:
                    relate(cid, "requires", required, passage)
                if crit.pain:  # the pain, and the kinds of it
                    relate(cid, "about_pain", crit.pain[0], passage)
                    for kind in crit.pain[1:]:
                        relate(cid, "pain_kind", kind, passage)
        session.add_all(concepts.values())
        session.flush()
        session.add_all(relations.values())
        session.commit()


def _count(engine: Engine, report: BuildReport) -> None:
    with Session(engine, future=True) as session:
        report.documents = session.scalar(select(func.count()).select_from(Document))
        report.passages = session.scalar(select(func.count()).select_from(Passage))
        report.concepts = session.scalar(select(func.count()).select_from(Concept))
        report.relations = session.scalar(select(func.count()).select_from(Relation))
        report.criteria = session.scalar(
            select(func.count()).select_from(Relation).where(Relation.predicate == "escalates_to"))
