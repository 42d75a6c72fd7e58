"""Pain triage: what a runner's message says about pain, and which of four levels it needs.

The rules follow ../shared/clinical-criteria.md: any single sign of a higher level wins, and
an answer of "not sure" counts as the worse case. The coach gives decision support, never a
diagnosis. Runners' words (places, severities, durations, red flags) live in
dialogs/data/pain_lexicon.toml; this module reads them into a PainReport and turns a report
into a Triage with the reasons that led there.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from rapidfuzz import process
from rapidfuzz.distance import OSA

from dialogs import red_flags
from dialogs.parsing import fold
from dialogs.records import PainRecord
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation, Weekday

LEXICON_FILE = "pain_lexicon.toml"

URGENT, PHYSIO, MODIFY, CONTINUE = "urgent", "physio", "modify", "continue"
LEVELS = (CONTINUE, MODIFY, PHYSIO, URGENT)  # lowest first


# A modify-level pain not clearly better by about day 10-14 needs a physio's eyes.
NOT_BETTER_DAYS = 10


def rank(level: str) -> int:
    """Position of a level in LEVELS: a higher number needs more care."""
    return LEVELS.index(level)


class LexiconError(RuntimeError):
    """The pain lexicon is broken; the text names the file and the entry."""


class Answer(StrEnum):
    """What the runner said about one sign. UNKNOWN: not said; UNSURE: said "not sure"."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
    UNKNOWN = "unknown"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Behaviour(StrEnum):
    """How the pain behaves during a run."""

    SETTLES = "settles"  # eases as you warm up
    SAME = "same"
    BUILDS = "builds"  # builds until you have to stop


class Onset(StrEnum):
    SUDDEN = "sudden"
    GRADUAL = "gradual"


