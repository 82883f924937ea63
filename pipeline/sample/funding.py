"""Synthetic funding records: project installments and other income, from every source."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.sample.clerk_text import choose
from pipeline.sample.geography import Geo
from pipeline.sample.names import BRANDS, DONORS
from pipeline.sample.scales import SNAP, Scale, day

SOURCES = ("fiscal", "lottery", "disabled_fund", "donation", "membership", "service_fee", "other")
_S = {k: i for i, k in enumerate(SOURCES)}
# Income outside projects: source shares and median amounts (yuan).
_OTHER_SHARE = {
    "donation": 0.3,
    "membership": 0.25,
    "service_fee": 0.2,
    "fiscal": 0.12,
    "lottery": 0.08,
    "other": 0.05,
}
_MEDIAN = {
    "fiscal": 50_000,
    "lottery": 80_000,
    "disabled_fund": 60_000,
    "donation": 20_000,
    "membership": 8_000,
    "service_fee": 15_000,
    "other": 5_000,
}


def _installments(rng: np.random.Generator, paying: pl.DataFrame) -> dict[str, np.ndarray]:
    """Each project that started is paid in 1-4 installments inside its period."""
    cents = paying["contract_cents"].to_numpy()
    count = (
        1 + (cents > 10_000_000).astype(int) + (cents > 50_000_000) + (rng.random(len(cents)) < 0.3)
    )
    share = np.where(
        paying["status"].to_numpy() == "completed", 1.0, 0.2 + 0.5 * rng.random(len(cents))
    )
    proj = np.repeat(np.arange(paying.height), count)
    nth = np.arange(len(proj)) - np.repeat(np.cumsum(count) - count, count)
    weight = 0.5 + rng.random(len(proj))
    total = np.bincount(proj, weights=weight)
    due = np.round(cents * share / 10_000) * 10_000  # whole hundreds of yuan
    part = np.round(due[proj] * weight / total[proj] / 10_000) * 10_000
    last = nth == count[proj] - 1
    paid_before = np.bincount(proj, weights=np.where(last, 0, part), minlength=paying.height)
    part = np.where(last, due[proj] - paid_before[proj], part)
    start = paying["start_on"].to_numpy()[proj]
    stop = np.minimum(paying["end_on"].to_numpy()[proj], SNAP)
    on = start + ((nth + rng.random(len(proj))) / count[proj] * (stop - start)).astype(np.int64)
    return {"row": proj, "cents": part.astype(np.int64), "paid_on": on, "ok": part > 0}


def _project_funding(
    rng: np.random.Generator, projects: pl.DataFrame, hub_types: pl.Series
) -> pl.DataFrame:
    paying = projects.filter(pl.col("status") != "planned")
    inst = _installments(rng, paying)
    rows = inst["row"]
    hub = paying["hub"].to_numpy()[rows]
    from_disabled = (hub >= 0) & (hub_types.gather(np.maximum(hub, 0)).to_numpy() == "disabled")
    source = np.where(
        paying["disabled_fund"].to_numpy()[rows] | (from_disabled & (rng.random(len(rows)) < 0.6)),
        _S["disabled_fund"],
        rng.choice([_S["fiscal"], _S["lottery"], _S["other"]], size=len(rows), p=[0.7, 0.25, 0.05]),
    )
    frame = pl.DataFrame(
        {
            "recipient": paying["provider"].to_numpy()[rows],
            "project_id": paying["project_id"].gather(rows),
            "source": np.array(SOURCES)[source],
            "cents": inst["cents"],
            "paid_on": inst["paid_on"],
            "district_code": paying["district_code"].gather(rows),
            "payer_name": paying["purchaser_name"].gather(rows),
        }
    )
    return frame.filter(pl.Series(inst["ok"]))


def _payers(
    rng: np.random.Generator,
    geo: Geo,
    orgs: pl.DataFrame,
    recipient: np.ndarray,
    source: np.ndarray,
) -> pl.Series:
    """Who paid: a finance bureau, a civil-affairs bureau, a company, a person, members..."""
    county = orgs["county"].to_numpy()[recipient]
    n = len(recipient)
    place = [geo.cities[c.city].name.removesuffix("市") for c in geo.counties]
    company = pl.select(
        pl.concat_str(
            pl.Series(place).gather(county),
            pl.Series(BRANDS).gather(rng.integers(0, len(BRANDS), n)),
            pl.Series(DONORS).gather(rng.integers(0, len(DONORS), n)),
        )
    ).to_series()
    fiscal = pl.Series([c.name + "财政局" for c in geo.counties]).gather(county)
    lottery = pl.Series([geo.cities[c.city].name + "民政局" for c in geo.counties]).gather(county)
    person = (source == _S["donation"]) & (rng.random(n) < 0.3)
    which = np.where(person, len(SOURCES), source)  # in SOURCES order, then a person
    return choose(which, fiscal, lottery, "", company, "会员单位", "服务对象", "", "个人捐赠")


def _other_funding(rng: np.random.Generator, geo: Geo, orgs: pl.DataFrame, n: int) -> pl.DataFrame:
    recipient = rng.integers(0, orgs.height, n)
    source = rng.choice([_S[s] for s in _OTHER_SHARE], size=n, p=list(_OTHER_SHARE.values()))
    kind = orgs["kind"].to_numpy()[recipient]
    source = np.where((source == _S["membership"]) & (kind != 0), _S["service_fee"], source)
    source = np.where((source == _S["service_fee"]) & (kind == 2), _S["donation"], source)
    median = np.array([_MEDIAN[s] for s in SOURCES])[source]
    yuan = np.clip(rng.lognormal(np.log(median), 0.9), 200, 5_000_000)
    coarse = np.isin(source, [_S["fiscal"], _S["lottery"]]) | (rng.random(n) < 0.5)
    cents = np.where(coarse, np.round(yuan / 100) * 10_000, np.round(yuan * 10) * 10)
    reg = orgs["registered_on"].to_numpy()[recipient]
    dereg = orgs["deregistered_on"].to_numpy()[recipient]
    first = np.maximum(reg + 30, day(2006))
    last = np.where(dereg >= 0, dereg - 1, SNAP)
    on = first + (rng.random(n) * (last - first + 1)).astype(np.int64)
    codes = orgs["district_code"].to_numpy()[recipient]
    frame = pl.DataFrame(
        {
            "recipient": recipient,
            "project_id": pl.Series([None] * n, dtype=pl.String),
            "source": np.array(SOURCES)[source],
            "cents": cents.astype(np.int64),
            "paid_on": on,
            "district_code": pl.Series(np.where(rng.random(n) < 0.4, codes, ""), dtype=pl.String),
            "payer_name": _payers(rng, geo, orgs, recipient, source),
        }
    )
    return frame.filter(pl.Series(last >= first))


def make_funding(
    rng: np.random.Generator,
    geo: Geo,
    orgs: pl.DataFrame,
    projects: pl.DataFrame,
    hubs: pl.DataFrame,
    scale: Scale,
) -> pl.DataFrame:
    """Funding records in payment order, with their funding ids."""
    paid = _project_funding(rng, projects, hubs["hub_type"])
    rest = max(0, round(orgs.height * scale.funding_per_org) - paid.height)
    frame = pl.concat([paid, _other_funding(rng, geo, orgs, rest)]).sort(
        "paid_on", maintain_order=True
    )
    year = frame["paid_on"].cast(pl.Date).dt.year().cast(pl.String)
    seq = pl.int_range(1, frame.height + 1, eager=True).cast(pl.String).str.zfill(8)
    return frame.with_columns((pl.lit("BF") + year + seq).alias("funding_id"))
