"""Wait until a URL answers 200: `python -m bot.tools.wait_http URL [SECONDS]`."""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request


def wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    return False


if __name__ == "__main__":
    target = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    if not wait_http(target, seconds):
        print(f"{target} did not answer within {seconds:.0f} s", file=sys.stderr)
        sys.exit(1)