class Trend(StrEnum):
    """How it is changing from day to day."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class Flag(StrEnum):
    """Signs a message can carry, each answered yes / no / not sure."""

    # Red flags the pain dialog asks about.
    REST_NIGHT = "rest_night"
    CONSTANT = "constant"  # there all the time (asked for back pain)
    SWELLING = "swelling"
    NUMBNESS = "numbness"
    CANNOT_WALK = "cannot_walk"  # cannot bear weight or walk four steps
    POP = "pop"  # a pop, snap or crack at the moment of injury
    BONE_SPOT = "bone_spot"  # one tender spot on a bone, or pain when hopping
    GIVING_WAY = "giving_way"  # knee gives way, or catches and frees itself
    LOCKED = "locked"  # knee locked, will not straighten
    SADDLE = "saddle"  # numbness around the saddle area / when wiping
    BLADDER = "bladder"  # new bladder or bowel trouble
    BOTH_LEGS = "both_legs"  # numbness or weakness in both legs
    # Emergencies and other signs recognised when mentioned.
    CHEST = "chest"
    BREATHLESS = "breathless"
    FAINTING = "fainting"
    CONFUSION = "confusion"  # confusion, seizure, hot dry skin in the heat
    DIZZY = "dizzy"
    HEAT = "heat"  # a hot day
    HOT_RED = "hot_red"  # warm or red skin over the sore place
    TRAVEL = "travel"  # long flight, drive or immobility
    DARK_URINE = "dark_urine"
    DEFORMITY = "deformity"  # deformity, suspected fracture or dislocation
    FEVER = "fever"
    BACK_SERIOUS = "back_serious"  # unexplained weight loss, history of cancer
    OUT_OF_PROPORTION = "out_of_proportion"
    TENSE = "tense"  # a tight, swollen, shiny muscle
    CANT_MOVE = "cant_move"  # cannot move or use it
    KICKED = "kicked"  # felt kicked in the back of the heel
    TIPTOE = "tiptoe"  # cannot rise on tiptoe
    WALK_WEAK = "walk_weak"  # "I can't walk", which may be hyperbole
    WALK_HARD = "walk_hard"  # "I can barely walk"
    BRUISING = "bruising"
    RADIATING = "radiating"
    WEAKNESS = "weakness"
    THICKENED = "thickened"
    EARLIER_EACH_RUN = "earlier_each_run"
    RECURRING = "recurring"
    MILEAGE_JUMP = "mileage_jump"
    PRIOR_FRACTURE = "prior_fracture"
    RED_S = "red_s"  # missed or irregular periods, under-fuelling
    TWIST = "twist"
    TRAUMA = "trauma"  # a fall or a knock
    TEAR = "tear"
    SHARP = "sharp"
    CLICK = "click"
    GONE_QUICKLY = "gone_quickly"  # gone within a few hours of a run
    STIFF_WARMS = "stiff_warms"
    BURN = "burn"
    TENDER_TOUCH = "tender_touch"  # sore to press
    DISTANCE_ONSET = "distance_onset"  # starts at a predictable distance
    DAILY = "daily"  # hurts in daily life too
    AFTER_TRAINING = "after_training"  # new, harder or longer work than usual
    MUSCLES = "muscles"  # general muscle words ("legs", "quads"), not one spot


# The red flags: the dialog asks the first twelve, the rest are recognised when mentioned.
# Each is enough on its own for physio or urgent, and nothing else said can outweigh it.
RED_FLAGS = (
    Flag.REST_NIGHT,
    Flag.CONSTANT,
    Flag.SWELLING,
    Flag.NUMBNESS,
    Flag.CANNOT_WALK,
    Flag.POP,
    Flag.BONE_SPOT,
    Flag.GIVING_WAY,
    Flag.LOCKED,
    Flag.SADDLE,
    Flag.BLADDER,
    Flag.BOTH_LEGS,
    Flag.CHEST,
    Flag.BREATHLESS,
    Flag.FAINTING,
    Flag.CONFUSION,
    Flag.DIZZY,
    Flag.HOT_RED,
    Flag.DARK_URINE,
    Flag.DEFORMITY,
    Flag.FEVER,
    Flag.BACK_SERIOUS,
    Flag.OUT_OF_PROPORTION,
    Flag.TENSE,
    Flag.KICKED,
    Flag.TIPTOE,
    Flag.BRUISING,
    Flag.RADIATING,
    Flag.WEAKNESS,
    Flag.THICKENED,
    Flag.EARLIER_EACH_RUN,
    Flag.TEAR,
)

# Signs read into their own PainReport fields, or only used to notice pain talk.
_FIELD_SIGNS = ("limp", "gone_by_morning", "pain")

KNEES = frozenset(
    {
        BodyLocation.KNEE_FRONT,
        BodyLocation.KNEE_OUTSIDE,
        BodyLocation.KNEE_INSIDE,
        BodyLocation.KNEE_BACK,
    }
)
# Where bone stress shows up in runners (shin, foot, heel, hip and groin).
BONE_SITES = frozenset(
    {
        BodyLocation.SHIN,
        BodyLocation.FOOT,
        BodyLocation.HEEL,
        BodyLocation.ANKLE,
        BodyLocation.HIP_FRONT,
        BodyLocation.GROIN,
    }
)
# Where a clot shows up: the calf, behind the knee, the thigh.
_CLOT_SITES = frozenset(
    {BodyLocation.CALF, BodyLocation.KNEE_BACK, BodyLocation.HAMSTRING, BodyLocation.OTHER}
)
# Muscles where normal training soreness (DOMS) is common.
_MUSCLES = frozenset(
    {
        BodyLocation.GLUTE,
        BodyLocation.HAMSTRING,
        BodyLocation.CALF,
        BodyLocation.OTHER,
        BodyLocation.HIP_OUTSIDE,
    }
)
_BUTTOCK = frozenset({BodyLocation.GLUTE})
_BACK = frozenset({BodyLocation.LOWER_BACK})
_RUPTURE_SITES = frozenset(
    {BodyLocation.ACHILLES, BodyLocation.CALF, BodyLocation.HEEL, BodyLocation.ANKLE}
)
_COMPARTMENTS = frozenset({BodyLocation.SHIN, BodyLocation.CALF, BodyLocation.OTHER})
_DEEP_HIP = frozenset({BodyLocation.GROIN, BodyLocation.HIP_FRONT})
_JOINTS = KNEES | {BodyLocation.ANKLE, BodyLocation.HIP_FRONT, BodyLocation.FOOT}
_AREAS = ("knee", "hip", "leg")  # places said without the part: the dialog asks which part
_AREA_PARTS = {"knee": KNEES, "hip": frozenset({BodyLocation.HIP_FRONT, BodyLocation.HIP_OUTSIDE})}


# ---------------------------------------------------------------- the report


class PainReport(BaseModel):
    """What the runner has told us about one pain, from messages and answers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    locations: tuple[BodyLocation, ...] = ()
    # "knee" / "hip" / "leg": said without saying which part.
    unspecified: tuple[str, ...] = ()
    side: Side | None = None
    worst: int | None = Field(default=None, ge=0, le=10)
    days: int | None = Field(default=None, ge=0)
    behaviour: Behaviour | None = None
    limp: Answer = Answer.UNKNOWN
    gone_by_morning: Answer = Answer.UNKNOWN
    onset: Onset | None = None
    trend: Trend | None = None
    flags: dict[Flag, Answer] = Field(default_factory=dict)
    aggravators: tuple[str, ...] = ()
    # Red flags the words touched but could not settle ("peeing feels different"): the
    # dialog asks these first, in plain words, with "not sure" counted as yes.
    ask_first: tuple[Flag, ...] = ()

    @field_validator("flags")
    @classmethod
    def _drop_unknown(cls, value: dict[Flag, Answer]) -> dict[Flag, Answer]:
        return {flag: answer for flag, answer in value.items() if answer != Answer.UNKNOWN}

    @field_validator("unspecified")
    @classmethod
    def _known_areas(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - set(_AREAS)
        if unknown:
            raise ValueError(f"unknown areas {sorted(unknown)}")
        return value

    def answer(self, flag: Flag) -> Answer:
        """What the runner said about this sign (UNKNOWN when nothing)."""
        return self.flags.get(flag, Answer.UNKNOWN)

    def has(self, flag: Flag) -> bool:
        """Whether the sign is present or, being "not sure", counted as present."""
        return self.answer(flag) in (Answer.YES, Answer.UNSURE)

    @property
    def limping(self) -> bool:
        """A limp, or "not sure" about one."""
        return self.limp in (Answer.YES, Answer.UNSURE)

    @property
    def lingers(self) -> bool:
        """Still there the next morning, or "not sure" that it is gone."""
        return self.gone_by_morning in (Answer.NO, Answer.UNSURE)

    @property
    def places(self) -> frozenset[BodyLocation]:
        """Every place named, with an unspecified knee or hip counted as any of its parts."""
        found = set(self.locations)
        for area in self.unspecified:
            found |= _AREA_PARTS.get(area, frozenset({BodyLocation.OTHER}))
        return frozenset(found)

    def to_data(self) -> dict[str, Any]:
        """A JSON-able dict (for the dialog state and storage)."""
        return self.model_dump(mode="json", exclude_defaults=True)


@dataclass(frozen=True, slots=True)
class Triage:
    """The level a report needs and why.

    codes are stable identifiers of the reasons (for tests and storage); reasons are the
    same in plain words. care says where to go: emergency, same_day (urgent), physio,
    doctor (physio level, but for a GP), self (modify and continue).
    """

    level: str
    reasons: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    care: str = "self"
    resolved: bool = False


# ---------------------------------------------------------------- the lexicon

Pattern = re.Pattern[str]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Fuzzy(_Strict):
    words: tuple[str, ...]
    keep: frozenset[str]

    @field_validator("keep")
    @classmethod
    def _apart(cls, value: frozenset[str], info: ValidationInfo) -> frozenset[str]:
        both = value & set(info.data.get("words", ()))
        if both:
            raise ValueError(f"words both corrected to and kept: {sorted(both)}")
        return value


class _Negation(_Strict):
    negators: frozenset[str]
    hedges: tuple[Pattern, ...]
    stops: frozenset[str]
    after: Pattern


class _Location(_Strict):
    id: str
    patterns: tuple[Pattern, ...]

    @field_validator("id")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in _AREAS and value not in set(BodyLocation):
            raise ValueError(f"unknown place {value!r}")
        return value


class _Side(_Strict):
    body: str
    left: Pattern
    right: Pattern
    both: tuple[Pattern, ...]


class _Phrase(_Strict):
    days: int = Field(ge=0)
    patterns: tuple[Pattern, ...]


class _Duration(_Strict):
    amounts: dict[str, float]
    units: dict[str, int]
    not_before: tuple[str, ...]
    not_after: str
    phrase: tuple[_Phrase, ...]

    @field_validator("units")
    @classmethod
    def _units_compile(cls, value: dict[str, int]) -> dict[str, int]:
        for unit in value:
            re.compile(unit)
        return value


class _Sign(_Strict):
    yes: tuple[Pattern, ...]
    no: tuple[Pattern, ...] = ()
    # Context cues ("after the race") are not denied by a "can't" earlier in the clause.
    negatable: bool = True
    state: Pattern | None = None


class _Answers(_Strict):
    yes: Pattern
    no: Pattern
    unsure: Pattern
    limp: Pattern
    walk_ok: Pattern
    not_run: Pattern
    behaviour: dict[Behaviour, tuple[Pattern, ...]]
    part: dict[BodyLocation, tuple[Pattern, ...]]
    checkin: dict[str, tuple[Pattern, ...]]

    @field_validator("checkin")
    @classmethod
    def _checkin_answers(
        cls, value: dict[str, tuple[Pattern, ...]]
    ) -> dict[str, tuple[Pattern, ...]]:
        if set(value) != {*Trend, "seen"}:
            raise ValueError(f"check-in answers must be {sorted({*Trend, 'seen'})}")
        return value


class _Aggravators(_Strict):
    context: Pattern
    words: dict[str, tuple[Pattern, ...]]


Severity = Annotated[int, Field(ge=0, le=10)]


class _Lexicon(_Strict):
    fuzzy: _Fuzzy
    negation: _Negation
    location: tuple[_Location, ...]
    side: _Side
    severity: dict[Severity, tuple[Pattern, ...]]
    duration: _Duration
    weekdays: dict[Weekday, tuple[str, ...]]
    behaviour: dict[Behaviour, tuple[Pattern, ...]]
    onset: dict[Onset, tuple[Pattern, ...]]
    trend: dict[Trend, tuple[Pattern, ...]]
    sign: dict[str, _Sign]
    aggravator: _Aggravators
    answer: _Answers

    @field_validator("sign")
    @classmethod
    def _known_signs(cls, value: dict[str, _Sign]) -> dict[str, _Sign]:
        unknown = set(value) - set(Flag) - set(_FIELD_SIGNS)
        if unknown:
            raise ValueError(f"unknown signs {sorted(unknown)}")
        missing = (set(Flag) | set(_FIELD_SIGNS)) - set(value)
        if missing:
            raise ValueError(f"signs without words: {sorted(missing)}")
        return value


@cache
def _lexicon() -> _Lexicon:
    path = resources.files("dialogs") / "data" / LEXICON_FILE
    return read_lexicon(path.read_text(encoding="utf-8"))


def warm_up() -> None:
    """Load and check the lexicon and the red-flag concepts now (at start-up), so a broken
    file stops the coach early."""
    _lexicon()
    red_flags.concepts(_FLAG_NAMES)


_FLAG_NAMES = frozenset(Flag)


def _with_concepts(
    norm: str, flags: dict[Flag, Answer]
) -> tuple[dict[Flag, Answer], tuple[Flag, ...]]:
    """The lexicon's readings corrected by the red-flag concepts, and the flags to ask first.

    A concept that shows a red flag adds to the lexicon (the worse reading wins); a concept
    that denies one ("peeing fine", "no numbness down there") replaces it, because the
    concepts read the whole sentence where the lexicon reads a phrase.
    """
    reading = red_flags.read(norm, flags=_FLAG_NAMES, polarity=_polarity)
    merged = dict(flags)
    for name, value in reading.answers.items():
        flag, answer = Flag(name), Answer(value)
        if name in reading.overriding or answer == Answer.NO:
            merged[flag] = Answer.NO
        else:
            merged[flag] = _worst((merged.get(flag, Answer.UNKNOWN), answer))
    unknown = Answer.UNKNOWN
    ask = tuple(Flag(name) for name in reading.ask if merged.get(Flag(name), unknown) == unknown)
    return merged, ask


def read_lexicon(text: str) -> _Lexicon:
    """Load and check the lexicon from TOML text; a broken entry raises LexiconError."""
    try:
        raw = tomllib.loads(text)
        aggravator = raw.get("aggravator", {})
        raw["aggravator"] = {
            "context": aggravator.pop("context", None),
            "words": aggravator,
        }
        return _Lexicon.model_validate(raw)
    except (tomllib.TOMLDecodeError, ValidationError, re.error) as exc:
        raise LexiconError(f"{LEXICON_FILE}: {exc}") from exc


@cache
def _fuzzy_targets() -> dict[str, tuple[str, ...]]:
    by_letter: dict[str, list[str]] = {}
    for word in _lexicon().fuzzy.words:
        by_letter.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in by_letter.items()}


