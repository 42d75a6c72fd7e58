"""What a normal training response looks like (the criteria's "continue" level), and why a
pain with no sign of more needs only lighter training ("modify"): the rules' last word, when
no sign of a higher level applies (dialogs.pain.rules)."""

from __future__ import annotations

from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import Answer, Behaviour, Flag, Side, Trend
from dialogs.vocabulary import BodyLocation

# Where first-step pain lives (a heel or foot out of bed, shins easing as you warm up).
FIRST_STEPS = frozenset({BodyLocation.HEEL, BodyLocation.FOOT, BodyLocation.SHIN})
FEET = frozenset({BodyLocation.FOOT})


def steady_stiffness(r: PainReport) -> bool:
    """Stiffness that warms up, mild and not getting worse: normal, however long it has been
    (the pain-monitoring model asks only that morning stiffness is not worsening)."""
    mild = r.worst is None or r.worst <= 3
    return r.answer(Flag.STIFF_WARMS) == Answer.YES and mild and r.trend != Trend.WORSE


def once_over_limits(r: PainReport) -> bool:
    """Over 5/10 once and settled by the next morning: the pain-monitoring model cuts back
    (modify); again and again, or not settling, is a physio's."""
    return (
        r.answer(Flag.ONE_OFF) == Answer.YES
        and r.gone_by_morning == Answer.YES
        and not r.has(Flag.RECURRING)
        and not r.has(Flag.DAILY)
    )


def continue_code(r: PainReport, doms: bool) -> str | None:
    """Why this looks like a normal training response, or None."""
    mild = r.worst is None or r.worst <= 3
    if doms:
        return "doms"
    if r.answer(Flag.BURN) == Answer.YES and mild:
        return "burn"
    # Stiffness that warms up and goes: muscles, back, hips, knees, tendons, both feet. In one
    # heel or foot, or the shins (first steps out of bed, shins easing as you warm up), it is
    # the modify level.
    first_steps = r.places & FIRST_STEPS and not (r.side == Side.BOTH and r.places <= FEET)
    if r.answer(Flag.STIFF_WARMS) == Answer.YES and mild and not first_steps:
        return "stiff_warms"
    if r.answer(Flag.CLICK) == Answer.YES and r.worst == 0:
        return "click"
    if r.within_limits == Answer.YES and r.behaviour != Behaviour.BUILDS:
        return "mild"  # the runner said so, answering the check in the criteria's words
    settles = r.answer(Flag.GONE_QUICKLY) == Answer.YES or r.behaviour == Behaviour.SETTLES
    # Absent in daily life and at night counts like settling within hours (the criteria).
    quiet = r.answer(Flag.DAILY) == Answer.NO and r.answer(Flag.REST_NIGHT) == Answer.NO
    builds = r.behaviour == Behaviour.BUILDS
    if r.worst is not None and r.worst <= 3 and (settles or quiet) and not builds:
        return "mild"
    if r.worst == 0:
        return "mild"
    return None


def modify_code(r: PainReport) -> str:
    """Why a pain in one place, with no sign of more, needs lighter training."""
    if r.has(Flag.SHOE_CHANGE) and (r.days or 0) >= 3:
        return "new_shoes"
    return "within_limits" if r.gone_by_morning == Answer.YES else "one_place"
