"""App test set-up: one warehouse built by the real refresh from the bundled sample, hand-count helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from pipeline.refresh import refresh_warehouse

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"
APP = REPO / "dashboard" / "app.py"
# The app as `make run` serves it: on loopback, no login configured (tests/app/test_access.py
# changes this to check the other cases).
st_config.set_option("server.address", "127.0.0.1")


def sample_raw(tmp: Path) -> Path:
    """The bundled sample folder, or the same sample generated when data/raw is still empty."""
    if any(RAW.glob("organizations.*")):
        return RAW
    from pipeline.sample import write_sample

    write_sample(tmp)
    return tmp


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A warehouse built from the sample by refresh_warehouse; the dashboard reads it via SHUNIU_WAREHOUSE."""
    root = tmp_path_factory.mktemp("warehouse")
    target = root / "hub.duckdb"
    result = refresh_warehouse(sample_raw(root / "raw"), target)
    assert result.status == "succeeded", result.error
    previous = os.environ.get("SHUNIU_WAREHOUSE")
    os.environ["SHUNIU_WAREHOUSE"] = str(target)
    yield target
    if previous is None:
        os.environ.pop("SHUNIU_WAREHOUSE", None)
    else:
        os.environ["SHUNIU_WAREHOUSE"] = previous


@pytest.fixture(scope="session")
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for hand counts straight from the clean tables."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def last_year(con: duckdb.DuckDBPyConnection) -> int:
    """The default year of the dashboard: the last year-end of the warehouse that has passed."""
    years = [y for (y,) in con.sql("select year from marts.calendar order by year").fetchall()]
    return max(y for y in years if date(y, 12, 31) <= date.today())


def run(page: str | None = None, params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run the app (then switch to a page) with URL query parameters; fail on any exception."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label -> shown value."""
    return {m.label: m.value for m in at.metric}


def one(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None
) -> object:
    """The single value of a hand-count query."""
    return con.execute(sql, params or {}).fetchall()[0][0]


# The bundled sample's retired codes and the districts they count in today (Beijing's 2010
# merger), written by hand so that hand counts do not lean on ref.region_successors.
MERGED = {"110103": "110101", "110104": "110102"}


def today_sql(column: str) -> str:
    """SQL for the district a code as filed counts in today, by the hand-written MERGED."""
    cases = " ".join(f"when '{old}' then '{new}'" for old, new in MERGED.items())
    return f"case {column} {cases} else {column} end"


ACTIVE = "o.registered_on <= $d and (o.deregistered_on is null or o.deregistered_on > $d)"
LINKED_ORGS = f"""
select count(distinct o.uscc) from clean.organizations o
join clean.hub_links l on l.uscc = o.uscc
join clean.hubs h on h.hub_id = l.hub_id
where {ACTIVE}
  and l.linked_on <= $d and (l.ended_on is null or l.ended_on > $d)
  and h.recognized_on <= $d and (h.revoked_on is null or h.revoked_on > $d)
"""
ACTIVE_ORGS = f"select count(*) from clean.organizations o where {ACTIVE}"


@dataclass(frozen=True)
class Pair:
    """A warehouse folder with two releases: the revision deliveries refreshed one after the other."""

    target: Path
    old: str  # the first release's run id
    new: str  # the second's (live)
    old_path: Path  # the first release's file


@pytest.fixture(scope="session")
def pair_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """Two releases built by the real refresh from tests/app/revisions.py's two deliveries."""
    from pipeline import releases
    from tests.app import revisions

    root = tmp_path_factory.mktemp("pair")
    target = root / "wh" / "hub.duckdb"
    runs = [
        refresh_warehouse(revisions.write(root / f"raw{i}", second), target, lambda _: None)
        for i, second in enumerate((False, True))
    ]
    assert [r.status for r in runs] == ["succeeded"] * 2, [r.error for r in runs]
    first = releases.read(target).release(runs[0].run_id)
    return Pair(target, runs[0].run_id, runs[1].run_id, first.path)


@contextmanager
def reading(target: Path) -> Iterator[None]:
    """The dashboard reads the warehouse `target` (SHUNIU_WAREHOUSE) inside the block."""
    previous = os.environ.get("SHUNIU_WAREHOUSE")
    os.environ["SHUNIU_WAREHOUSE"] = str(target)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SHUNIU_WAREHOUSE", None)
        else:
            os.environ["SHUNIU_WAREHOUSE"] = previous


@pytest.fixture
def on_pair(pair_warehouse: Pair) -> Iterator[Pair]:
    """The dashboard reads the two-release warehouse during the test."""
    with reading(pair_warehouse.target):
        yield pair_warehouse


@pytest.fixture(scope="session")
def pair_summary(pair_warehouse: Pair) -> dict[str, object]:
    """The 变化 page's summary of the two releases at end 2015 (old against new)."""
    from dashboard.changes import compare as changes
    from dashboard.core import db

    old, new = db.file_version(pair_warehouse.old_path), db.file_version(pair_warehouse.target)
    return changes.summary(old, new, date(2015, 12, 31))


@pytest.fixture(scope="session")
def national_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six-province register of tests/app/national.py as a warehouse file."""
    from tests.app.national import build_file

    return build_file(tmp_path_factory.mktemp("national") / "hub.duckdb")


@pytest.fixture
def national(national_file: Path) -> Iterator[Path]:
    """The dashboard reads the six-province warehouse during one test (then the sample again)."""
    previous = os.environ.get("SHUNIU_WAREHOUSE")
    os.environ["SHUNIU_WAREHOUSE"] = str(national_file)
    yield national_file
    if previous is None:
        os.environ.pop("SHUNIU_WAREHOUSE", None)
    else:
        os.environ["SHUNIU_WAREHOUSE"] = previous


def chart(at: AppTest, key: str) -> dict:
    """The plotly spec of the chart drawn with key fig_<key> (AppTest sees charts only as specs)."""
    import json

    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-fig_{key}")]
    assert found, f"no chart fig_{key}"
    return json.loads(found[0].proto.spec)


def bars(at: AppTest, key: str = "regions") -> dict[str, str]:
    """A ranking chart's bars: region code -> its label (rate（linked/active）)."""
    data = chart(at, key)["data"][0]
    return dict(zip(data["customdata"], data["text"], strict=True))


# Login as a deployment configures it (tests/app/test_access.py, the scope tests): AppTest seeds st.user.
SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:1/oauth2callback",
        "cookie_secret": "a-test-secret-of-32-characters!!",
        "client_id": "shuniu",
        "client_secret": "test",
        "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
    }
}


@pytest.fixture
def as_viewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Sign a viewer of some regions into an AppTest through the scope's only door: login configured,
    a roles file naming viewer@example.org with those regions, st.user seeded."""

    def sign_in(at: AppTest, regions: list[str]) -> AppTest:
        path = tmp_path / f"roles-{'-'.join(regions)}.toml"
        codes = ", ".join(f'"{c}"' for c in regions)
        path.write_text(
            f'[users]\n"viewer@example.org" = {{ role = "viewer", regions = [{codes}] }}\n', "utf-8"
        )
        monkeypatch.setenv("SHUNIU_ROLES", str(path))
        at.secrets.update(SECRETS)
        at.user = {"is_logged_in": True, "email": "viewer@example.org", "iat": 1}
        return at

    return sign_in
