"""Find lexicon terms in a spaCy Doc.

Terms are matched on the lower-cased text; a single word written in its base form ("throb")
and any phrase ("keeps coming back") also match through the lemma NORM ("throbbing",
"keep coming back").
Overlapping matches keep the longest; one span may name several concepts. A span matched as
written takes only those concepts, not also its lemma's ("sores" is not "sore").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from bot.lexicon import Entry
from bot.nlp import get_nlp


@dataclass(frozen=True)
class Mention:
    start: int  # token index
    end: int  # token index (exclusive)
    start_char: int
    end_char: int
    text: str
    concepts: tuple[str, ...]


class TermMatcher:
    """A phrase matcher over a chosen set of lexicon entries (or cue lists)."""

    def __init__(self, terms: dict[str, Iterable[str]], phrase_lemmas: bool = True):
        """``terms`` maps a phrase to the ids it names. With ``phrase_lemmas`` false, phrases
        match only as written (cue phrases: "causes of" must not match "cause of")."""
        nlp = get_nlp()
        self._concepts: dict[str, tuple[str, ...]] = {}
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._norm = PhraseMatcher(nlp.vocab, attr="NORM")
        for phrase, ids in terms.items():
            for key in _spellings(phrase.lower()):
                self._concepts[key] = tuple(dict.fromkeys([*self._concepts.get(key, ()), *ids]))
        for key in self._concepts:
            doc = nlp(key)
            self._lower.add(key, [doc])
            # Lemma matching for base-form words ("throb" ~ "throbbing") and for phrases
            # ("keeps coming back" ~ "keep coming back"), not for single inflected words,
            # whose lemma may be another word ("left" -> "leave").
            if (phrase_lemmas and len(doc) > 1) or all(t.norm_ == t.lower_ for t in doc):
                self._norm.add(key, [doc])

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> TermMatcher:
        terms: dict[str, list[str]] = {}
        for entry in entries:
            for term in entry.terms:
                terms.setdefault(term, []).append(entry.concept_id)
        return cls(terms)

    def __call__(self, doc: Doc) -> list[Mention]:
        found: dict[tuple[int, int], list[str]] = {}
        vocab = doc.vocab
        for match_id, start, end in self._lower(doc):
            ids = self._concepts[vocab.strings[match_id]]
            bucket = found.setdefault((start, end), [])
            bucket.extend(i for i in ids if i not in bucket)
        as_written = set(found)
        for match_id, start, end in self._norm(doc):
            if (start, end) in as_written:
                continue  # a term as written wins over its lemma: "sores" is not "sore"
            ids = self._concepts[vocab.strings[match_id]]
            bucket = found.setdefault((start, end), [])
            bucket.extend(i for i in ids if i not in bucket)
        return _longest(doc, found)


def _spellings(phrase: str) -> list[str]:
    """A phrase and, for contractions, the way people type them without the apostrophe
    ("can't sleep" -> "cant sleep", "won't stop" -> "wont stop")."""
    if "'" not in phrase:
        return [phrase]
    return [phrase, phrase.replace("'", "")]


def _longest(doc: Doc, found: dict[tuple[int, int], list[str]]) -> list[Mention]:
    taken: set[int] = set()
    kept: list[Mention] = []
    for (start, end), ids in sorted(found.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        span = doc[start:end]
        kept.append(Mention(start, end, span.start_char, span.end_char, span.text, tuple(ids)))
    return sorted(kept, key=lambda m: m.start)
