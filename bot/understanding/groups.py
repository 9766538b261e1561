"""Per-type rules applied to lexicon matches, one function per finding type.

Every lexicon match arrives as a candidate ``Hit`` that may name several ids (``walking``
names both ``timing:during_exercise`` and ``relief:movement``). Each function below decides,
for its own finding type, which candidates stand, using the words around them. Regular
expressions (numbers.py) cover what a word list cannot (ages, minutes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from bot.understanding.negation import said_all_right


@dataclass(frozen=True)
class Hit:
    """One candidate finding: a token span and the (type, value) it may name."""

    start: int
    end: int
    type: str
    value: str
    start_char: int
    end_char: int
    negated: bool = False
    # read from words that belong together ("a minute standing and it goes off"): the span
    # holds its own cue words
    together: bool = False


TIMING_PREPOSITIONS = frozenset({"during", "while", "whilst", "on", "after"})
# Relief words that say it did not help ("heat does nothing", "heat doesn't do anything").
FAILED_RELIEF = frozenset({"nothing", "useless", "anything"})
RELIEF_CUES = frozenset({"nothing", "useless", "anything",
    "help", "helps", "helped", "helping", "ease", "eases", "eased", "easing", "relieve",
    "relieves", "relieved", "relief", "better", "soothe", "soothes", "soothed", "settle",
    "settles", "calms", "calm", "fix", "fixes", "works", "worked", "improves", "improve",
    "trick", "stops", "stop", "goes", "away", "only", "cure", "cures", "takes",
})
# "I stop", "have to stop", "the bus stop": not something that stops the pain
NOT_A_STOP = frozenset({"i", "you", "we", "they", "to", "bus"})
CLAUSE_BREAKS = frozenset({".", ";", "!", "?", ",", "but", "though", "although", "however",
                           "while", "whereas", "and"})
SPECIFIC_SENSATIONS = frozenset({
    "throbbing", "cramping", "crawling", "tingling", "burning", "stabbing", "numbness",
    "heaviness",
})
# Words by which a clause refers back to a sensation named before it ("..., it was agony").
PRONOUNS = frozenset({"it", "they", "which", "that", "this", "these", "them"})
# Bare words that name a finding only when denied ("breathing's fine", "my breathing is
# ok"); said otherwise ("breathing exercises") they name nothing.
DENIED_ONLY = frozenset({"breathing", "breath"})
# "a hot day", "a warm bath": heat around the person, not a warm leg.
NOT_BODY_HEAT = frozenset({
    "day", "days", "weather", "summer", "spell", "sun", "climate", "room", "weekend", "festival",
    "bath", "baths", "shower", "showers", "tub", "water", "drink", "drinks", "tea", "coffee",
    "pack", "packs", "compress", "towel", "flannel", "cloth", "bottle", "pad", "blanket",
})
BODY_WORDS = frozenset({"side", "sided", "one", "hand", "leg", "legs", "foot", "calf"})


def clause_of(doc: Doc, i: int, breaks: frozenset[str] = CLAUSE_BREAKS) -> tuple[int, int]:
    """The token range of the clause holding token ``i`` (split at punctuation and
    conjunctions)."""
    start = i
    while start > 0 and doc[start - 1].lower_ not in breaks:
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].lower_ not in breaks:
        end += 1
    return start, end


PAIN_CLAUSE_BREAKS = CLAUSE_BREAKS | {"or", "vs", "versus", "from", "than"}


def _heat_around(doc: Doc, k: int) -> bool:
    """ "a hot day", "warm bath": the heat word describes the next noun; but "red and warm day
    and night" describes the leg."""
    if k >= len(doc) or doc[k].lower_ not in NOT_BODY_HEAT:
        return False
    nxt = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    return not (doc[k].lower_ in {"day", "days"} and nxt in {"and", "or"})


def _a_sore(doc: Doc, hit: Hit) -> bool:
    """ "a sore above my ankle", "the sore on her heel": the noun, not the pain word."""
    return (doc[hit.start:hit.end].text.lower() == "sore" and hit.start > 0
            and doc[hit.start - 1].lower_ in {"a", "the", "this", "that", "little", "open", "big", "nasty"})


def _warming_up(doc: Doc, k: int) -> bool:
    """ "they warm up with socks on", "when I warm them up": warming, not a warm leg."""
    following = [t.lower_ for t in doc[k:k + 2]]
    return bool(following) and (following[0] == "up" or following == ["them", "up"]
                                or following == ["it", "up"])


