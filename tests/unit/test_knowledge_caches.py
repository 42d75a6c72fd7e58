"""What the session builder asks of the knowledge base for every runner is worked out once."""

from __future__ import annotations

from itertools import combinations

from dialogs.knowledge import knowledge, level_rank
from dialogs.training.progression import usable
from dialogs.vocabulary import Equipment, Experience
from tests.support.builders import profile


def test_the_chains_are_worked_out_once_at_load() -> None:
    kb = knowledge()
    assert kb.chains() is kb.chains()
    assert [chain[0].easier for chain in kb.chains()] == [None] * len(kb.chains())


def test_usable_exercises_are_shared_by_runners_with_the_same_kit_and_level() -> None:
    kb = knowledge()
    kits = [frozenset(kit) for size in range(3) for kit in combinations(Equipment, size)]
    for kit in kits:
        for level in Experience:
            rank = level_rank(level) + 1
            expected = {
                e.id for e in kb.exercises.values() if e.fits(kit) and level_rank(e.level) <= rank
            }
            assert kb.usable(kit, rank) == expected
    runner = profile(equipment=frozenset({Equipment.BAND}), experience=Experience.NEW)
    assert usable(runner) is usable(runner.model_copy())
