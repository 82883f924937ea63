"""One file-name builder for the CLI's exports and the dashboard's downloads."""

from __future__ import annotations

from datetime import datetime

from pipeline.filenames import file_name


def test_the_cli_export_name_has_no_clock_and_the_download_name_has_one() -> None:
    assert file_name(["简报表格", "2023年底", "批次20261123T114501-3f2a"], "xlsx") == (
        "简报表格_2023年底_批次20261123T114501-3f2a.xlsx"
    )
    assert file_name(["分区覆盖", "", "2023年底"], "csv", datetime(2026, 11, 23, 11, 50)) == (
        "分区覆盖_2023年底_导出20261123-1150.csv"
    )


def test_what_a_file_system_or_a_shell_trips_on_becomes_one_dash_and_none_at_the_ends() -> None:
    assert (
        file_name([' a\\b/c:d*e?f"g<h>i|j\tk\nl\x00m\x7f '], "zip")
        == "a-b-c-d-e-f-g-h-i-j-k-l-m.zip"
    )
    assert file_name(["批次 //x"], "csv") == "批次-x.csv"
