"""Which finding mentions are negated, with the negation's scope kept inside its clause.

A cue ("no", "not", "never", "without", "n't", "nor", "none of") negates the mentions that
follow it until the clause ends: a sentence mark, a contrast word ("but", "though", "more
like"), or a comma or "and" that is not followed by another finding of the same list.

A mention inside a negated one shares its fate ("after exercise" and "exercise"). When the
next clause sets another finding of one type against the denied one ("not my right knee,
it's my left one", "never during the day, only at night"), only that type is denied: the
knee and the pain are still there.

>>> # "no swelling or redness but my calf burns": swelling and redness negated, burning not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Doc

PRE_CUES = frozenset({
    "no", "not", "never", "without", "n't", "nt", "nor", "neither", "none", "zero", "nothing",
    "denies", "deny", "absent", "free", "lack", "lacking",
})
# "free of swelling", "lack of"; "nothing like" reads as a cue on "nothing".
POST_CUES = frozenset({"none", "absent", "gone", "nope"})
# "chest feels normal", "breathing fine": these deny only as the last word of a statement,
# not in a question ("is chest pain normal?") or before a time or a turn ("fine in the
# morning but ...", "okay now but ...").
ALL_RIGHT = frozenset({"fine", "ok", "okay", "normal"})
STATEMENT_ENDS = frozenset({".", "!", ",", ";", "and", "now", "thanks", "thank"})
GONE_ENDS = frozenset({".", ",", ";", "!", "?", "now", "away", "down", "and", "but", "completely"})
# Words that may stand between a mention and its post cue: "chest feels totally fine".
POST_FILLERS = frozenset({":", "?", "-", "is", "was", "has", "have", "at", "all", "'s", "feels", "feel",
                          "seems", "looks", "are", "totally", "completely", "perfectly", "absolutely"})
HARD_STOPS = frozenset({
    ".", ";", "!", "?", "but", "though", "although", "however", "yet", "except", "instead",
    "rather", "whereas", "while", "apart", "(", ")", ":", "before", "until", "because", "cos",
    "since", "just", "only", "unless",
})
CONTINUERS = frozenset({",", "or", "nor", "and", "any", "no", "/", "-", "&", "either", "really",
                        "at", "all", "even"})
# Soft stops end a scope unless what follows is another finding of the same list.
SOFT_STOPS = frozenset({",", "and", "&", "/", "-"})
# How many words may stand between a cue (or the last negated item of its list) and the next
# negated mention: "I don't think my legs are swollen" reaches, a later clause does not.
MAX_GAP = 6
# Phrases that look like a cue but do not negate what follows.
NOT_NEGATING = ("no doubt", "not only", "no matter", "not sure", "no idea", "never mind", "no wonder",
                "can't tell", "don't know", "dont know", "not just", "no longer than",
                # a remedy that fails, not a symptom that is absent: "nothing helps the burning",
                # "heat doesn't help the crawling"
                "nothing helps", "nothing works", "nothing eases", "nothing stops", "nothing i do",
                "nothing seems", "does nothing", "did nothing", "do nothing", "doing nothing",
                # a session missed, not a condition denied: "I didn't go to dialysis yesterday"
                "n't go to", "not go to", "n't get to", "not get to", "n't make it to",
                "n't help", "not help", "n't ease", "not ease", "n't do anything",
                "not do anything", "n't do much", "n't make any difference", "n't make a difference",
                "n't give me any relief", "n't give any relief", "n't relieve", "n't stop",
                # something that goes on, not something absent: "a cramp that has not stopped
                # for 20 minutes" (the duration stands), "it hasn't let up"
                "not stop", "not stopped", "n't stopped", "not stopping", "n't stopping",
                "n't let go", "not let go", "n't let up", "not let up", "n't eased", "not eased",
                "n't settled", "not settled", "n't gone away", "not gone away", "n't going away",
                "not going away")
# After "can't", "without stopping" says they do stop: "can't get up the stairs without stopping
# to get my breath"; after "I can" it is a denial ("I can walk up the hill without stopping").
STOP_WORDS_AFTER_WITHOUT = frozenset({"stopping", "a", "having"})
CANNOT = frozenset({"n't", "cannot", "cant", "cannae", "unable", "not"})
# A cue right before these is about when, not about the next finding's presence: "never
# while I'm running" denies during_exercise rather than stopping at "while".
TEMPORAL_AFTER_CUE = frozenset({"while", "when", "during", "whilst"})
# Said after a finding: "redness - no.", "cramps? not anymore", "swelling is no longer there".
POST_PHRASES = (("no", "longer"), ("not", "anymore"), ("not", "any", "more"))
# Said after a question mark or a dash only: "swollen?? not really"; "swollen, not really
# painful" is about the pain.
ANSWER_PHRASES = (("not", "really"), ("not", "realy"), ("not", "much"), ("nah",), ("no", "way"))
# After a denied mention, these make it a comparison, not a denial: "never had pain like this".
LIKE_THIS = (("like", "this"), ("like", "that"), ("this", "bad"), ("so", "bad"))
# Words that open a clause setting something against what was just denied.
CONTRAST_OPENERS = frozenset({"only", "just", "it", "'s", "its", "they", "but", "rather", "instead",
                              "more", "mainly", "mostly", "it's", "that", "this", "which"})


def negated_spans(doc: Doc, mentions: Sequence[tuple[int, int]],
                  kinds: Mapping[tuple[int, int], frozenset[str]] | None = None) -> set[tuple[int, int]]:
    """Return the (start, end) token spans among ``mentions`` that are negated.

    With ``kinds`` (the finding types of each span), a list goes on past a comma or "and"
    only with a finding of a type already in it: "no swelling, redness or warmth" but not
    "no swelling, stretching helps".
    """
    kinds = kinds or {}
    starts = {start: end for start, end in mentions}
    inside = {i for start, end in mentions for i in range(start, end)}
    lowered = [t.lower_ for t in doc]
    negated: set[tuple[int, int]] = set()

    for i, word in enumerate(lowered):
        if word not in PRE_CUES or i in inside or _not_negating(lowered, i):
            continue
        j = i + 1
        last = i
        listed: set[str] = set()
        scope: set[tuple[int, int]] = set()
        while j < len(doc):
            if j in starts:
                if j - last > MAX_GAP:
                    break
                if scope and kinds.get((j, starts[j])) == frozenset({"duration"}) and not any(
                        w in CONTINUERS for w in lowered[last:j]):
                    break  # "calf ache, not hot, 3 wks": how long it has gone on is not denied
                scope.add((j, starts[j]))
                listed |= kinds.get((j, starts[j]), frozenset())
                j = last = starts[j]
                continue
            word_j = lowered[j]
            if word_j in TEMPORAL_AFTER_CUE and j == i + 1:
                j += 1
                continue
            if word_j in HARD_STOPS or (word_j == "more" and j + 1 < len(doc) and lowered[j + 1] == "like"):
                break
            if word_j in SOFT_STOPS and not _list_goes_on(lowered, starts, j + 1, kinds, listed):
                break
            if word_j in SOFT_STOPS and not scope and j > i + 1:
                break  # "not much water, woke up with a cramp": the cue denied something else
            j += 1
        if scope and not any(_compared(lowered, e) for _, e in scope):
            negated |= _contrasted(lowered, mentions, kinds, scope, j)

    for start, end in mentions:
        k = end
        # "swelling: none", "redness? no", "numbness - absent"
        while k < len(doc) and k < end + 3 and lowered[k] in POST_FILLERS:
            k += 1
        if k < len(doc) and lowered[k] == "gone" and k + 1 < len(doc) and lowered[k + 1] not in GONE_ENDS:
            continue  # "my breathing's gone short": gone is a change, not an absence
        if said_all_right(lowered, start, end):
            negated.add((start, end))
            continue
        if k >= len(doc):
            continue
        said_no = lowered[k] == "no" and (k == len(doc) - 1 or lowered[k + 1] in {".", "!", ",", ";"})
        later = any(tuple(lowered[k:k + len(p)]) == p for p in POST_PHRASES)
        answered = lowered[k - 1] in {"?", "-", ":"} and any(
            tuple(lowered[k:k + len(p)]) == p for p in ANSWER_PHRASES)
        if lowered[k] in POST_CUES or said_no or later or answered:
            negated.add((start, end))
            if lowered[k:k + 2] == ["none", "of"]:  # "redness, warmth, swelling - none of that"
                negated |= _listed_before(lowered, mentions, start)
    # a mention that starts inside a denied one is denied with it: "(after (exercise))"
    return negated | {(s, e) for s, e in mentions
                      if any(ns <= s < ne for ns, ne in negated)}


def _compared(lowered: list[str], end: int) -> bool:
    """ "I've never had pain like this", "never had cramps before.": compared, not denied."""
    after = tuple(lowered[end:end + 2])
    return after in LIKE_THIS or (end < len(lowered) and lowered[end] == "before"
                                  and (end + 1 == len(lowered) or lowered[end + 1] in {".", "!", ","}))


def _contrasted(lowered: list[str], mentions: Sequence[tuple[int, int]],
                kinds: Mapping[tuple[int, int], frozenset[str]],
                scope: set[tuple[int, int]], end: int) -> set[tuple[int, int]]:
    """The part of a denied scope that is really denied, given the clause after it.

    "It isn't my right knee that hurts, it's my left one": the next clause names another side,
    so only the side is denied. Without such a clause, the whole scope is denied.
    """
    k = end
    while k < len(lowered) and lowered[k] in {",", "-", ";"}:
        k += 1
    if k >= len(lowered) or lowered[k] not in CONTRAST_OPENERS:
        return scope
    stop = next((i for i in range(k, len(lowered)) if lowered[i] in {".", "!", "?", ";"}), len(lowered))
    set_against: set[str] = set()
    for start, mention_end in mentions:
        if k <= start < stop and (start, mention_end) not in scope:
            set_against |= kinds.get((start, mention_end), frozenset())
    denied_kinds = set().union(*(kinds.get(m, frozenset()) for m in scope))
    contrasted = set_against & denied_kinds
    if not contrasted or contrasted == denied_kinds:
        return scope
    return {m for m in scope if kinds.get(m, frozenset()) & contrasted}


def _listed_before(lowered: list[str], mentions: Sequence[tuple[int, int]],
                   start: int) -> set[tuple[int, int]]:
    """The mentions listed just before one that a post cue denies, joined by commas or "and"."""
    ends = {end: (s, end) for s, end in mentions}
    out: set[tuple[int, int]] = set()
    k = start
    while True:
        j = k
        while j > 0 and lowered[j - 1] in {",", "and", "or", "&", "/"}:
            j -= 1
        if j == k or j not in ends:
            return out
        out.add(ends[j])
        k = ends[j][0]


def said_all_right(lowered: Sequence[str], start: int, end: int) -> bool:
    """Is the mention at ``start:end`` said to be all right, as the end of a statement?
    "chest feels totally fine." yes; "fine in the day but ..." and "is chest pain normal?" no."""
    k = end
    while k < len(lowered) and k < end + 3 and lowered[k] in POST_FILLERS:
        k += 1
    return k < len(lowered) and lowered[k] in ALL_RIGHT and _ends_a_statement(lowered, start, k)


def _ends_a_statement(lowered: list[str], start: int, k: int) -> bool:
    """Is the all-right word at ``k`` the end of a statement about the mention at ``start``?"""
    if k + 1 < len(lowered) and lowered[k + 1] not in STATEMENT_ENDS:
        return False
    clause_start = start
    while clause_start > 0 and lowered[clause_start - 1] not in HARD_STOPS | {","}:
        clause_start -= 1
    if lowered[clause_start] in {"is", "are", "was", "does", "do", "should", "can", "could"}:
        return False  # "is chest pain normal"
    following = lowered[k + 1:]
    sentence_end = next((i for i, w in enumerate(following) if w in {".", "!", "?"}), len(following))
    return "?" not in following[:sentence_end + 1]


def _list_goes_on(lowered: list[str], starts: dict[int, int], j: int,
                  kinds: Mapping[tuple[int, int], frozenset[str]], listed: set[str]) -> bool:
    """After a comma or "and": is the next content another finding of the same list?"""
    while j < len(lowered) and lowered[j] in CONTINUERS:
        j += 1
    if j not in starts:
        return False
    types = kinds.get((j, starts[j]))
    return not types or not listed or bool(types & listed)


@lru_cache(maxsize=1)
def _not_negating_tokens() -> tuple[tuple[str, ...], ...]:
    """NOT_NEGATING as the shared tokenizer splits it ("doesn't" -> "does", "n't")."""
    from bot.nlp import get_nlp

    nlp = get_nlp()
    return tuple(tuple(t.lower_ for t in nlp.make_doc(phrase)) for phrase in NOT_NEGATING)


def _not_negating(lowered: list[str], i: int) -> bool:
    """Is the cue at ``i`` part of a phrase that does not negate ("no wonder", "n't help"), or
    "without stopping" after a "can't"?"""
    if lowered[i] == "without" and i + 1 < len(lowered) and lowered[i + 1] in STOP_WORDS_AFTER_WITHOUT \
            and any(w in CANNOT for w in lowered[max(0, i - 10):i]):
        return True
    for phrase in _not_negating_tokens():
        for offset, word in enumerate(phrase):
            start = i - offset
            if word == lowered[i] and start >= 0 and tuple(lowered[start:start + len(phrase)]) == phrase:
                return True
    return False
