"""The knowledge store's tables (SQLAlchemy 1.4 declarative, 2.0 style).

documents -< passages; concepts -< synonyms; relations (concept -> concept) >-< passages
through relation_evidence: every relation is tied to the passages that state it.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

relation_evidence = Table(
    "relation_evidence",
    Base.metadata,
    Column("relation_id", Integer, ForeignKey("relations.id", ondelete="CASCADE"), primary_key=True),
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), primary_key=True),
)


class Document(Base):
    __tablename__ = "documents"

    id = Column(Integer, primary_key=True)
    slug = Column(String(200), unique=True, nullable=False)
    title = Column(String(500), nullable=False)
    author = Column(String(200))
    filename = Column(String(300), nullable=False)
    sha256 = Column(String(64), nullable=False)
    text = Column(Text, nullable=False)

    passages = relationship("Passage", back_populates="document", cascade="all, delete-orphan",
                            order_by="Passage.ordinal")


class Passage(Base):
    """One sentence of a document, with its section heading and offsets into the source."""

    __tablename__ = "passages"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id = Column(Integer, primary_key=True)
    document_id = Column(Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    ordinal = Column(Integer, nullable=False)
    section = Column(String(200))
    text = Column(Text, nullable=False)
    start_char = Column(Integer, nullable=False)
    end_char = Column(Integer, nullable=False)

    document = relationship("Document", back_populates="passages")


class Concept(Base):
    """A canonical id: a finding (``symptom:crawling``), condition, remedy, triage level,
    qualifier, or an escalation criterion built from the documents."""

    __tablename__ = "concepts"

    id = Column(String(300), primary_key=True)
    kind = Column(String(40), nullable=False, index=True)
    key = Column(String(200), nullable=False)
    name = Column(String(300), nullable=False)

    synonyms = relationship("Synonym", back_populates="concept", cascade="all, delete-orphan")


class Synonym(Base):
    __tablename__ = "synonyms"
    __table_args__ = (UniqueConstraint("concept_id", "text"),)

    id = Column(Integer, primary_key=True)
    concept_id = Column(String(300), ForeignKey("concepts.id", ondelete="CASCADE"), nullable=False)
    text = Column(String(300), nullable=False)

    concept = relationship("Concept", back_populates="synonyms")


class Relation(Base):
    """subject --predicate--> object, e.g. condition:restless_legs_syndrome has_symptom
    symptom:crawling, with the passages that state it."""

    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("subject_id", "predicate", "object_id"),)

    id = Column(Integer, primary_key=True)
    subject_id = Column(String(300), ForeignKey("concepts.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    predicate = Column(String(40), nullable=False, index=True)
    object_id = Column(String(300), ForeignKey("concepts.id", ondelete="CASCADE"), nullable=False,
                       index=True)

    subject = relationship("Concept", foreign_keys=[subject_id])
    object = relationship("Concept", foreign_keys=[object_id])
    passages = relationship("Passage", secondary=relation_evidence, order_by="Passage.id")
