"""Entity types and ids beyond the contract's findings, shared by understanding, triage and
the actions. Plain constants: importing this loads nothing else."""

from __future__ import annotations

# Entity types of the signs outside the contract's findings (lexicon sections alarms, history,
# and the one-leg qualifier the extractor infers).
SIGN_TYPES = ("alarm", "history", "qualifier")
ONE_SIDED = "qualifier:one_sided"
# One leg compared with the other in so many words ("one is bigger than the other"): a side
# named as "both", in that message or later, does not undo it.
COMPARED = "qualifier:compared"


def sign_ids(entities: list[dict]) -> list[str]:
    """The signs among a parse's entities, as ids: "alarm:fever", "history:injury"."""
    return [f"{e['entity']}:{e['value']}" for e in entities if e.get("entity") in SIGN_TYPES]
