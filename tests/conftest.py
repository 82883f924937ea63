"""Shared test set-up: a pinned 'today' so rules about the future are reproducible."""

from __future__ import annotations

import os

os.environ.setdefault("SHUNIU_TODAY", "2026-11-23")
