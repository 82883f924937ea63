"""The Funding page's delivery figures read in one scan (funding.queries.PROVIDER_SECTION) equal the
five queries they replace on the bundled sample, every year, scoped and narrowed; and the comparison
fails when one figure of the one scan differs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.funding import queries as funding
from tests.app.provider_paths import compare


def test_every_selection_is_equal_both_ways(warehouse: Path) -> None:
    found = compare(warehouse)
    assert len(found) >= 9
    assert [(name, problems) for name, _, _, problems in found if problems] == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (
            "count(provider_uscc) filter (where rating_band",
            "count(*) filter (where true or rating_band",
        ),  # 4A+ providers
        (
            "sum(projects) filter (where rating_band",
            "sum(projects) filter (where true or rating_band",
        ),  # 4A+ projects
        ("when projects = 1 then '1'", "when projects = 0 then '1'"),  # a bucket's edge
        ("in ('organizations', 'projects')", "in ('organizations')"),  # the delivery's columns
    ],
)
def test_a_changed_figure_is_found(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, right: str, wrong: str
) -> None:
    assert funding.PROVIDER_SECTION.count(right) == 1
    monkeypatch.setattr(funding, "PROVIDER_SECTION", funding.PROVIDER_SECTION.replace(right, wrong))
    assert any(problems for *_, problems in compare(warehouse))
