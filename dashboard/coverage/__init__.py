"""覆盖 Coverage: the regions ranked by coverage (bars, map), by hub type and level, down to the organizations."""
