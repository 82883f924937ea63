"""数据发布 Publish: staff upload the register files, validate them as the CLI does, compare them with the
live release, and publish them with the CLI's all-or-nothing refresh (docs/access.md)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from dashboard.access import auth
from dashboard.core import db
from dashboard.core.words import t
from dashboard.frame import sidebar, ui
from dashboard.publish import intake, jobs, tables
from dashboard.publish import steps as publish
from pipeline.filenames import file_name
from pipeline.guard import DEFAULT_MAX_DROP
from pipeline.messages import Problem

lang = sidebar.language()
access = auth.current()
if not access.can_publish():  # the router lists this page for staff and admins only
    st.stop()
target = db.warehouse_path()
limit = publish.limit_mb(int(st.get_option("server.maxUploadSize")))
st.markdown(t("publish.intro", lang, limit=limit))
uploaded = st.file_uploader(
    t("publish.files", lang), type=["csv", "xlsx"], accept_multiple_files=True, key="pub_files"
)
# each file streamed to disk once (not read or hashed again on a rerun)
files, refused = publish.accept(intake.uploads(uploaded or [], limit * 2**20), limit * 2**20)
for refusal in refused:
    st.error(ui.said(refusal.key, lang, **refusal.params), icon="⛔")  # a file name is any text
if refused:
    st.info(t("publish.nothing_changed", lang))
    st.stop()
if not files:
    st.stop()
st.caption(ui.said("publish.taken", lang, files="、".join(u.name for u in files.values())))


key = publish.fingerprint(files)
busy = jobs.running("validate", "publish")
if st.button(t("publish.validate", lang), disabled=busy, key="pub_validate"):
    if not jobs.holds("validate", key):  # these very files were validated: the result stands
        if intake.take_slot():
            work = intake.in_slot(lambda progress: publish.validate(files, progress))
            jobs.start("validate", work, tag=key)
        else:
            st.warning(t("publish.busy", lang, n=intake.slots_allowed()), icon="⏳")
job = jobs.follow("validate", lang)
checked = job.result if job is not None and job.error is None else None
if job is not None and job.error is not None:
    st.error(ui.said("publish.crashed", lang, error=repr(job.error)))
if checked is None or checked.fingerprint != key:
    st.stop()
if checked.error is not None:
    st.error(ui.problem(checked.error, lang), icon="⛔")  # names a header, a line, a cell
    st.info(t("publish.nothing_changed", lang))
    st.stop()

st.subheader(t("publish.files_head", lang))
ui.frame(tables.file_table(checked.result, lang))
st.subheader(t("publish.rules_head", lang))
groups = tables.by_rule(checked.report)
if groups.is_empty():
    st.success(t("publish.no_rejections", lang))
else:
    ui.frame(tables.rule_table(groups, lang))
    st.download_button(
        t("publish.report", lang),
        data=checked.report_csv,
        file_name=file_name(["拒收明细", "校验", f"{datetime.now():%Y%m%d-%H%M}"], "csv"),
        mime="text/csv",
        on_click="ignore",
        key="pub_report",
        icon=":material/download:",
    )
st.subheader(t("publish.live_head", lang))
ui.frame(tables.live_table(publish.against_live(target, checked.result), lang))

st.divider()
st.warning(t("publish.confirm", lang), icon="⚠️")
drop = t("publish.accept_drop", lang, limit=f"{DEFAULT_MAX_DROP:.0%}")
accept_drop = st.checkbox(drop, key="pub_accept_drop")
if st.button(t("publish.publish", lang), type="primary", disabled=busy, key="pub_publish"):
    actor = access.actor()
    jobs.start(
        "publish",
        lambda progress: publish.publish_and_compare(files, target, actor, progress, accept_drop),
    )
job = jobs.follow("publish", lang)
if job is None:
    st.stop()
if isinstance(job.error, Problem):
    st.error(ui.problem(job.error, lang), icon="⛔")
    st.info(t("publish.nothing_changed", lang))
elif job.error is not None:
    st.error(ui.said("publish.crashed", lang, error=repr(job.error)), icon="⛔")
    st.info(t("publish.nothing_changed", lang))
else:
    result, changes = job.result
    read, accepted, rejected, _ = result.totals()
    st.success(
        t(
            "publish.published",
            lang,
            run=result.run_id,
            read=read,
            accepted=accepted,
            rejected=rejected,
        )
    )
    if changes is not None:
        ui.frame(tables.changes_table(changes, lang))