@cache
def _correct(word: str) -> str:
    """The lexicon word a typo stands for ("kneee" -> "knee"), or the word itself."""
    fuzzy = _lexicon().fuzzy
    if len(word) < 5 or word in fuzzy.keep or word in fuzzy.words:
        return word
    # Typos rarely change the first letter; requiring it keeps "right" from becoming "tight".
    targets = _fuzzy_targets().get(word[0], ())
    limit = 1 if len(word) <= 9 else 2
    hit = process.extractOne(word, targets, scorer=OSA.distance, score_cutoff=limit)
    return hit[0] if hit else word


_POSSESSIVE = re.compile(r"'s\b")
_LETTER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=64)
def normalise(text: str) -> str:
    """The folded form the lexicon patterns read: lower case, no apostrophes, typos fixed."""
    folded = fold(text)
    folded = _POSSESSIVE.sub("", folded).replace("'", "").replace("&", " and ")
    folded = _LETTER_HYPHEN.sub(" ", folded)
    folded = " ".join(folded.split())
    return _WORD.sub(lambda m: _correct(m.group()), folded)


# ---------------------------------------------------------------- reading one sign

_SENTENCE_END = re.compile(r"[.;!?\n]")
_WORDS = re.compile(r"[a-z0-9]+")
# Words that start a new clause after a comma, so a negation before the comma stops there.
_CLAUSE_STARTERS = frozenset({"i", "im", "my", "it", "its", "is", "was", "feels", "got", "have"})
_PRECEDENCE = {Answer.YES: 3, Answer.UNSURE: 2, Answer.NO: 1, Answer.UNKNOWN: 0}


def _worst(answers: Iterable[Answer]) -> Answer:
    """Combine several readings of one sign: yes wins, then not sure, then no."""
    return max(answers, key=_PRECEDENCE.__getitem__, default=Answer.UNKNOWN)


def _window(text: str, start: int) -> list[str]:
    """The words of the clause before position start, a bare list after a comma included."""
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    parts = text[sentence:start].split(",")
    keep = len(parts) - 1
    # "no swelling, bruising or numbness": a short bare list carries the negation on.
    while keep > 0:
        words = _WORDS.findall(parts[keep])
        if len(words) > 3 or set(words) & (_CLAUSE_STARTERS | _lexicon().negation.stops):
            break
        keep -= 1
    return _WORDS.findall(",".join(parts[keep:]))


def _polarity(text: str, start: int, end: int) -> Answer:
    """Whether the sign matched at [start, end) is affirmed, denied or hedged."""
    negation = _lexicon().negation
    words = _window(text, start)
    if any(p.search(" ".join(words[-8:])) for p in negation.hedges):
        return Answer.UNSURE
    for i in range(len(words) - 1, -1, -1):
        if words[i] in negation.stops:
            words = words[i + 1 :]
            break
    if set(words[-5:]) & negation.negators or negation.after.match(text, end):
        return Answer.NO
    return Answer.YES


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


