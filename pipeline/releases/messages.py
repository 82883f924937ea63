"""The release library's error: a catalogue key (pipeline/catalogue.py, releases.*) and its values."""

from __future__ import annotations

from pipeline.messages import Problem


class ReleaseError(Problem):
    """A release command cannot do what was asked (an unknown run id, too few releases): exit 2.

    str() is the one sentence in the current language (Chinese by default); `.text("en")` in English."""
