"""Where a report's pain is and what story it tells, as the rules read them: the places a
clot shows up, the back, a nerve's path down the leg, the plantar first steps."""

from __future__ import annotations

from dialogs.pain.normal import FEET
from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import KNEES, Answer, Behaviour, Flag
from dialogs.vocabulary import BodyLocation

# Where a clot shows up: the calf, behind the knee, the thigh.
CLOT_SITES = frozenset(
    {BodyLocation.CALF, BodyLocation.KNEE_BACK, BodyLocation.HAMSTRING, BodyLocation.OTHER}
)


def at(r: PainReport, places: frozenset[BodyLocation]) -> bool:
    return bool(r.places & places)


def back(r: PainReport) -> bool:
    return BodyLocation.LOWER_BACK in r.locations


def back_pain(r: PainReport) -> bool:
    """Back pain with no calf, thigh or knee named: a long journey is no clot sign there."""
    return back(r) and not at(r, CLOT_SITES - {BodyLocation.OTHER})


def sciatic(r: PainReport) -> bool:
    """Pain shooting from the buttock or back down the leg: a nerve's (sciatica), which a
    long journey does not make a clot; swelling with heat still does."""
    return r.answer(Flag.RADIATING) == Answer.YES and at(
        r, frozenset({BodyLocation.GLUTE, BodyLocation.LOWER_BACK})
    )


def set_burn(r: PainReport) -> bool:
    """A burn in a set that stops with it: weeks of it are weeks of training, not of a pain."""
    return r.answer(Flag.BURN) == Answer.YES


def knee(r: PainReport) -> bool:
    return at(r, KNEES)


def clot_site(r: PainReport) -> bool:
    return at(r, CLOT_SITES) or "leg" in r.unspecified


def unlocated(r: PainReport) -> bool:
    return not r.locations and not r.unspecified


def first_steps_easing(r: PainReport) -> bool:
    """Heel or arch "agony" for the first steps that then settles: the plantar pattern the
    criteria put at modify, however bad those steps are."""
    return (
        "first_steps" in r.aggravators
        and r.behaviour == Behaviour.SETTLES
        and r.places <= FEET | {BodyLocation.HEEL}
    )
