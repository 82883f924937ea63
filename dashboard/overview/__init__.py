"""总览 Overview: headline cards against a baseline, the change in words, the trend, the briefing pack."""
