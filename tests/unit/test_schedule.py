"""Next occurrences of the recurring nudges: none without training days, only recurring kinds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.scheduling.cron import next_occurrence
from dialogs.training.nudges import SESSION_CHECKIN, WEEKLY_SUMMARY, WORKOUT_REMINDER
from tests.support.builders import NOW, profile


def test_the_next_reminder_is_on_the_next_training_day_at_the_local_time() -> None:
    # NOW is Monday 08:00 UTC = 08:00 London; the runner trains Mon, Wed, Fri at 07:30
    assert next_occurrence(WORKOUT_REMINDER, profile(), NOW) == (
        datetime(2025, 3, 5, 7, 30, tzinfo=UTC),
        "2025-03-05",
    )


def test_a_runner_without_training_days_gets_no_reminder() -> None:
    assert next_occurrence(WORKOUT_REMINDER, profile(workout_days=[]), NOW) is None


def test_the_weekly_summary_is_keyed_by_iso_week() -> None:
    due, key = next_occurrence(WEEKLY_SUMMARY, profile(), NOW) or (None, "")
    assert due is not None and due.weekday() == 6
    assert key == "2025-W10"


def test_a_kind_that_does_not_recur_is_refused() -> None:
    with pytest.raises(ValueError, match="session_checkin does not recur"):
        next_occurrence(SESSION_CHECKIN, profile(), NOW)
