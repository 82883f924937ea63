"""数据质量 Data quality: refresh history, rows per file, rejections and warnings by rule, located to file/line/column."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.access import auth
from dashboard.core import db
from dashboard.core.words import t
from dashboard.frame import counts, sidebar, ui
from dashboard.quality import columns, names, queries
from dashboard.releases import manage
from schemas import messages as schema_messages

AUDIT_LIMIT = 1000  # the newest events of the audit log shown
f = ui.filters()
lang = f.lang

if f.scope:
    st.info(t("quality.scoped", lang))
if auth.current().can_manage():  # who signed in, published, pinned, pruned: administrators only
    with st.expander(t("audit.title", lang)):
        events, total = manage.audit_table(db.warehouse_path(), lang, AUDIT_LIMIT)
        st.caption(counts.rows_note(events.height, total, lang, "quality.audit_cut"))
        ui.frame(events)
runs = queries.runs(f)
st.subheader(t("quality.history", lang))
ui.table(runs, columns.RUNS, t("quality.runs_file", "zh"), "runs", screen=columns.RUNS_SCREEN,
         one_line=columns.ONE_LINE)  # fmt: skip
if runs.is_empty():
    st.stop()
run_ids = runs["run_id"].to_list()
ui.url_choice("run", run_ids, run_ids[0])
run_id = st.selectbox(t("quality.run", lang), run_ids, key="run", placeholder=t("app.choose", lang))
ui.keep_in_url("run", None if run_id == run_ids[0] else run_id)
folder = runs.filter(pl.col("run_id") == run_id)["raw_folder"].first()
if folder:  # a path as typed (in code: words of a path are not the page's language)
    st.caption(f"{t('quality.raw_folder', lang)}{'：' if lang == 'zh' else ': '}``{folder}``")

st.subheader(t("quality.files", lang))
ui.table(
    queries.file_stats(f, run_id),
    columns.FILE_STATS,
    t("quality.files_file", "zh", run=run_id),
    "files",
)

st.subheader(t("quality.issues", lang))
choices = queries.issue_choices(f, run_id)
cols = st.columns(3)
kinds = cols[0].multiselect(
    t("col.kind", lang),
    list(queries.ISSUE_KINDS),
    default=["rejected"],
    key=sidebar.worded("q_kinds"),
    format_func=lambda k: t(f"val.{k}", lang),
    placeholder=t("filter.all", lang),
    select_all=False,
)
files = cols[1].multiselect(
    t("col.file", lang),
    choices["file"].unique(maintain_order=True).to_list(),
    key="q_files",
    placeholder=t("filter.all", lang),
    select_all=False,
)
rule_names = {r: schema_messages.rule_name(r, lang) for r in choices["rule"].unique().to_list()}
rules = cols[2].multiselect(
    t("col.rule", lang),
    sorted(rule_names, key=lambda r: rule_names[r]),
    key=sidebar.worded("q_rules"),
    placeholder=t("filter.all", lang),
    format_func=lambda r: rule_names.get(r, r),
    select_all=False,
)
with_label = pl.concat_str(pl.lit("val."), pl.col("kind")).alias("kind_label")
groups = (
    queries.issue_groups(f, run_id, kinds, files, rules)
    .with_columns(with_label)
    .pipe(names.with_column_labels, lang)
    .pipe(names.with_rule_labels, lang)
)
# the clerk's message exists in Chinese only (as in the rejection report): the English page leaves
# it out and says where it is
issue_groups, issue_rows = columns.ISSUE_GROUPS, columns.ISSUE_ROWS
if lang == "en":
    issue_groups = tuple(c for c in issue_groups if c.name != "message")
    issue_rows = tuple(c for c in issue_rows if c.name != "message")
# on the Chinese page the rule's words and the clerk's message come first and the English codes
# (date_not_real, paid_on) stay in the downloads only
screen_groups = columns.on_screen(issue_groups, lang)
screen_rows = columns.on_screen(issue_rows, lang)
st.caption(
    t("quality.groups_note", lang) + ("" if lang == "zh" else " " + t("quality.message_zh", lang))
)
ui.table(
    groups,
    issue_groups,
    t("quality.groups_file", "zh", run=run_id),
    "groups",
    screen=screen_groups,
    one_line=columns.ONE_LINE,
)

total = int(groups["rows"].sum()) if groups.height else 0
rows = (
    queries.issue_rows(f, run_id, kinds, files, rules, queries.ROW_LIMIT)
    .with_columns(with_label)
    .pipe(names.with_column_labels, lang)
    .pipe(names.with_rule_labels, lang)
)
st.subheader(t("quality.rows", lang))
st.caption(counts.rows_note(rows.height, total, lang, "quality.rows_cut"))
ui.table(
    rows,
    issue_rows,
    t("quality.rows_file", "zh", run=run_id),
    "issue_rows",
    height=420,
    screen=screen_rows,
    one_line=columns.ONE_LINE,
)
