"""A tendon pain inside the pain-monitoring limits keeps its exercises at a tolerable level."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dialogs.knowledge import knowledge
from dialogs.pain.levels import MODIFY, PHYSIO
from dialogs.pain.loading import kept_loading, rested_places
from dialogs.records import PainRecord, PainStatus, Profile
from dialogs.training.sessions import build_session
from dialogs.vocabulary import BodyLocation as L
from dialogs.vocabulary import Experience, Goal

PROFILE = Profile(goal=Goal.PREVENT, experience=Experience.REGULAR, runs_per_week=3)
DAY = date(2026, 12, 1)


def _record(key: str, level: str, *places: L) -> PainRecord:
    return PainRecord(key=key, locations=places, level=level, first_reported=DAY)


def test_a_tendon_at_the_modify_level_is_kept_loading_and_everything_else_rests() -> None:
    hamstring = _record("pain-1", MODIFY, L.HAMSTRING)
    shin = _record("pain-2", MODIFY, L.SHIN)
    places = frozenset({L.HAMSTRING, L.SHIN})
    pain = PainStatus(level=MODIFY, locations=places, reports=(hamstring, shin))
    assert kept_loading(pain) == {L.HAMSTRING}
    assert rested_places(pain) == {L.SHIN}


def test_a_tendon_another_report_sends_to_a_physio_rests() -> None:
    reports = (_record("pain-1", MODIFY, L.ACHILLES), _record("pain-2", PHYSIO, L.ACHILLES))
    pain = PainStatus(level=PHYSIO, locations=frozenset({L.ACHILLES}), reports=reports)
    assert kept_loading(pain) == frozenset()
    assert rested_places(pain) == {L.ACHILLES}
    assert rested_places(None) == frozenset()


def _sessions(level: str) -> list[list[str]]:
    pain = PainStatus(
        level=level,
        locations=frozenset({L.HAMSTRING}),
        reports=(_record("pain-1", level, L.HAMSTRING),),
    )
    return [
        [
            item.exercise_id
            for item in build_session(
                profile=PROFILE, day=DAY + timedelta(days=n), user_id=7, history=(), pain=pain
            ).items
        ]
        for n in range(14)
    ]


@pytest.mark.parametrize(("level", "loaded"), [(MODIFY, True), (PHYSIO, False)])
def test_the_builder_keeps_hamstring_work_light_for_a_modify_tendon_pain(
    level: str, loaded: bool
) -> None:
    exercises = knowledge().exercises
    sessions = _sessions(level)
    loading = [[e for e in ids if L.HAMSTRING in exercises[e].avoid_with] for ids in sessions]
    assert any(loading) == loaded
    # The tolerable level: nothing heavy or explosive while the pain is active.
    assert not any(exercises[e].heavy or exercises[e].explosive for ids in sessions for e in ids)
