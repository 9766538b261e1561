"""Words that belong together in a sentence: signs and findings named that way rather than by
one fixed phrase (lexicon `together` and `findings_together`)."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.lexicon import Entry
from bot.matching import TermMatcher
from bot.understanding.negation import negated_spans


class TogetherMatcher:
    """Ids named by words that belong together in one sentence rather than by one phrase:
    "coughed up a bit of blood", "my breathing's gone really short". Each rule of a lexicon
    entry is a list of word groups; the id stands when every group has a word in the same
    sentence, within a few words of each other (or anywhere in it, for an entry that says
    so), and none of them is negated. For findings (``keep_negated``) a negated rule is kept
    and said to be negated, so that "no pain in chest" denies chest pain.
    """

    MAX_SPAN = 10  # tokens from the first word of a rule to its last, within one clause
    MAX_SPAN_ACROSS = 4  # ... and across "and", "but" or a comma ("purple and cold")

    def __init__(self, entries: tuple[Entry, ...], keep_negated: bool = False):
        self.keep_negated = keep_negated
        terms: dict[str, list[str]] = {}
        self.groups: dict[tuple[str, int], int] = {}
        self.in_sentence = {e.concept_id for e in entries if e.together_in_sentence}
        self.unless = {e.concept_id: frozenset(e.together_unless) for e in entries if e.together_unless}
        for entry in entries:
            for r, rule in enumerate(entry.together):
                self.groups[(entry.concept_id, r)] = len(rule)
                for g, words in enumerate(rule):
                    for word in words:
                        terms.setdefault(word, []).append(f"{entry.concept_id}#{r}#{g}")
        self.matcher = TermMatcher(terms) if terms else None

    def __call__(self, doc: Doc) -> list[tuple[str, str, int, int, str, bool]]:
        """(type, value, start_char, end_char, text, negated) of each id found."""
        if self.matcher is None:
            return []
        mentions = [m for m in self.matcher(doc) if not _about_the_weather(doc, m)]
        sentence = _sentence_numbers(doc)
        negated = negated_spans(doc, [(m.start, m.end) for m in mentions])
        hits: dict[tuple[str, int, int], dict[int, list]] = {}
        for m in mentions:
            for tag in m.concepts:
                concept, r, g = tag.split("#")
                hits.setdefault((concept, int(r), sentence[m.start]), {}).setdefault(int(g), []).append(m)
        found: dict[str, tuple[str, str, int, int, str, bool]] = {}
        for (concept, r, _), by_group in hits.items():
            if len(by_group) < self.groups[(concept, r)] or concept in found:
                continue
            chosen = next((c for c in _choices(list(by_group.values()))
                           if concept in self.in_sentence or self._near_enough(doc, c)), None)
            if chosen is None:
                continue
            first, last = min(m.start for m in chosen), max(m.end for m in chosen)
            denied = any((m.start, m.end) in negated for m in chosen)
            if denied and not self.keep_negated:
                continue
            if concept in self.unless and self._vetoed(doc, sentence, first, concept):
                continue  # "... cold and white and still white hours later": not the pattern
            span = doc[first:last]
            found[concept] = (*concept.split(":", 1), span.start_char, span.end_char, span.text, denied)
        return list(found.values())

    def _near_enough(self, doc: Doc, chosen: list) -> bool:
        first, last = min(m.start for m in chosen), max(m.end for m in chosen)
        across = any(t.lower_ in CLAUSE_BREAKS for t in doc[first:last])
        return last - first <= (self.MAX_SPAN_ACROSS if across else self.MAX_SPAN)

    def _vetoed(self, doc: Doc, sentence: list[int], start: int, concept: str) -> bool:
        """Does the rule's sentence hold one of the words that keep the id from being read?"""
        words = [t.lower_ for t in doc if sentence[t.i] == sentence[start]]
        # "won't" is two tokens, "wo" and "n't": joined pairs count too
        said = set(words) | {a + b for a, b in zip(words, words[1:], strict=False)}
        return bool(said & self.unless[concept])


CLAUSE_BREAKS = frozenset({",", "and", "but", "though", "although", "while", "whereas"})
# "in cold weather", "a hot day", "fresh air": words about the surroundings, not the body.
SURROUNDINGS = frozenset({"weather", "day", "days", "snap", "spell", "outside", "wind", "water",
                          "room", "air", "shower", "bath", "morning", "mornings"})


def _about_the_weather(doc: Doc, mention) -> bool:
    return mention.end < len(doc) and doc[mention.end].lower_ in SURROUNDINGS


def _choices(groups: list[list]) -> list[list]:
    """One mention per group, closest together first: each mention of the first group in turn,
    with the nearest mention of every other group, and with the nearest one after it (the
    nearest may lie across a clause: "... hard and red, and I've coughed up blood")."""
    options = []
    for anchor in groups[0]:
        nearest = [anchor] + [min(ms, key=lambda m: abs(m.start - anchor.start)) for ms in groups[1:]]
        after = [anchor] + [min((m for m in ms if m.start > anchor.start),
                                key=lambda m: m.start - anchor.start, default=None) for ms in groups[1:]]
        options.append(nearest)
        if None not in after:
            options.append(after)
    return sorted(options, key=lambda c: max(m.end for m in c) - min(m.start for m in c))


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers, n = [], 0
    for token in doc:
        numbers.append(n)
        if token.text in {".", "!", "?", ";"} or "\n" in token.text:
            n += 1
    return numbers
