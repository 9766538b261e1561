"""`legbot serve`: start the Rasa server with a profile's settings, refusing unsafe ones.

Two profiles:

- `embedded` (default): `endpoints.yml`, a SQLite tracker store, an in-memory lock store.
- `production`: `endpoints.production.yml`, PostgreSQL and Redis from the environment.

The rules that hold in both: Rasa's HTTP API (/model/parse, /conversations/...) is only
enabled with a token (`LEGBOT_API_TOKEN`, at least 16 characters), and browsers may call the
server only from the origins in `LEGBOT_CORS_ORIGINS` (comma-separated; none by default, which
keeps the server same-origin). Production refuses `*`.

The server runs in this process through Rasa's own command line, so the token never appears
in the process list the way a `--auth-token` argument would.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import get_settings

PROFILES = {"embedded": "endpoints.yml", "production": "endpoints.production.yml"}
PRODUCTION_ENV = ("LEGBOT_ACTION_URL", "LEGBOT_TRACKER_URL", "LEGBOT_LOCK_URL")
MIN_TOKEN_CHARS = 16


class ServeError(ValueError):
    pass


@dataclass(frozen=True)
class ServeOptions:
    profile: str = "embedded"
    port: int = 5005
    interface: str = "0.0.0.0"
    model: str | None = None
    api: bool = False
    endpoints: str | None = None  # overrides the profile's file (tests, benchmarks)


def cors_origins(env: Mapping[str, str], profile: str) -> list[str]:
    origins = [o.strip() for o in env.get("LEGBOT_CORS_ORIGINS", "").split(",") if o.strip()]
    for origin in origins:
        if origin == "*":
            if profile == "production":
                raise ServeError("LEGBOT_CORS_ORIGINS may not be * in production; list the sites")
        elif not origin.startswith(("https://", "http://")) or any(c in origin for c in " ;\"'"):
            raise ServeError(f"not an origin: {origin!r} (expected e.g. https://clinic.example.org)")
    return origins


def rasa_arguments(options: ServeOptions, env: Mapping[str, str], root: Path) -> list[str]:
    """The `rasa run` arguments for these options; raises ServeError for an unsafe setting."""
    if options.profile not in PROFILES:
        raise ServeError(f"unknown profile {options.profile!r} (choose {', '.join(PROFILES)})")
    if options.profile == "production":
        missing = [name for name in PRODUCTION_ENV if not env.get(name)]
        if missing:
            raise ServeError(f"the production profile needs {', '.join(missing)} in the environment")
        if not env["LEGBOT_TRACKER_URL"].startswith("postgresql"):
            raise ServeError("the production profile keeps conversations in PostgreSQL: "
                             "LEGBOT_TRACKER_URL must be a postgresql:// URL")
    endpoints = options.endpoints or str(root / PROFILES[options.profile])
    model = options.model or str(get_settings().model_path)
    argv = ["rasa", "run", "--model", model, "--endpoints", endpoints,
            "--credentials", str(root / "credentials.yml"),
            "--port", str(options.port), "--interface", options.interface]
    origins = cors_origins(env, options.profile)
    if origins:
        argv += ["--cors", *origins]
    if options.api:
        token = env.get("LEGBOT_API_TOKEN", "")
        if len(token) < MIN_TOKEN_CHARS:
            raise ServeError(f"the HTTP API needs LEGBOT_API_TOKEN of at least {MIN_TOKEN_CHARS} "
                             "characters; it is never enabled without one")
        argv += ["--enable-api", "--auth-token", token]
    return argv


def serve(options: ServeOptions) -> int:
    root = get_settings().project_root
    try:
        argv = rasa_arguments(options, os.environ, root)
    except ServeError as exc:
        print(f"legbot serve: {exc}", file=sys.stderr)
        return 2
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.chdir(root)  # custom stores and channels are imported from the project root
    from rasa.__main__ import main as rasa_main

    from bot.resilience import install

    install()

    sys.argv = argv
    rasa_main()
    return 0
