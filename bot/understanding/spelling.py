"""Read common misspellings of the lexicon's own words: "numbnes", "burnin", "swolen", and
words with a dropped g: "walkin", "goin".

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
                 lemma: Callable[[str], str] = str, phrases: Iterable[str] = ()):
        """``terms`` maps each single-word term to the ids it names; ``known`` tells an
        English word; ``lemma`` gives the NORM the matcher expects ("burning" -> "burn").
        The words of longer terms (``phrases``: "needles" of "pins and needles") are tried
        only when no single-word term is near, and only where the rest of the phrase stands
        around the word."""
        self.known = known
        self.lemma = lemma
        self.ids = {t: frozenset(ids) for t, ids in terms.items() if len(t) >= MIN_TERM and t.isalpha()}
        self.targets = frozenset(self.ids)
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.lower().split())
            for w in words:
                if len(w) >= MIN_LENGTH and w.isalpha() and w not in self.targets:
                    self.phrases.setdefault(w, []).append(words)
        self.phrase_words = frozenset(self.phrases)
        self._by_delete = self._index(self.targets)
        self._phrase_by_delete = self._index(self.phrase_words)

    @staticmethod
    def _index(targets: Iterable[str]) -> dict[str, set[str]]:
        # symmetric deletes: a word and a term one edit apart share a one-letter deletion, or
        # one is a deletion of the other
        index: dict[str, set[str]] = {}
        for term in targets:
            for key in _deletes(term) | {term}:
                index.setdefault(key, set()).add(term)
        return index

    @staticmethod
    def _near(word: str, index: dict[str, set[str]]) -> set[str]:
        found: set[str] = set()
        for key in _deletes(word) | {word}:
            found |= index.get(key, set())
        return {t for t in found if abs(len(t) - len(word)) <= 1}

    def _unknown(self, word: str) -> bool:
        """Long enough, all letters, and neither a lexicon word nor an English one."""
        return len(word) >= MIN_LENGTH and word.isalpha() and word not in self.targets \
            and word not in self.phrase_words and not self.known(word)

    def correct(self, word: str) -> str | None:
        """The one lexicon term ``word`` misspells, or None."""
        word = word.lower()
        if not self._unknown(word):
            return None
        found = self._near(word, self._by_delete)
        if not found or not frozenset.intersection(*(self.ids[t] for t in found)):
            return None  # terms of different things ("clves": calves or calve is fine)
        return min(found, key=lambda t: (abs(len(t) - len(word)), t))

    def in_phrase(self, words: list[str], i: int) -> str | None:
        """The word of a longer term that ``words[i]`` misspells, where the rest of that term
        stands around it: "pins and needls" -> "needles"; "needls" alone -> None."""
        word = words[i]
        if not self._unknown(word):
            return None
        fits = set()
        for candidate in self._near(word, self._phrase_by_delete):
            for phrase in self.phrases[candidate]:
                for k, w in enumerate(phrase):
                    lo = i - k
                    if w == candidate and lo >= 0 and lo + len(phrase) <= len(words) and all(
                            words[lo + j] == p for j, p in enumerate(phrase) if j != k):
                        fits.add(candidate)
        return next(iter(fits)) if len(fits) == 1 else None

    def dropped_g(self, word: str) -> str | None:
        """ "walkin", "goin", "achin": an unknown word that is a known one with its final g
        dropped."""
        word = word.lower()
        if len(word) >= 4 and word.endswith("in") and word.isalpha() and not self.known(word) \
                and self.known(word + "g"):
            return word + "g"
        return None

    def __call__(self, doc: Doc) -> Doc:
        words = [t.lower_ for t in doc]
        for token in doc:
            fixed = self.correct(token.lower_)
            if fixed is None:
                fixed = self.in_phrase(words, token.i)
            if fixed is None:
                fixed = self.dropped_g(token.lower_)
            if fixed is not None:
                token.norm_ = self.lemma(fixed)
        return doc
