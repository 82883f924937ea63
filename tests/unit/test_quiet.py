"""benchmarks.quiet: figures count as comparable only when the load average was at most 1.0 around them."""

from __future__ import annotations

from pathlib import Path

from benchmarks import quiet


def readings(*ones: float):  # type: ignore[no-untyped-def]
    """A load-average reader that returns these 1-minute figures in turn (the last one repeats)."""
    values = list(ones)

    def read() -> tuple[float, float, float]:
        one = values.pop(0) if len(values) > 1 else values[0]
        return one, 0.0, 0.0

    return read


def test_quiet_before_and_after_is_comparable() -> None:
    assert quiet.Quiet((0.4, 0, 0), (1.0, 0, 0), 0).comparable


def test_a_busy_machine_before_or_after_is_not_comparable() -> None:
    assert not quiet.Quiet((1.01, 0, 0), (0.2, 0, 0), 0).comparable
    assert not quiet.Quiet((0.2, 0, 0), (3.5, 0, 0), 120).comparable


def test_the_after_reading_waits_for_the_runs_own_load_to_decay() -> None:
    slept: list[float] = []
    reading, waited = quiet.settled(60, 5, readings(2.0, 1.6, 1.2, 0.9, 0.5), slept.append)
    assert reading[0] == 0.9 and waited == 15 and slept == [5, 5, 5]


def test_the_wait_ends_at_the_cooldown_when_the_machine_stays_busy() -> None:
    slept: list[float] = []
    reading, waited = quiet.settled(12, 5, readings(4.0), slept.append)
    assert reading[0] == 4.0 and waited == 12 and slept == [5, 5, 2]


def test_a_quiet_machine_is_not_waited_for() -> None:
    slept: list[float] = []
    assert quiet.wait_until_quiet(600, 5, readings(0.3), slept.append)[0] == 0.3
    assert slept == []


def test_noisy_figures_never_overwrite_the_committed_results() -> None:
    path = Path("benchmarks/results/latest.json")
    assert quiet.results_path(path, quiet.Quiet((0.5, 0, 0), (0.5, 0, 0), 0)) == path
    noisy = quiet.results_path(path, quiet.Quiet((5.0, 0, 0), (0.5, 0, 0), 0))
    assert noisy == Path("benchmarks/results/latest.noisy.json")


def test_the_sentence_names_both_readings_and_the_verdict() -> None:
    sentence = quiet.Quiet((2.5, 0, 0), (0.8, 0, 0), 40).sentence()
    assert "before 2.50" in sentence and "after 0.80" in sentence and "NOT QUIET" in sentence
