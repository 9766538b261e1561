"""Load data/lexicon.yml: the single source of vocabulary for the extractor and the builder."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from bot.contract import CAUSE_IDS, FINDING_VALUES, TRIAGE_LEVELS


class LexiconError(ValueError):
    """The lexicon file does not fit the contract."""


@dataclass(frozen=True)
class Entry:
    """One canonical id and the words that name it.

    ``group`` is the finding type (``symptom``, ``timing``, ...) or one of ``condition``,
    ``remedy``, ``triage``; ``concept_id`` is ``group:key``, unique across the lexicon.
    """

    group: str
    key: str
    name: str
    terms: tuple[str, ...]
    relief: str | None = None
    # For a condition: findings of which at least one must be present for a full score.
    defining: tuple[str, ...] = ()
    # For a sign or a finding: word groups that name it when one word of each group stands
    # close by in one sentence ("coughed" ... "blood"); see understanding/signs.py.
    together: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # For a condition: findings of which at least one must be present for it to be named at all.
    required: tuple[str, ...] = ()
    # For a sign: findings and signs it explains away in its own sentence (toes that turn white
    # in the cold and pink on warming are not a cold, pale leg).
    explains: tuple[str, ...] = ()
    # For a sign: findings it shows to come and go harmlessly (ankles that are puffy by evening
    # and normal by morning). Advice to book a doctor about them is set aside; urgent advice
    # (one swollen leg) is not.
    settles: tuple[str, ...] = ()
    # For a sign: findings for which only advice about the pain itself is set aside ("for
    # years, same as always": a settled ache; numbness for weeks still needs a doctor).
    settles_pain: tuple[str, ...] = ()
    # For a sign named by words together: they may stand anywhere in one sentence, not only
    # within a few words ("white ... when it's cold, ... pink again"), and words that, anywhere
    # in that sentence, keep it from being read ("still", "pulse").
    together_in_sentence: bool = False
    together_unless: tuple[str, ...] = ()
    # For a sign read from the words of a duration:persistent mention rather than from the
    # text ("for weeks" -> weeks or more; "twice this year" -> recurring): its terms are those
    # words, matched against the mention only.
    from_duration: bool = False

    @property
    def concept_id(self) -> str:
        return f"{self.group}:{self.key}"

    @property
    def kind(self) -> str:
        return "finding" if self.group in FINDING_VALUES else self.group


@dataclass(frozen=True)
class SetAside:
    """Advice, at the levels named, that a sign shows does not apply: a swollen ankle told with
    its injury is not the one swollen leg of a clot. The advice is set aside when it needs every
    finding of ``advice_needing``; only where the user named places and all of them are among
    ``at`` (when ``at`` is given); and never beside one of ``unless`` (an operation, a long
    journey, ...)."""
    sign: str
    advice_needing: frozenset[str]
    levels: tuple[str, ...]
    at: frozenset[str] = frozenset()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A finding that names the complaint itself, with its more specific kinds: "pain" ->
    # throbbing, cramping, burning, ...
    generic_findings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Findings whose absence rules out a complication, not a cause ("no chest pain").
    complication_findings: frozenset[str] = frozenset()
    # Context words that are findings only together with others (see understanding/groups.py).
    activities: tuple[str, ...] = ()
    postures: dict[str, tuple[str, ...]] = field(default_factory=dict)
    long_stretches: tuple[str, ...] = ()
    phrases: dict[str, str] = field(default_factory=dict)
    set_aside: tuple[SetAside, ...] = ()
    source: Path | None = None

    def say(self, key: str) -> str:
        """How the bot names a finding back to the user."""
        return self.phrases.get(key) or key.split(":", 1)[-1].replace("_", " ")

    @cached_property
    def explains(self) -> dict[str, frozenset[str]]:
        """What each sign explains away in its sentence (Entry.explains)."""
        return {e.concept_id: frozenset(e.explains) for e in self.entries if e.explains}

    @cached_property
    def settles(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """For each sign that settles findings: (settled for any advice to book a doctor,
        settled for advice about the pain only)."""
        return {e.concept_id: (frozenset(e.settles), frozenset(e.settles_pain))
                for e in self.entries if e.settles or e.settles_pain}

    def by_id(self, concept_id: str) -> Entry:
        for entry in self.entries:
            if entry.concept_id == concept_id:
                return entry
        raise KeyError(concept_id)

    def of_kind(self, *kinds: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind in kinds)

    def section_kind(self, heading: str) -> str | None:
        """The kind of a section heading ("Seek Medical Care" -> "seek_care"), if known."""
        wanted = " ".join(heading.lower().replace(":", " ").split())
        for kind, headings in self.sections.items():
            if wanted in headings:
                return kind
        return None


def _terms(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise LexiconError(f"{where}: expected a non-empty list of terms")
    terms = []
    for term in raw:
        text = " ".join(str(term).split()).lower()
        if not text:
            raise LexiconError(f"{where}: empty term")
        terms.append(text)
    return tuple(dict.fromkeys(terms))


def _together(rules: object, where: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    if not isinstance(rules, list):
        raise LexiconError(f"{where}: expected a list of rules")
    out = tuple(tuple(_terms(group, where) for group in rule) for rule in rules)
    if any(len(rule) < 2 for rule in out):
        raise LexiconError(f"{where}: a rule needs two word groups or more")
    return out


def parse_lexicon(data: dict, source: Path | None = None) -> Lexicon:
    """Build a Lexicon from the YAML mapping, checking it against the contract."""
    entries: list[Entry] = []
    findings = data.get("findings") or {}
    for ftype, values in findings.items():
        if ftype not in FINDING_VALUES:
            raise LexiconError(f"findings: unknown finding type {ftype!r}")
        for value, raw in values.items():
            if value not in FINDING_VALUES[ftype]:
                raise LexiconError(f"findings.{ftype}: {value!r} is not a contract value")
            terms = _terms(raw, f"{ftype}.{value}")
            entries.append(Entry(ftype, value, value.replace("_", " "), terms))
    for ftype, values in FINDING_VALUES.items():
        for value in values:
            if value not in (findings.get(ftype) or {}):
                raise LexiconError(f"findings.{ftype}.{value}: missing from the lexicon")
    for concept, rules in (data.get("findings_together") or {}).items():
        at = next((i for i, e in enumerate(entries) if e.concept_id == concept), None)
        if at is None:
            raise LexiconError(f"findings_together: {concept!r} is not a contract finding")
        entries[at] = replace(entries[at], together=_together(rules, f"findings_together.{concept}"))

    groups = (("condition", "conditions"), ("remedy", "remedies"), ("triage", "triage"),
              ("qualifier", "qualifiers"), ("alarm", "alarms"), ("history", "history"))
    for group, section in groups:
        for key, spec in (data.get(section) or {}).items():
            if group == "condition" and key not in CAUSE_IDS:
                raise LexiconError(f"conditions: {key!r} is not a contract cause id")
            if group == "triage" and key not in TRIAGE_LEVELS:
                raise LexiconError(f"triage: {key!r} is not a contract triage level")
            relief = spec.get("relief")
            if relief is not None and relief not in FINDING_VALUES["relief"]:
                raise LexiconError(f"remedies.{key}: relief {relief!r} is not a relief value")
            together = _together(spec.get("together") or [], f"{section}.{key}.together")
            # a sign named only by words together has no phrase of its own
            terms = (() if together and spec.get("terms") == []
                     else _terms(spec.get("terms"), f"{section}.{key}"))
            from_duration = bool(spec.get("from_duration"))
            if from_duration and group != "history":
                raise LexiconError(f"{section}.{key}: only history is read from a duration")
            defining = tuple(str(d) for d in spec.get("defining") or ())
            required = tuple(str(d) for d in spec.get("required") or ())
            explains = tuple(str(d) for d in spec.get("explains") or ())
            settles = tuple(str(d) for d in spec.get("settles") or ())
            settles_pain = tuple(str(d) for d in spec.get("settles_pain") or ())
            within = spec.get("together_within")
            if within not in (None, "sentence"):
                raise LexiconError(f"{section}.{key}.together_within: {within!r} (only 'sentence')")
            if (explains or settles or settles_pain) and group not in ("alarm", "history"):
                raise LexiconError(f"{section}.{key}: only a sign explains or settles anything")
            unless = tuple(str(w).lower() for w in spec.get("together_unless") or ())
            entries.append(Entry(group, key, spec.get("name") or key, terms, relief, defining, together,
                                 required, explains=explains, settles=settles, settles_pain=settles_pain,
                                 together_in_sentence=within == "sentence", together_unless=unless,
                                 from_duration=from_duration))
    # defining and required features: contract findings, or signs this lexicon names
    known = {e.concept_id for e in entries if e.kind == "finding" or e.group in ("history", "alarm")}
    for entry in entries:
        for d in entry.defining + entry.required + entry.explains + entry.settles + entry.settles_pain:
            if d not in known:
                raise LexiconError(f"{entry.concept_id}: {d!r} is not a contract finding or a sign")
    missing = set(CAUSE_IDS) - {e.key for e in entries if e.group == "condition"}
    if missing:
        raise LexiconError(f"conditions missing from the lexicon: {sorted(missing)}")

    cues = {k: _terms(v, f"cues.{k}") for k, v in (data.get("cues") or {}).items()}
    sections = {k: _terms(v, f"sections.{k}") for k, v in (data.get("sections") or {}).items()}
    generic = {str(k): tuple(str(x) for x in v) for k, v in (data.get("generic_findings") or {}).items()}
    complications = frozenset(str(x) for x in data.get("complication_findings") or ())
    named = set(generic) | {x for v in generic.values() for x in v} | complications
    unknown = named - {e.concept_id for e in entries if e.kind == "finding"}
    if unknown:
        raise LexiconError(f"generic or complication findings outside the contract: {sorted(unknown)}")
    postures = {k: _terms(v, f"postures.{k}") for k, v in (data.get("postures") or {}).items()}
    for trigger in postures:
        if trigger not in FINDING_VALUES["trigger"]:
            raise LexiconError(f"postures: {trigger!r} is not a trigger value")
    phrases = {str(k): str(v) for k, v in (data.get("phrases") or {}).items()}
    set_aside = _set_aside(data.get("set_aside") or [], known | set(phrases), entries)
    return Lexicon(
        tuple(entries), cues, sections, generic, complications,
        activities=_terms(data.get("activities") or ["exercise"], "activities"),
        postures=postures,
        long_stretches=_terms(data.get("long_stretches") or ["all day"], "long_stretches"),
        phrases=phrases,
        set_aside=set_aside,
        source=source,
    )


def _set_aside(rules: list, known: set[str], entries: list[Entry]) -> tuple[SetAside, ...]:
    """The ``set_aside`` section: a list of {sign, advice_needing, levels, at, unless}. A sign
    read by the extractor's code rather than by terms ("history:injury_swelling") is known by
    its phrase."""
    qualifiers = {e.concept_id for e in entries if e.group == "qualifier"}
    out = []
    for k, rule in enumerate(rules):
        where = f"set_aside[{k}]"
        if not isinstance(rule, dict):
            raise LexiconError(f"{where}: a mapping of sign, advice_needing, levels, at, unless")
        sign = str(rule.get("sign", ""))
        if not sign.startswith(("history:", "alarm:")) or sign not in known:
            raise LexiconError(f"{where}: {sign!r} is not a sign of this lexicon")
        needing = frozenset(str(x) for x in rule.get("advice_needing") or ())
        unless = tuple(str(x) for x in rule.get("unless") or ())
        if not needing or not needing <= known | qualifiers or not set(unless) <= known:
            raise LexiconError(f"{where}: advice_needing and unless name findings, signs or qualifiers")
        if "levels" in rule and not rule["levels"]:
            raise LexiconError(f"{where}: levels, when given, name at least one level")
        levels = tuple(str(x) for x in rule.get("levels") or TRIAGE_LEVELS)
        at = frozenset(str(x) for x in rule.get("at") or ())
        if not set(levels) <= set(TRIAGE_LEVELS) or not at <= set(FINDING_VALUES["body_part"]):
            raise LexiconError(f"{where}: levels are triage levels, at names body parts")
        out.append(SetAside(sign, needing, levels, at, unless))
    return tuple(out)


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML would keep the last
    one silently, and a second `together:` would drop the first one's rules)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)  # merge keys ("<<:") first, as the base loader does
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, f"unhashable key {key!r}", key_node.start_mark) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} given twice in one mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_lexicon(path: Path) -> Lexicon:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read lexicon {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return parse_lexicon(data, path)


@lru_cache(maxsize=4)
def get_lexicon(path: Path | None = None) -> Lexicon:
    from bot.settings import get_settings

    return load_lexicon(path or get_settings().lexicon_path)
