"""The four pain levels and their order: the one place a level is spelled out.

The values are what the database stores, so they never change.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class PainLevel(StrEnum):
    """How much care a pain needs; the definition order is the order, least care first."""

    CONTINUE = "continue"  # a normal response to training: carry on
    MODIFY = "modify"  # adjust training, check in after 48 hours
    PHYSIO = "physio"  # see a physio (or a doctor) soon
    URGENT = "urgent"  # get help now


LEVELS: tuple[PainLevel, ...] = tuple(PainLevel)
# Short names for the rule tables (and tests); the same enum members.
CONTINUE, MODIFY, PHYSIO, URGENT = LEVELS
# Levels that mean "get someone to look at it".
REFERRALS = frozenset({PHYSIO, URGENT})


def rank(level: str) -> int:
    """A level's position in the order (a stored string works too): higher needs more care."""
    return LEVELS.index(PainLevel(level))


def highest(levels: Iterable[str]) -> PainLevel:
    """The level needing the most care of several (CONTINUE when there are none)."""
    return max(map(PainLevel, levels), key=rank, default=CONTINUE)
