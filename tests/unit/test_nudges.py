"""Which scheduled nudges are held back, read from the payloads the core itself schedules."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dialogs.core import Context
from dialogs.records import Profile, SessionRecord
from dialogs.training import nudges
from dialogs.vocabulary import Experience, Goal

DAY = date(2026, 3, 2)
STARTED = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
PROFILE = Profile(goal=Goal.STRONGER, experience=Experience.REGULAR, runs_per_week=3)


def _ctx(*history: SessionRecord) -> Context:
    return Context(
        now=datetime(2026, 3, 2, 9, 31, tzinfo=UTC), user_id=7, profile=PROFILE, history=history
    )


def test_a_session_check_in_goes_for_a_session_left_unfinished() -> None:
    checkin = nudges.session_checkin(DAY, STARTED)
    unfinished = SessionRecord(day=DAY, started_at=STARTED, finished=False)
    assert nudges.drop_reason(checkin.kind, checkin.payload, _ctx(unfinished)) is None


def test_a_session_check_in_is_dropped_once_the_session_is_finished() -> None:
    checkin = nudges.session_checkin(DAY, STARTED)
    finished = SessionRecord(day=DAY, started_at=STARTED, finished=True)
    assert nudges.drop_reason(checkin.kind, checkin.payload, _ctx(finished)) == "finished"
