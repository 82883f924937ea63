"""The Streamlit frame every page shares: the sidebar, moving through the regions, the release on screen, tables and charts with their downloads."""
