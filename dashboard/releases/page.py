"""版本管理 Releases (admin): the kept releases; pin, unpin, prune with keep N; each in the audit log."""

from __future__ import annotations

import streamlit as st

from dashboard.access import auth
from dashboard.core import db
from dashboard.core.words import t
from dashboard.frame import sidebar, ui
from dashboard.releases import manage
from pipeline.messages import Problem
from pipeline.releases import DEFAULT_KEEP

lang = sidebar.language()
access = auth.current()
if not access.can_manage():  # the router lists this page for administrators only
    st.stop()
target = db.warehouse_path()
said = st.session_state.pop("_manage_said", None)
if said:
    (st.error if said[0] == "error" else st.success)(said[1])


def _do(action: str, *args: object) -> None:
    """Run one action (a button's callback) and keep what it says for the next run."""
    try:
        if action == "prune":
            pruned = manage.prune(target, int(args[0]), access.actor())
            text = ui.said("manage.pruned", lang, count=len(pruned), runs="、".join(pruned) or "—")
        else:
            run = str(args[0])
            done = getattr(manage, action)(target, run, access.actor())
            text = ui.said(f"manage.{action}{'' if done else '_noop'}", lang, run=run)
        st.session_state["_manage_said"] = ("ok", text)
    except Problem as exc:
        st.session_state["_manage_said"] = ("error", ui.problem(exc, lang))


ui.frame(manage.release_table(target, lang))
runs = manage.run_ids(target)
if not runs:
    st.info(t("manage.none", lang))
    st.stop()
left, right = st.columns(2)
with left:
    st.subheader(t("manage.pin_head", lang))
    run = st.selectbox(
        t("col.run_id", lang), runs, key="manage_run", placeholder=t("app.choose", lang)
    )
    st.button(t("manage.pin_button", lang), on_click=_do, args=("pin", run), key="manage_pin")
    st.button(t("manage.unpin_button", lang), on_click=_do, args=("unpin", run), key="manage_unpin")
with right:
    st.subheader(t("manage.prune_head", lang))
    keep = st.number_input(
        t("manage.keep", lang), min_value=1, value=DEFAULT_KEEP, step=1, key="manage_keep"
    )
    st.caption(t("manage.prune_note", lang))
    st.button(
        t("manage.prune_button", lang), on_click=_do, args=("prune", keep), key="manage_prune"
    )
