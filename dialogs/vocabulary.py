"""The closed sets of values the coach talks about (goals, levels, equipment, days, body parts)
and the words runners type for them, from dialogs/data/vocabulary.toml."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from dialogs.datafile import read_toml


class Goal(StrEnum):
    FASTER = "faster"  # run a faster 5k/10k
    PREVENT = "prevent"  # prevent injuries
    STRONGER = "stronger"  # stronger or toned glutes
    COMEBACK = "comeback"  # come back from a niggle


class RaceDistance(StrEnum):
    """The race a runner trains for, if any."""

    FIVE_K = "five_k"
    TEN_K = "ten_k"
    HALF = "half"
    MARATHON = "marathon"
    ULTRA = "ultra"
    TRAIL = "trail"
    NONE = "none"  # no race, just running


class DistanceUnit(StrEnum):
    """The unit a runner counts distance in: whatever they typed last."""

    KM = "km"
    MI = "mi"


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
    """ISO order: Monday is number 0, as in datetime.weekday()."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    # Not `index`: that would shadow str.index, which a StrEnum member still is.
    @property
    def number(self) -> int:
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


# ---------------------------------------------------------------- typed words

VOCABULARY_FILE = "vocabulary.toml"


class VocabularyError(RuntimeError):
    """The data file is broken; the text names the file and the entry."""


Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Vocabulary(BaseModel):
    """The file's tables; a key that names a value must be one of its enum's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    goal: dict[Goal, tuple[Phrase, ...]]
    race: dict[RaceDistance, tuple[Phrase, ...]]
    experience: dict[Experience, tuple[Phrase, ...]]
    equipment: dict[Equipment, tuple[Phrase, ...]]
    equipment_all: dict[Literal["all"], tuple[Phrase, ...]]
    half: dict[Literal["am", "pm"], tuple[Phrase, ...]]
    no_days: dict[Literal["none"], tuple[Phrase, ...]]
    done: dict[Literal["done"], tuple[Phrase, ...]]
    # Keyed by profile question; dialogs.profile.questions checks every question has words.
    summary: dict[Phrase, tuple[Phrase, ...]]
    known: dict[Literal["ok", "edit", "restart"], tuple[Phrase, ...]]
    settings_menu: dict[Literal["nudges", "done"], tuple[Phrase, ...]]
    nudges: dict[Phrase, tuple[Phrase, ...]]
    counts: dict[Phrase, int]
    day_spellings: dict[Phrase, Weekday]
    # Typed answers to the day's reminder, by the reminder button each stands for.
    reminder_replies: dict[Literal["skip", "snz:h", "snz:e", "snz:t"], tuple[Phrase, ...]]
    # Short messages with no dialog open, by the reply each gets (dialogs/small_talk.py); the
    # first kind that matches wins, so a request for information comes before an "ok".
    small_talk: dict[
        Literal[
            "help",
            "today",
            "next",
            "move_once",
            "reschedule",
            "away",
            "ill",
            "ran",
            "thanks",
            "ack",
        ],
        tuple[Phrase, ...],
    ]


def read_vocabulary(text: str) -> _Vocabulary:
    """The vocabulary from the TOML text, checked; VocabularyError naming the entry if broken."""
    return read_toml(_Vocabulary, text, name=VOCABULARY_FILE, error=VocabularyError)


@cache
def vocabulary() -> _Vocabulary:
    """The shipped vocabulary, read once."""
    folder = resources.files("dialogs") / "data"
    return read_vocabulary((folder / VOCABULARY_FILE).read_text(encoding="utf-8"))
