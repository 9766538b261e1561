"""The symptom extractor: free text -> the contract's canonical findings.

    >>> extract("my calves throb at night but there's no swelling").as_dicts()  # doctest: +SKIP
    [{'type': 'body_part', 'value': 'calf', 'present': True}, ...]

Steps: clean the text, tokenize with the shared blank-English pipeline, match the lexicon,
add regex findings (ages, minutes), mark negated mentions, let each finding type's rules
(``groups``) decide what stands, then merge repeats of one finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from bot.entities import COMPARED, ONE_SIDED
from bot.lexicon import Lexicon, get_lexicon
from bot.matching import Mention, TermMatcher
from bot.nlp import fold_text, get_nlp, lemma_table
from bot.settings import get_settings
from bot.understanding.concern import MIN_WORDS, get_concern_model
from bot.understanding.groups import GROUPS, Hit, context_findings
from bot.understanding.negation import negated_spans
from bot.understanding.numbers import feared_not_felt, fever_readings, for_laughing, long_ago, regex_findings
from bot.understanding.signs import TogetherMatcher
from bot.understanding.spelling import Speller
from bot.understanding.text import clean_text

# How people name one leg ("my calf") and both ("my calves"): singular and plural leg words.
SINGLE_PARTS = frozenset({"calf", "leg", "thigh", "shin", "knee", "ankle", "foot"})
PLURAL_PARTS = frozenset({"calves", "calfs", "legs", "thighs", "shins", "knees", "ankles", "feet"})
OWNERS = frozenset({"my", "his", "her", "their", "the", "this", "that", "one"})


def _owned(doc: Doc, i: int) -> bool:
    """ "my calf", "my swollen left calf": an owner word up to three words before."""
    for j in range(i - 1, max(-1, i - 4), -1):
        word = doc[j].lower_
        if word in OWNERS:
            return True
        if word in {",", ".", "and", "but", "or", ";"}:
            return False
    return False


def _names_a_kind(doc: Doc, i: int) -> bool:
    """ "the leg cramps", "leg veins": a leg word naming a kind of thing, not one leg."""
    return i + 1 < len(doc) and doc[i + 1].lower_ in {"cramps", "cramp", "pain", "pains", "ache",
                                                      "aches", "muscles", "veins", "syndrome"}


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
    # Signs outside the contract's findings, present only: warning signs (type "alarm",
    # "coughing up blood") and history (type "history", "pulled a muscle", "I smoke").
    alarms: tuple[Finding, ...] = ()

    def as_dicts(self) -> list[dict]:
        return [f.as_dict() for f in self.findings]


RECENT = "history:recent"  # "this week", "since this morning": said in so many words
# Said of years ago, these are history, not the present: "had chest pains two years ago, got a
# stent", "lymphoedema since my surgery 8 years ago"; said as a figure of fear they are not
# felt ("am I going to have a heart attack?", "I can't breathe thinking about it"); nor a
# baby had twenty years ago. Months ago is still read as now (a clot stays likelier for weeks
# after an operation or a birth; when in doubt, escalate).
NOT_NOW_IF_LONG_AGO = frozenset({"symptom:chest_pain", "symptom:shortness_of_breath",
                                 "risk_factor:pregnancy", "risk_factor:recent_surgery",
                                 "trigger:long_travel"})


class SymptomExtractor:
    """Built once from the lexicon; safe to share between threads and users."""

    def __init__(self, lexicon: Lexicon, max_chars: int):
        self.max_chars = max_chars
        self.matcher = TermMatcher.from_entries(lexicon.of_kind("finding"))
        self.finding_together = TogetherMatcher(lexicon.of_kind("finding"), keep_negated=True)
        context: dict[str, list[str]] = {}
        for word in lexicon.activities:
            context.setdefault(word, []).append("activity")
        for trigger, words in lexicon.postures.items():
            for word in words:
                context.setdefault(word, []).append(f"trigger:{trigger}")
        for word in lexicon.long_stretches:
            context.setdefault(word, []).append("stretch")
        self.context = TermMatcher(context)
        signs = tuple(e for e in lexicon.of_kind("alarm", "history") if not e.from_duration)
        self.alarm_matcher = TermMatcher.from_entries(signs)
        self.together = TogetherMatcher(signs)
        self.explains = lexicon.explains
        self.duration_kinds = {e.concept_id: frozenset(e.terms) for e in lexicon.entries if e.from_duration}
        self.one_side_matcher = TermMatcher.from_entries(
            e for e in lexicon.of_kind("qualifier") if e.concept_id == ONE_SIDED)
        self.speller = _speller(lexicon)

    def __call__(self, text: object) -> Extraction:
        cleaned, doc, findings, signs, denied = self._parse(text)
        kinds = self.read_duration_kinds(findings, signs)
        signs = signs + self.read_old_swelling(doc, findings, signs + kinds)
        concern = _concern_input(doc, findings, signs, denied) if len(doc.text.split()) >= MIN_WORDS else None
        model = get_concern_model() if concern else None
        resembles = tuple(Finding("alarm", sign, True, 0, len(doc.text), doc.text)
                          for sign in model.signs(concern)) if model else ()
        return Extraction(cleaned.text, findings, cleaned.truncated, cleaned.original_length,
                          signs + kinds + self.read_one_side(doc, findings) + resembles)

    def concern_text(self, text: object) -> str | None:
        """What the concern model reads of a message (bot/understanding/concern.py)."""
        _, doc, findings, signs, denied = self._parse(text)
        return _concern_input(doc, findings, signs, denied)

    def _parse(self, text: object):
        """The cleaned text, its spelled doc, findings, signs, and the characters of denied signs."""
        cleaned = clean_text(text, self.max_chars)
        doc = self.speller(get_nlp()(fold_text(cleaned.text)))
        denied: list[tuple[int, int]] = []
        findings, signs = self.read(doc, denied)
        return cleaned, doc, findings, signs, denied

    def read_duration_kinds(self, findings: tuple[Finding, ...],
                            signs: tuple[Finding, ...] = ()) -> tuple[Finding, ...]:
        """What kind of long duration was said: "for weeks" -> history:weeks_or_more, "twice
        this year" -> history:recurring; "every night since yesterday" -> neither. Advice for
        something new ("over a few days", "for the first time") holds unless one is read.

        A story told from the background to what is new ("varicose veins for years ... since
        this morning ...") is about the new thing: a long duration said before a recent one
        is background and is not read.
        """
        recent = [s.start for s in signs if s.key == RECENT]
        out = []
        for f in findings:
            if any(start > f.start for start in recent):
                continue
            if f.key == "duration:persistent" and f.present:
                words = set(f.text.lower().replace("-", " ").split())
                out += [Finding(*kind.split(":", 1), True, f.start, f.end, f.text)
                        for kind, terms in self.duration_kinds.items() if words & terms]
        return tuple(dict.fromkeys(out))

    @staticmethod
    def read_old_swelling(doc: Doc, findings: tuple[Finding, ...],
                          signs: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """What a swelling is said to be, by its own sentence:

        - "history:old_swelling": months or years of it in the same sentence, or "looks the
          same as it has for years" in that sentence or the next, with nothing recent in
          either ("my leg has been bigger since an old op. looks the same as it has for
          years"). Advice for a new swelling of one leg does not hold for it; a long time
          said of something else ("on the pill for years; since the flight my calf is
          swollen") does not count.
        - "history:injury_swelling": an injury in the same sentence ("sprained my ankle 6
          weeks ago, it's still swollen"): the triage sets clot advice aside for a swollen
          ankle or foot only.
        """
        sents = list(doc.sents)

        def index(start: int) -> int:
            return next((k for k, sent in enumerate(sents) if sent.start_char <= start < sent.end_char), -1)

        long_words = {"month", "months", "year", "years", "yrs", "mths", "mnths"}
        durations = [index(f.start) for f in findings if f.key == "duration:persistent" and f.present
                     and long_words & set(f.text.lower().split())]
        same_as_ever = [index(s.start) for s in signs
                        if s.key in ("history:long_standing", "history:unchanged")]
        recent = {index(s.start) for s in signs if s.key == RECENT}
        injuries = {index(s.start) for s in signs if s.key == "history:injury"}
        out: list[Finding] = []
        for f in findings:
            if f.key != "symptom:swelling" or not f.present:
                continue
            k = index(f.start)
            old = k in durations or k in same_as_ever or (k + 1 in same_as_ever and k + 1 not in recent)
            if old and k not in recent:
                out.append(Finding("history", "old_swelling", True, f.start, f.end, f.text))
            if k in injuries:
                out.append(Finding("history", "injury_swelling", True, f.start, f.end, f.text))
        return tuple(dict.fromkeys(out))

    def read_one_side(self, doc: Doc, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """A sign that one leg is meant: said in so many words ("one leg is puffier", "bigger
        than the other", a side named or not), or, when no side is named, by the way it is said
        ("my calf is swollen"; but not "my calves", nor "my left calf", which names its side).

        The red-flag rules for one swollen, red or warm leg use it; a side named later in the
        conversation ("both legs") overrides it.
        """
        said = self.one_side_matcher(doc)
        if said:  # said in so many words, a side named or not ("my left leg is bigger than the other")
            m = said[0]
            return (Finding("qualifier", "one_sided", True, m.start_char, m.end_char, m.text),
                    Finding(*COMPARED.split(":"), True, m.start_char, m.end_char, m.text))
        if any(f.type == "side" for f in findings):
            return ()
        symptoms = [f.start for f in findings if f.type == "symptom" and f.present]
        for t in doc:
            if t.lower_ not in SINGLE_PARTS or _names_a_kind(doc, t.i) or not _owned(doc, t.i):
                continue
            sent = t.sent
            if not any(sent.start_char <= s < sent.end_char for s in symptoms):
                continue  # "a sore above my ankle bone. My legs swell": the place of something else
            if not any(w.lower_ in PLURAL_PARTS for w in sent):  # "my calf ... my feet": unsure
                return (Finding("qualifier", "one_sided", True, t.idx, t.idx + len(t), t.text),)
        return ()

    def read_alarms(self, doc: Doc, matched: list[Mention],
                    denied: list[tuple[int, int]] | None = None) -> tuple[Finding, ...]:
        """Warning signs and history; the characters of a denied sign go to ``denied``."""
        mentions = self.alarm_matcher(doc)
        # Negation sees the findings too, so that a denied list of findings does not reach
        # over a warning sign: "no swelling or redness, coughed up blood this morning".
        kinds = {(m.start, m.end): frozenset(c.split(":", 1)[0] for c in m.concepts)
                 for m in matched}
        kinds.update({(m.start, m.end): frozenset({"sign"}) for m in mentions})
        negated = negated_spans(doc, list(kinds), kinds)
        if denied is not None:
            denied += [(m.start_char, m.end_char) for m in mentions if (m.start, m.end) in negated]
        found = [Finding(*concept.split(":", 1), True, m.start_char, m.end_char, m.text)
                 for m in mentions if (m.start, m.end) not in negated for concept in m.concepts]
        found += [Finding("alarm", "fever", True, start, end, doc.text[start:end])
                  for start, end in fever_readings(doc.text)]  # "temp of 38.2"
        # words together name a sign too where no phrase named it ("... white when it's cold,
        # pink again on warming. The GP said it was Raynaud's": both places)
        named = [(f.key, f.start, f.end) for f in found]
        found += [Finding(ftype, value, True, start, end, text)
                  for ftype, value, start, end, text, _ in self.together(doc)
                  if not any(k == f"{ftype}:{value}" and s < end and start < e for k, s, e in named)]
        return tuple(found)

    def read(self, doc: Doc, denied: list[tuple[int, int]] | None = None
             ) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
        """Findings and signs, less what a sign explains away in its own sentence: toes that go
        white in the cold and red and warm again on warming are not a cold, pale leg, nor a red,
        hot toe. The same words in another sentence still count ("... Tonight my calf is red")."""
        matched = self.matcher(doc)  # lexicon matches, shared by findings and signs
        signs = self.read_alarms(doc, matched, denied)
        scopes = []
        for sign in signs:
            span = doc.char_span(sign.start, sign.end, alignment_mode="expand")
            if sign.key in self.explains and span is not None:
                sent = span[0].sent
                scopes.append((sent.start_char, sent.end_char, self.explains[sign.key]))

        def explained(key: str, start_char: int) -> bool:
            return any(lo <= start_char < hi and key in ids for lo, hi, ids in scopes)

        findings = self.read_doc(doc, matched, explained if scopes else None)
        return findings, tuple(s for s in signs if not explained(s.key, s.start))

    def read_doc(self, doc: Doc, matched: list[Mention],
                 explained: Callable[[str, int], bool] | None = None) -> tuple[Finding, ...]:
        hits = self._candidates(doc, matched)
        hits = _resolve(doc, hits)
        if explained is not None:
            hits = [h for h in hits if not explained(f"{h.type}:{h.value}", h.start_char)]
        return _merge(doc, hits)

    def _candidates(self, doc: Doc, matched: list[Mention]) -> list[Hit]:
        spans: dict[tuple[int, int], list[str]] = {}
        for mention in matched:
            spans.setdefault((mention.start, mention.end), []).extend(mention.concepts)
        context = [(m.start, m.end, kind) for m in self.context(doc) for kind in m.concepts]
        for start, end, concept in context_findings(doc, context):
            spans.setdefault((start, end), []).append(concept)
        together: set[tuple[int, int]] = set()
        denied: set[tuple[int, int]] = set()  # "my chest is not tight": a word of it negated
        for ftype, value, start_char, end_char, _, negated_word in self.finding_together(doc):
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is not None:  # "my breathing's gone really short": words of one sentence
                spans.setdefault((span.start, span.end), []).append(f"{ftype}:{value}")
                together.add((span.start, span.end))
                if negated_word:
                    denied.add((span.start, span.end))
        for ftype, value, start_char, end_char in regex_findings(doc.text):
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is not None:  # may overlap a word-list match; merging keeps one finding
                spans.setdefault((span.start, span.end), []).append(f"{ftype}:{value}")
        kinds = {span: frozenset(c.split(":", 1)[0] for c in ids) for span, ids in spans.items()}
        negated = negated_spans(doc, list(spans), kinds) | denied
        hits = []
        for (start, end), ids in spans.items():
            span = doc[start:end]
            for concept in dict.fromkeys(ids):
                if concept == "duration:persistent" and _when_not_how_long(doc, start, end):
                    continue
                ftype, value = concept.split(":", 1)
                past = concept in NOT_NOW_IF_LONG_AGO and (
                    long_ago(doc.text, span.start_char, span.end_char)
                    or feared_not_felt(doc.text, span.start_char, span.end_char)) or (
                    concept == "symptom:shortness_of_breath" and for_laughing(doc.text, span.end_char))
                hits.append(Hit(start, end, ftype, value, span.start_char, span.end_char,
                                (start, end) in negated or past, (start, end) in together))
        return hits


def _speller(lexicon: Lexicon) -> Speller:
    """Misspellings of the words that name findings and signs; every word of the lexicon and
    of the English lemma table counts as known."""
    named = lexicon.of_kind("finding", "alarm", "history")
    terms: dict[str, set[str]] = {}
    phrases: set[str] = set()
    for entry in named:
        for term in entry.terms:
            if " " not in term:
                terms.setdefault(term.lower(), set()).add(entry.concept_id)
            else:
                phrases.add(term.lower())
    words = {w for e in lexicon.entries for t in e.terms for w in t.lower().split()}
    # words of signs read together count as known too: "bluey" is a colour, not "fluey"
    words |= {w for e in lexicon.entries for rule in e.together for group in rule for t in group
              for w in t.lower().split()}
    words |= {w for ts in lexicon.cues.values() for t in ts for w in t.lower().split()}
    table = lemma_table()
    words |= set(table.values())

    def known(word: str) -> bool:
        return word in words or table.get(word) is not None

    return Speller(terms, known, lambda word: table.get(word, word), phrases)


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


SPELL_FILLERS = frozenset({"about", "over", "nearly", "almost", "a", "few", "many", "several",
                           "couple", "of", "well", "good", "like", "around", "maybe", "roughly",
                           "probably"})


def _when_not_how_long(doc: Doc, start: int, end: int) -> bool:
    """ "Chest pain three years ago" says when, not how long; "pulled it six weeks ago and it
    still hurts" and "years ago ... ever since" say how long. "My first run in ten years" and
    "no cramps in years" say how long since something else."""
    words = {t.lower_ for t in doc[start:end]}
    if words & {"years", "year", "months", "yrs"} and not words & {"last", "past"}:
        i = start - 1  # back over "about ten", "a few", "over 5" to an "in" right before them
        while i >= 0 and (doc[i].lower_ in SPELL_FILLERS or doc[i].like_num):
            i -= 1
        if i >= 0 and doc[i].lower_ == "in":
            return True
    if end >= len(doc) or doc[end].lower_ != "ago" or doc[start].lower_ not in ("years", "year"):
        return False
    words = {t.lower_ for t in doc[start].sent}
    return not words & {"still", "ever", "then"}


def _concern_input(doc: Doc, findings: tuple[Finding, ...], signs: tuple[Finding, ...],
                   denied: list[tuple[int, int]]) -> str | None:
    """The message with every denied finding and sign blanked, or None when it describes no
    symptom and no warning sign (a greeting: not a case to read)."""
    if not any(f.present and f.type == "symptom" for f in findings) and not any(
            s.type == "alarm" for s in signs):
        return None
    chars = list(doc.text)
    for start, end in denied + [(f.start, f.end) for f in findings if not f.present]:
        chars[start:end] = " " * (end - start)
    return "".join(chars).lower()


@lru_cache(maxsize=1)
def get_extractor() -> SymptomExtractor:
    settings = get_settings()
    return SymptomExtractor(get_lexicon(settings.lexicon_path), settings.max_text_chars)


def extract(text: object) -> Extraction:
    return get_extractor()(text)
