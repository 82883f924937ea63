"""Serving Shuniu past one process: Streamlit workers behind a Caddy reverse proxy (see docs/scale.md)."""
