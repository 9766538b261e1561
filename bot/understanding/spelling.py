"""Read common misspellings of the lexicon's own words: "numbnes", "burnin", "swolen".

A word is read as a lexicon word when it is not a known English word, is at least five
letters long, and is one edit (a letter left out, added, changed or two swapped) from
single-word lexicon terms that all name one thing ("cramsp": cramps or crampy). The token's
NORM is set to that term's lemma, so the lexicon matcher, which also matches on NORM, finds
it; the text and its offsets are untouched. A word that is near terms of two different
things, or is itself a known word ("calm" is not "calf"), is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc

MIN_LENGTH = 5  # of a word to correct
MIN_TERM = 4  # of a term to correct it to ("legss" -> "legs")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Speller:
    """Built once from the lexicon's terms and a set of known words."""

    def __init__(self, terms: Mapping[str, Iterable[str]], known: Callable[[str], bool],
                 lemma: Callable[[str], str] = str):
        """``terms`` maps each single-word term to the ids it names; ``known`` tells an
        English word; ``lemma`` gives the NORM the matcher expects ("burning" -> "burn")."""
        self.known = known
        self.lemma = lemma
        self.ids = {t: frozenset(ids) for t, ids in terms.items() if len(t) >= MIN_TERM and t.isalpha()}
        self.targets = frozenset(self.ids)
        # symmetric deletes: a word and a term one edit apart share a one-letter deletion, or
        # one is a deletion of the other
        self._by_delete: dict[str, set[str]] = {}
        for term in self.targets:
            for key in _deletes(term) | {term}:
                self._by_delete.setdefault(key, set()).add(term)

    def correct(self, word: str) -> str | None:
        """The one lexicon term ``word`` misspells, or None."""
        word = word.lower()
        if len(word) < MIN_LENGTH or not word.isalpha() or word in self.targets or self.known(word):
            return None
        found: set[str] = set()
        for key in _deletes(word) | {word}:
            found |= self._by_delete.get(key, set())
        found = {t for t in found if abs(len(t) - len(word)) <= 1}
        if not found or not frozenset.intersection(*(self.ids[t] for t in found)):
            return None  # none, or terms of different things ("clves": calves or calve is fine)
        return min(found, key=lambda t: (abs(len(t) - len(word)), t))

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            fixed = self.correct(token.lower_)
            if fixed is not None:
                token.norm_ = self.lemma(fixed)
        return doc
