"""The symptom extractor: free text -> the contract's canonical findings.

    >>> extract("my calves throb at night but there's no swelling").as_dicts()  # doctest: +SKIP
    [{'type': 'body_part', 'value': 'calf', 'present': True}, ...]

Steps: clean the text, tokenize with the shared blank-English pipeline, match the lexicon,
add regex findings (ages, minutes), mark negated mentions, let each finding type's rules
(``groups``) decide what stands, then merge repeats of one finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from bot.lexicon import Lexicon, get_lexicon
from bot.matching import TermMatcher
from bot.nlp import fold_text, get_nlp
from bot.settings import get_settings
from bot.understanding.groups import GROUPS, Hit, context_findings, regex_findings
from bot.understanding.negation import negated_spans
from bot.understanding.text import clean_text


@dataclass(frozen=True)
class Finding:
    type: str
    value: str
    present: bool
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"type": self.type, "value": self.value, "present": self.present}

    @property
    def key(self) -> str:
        return f"{self.type}:{self.value}"


@dataclass(frozen=True)
class Extraction:
    text: str
    findings: tuple[Finding, ...]
    truncated: bool = False
    original_length: int = 0
    # Warning signs outside the contract's findings ("coughing up blood"): alarm ids, present only.
    alarms: tuple[Finding, ...] = ()

    def as_dicts(self) -> list[dict]:
        return [f.as_dict() for f in self.findings]


class SymptomExtractor:
    """Built once from the lexicon; safe to share between threads and users."""

    def __init__(self, lexicon: Lexicon, max_chars: int):
        self.max_chars = max_chars
        self.matcher = TermMatcher.from_entries(lexicon.of_kind("finding"))
        context: dict[str, list[str]] = {}
        for word in lexicon.activities:
            context.setdefault(word, []).append("activity")
        for trigger, words in lexicon.postures.items():
            for word in words:
                context.setdefault(word, []).append(f"trigger:{trigger}")
        for word in lexicon.long_stretches:
            context.setdefault(word, []).append("stretch")
        self.context = TermMatcher(context)
        self.alarm_matcher = TermMatcher.from_entries(lexicon.of_kind("alarm"))

    def __call__(self, text: object) -> Extraction:
        cleaned = clean_text(text, self.max_chars)
        doc = get_nlp()(fold_text(cleaned.text))
        findings = self.read_doc(doc)
        return Extraction(cleaned.text, findings, cleaned.truncated, cleaned.original_length,
                          self.read_alarms(doc))

    def read_alarms(self, doc: Doc) -> tuple[Finding, ...]:
        mentions = self.alarm_matcher(doc)
        negated = negated_spans(doc, [(m.start, m.end) for m in mentions])
        return tuple(
            Finding("alarm", concept.split(":", 1)[1], True, m.start_char, m.end_char, m.text)
            for m in mentions if (m.start, m.end) not in negated for concept in m.concepts)

    def read_doc(self, doc: Doc) -> tuple[Finding, ...]:
        hits = self._candidates(doc)
        hits = _resolve(doc, hits)
        return _merge(doc, hits)

    def _candidates(self, doc: Doc) -> list[Hit]:
        spans: dict[tuple[int, int], list[str]] = {}
        for mention in self.matcher(doc):
            spans.setdefault((mention.start, mention.end), []).extend(mention.concepts)
        context = [(m.start, m.end, kind) for m in self.context(doc) for kind in m.concepts]
        for start, end, concept in context_findings(doc, context):
            spans.setdefault((start, end), []).append(concept)
        for ftype, value, start_char, end_char in regex_findings(doc.text):
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is not None:  # may overlap a word-list match; merging keeps one finding
                spans.setdefault((span.start, span.end), []).append(f"{ftype}:{value}")
        kinds = {span: frozenset(c.split(":", 1)[0] for c in ids) for span, ids in spans.items()}
        negated = negated_spans(doc, list(spans), kinds)
        hits = []
        for (start, end), ids in spans.items():
            span = doc[start:end]
            for concept in dict.fromkeys(ids):
                ftype, value = concept.split(":", 1)
                hits.append(Hit(start, end, ftype, value, span.start_char, span.end_char,
                                (start, end) in negated))
        return hits


def _resolve(doc: Doc, hits: list[Hit]) -> list[Hit]:
    by_type: dict[str, list[Hit]] = {}
    for hit in hits:
        by_type.setdefault(hit.type, []).append(hit)
    resolved: list[Hit] = []
    for ftype, group in by_type.items():
        resolved.extend(GROUPS[ftype](doc, group, hits))
    # A span read as a relief ("walking helps") is not also a timing ("when walking").
    relief_spans = {(h.start, h.end) for h in resolved if h.type == "relief"}
    return [h for h in resolved if h.type != "timing" or (h.start, h.end) not in relief_spans]


def _merge(doc: Doc, hits: list[Hit]) -> tuple[Finding, ...]:
    """One finding per (type, value); present wins over negated (when in doubt, present)."""
    merged: dict[tuple[str, str], Finding] = {}
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        key = (hit.type, hit.value)
        finding = Finding(hit.type, hit.value, not hit.negated, hit.start_char, hit.end_char,
                          doc.text[hit.start_char:hit.end_char])
        previous = merged.get(key)
        if previous is None or (finding.present and not previous.present):
            merged[key] = finding
    return tuple(sorted(merged.values(), key=lambda f: (f.start, f.type)))


@lru_cache(maxsize=1)
def get_extractor() -> SymptomExtractor:
    settings = get_settings()
    return SymptomExtractor(get_lexicon(settings.lexicon_path), settings.max_text_chars)


def extract(text: object) -> Extraction:
    return get_extractor()(text)
