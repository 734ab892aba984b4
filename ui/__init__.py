"""The Streamlit app's pages and helpers. Layout and state only: every action calls the pipeline."""
