"""Production flags: the newest batch's first, earlier batches' a click away."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.components import escape_md
from ui.i18n import language, t

FLAG_ICONS = {
    "batch_below_threshold": ":material/report:",
    "annotator_below_threshold": ":material/person_alert:",
    "label_drift": ":material/trending_up:",
    "agreement_drift": ":material/compare_arrows:",
}


def show_flag(flag: Any) -> None:
    """One flag: its title (the catalogue's ui.production.flag.<kind>) and what it says."""
    title = t(f"ui.production.flag.{flag.kind}")
    message = flag.text(language())
    st.warning(f"**{title}** · {escape_md(message)}", icon=FLAG_ICONS[flag.kind])


def render_flags(report: Any) -> None:
    """Every flag of the report, or a line saying there is none."""
    if report.flags:
        newest = report.batches[-1]
        current = [flag for flag in report.flags if flag.batch == newest]
        rank = {name: index for index, name in enumerate(reversed(report.batches))}
        earlier = sorted((flag for flag in report.flags if flag.batch != newest), key=lambda f: rank.get(f.batch, 0))
        st.markdown(f"##### ⚠️ {t('ui.production.flag_s', n=len(report.flags))}")
        if current:
            st.caption(t("ui.production.newest_batch", b=newest))
            for flag in current:
                show_flag(flag)
        else:
            st.success(t("ui.production.no_flags_on_the_newest_batch", b=newest), icon=":material/verified:")
        if earlier:
            with st.expander(t("ui.production.flag_s_on_earlier_batches", n=len(earlier)), icon=":material/history:"):
                for flag in earlier:
                    show_flag(flag)
    else:
        st.success(
            t(
                "ui.production.no_flags_every_reviewed_batch_and",
            ),
            icon=":material/verified:",
        )
