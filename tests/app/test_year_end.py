"""Charts stop at the year-end shown, figures that have no first year say so, and every card and
column carries its definition (tests/app/national.py: projects begin in 2013, women's in 2014)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from dashboard.core.export import Col
from dashboard.core.words import definition
from dashboard.organizations.charts import link_timeline
from tests.app.conftest import chart, run
from tests.app.national import O7


def test_the_funding_chart_stops_at_the_year_end(national: Path) -> None:
    at = run("funding/page.py", {"year": "2013"})
    years = {x for d in chart(at, "fund_years")["data"] for x in d["x"]}
    assert years and max(years) == 2013
    later = run("funding/page.py", {"year": "2014"})
    assert max(x for d in chart(later, "fund_years")["data"] for x in d["x"]) == 2014


def test_a_link_timeline_runs_to_the_year_end_and_no_further() -> None:
    links = pl.DataFrame(
        {"hub_name": ["A", "B", "C"], "relation": ["managed", "liaison", "liaison"],
         "linked_on": [date(2011, 3, 1), date(2012, 1, 1), date(2018, 1, 1)],
         "ended_on": [None, date(2020, 5, 1), None]},
    )  # fmt: skip
    fig = link_timeline(links, "zh", "", date(2016, 12, 31))
    ends = [max(t.x) for t in fig.data]
    assert len(fig.data) == 2  # C begins after the year-end: not drawn
    assert ends == [date(2016, 12, 31), date(2016, 12, 31)]  # B ended after it: still on then
    assert fig.layout.xaxis.range[1] == date(2016, 12, 31)
    assert {t.line.color for t in fig.data} == {"#2f6fb0"}  # both linked on that day


def test_the_organization_page_draws_links_to_its_year_end(national: Path) -> None:
    at = run("organizations/page.py", {"org": O7})
    spec = chart(at, "links")
    assert spec["layout"]["xaxis"]["range"][1] == "2014-12-31"
    assert "2014" in spec["layout"]["title"]["text"]


def test_a_category_there_since_the_records_begin_has_no_first_year(national: Path) -> None:
    at = run("profile/page.py", {"year": "2014"})
    table = next(d.value for d in at.dataframe if "该类别首次出现年份" in d.value.columns)
    firsts = dict(zip(table["服务类别"], table["该类别首次出现年份"], strict=True))
    # elderly since 2012 (P5), the records' first year: no first year of its own
    assert firsts["养老"] == "" and firsts["妇女"] == "2014"
    assert any("项目记录从2012年开始" in c.value for c in at.caption)


def test_every_card_says_what_it_counts(national: Path) -> None:
    for page in ("overview/page.py", "coverage/page.py", "funding/page.py", "profile/page.py"):
        at = run(page, {"region": "511702"} if page.startswith("coverage") else {})
        assert at.metric, page
        assert all(m.help and len(m.help) > 10 for m in at.metric), [
            (m.label, m.help) for m in at.metric if not m.help
        ]


def _columns() -> list[Col]:
    import importlib
    import pkgutil

    import dashboard

    found = []
    for info in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        if info.name.endswith(".columns"):
            module = importlib.import_module(info.name)
            found += [
                c
                for v in vars(module).values()
                if isinstance(v, tuple)
                for c in v
                if isinstance(c, Col)
            ]
    return found


def test_every_figure_column_has_its_definition() -> None:
    """A column of numbers (counts, rates, money, changes) says on its header what it counts."""
    figures = {
        c.key for c in _columns() if c.kind in ("int", "rate", "wan", "yuan", "pp", "by_kind")
    }
    missing = []
    for key in sorted(figures):
        try:
            definition(key, "zh"), definition(key, "en")
        except KeyError:
            missing.append(key)
    assert missing == []
