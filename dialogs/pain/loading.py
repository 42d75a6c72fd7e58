"""Which painful places the workout builder rests, and which it keeps loading.

Tendons recover with load, not rest (the pain-monitoring model in the clinical criteria: up
to 5/10 during activity is acceptable if it has settled by the next morning). So a tendon
pain at the modify level keeps its exercises; the builder holds them at a tolerable level
by leaving heavy and explosive work out while any pain is active. Every other painful place,
and a tendon once a physio or urgent care is needed, has its loading exercises left out.
"""

from __future__ import annotations

from dialogs.pain.levels import MODIFY
from dialogs.records import PainStatus
from dialogs.vocabulary import BodyLocation

# Where a runner's pain is usually a tendon's (Achilles, high hamstring, glute tendons on
# the outside of the hip).
TENDONS = frozenset(
    {
        BodyLocation.ACHILLES,
        BodyLocation.HAMSTRING,
        BodyLocation.GLUTE,
        BodyLocation.HIP_OUTSIDE,
    }
)


def kept_loading(pain: PainStatus | None) -> frozenset[BodyLocation]:
    """The painful tendons whose exercises stay in today's session, at a tolerable level."""
    if pain is None:
        return frozenset()
    if not pain.reports:
        return pain.locations & TENDONS if pain.level == MODIFY else frozenset()
    kept: set[BodyLocation] = set()
    for record in pain.reports:
        if record.level == MODIFY:
            kept |= set(record.locations) & TENDONS
    # A place that another, more serious report also names is rested.
    for record in pain.reports:
        if record.level != MODIFY:
            kept -= set(record.locations)
    return frozenset(kept)


def rested_places(pain: PainStatus | None) -> frozenset[BodyLocation]:
    """The painful places whose loading exercises (avoid_with) are left out today."""
    if pain is None:
        return frozenset()
    return pain.locations - kept_loading(pain)
