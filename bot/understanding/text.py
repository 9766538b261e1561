"""Make any input safe to read: control characters, lone surrogates, over-long text."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class CleanText:
    text: str
    truncated: bool
    original_length: int


def clean_text(raw: object, max_chars: int) -> CleanText:
    """Return text that is safe to tokenize, cut to ``max_chars``.

    Control and format characters and lone surrogates become spaces one for one, so the
    character offsets of what remains still point into the original (cut) text.

    >>> clean_text("calf\\x00 hurts", 100).text
    'calf  hurts'
    >>> clean_text("x" * 10, 4)
    CleanText(text='xxxx', truncated=True, original_length=10)
    """
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    original_length = len(text)
    truncated = original_length > max_chars
    if truncated:
        text = text[:max_chars]
    chars = []
    for ch in text:
        if ch in "\n\t":
            chars.append(" ")
            continue
        cat = unicodedata.category(ch)
        chars.append(" " if cat in ("Cc", "Cs", "Cf", "Co", "Cn") else ch)
    return CleanText("".join(chars), truncated, original_length)
