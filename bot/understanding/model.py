"""Load the trained Rasa model once and parse texts with it (used by `legbot parse`)."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from bot.entities import SIGN_TYPES
from bot.understanding.component import EXTRACTOR_NAME, NEGATED_ROLE, TRUNCATED_KEY


class ModelNotFound(FileNotFoundError):
    pass


def quiet_structlog(level: int = logging.WARNING) -> None:
    """Rasa's structlog prints debug events (with message text) to standard output; keep
    standard output for results and health data out of the logs."""
    import structlog

    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )


def findings_from_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The canonical findings among a parse's entities (those of the rule extractor)."""
    return [
        {"type": e["entity"], "value": e["value"], "present": e.get("role") != NEGATED_ROLE}
        for e in entities
        if e.get("extractor") == EXTRACTOR_NAME and e.get("entity") not in SIGN_TYPES
    ]


class NluModel:
    def __init__(self, agent: Any):
        self._agent = agent
        self._loop = asyncio.new_event_loop()

    @classmethod
    def load(cls, model_path: str | Path) -> NluModel:
        path = Path(model_path)
        if not path.exists():
            raise ModelNotFound(f"no trained model at {path}: run `make train` first")
        from rasa.core.agent import Agent

        agent = Agent.load(str(path))
        quiet_structlog()  # after loading: Rasa configures structlog while it loads
        return cls(agent)

    def parse(self, text: str) -> dict[str, Any]:
        result = self._loop.run_until_complete(self._agent.parse_message(text))
        intent = result.get("intent") or {}
        entities = result.get("entities") or []
        out = {
            "text": text,
            "intent": {"name": intent.get("name"),
                       "confidence": round(float(intent.get("confidence") or 0.0), 4)},
            "findings": findings_from_entities(entities),
            "entities": entities,
        }
        if result.get(TRUNCATED_KEY):
            out["notice"] = "only the first part of a long message was read"
        return out
