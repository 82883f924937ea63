"""Poll a server's /_stcore/health from a child process of its own (stdlib only, starts fast), so the
load generator's or test's own work never delays the probe.

    python -m benchmarks.health URL EVERY     # prints "unix_time seconds ok" per probe until stopped
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def probe(url: str) -> tuple[float, bool]:
    """One GET {url}/_stcore/health: seconds taken and whether it answered ok (10 s at most)."""
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
            ok = answer.read().decode().strip() == "ok"
    except OSError:
        ok = False
    return time.perf_counter() - began, ok


class HealthProbe:
    """Context manager: a child process probes every `every` seconds; `samples` = [(time, s, ok)]."""

    def __init__(self, url: str, every: float = 0.25) -> None:
        self.url, self.every = url, every
        self.samples: list[tuple[float, float, bool]] = []
        self._first = threading.Event()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            at, seconds, ok = line.split()
            self.samples.append((float(at), float(seconds), ok == "1"))
            self._first.set()

    def __enter__(self) -> HealthProbe:
        command = [sys.executable, "-u", "-m", "benchmarks.health", self.url, str(self.every)]
        self._proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._first.wait(30):  # the first probe is back before the load starts
            self._proc.kill()
            raise RuntimeError("the health probe did not start")
        return self

    def __exit__(self, *_: object) -> None:
        self._proc.terminate()
        self._proc.wait(10)
        self._reader.join(5)


def main(argv: list[str]) -> int:
    url, every = argv[0], float(argv[1])
    while True:
        seconds, ok = probe(url)
        print(f"{time.time():.3f} {seconds:.4f} {int(ok)}", flush=True)
        time.sleep(every)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
