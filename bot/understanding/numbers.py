"""Findings a word list cannot hold, read with regular expressions: ages ("I'm 72"), minutes
("a cramp for 15 minutes") and spells of weeks or more ("for two month")."""

from __future__ import annotations

import re
from datetime import date

# Carers write "my dad 74", "my husband (72)", "mum, 81,": a relative's age next to them.
_RELATIVES = (r"dad|father|mum|mom|mother|husband|wife|partner|grandad|granddad|grandpa|grandma|"
              r"granny|gran|nan|nana|grandmother|grandfather|uncle|aunt|auntie|neighbour|neighbor|"
              r"brother|sister|he'?s|hes|he is|she'?s|shes|she is")
_AGE = re.compile(
    r"\b(?:i'?m|i am|im|aged?|age is|turned|turning)\s+(?P<a>\d{2,3})\b"
    r"(?!\s*(?:weeks?|months?|days?|kg|lbs?|%))"
    rf"|\b(?:{_RELATIVES})\s*[,(]?\s*(?:is\s+|who\s+is\s+)?(?P<c>\d{{2,3}})\b(?!\s*(?:weeks?|months?|days?|hours?|kg|lbs?|%|mg|mins?|minutes?|times?|x\b))"
    r"|\b(?P<b>\d{2,3})\s*(?:-?\s*years?[- ]old|yrs?\s*old|yo\b|y/o\b|year-old)",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60}
_MINUTES = re.compile(
    r"\b(?:for|over|more than|longer than|lasts?|lasted|lasting|about|around|nearly|almost|been|since|"
    r"going|going on|already)\s+"
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
# "for two months", "from 2 month", "since 3 weeks", "the past year": how long it has gone
# on, with the singular forms that the word list leaves out ("last month" alone is a date).
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "few": 3, "couple": 2, "several": 3}
_SPELL = re.compile(
    r"\b(?:for|from|since|over|past|about|almost|nearly|around|already|been|last)\s+"
    r"(?:(?:the|like|about|around|over|a|at least|maybe)\s+)*"
    r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple|several)"
    r"(?:\s+of)?\s+(?P<unit>weeks?|wks?|months?|years?|yrs?)\b(?!\s+(?:ago|back|before)\b)",
    re.IGNORECASE,
)
# "over the last month", "the past year", "past month": a spell up to now, even without a
# number ("last month" alone is a date)
_PAST = re.compile(r"\b(?:(?:the|this)\s+(?:last|past)|past)\s+(?:few\s+|couple\s+of\s+)?"
                   r"(?:months?|years?|weeks)\b", re.IGNORECASE)
OLDER_AGE = 65
# a cramp held for an hour or more: "calf's been locked in a knot for over an hour"; read only
# with a cramp word just before it ("standing for an hour" is not a cramp's length)
_HOURS = re.compile(
    r"\b(?:for|over|more than|longer than|lasted|lasting|been)\s+"
    r"(?:(?:a good|about|around|at least|over|nearly|almost|well over)\s+)*"
    r"(?:an|a|one|two|three|\d{1,2})\s*(?:hours?|hrs?)\b", re.IGNORECASE)
# "sat for 3 hours", "on the train for an hour": how long they sat, not how long a cramp held
_POSTURE = re.compile(r"\b(?:sit|sat|sitting|stand|stood|standing|driv\w*|drove|walk\w*|flight|"
                      r"train|bus|car|coach|plane|shift|work\w*)\b", re.IGNORECASE)
_CRAMP_BEFORE = re.compile(r"\bcramp(?:s|ing)?\b|\bknot|\bspasm|\blocked\b|\bseized\b|\bcharley",
                           re.IGNORECASE)
# "cramp 30 min still going", "started 45 mins ago and still going": minutes said bare, then
# that it goes on
_MINUTES_ONGOING = re.compile(
    r"(?<!every )(?<!each )(?<!after )(?<!every other )\b(?P<n>\d{1,3})\s*(?:minutes?|mins?)\s+"
    r"(?:(?:and\s+)?(?:still|counting|now|non.?stop)"
    r"|ago\s+(?:and\s+)?(?:it'?s\s+|is\s+|it\s+is\s+|it\s+)?still)\b",
    re.IGNORECASE)
_LONG_AGO = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|several|few|many|couple of|some)\s+(?:years?|yrs?)\s+(?:ago|back|before)\b"
    r"|\bthe year before last\b|\byears ago\b|\bin (?P<year>(?:19|20)\d\d)\b"
    r"|\bas a (?:child|kid|teenager|teen)\b"
    r"|\bwhen i was (?:younger|little|a kid|a child|a teenager|pregnant with)\b", re.IGNORECASE)
_BACK = re.compile(r"\b(?:back|again|returned|returning|recurr\w*)\b", re.IGNORECASE)
_LIKE_THEN = re.compile(r"\b(?:like|as|same as|just as)\s+(?:when|before|i had|it was|last time)\b",
                        re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?,\n]|\bbut\b|\bnow\b|\bthen\b|\btoday\b|\btonight\b", re.IGNORECASE)


