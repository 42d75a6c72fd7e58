"""Normal training soreness (DOMS): what it looks like, so it is not mistaken for an injury."""

from __future__ import annotations

from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import Answer, Behaviour, Flag, Onset, Side, Trend
from dialogs.vocabulary import BodyLocation

# Muscles where normal training soreness (DOMS) is common.
MUSCLES = frozenset(
    {
        BodyLocation.GLUTE,
        BodyLocation.HAMSTRING,
        BodyLocation.CALF,
        BodyLocation.OTHER,
        BodyLocation.HIP_OUTSIDE,
    }
)


def is_normal_soreness(report: PainReport) -> bool:
    """Whether the report fits delayed-onset muscle soreness after training.

    Muscles rather than a joint, tendon or bone; after new or harder work, or both sides,
    or general words like "legs"; not sudden, sharp, swollen, bruised or numb; at most 5 days.
    """
    if report.soreness in (Answer.NO, Answer.UNSURE):
        return False
    if not report.locations and not (report.has(Flag.MUSCLES) or report.has(Flag.AFTER_TRAINING)):
        return False
    # Inner thighs or hip flexors on both sides after new work are muscle soreness; one groin
    # or hip front is not.
    both = report.side == Side.BOTH
    muscles = MUSCLES | {BodyLocation.GROIN, BodyLocation.HIP_FRONT} if both else MUSCLES
    areas = {"leg", "hip"} if both else {"leg"}
    if not set(report.locations) <= muscles or set(report.unspecified) - areas:
        return False
    if not (
        report.has(Flag.AFTER_TRAINING) or report.has(Flag.MUSCLES) or report.side == Side.BOTH
    ):
        return False
    against = (
        Flag.SHARP,
        Flag.POP,
        Flag.SWELLING,
        Flag.BRUISING,
        Flag.NUMBNESS,
        Flag.TEAR,
        Flag.TWIST,
        Flag.TRAUMA,
        Flag.BONE_SPOT,
        Flag.RADIATING,
        Flag.HOT_RED,
        Flag.TENSE,
        Flag.TENDON,  # a tendon is no muscle: "sore the day after" is past its limits
    )
    return (
        not any(report.answer(flag) == Answer.YES for flag in against)
        and report.onset != Onset.SUDDEN
        and (report.days is None or report.days <= 5)
        # New shoes change the load: sore calves after the first run in them is soreness,
        # an ache from them lasting several days is read as a pain of its own.
        and not (report.has(Flag.SHOE_CHANGE) and (report.days or 0) >= 3)
        and report.trend != Trend.WORSE
        # Soreness eases as you move and fades within days; "not shifting" by day 3 does not.
        and not (report.trend == Trend.SAME and (report.days or 0) >= 3)
        and report.behaviour != Behaviour.BUILDS
    )
