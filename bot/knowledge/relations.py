"""Read facts out of passages: which condition relates to which finding or remedy, and which
findings call for which triage level.

The rules work on one sentence at a time, with the lexicon's cue phrases:

- a cause cue splits the sentence into an effect side and a cause side ("Cramps are caused
  by dehydration": muscle_cramps triggered_by dehydration; "Causes of muscle aches include
  strained muscles": muscle_strain has_symptom aching);
- without a cue, the conditions named in the sentence (or, when none is named, the ones the
  paragraph is about) relate to every finding named, the predicate following the finding's
  type (symptom -> has_symptom, timing -> occurs_at, risk_factor -> risk_factor, ...);
- remedies relate to the same conditions as relieved_by, prevented_by or treated_by,
  chosen by cue words or the section heading (Treatment, Prevention);
- in advice about seeking care ("See your doctor if ..."), the clause after "if" gives
  escalation criteria: alternatives split at "or" (and at commas in a serial list ending
  ", or"), each a conjunction of findings, tied to the most urgent level named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from bot.contract import TRIAGE_LEVELS
from bot.knowledge.documents import Passage, SourceDocument
from bot.lexicon import Lexicon
from bot.matching import Mention, TermMatcher
from bot.nlp import fold_text, get_nlp
from bot.understanding.extractor import SymptomExtractor

PREDICATE_BY_TYPE = {
    "symptom": "has_symptom",
    "body_part": "affects",
    "timing": "occurs_at",
    "trigger": "triggered_by",
    "risk_factor": "risk_factor",
    "medication": "risk_factor",
    "relief": "relieved_by",
    "severity": "has_feature",
    "duration": "has_feature",
    "alarm": "has_symptom",
    "history": "risk_factor",
    "qualifier": "has_feature",
}
CAUSE_CUES = ("cause_after", "cause_before", "causes_of", "symptom_of")
# Finding types left out of escalation criteria: which side is a qualifier ("one leg"), not
# a finding. Body parts stay and scope the criterion ("a calf is swollen and red").
NOT_CRITERIA = ("side",)
LIST_VERBS = frozenset({"include", "includes", "are", "is"})


@dataclass(frozen=True)
class Fact:
    subject: str
    predicate: str
    object: str
    passage: int


@dataclass(frozen=True)
class Criterion:
    level: str
    requires: tuple[str, ...]
    qualifiers: tuple[str, ...]
    passage: int
    # For advice about the pain itself ("if the pain is ... associated with swelling"): the
    # generic finding and its kinds. The user who denies the pain and names no kind of it
    # ("puffy ankles, no pain") is not who the advice is for.
    pain: tuple[str, ...] = ()

    @property
    def concept_id(self) -> str:
        named = "+".join(sorted(self.requires + self.qualifiers))
        return f"criterion:{self.level}:{named}" + ("~" + self.pain[0] if self.pain else "")


@dataclass(frozen=True)
class _Item:
    concept: str
    start: int
    end: int


class RelationReader:
    """Built once from the lexicon; reads any number of documents."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.concepts = TermMatcher.from_entries(
            lexicon.of_kind("condition", "remedy", "triage", "qualifier", "alarm"))
        cue_terms: dict[str, list[str]] = {}
        for kind, phrases in lexicon.cues.items():
            for phrase in phrases:
                cue_terms.setdefault(phrase, []).append(kind)
        self.cues = TermMatcher(cue_terms, phrase_lemmas=False)
        self.findings = SymptomExtractor(lexicon, max_chars=10**7)

    def read(self, document: SourceDocument) -> tuple[list[Passage], list[Fact], list[Criterion]]:
        passages = document.passages()
        facts: list[Fact] = []
        criteria: list[Criterion] = []
        # The conditions the text is about, carried from sentence to sentence (and across
        # paragraphs) until a sentence names others: "Relax the muscle ..." follows "cramp".
        topic: list[str] = []
        section: str | None = None
        for passage in passages:
            if passage.section != section:
                section = passage.section
                # A heading that names a condition ("Restless Legs Syndrome") sets the topic.
                named = self.concepts(get_nlp()(fold_text(section or "")))
                topic = [c for m in named for c in m.concepts if c.startswith("condition:")] or topic
            sentence = _Sentence.read(self, passage)
            found = sentence.criteria()
            criteria.extend(found)
            about = sentence.about()
            if not found:
                # Advice on seeking care says when to get help, not what a condition is.
                facts.extend(sentence.facts(about or topic))
            if sentence.conditions():
                topic = about
        return passages, _unique(facts), _unique(criteria)


