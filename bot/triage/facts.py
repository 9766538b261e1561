"""What is known about the user's legs: findings present, findings denied, alarms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Facts:
    present: frozenset[str] = frozenset()  # "symptom:swelling"
    absent: frozenset[str] = frozenset()  # denied: "no swelling"
    alarms: frozenset[str] = frozenset()  # "alarm:coughing_blood"

    @classmethod
    def from_findings(cls, findings: Iterable[Mapping | object], alarms: Iterable[str] = ()) -> Facts:
        """From contract finding dicts ({type, value, present}) or Finding objects; a later
        mention of one finding overrides an earlier one ("actually it is swollen")."""
        state: dict[str, bool] = {}
        for f in findings:
            get = f.get if isinstance(f, Mapping) else lambda k, f=f: getattr(f, k)
            key = f"{get('type')}:{get('value')}"
            state.pop(key, None)
            state[key] = bool(get("present"))
        present = frozenset(k for k, v in state.items() if v)
        absent = frozenset(k for k, v in state.items() if not v)
        return cls(present, absent, frozenset(a if a.startswith("alarm:") else f"alarm:{a}" for a in alarms))

    def has(self, key: str) -> bool:
        return key in self.present or key in self.alarms

    def knows(self, key: str) -> bool:
        return key in self.present or key in self.absent

    def of_type(self, ftype: str) -> set[str]:
        return {k.split(":", 1)[1] for k in self.present if k.startswith(ftype + ":")}
