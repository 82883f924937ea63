"""One door for scope: every public query of every queries.py of the dashboard (a feature's, the
frame's), called with a viewer scoped to one county (通川区 511702) on the six-province warehouse,
returns nothing of another region.

The walk finds the modules and functions itself: a new query without a Filters first argument, with
an argument this file cannot fill, or that lets another region's row through makes it fail; a module
outside a queries.py that runs SQL through the door makes it fail too. For each function
and arguments, three calls: scoped, unrestricted, and with the county chosen as the selection.
- No cell of the scoped answer names another region's organization, hub, project, payment, payer or
  region (the county's prefecture and province, 达州市 and 四川省, may be named).
- Some arguments make the unrestricted answer differ from the scoped one (the check can fail).
- Where the selection changes the answer, the scoped answer equals the selected one, so figures
  without names (sums, counts) are the county's own.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import itertools
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import dashboard
from dashboard.core.filters import Allowed, Filters
from dashboard.core.regions import RegionTree
from dashboard.frame import queries
from dashboard.funding.queries import PROJECT_DIMS, PROVIDER_DIMS
from tests.app.conftest import metrics, run
from tests.app.national import NAMES, O1, O7, O8, PLACE, QUALITY, REGISTER, RUN, today

COUNTY = "511702"
ALLOWED_REGIONS = {"511702", "511700", "510000"}  # the county and the regions above it
ALL_REGIONS = sorted({r for place in PLACE.values() for r in place if r})
ARGUMENTS: dict[str, list[Any]] = {
    "codes": [ALL_REGIONS],
    "as_registered": [False, True],
    "level": ["county", "prefecture"],
    "dates": [[date(2012, 12, 31), date(2013, 12, 31)]],
    "dim": list(PROJECT_DIMS),
    "by": list(PROVIDER_DIMS),
    "limit": [50],
    "text": ["协会", O1, "朝阳"],
    "uscc": [O7, O8, O1],
    "run_id": [RUN],
    "kinds": [["rejected", "warning"]],
    "files": [[]],
    "rules": [[]],
    # H1: 达州's city-level union hub (its links in 通川区 and 达川区); H2: 通川区's women's hub;
    # H3: Beijing's city-level hub (outside)
    "hub_id": ["H1", "H2", "H3"],
    "search": ["", "H1"],
    "own": [None, "511700", "100000"],  # a ranking's row of its own: 达州市本级, 全国本级
}
NARROWINGS = {
    "plain": {},
    "filtered": {"hub_types": ("union", "women"), "org_types": ("social_group",)},
    "sources": {"sources": ("fiscal",), "levels": ("city", "district")},
}


def _foreign() -> tuple[set[str], set[str]]:
    """(exact tokens, name tokens) of everything outside the county and the regions above it."""
    exact: set[str] = {c for c in [*NAMES, *PLACE] if c not in ALLOWED_REGIONS}
    names: set[str] = {n for c, n in NAMES.items() if c not in ALLOWED_REGIONS}
    names -= {NAMES[c] for c in ALLOWED_REGIONS}
    home = {o["uscc"]: o["district_code"] for o in REGISTER["orgs"]}
    for o in REGISTER["orgs"]:
        if today(o["district_code"]) != COUNTY:
            exact.add(o["uscc"])
            names.add(o["name"])
    for filed in REGISTER["filed"]:
        if filed["district_code"] != COUNTY:
            exact.add(filed["filing_id"])
            names.add(filed["name"])
    hubs_out = [h for h in REGISTER["hubs"] if h["district_code"] not in ALLOWED_REGIONS]
    exact |= {h["hub_id"] for h in hubs_out}
    names |= {h["name"] for h in hubs_out}
    for p in REGISTER["projects"]:
        if today(p.get("district_code") or home[p["provider_uscc"]]) != COUNTY:
            exact.add(p["project_id"])
            names |= {p["name"], p["purchaser_name"]}
    for f in REGISTER["funds"]:
        if today(f["district_code"] or home[f["recipient_uscc"]]) != COUNTY:
            exact.add(f["funding_id"])
            names.add(f["payer_name"])
    names -= {"通川区民政局"}  # a payer of the county too
    for g in REGISTER["filed"]:  # filed community organizations (备案)
        if g["district_code"] != COUNTY:
            exact.add(g["filing_id"])
            names |= {g["name"], g["filing_authority"]}
    for rows in (QUALITY["rejected_rows"], QUALITY["warnings"]):
        names |= {r["value"] for r in rows} | {r["message"] for r in rows}
    return exact, names


EXACT, NAME_TOKENS = _foreign()


def _cells(answer: Any) -> list[str]:
    """Every value of an answer as text (frames, rows, allowlists)."""
    if isinstance(answer, pl.DataFrame):
        return [str(v) for column in answer.iter_columns() for v in column.to_list()]
    if isinstance(answer, Allowed):
        return [str(v) for v in (*answer.years, *answer.regions)]
    if isinstance(answer, dict):
        return [str(v) for v in answer.values()]
    if isinstance(answer, RegionTree):  # every region, its names and its rows of their own
        own = [v for pair in answer.own.values() for v in pair]
        return [*answer.codes(), *answer.name.values(), *answer.label.values(), *own]
    raise AssertionError(f"unexpected answer type {type(answer)}")


def _leaks(answer: Any) -> list[str]:
    return [
        cell
        for cell in _cells(answer)
        if cell in EXACT or any(token in cell for token in NAME_TOKENS)
    ]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, pl.DataFrame):
        return a.equals(b)
    return a == b


DASHBOARD = Path(dashboard.__file__).parent
QUERY_FILES = sorted(DASHBOARD.glob("*/queries.py"))


def _public_queries() -> list[Any]:
    modules = [importlib.import_module(f"dashboard.{p.parent.name}.queries") for p in QUERY_FILES]
    return [
        fn
        for module in modules
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    ]


def _variants(fn: Any) -> list[dict[str, Any]]:
    params = list(inspect.signature(fn).parameters.values())
    assert params and params[0].name == "f" and params[0].annotation in (Filters, "Filters"), (
        f"{fn.__name__}: a query takes the selection (f: Filters) first, so the scope reaches it"
    )
    names = [p.name for p in params[1:]]
    for p in params[1:]:
        assert p.name in ARGUMENTS or p.default is not inspect.Parameter.empty, (
            f"{fn.__name__}: add test values for argument {p.name!r} to ARGUMENTS"
        )
    names = [n for n in names if n in ARGUMENTS]
    return [
        dict(zip(names, combo, strict=True))
        for combo in itertools.product(*(ARGUMENTS[n] for n in names))
    ]


def test_the_walk_finds_every_query() -> None:
    found = {fn.__name__ for fn in _public_queries()}
    assert {"regions", "region_coverage", "funding_by_region", "org_funding", "issue_rows"} <= found
    assert {"headline_series", "profile_orgs", "provenance"} <= found
    assert len(found) >= 25
    folders = {p.parent.name for p in QUERY_FILES}
    assert {
        "frame",
        "overview",
        "coverage",
        "funding",
        "profile",
        "organizations",
        "quality",
    } <= folders


def _door_users() -> set[str]:
    """The dashboard's modules that import the query door (core/door.py) or call the cache's query()."""
    found = set()
    for path in DASHBOARD.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = {a.name for a in node.names} if isinstance(node, ast.ImportFrom) else set()
            module = node.module if isinstance(node, ast.ImportFrom) else None
            door = (
                module == "dashboard.core" and "door" in names
            ) or module == "dashboard.core.door"
            query = (module == "dashboard.core.db" and "query" in names) or (
                isinstance(node, ast.Attribute)
                and node.attr == "query"
                and isinstance(node.value, ast.Name)
                and node.value.id == "db"
            )
            if door or query:
                found.add(path.relative_to(DASHBOARD).as_posix())
    return found


def test_only_a_queries_py_runs_sql_through_the_door() -> None:
    """So the walk above sees every query: a page or helper that calls the door fails here."""
    expected = {p.relative_to(DASHBOARD).as_posix() for p in QUERY_FILES} | {"core/door.py"}
    assert _door_users() == expected


@pytest.mark.parametrize("narrowing", list(NARROWINGS))
@pytest.mark.parametrize("fn", _public_queries(), ids=lambda fn: fn.__name__)
def test_a_query_returns_nothing_of_another_region(national: Path, fn: Any, narrowing: str) -> None:
    free = Filters(year=2013, base_year=2010, **NARROWINGS[narrowing])
    scoped, chosen = replace(free, scope=(COUNTY,)), replace(free, regions=(COUNTY,))
    differs = False
    for args in _variants(fn):
        answer = fn(scoped, **args)
        assert not _leaks(answer), (fn.__name__, args, _leaks(answer))
        unrestricted, selected = fn(free, **args), fn(chosen, **args)
        differs |= not _same(answer, unrestricted)
        if not _same(selected, unrestricted):  # the selection narrows it: the scope must as much
            assert _same(answer, selected), (fn.__name__, args)
    assert differs, (
        f"{fn.__name__}: no argument shows another region unrestricted: the check is void"
    )


def test_the_latest_record_date_is_the_countys(national: Path) -> None:
    scoped = Filters(year=2013, base_year=2010, scope=(COUNTY,))
    dates = [
        f["paid_on"]
        for f in REGISTER["funds"]
        if f["recipient_uscc"] in (O7, O8) and f["district_code"] in (None,)
    ]
    dates += [o["registered_on"] for o in REGISTER["orgs"] if o["uscc"] in (O7, O8)]
    dates += [k["linked_on"] for k in REGISTER["links"] if k["uscc"] in (O7, O8)]
    dates += [h["recognized_on"] for h in REGISTER["hubs"] if h["district_code"] == COUNTY]
    dates += [p["start_on"] for p in REGISTER["projects"] if p.get("district_code") == COUNTY]
    assert str(queries.provenance(scoped)["latest"]) == max(dates)
    assert queries.provenance(scoped)["run_id"] == RUN


def test_a_session_state_value_cannot_set_the_scope(national: Path) -> None:
    """Only the sign-in sets the scope: a value put into the session before is overwritten."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["_scope"] = (COUNTY,)
    at.run()
    assert not at.exception and at.session_state["_scope"] == ()


