"""资金: who delivers purchased services (the provider's rating and registration type, per region and
year, providers by projects held) and who evaluated the completed ones, against hand counts of the
bundled sample's clean tables; 未提供 where the delivery lacks the columns; downloads in both forms."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

from dashboard.core.numbers import fmt_int, fmt_rate
from dashboard.funding import providers
from pipeline.refresh import refresh_warehouse
from tests.app.conftest import metrics, run, sample_raw, today_sql
from tests.app.test_export import _downloads

PAGE = "funding/page.py"
BANDS = {"4a_5a": "4A-5A", "1a_3a": "1A-3A", "unrated": "未评估"}
WHO = {"third_party": "第三方评估", "purchaser": "购买方评估", "self": "自评（承接方自己评估）",
       "unstated": "已评估、评估方未说明", None: "未评估"}  # fmt: skip


def _projects(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every project with what a hand count needs: where it counts (its district, else its
    provider's, today's by the hand-written merger), the provider's rating, name and type."""
    cursor = con.execute(
        f"""select p.start_on, p.end_on, p.status, p.contract_amount_yuan, p.provider_uscc,
            p.purchaser_name, p.evaluation_grade, p.evaluator, p.evaluation_kind,
            {today_sql("coalesce(p.district_code, o.district_code)")} as district,
            o.name as provider_name, o.rating, o.org_type
        from clean.projects p join clean.organizations o on o.uscc = p.provider_uscc"""
    )
    names = [c[0] for c in cursor.description]  # type: ignore[union-attr]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _band(rating: str | None) -> str:
    return "unrated" if rating is None else "4a_5a" if rating in ("4A", "5A") else "1a_3a"


def _hand_providers(con: duckdb.DuckDBPyConnection, year: int, district: str | None) -> dict:
    """Projects, money and distinct providers of the projects started in a year, by rating band."""
    out: dict[str, list[Any]] = defaultdict(lambda: [0, Decimal(0), set()])
    for p in _projects(con):
        if p["start_on"].year == year and district in (None, p["district"]):
            row = out[_band(p["rating"])]
            row[0] += 1
            row[1] += p["contract_amount_yuan"] or 0
            row[2].add(p["provider_uscc"])
    return dict(out)


def _hand_evaluation(con: duckdb.DuckDBPyConnection, year: int) -> Counter[object]:
    """Completed projects ended in a year by who evaluated them (DOMAIN's words written out)."""
    out: Counter[object] = Counter()
    for p in _projects(con):
        if p["status"] != "completed" or (p["end_on"] or p["start_on"]).year != year:
            continue
        if not any(p[k] for k in ("evaluation_grade", "evaluator", "evaluation_kind")):
            out[None] += 1
            continue
        named = {p["provider_name"]: "self", p["purchaser_name"]: "purchaser"}
        out[p["evaluation_kind"] or named.get(p["evaluator"], "unstated")] += 1
    return out


def _frame(at: Any, first: str, having: str | None = None) -> pd.DataFrame:
    """The shown table whose first column is `first` (and that has a column `having`)."""
    return next(d.value for d in at.dataframe
                if d.value.columns[0] == first and (having is None or having in d.value))  # fmt: skip


@pytest.mark.parametrize("district", [None, "110105"])
def test_projects_by_the_providers_rating_equal_a_hand_count(
    con: duckdb.DuckDBPyConnection, last_year: int, district: str | None
) -> None:
    want = _hand_providers(con, last_year, district)
    at = run(PAGE, {"region": district} if district else {})
    table = _frame(at, "评估等级").set_index("评估等级")
    for band, (projects, money, who) in want.items():
        assert table.loc[BANDS[band], "项目数"] == projects
        assert table.loc[BANDS[band], "合同金额(万元)"] == round(float(money) / 1e4, 2)
        assert table.loc[BANDS[band], "承接组织数"] == len(who)
    shown = metrics(at)
    everyone = set().union(*(w for _, _, w in want.values()))
    assert shown["承接组织"] == fmt_int(len(everyone))
    total = sum(m for _, m, _ in want.values())
    assert shown["4A及以上组织承接的金额占比"] == fmt_rate(float(want["4a_5a"][1] / total))
    assert shown["4A及以上承接组织"] == fmt_int(len(want["4a_5a"][2]))


