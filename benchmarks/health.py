"""Poll a server's /_stcore/health in a process of its own (stdlib only, so it starts fast), so the load
generator's own work never delays the probe."""

from __future__ import annotations

import time
import urllib.request
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event


def poll(url: str, started: Event, stop: Event, conn: Connection, every: float) -> None:
    """Probe every `every` seconds until stopped; send [(time, seconds, ok)] back."""
    samples: list[tuple[float, float, bool]] = []
    while not stop.is_set():
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
                ok = answer.read().decode().strip() == "ok"
        except OSError:
            ok = False
        samples.append((time.time(), time.perf_counter() - began, ok))
        started.set()
        stop.wait(every)
    conn.send(samples)
