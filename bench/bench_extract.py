"""Speed of understanding, printed (never asserted):

- the spaCy extraction alone: p50/p95 per message over the evaluation texts;
- `legbot parse -` on 1,000 lines: lines per second, model load included and excluded.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from bot.evaluation.nlu import load_examples  # noqa: E402
from bot.understanding.extractor import extract  # noqa: E402


def extraction() -> None:
    texts = [ex.text for ex in load_examples(ROOT / "tests" / "eval" / "nlu_eval.yml")]
    for text in texts[:20]:
        extract(text)  # warm-up: builds the pipeline and matchers
    times = []
    for _ in range(5):
        for text in texts:
            start = time.perf_counter()
            extract(text)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"extraction alone: {len(times)} messages, p50 {statistics.median(times):.2f} ms, "
          f"p95 {p95:.2f} ms, max {times[-1]:.2f} ms")


def parse_lines(n: int = 1000) -> None:
    texts = [ex.text for ex in load_examples(ROOT / "tests" / "eval" / "nlu_eval.yml")]
    lines = [texts[i % len(texts)] for i in range(n)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    legbot = [sys.executable, "-m", "bot.cli", "parse"]
    start = time.perf_counter()
    subprocess.run([*legbot, "hi"], cwd=ROOT, capture_output=True, check=True)
    load = time.perf_counter() - start
    start = time.perf_counter()
    with open(f.name, "rb") as stdin:
        result = subprocess.run([*legbot, "-"], cwd=ROOT, stdin=stdin, capture_output=True, check=True)
    total = time.perf_counter() - start
    count = len(result.stdout.splitlines())
    print(f"legbot parse -: {count} lines in {total:.1f} s = {count / total:.1f} lines/s with model "
          f"load; {count / max(total - load, 1e-9):.1f} lines/s after load (one-line run: {load:.1f} s)")
    os.unlink(f.name)


if __name__ == "__main__":
    extraction()
    parse_lines()
