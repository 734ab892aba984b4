"""Trial tab 1: the training pack, shown and downloadable as Markdown and Word."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.training.materials import training_pack, training_pack_docx
from ui.components import guard, safe_name
from ui.i18n import t
from ui.trial.common import DOCX_MIME, demote, file_bytes


def render_pack(rulebook: Any) -> None:
    st.caption(
        t(
            "ui.trial.in_the_rulebook_s_language_in",
        )
    )
    with guard():
        pack = training_pack(rulebook)
        stem = safe_name(f"{rulebook.title}_v{rulebook.version}_training")
        buttons = st.columns([1, 1, 2])
        buttons[0].download_button(
            t("ui.trial.pack_markdown"), pack.encode("utf-8"), file_name=f"{stem}.md", mime="text/markdown",
            icon=":material/description:", on_click="ignore", width="stretch",
        )
        buttons[1].download_button(
            t("ui.trial.pack_word"), file_bytes(lambda p: training_pack_docx(rulebook, p), "pack.docx"),
            file_name=f"{stem}.docx", mime=DOCX_MIME, icon=":material/article:", on_click="ignore", width="stretch",
        )
        with st.container(border=True, height=640):
            st.markdown(demote(pack))