@cache
def _probe(patterns: tuple[Pattern, ...]) -> Pattern:
    """All of a sign's patterns as one alternation: one scan tells whether any can match."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def _read_sign(text: str, sign: _Sign) -> Answer:
    if not _probe(sign.yes).search(text) and not (sign.no and _probe(sign.no).search(text)):
        return Answer.UNKNOWN  # most signs are absent from most messages
    denied = [m.span() for p in sign.no for m in p.finditer(text)]
    readings = [
        _polarity(text, *m.span()) if sign.negatable else Answer.YES
        for p in sign.yes
        for m in p.finditer(text)
        if not _overlaps(m.span(), denied)
    ]
    if denied:
        readings.append(Answer.NO)
    return _worst(readings)


def _first(text: str, table: dict[Any, tuple[Pattern, ...]], order: Sequence[Any]) -> Any:
    """The first key in order whose patterns match affirmatively, or None."""
    for key in order:
        for pattern in table.get(key, ()):
            if any(_polarity(text, *m.span()) != Answer.NO for m in pattern.finditer(text)):
                return key
    return None


# ---------------------------------------------------------------- reading a message


def _places(text: str) -> list[tuple[int, int, str]]:
    """Every place named, as (start, end, id), most specific first, no words claimed twice."""
    claimed: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []
    for location in _lexicon().location:
        for pattern in location.patterns:
            for m in pattern.finditer(text):
                if not _overlaps(m.span(), claimed):
                    claimed.append(m.span())
                    found.append((m.start(), m.end(), location.id))
    return sorted(found)


def _locations(
    places: list[tuple[int, int, str]],
) -> tuple[tuple[BodyLocation, ...], tuple[str, ...]]:
    specific: list[BodyLocation] = []
    areas: list[str] = []
    for _start, _end, place in places:
        if place in _AREAS:
            areas.append(place)
        elif BodyLocation(place) not in specific:
            specific.append(BodyLocation(place))
    named = set(specific)
    unspecified = tuple(
        dict.fromkeys(
            area
            for area in areas
            if not (area in _AREA_PARTS and named & _AREA_PARTS[area])
            and not (area == "leg" and named)
        )
    )
    return tuple(specific), unspecified


def _side(text: str, places: list[tuple[int, int, str]]) -> Side | None:
    lexicon = _lexicon().side
    if any(p.search(text) for p in lexicon.both):
        return Side.BOTH
    body = re.compile(r"\s*(?:\S+\s+){0,3}?" + lexicon.body)
    sides = set()
    for side, pattern in ((Side.LEFT, lexicon.left), (Side.RIGHT, lexicon.right)):
        for m in pattern.finditer(text):
            if body.match(text, m.end()) or re.search(r"\bon the $", text[: m.start()]):
                sides.add(side)
    if len(sides) == 2:
        return Side.BOTH
    return sides.pop() if sides else None


_NUMBER_WORDS = {
    word: i
    for i, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
_NUM = r"(\d{1,2}(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_SCALE = r"\s*(?:/|out of|outta|oo)\s*(?:10|ten)\b"
_RANGE_SCORE = re.compile(rf"\b{_NUM}\s*(?:-|to|or)\s*{_NUM}{_SCALE}")
_SCORE = re.compile(rf"\b{_NUM}{_SCALE}")
_NOT_A_SCORE = (
    r"(?!\s*(?:\.\d|k\b|km|mi\b|miles?|days?|d\b|weeks?|wks?|w\b|months?|mins?|minutes?|hours?"
    r"|hrs?|am\b|pm\b|x\b|reps?|sets?|%|kgs?|lbs?|times|th\b|st\b|nd\b|rd\b|s\b|:|years?|yrs?"
    r"|m\b|secs?|seconds|k?m\b|/\s*\d))"
)
_LOOSE_SCORE = re.compile(
    r"\b(?:like|about|around|maybe|probably|prob|roughly|solid|easily|say|id say|i would say"
    r"|rate it|rated it|put it at|pain|severity|level|score|rating|it|its|at least)"
    rf"(?: is| was| at| about| around| like| of)?(?: a)?\s+{_NUM}\b{_NOT_A_SCORE}"
)


def _number(word: str) -> float:
    return float(_NUMBER_WORDS.get(word, word))


def _worst_score(text: str) -> int | None:
    scores = [max(_number(a), _number(b)) for a, b in _RANGE_SCORE.findall(text)]
    scores += [_number(a) for a in _SCORE.findall(_RANGE_SCORE.sub(" ", text))]
    if not scores:
        scores = [_number(a) for a in _LOOSE_SCORE.findall(text)]
    scores = [s for s in scores if 0 <= s <= 10]
    if scores:
        return round(max(scores))
    words = [
        value
        for value, patterns in _lexicon().severity.items()
        for pattern in patterns
        for m in pattern.finditer(text)
        if _polarity(text, *m.span()) != Answer.NO
    ]
    return max(words, default=None)


@cache
def _duration_patterns() -> tuple[tuple[Pattern, int], ...]:
    duration = _lexicon().duration
    amounts = sorted(duration.amounts, key=len, reverse=True)
    # Digits may touch the unit ("3wks"); words may not ("and" is not "an d").
    words = "|".join(re.escape(a) for a in amounts)
    amount = rf"(?:(\d+(?:\.\d+)?)\s*|({words})\s+)"
    filler = r"(?:more |full |whole |solid |odd |or so |straight )?"
    # "3 days a week" is how often, not how long.
    before = "".join(rf"(?<!\b{re.escape(word)} )" for word in duration.not_before)
    return tuple(
        (
            re.compile(rf"{before}\b{amount}{filler}(?:{unit})\b(?!{duration.not_after})"),
            days,
        )
        for unit, days in duration.units.items()
    )


@cache
def _weekday_pattern() -> Pattern:
    names = {name: day for day, words in _lexicon().weekdays.items() for name in words}
    alternation = "|".join(sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:since|on|from) (?:last )?({alternation})\b")


def _days(text: str, today: date | None) -> int | None:
    duration = _lexicon().duration
    found: list[float] = []
    for pattern, per_unit in _duration_patterns():
        for digits, word in pattern.findall(text):
            found.append((float(digits) if digits else duration.amounts[word]) * per_unit)
    if today is not None:
        names = {name: day for day, words in _lexicon().weekdays.items() for name in words}
        for name in _weekday_pattern().findall(text):
            found.append((today.weekday() - names[name].index) % 7 or 7)
    if not found:
        found = [
            phrase.days
            for phrase in duration.phrase
            if any(p.search(text) for p in phrase.patterns)
        ]
    return round(max(found)) if found else None


def _aggravators(text: str) -> tuple[str, ...]:
    lexicon = _lexicon().aggravator
    found = []
    for name, patterns in lexicon.words.items():
        for pattern in patterns:
            m = pattern.search(text)
            if m and lexicon.context.search(text, max(0, m.start() - 40), m.start()):
                found.append(name)
                break
    return tuple(found)


# One dialog step reads the same message several times (the answer, then the message as a
# whole, then its places): the report is pure and frozen, so recent ones are kept.
@lru_cache(maxsize=64)
def parse_pain_text(text: str, *, today: date | None = None) -> PainReport:
    """What one message says about pain. today lets "since Sunday" become a number of days."""
    lexicon = _lexicon()
    norm = normalise(text)
    places = _places(norm)
    locations, unspecified = _locations(places)
    signs = {name: _read_sign(norm, sign) for name, sign in lexicon.sign.items()}
    flags, ask_first = _with_concepts(
        norm, {Flag(name): answer for name, answer in signs.items() if name not in _FIELD_SIGNS}
    )
    onset = _first(norm, lexicon.onset, (Onset.SUDDEN, Onset.GRADUAL))
    if onset is None and Answer.YES in (flags.get(Flag.TWIST), flags.get(Flag.TRAUMA)):
        onset = Onset.SUDDEN
    worst = _worst_score(norm)
    if worst is None and signs["pain"] == Answer.NO and flags[Flag.CLICK] == Answer.YES:
        worst = 0  # "clicks but doesn't hurt"
    aggravators = _aggravators(norm)
    if "hip" in unspecified and "lying_on_side" in aggravators:
        # Lying on it hurts: the outside of the hip.
        unspecified = tuple(a for a in unspecified if a != "hip")
        locations = (*locations, BodyLocation.HIP_OUTSIDE)
    report = PainReport(
        locations=locations,
        unspecified=unspecified,
        side=_side(norm, places),
        worst=worst,
        days=_days(norm, today),
        behaviour=_first(
            norm, lexicon.behaviour, (Behaviour.BUILDS, Behaviour.SAME, Behaviour.SETTLES)
        ),
        limp=signs["limp"],
        gone_by_morning=Answer.YES
        if signs["gone_by_morning"] == Answer.UNKNOWN and flags[Flag.GONE_QUICKLY] == Answer.YES
        else signs["gone_by_morning"],
        onset=onset,
        trend=_first(norm, lexicon.trend, (Trend.WORSE, Trend.SAME, Trend.BETTER)),
        flags=flags,
        aggravators=aggravators,
        ask_first=ask_first,
    )
    return _soreness_at_rest(report)


# Muscles sore after training ache at rest and in bed too: in that context these words
# describe the soreness, not the red flag (the pain dialog still asks about night pain).
_ACHES_AT_REST = (Flag.REST_NIGHT, Flag.CONSTANT)


def _soreness_at_rest(report: PainReport) -> PainReport:
    if not any(report.answer(flag) == Answer.YES for flag in _ACHES_AT_REST):
        return report
    calmer = {
        flag: answer
        for flag, answer in report.flags.items()
        if not (flag in _ACHES_AT_REST and answer == Answer.YES)
    }
    soreness = report.model_copy(update={"flags": calmer})
    return soreness if is_normal_soreness(soreness) else report


_CLAUSE_BREAK = re.compile(r"[.;!?,\n]|\b(?:and|but|also|plus|while|whereas)\b")


def split_problems(text: str, *, today: date | None = None) -> tuple[PainReport, ...]:
    """One report per place when a message names several ("knee's sore and my achilles...").

    Each place gets the clauses from where it is named up to the next place; a message with
    one place (or none) gives one report, the same as parse_pain_text.
    """
    norm = normalise(text)
    starts: list[int] = []
    seen: set[str] = set()
    for start, _end, place in _places(norm):
        if place not in seen:
            seen.add(place)
            starts.append(start)
    if len(starts) < 2:
        return (parse_pain_text(text, today=today),)
    cuts = [0]
    for start in starts[1:]:
        boundary = max(
            (m.end() for m in _CLAUSE_BREAK.finditer(norm, cuts[-1], start)), default=start
        )
        cuts.append(boundary)
    cuts.append(len(norm))
    return tuple(parse_pain_text(norm[a:b], today=today) for a, b in itertools.pairwise(cuts))


def mentions_pain(text: str) -> bool:
    """Whether a free message talks about pain or injury at all (to start the pain dialog)."""
    norm = normalise(text)
    lexicon = _lexicon()
    if _read_sign(norm, lexicon.sign["pain"]) in (Answer.YES, Answer.UNSURE):
        return True
    if any(_read_sign(norm, lexicon.sign[flag]) == Answer.YES for flag in _INJURY_SIGNS):
        return True
    concepts, ask_first = _with_concepts(norm, {})
    if ask_first or any(concepts.get(flag) == Answer.YES for flag in _INJURY_SIGNS):
        return True
    places = _places(norm)
    if norm.rstrip().endswith("?"):
        # A question about a body part ("is running bad for your knees?") is for /learn.
        return False
    if places and _says_something(parse_pain_text(text)):
        return True
    state = lexicon.sign["pain"].state
    # "dodgy knee", "glutes wrecked": the state word right before or just after the place.
    return state is not None and any(
        state.search(norm, max(0, start - 12), start) or state.search(norm, end, end + 25)
        for start, end, _place in places
    )


# Signs that are pain talk on their own, and mishaps that are when a body part is named.
_INJURY_SIGNS = (
    Flag.CHEST,
    Flag.FAINTING,
    Flag.BREATHLESS,
    Flag.CONFUSION,
    Flag.DARK_URINE,
    Flag.DIZZY,
    Flag.POP,
    Flag.CANNOT_WALK,
    Flag.WALK_WEAK,
    Flag.WALK_HARD,
    Flag.DEFORMITY,
    Flag.LOCKED,
    Flag.GIVING_WAY,
    Flag.SWELLING,
    Flag.NUMBNESS,
    Flag.BRUISING,
    Flag.TEAR,
    Flag.KICKED,
    Flag.TIPTOE,
    Flag.SADDLE,
    Flag.BLADDER,
    Flag.BOTH_LEGS,
    Flag.RADIATING,
    Flag.FEVER,
)
_MISHAPS = (Flag.TWIST, Flag.TRAUMA, Flag.SHARP, Flag.RECURRING, Flag.TEAR)


def _says_something(report: PainReport) -> bool:
    """Whether a message naming a body part also says something about how it feels."""
    return (
        report.worst is not None
        or report.onset == Onset.SUDDEN
        or report.trend in (Trend.WORSE, Trend.SAME)
        or report.behaviour is not None
        or report.limping
        or any(report.answer(flag) == Answer.YES for flag in _MISHAPS)
    )


def merge(first: PainReport, second: PainReport) -> PainReport:
    """Everything both reports say; where they differ, the worse reading wins."""
    locations = tuple(dict.fromkeys((*first.locations, *second.locations)))
    areas = tuple(dict.fromkeys((*first.unspecified, *second.unspecified)))
    named = set(locations)
    areas = tuple(
        a
        for a in areas
        if not (a in _AREA_PARTS and named & _AREA_PARTS[a]) and not (a == "leg" and named)
    )
    sides = {s for s in (first.side, second.side) if s is not None}
    flags = {
        flag: _worst((first.answer(flag), second.answer(flag)))
        for flag in {*first.flags, *second.flags}
    }
    return PainReport(
        locations=locations,
        unspecified=areas,
        side=Side.BOTH if len(sides) > 1 else (sides.pop() if sides else None),
        worst=_max_or_none(first.worst, second.worst),
        days=_max_or_none(first.days, second.days),
        behaviour=_pick(first.behaviour, second.behaviour, list(Behaviour)[::-1]),
        limp=_worst((first.limp, second.limp)),
        gone_by_morning=_pick(
            first.gone_by_morning,
            second.gone_by_morning,
            [Answer.NO, Answer.UNSURE, Answer.YES, Answer.UNKNOWN],
        )
        or Answer.UNKNOWN,
        onset=_pick(first.onset, second.onset, [Onset.SUDDEN, Onset.GRADUAL]),
        trend=_pick(first.trend, second.trend, [Trend.WORSE, Trend.SAME, Trend.BETTER]),
        flags=flags,
        aggravators=tuple(dict.fromkeys((*first.aggravators, *second.aggravators))),
        ask_first=tuple(dict.fromkeys((*first.ask_first, *second.ask_first))),
    )


def _max_or_none(a: int | None, b: int | None) -> int | None:
    return max((v for v in (a, b) if v is not None), default=None)


_T = TypeVar("_T")


def _pick(a: _T | None, b: _T | None, order: Sequence[_T]) -> _T | None:
    """Of two values, the one earlier in order (the worse one)."""
    present = [v for v in (a, b) if v is not None]
    return min(present, key=order.index) if present else None


# ---------------------------------------------------------------- typed answers


def read_yes_no(text: str) -> Answer:
    """A typed answer to a yes / no / not sure question ("yeah", "nope", "idk")."""
    norm = normalise(text)
    answers = _lexicon().answer
    if answers.unsure.match(norm):
        return Answer.UNSURE
    if answers.no.match(norm):
        return Answer.NO
    if answers.yes.match(norm):
        return Answer.YES
    return Answer.UNKNOWN


def read_walk(text: str) -> str | None:
    """A typed answer to "can you put weight on it and walk four steps?".

    "ok", "limp", "no" (cannot) or "u" (not sure), or None when it is not an answer.
    """
    norm = normalise(text)
    answers = _lexicon().answer
    if answers.limp.search(norm):
        return "limp"
    if answers.walk_ok.match(norm):
        return "ok"
    return {Answer.YES: "ok", Answer.NO: "no", Answer.UNSURE: "u"}.get(read_yes_no(text))


def read_not_run(text: str) -> bool:
    """Whether a typed answer says the runner has not run on it since."""
    return bool(_lexicon().answer.not_run.search(normalise(text)))


def read_behaviour(text: str) -> Behaviour | None:
    """A typed answer to "how does it behave while you run?"."""
    norm = normalise(text)
    found = _first(
        norm, _lexicon().behaviour, (Behaviour.BUILDS, Behaviour.SAME, Behaviour.SETTLES)
    )
    return found or _first(
        norm, _lexicon().answer.behaviour, (Behaviour.BUILDS, Behaviour.SAME, Behaviour.SETTLES)
    )


_BARE_NUMBER = re.compile(rf"^\s*(?:a |about |around |like |maybe |prob |probably )?{_NUM}\s*\.?$")


def read_severity(text: str) -> int | None:
    """A typed 0-10 answer: "6", "6/10", "like a 7", "mild", "agony"."""
    norm = normalise(text)
    bare = _BARE_NUMBER.match(norm)
    if bare:
        value = _number(bare.group(1))
        return round(value) if 0 <= value <= 10 else None
    return _worst_score(norm)


# ---------------------------------------------------------------- assessment


def is_normal_soreness(report: PainReport) -> bool:
    """Whether the report fits delayed-onset muscle soreness after training.

    Muscles rather than a joint, tendon or bone; after new or harder work, or both sides,
    or general words like "legs"; not sudden, sharp, swollen, bruised or numb; at most 5 days.
    """
    if not report.locations and not (report.has(Flag.MUSCLES) or report.has(Flag.AFTER_TRAINING)):
        return False
    # Inner thighs on both sides after new work are muscle soreness; one groin is not.
    both = report.side == Side.BOTH
    muscles = _MUSCLES | {BodyLocation.GROIN} if both else _MUSCLES
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
    )
    return (
        not any(report.answer(flag) == Answer.YES for flag in against)
        and report.onset != Onset.SUDDEN
        and (report.days is None or report.days <= 5)
        and report.trend != Trend.WORSE
        and report.behaviour != Behaviour.BUILDS
    )


@dataclass(frozen=True, slots=True)
class _Rule:
    code: str
    level: str
    care: str
    applies: Callable[[PainReport, bool], bool]  # (report, looks like normal soreness)


def _sudden_injury(r: PainReport) -> bool:
    return r.onset == Onset.SUDDEN or any(
        r.answer(f) == Answer.YES for f in (Flag.TWIST, Flag.TRAUMA, Flag.POP, Flag.TEAR)
    )


def _in(r: PainReport, places: frozenset[BodyLocation]) -> bool:
    return bool(r.places & places)


def _back(r: PainReport) -> bool:
    return BodyLocation.LOWER_BACK in r.locations


def _back_pain(r: PainReport) -> bool:
    """Back pain with no calf, thigh or knee named: a long journey is no clot sign there."""
    return _back(r) and not _in(r, _CLOT_SITES - {BodyLocation.OTHER})


def _knee(r: PainReport) -> bool:
    return _in(r, KNEES)


def _clot_site(r: PainReport) -> bool:
    return _in(r, _CLOT_SITES) or "leg" in r.unspecified


def _unlocated(r: PainReport) -> bool:
    return not r.locations and not r.unspecified


_EMERGENCY, _SAME_DAY, _PHYSIO, _DOCTOR, _SELF = (
    "emergency",
    "same_day",
    "physio",
    "doctor",
    "self",
)

# Every rule that can raise the level; the highest that applies wins. Reading order:
# emergencies, same-day care, physio, then the stricter limits of the modify level.
RULES: tuple[_Rule, ...] = (
    _Rule(
        "cauda_equina",
        URGENT,
        _EMERGENCY,
        lambda r, _: (
            r.has(Flag.SADDLE)
            or r.has(Flag.BLADDER)
            or (r.has(Flag.BOTH_LEGS) and (_back(r) or _unlocated(r) or _in(r, _BUTTOCK)))
        ),
    ),
    _Rule("chest", URGENT, _EMERGENCY, lambda r, _: r.has(Flag.CHEST)),
    _Rule("fainting", URGENT, _EMERGENCY, lambda r, _: r.has(Flag.FAINTING)),
    _Rule("heat_illness", URGENT, _EMERGENCY, lambda r, _: r.has(Flag.CONFUSION)),
    _Rule("breathless", URGENT, _EMERGENCY, lambda r, _: r.has(Flag.BREATHLESS)),
    _Rule(
        "dizzy_with",
        URGENT,
        _EMERGENCY,
        lambda r, _: (
            r.has(Flag.DIZZY) and (r.has(Flag.HEAT) or r.has(Flag.CHEST) or r.has(Flag.BREATHLESS))
        ),
    ),
    _Rule("deformity", URGENT, _EMERGENCY, lambda r, _: r.has(Flag.DEFORMITY)),
    _Rule(
        "fracture",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            r.answer(Flag.TRAUMA) == Answer.YES and (r.has(Flag.CANT_MOVE) or (r.worst or 0) >= 8)
        ),
    ),
    _Rule(
        "clot",
        URGENT,
        _SAME_DAY,
        lambda r, doms: (
            (_clot_site(r) or _unlocated(r))
            and (
                (r.has(Flag.SWELLING) and r.has(Flag.HOT_RED))
                or (r.has(Flag.TRAVEL) and not (doms and r.side == Side.BOTH) and not _back_pain(r))
            )
        ),
    ),
    _Rule("cannot_walk", URGENT, _SAME_DAY, lambda r, _: r.has(Flag.CANNOT_WALK)),
    _Rule("cannot_walk", URGENT, _SAME_DAY, lambda r, doms: r.has(Flag.WALK_WEAK) and not doms),
    _Rule(
        "cannot_walk",
        URGENT,
        _SAME_DAY,
        lambda r, doms: r.has(Flag.WALK_HARD) and _sudden_injury(r) and not doms,
    ),
    _Rule("pop", URGENT, _SAME_DAY, lambda r, _: r.has(Flag.POP)),
    _Rule(
        "achilles_rupture",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            (r.has(Flag.KICKED) and (_in(r, _RUPTURE_SITES) or not r.has(Flag.MUSCLES)))
            or r.has(Flag.TIPTOE)
            or (_in(r, frozenset({BodyLocation.ACHILLES})) and r.answer(Flag.TEAR) == Answer.YES)
        ),
    ),
    _Rule(
        "knee_swelling_injury",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            _knee(r)
            and r.has(Flag.SWELLING)
            and (_sudden_injury(r) or r.answer(Flag.GIVING_WAY) == Answer.YES)
        ),
    ),
    _Rule(
        "knee_locked",
        URGENT,
        _SAME_DAY,
        lambda r, _: r.has(Flag.LOCKED) and (_knee(r) or _unlocated(r)),
    ),
    _Rule(
        "hot_joint",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            r.has(Flag.HOT_RED)
            and (
                r.has(Flag.FEVER)
                or (_in(r, _JOINTS) and r.has(Flag.SWELLING) and not _sudden_injury(r))
            )
        ),
    ),
    _Rule(
        "back_fever",
        URGENT,
        _SAME_DAY,
        lambda r, _: r.has(Flag.FEVER) and (_back(r) or r.has(Flag.SWELLING)),
    ),
    _Rule("dark_urine", URGENT, _SAME_DAY, lambda r, _: r.has(Flag.DARK_URINE)),
    _Rule(
        "compartment",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            r.has(Flag.OUT_OF_PROPORTION)
            or r.has(Flag.TENSE)
            or (
                _in(r, _COMPARTMENTS)
                and r.has(Flag.SWELLING)
                and r.has(Flag.NUMBNESS)
                and (r.worst or 0) >= 8
            )
        ),
    ),
    _Rule(
        "hip_stress",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            (_in(r, _DEEP_HIP) or "hip" in r.unspecified)
            and (r.limping or r.has(Flag.REST_NIGHT) or r.has(Flag.WALK_HARD))
        ),
    ),
    _Rule(
        "back_serious",
        URGENT,
        _SAME_DAY,
        lambda r, _: (
            (_back(r) and (r.has(Flag.BACK_SERIOUS) or r.has(Flag.CONSTANT)))
            or (_unlocated(r) and r.has(Flag.BACK_SERIOUS))
        ),
    ),
    # physio
    _Rule(
        "long",
        PHYSIO,
        _PHYSIO,
        lambda r, _: r.days is not None and r.days >= 14 and r.trend != Trend.BETTER,
    ),
    _Rule("worse", PHYSIO, _PHYSIO, lambda r, _: r.trend == Trend.WORSE),
    _Rule(
        "not_better",
        PHYSIO,
        _PHYSIO,
        lambda r, _: r.days is not None and r.days >= NOT_BETTER_DAYS and r.trend == Trend.SAME,
    ),
    _Rule("recurring", PHYSIO, _PHYSIO, lambda r, doms: r.has(Flag.RECURRING) and not doms),
    _Rule("builds", PHYSIO, _PHYSIO, lambda r, _: r.behaviour == Behaviour.BUILDS),
    _Rule(
        "limp",
        PHYSIO,
        _PHYSIO,
        lambda r, doms: (r.limping or r.has(Flag.WALK_HARD)) and not doms,
    ),
    _Rule("severe", PHYSIO, _PHYSIO, lambda r, doms: (r.worst or 0) >= 6 and not doms),
    _Rule(
        "not_settling",
        PHYSIO,
        _PHYSIO,
        lambda r, doms: (r.worst or 0) >= 4 and r.lingers and not doms,
    ),
    _Rule(
        "rest_night",
        PHYSIO,
        _PHYSIO,
        lambda r, _: r.has(Flag.REST_NIGHT) or r.has(Flag.CONSTANT),
    ),
    _Rule(
        "bone_stress",
        PHYSIO,
        _PHYSIO,
        lambda r, _: (
            r.has(Flag.BONE_SPOT)
            or r.has(Flag.EARLIER_EACH_RUN)
            or (_in(r, BONE_SITES) and r.has(Flag.TENDER_TOUCH))
        ),
    ),
    _Rule(
        "bone_risk",
        PHYSIO,
        _PHYSIO,
        lambda r, _: _in(r, BONE_SITES) and (r.has(Flag.RED_S) or r.has(Flag.PRIOR_FRACTURE)),
    ),
    _Rule("giving_way", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.GIVING_WAY)),
    _Rule("locked_other", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.LOCKED)),
    _Rule(
        "numbness",
        PHYSIO,
        _PHYSIO,
        lambda r, _: r.has(Flag.NUMBNESS) or r.has(Flag.BOTH_LEGS) or r.has(Flag.WEAKNESS),
    ),
    _Rule("radiating", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.RADIATING)),
    _Rule("bruising", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.BRUISING)),
    _Rule("swelling", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.SWELLING)),
    _Rule("tear", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.TEAR)),
    _Rule("thickened", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.THICKENED)),
    _Rule("hot_red", PHYSIO, _PHYSIO, lambda r, _: r.has(Flag.HOT_RED)),
    _Rule("fever", PHYSIO, _DOCTOR, lambda r, _: r.has(Flag.FEVER)),
    _Rule("weight_loss", PHYSIO, _DOCTOR, lambda r, _: r.has(Flag.BACK_SERIOUS)),
    _Rule("dizzy", PHYSIO, _DOCTOR, lambda r, _: r.has(Flag.DIZZY)),
    # modify
    _Rule("very_sore", MODIFY, _SELF, lambda r, doms: doms and (r.worst or 0) >= 9),
    _Rule(
        "knee_front",
        MODIFY,
        _SELF,
        lambda r, _: (
            (BodyLocation.KNEE_FRONT in r.locations or "knee" in r.unspecified)
            and (r.worst or 0) > 2
        ),
    ),
    _Rule("moderate", MODIFY, _SELF, lambda r, doms: (r.worst or 0) >= 4 and not doms),
    _Rule("sharp", MODIFY, _SELF, lambda r, _: r.answer(Flag.SHARP) == Answer.YES),
    _Rule("injury", MODIFY, _SELF, lambda r, _: _sudden_injury(r)),
    _Rule("daily", PHYSIO, _PHYSIO, lambda r, doms: r.has(Flag.DAILY) and not doms),
    _Rule("distance", MODIFY, _SELF, lambda r, doms: r.has(Flag.DISTANCE_ONSET) and not doms),
)


def _continue_code(r: PainReport, doms: bool) -> str | None:
    """Why this looks like a normal training response, or None."""
    mild = r.worst is None or r.worst <= 3
    if doms:
        return "doms"
    if r.answer(Flag.BURN) == Answer.YES and mild:
        return "burn"
    if r.answer(Flag.STIFF_WARMS) == Answer.YES and mild and r.places <= _MUSCLES | _BACK:
        return "stiff_warms"
    if r.answer(Flag.CLICK) == Answer.YES and r.worst == 0:
        return "click"
    settles = r.answer(Flag.GONE_QUICKLY) == Answer.YES or r.behaviour == Behaviour.SETTLES
    if r.worst is not None and r.worst <= 3 and settles:
        return "mild"
    if r.worst == 0:
        return "mild"
    return None


def assess(report: PainReport) -> Triage:
    """The level this report needs, with the reasons; any sign of a higher level wins."""
    doms = is_normal_soreness(report)
    hits = [rule for rule in RULES if rule.applies(report, doms)]
    if hits:
        top = max(rank(rule.level) for rule in hits)
        winners = [rule for rule in hits if rank(rule.level) == top]
        care = min((rule.care for rule in winners), key=_CARE_ORDER.index)
        return _triage(LEVELS[top], [rule.code for rule in winners], care)
    code = _continue_code(report, doms)
    if code is not None:
        return _triage(CONTINUE, [code], _SELF)
    if report.locations or report.unspecified:
        return _triage(MODIFY, ["one_place"], _SELF)
    return _triage(CONTINUE, ["nothing_worrying"], _SELF)


_CARE_ORDER = (_EMERGENCY, _SAME_DAY, _PHYSIO, _DOCTOR, _SELF)


def _triage(level: str, codes: Iterable[str], care: str, *, resolved: bool = False) -> Triage:
    unique = tuple(dict.fromkeys(codes))
    return Triage(
        level=level,
        reasons=tuple(t(f"pain.reason.{code}") for code in unique),
        codes=unique,
        care=care,
        resolved=resolved,
    )


# ---------------------------------------------------------------- over time


def reassess(record: PainRecord, *, trend: Trend, severity: int | None, today: date) -> Triage:
    """A check-in on an open report: better resolves it; not better by day 10, worse, or a
    rising severity across check-ins makes it physio; otherwise it keeps its level."""
    if trend == Trend.BETTER:
        return _triage(CONTINUE, ["better"], _SELF, resolved=True)
    codes: list[str] = []
    if trend == Trend.WORSE:
        codes.append("worse_since")
    previous = record.severities[-1] if record.severities else record.worst
    if severity is not None and previous is not None and severity > previous:
        codes.append("rising")
    if (today - record.first_reported).days >= NOT_BETTER_DAYS:
        codes.append("not_better")
    if severity is not None and severity >= 6:
        codes.append("severe")
    if codes and rank(record.level) <= rank(PHYSIO):
        return _triage(PHYSIO, codes, _PHYSIO)
    care = _PHYSIO if record.level == PHYSIO else _SELF
    return _triage(record.level, ["no_change"], care)


def recheck(
    triage: Triage, report: PainReport, *, records: Sequence[PainRecord], today: date
) -> Triage:
    """A new report for a place that already has an open report: apply the over-time rule."""
    if rank(triage.level) >= rank(PHYSIO):
        return triage
    codes = []
    for record in records:
        if not set(record.locations) & report.places:
            continue
        if (today - record.first_reported).days >= NOT_BETTER_DAYS:
            codes.append("not_better")
        before = [s for s in (record.worst, *record.severities) if s is not None]
        if report.worst is not None and before and report.worst > before[-1]:
            codes.append("rising")
    if not codes:
        return triage
    return _triage(PHYSIO, codes, _PHYSIO)


def read_part(text: str, choices: Iterable[BodyLocation]) -> BodyLocation | None:
    """A typed answer to "which part of the knee / hip?" ("outside", "under the kneecap")."""
    norm = normalise(text)
    allowed = tuple(choices)
    named = [place for place in parse_pain_text(text).locations if place in allowed]
    if named:
        return named[0]
    return _first(norm, _lexicon().answer.part, allowed)


def read_checkin(text: str) -> str | None:
    """A typed answer to "how is it now?": better, same, worse or seen (a physio)."""
    return _first(normalise(text), _lexicon().answer.checkin, ("seen", *reversed(Trend)))
