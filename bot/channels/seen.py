"""Remember recent delivery ids, so a redelivered event is answered once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable


class SeenIds:
    """The last ``size`` ids seen; ``seen(x)`` is True from the second time on."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._ids: OrderedDict[Hashable, None] = OrderedDict()

    def seen(self, key: Hashable | None) -> bool:
        if key is None or key == "":
            return False
        if key in self._ids:
            return True
        self._ids[key] = None
        while len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return False
