"""The serving benchmark's figures: percentiles per page, errors, health, server CPU and RSS; the
verdict against the targets; the printed table."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from benchmarks.protocol import Render

TARGETS = {"at_sessions": 20, "render_p95_s": 2.0, "health_max_s": 1.0}


def stats(values: Sequence[float]) -> dict[str, float | int]:
    """n, p50, p95 and max of seconds (nearest-rank percentiles)."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def rank(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]

    return {"n": len(ordered), "p50": round(rank(0.5), 3), "p95": round(rank(0.95), 3),
            "max": round(ordered[-1], 3)}  # fmt: skip


def _errors(renders: Sequence[Render]) -> dict[str, object]:
    exceptions = [e for r in renders for e in r.exceptions]
    failed = [r for r in renders if r.status not in ("ok", "timeout")]
    return {
        "exceptions": len(exceptions),
        "timeouts": sum(r.status == "timeout" for r in renders),
        "failures": len(failed),
        "samples": sorted(set(exceptions) | {f"{r.page}: {r.status}" for r in failed})[:8],
    }


def summarize(
    renders: Sequence[Render],
    health: Sequence[tuple[float, float, bool]],
    resources: Sequence[tuple[float, float, float]],
    wall: float,
) -> dict[str, object]:
    """Every figure of one level."""
    ok = [r for r in renders if r.status == "ok"]
    pages = {}
    for page in dict.fromkeys(r.page for r in renders):
        mine = [r for r in ok if r.page == page]
        pages[page or "overview"] = {
            "first": stats([r.total_s for r in mine if r.kind == "first"]),
            "first_script": stats([r.seconds for r in mine if r.kind == "first"]),
            "change": stats([r.seconds for r in mine if r.kind == "change"]),
        }
    latencies = [s for _, s, good in health if good]
    cpu, rss = [c for _, c, _ in resources], [m for _, _, m in resources]
    return {
        "wall_s": round(wall, 1),
        "renders": len(renders),
        "renders_per_s": round(len(ok) / wall, 2) if wall else 0,
        "first": stats([r.total_s for r in ok if r.kind == "first"]),
        "change": stats([r.seconds for r in ok if r.kind == "change"]),
        "pages": pages,
        "errors": _errors(renders),
        "health": {**stats(latencies), "failed": sum(not good for *_, good in health)},
        "server": {
            "cpu_mean_pct": round(statistics.fmean(cpu), 1) if cpu else None,
            "cpu_max_pct": round(max(cpu), 1) if cpu else None,
            "rss_start_mib": round(rss[0], 1) if rss else None,
            "rss_max_mib": round(max(rss), 1) if rss else None,
            "rss_end_mib": round(rss[-1], 1) if rss else None,
        },
        "first_renders_by_worker": dict(
            Counter(r.worker for r in renders if r.kind == "first" and r.worker)
        ),
    }


def _worst_p95(level: dict[str, object]) -> float:
    pages = level["pages"].values()  # type: ignore[attr-defined]
    return max((p[k].get("p95", 0.0) for p in pages for k in ("first", "change")), default=0.0)


def verdicts(levels: Sequence[dict[str, object]]) -> dict[str, str]:
    """The targets at 20 concurrent viewers (or the largest level run below it): met, or the gap."""
    candidates = [lv for lv in levels if lv["sessions"] <= TARGETS["at_sessions"]]  # type: ignore[operator]
    if not candidates:
        return {"note": "no level at or below 20 viewers was run"}
    level = max(candidates, key=lambda lv: lv["sessions"])  # type: ignore[arg-type,return-value]
    errors = level["errors"]
    bad = errors["exceptions"] + errors["timeouts"] + errors["failures"] + level["viewers_stopped"]  # type: ignore[index,operator]
    worst = _worst_p95(level)
    health = (
        level["health"].get("max", float("inf")) if not level["health"]["failed"] else float("inf")
    )  # type: ignore[attr-defined,index]
    return {
        "at_sessions": str(level["sessions"]),
        "zero_errors_and_hangs": "met" if bad == 0 else f"MISSED ({bad} errors, timeouts or hangs)",
        "render_p95_under_2s": "met" if worst < TARGETS["render_p95_s"] else f"MISSED (worst page p95 {worst:.2f} s)",
        "health_under_1s": "met" if health < TARGETS["health_max_s"] else f"MISSED (max {health:.2f} s)",
    }  # fmt: skip


def print_table(payload: dict[str, object]) -> None:
    """One line per level, then each page's first-render and filter-change p50/p95 per level."""
    levels = payload["levels"]
    print(
        f"\n{payload['label']}: viewers  renders/s  first p50/p95  change p50/p95  worst p95"
        "  errors  health p95/max  CPU% mean  RSS max MiB"
    )
    for lv in levels:  # type: ignore[attr-defined]
        e, h, s = lv["errors"], lv["health"], lv["server"]
        bad = e["exceptions"] + e["timeouts"] + e["failures"] + lv["viewers_stopped"]
        print(f"{lv['sessions']:>17} {lv['renders_per_s']:>10} {lv['first'].get('p50', 0):>7.2f}/{lv['first'].get('p95', 0):<6.2f}"
              f" {lv['change'].get('p50', 0):>7.2f}/{lv['change'].get('p95', 0):<6.2f} {_worst_p95(lv):>9.2f} {bad:>7}"
              f" {h.get('p95', 0):>7.3f}/{h.get('max', 0):<6.3f} {s['cpu_mean_pct']:>9} {s['rss_max_mib']:>12}")  # fmt: skip
    for page in levels[0]["pages"]:  # type: ignore[index]
        cells = "  ".join(
            f"{lv['pages'][page]['first'].get('p50', 0):.2f}/{lv['pages'][page]['first'].get('p95', 0):.2f}"
            f" {lv['pages'][page]['change'].get('p50', 0):.2f}/{lv['pages'][page]['change'].get('p95', 0):.2f}"
            for lv in levels if page in lv["pages"]  # type: ignore[attr-defined]
        )  # fmt: skip
        print(f"  {page:14} first/change p50/p95 by level: {cells}")
    for name, verdict in payload["targets"].items():  # type: ignore[attr-defined]
        print(f"target {name:24} {verdict}")