def long_ago(text: str, start: int, end: int) -> bool:
    """Is the mention at text[start:end] placed years ago by its own clause ("had chest pain
    two years ago", "since my surgery 8 years ago", "in 2019" two or more years back)? A clause
    ends at punctuation, "but", "now", "then", "today" or "tonight". Never when the message says
    it is back ("the chest pain I had years ago is back", "... again tonight") or compares
    with then ("I can't breathe, like when I had my clot two years ago")."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, end)
    stop = after.start() if after else len(text)
    clause = text[before[-1] if before else 0:stop]
    if _BACK.search(text) or _LIKE_THEN.search(clause):  # "... is back"; "like when I had my clot"
        return False
    found = [m for m in _LONG_AGO.finditer(clause)
             if not m.group("year") or int(m.group("year")) <= date.today().year - 2]
    return bool(found)


# asked as a fear ("am I going to have a heart attack?"), not "I feel like I'm going to have a
# heart attack", which is how a real one is often told
_FEARED = re.compile(
    r"\b(?:am i|is he|is she|will i|could i|might i) (?:going to |gonna )?(?:have|get) an? "
    r"(?:heart attack|stroke)\b"
    r"|\b(?:give|gave|giving|gives) (?:me|him|her) an? heart attack\b", re.IGNORECASE)
_THINKING = re.compile(r"^[^\w.!?;]*(?:just )?(?:thinking about it|thinking about that|"
                       r"when i think about it|at the thought)\b", re.IGNORECASE)
# "I couldn't breathe for laughing": the idiom only ("short of breath from laughing" may be real)
_FOR_LAUGHING = re.compile(r"^[^\w.!?;]*for laugh(?:ing|ter)\b", re.IGNORECASE)


def feared_not_felt(text: str, start: int, end: int) -> bool:
    """A figure of speech of fear, not a symptom: "am I going to have a heart attack?", "I
    can't breathe thinking about it"."""
    return any(m.start() <= start and end <= m.end() for m in _FEARED.finditer(text)) or bool(
        _THINKING.match(text[end:end + 40]))


def for_laughing(text: str, end: int) -> bool:
    """ "I couldn't breathe for laughing": laughter, not breathlessness."""
    return bool(_FOR_LAUGHING.match(text[end:end + 30]))


# "temp of 38.2", "temperature is 39", "fever 101.5F": a reading after a word for it, in its
# sentence (a bare "38 degrees" is as often the weather)
_READING = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|fever|thermometer)\b[^.!?\n]{0,30}?"
    r"(?<![\d.,])(?P<n>\d{2,3})(?:[.,](?P<d>\d))?(?![\d])\s*(?P<u>°\s*[cf]|[cf]\b|celsius|fahrenheit)?",
    re.IGNORECASE)
FEVER_C, FEVER_F = 38.0, 100.4
_WEATHER = re.compile(r"\b(?:outside|weather|heatwave|heat wave|room|sun|bath|shower|water|forecast|"
                      r"in the shade)\b", re.IGNORECASE)


def fever_readings(text: str) -> list[tuple[int, int]]:
    """Where a temperature of a fever is read: 38 °C or more, or 100.4 °F or more ("temp of
    38.2", "temperature 39,5", "fever of 101F"); "temp was 37.8" is not one."""
    found = []
    for m in _READING.finditer(text):
        if _WEATHER.search(m.group(0)):
            continue  # "the temperature outside was 39": the weather
        value = float(m.group("n") + "." + (m.group("d") or "0"))
        unit = (m.group("u") or "").lower().replace("°", "").strip()
        fahrenheit = unit.startswith("f") or (not unit.startswith("c") and value >= 90)
        if (fahrenheit and FEVER_F <= value <= 110) or (not fahrenheit and FEVER_C <= value <= 43):
            found.append((m.start("n"), m.end()))
    return found


def regex_findings(text: str) -> list[tuple[str, str, int, int]]:
    """Findings a word list cannot hold: (type, value, start_char, end_char).

    "I'm 72" -> risk_factor older_age; "my dad 74" -> older_age; "I'm 40" -> nothing; "a cramp
    for 15 minutes" -> duration long_episode (over ten minutes); "from two month" -> duration
    persistent; "for a week", "2 weeks ago" -> nothing.
    """
    found = []
    for m in _AGE.finditer(text):
        age = int(m.group("a") or m.group("b") or m.group("c"))
        if OLDER_AGE <= age <= 120:
            found.append(("risk_factor", "older_age", m.start(), m.end()))
    found += [("duration", "long_episode", m.start(), m.end()) for m in _HOURS.finditer(text)
              if _CRAMP_BEFORE.search(text, max(0, m.start() - 80), m.start())
              and not _POSTURE.search(text, max(0, m.start() - 30), m.start())]
    for m in (list(_MINUTES.finditer(text)) + list(_MINUTES_LATER.finditer(text))
              + list(_MINUTES_ONGOING.finditer(text))):
        raw = m.group("n").lower()
        minutes = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        more_than = re.search(r"\b(over|more than|longer than|at least)\b", m.group(0), re.IGNORECASE)
        if minutes > 10 or (minutes == 10 and more_than):
            found.append(("duration", "long_episode", m.start(), m.end()))
    for m in _SPELL.finditer(text):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        if n >= 2 or not m.group("unit").lower().startswith("w"):  # "for a week" is not weeks
            found.append(("duration", "persistent", m.start(), m.end()))
    found += [("duration", "persistent", m.start(), m.end()) for m in _PAST.finditer(text)]
    return found