@dataclass
class _Sentence:
    reader: RelationReader
    passage: Passage
    doc: Doc
    findings: list[_Item]
    concepts: list[_Item]
    cues: list[Mention]

    @classmethod
    def read(cls, reader: RelationReader, passage: Passage) -> _Sentence:
        doc = get_nlp()(fold_text(passage.text))
        read, signs = reader.findings.read(doc)
        findings = [_Item(a.key, *_token_span(doc, a.start, a.end)) for a in signs]
        for finding in read:
            span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
            if finding.present and span is not None:
                findings.append(_Item(finding.key, span.start, span.end))
        concepts = [_Item(c, m.start, m.end) for m in reader.concepts(doc) for c in m.concepts]
        return cls(reader, passage, doc, findings, concepts, reader.cues(doc))

    def conditions(self) -> list[_Item]:
        return self._of("condition")

    def about(self) -> list[str]:
        """The conditions this sentence speaks about: the one named first under a cause cue
        ("Cramps are caused by ...", "Neuropathy can contribute to ..."), none under
        "Causes of pain include ...", else every condition it names."""
        cause = self._cue(*CAUSE_CUES)
        conds = self.conditions()
        if cause is not None:
            effect, causes = self._sides(cause)
            side = causes if {"cause_before", "symptom_of"} & set(cause.concepts) else effect
            side = range(0) if "causes_of" in cause.concepts else side
            conds = [c for c in conds if _within(c, side)]
        return list(dict.fromkeys(c.concept for c in conds))

    def _of(self, kind: str) -> list[_Item]:
        return [c for c in self.concepts if c.concept.startswith(kind + ":")]

    def _cue(self, *kinds: str) -> Mention | None:
        for mention in self.cues:
            if any(k in kinds for k in mention.concepts):
                return mention
        return None

    def facts(self, subjects: list[str]) -> list[Fact]:
        out: list[Fact] = []

        def add(subject: str, obj: _Item | str, predicate: str | None = None) -> None:
            concept = obj if isinstance(obj, str) else obj.concept
            pred = predicate or PREDICATE_BY_TYPE.get(concept.split(":", 1)[0])
            if pred and subject != concept:
                out.append(Fact(subject, pred, concept, self.passage.ordinal))

        cause = self._cue(*CAUSE_CUES)
        if cause is None:
            for subject in subjects:
                for finding in self.findings + self._of("qualifier"):  # "affects one leg only"
                    add(subject, finding)
        else:
            effect, causes = self._sides(cause)
            conds = self.conditions()
            # "aches and cramps may be a sign of ...": the first side names symptoms only
            effect_conds = [] if "symptom_of" in cause.concepts else [
                c.concept for c in conds if _within(c, effect)]
            cause_conds = [c for c in conds if _within(c, causes)]
            named_by_cue = [c.concept for c in cause_conds if cause.start <= c.start < cause.end]
            effect_subjects = effect_conds or ([] if cause_conds else subjects)
            for finding in self.findings:
                if _within(finding, causes):
                    owners = effect_subjects + named_by_cue + self._exemplified(finding, cause_conds)
                else:
                    owners = (effect_subjects or [c.concept for c in cause_conds]) + named_by_cue
                for subject in dict.fromkeys(owners):
                    add(subject, finding)
            for a in effect_conds:
                for b in cause_conds:
                    add(a, b.concept, "associated_with")

        predicate = self._remedy_predicate()
        if predicate:
            for subject in subjects:
                for remedy in self._of("remedy"):
                    add(subject, remedy, predicate)
        return out

    def _exemplified(self, finding: _Item, conditions: list[_Item]) -> list[str]:
        """Conditions given examples ("lifestyle factors such as prolonged sitting") own the
        risk-type findings listed after the example cue."""
        if finding.concept.split(":", 1)[0] not in ("trigger", "risk_factor", "medication"):
            return []
        owners = []
        for cond in conditions:
            example = next((m for m in self.cues if "examples" in m.concepts
                            and cond.end <= m.start <= cond.end + 1), None)
            if example is not None and finding.start >= example.end:
                owners.append(cond.concept)
        return owners

    def _sides(self, cue: Mention) -> tuple[range, range]:
        n = len(self.doc)
        if "causes_of" in cue.concepts:
            verb = next((i for i in range(cue.end, n) if self.doc[i].lower_ in LIST_VERBS), n)
            return range(cue.end, verb), range(verb, n)
        if "cause_before" in cue.concepts:
            return range(cue.end, n), range(0, cue.end)
        return range(0, cue.start), range(cue.start, n)

    def _remedy_predicate(self) -> str | None:
        kind = self.passage.section_kind
        if self._cue("prevent") or kind == "prevention":
            return "prevented_by"
        if self._cue("treat"):
            return "treated_by"
        if self._cue("relieve") or kind == "treatment":
            return "relieved_by"
        return None

    def criteria(self) -> list[Criterion]:
        levels = [c.concept.split(":", 1)[1] for c in self._of("triage")]
        clause = self._cue("condition_clause")
        if not levels or clause is None:
            return []
        if self.passage.section_kind != "seek_care" and self._cue("seek_care") is None:
            return []
        level = min(levels, key=TRIAGE_LEVELS.index)
        stop = self._cue("criterion_stop")
        end = stop.start if stop and stop.start > clause.end else len(self.doc)
        qualifiers = tuple(sorted({q.concept for q in self._of("qualifier") if clause.end <= q.start < end}))
        kinds = self.reader.lexicon.generic_findings
        # "if the pain is severe, persistent, or with swelling": the pain is every alternative's
        pain = next((f.concept for f in self.findings
                     if clause.end <= f.start < end and f.concept in kinds), None)
        out = []
        for lo, hi in _alternatives(self.doc, clause.end, end, self.cues):
            found = [f.concept for f in self.findings
                     if lo <= f.start < hi and f.concept.split(":", 1)[0] not in NOT_CRITERIA]
            specific = [f for f in found if f not in kinds]
            if any(not f.startswith("body_part:") for f in specific):
                # only advice to book a doctor about the pain is set aside by "no pain"; urgent
                # advice and advice about a warning sign (a sore that is not healing) stand
                # whatever the pain (when in doubt, escalate)
                about_pain = pain and level == "see_doctor" and not any(
                    f.startswith("alarm:") for f in specific)
                out.append(Criterion(level, tuple(sorted(set(specific))), qualifiers, self.passage.ordinal,
                                     (pain, *kinds[pain]) if about_pain else ()))
        return out


def _alternatives(doc: Doc, start: int, end: int, cues: list[Mention]) -> list[tuple[int, int]]:
    """Split a condition clause into alternatives at "or" (and "if"); commas split too when
    the list is a serial one (", or")."""
    words = [t.lower_ for t in doc]
    clause_starts = {m.start for m in cues if "condition_clause" in m.concepts}
    serial = any(words[i] == "," and i + 1 < end and words[i + 1] == "or" for i in range(start, end))
    cuts = [i for i in range(start, end)
            if words[i] == "or" or i in clause_starts or (serial and words[i] == ",")]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _token_span(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _within(item: _Item | Mention, side: range) -> bool:
    return item.start in side


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))
