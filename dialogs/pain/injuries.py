"""What a report says about an injury's moment: a sudden onset, a pop, a strain days old, a
mild sprain."""

from __future__ import annotations

from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import KNEES, Answer, Flag, Onset


def sudden_injury(r: PainReport) -> bool:
    return r.onset == Onset.SUDDEN or any(
        r.answer(f) == Answer.YES for f in (Flag.TWIST, Flag.TRAUMA, Flag.POP, Flag.TEAR)
    )


def fresh_strain(r: PainReport) -> bool:
    """A strain at sport a day or two ago limps; a hip stress fracture builds over weeks."""
    return sudden_injury(r) and r.days is not None and r.days <= 2


def strain_not_fall(r: PainReport) -> bool:
    """A muscle strained or twisted at sport, not a fall or a knock: its limp is a strain's
    (a physio's), not a hip stress fracture's."""
    strained = r.onset == Onset.SUDDEN or any(
        r.answer(f) == Answer.YES for f in (Flag.TWIST, Flag.TEAR)
    )
    return strained and r.answer(Flag.TRAUMA) != Answer.YES


def mild_fresh_strain(r: PainReport) -> bool:
    """A mild strain of the last few days, which hurts a little walking about, as strains do."""
    return sudden_injury(r) and (r.worst or 0) <= 3 and (r.days or 0) <= 3


def injury_pop(r: PainReport) -> bool:
    """A pop at the moment of injury; "not sure" counts as one unless the runner walks on it,
    when it is a physio's question rather than A&E's (a grab they are not sure about)."""
    if r.answer(Flag.POP) == Answer.UNSURE:
        return r.answer(Flag.CANNOT_WALK) != Answer.NO
    return r.has(Flag.POP)


def mild_sprain(r: PainReport) -> bool:
    """A twist or strain that bears weight without a limp, not in the knee: swelling there is
    part of a mild sprain (modify), not a sign for a physio."""
    return (
        sudden_injury(r)
        and r.answer(Flag.CANNOT_WALK) == Answer.NO
        and not r.limping
        and (r.worst or 0) <= 5
        and not r.places & KNEES
        and not r.has(Flag.BRUISING)
        # Swelling that keeps coming back after runs is a physio's, however it started.
        and not r.has(Flag.RECURRING)
    )
