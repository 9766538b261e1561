"""Findings a word list cannot hold, read with regular expressions: ages ("I'm 72") and
minutes ("a cramp for 15 minutes")."""

from __future__ import annotations

import re

_AGE = re.compile(
    r"\b(?:i'?m|i am|im|aged?|age is|turned|turning)\s+(?P<a>\d{2,3})\b"
    r"(?!\s*(?:weeks?|months?|days?|kg|lbs?|%))"
    r"|\b(?P<b>\d{2,3})\s*(?:-?\s*years?[- ]old|yrs?\s*old|yo\b|y/o\b|year-old)",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60}
_MINUTES = re.compile(
    r"\b(?:for|over|more than|longer than|lasts?|lasted|lasting|about|around|nearly|almost|been)\s+"
    r"(?:(?:a good|like|about|around|at least|over|roughly)\s+)*"
    r"(?P<n>\d{1,3}|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|sixty)"
    r"\s*(?:\+\s*)?(?:minutes?|mins?)\b",
    re.IGNORECASE,
)
# "still locked 25 minutes later", "20 minutes now" (but not "after 20 minutes of walking")
_MINUTES_LATER = re.compile(
    r"(?<!after )(?<!every )(?<!each )(?<!within )(?<!in )\b(?P<n>\d{1,3})\s*(?:minutes?|mins?)\s+"
    r"(?:later|now|long|straight|solid)\b",
    re.IGNORECASE,
)
OLDER_AGE = 65


def regex_findings(text: str) -> list[tuple[str, str, int, int]]:
    """Findings a word list cannot hold: (type, value, start_char, end_char).

    "I'm 72" -> risk_factor older_age; "I'm 40" -> nothing; "a cramp for 15 minutes"
    -> duration long_episode (over ten minutes).
    """
    found = []
    for m in _AGE.finditer(text):
        age = int(m.group("a") or m.group("b"))
        if OLDER_AGE <= age <= 120:
            found.append(("risk_factor", "older_age", m.start(), m.end()))
    for m in list(_MINUTES.finditer(text)) + list(_MINUTES_LATER.finditer(text)):
        raw = m.group("n").lower()
        minutes = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        more_than = re.search(r"\b(over|more than|longer than|at least)\b", m.group(0), re.IGNORECASE)
        if minutes > 10 or (minutes == 10 and more_than):
            found.append(("duration", "long_episode", m.start(), m.end()))
    return found