def test_a_selection_outside_the_scope_is_dropped_with_a_note(national: Path, as_viewer) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), [COUNTY])
    at.query_params["region"] = ["110105", "510000"]
    at.run()
    at.switch_page("coverage/page.py").run()
    assert not at.exception
    assert "region" not in at.query_params
    assert any("不在您可查看的范围内" in c.value for c in at.caption)
    assert "可查看范围：通川区" in at.caption[1].value
    assert "f_provinces" not in [m.key for m in at.multiselect]  # only the county to choose
    shown = metrics(at)  # the scope alone: the county's organizations
    assert shown["存续社会组织"] == "2"
    assert sorted(at.dataframe[0].value["统一社会信用代码"]) == sorted([O7, O8])
    at.switch_page("quality/page.py").run()
    assert not at.exception and not at.dataframe
    assert any("不限地区" in i.value for i in at.info)


def test_an_organization_outside_the_scope_is_not_found(national: Path, as_viewer) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    for uscc, found in ((O1, False), (O7, True)):
        at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), [COUNTY])
        at.query_params["org"] = uscc  # a deep link to one organization
        at.run()
        at.switch_page("organizations/page.py").run()
        assert not at.exception
        assert any("没有找到这家组织" in i.value for i in at.info) is not found
        assert bool(at.dataframe) is found
    at.text_input(key="org_q").input("协会").run()
    shown = set(at.dataframe[0].value["统一社会信用代码"])
    assert shown == {O7, O8}  # the search finds the county's organizations only


def test_without_a_scope_nothing_is_hidden(national: Path) -> None:
    at = run("quality/page.py")
    assert len(at.dataframe[-1].value) == len(QUALITY["rejected_rows"])
