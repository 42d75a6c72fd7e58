"""The closed sets of values the coach talks about: goals, levels, equipment, days, body parts."""

from __future__ import annotations

from enum import StrEnum


class Goal(StrEnum):
    FASTER = "faster"  # run a faster 5k/10k
    PREVENT = "prevent"  # prevent injuries
    STRONGER = "stronger"  # stronger or toned glutes
    COMEBACK = "comeback"  # come back from a niggle


class Experience(StrEnum):
    NEW = "new"
    REGULAR = "regular"
    EXPERIENCED = "experienced"


class Equipment(StrEnum):
    NONE = "none"  # body weight only; every runner has this
    BAND = "band"  # loop / mini band
    DUMBBELL = "dumbbell"  # dumbbells or kettlebell
    BARBELL = "barbell"
    MACHINE = "machine"  # gym machines
    BENCH = "bench"  # bench, box or sturdy step


class Weekday(StrEnum):
    """ISO order: Monday is index 0, as in datetime.weekday()."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def index(self) -> int:
        return list(Weekday).index(self)


class BodyLocation(StrEnum):
    KNEE_FRONT = "knee_front"
    KNEE_OUTSIDE = "knee_outside"
    KNEE_INSIDE = "knee_inside"
    KNEE_BACK = "knee_back"
    IT_BAND = "it_band"
    HIP_FRONT = "hip_front"
    HIP_OUTSIDE = "hip_outside"
    GROIN = "groin"
    GLUTE = "glute"
    LOWER_BACK = "lower_back"
    HAMSTRING = "hamstring"
    CALF = "calf"
    SHIN = "shin"
    ACHILLES = "achilles"
    HEEL = "heel"
    FOOT = "foot"
    ANKLE = "ankle"
    OTHER = "other"
