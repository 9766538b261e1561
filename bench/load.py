"""Load benchmark: simulated users talk to the real servers over REST; figures are printed and
written to bench/results.json, never asserted.

    python bench/load.py [--quick] [--out bench/results.json]

Legbot runs on the production profile (PostgreSQL tracker store in a fresh database, Redis
lock store, one action server, two Rasa replicas). The baseline is a bare `rasa init` bot,
trained by this script in a temporary folder, on one Rasa server with its default in-memory
stores. Both get the same scripted conversations (bench/conversations.yml), each user playing
one conversation after another with a fresh sender id, turns in order:

- c1: one user against one replica (the p50 ratio compares like with like);
- c10 and c50: that many users at once; Legbot's turns alternate between the two replicas
  (as behind a load balancer without sticky sessions), the baseline has its one server;
- c1, c10 and c50 are closed loops: each user sends its next turn as soon as the answer
  arrives, so they measure capacity; c10_paced has ten users who pause about a second
  (0.5 to 1.5 s) before each turn, nearer to people reading and typing.

Every server first plays each conversation once, unmeasured (warm-up).

Latency is measured per turn by the client, failed turns included (at the time they took).
Errors: HTTP status other than 200, exceptions, timeouts, and (for Legbot, whose every
scripted turn expects an answer) an empty reply.
`--quick` runs fewer turns and reuses models/legbot.tar.gz and a cached baseline model
(var/bench-baseline) instead of training; it says so in its output.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

import aiohttp  # noqa: E402
import yaml  # noqa: E402

from tests.e2e.deployment import BASE_ENV, BIN, Deployment, Process, free_port  # noqa: E402

CONVERSATIONS = ROOT / "bench" / "conversations.yml"
BASELINE_CACHE = ROOT / "var" / "bench-baseline"
TURNS = {"full": {"c1": 150, "c10": 600, "c50": 1500, "c10_paced": 300},
         "quick": {"c1": 30, "c10": 150, "c50": 300, "c10_paced": 100}}
# (name, users, think time in seconds): closed loop (each user sends its next turn as soon as
# the answer comes: the servers' capacity), then ten users who pause about a second per turn.
LEVELS = (("c1", 1, 0.0), ("c10", 10, 0.0), ("c50", 50, 0.0), ("c10_paced", 10, 1.0))
GOALS = {"ratio_p50_c1": 1.5, "p95_ms_c10": 150.0, "turns_per_s_c50": 40.0, "errors": 0}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def run_load(urls: list[str], conversations: list[list[str]], users: int, turns: int,
                   expect_reply: bool, think_s: float = 0.0) -> dict:
    """`users` simulated users play conversations until `turns` turns have been sent; with
    `think_s`, each user pauses that long on average (0.5x to 1.5x) before each turn, as a
    person reading the answer and typing would."""
    latencies: list[float] = []
    errors = {"http": 0, "exception": 0, "empty": 0}
    budget = itertools.count()
    scripts = itertools.cycle(conversations)
    replica = itertools.count()

    async def user(session: aiohttp.ClientSession) -> None:
        while True:
            script = next(scripts)
            sender = f"bench-{uuid.uuid4().hex[:12]}"
            for text in script:
                if next(budget) >= turns:
                    return
                url = urls[next(replica) % len(urls)]
                if think_s:
                    await asyncio.sleep(think_s * random.uniform(0.5, 1.5))
                start = time.perf_counter()
                try:
                    async with session.post(f"{url}/webhooks/rest/webhook",
                                            json={"sender": sender, "message": text}) as response:
                        body = await response.json(content_type=None) if response.status == 200 else None
                        latencies.append((time.perf_counter() - start) * 1000)
                        if response.status != 200:
                            errors["http"] += 1
                        elif expect_reply and not body:
                            errors["empty"] += 1
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                    errors["exception"] += 1
                    latencies.append((time.perf_counter() - start) * 1000)  # a failure is slow too

    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(user(session) for _ in range(users)))
        elapsed = time.perf_counter() - started
    return {"p50_ms": round(percentile(latencies, 0.50), 1), "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "turns_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
            "errors": sum(errors.values()), "error_kinds": errors,
            "turns": len(latencies)}


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0
    pids = [str(pid)]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += children
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def timed(argv: list[str], cwd: Path, log: Path) -> float:
    started = time.perf_counter()
    with open(log, "w") as out:
        subprocess.run(argv, cwd=cwd, env=BASE_ENV, stdout=out, stderr=subprocess.STDOUT, check=True)
    return round(time.perf_counter() - started, 1)


def train_legbot(work: Path, quick: bool) -> tuple[Path, float | None]:
    if quick:
        return ROOT / "models" / "legbot.tar.gz", None
    out = work / "legbot-model"
    seconds = timed([str(BIN / "rasa"), "train", "--fixed-model-name", "legbot", "--out", str(out)],
                    ROOT, work / "train-legbot.log")
    return out / "legbot.tar.gz", seconds


def train_baseline(work: Path, quick: bool) -> tuple[Path, float | None]:
    """A `rasa init` bot in a temporary folder (rasa init trains it); cached for --quick."""
    cached = BASELINE_CACHE / "models"
    if quick and cached.is_dir() and any(cached.glob("*.tar.gz")):
        return BASELINE_CACHE, None
    folder = work / "baseline"
    folder.mkdir()
    seconds = timed([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(folder)], work,
                    work / "train-baseline.log")
    shutil.rmtree(BASELINE_CACHE, ignore_errors=True)
    BASELINE_CACHE.parent.mkdir(exist_ok=True)
    shutil.copytree(folder, BASELINE_CACHE)
    return folder, seconds


def start_baseline(folder: Path, work: Path) -> Process:
    port = free_port()
    model = sorted((folder / "models").glob("*.tar.gz"))[-1]
    process = Process("baseline", [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port),
                                   "--interface", "127.0.0.1"],
                      BASE_ENV, work / "baseline.log", f"http://127.0.0.1:{port}/", 240)
    process.url = f"http://127.0.0.1:{port}"
    process.start()
    return process


PROFILE_DIR = ROOT / "var" / "profile"


def profile_start(pids: dict[str, int]) -> list[tuple[str, subprocess.Popen]]:
    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    return [(name, subprocess.Popen([str(BIN / "py-spy"), "record", "--pid", str(pid), "--format", "raw",
                                     "--rate", "200", "--output", str(PROFILE_DIR / f"{name}.txt")],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            for name, pid in pids.items()]


def profile_stop(profilers: list[tuple[str, subprocess.Popen]]) -> None:
    """Stop sampling and print, per process, the functions seen in most samples."""
    import signal

    for name, proc in profilers:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        counts: dict[str, int] = {}
        total = 0
        for line in (PROFILE_DIR / f"{name}.txt").read_text().splitlines():
            stack, _, n = line.rpartition(" ")
            total += int(n)
            for frame in set(stack.split(";")):
                counts[frame] = counts.get(frame, 0) + int(n)
        print(f"\nprofile of {name} ({total} samples): functions by share of samples")
        for frame, n in sorted(counts.items(), key=lambda kv: -kv[1])[:40]:
            print(f"  {100 * n / total:5.1f}%  {frame}")


def table(results: dict) -> str:
    rows = ["| bot | users | p50 ms | p95 ms | p99 ms | turns/s | errors | turns |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for bot in ("legbot", "baseline"):
        for level, r in results[bot].items():
            rows.append(f"| {bot} | {level} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                        f"{r['turns_per_s']} | {r['errors']} | {r['turns']} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument("--profile", action="store_true",
                        help="sample replica a and the action server with py-spy during Legbot's c10 "
                             "phase; raw stacks and a summary go to var/profile/")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    conversations = [c["turns"] for c in yaml.safe_load(CONVERSATIONS.read_text())]
    wall = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="legbot-bench-"))
    deployment = Deployment(work, redis_db=7)
    baseline = None
    try:
        model, train_s = train_legbot(work, args.quick)
        baseline_folder, baseline_train_s = train_baseline(work, args.quick)
        skipped = "skipped (--quick reuses the model)"
        print(f"training: legbot {skipped if train_s is None else f'{train_s} s'}, "
              f"baseline {skipped if baseline_train_s is None else f'{baseline_train_s} s'}")
        actions = deployment.actions()
        actions.start()
        first = deployment.replica("replica-a")
        first.argv[first.argv.index("--model") + 1] = str(model)
        started = time.perf_counter()
        first.start()
        load_s = round(time.perf_counter() - started, 1)
        second = deployment.replica("replica-b")
        second.argv[second.argv.index("--model") + 1] = str(model)
        second.start()
        baseline = start_baseline(baseline_folder, work)
        turns = TURNS[mode]
        # Warm-up, not measured: every conversation once on each server (first requests pay
        # for connection pools and TensorFlow's first calls).
        warm_up = sum(len(c) for c in conversations)
        for url, expect in ((first.url, True), (second.url, True), (baseline.url, False)):
            asyncio.run(run_load([url], conversations, 1, warm_up, expect))
        results: dict = {"legbot": {}, "baseline": {}}
        for level, users, think_s in LEVELS:
            urls = [first.url] if users == 1 else [first.url, second.url]
            profilers = profile_start({"rasa": first.proc.pid, "actions": actions.proc.pid}) \
                if args.profile and level == "c10" else []
            try:
                results["legbot"][level] = asyncio.run(
                    run_load(urls, conversations, users, turns[level], True, think_s))
            finally:
                profile_stop(profilers)
            results["baseline"][level] = asyncio.run(
                run_load([baseline.url], conversations, users, turns[level], False, think_s))
            print(f"{level}: legbot p50 {results['legbot'][level]['p50_ms']} ms, "
                  f"baseline p50 {results['baseline'][level]['p50_ms']} ms", flush=True)
        ratio = results["legbot"]["c1"]["p50_ms"] / results["baseline"]["c1"]["p50_ms"]
        results["ratio_p50_c1"] = round(ratio, 2)
        results["train_s"] = train_s
        results["baseline_train_s"] = baseline_train_s
        results["load_s"] = load_s
        results["rss_mb"] = {"legbot_replica_a": peak_rss_mb(first.proc.pid),
                             "legbot_replica_b": peak_rss_mb(second.proc.pid),
                             "action_server": peak_rss_mb(actions.proc.pid),
                             "baseline": peak_rss_mb(baseline.proc.pid)}
        results["mode"] = mode
        results["setup"] = ("legbot: production profile, 2 replicas (c1 on one), PostgreSQL + Redis, "
                            "1 action server; baseline: rasa init bot, 1 server, in-memory stores")
        results["goals"] = GOALS
        if args.quick and train_s is None:
            previous = Path(args.out)
            if previous.exists():
                old = json.loads(previous.read_text())
                results["train_s"] = old.get("train_s")
                results["train_s_note"] = "not measured in --quick; carried over from the last full run"
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
        print()
        print(table(results))
        legbot = results["legbot"]
        print(f"\nratio of p50 at c1 (legbot / baseline): {results['ratio_p50_c1']} "
              f"(goal <= {GOALS['ratio_p50_c1']})")
        print(f"legbot p95 at c10: {legbot['c10']['p95_ms']} ms (goal <= {GOALS['p95_ms_c10']}; "
              f"the bare baseline's: {results['baseline']['c10']['p95_ms']} ms); with pauses "
              f"(c10_paced): {legbot['c10_paced']['p95_ms']} ms")
        print(f"legbot turns/s at c50 across 2 replicas: {legbot['c50']['turns_per_s']} "
              f"(goal >= {GOALS['turns_per_s_c50']})")
        print(f"legbot errors: {sum(r['errors'] for r in legbot.values())} (goal 0)")
        print(f"training: legbot {results['train_s']} s, baseline {baseline_train_s} s; "
              f"legbot model load {load_s} s; peak RSS MB {results['rss_mb']}")
        print(f"written to {args.out}; wall time {time.perf_counter() - wall:.0f} s")
    finally:
        if baseline:
            baseline.stop()
        deployment.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