def symptom(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Keep symptoms; a plain pain word yields to a specific sensation in its clause.

    "burning pain in my feet" -> burning (not aching); "my calves throb and my feet hurt"
    -> throbbing and aching (two clauses); "sore calves" -> aching; "a hot day" -> nothing.
    """
    specific = [h for h in hits if h.value in SPECIFIC_SENSATIONS and not h.negated]
    places = [h.start for h in every if h.type == "body_part"]
    kept = []
    for hit in hits:
        if hit.value == "warmth" and (_heat_around(doc, hit.end) or _warming_up(doc, hit.end)):
            continue
        if doc[hit.start:hit.end].text.lower() in DENIED_ONLY and not hit.negated and not hit.together:
            continue  # "breathing" names a finding only to deny it: "breathing's fine"
        if hit.value == "aching" and _a_sore(doc, hit):
            continue  # "a sore on my foot": an open sore (a sign), not a pain
        if hit.value == "redness" and _wine(doc, hit):
            continue  # "after a glass of red": wine, not a red leg
        if hit.value == "aching" and not hit.negated:
            lo, hi = clause_of(doc, hit.start, PAIN_CLAUSE_BREAKS)
            if any(lo <= s.start < hi for s in specific):
                continue
            # "cramp in my calf, it was agony": a pain clause with no place of its own that
            # refers back is about the sensation named before it in its sentence
            sent = doc[hit.start].sent
            refers_back = any(t.lower_ in PRONOUNS for t in doc[lo:hi])
            if refers_back and not any(lo <= p < hi for p in places) and any(
                    sent.start <= s.start < lo for s in specific):
                continue
        kept.append(hit)
    return kept


def _wine(doc: Doc, hit: Hit) -> bool:
    """ "a glass of red", "red wine" (but not "a red wine colour", which may be a dusky leg)."""
    before = [t.lower_ for t in doc[max(0, hit.start - 3):hit.start]]
    after = [t.lower_ for t in doc[hit.end:hit.end + 2]]
    if after[:1] == ["wine"]:
        return not set(after[1:]) & {"colour", "color", "coloured", "colored", "stain", "stained"}
    return bool(before) and before[-1] == "of" and bool(set(before) & WINE_MEASURES)


WINE_MEASURES = frozenset({"glass", "glasses", "bottle", "bottles", "drop", "splash"})


def body_part(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Keep body parts; only a location negated itself is absent.

    "my calfs" -> calf; "back of my leg" -> calf; "no numbness in my feet" -> foot present
    (the symptom is negated, not the place); "it's not the knee" -> knee absent.
    """
    lowered = [t.lower_ for t in doc]
    return [_only_direct_negation(doc, h, lowered) for h in hits]


def side(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Left and right only next to a body word; "both" next to one, or as a short answer.

    "left calf" -> left; "on the right side" -> right; "my calf right" -> right; "both legs"
    -> both; "both" (alone) -> both; "right now" and "I left work" -> nothing.
    """
    body_starts = {h.start for h in every if h.type == "body_part"}
    body_ends = {h.end for h in every if h.type == "body_part"}
    kept = []
    lowered = [t.lower_ for t in doc]
    for hit in (_only_direct_negation(doc, h, lowered) for h in hits):
        nxt = [doc[k].lower_ for k in range(hit.end, min(hit.end + 3, len(doc)))]
        before = doc[hit.start - 1].lower_ if hit.start > 0 else ""
        near_body = any(k in body_starts for k in range(hit.end, min(hit.end + 3, len(doc))))
        if hit.value == "both":
            if hit.end - hit.start > 1 or near_body or (nxt and nxt[0] in {"sides", "of", "legs"}) \
                    or len([t for t in doc if not t.is_punct]) <= 3:
                kept.append(hit)
        elif _compared_with(doc, hit.start):
            continue  # "my right calf is fatter than the left one": the left is the yardstick
        elif near_body or (nxt and nxt[0] in BODY_WORDS) or before in {"my", "the", "on"} and \
                not (nxt and nxt[0] in {"now", "away", "after", "then"}):
            kept.append(hit)
        elif hit.start in body_ends and (not nxt or nxt[0] in SIDE_AFTER_NEXT or doc[hit.end].is_punct):
            kept.append(hit)  # "my calf right is very pain": the side after its place
    return kept


# "my calf right is very pain": a side after its place, before what is said of it (not "my
# leg right now", "my leg left me in agony").
SIDE_AFTER_NEXT = frozenset({"is", "was", "has", "feels", "feel", "hurts", "hurt", "aches", "and",
                             "only", "too", "also", "very", "gets", "got", "keeps", "looks",
                             "seems", "are", "were", "side", "one"})
COMPARED = frozenset({"than", "compared", "vs", "versus"})


def _compared_with(doc: Doc, i: int) -> bool:
    """Is the side at ``i`` the one another is compared with? "bigger than the left one",
    "compared to my right", "twice the size of my left one"."""
    before = [t.lower_ for t in doc[max(0, i - 4): i]]
    return bool(set(before) & COMPARED) or any(before[k:k + 2] == ["size", "of"] for k in range(len(before)))


DIRECT_NEGATIONS = frozenset({"not", "n't", "no", "never", "nt"})
DETERMINERS = frozenset({"the", "my", "a", "an", "his", "her", "your", "their", "in", "on", "at",
                         "its", "either", "any"})


# Words of a place between a side and what is said of it: "the right leg is fine".
PLACE_WORDS = frozenset({"leg", "legs", "calf", "calves", "foot", "feet", "knee", "knees", "thigh",
                         "thighs", "shin", "shins", "ankle", "ankles", "side", "one", "toes"})


def _only_direct_negation(doc: Doc, hit: Hit, lowered: list[str]) -> Hit:
    """Un-negate a place or side unless a negation stands right before it ("not the knee")
    or the place itself is said to be all right ("the right leg is normal": the other leg)."""
    k = hit.start - 1
    while k >= 0 and doc[k].lower_ in DETERMINERS:
        k -= 1
    direct = k >= 0 and doc[k].lower_ in DIRECT_NEGATIONS
    end = hit.end
    while end < len(doc) and doc[end].lower_ in PLACE_WORDS:
        end += 1
    fine = said_all_right(lowered, hit.start, end)
    return replace(hit, negated=(hit.negated and direct) or fine)


# "after walking 200 metres": the short distances of a walk that pain cuts short
WALK_DISTANCES = frozenset({"metres", "meters", "m", "yards", "yard", "yds", "blocks", "block",
                            "steps", "hundred"})
AMOUNT_WORDS = frozenset({"a", "few", "couple", "hundred", "about", "around", "over", "nearly", "only",
                          "just"})


def timing(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Keep timings, but not in greetings; exercise measured out is during it.

    "wakes me up" -> night; "after my run" -> after_exercise; "when I walk" ->
    during_exercise; "sitting still" -> rest; "good evening" -> nothing; "after walking
    about 200 metres" -> during_exercise (it comes on part way through a walk), but "after
    running 5 miles" stays after_exercise.
    """
    kept = []
    for h in hits:
        if h.start > 0 and doc[h.start - 1].lower_ in {"good", "g'"}:
            continue
        walk = "walk" in doc[h.start:h.end].text.lower()
        if h.value == "after_exercise" and walk and _measured(doc, h.end):
            h = replace(h, value="during_exercise")
        kept.append(h)
    return kept


def _measured(doc: Doc, k: int) -> bool:
    """A number or amount right after, then a walking distance, in the same clause."""
    tokens = []
    for t in doc[k: k + 4]:
        if t.lower_ in CLAUSE_BREAKS:
            break
        tokens.append(t)
    return (bool(tokens) and (tokens[0].like_num or tokens[0].lower_ in AMOUNT_WORDS)
            and any(t.lower_ in WALK_DISTANCES for t in tokens))


AFTER_WORDS = frozenset({"after", "since", "following", "post", "afterwards", "from"})
DURING_WORDS = frozenset({"during", "while", "whilst", "when", "on", "in", "through", "halfway",
                          "mid", "at", "if", "doing", "playing", "go", "whenever"})


def context_findings(doc: Doc, mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Findings that need two words together: (start, end, "type:value").

    Exercise is timing, never a trigger: "legs ache after basketball practice" ->
    after_exercise; "stabbing pain halfway through my tennis matches" -> during_exercise;
    "I'm a keen runner" -> nothing. A posture with a long stretch of time in one clause is a
    trigger: "standing at the shop all day" -> prolonged_standing; "sitting down" -> nothing.
    """
    out = []
    stretches = [(s, e) for s, e, kind in mentions if kind == "stretch"]
    for start, end, kind in mentions:
        if kind == "activity":
            before = {t.lower_ for t in doc[max(0, start - 5): start]}
            after = {t.lower_ for t in doc[end: end + 2]}
            if before & AFTER_WORDS or "afterwards" in after:
                out.append((start, end, "timing:after_exercise"))
            elif before & DURING_WORDS:
                out.append((start, end, "timing:during_exercise"))
        elif kind.startswith("trigger:"):
            lo, hi = clause_of(doc, start)
            within = [(s, e) for s, e in stretches if lo <= s < hi]
            if within:  # the span covers the posture and the nearest stretch of time
                s, e = min(within, key=lambda span: abs(span[0] - start))
                out.append((min(start, s), max(end, e), kind))
    return out


def relief(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """A relief needs a relief word in its clause ("helps", "eases", "better").

    "stretching helps" -> stretching; "better if I walk around" -> movement;
    "stretching doesn't help" -> stretching, negated; "I went walking" -> nothing here.
    A negated relief word ("doesn't help") negates the relief.
    """
    kept = []
    for hit in hits:
        if hit.start > 0 and doc[hit.start - 1].lower_ in TIMING_PREPOSITIONS:
            continue  # "pain during walking that eases with rest": walking is when, not relief
        lo, hi = clause_of(doc, hit.start)
        lo = max(0, lo - 1)
        if hi + 1 < len(doc) and doc[hi].lower_ == "and" and doc[hi + 1].lower_ in PRONOUNS:
            hi = min(len(doc), hi + 4)  # "stop for a minute and it goes"
        cue = _relief_cue(doc, lo, hi, hit)
        if cue is None and hit.together:
            cue = _relief_cue(doc, hit.start, hit.end, replace(hit, start=hit.end))
        if cue is None:
            # "stretching doesn't help, nor does rubbing it": a negated remedy in a
            # sentence about what helps is a relief that failed.
            if hit.negated and _relief_cue(doc, 0, len(doc), hit) is not None:
                kept.append(hit)
            continue
        negated = hit.negated or _cue_negated(doc, cue) or doc[cue].lower_ in FAILED_RELIEF
        kept.append(replace(hit, negated=negated))
    return kept


def _relief_cue(doc: Doc, lo: int, hi: int, hit: Hit) -> int | None:
    for k in range(lo, hi):
        if hit.start <= k < hit.end:
            continue
        word = doc[k].lower_
        if word in RELIEF_CUES:
            if word == "away" and (k == 0 or doc[k - 1].lower_ not in {"goes", "go", "went", "going"}):
                continue
            if word in {"stop", "stops"} and k > 0 and doc[k - 1].lower_ in NOT_A_STOP:
                continue
            if word == "only" and "thing" not in [t.lower_ for t in doc[k: k + 3]]:
                continue
            if word == "anything" and (k < 2 or doc[k - 1].lower_ not in {"do", "does", "did"}):
                continue
            if word == "nothing" and (k < 1 or doc[k - 1].lower_ not in {"does", "do", "did"}):
                continue
            return k
    return None


def _cue_negated(doc: Doc, k: int) -> bool:
    window = {t.lower_ for t in doc[max(0, k - 3): k]}
    return bool(window & {"n't", "not", "never", "no", "nt"})


def passthrough(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Triggers, risk factors, medications and severity stand as matched.

    "standing all day at work" -> prolonged_standing; "I'm diabetic" -> diabetes;
    "on atorvastatin" -> statin; "agonising" -> severe.
    """
    return hits


# "flight socks", "a plane ticket": the travel word names something else
NOT_TRAVEL_AFTER = frozenset({"socks", "sock", "stockings", "stocking", "tights", "attendant",
                              "attendants", "ticket", "tickets", "booked", "simulator"})


def trigger(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Triggers stand as matched, except a travel word that names a thing: "flight socks" for
    varicose veins are not a flight."""
    return [h for h in hits if not (h.value == "long_travel" and h.end < len(doc)
                                    and doc[h.end].lower_ in NOT_TRAVEL_AFTER)]


# After a denied "drink", words that keep it about alcohol: "I don't drink", "don't drink
# alcohol", "I don't drink or smoke"; "don't drink much water" is about water.
DRINK_ENDS = frozenset({".", ",", ";", "!", "?", "and", "or", "alcohol", "at", "anymore", "nor",
                        "either", "now", "but", "any", "booze"})


def risk_factor(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """Risk factors stand as matched, except a bare "drink" (or "drank", "drinks"): it names
    alcohol only when denied ("I don't drink, but ..."); "drank a glass of water" names nothing,
    nor "I drink a lot of water"."""
    kept = []
    for hit in hits:
        if hit.end - hit.start == 1 and doc[hit.start].norm_ == "drink":
            nxt = doc[hit.end].lower_ if hit.end < len(doc) else "."
            if not hit.negated or nxt not in DRINK_ENDS:
                continue
        if hit.value == "alcohol" and {t.lower_ for t in doc[hit.end:hit.end + 4]} & SOFT_DRINKS:
            continue  # "I drink a lot of water": not alcohol
        kept.append(hit)
    return kept


SOFT_DRINKS = frozenset({"water", "fluids", "fluid", "tea", "coffee", "juice", "squash", "milk",
                         "pop", "soda", "cola", "coke"})


# "haven't had a drink in years", "not smoked in years": how long since something was done
HAD_SINCE = frozenset({"had", "drunk", "drank", "touched", "smoked", "drink", "been"})
# "every few weeks", "once a month": a frequency ("for a few weeks" is a duration)
OCCASIONAL = frozenset({"every", "once", "twice", "times", "per", "each"})
PREGNANT_BEFORE = frozenset({"pregnant", "pregnancy", "gestation", "along"})
NOT_DURATION_AFTER = frozenset({"pregnant", "old", "young", "older", "younger", "ago", "back",
                                "postpartum"})


def _still_since(doc: Doc, end: int) -> bool:
    """ "6 weeks ago ... still hurts": an onset long ago, with the trouble still there."""
    if end >= len(doc) or doc[end].lower_ not in {"ago", "back"}:
        return False
    for k, token in enumerate(doc[end + 1:], start=end + 1):
        if token.is_sent_start or token.text in {".", "!", "?", ";"}:
            # "... 6 weeks ago. Still can't run on it": the next sentence may open with it
            nxt = doc[k + 1] if token.text in {".", "!", "?", ";"} and k + 1 < len(doc) else token
            return nxt.lower_ == "still"
        if token.lower_ in {"still", "ever", "since"}:
            return True
    return False


OF_WHAT = frozenset({"risk_factor", "medication"})


def _of_a_medicine_or_risk(doc: Doc, hit: Hit, every: list[Hit]) -> bool:
    """Is a spell said of a medicine or a risk just before it in its clause ("on simvastatin
    for years", "type 1 for 15 years"), with no symptom or place between? Then it says how long
    that has been, not how long the trouble has gone on."""
    before = [h for h in every if h.end <= hit.start and hit.start - h.end <= 3]
    if not before:
        return False
    nearest = max(before, key=lambda h: h.end)
    between = doc[nearest.end:hit.start]
    return (nearest.type in OF_WHAT and not nearest.negated
            and not any(t.text in {",", ".", ";", "!", "?"} or t.lower_ in {"and", "but"} for t in between)
            and (any(t.lower_ in {"for", "since"} for t in list(between) + [doc[hit.start]])
                 or (len(between) > 0 and all(t.like_num for t in between))))  # "atorvastatin 5 years"


def duration(doc: Doc, hits: list[Hit], every: list[Hit]) -> list[Hit]:
    """A span of weeks or months that is not a frequency or an age.

    "for months" -> persistent; "every night" -> persistent; "6 months pregnant" -> nothing;
    "3 weeks ago" or "2 weeks back" -> nothing, but "3 weeks ago and it still hurts" -> persistent;
    "once every couple of weeks" -> nothing; "won't stop" -> long_episode; "sat on the floor
    for ages" -> nothing (how long the sitting was: a trigger).
    """
    postures = [(h.start, h.end) for h in every if h.type == "trigger" and h.value.startswith("prolonged")]
    kept = []
    for hit in hits:
        if hit.value == "persistent" and any(s <= hit.start and hit.end <= e for s, e in postures):
            continue
        if hit.value == "persistent" and _of_a_medicine_or_risk(doc, hit, every):
            continue  # "on simvastatin for years", "type 1 for 15 years": how long that is
        if hit.value == "persistent" and hit.end - hit.start == 1:
            before = {t.lower_ for t in doc[max(0, hit.start - 3): hit.start]}
            after = doc[hit.end].lower_ if hit.end < len(doc) else ""
            # "every few weeks" is how often; "every day for months" is how long
            frequency = before & OCCASIONAL and not ({"for", "since"} & before)
            if frequency or (after in NOT_DURATION_AFTER and not _still_since(doc, hit.end)):
                continue
            if before & PREGNANT_BEFORE:
                continue  # "pregnant (24 wks)": how far along, not how long
            if hit.start > 0 and doc[hit.start - 1].lower_ == "in" and HAD_SINCE & {
                    t.lower_ for t in doc[max(0, hit.start - 7): hit.start]}:
                continue  # "haven't had a drink in years": since when, not how long
        kept.append(hit)
    return kept


GROUPS: dict[str, Callable[[Doc, list[Hit], list[Hit]], list[Hit]]] = {
    "symptom": symptom,
    "body_part": body_part,
    "side": side,
    "timing": timing,
    "relief": relief,
    "trigger": trigger,
    "risk_factor": risk_factor,
    "medication": passthrough,
    "severity": passthrough,
    "duration": duration,
}
