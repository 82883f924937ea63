"""The publish page's validation report: each file that cannot be used at all with its fix, the rows
per file, the rejections by rule, and the rejection report as .xlsx (for people) and CSV."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from dashboard.core.words import Lang, t
from dashboard.frame import ui
from dashboard.publish import tables
from dashboard.publish.steps import Validation
from pipeline.filenames import file_name


def show(checked: Validation, lang: Lang) -> None:
    """Everything one validation found, in one place (the refused files first)."""
    for refused in checked.refused:
        st.error(ui.problem(refused.problem, lang), icon="⛔")
    st.subheader(t("publish.files_head", lang))
    ui.frame(tables.file_table(checked.result, lang))
    st.subheader(t("publish.rules_head", lang))
    groups = tables.by_rule(checked.report)
    if groups.is_empty():
        st.success(t("publish.no_rejections", lang))
        return
    ui.frame(tables.rule_table(groups, lang))
    name = ["拒收明细", "校验", f"{datetime.now():%Y%m%d-%H%M}"]
    with st.container(horizontal=True):
        st.download_button(
            t("publish.report_xlsx", lang),
            data=checked.report_xlsx,
            file_name=file_name(name, "xlsx"),
            mime=ui.XLSX_MIME,
            on_click="ignore",
            key="pub_report_xlsx",
            icon=":material/table_view:",
        )
        st.download_button(
            t("publish.report", lang),
            data=checked.report_csv,
            file_name=file_name(name, "csv"),
            mime="text/csv",
            on_click="ignore",
            key="pub_report",
            icon=":material/download:",
            help=t("export.csv_help", lang),
        )
