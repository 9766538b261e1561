"""What is known about the user's legs: findings present, findings denied, alarms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.entities import COMPARED, ONE_SIDED


@dataclass(frozen=True)
class Facts:
    present: frozenset[str] = frozenset()  # "symptom:swelling"
    absent: frozenset[str] = frozenset()  # denied: "no swelling"
    # Signs outside the contract's findings: "alarm:coughing_blood", "history:injury".
    alarms: frozenset[str] = frozenset()

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
        return cls(present, absent, frozenset(a if ":" in a else f"alarm:{a}" for a in alarms))

    def has(self, key: str) -> bool:
        return key in self.present or key in self.alarms

    def one_sided(self) -> bool:
        """Is one leg meant? A side the user named decides ("my left calf", "both legs");
        without one, the way it was said ("my calf is swollen", "one leg")."""
        sides = self.of_type("side")
        single = sides & {"left", "right"}
        if single:  # one of left and right, not both, nor "both" ...
            # ... unless one leg was compared with the other: "both ankles swell, but since the
            # flight my left leg is way bigger than the right"
            return len(single) == 1 and ("both" not in sides or ONE_SIDED in self.alarms)
        # "my calf is swollen" then "both": both; "both legs ache, but one is more swollen than
        # the other": the comparison decides
        return ONE_SIDED in self.alarms and ("both" not in sides or COMPARED in self.alarms)

    def told(self) -> frozenset[str]:
        """Everything present, the signs included, with one-sidedness as decided above."""
        signs = self.alarms - {ONE_SIDED, COMPARED}
        return self.present | signs | ({ONE_SIDED} if self.one_sided() else set())

    def knows(self, key: str) -> bool:
        return key in self.present or key in self.absent

    def of_type(self, ftype: str) -> set[str]:
        return {k.split(":", 1)[1] for k in self.present if k.startswith(ftype + ":")}
