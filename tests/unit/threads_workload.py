"""Run the dashboard's presentation code in many threads at once, as many viewers' sessions do.

Started as a subprocess by tests/unit/test_threads.py: `python tests/unit/threads_workload.py THREADS
ROUNDS SECONDS`. Prints `done <calls>` and exits 0 when every thread finished; a hang (the polars pool
waiting for the GIL that a thread holds while it waits for the pool) is caught by faulthandler, which
needs no GIL: it prints every thread's stack and exits with code 1 after SECONDS.
"""

from __future__ import annotations

import faulthandler
import sys
import threading
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
warnings.filterwarnings("ignore")  # polars' "inefficient map" advice, if old code ever runs here

import polars as pl  # noqa: E402

from dashboard.core import export  # noqa: E402
from dashboard.core.filters import HUB_TYPES, LEVELS, ORG_TYPES, SOURCES  # noqa: E402
from dashboard.coverage import charts, columns  # noqa: E402
from dashboard.frame import fit  # noqa: E402
from dashboard.funding import charts as funding_charts  # noqa: E402
from dashboard.funding import columns as funding_columns  # noqa: E402
from dashboard.quality import columns as quality_columns  # noqa: E402

ROWS = 1500  # per chunk; several chunks so polars spreads work over its thread pool


def _chunks(frame: pl.DataFrame, n: int = 4) -> pl.DataFrame:
    return pl.concat([frame] * n, rechunk=False)


def _cycle(values: tuple[str, ...], n: int) -> list[str | None]:
    return [None if i % 11 == 0 else values[i % len(values)] for i in range(n)]


def frames() -> dict[str, pl.DataFrame]:
    """Query-shaped frames with codes, nulls and numbers, like the marts hand the pages."""
    n = ROWS
    drill = pl.DataFrame(
        {
            "name": [f"组织{i}" for i in range(n)],
            "uscc": [f"51110000{i:010d}" for i in range(n)],
            "org_type": _cycle(ORG_TYPES, n),
            "is_linked": [i % 3 == 0 for i in range(n)],
            "linked_types": [",".join(HUB_TYPES[: i % 4]) or None for i in range(n)],
            "service_domain": _cycle(("elderly", "youth", "charity"), n),
            "registration_level": _cycle(("city", "district"), n),
        }
    )
    types = pl.DataFrame(
        {
            "hub_type": list(HUB_TYPES),
            "is_mass_org": [i < 9 for i in range(len(HUB_TYPES))],
            "hubs": list(range(len(HUB_TYPES))),
            "managed_orgs": [10 * i for i in range(len(HUB_TYPES))],
            "liaison_orgs": [5 * i for i in range(len(HUB_TYPES))],
            "linked_orgs": [15 * i for i in range(len(HUB_TYPES))],
            "share_of_active": [i / 100 for i in range(len(HUB_TYPES))],
        }
    )
    levels = pl.DataFrame(
        {"level": list(LEVELS), "hubs": [1, 2, 3], "linked_orgs": [4, 5, 6],
         "share_of_active": [0.1, 0.2, None]}
    )  # fmt: skip
    sources = pl.DataFrame(
        {
            "source": _cycle(SOURCES, n),
            "amount_yuan": [None if i % 7 == 0 else i * 1234.5 for i in range(n)],
            "records": [None if i % 5 == 0 else i for i in range(n)],
            "recipients": list(range(n)),
        }
    )
    issues = pl.DataFrame(
        {
            "kind_label": ["val.rejected" if i % 2 else "val.warning" for i in range(n)],
            "file": ["organizations.csv"] * n,
            "line": list(range(n)),
            "column_label": ["名称"] * n,
            "column": ["name"] * n,
            "rule": ["required"] * n,
            "rule_label": ["必填项为空"] * n,
            "value": [None if i % 4 == 0 else f"=v{i}" for i in range(n)],
            "message": ["缺少名称"] * n,
        }
    )
    return {
        "drill": _chunks(drill),
        "types": types,
        "levels": levels,
        "sources": _chunks(sources),
        "issues": _chunks(issues),
    }


def session(data: dict[str, pl.DataFrame], lang: str) -> int:
    """One page render's presentation work: labels, screen tables, st.dataframe's to_pandas, CSV, charts."""
    calls = 0
    drill = columns.with_type_labels(data["drill"], lang)  # type: ignore[arg-type]
    for frame, cols in (
        (drill, columns.DRILL),
        (data["sources"], funding_columns.FUNDING_SOURCE),
        (data["issues"], quality_columns.ISSUE_ROWS),
        (data["types"], columns.HUB_TYPE),
        (data["levels"], columns.LEVEL),
    ):
        frame.hash_rows(seed=7).to_numpy()  # ui.content: the shared-table key
        shown, _ = export.for_screen(frame, cols, lang)  # type: ignore[arg-type]
        fit.widths(shown, {})  # ui.table: each column's width from its content
        shown.to_arrow(compat_level=pl.CompatLevel.oldest())  # what ui.table hands st.dataframe
        shown.to_pandas()  # what st.dataframe does with a polars frame
        export.present(frame, cols, lang).to_pandas()  # type: ignore[arg-type]
        export.table_csv(frame, cols)
        calls += 4
    charts.hub_type_bars(data["types"], lang, "types")  # type: ignore[arg-type]
    charts.level_bars(data["levels"], lang, "levels")  # type: ignore[arg-type]
    labelled = data["sources"].head(7).with_columns(pl.col("source").alias("source_label"))
    funding_charts.money_bars(labelled.drop_nulls(), "source_label", "sources", lang)  # type: ignore[arg-type]
    data["drill"].to_pandas()
    return calls + 4


def run(threads: int, rounds: int) -> int:
    """Every thread renders `rounds` times; the number of calls made, once all have finished."""
    shared = frames()  # one result for everyone, as the query cache holds it
    done: list[int] = []
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            for r in range(rounds):
                # a frame object per session over shared data, as db.query hands them out
                data = {name: frame.clone() for name, frame in shared.items()}
                done.append(session(data, "en" if (index + r) % 2 else "zh"))
        except BaseException as error:  # noqa: BLE001 - reported by the parent test
            errors.append(error)

    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if errors:
        raise errors[0]
    return sum(done)


def main(argv: list[str]) -> int:
    threads, rounds, seconds = int(argv[0]), int(argv[1]), float(argv[2])
    faulthandler.dump_traceback_later(seconds, exit=True)  # runs without the GIL: sees a hang
    print(f"done {run(threads, rounds)}", flush=True)
    faulthandler.cancel_dump_traceback_later()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
