"""One frozen settings object, read from the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Where things live. Every field can be overridden with a LEGBOT_* variable."""

    project_root: Path
    documents_dir: Path
    lexicon_path: Path
    database_url: str
    tracker_url: str
    model_path: Path
    concern_model_path: Path  # bot/understanding/concern.py, built by `make kb`
    vignettes_dir: Path  # the vignette sets; the concern model learns from the development ones
    max_text_chars: int  # longer messages are cut to this, and the user is told
    refuse_text_chars: int  # longer messages are refused before anything reads them
    max_document_bytes: int


def _path(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    root = _path("LEGBOT_PROJECT_ROOT", PROJECT_ROOT)
    sqlite_default = f"sqlite:///{root / 'var' / 'knowledge.db'}"
    return Settings(
        project_root=root,
        documents_dir=_path("LEGBOT_DOCUMENTS_DIR", root / "data" / "documents"),
        lexicon_path=_path("LEGBOT_LEXICON", root / "data" / "lexicon.yml"),
        database_url=os.environ.get("LEGBOT_DATABASE_URL", sqlite_default),
        tracker_url=os.environ.get("LEGBOT_TRACKER_URL", f"sqlite:///{root / 'var' / 'tracker.db'}"),
        model_path=_path("LEGBOT_MODEL", root / "models" / "legbot.tar.gz"),
        concern_model_path=_path("LEGBOT_CONCERN_MODEL", root / "var" / "concern.joblib"),
        vignettes_dir=_path("LEGBOT_VIGNETTES_DIR", root / "tests" / "eval"),
        max_text_chars=int(os.environ.get("LEGBOT_MAX_TEXT_CHARS", "2000")),
        refuse_text_chars=int(os.environ.get("LEGBOT_REFUSE_TEXT_CHARS", "10000")),
        max_document_bytes=int(os.environ.get("LEGBOT_MAX_DOCUMENT_BYTES", str(1024 * 1024))),
    )
