"""Serving benchmark: N concurrent viewers against a real `streamlit run` (or several behind Caddy).

    make bench-serve                                        # = python -m benchmarks.serve
    python -m benchmarks.serve --sessions 1,5,10 --rounds 1 # a short run while developing
    python -m benchmarks.serve --workers 2                  # two workers behind the proxy

Each viewer, for each round, opens every page as a new session (HTTP GET of the page, websocket,
rerun request) and then changes a filter on it; every render is timed from the rerun request to the
server's script_finished message. A separate process polls /_stcore/health throughout; psutil samples
the server processes' CPU and RSS. Results: benchmarks/results/serve-<label>.json and a table.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from benchmarks import quiet
from benchmarks.health import HealthProbe
from benchmarks.protocol import Render, Viewer
from benchmarks.serve_report import print_table, summarize, verdicts
from deploy.serve import Cluster, start

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
# page, query string, the widget changed after the first render (key, how to pick the new value)
PLAN = (
    ("", "", "f_year"),
    ("coverage", "", "f_year"),
    ("funding", "", "f_year"),
    ("organizations", "org_q=养老", "org_q"),
    ("quality", "", "q_kinds"),
)


def _change(viewer: Viewer, key: str, index: int) -> dict[str, str | list[str]]:
    """A new value for the widget: another year-end per viewer (three variants), another search, both kinds."""
    if key not in viewer.widgets:
        return {}
    options = viewer.widgets[key].options
    if key == "f_year":
        return {key: options[min(len(options) - 1, 1 + index % 3)]}
    if key == "org_q":
        return {key: ("协会", "中心", "基金")[index % 3]}
    return {key: options}


async def viewer_loop(index: int, url: str, rounds: int, timeout: float, out: list[Render]) -> None:
    """One viewer: every page, every round; the first round of every third viewer carries ?year=²."""
    viewer = Viewer(url, timeout)
    try:
        for r in range(rounds):
            for page, query, key in PLAN:
                hostile = "year=²" if r == 0 and index % 3 == 0 else ""
                first = await viewer.open(page, "&".join(q for q in (query, hostile) if q))
                out.append(first)
                change = _change(viewer, key, index) if first.status == "ok" else {}
                if change:
                    out.append(await viewer.change(change))
    finally:
        await viewer.close()


class Probes:
    """Health latency (a child process) and the server processes' CPU and RSS (psutil) during a load."""

    def __init__(self, cluster: Cluster, every: float = 0.25) -> None:
        self._health = HealthProbe(cluster.url, every)
        self._procs = [psutil.Process(pid) for pid in cluster.pids()]
        self.resources: list[
            tuple[float, float, float]
        ] = []  # time, cpu % (100 = one core), rss MiB
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)

    def _sample(self, every: float) -> None:
        for proc in self._procs:
            proc.cpu_percent(None)
        while not self._done.wait(every):
            try:
                cpu = sum(p.cpu_percent(None) for p in self._procs)
                rss = sum(p.memory_info().rss for p in self._procs) / 2**20
            except psutil.Error:
                continue
            self.resources.append((time.time(), cpu, rss))

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server processes have used so far."""
        return sum(sum(p.cpu_times()[:2]) for p in self._procs)

    def __enter__(self) -> Probes:
        self._health.__enter__()
        self._thread.start()
        self.cpu_before = self.cpu_seconds()
        return self

    def __exit__(self, *_: object) -> None:
        self.cpu_used = self.cpu_seconds() - self.cpu_before
        self._done.set()
        self._health.__exit__()
        self.health = self._health.samples
        self._thread.join(5)


async def _load(
    sessions: int, url: str, rounds: int, timeout: float, limit: float
) -> tuple[list[Render], int]:
    """Run every viewer at once; viewers still running at `limit` seconds are stopped and counted."""
    out: list[Render] = []
    tasks = [
        asyncio.create_task(viewer_loop(i, url, rounds, timeout, out)) for i in range(sessions)
    ]
    done, pending = await asyncio.wait(tasks, timeout=limit)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception() is not None:
            out.append(Render("?", "first", 0.0, status=f"error: {task.exception()!r}"))
    return out, len(pending)


def run_level(sessions: int, args: argparse.Namespace, warehouse: Path) -> dict[str, object]:
    """A fresh server (or cluster), a warm-up viewer, then `sessions` viewers at once, measured."""
    cluster = start(args.workers, None, warehouse, proxy=args.proxy or args.workers > 1)
    try:
        warm: list[Render] = []
        for (
            url
        ) in cluster.worker_urls:  # every worker once over every page, straight, not via the proxy
            warm += asyncio.run(_load(1, url, 1, args.render_timeout, args.level_timeout))[0]
        client = psutil.Process()
        cpu_before = sum(client.cpu_times()[:2])
        started = time.perf_counter()
        with Probes(cluster) as probes:
            renders, stopped = asyncio.run(
                _load(sessions, cluster.url, args.rounds, args.render_timeout, args.level_timeout)
            )
        wall = time.perf_counter() - started
        result = summarize(renders, probes.health, probes.resources, wall)
        ok = sum(r.status == "ok" for r in renders)
        result["server"]["cpu_s_per_render"] = round(probes.cpu_used / ok, 3) if ok else None  # type: ignore[index]
        result.update(sessions=sessions, rounds=args.rounds, workers=args.workers,
                      viewers_stopped=stopped, client_cpu_s=sum(client.cpu_times()[:2]) - cpu_before,
                      cold_first_render_s={r.page or "overview": round(r.total_s, 3) for r in warm[:10] if r.kind == "first"})  # fmt: skip
        return result
    finally:
        cluster.stop()


def prepare_warehouse(scale: str, work: Path) -> Path:
    """The bundled sample refreshed into a scratch file, or the national-scale one (made once)."""
    from pipeline.refresh import refresh_warehouse

    if scale == "sample":
        target = work / "sample.duckdb"
        assert refresh_warehouse(REPO / "data" / "raw", target).status == "succeeded"
        return target
    from benchmarks.run import ensure_register

    national = REPO / "data" / "national"
    target = national / "national-serve.duckdb"
    stamp = national / "national-serve.code"  # the code that built it: rebuilt when that changes
    code = code_stamp()
    if not target.exists() or not stamp.exists() or stamp.read_text() != code:
        raw = ensure_register(national / "raw", 1_000_000, 7)
        print(f"refreshing the 1M-organization warehouse into {target} ...", flush=True)
        assert refresh_warehouse(raw, target).status == "succeeded"
        stamp.write_text(code)
    return target


def code_stamp() -> str:
    """A digest of the code that builds a warehouse (pipeline/ and schemas/, Python and SQL)."""
    digest = hashlib.sha256()
    for path in sorted([*REPO.glob("pipeline/**/*.py"), *REPO.glob("pipeline/**/*.sql"),
                        *REPO.glob("schemas/**/*.py"), *REPO.glob("schemas/data/*")]):  # fmt: skip
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", default="1,5,10,20,40", help="concurrent viewers per level")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over every page per viewer")
    parser.add_argument(
        "--workers", type=int, default=1, help="Streamlit processes (>1: behind Caddy)"
    )
    parser.add_argument(
        "--proxy", action="store_true", help="put Caddy in front even of one worker"
    )
    parser.add_argument("--scale", choices=("sample", "national"), default="sample")
    parser.add_argument(
        "--render-timeout", type=float, default=60, help="seconds before a render counts as hung"
    )
    parser.add_argument(
        "--level-timeout", type=float, default=600, help="seconds before a level is stopped"
    )
    parser.add_argument("--label", help="results file suffix (default: <scale>-w<workers>)")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="wait up to this long for the load average to fall to 1.0 first",
    )
    parser.add_argument(
        "--cooldown",
        type=float,
        default=quiet.COOLDOWN_S,
        metavar="SECONDS",
        help="longest wait after the end for this run's own load to decay",
    )
    args = parser.parse_args(argv)
    label = args.label or f"{args.scale}-w{args.workers}{'-proxy' if args.proxy else ''}"
    levels = [int(n) for n in args.sessions.split(",")]
    before = quiet.wait_until_quiet(args.wait_quiet)  # before any work of this run
    with tempfile.TemporaryDirectory(prefix="shuniu-bench-serve-") as work:
        warehouse = prepare_warehouse(args.scale, Path(work))
        results = []
        for n in levels:
            print(f"[{label}] {n} concurrent viewers ...", flush=True)
            results.append(run_level(n, args, warehouse))
    print("[load] waiting for this run's own load to decay ...", flush=True)
    after, waited = quiet.settled(args.cooldown)
    machine = quiet.Quiet(before, after, waited)
    payload = {"measured_at": dt.datetime.now().isoformat(timespec="seconds"), "cores": os.cpu_count(),
               "label": label, "scale": args.scale, "workers": args.workers, "load": machine.to_json(),
               "levels": results, "targets": verdicts(results)}  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = quiet.results_path(RESULTS / f"serve-{label}.json", machine)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print_table(payload)
    print(f"\n{machine.sentence()}")
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
