"""The legbot command: build-kb, build-concern, parse, assess, purge, serve."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator

from bot.understanding.text import clean_text

BINARY_SHARE = 0.3  # a line whose characters are mostly control characters is binary junk


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    parser = argparse.ArgumentParser(prog="legbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build-kb", help="build the knowledge store from data/documents")
    build.add_argument("--documents", help="folder of source documents (default: data/documents)")
    build.add_argument("--database-url",
                       help="SQLAlchemy URL (default: LEGBOT_DATABASE_URL or var/knowledge.db)")
    concern = sub.add_parser("build-concern", help="train the concern model on the development "
                             "vignette sets (bot/understanding/concern.py)")
    concern.add_argument("--sets", help="folder of vignette sets (default: tests/eval)")
    concern.add_argument("--out", help="where to save it (default: var/concern.joblib)")
    purge = sub.add_parser("purge", help="delete conversations older than a retention period")
    purge.add_argument("--older-than", required=True, help="retention period, e.g. 30d, 12h, 2w")
    purge.add_argument("--tracker-url", help="SQLAlchemy URL of the tracker store "
                       "(default: LEGBOT_TRACKER_URL or var/tracker.db)")
    run = sub.add_parser("serve", help="start the Rasa server with a profile (embedded or production)")
    run.add_argument("--profile", default=os.environ.get("LEGBOT_PROFILE", "embedded"),
                     help="embedded (SQLite, default) or production (PostgreSQL and Redis)")
    run.add_argument("--port", type=int, default=5005)
    run.add_argument("--interface", default="0.0.0.0")
    run.add_argument("--model", help="trained Rasa model (default: models/legbot.tar.gz)")
    run.add_argument("--endpoints", help="endpoints file instead of the profile's")
    run.add_argument("--api", action="store_true",
                     help="enable Rasa's HTTP API (needs LEGBOT_API_TOKEN)")
    for name, what in (("parse", "a message"), ("assess", "a whole case")):
        cmd = sub.add_parser(name, help=f"read {what}; TEXT or - for one per line on standard input")
        cmd.add_argument("text", help="the text, or - to read lines from standard input")
        cmd.add_argument("--model", help="trained Rasa model (default: models/legbot.tar.gz)")
    args = parser.parse_args(argv)
    if args.command == "serve":
        from bot.serve import ServeOptions, serve

        return serve(ServeOptions(args.profile, args.port, args.interface, args.model, args.api,
                                  args.endpoints))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build-kb":
        return _build_kb(args)
    if args.command == "build-concern":
        return _build_concern(args)
    if args.command == "purge":
        return _purge(args)
    return _run_lines(args)


def _build_kb(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.knowledge.build import BuildError, build_store
    from bot.lexicon import LexiconError, get_lexicon
    from bot.settings import get_settings

    settings = get_settings()
    documents = Path(args.documents) if args.documents else settings.documents_dir
    url = args.database_url or settings.database_url
    try:
        report = build_store(documents, url, get_lexicon(settings.lexicon_path),
                             settings.max_document_bytes,
                             warn=lambda msg: print(f"warning: {msg}", file=sys.stderr))
    except (BuildError, LexiconError) as exc:
        print(f"legbot build-kb: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _build_concern(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.settings import get_settings
    from bot.understanding.concern import train_concern_model

    settings = get_settings()
    out = Path(args.out) if args.out else settings.concern_model_path
    try:
        model = train_concern_model(Path(args.sets) if args.sets else settings.vignettes_dir,
                                    settings.project_root / "data" / "nlu", out)
    except (OSError, ValueError, KeyError) as exc:
        print(f"legbot build-concern: {exc}", file=sys.stderr)
        return 1
    print(f"concern model: {model.examples} examples ({len(model.trained_on)} development sets "
          "and the NLU data's questions and small talk), "
          f"threshold {model.threshold}, saved to {out}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from bot.privacy import PurgeError, parse_period, purge_older_than
    from bot.settings import get_settings

    url = args.tracker_url or get_settings().tracker_url
    try:
        report = purge_older_than(url, parse_period(args.older_than))
    except PurgeError as exc:
        print(f"legbot purge: {exc}", file=sys.stderr)
        return 2
    print(f"deleted {report.conversations} conversations ({report.events} events); kept {report.kept}")
    return 0


def _run_lines(args: argparse.Namespace) -> int:
    from bot.settings import get_settings

    settings = get_settings()
    handler = _make_handler(args.command, args.model or str(settings.model_path))
    for text in _inputs(args.text):
        print(json.dumps(_safe(handler, text, settings.max_text_chars), ensure_ascii=False), flush=True)
    return 0


def _inputs(text: str) -> Iterator[str]:
    if text != "-":
        yield text
        return
    stream = sys.stdin.buffer
    for raw in stream:
        yield raw.decode("utf-8", errors="surrogateescape").rstrip("\r\n")


def _safe(handler: Callable[[str], dict], text: str, max_chars: int) -> dict:
    """Check one input, run the handler, and turn any failure into an error object."""
    shown = text[:200].encode("utf-8", "replace").decode("utf-8")
    problem = input_problem(text, max_chars)
    if problem:
        return {"text": shown, "error": problem}
    try:
        return handler(text)
    except Exception as exc:  # one bad line must not stop the batch
        logging.getLogger(__name__).exception("failed on one input")
        return {"text": shown, "error": f"internal error: {type(exc).__name__}"}


def input_problem(text: str, max_chars: int) -> str | None:
    """Why an input cannot be read, or None. Long text is refused, not silently cut."""
    if not text.strip():
        return "empty input: please describe how your legs feel"
    if len(text) > max_chars:
        return f"input too long: {len(text):,} characters (the limit is {max_chars:,})"
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in text):
        return "input is not valid UTF-8 text"
    cleaned = clean_text(text, max_chars).text
    junk = sum(1 for a, b in zip(text, cleaned, strict=True) if a != b and a not in "\t")
    if junk / len(text) > BINARY_SHARE:
        return "input looks like binary data, not text"
    return None


def _make_handler(command: str, model_path: str) -> Callable[[str], dict]:
    from bot.understanding.model import NluModel

    model = NluModel.load(model_path)
    if command == "parse":
        return model.parse
    from bot.triage.assess import assess_text

    return lambda text: assess_text(text, model)


if __name__ == "__main__":
    sys.exit(main())
