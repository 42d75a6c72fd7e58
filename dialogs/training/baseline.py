"""The field tests as figures: the battery, reading an answer, the level each result points
to, and how results moved since the first test.

Pure: no dialog here (field_tests.py asks the questions). Thresholds are practical cut-offs
from published test data, named beside each; they sort a runner into a starting level, they
diagnose nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from dialogs.knowledge import level_rank
from dialogs.parsing import parse_count
from dialogs.records import FieldTest, FieldTestResult, Profile, Side
from dialogs.texts import t
from dialogs.vocabulary import Experience

# The battery, in the order asked: each test on the left side, then the right.
BATTERY: tuple[tuple[FieldTest, Side], ...] = tuple(
    (test, side) for test in FieldTest for side in Side
)
# A retest is due this long after the last test (the issue asks for every 4-6 weeks).
RETEST_AFTER = timedelta(weeks=5)
MOST = {FieldTest.BRIDGE: 200, FieldTest.SIDE_PLANK: 600, FieldTest.CALF_RAISE: 200}
QUALITY = (1, 2, 3)
WORDS_MOST = 40

# Results at or above the first number point to REGULAR, at or above the second to EXPERIENCED.
CUT_OFFS: Mapping[FieldTest, tuple[int, int]] = {
    # Freckleton et al. 2014 (Br J Sports Med): fewer than 20 single-leg bridge reps is "poor"
    # and went with more hamstring injuries; 25 or more is a sound base.
    FieldTest.BRIDGE: (15, 25),
    # McGill et al. 1999: healthy young adults hold a side bridge for 75-95 s on average;
    # under 30 s is a weak trunk for running, a minute or more a good one.
    FieldTest.SIDE_PLANK: (30, 60),
    # Hébert-Losier et al. 2017 (review, single-leg heel-rise to fatigue): healthy adults
    # manage about 25 or more; under 15 is well below it.
    FieldTest.CALF_RAISE: (15, 25),
    # The runner's own rating: 1 knee caves or balance goes, 2 some wobble, 3 steady.
    FieldTest.SQUAT: (2, 3),
}
# Sides differing by more than this share are worth telling the runner about.
ASYMMETRY = 0.15


def level_for(test: FieldTest, value: int) -> Experience:
    """The starting level one result points to."""
    regular, experienced = CUT_OFFS[test]
    if value >= experienced:
        return Experience.EXPERIENCED
    return Experience.REGULAR if value >= regular else Experience.NEW


def latest(results: Sequence[FieldTestResult]) -> tuple[FieldTestResult, ...]:
    """The results of the most recent test day."""
    if not results:
        return ()
    last = max(r.day for r in results)
    return tuple(r for r in results if r.day == last)


def tested_levels(results: Sequence[FieldTestResult]) -> dict[FieldTest, Experience]:
    """The level each test of the latest test day points to, by its weaker side (the side
    that limits what the session can ask)."""
    weaker: dict[FieldTest, int] = {}
    for result in latest(results):
        weaker[result.test] = min(weaker.get(result.test, result.value), result.value)
    return {test: level_for(test, value) for test, value in weaker.items()}


def starting_level(results: Sequence[FieldTestResult], stated: Experience) -> Experience:
    """The level sessions start from: what the latest field tests point to (the average of
    the tests done, rounded down), at most one step above what the runner said; the stated
    level when there are no tests."""
    levels = tested_levels(results)
    if not levels:
        return stated
    ranks = [level_rank(level) for level in levels.values()]
    tested = sum(ranks) // len(ranks)
    order = list(Experience)
    return order[min(tested, level_rank(stated) + 1)]


def training_profile(profile: Profile, results: Sequence[FieldTestResult]) -> Profile:
    """The profile the session builder works from: the runner's, at the level the field
    tests point to (unchanged without tests)."""
    level = starting_level(results, profile.experience)
    return (
        profile if level is profile.experience else profile.model_copy(update={"experience": level})
    )


def retest_due(results: Sequence[FieldTestResult], today: date) -> bool:
    """Whether the last test is old enough to take again."""
    return bool(results) and today - max(r.day for r in results) >= RETEST_AFTER


# ---------------------------------------------------------------- reading answers

_CLOCK = re.compile(r"\b(\d{1,2}):([0-5]\d)\b")
# "1 min 20", "2 minutes", "a minute and 10 s"; plain numbers are seconds.
_MINUTES = re.compile(
    r"((?<![\d.])\d+(?:\.\d+)?|\ban?|\bone)\s*(?:m|mins?|minutes?)(?![a-z])"
    r"(?:\s*(?:and\s*)?(\d+)\s*(?:s|secs?|seconds?)?\b)?"
)
_QUALITY_WORDS = (
    (1, re.compile(r"\b(cave[sd]?|collapse[sd]?|fell|fall|lost (my )?balance|poor|bad|hard)\b")),
    (2, re.compile(r"\b(wobbl\w*|ok|okay|some|bit|a little|fair|so so)\b")),
    (3, re.compile(r"\b(steady|solid|good|great|smooth|clean|perfect|stable)\b")),
)


def read_value(test: FieldTest, text: str) -> int | None:
    """A typed result: reps for the bridge and calf raises, seconds for the side plank
    ("45", "45 s", "1:30", "1 min 20", "a minute"), 1-3 for the squat; None if unreadable."""
    lowered = text.lower().strip()
    if test is FieldTest.SQUAT:
        return _quality(lowered)
    if test is FieldTest.SIDE_PLANK:
        return _seconds(lowered)
    # Number words ("twenty two") are read in a short answer only: a result is a few words,
    # and the word reader is slow on a long paste.
    value = parse_count(lowered, low=0, high=MOST[test]) if len(lowered) <= WORDS_MOST else None
    if value is None and (number := re.search(r"\d+", lowered)):
        value = int(number.group())
    return value if value is not None and 0 <= value <= MOST[test] else None


def _seconds(text: str) -> int | None:
    value: int | None
    if clock := _CLOCK.search(text):
        value = int(clock.group(1)) * 60 + int(clock.group(2))
    elif match := _MINUTES.search(text):
        minutes = match.group(1)
        whole = 1.0 if minutes in ("a", "an", "one") else float(minutes)
        value = round(whole * 60) + int(match.group(2) or 0)
    elif number := re.search(r"\d+", text):
        value = int(number.group())
    elif len(text) <= WORDS_MOST:
        value = parse_count(text, low=0, high=MOST[FieldTest.SIDE_PLANK])
    else:
        return None
    if value is None or not 0 <= value <= MOST[FieldTest.SIDE_PLANK]:
        return None
    return value


def _quality(text: str) -> int | None:
    digits = re.findall(r"\b[1-3]\b", text)
    if len(digits) == 1:
        return int(digits[0])
    for value, words in _QUALITY_WORDS:
        if words.search(text):
            return value
    return None


# ---------------------------------------------------------------- words


def value_text(test: FieldTest, value: int) -> str:
    """'18 reps', '45 s' or '2/3'."""
    return t(f"field_tests.unit.{test.value}", value=value)


def result_lines(
    results: Sequence[FieldTestResult], before: Sequence[FieldTestResult]
) -> list[str]:
    """One line per test of `results`: left and right, with the change since `before` (the
    previous test day) when there was one."""
    previous = {(r.test, r.side): r.value for r in latest(before)}
    lines = []
    for test in FieldTest:
        sides = {r.side: r.value for r in results if r.test is test}
        if not sides:
            continue
        parts = []
        for side in Side:
            if side not in sides:
                continue
            now = value_text(test, sides[side])
            was = previous.get((test, side))
            key = "field_tests.side_change" if was is not None else "field_tests.side"
            old = value_text(test, was) if was is not None else ""
            parts.append(t(key, side=t(f"field_tests.short.{side.value}"), value=now, was=old))
        lines.append(
            t("field_tests.line", test=t(f"field_tests.name.{test.value}"), sides=" · ".join(parts))
        )
    return lines


def uneven(results: Sequence[FieldTestResult]) -> list[str]:
    """The names of the tests whose sides differ by more than ASYMMETRY (the squat aside)."""
    names = []
    for test in (FieldTest.BRIDGE, FieldTest.SIDE_PLANK, FieldTest.CALF_RAISE):
        values = [r.value for r in results if r.test is test]
        if (
            len(values) == 2
            and max(values)
            and (max(values) - min(values)) / max(values) > ASYMMETRY
        ):
            names.append(t(f"field_tests.name.{test.value}"))
    return names


def progress_lines(results: Sequence[FieldTestResult]) -> list[str]:
    """The /progress section: the first test day against the latest."""
    if not results:
        return []
    first_day = min(r.day for r in results)
    first = [r for r in results if r.day == first_day]
    newest = latest(results)
    days = len({r.day for r in results})
    if days == 1:
        return [t("field_tests.progress_baseline"), *result_lines(newest, ())]
    return [t("field_tests.progress_title", days=days), *result_lines(newest, first)]
