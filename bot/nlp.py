"""The shared spaCy pipeline: blank English, lookup lemmas as NORM, and a sentencizer.

No pretrained pipeline is used (none can be downloaded here). Token ``norm_`` is set to
the lookup lemma of the lower-cased token, so phrase patterns match inflected forms.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.lookups import Table
from spacy.tokens import Doc

# Characters replaced one-for-one before tokenizing, so character offsets never move.
_SAME_LENGTH_FOLDS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def fold_text(text: str) -> str:
    """Typographic quotes to ASCII, one character for one (offsets are kept)."""
    return text.translate(_SAME_LENGTH_FOLDS)


@lru_cache(maxsize=1)
def lemma_table() -> Table:
    """spacy-lookups-data's English lemma table (keyed by string hash; ``get`` takes text)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@Language.component("legbot_norm")
def legbot_norm(doc: Doc) -> Doc:
    """Set NORM to the lookup lemma of the lower-cased form."""
    table = lemma_table()
    for token in doc:
        lower = token.lower_
        token.norm_ = table.get(lower, lower)
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline used by both the knowledge builder and the symptom extractor."""
    nlp = spacy.blank("en")
    nlp.add_pipe("legbot_norm")
    nlp.add_pipe("sentencizer")
    return nlp
