"""The read-only query API over the knowledge store.

The store is small, so ``KnowledgeStore.load`` reads it in one short session and answers
every question from memory: a chat turn costs no database query. Every answer carries the
passages that state it, so the bot can quote its source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, selectinload

from bot.knowledge.schema import Concept, Passage, Relation

REMEDY_PREDICATES = ("relieved_by", "prevented_by", "treated_by")


class KnowledgeStoreError(RuntimeError):
    """The store is missing or empty."""


@dataclass(frozen=True)
class Citation:
    passage_id: int
    document: str
    author: str | None
    section: str | None
    quote: str

    def as_dict(self) -> dict:
        return {"document": self.document, "author": self.author, "quote": self.quote}


@dataclass(frozen=True)
class ConceptInfo:
    id: str
    kind: str
    key: str
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    subject: str
    predicate: str
    object: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class EscalationCriterion:
    id: str
    level: str
    requires: tuple[str, ...]
    qualifiers: tuple[str, ...]
    sources: tuple[Citation, ...]
    # For advice about the pain: the generic finding ("symptom:aching"), then its kinds. It does
    # not fire when the user denies the pain and names no kind of it.
    pain: tuple[str, ...] = ()


class KnowledgeStore:
    def __init__(self, concepts: dict[str, ConceptInfo], passages: dict[int, Citation],
                 links: list[Link]):
        self._concepts = concepts
        self._passages = passages
        self._links = links
        self._by_subject: dict[str, list[Link]] = defaultdict(list)
        self._by_object: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            self._by_subject[link.subject].append(link)
            self._by_object[link.object].append(link)
        self._criteria = tuple(self._read_criteria())

    @classmethod
    def load(cls, engine: Engine) -> KnowledgeStore:
        if not inspect(engine).has_table("relations"):
            raise KnowledgeStoreError("the knowledge store is empty: run `legbot build-kb` first")
        with Session(engine, future=True) as session:
            concepts = {
                c.id: ConceptInfo(c.id, c.kind, c.key, c.name, tuple(sorted(s.text for s in c.synonyms)))
                for c in session.scalars(select(Concept).options(selectinload(Concept.synonyms)))
            }
            passages = {
                p.id: Citation(p.id, p.document.title, p.document.author, p.section, p.text)
                for p in session.scalars(select(Passage).options(selectinload(Passage.document)))
            }
            links = [
                Link(r.subject_id, r.predicate, r.object_id, tuple(passages[p.id] for p in r.passages))
                for r in session.scalars(select(Relation).options(selectinload(Relation.passages))
                                         .order_by(Relation.id))
            ]
        if not links:
            raise KnowledgeStoreError("the knowledge store holds no relations: rebuild it")
        return cls(concepts, passages, links)

    # --- look-ups by id -------------------------------------------------------------
    def concept(self, concept_id: str) -> ConceptInfo | None:
        return self._concepts.get(concept_id)

    def concepts(self, kind: str) -> list[ConceptInfo]:
        return [c for c in self._concepts.values() if c.kind == kind]

    def passage(self, passage_id: int) -> Citation | None:
        return self._passages.get(passage_id)

    def passages(self) -> list[Citation]:
        """Every passage, in document order."""
        return [self._passages[k] for k in sorted(self._passages)]

    def relations(self, subject: str | None = None, predicate: str | None = None,
                  obj: str | None = None) -> list[Link]:
        pool = (self._by_subject.get(subject, []) if subject is not None
                else self._by_object.get(obj, []) if obj is not None else self._links)
        return [link for link in pool
                if (predicate is None or link.predicate == predicate)
                and (obj is None or link.object == obj)
                and (subject is None or link.subject == subject)]

    # --- questions the bot asks -----------------------------------------------------
    def conditions_for_findings(self, finding_ids: Iterable[str]) -> dict[str, list[Link]]:
        """Conditions linked to any of the findings ("symptom:crawling", ...), with the links."""
        out: dict[str, list[Link]] = defaultdict(list)
        for finding in dict.fromkeys(finding_ids):
            for link in self._by_object.get(finding, []):
                if link.subject.startswith("condition:"):
                    out[link.subject].append(link)
        return dict(out)

    def condition_links(self, condition_id: str) -> list[Link]:
        return list(self._by_subject.get(condition_id, []))

    def remedies_for(self, condition_id: str, predicate: str | None = None) -> list[Link]:
        """How a condition is relieved, prevented or treated, per the documents."""
        wanted = (predicate,) if predicate else REMEDY_PREDICATES
        return [link for link in self._by_subject.get(condition_id, [])
                if link.predicate in wanted]

    def escalation_criteria(self) -> tuple[EscalationCriterion, ...]:
        return self._criteria

    def _read_criteria(self) -> Iterable[EscalationCriterion]:
        for concept in self._concepts.values():
            if concept.kind != "criterion":
                continue
            links = self._by_subject.get(concept.id, [])
            level = next((lk.object.split(":", 1)[1] for lk in links if lk.predicate == "escalates_to"), None)
            if level is None:
                continue
            required = [lk.object for lk in links if lk.predicate == "requires"]
            sources = tuple(dict.fromkeys(c for lk in links for c in lk.sources))
            yield EscalationCriterion(
                concept.id, level,
                tuple(r for r in required if not r.startswith("qualifier:")),
                tuple(r for r in required if r.startswith("qualifier:")),
                sources,
                tuple(lk.object for lk in links if lk.predicate == "about_pain")
                + tuple(lk.object for lk in links if lk.predicate == "pain_kind"),
            )


def make_engine(database_url: str) -> Engine:
    return create_engine(database_url, future=True, pool_pre_ping=True)


@lru_cache(maxsize=4)
def get_store(database_url: str | None = None) -> KnowledgeStore:
    """The store for the configured database, built first if a SQLite file is missing."""
    from bot.settings import get_settings

    settings = get_settings()
    url = database_url or settings.database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        from pathlib import Path

        if not Path(parsed.database).exists():
            from bot.knowledge.build import build_store
            from bot.lexicon import get_lexicon

            build_store(settings.documents_dir, url, get_lexicon(settings.lexicon_path),
                        settings.max_document_bytes)
    engine = make_engine(url)
    try:
        return KnowledgeStore.load(engine)
    finally:
        engine.dispose()
