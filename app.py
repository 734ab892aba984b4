"""Rulebook's Streamlit app. Layout and state only: every action calls the pipeline."""

import streamlit as st

from assistant.llm import engine_description
from assistant.settings import get_settings

st.set_page_config(page_title="Rulebook", page_icon="📘", layout="wide")
settings = get_settings()

with st.sidebar:
    st.markdown("### Rulebook")
    if settings.llm_configured:
        st.success(engine_description(settings))
    else:
        st.warning("Offline engine: no LLM configured. 离线引擎：未配置大模型。")
    st.caption(f"Data directory: `{settings.data_dir.resolve()}`")

st.title("Rulebook")
st.write(
    "Turn a vague annotation request into a precise labeling rulebook. "
    "把模糊的标注需求变成清晰的标注规则。"
)
st.info("The assistant pages arrive in a later release; use the `rulebook` CLI meanwhile.")
