"""Tips for the likely causes, from the store: relief now, prevention, and what a clinician
may offer. Each tip carries the passages it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.store import Citation, KnowledgeStore
from bot.lexicon import get_lexicon

KIND_BY_PREDICATE = {"relieved_by": "relief_now", "prevented_by": "prevention", "treated_by": "treatment"}
KIND_ORDER = ("relief_now", "prevention", "treatment")


@dataclass(frozen=True)
class Tip:
    kind: str
    remedy: str
    text: str
    causes: tuple[str, ...]
    sources: tuple[Citation, ...]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "remedy": self.remedy, "tip": self.text, "for": list(self.causes),
                "sources": [c.as_dict() for c in self.sources]}


def tips_for(causes: list[str], store: KnowledgeStore, per_kind: int = 3) -> list[Tip]:
    """Remedies for the given causes (best first), grouped by kind, each remedy once. A relief
    the documents state as a finding ("moving eases it") is given as its remedy."""
    remedy_of = {f"relief:{e.relief}": e.concept_id for e in get_lexicon().of_kind("remedy") if e.relief}
    found: dict[tuple[str, str], Tip] = {}
    for cause in causes:
        for link in store.remedies_for(f"condition:{cause}"):
            kind = KIND_BY_PREDICATE[link.predicate]
            remedy = remedy_of.get(link.object, link.object)
            concept = store.concept(remedy)
            if concept is None or concept.kind != "remedy":
                continue
            key = (kind, remedy)
            if key in found:
                old = found[key]
                sources = tuple(dict.fromkeys(old.sources + link.sources))
                causes_for = tuple(dict.fromkeys(old.causes + (cause,)))
                found[key] = Tip(kind, old.remedy, old.text, causes_for, sources)
            else:
                text = concept.name[0].upper() + concept.name[1:]
                found[key] = Tip(kind, remedy, text, (cause,), link.sources)
    out: list[Tip] = []
    for kind in KIND_ORDER:
        tips = [t for (k, _), t in found.items() if k == kind]
        # a remedy already given as relief is not repeated as a relief form of itself
        seen = {t.text.lower() for t in out}
        out.extend([t for t in tips if t.text.lower() not in seen][:per_kind])
    return out