def test_each_region_and_the_providers_by_projects_held_add_up(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    at = run(PAGE)
    regions = _frame(at, "地区", "4A及以上组织").set_index("区划代码")
    want = _hand_providers(con, last_year, "110101")
    assert regions.loc["110101", "项目数"] == sum(n for n, _, _ in want.values())
    assert regions.loc["110101", "4A及以上组织"] == len(want["4a_5a"][2])
    held = Counter(p["provider_uscc"] for p in _projects(con) if p["start_on"].year == last_year)
    bucket = Counter(min(n, 3) for n in held.values())  # 1, 2, 3 or more
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    chart = next(
        s for s in specs if s["layout"]["title"]["text"] == "承接组织数（按各自承接的项目数）"
    )
    bars = chart["data"][0]["x"]
    assert bars[:2] == [bucket[1], bucket[2]] and sum(bars[2:]) == bucket[3]


def test_who_evaluated_the_completed_projects_equals_a_hand_count(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    want = _hand_evaluation(con, last_year)
    at = run(PAGE)
    table = _frame(at, "评估方").set_index("评估方")
    assert {WHO[k]: n for k, n in want.items()} == table["已完成项目数"].to_dict()
    evaluated = sum(n for k, n in want.items() if k is not None)
    shown = metrics(at)
    assert f"共 {fmt_int(sum(want.values()))} 个已完成项目。" in [c.value for c in at.caption]
    assert shown["已评估的占比"] == fmt_rate(evaluated / sum(want.values()))
    assert shown["已评估中：承接方自评"] == fmt_rate(want["self"] / evaluated)
    assert want["self"] > 0 and want["third_party"] > 0  # both kinds are there to tell apart


def test_the_english_page_names_self_evaluation(warehouse: Path) -> None:
    at = run(PAGE, {"lang": "en"})
    assert "Of the evaluated: self-evaluation" in metrics(at)
    assert "Self-evaluated" in set(_frame(at, "Evaluated by")["Evaluated by"])
    assert {"4A-5A", "1A-3A", "Not rated"} == set(_frame(at, "Rating")["Rating"])


def test_the_new_tables_download_as_xlsx_and_csv(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _downloads(monkeypatch, PAGE, {})
    for what in ("购买服务承接组织_按评估等级", "购买服务承接组织_分地区", "购买服务承接组织_历年",
                 "购买服务承接组织_按承接项目数", "已完成项目评估情况"):  # fmt: skip
        forms = sorted(n.rsplit(".", 1)[1] for n in found if what in n)
        assert forms == ["csv", "xlsx"], (what, sorted(found))
    name = next(n for n in found if "已完成项目评估情况" in n and n.endswith(".csv"))
    data = found[name]()  # type: ignore[operator]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["评估方", "已完成项目数"] and "自评（承接方自己评估）" in {
        r[0] for r in rows
    }


def _drop(raw: Path, out: Path, drop: dict[str, set[str]]) -> Path:
    """A copy of the sample folder whose files lack the given headers."""
    shutil.copytree(raw, out)
    for file, headers in drop.items():
        path = out / file
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        keep = [i for i, h in enumerate(rows[0]) if h not in headers]
        assert len(keep) == len(rows[0]) - len(headers), rows[0]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
        path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return out


@pytest.fixture(scope="module")
def unrated(tmp_path_factory: pytest.TempPathFactory, warehouse: Path) -> Any:
    """The sample refreshed without 评估等级 (organizations) and evaluator, evaluation_kind
    (projects: the grades kept), read by the dashboard while the test runs."""
    import os

    root = tmp_path_factory.mktemp("unrated")
    drop = {"organizations.csv": {"评估等级"}, "projects.csv": {"evaluator", "evaluation_kind"}}
    raw = _drop(sample_raw(root / "sample"), root / "raw", drop)
    assert refresh_warehouse(raw, root / "hub.duckdb", lambda _: None).status == "succeeded"
    os.environ["SHUNIU_WAREHOUSE"] = str(root / "hub.duckdb")
    yield root / "hub.duckdb"
    os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)


def test_without_ratings_or_evaluators_the_figures_say_not_provided(unrated: Path) -> None:
    at = run(PAGE)
    shown = metrics(at)
    assert shown["4A及以上组织承接的金额占比"] == "未提供"
    assert shown["已评估中：承接方自评"] == "未提供" and shown["已评估中：第三方评估"] == "未提供"
    assert shown["承接组织"] != "未提供" and shown["已评估的占比"] != "未提供"
    notes = [i.value for i in at.info]
    assert any("未提供“评估等级”列，按评估等级的项目和金额无法统计" in n for n in notes)
    assert any("“评估机构、评估方式”" in n for n in notes)
    assert not any(d.value.columns[0] == "评估等级" for d in at.dataframe)  # no band table
    who = _frame(at, "评估方")["评估方"].tolist()
    assert "已评估（评估方未提供）" in who and "自评（承接方自己评估）" not in who
    regions = _frame(at, "地区", "4A及以上占比(%)")
    assert set(regions["4A及以上占比(%)"]) == {""} and regions["项目数"].min() > 0  # empty, not 0


def test_the_missing_figures_and_the_shares_as_pure_functions() -> None:
    delivered = ["organizations.supervising_unit", "projects.evaluation_grade"]
    assert providers.lacks("rating_band", delivered)
    assert not providers.lacks("registration_mode", delivered)  # 业务主管单位 gives the mode
    assert not providers.lacks("evaluation", delivered) and providers.lacks("evaluator", delivered)
    assert providers.lacks("evaluation", ["organizations.rating"])
    rows = pl.DataFrame({"bucket": ["2", "1"], "providers": [1, 3], "projects": [2, 3],
                         "contract_amount_yuan": [300.0, 100.0]})  # fmt: skip
    table = providers.by_count(rows, "zh")
    assert table["label"].to_list() == ["1个项目", "2个项目", "3-5个项目", "6-10个项目",
                                        "11个及以上项目"]  # fmt: skip
    assert table["providers"].to_list() == [3, 1, 0, 0, 0]
    assert table["money_share"].to_list()[:2] == [0.25, 0.75]
    facts = providers.evaluation_facts(
        pl.DataFrame({"who": ["self", "third_party", "not_evaluated"], "projects": [2, 1, 1]})
    )
    assert facts == {"completed": 4, "evaluated_share": 0.75, "third_party_share": 1 / 3,
                     "self_share": 2 / 3}  # fmt: skip


@pytest.fixture
def without_projects(tmp_path: Path, warehouse: Path) -> Any:
    """A register delivered without a projects file (two organizations, one payment)."""
    import os

    from pipeline.reference import load_reference
    from pipeline.transform import build_marts
    from pipeline.warehouse import schema_sql
    from tests.sql.warehouse import deliver, funding, insert, org

    path = tmp_path / "hub.duckdb"
    con = duckdb.connect(str(path), config={"autoinstall_known_extensions": False})
    try:
        con.execute(schema_sql())
        load_reference(con)
        insert(con, "organizations", [org("A", "2014-01-01"), org("B", "2015-01-01")])
        insert(con, "funding", [funding("F1", "A", "100.00", "2015-03-01")])
        deliver(con)
        con.execute("delete from quality.file_columns where table_name = 'projects'")
        build_marts(con)
    finally:
        con.close()
    os.environ["SHUNIU_WAREHOUSE"] = str(path)
    yield path
    os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)


def test_without_a_projects_file_nothing_is_called_missing(without_projects: Path) -> None:
    at = run(PAGE)
    notes = [i.value for i in at.info]
    assert "没有记录。" in notes  # the evaluation section: nothing recorded
    assert not any("评估结果" in n for n in notes)  # not a missing column: no projects at all
    assert "承接组织" not in metrics(at)
