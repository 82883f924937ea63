"""变化 What changed: two releases compared like a revision note; each count opens its records."""

from __future__ import annotations

import streamlit as st

from dashboard.changes import charts, columns
from dashboard.changes import compare as changes
from dashboard.changes import note as revision
from dashboard.core import db
from dashboard.core.charts import ranked_ends
from dashboard.core.words import t
from dashboard.frame import counts, release, sidebar, ui

RECORD_LIMIT = 10_000
BAR_ENDS = 20  # more than 2 x BAR_ENDS districts changed: the chart shows the ends only
f = ui.filters()
lang = f.lang
if f.scope:  # the comparison reads the whole register: not for a viewer limited to some regions
    st.info(t(changes.SCOPED, lang), icon=":material/info:")
    st.stop()
led = release.ledger()
kept = {r.run_id: r for r in release.on_disk(led)}
if len(kept) < 2:
    for key in ("from", "to"):  # a link's release that is not on disk is named, as below
        ui.url_value(key, kept)
    st.info(t("chg.too_few", lang, n=len(kept)), icon=":material/info:")
    st.stop()
ids = list(kept)
old_default, new_default = release.default_pair(led, release.shown(release.current(), led))
ui.url_choice("from", ids, old_default)
ui.url_choice("to", ids, new_default)
left, right = st.columns(2)
old_id = left.selectbox(t("chg.from", lang), ids, key=sidebar.worded("from"), placeholder=t("app.choose", lang),
                        format_func=lambda r: release.option(kept[r], lang))  # fmt: skip
new_id = right.selectbox(t("chg.to", lang), ids, key=sidebar.worded("to"), placeholder=t("app.choose", lang),
                         format_func=lambda r: release.option(kept[r], lang))  # fmt: skip
ui.keep_in_url("from", None if old_id == old_default else old_id)
ui.keep_in_url("to", None if new_id == new_default else new_id)
if old_id == new_id:
    st.info(t("chg.same", lang), icon=":material/info:")
    st.stop()
old, new = kept[old_id], kept[new_id]
ov, nv = db.file_version(old.path), db.file_version(new.path)
summary = changes.summary(ov, nv, f.as_of)
pair = f"{old_id}至{new_id}"
st.caption(t("chg.between", lang, old=old_id, old_at=release.minute(old), new=new_id,
             new_at=release.minute(new), year=f.year))  # fmt: skip

st.subheader(t("chg.note", lang, year=f.year))
before, after = revision.sides(summary)
if before is None or after is None:
    st.info(t("chg.no_year", lang, year=f.year), icon=":material/info:")
else:
    lines = revision.note(summary, lang)
    for line in lines:
        st.markdown(line)
    st.caption(t("chg.rounding" if lines else "chg.nothing", lang, year=f.year))
    found = dict(revision.reasons_found(summary))
    name = lambda r: t("chg.records", lang, reason=t(f"chg.reason.{r}", lang),  # noqa: E731
                       units=revision.unit_count(r, found[r], lang))  # fmt: skip
    ui.url_choice("open", found)
    if st.session_state["open"] not in found:  # a year or pair without that reason
        st.session_state["open"] = None
    reason = st.pills(
        t("chg.open", lang), list(found), key=sidebar.worded("open"), format_func=name
    )
    ui.keep_in_url("open", reason)
    if reason:
        rows = changes.records(ov, nv, f.as_of, reason, RECORD_LIMIT)
        rows = revision.labelled(rows, "reason", "chg.reason.", lang)
        st.caption(counts.rows_note(rows.height, found[reason], lang, "chg.records_cut"))
        what = f"{t('chg.records_file', 'zh', reason=t(f'chg.reason.{reason}', 'zh'))}_{pair}"
        ui.table(rows, columns.CHANGE_RECORDS[changes.unit_of(reason)], what, "chg_records")

    st.subheader(t("chg.parts", lang))
    table = revision.labelled(revision.shown_figures(summary), "figure_key", "", lang)
    ui.table(table, columns.CHANGE_FIGURES, f"{t('chg.figures_file', 'zh')}_{pair}", "chg_figures")
    for unit, cols in (("orgs", columns.CHANGE_ORGS), ("hubs", columns.CHANGE_HUBS),
                       ("funding", columns.CHANGE_FUNDING), ("projects", columns.CHANGE_PROJECTS)):  # fmt: skip
        parts = revision.units(summary, unit, lang)
        if not parts.is_empty():
            st.markdown(f"**{t(f'chg.parts_{unit}', lang)}**")
            ui.table(parts, cols, f"{t(f'chg.{unit}_file', 'zh')}_{pair}", f"chg_{unit}")

st.subheader(t("chg.districts", lang, year=f.year))
moved = revision.changed_districts(summary)
district_file = f"{t('chg.districts_file', 'zh')}_{pair}"
if moved.is_empty():
    st.info(t("chg.districts_none", lang), icon=":material/info:")
else:
    ends = ranked_ends(moved, BAR_ENDS)
    bars = lambda: charts.delta_bars(ends, lang, t("chg.districts_chart", lang))  # noqa: E731
    ui.chart(bars, ends, columns.CHANGE_DISTRICTS, district_file, "chg_district_bars")
    if ends.height < moved.height:
        st.caption(t("chg.districts_ends", lang, total=moved.height, n=BAR_ENDS))
    ui.table(moved, columns.CHANGE_DISTRICTS, district_file, "chg_districts")

st.subheader(t("chg.tables", lang))
st.caption(t("chg.tables_note", lang))
counts = revision.labelled(changes.table_counts(ov, nv), "table", "chg.table.", lang)
ui.table(counts, columns.CHANGE_TABLES, f"{t('chg.tables_file', 'zh')}_{pair}", "chg_tables")
ui.definitions([f"chg.def.{k}" for k in ("release", "match", "orgs", "rate", "hubs", "money")])
