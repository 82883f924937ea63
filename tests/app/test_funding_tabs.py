"""The Funding page's project tabs and the delivery's attribute tabs: only the tab shown is computed
and drawn (four charts per render were the most of the page's figures, three hidden; two of the
delivery's three tables were hidden); choosing another tab draws that one."""

from __future__ import annotations

from pathlib import Path

from dashboard.core.words import t
from dashboard.funding import queries
from tests.app.conftest import run


def _project_charts(at) -> list[str]:  # noqa: ANN001 - AppTest
    """The titles of the project charts drawn (a plotly chart's figure carries its title)."""
    import json

    found = []
    prefix = t("funding.projects_by", "zh", by="\0").split("\0")[0]  # 项目数（按
    for chart in at.get("plotly_chart"):
        title = json.loads(chart.proto.spec).get("layout", {}).get("title", {}).get("text", "")
        if title.startswith(prefix):
            found.append(title)
    return found


def test_only_the_tab_shown_is_drawn_and_another_is_drawn_when_chosen(warehouse: Path) -> None:
    labels = [t(f"col.{dim}", "zh") for dim in queries.PROJECT_DIMS]
    at = run("funding/page.py", {})
    first = t("funding.projects_by", "zh", by=labels[0])
    assert _project_charts(at) == [first]
    at.session_state["proj_tab"] = labels[1]
    at.run()
    assert not at.exception
    assert _project_charts(at) == [t("funding.projects_by", "zh", by=labels[1])]


def _provider_tables(at) -> list[str]:  # noqa: ANN001 - AppTest
    """The first column of each delivery attribute table drawn (评估等级, 组织类型, 登记方式)."""
    heads = {t(f"col.{by}", "zh") for by in queries.PROVIDER_DIMS}
    return [d.value.columns[0] for d in at.dataframe if d.value.columns[0] in heads]


def test_only_the_delivery_tab_shown_is_drawn_and_another_is_drawn_when_chosen(
    warehouse: Path,
) -> None:
    dims = list(queries.PROVIDER_DIMS)
    at = run("funding/page.py", {})
    assert _provider_tables(at) == [t(f"col.{dims[0]}", "zh")]
    at.session_state["prov_tab"] = t(f"funding.by_{dims[1]}", "zh")
    at.run()
    assert not at.exception
    assert _provider_tables(at) == [t(f"col.{dims[1]}", "zh")]
