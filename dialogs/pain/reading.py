"""Reading a message into a PainReport: places, side, severity, duration, signs; several
problems in one message; whether a message is pain talk at all; merging two reports."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple, TypeVar

from dialogs.pain.durations import days_hurting
from dialogs.pain.history import without_history, without_others
from dialogs.pain.lexicon import (
    first_match,
    get_lexicon,
    normalise,
    overlaps,
    probe,
    read_sign,
    with_concepts,
    worst_answer,
)
from dialogs.pain.report import PainReport
from dialogs.pain.rising import with_rising_scores
from dialogs.pain.scores import worst_score
from dialogs.pain.soreness import is_normal_soreness
from dialogs.pain.telling import own_pain
from dialogs.pain.vocabulary import (
    AREA_PARTS,
    AREAS,
    FIELD_SIGNS,
    Answer,
    Behaviour,
    Flag,
    Onset,
    Side,
    Trend,
)
from dialogs.vocabulary import BodyLocation


def _places(text: str) -> list[tuple[int, int, str]]:
    """Every place named as hurting, as (start, end, id), most specific first, no words
    claimed twice."""
    lexicon = get_lexicon()
    claimed: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []
    fine: set[str] = set()
    for location in lexicon.location:
        if not probe(location.patterns).search(text):
            continue  # most places are not named in most messages
        for pattern in location.patterns:
            for m in pattern.finditer(text):
                if not overlaps(m.span(), claimed):
                    claimed.append(m.span())
                    found.append((m.start(), m.end(), location.id))
                    # "knee and hip ok", "after the ankle sprain ... ankle itself feels fine":
                    # a place said to be fine is not the one that hurts now.
                    if lexicon.negation.fine.match(text, m.end()):
                        fine.add(location.id)
    return sorted(f for f in found if f[2] not in fine)


def _locations(
    places: list[tuple[int, int, str]],
) -> tuple[tuple[BodyLocation, ...], tuple[str, ...]]:
    specific: list[BodyLocation] = []
    areas: list[str] = []
    for _start, _end, place in places:
        if place in AREAS:
            areas.append(place)
        elif BodyLocation(place) not in specific:
            specific.append(BodyLocation(place))
    named = set(specific)
    unspecified = tuple(
        dict.fromkeys(
            area
            for area in areas
            if not (area in AREA_PARTS and named & AREA_PARTS[area])
            and not (area == "leg" and named)
        )
    )
    return tuple(specific), unspecified


def _side(text: str, places: list[tuple[int, int, str]]) -> Side | None:
    lexicon = get_lexicon().side
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


def _aggravators(text: str) -> tuple[str, ...]:
    lexicon = get_lexicon().aggravator
    found = []
    for name, patterns in lexicon.words.items():
        for pattern in patterns:
            m = pattern.search(text)
            if m and lexicon.context.search(text, max(0, m.start() - 40), m.start()):
                found.append(name)
                break
    return tuple(found)


def parse_pain_text(text: str, *, today: date | None = None) -> PainReport:
    """What one message says about pain. today lets "since Sunday" become a number of days."""
    reading = _read(text)
    report = reading.report
    if today is not None and reading.from_today:
        report = report.model_copy(update={"days": days_hurting(reading.norm, today)[0]})
    return _soreness_at_rest(report)


def forget_readings() -> None:
    """Empty the cache of readings: a timing of a first reading, or a bench swapping a reader."""
    _read.cache_clear()


# One update reads the same message several times (whether it is pain talk, the answer, the
# message as a whole, its places), some with the day and some without: the reading is pure
# and frozen, so recent ones are kept, and only "since monday" is worked out again for a day.
class _Reading(NamedTuple):
    report: PainReport  # without the day, before soreness at rest
    norm: str  # folded, past injuries and someone else's left out
    places: tuple[tuple[int, int, str], ...]  # named in norm
    from_today: bool  # its days count back from today's weekday


@lru_cache(maxsize=64)
def _read(text: str) -> _Reading:
    lexicon = get_lexicon()
    whole = normalise(text)
    norm = without_others(without_history(whole))
    places = _places(norm)
    locations, unspecified = _locations(places)
    signs = {name: read_sign(norm, sign) for name, sign in lexicon.sign.items()}
    # A stress fracture years ago still raises the risk of one now.
    signs["prior_fracture"] = read_sign(whole, lexicon.sign["prior_fracture"])
    flags, ask_first = with_concepts(
        norm, {Flag(name): answer for name, answer in signs.items() if name not in FIELD_SIGNS}
    )
    onset = first_match(norm, lexicon.onset, (Onset.SUDDEN, Onset.GRADUAL))
    if onset is None and Answer.YES in (flags.get(Flag.TWIST), flags.get(Flag.TRAUMA)):
        onset = Onset.SUDDEN
    worst = worst_score(norm)
    if signs["pain"] == Answer.NO and flags[Flag.CLICK] == Answer.YES:
        # "clicks but doesn't hurt, just annoying": the words describe the click.
        worst = worst_score(norm, words=False) or 0
    elif flags[Flag.BURN] == Answer.YES:
        # "last 5 reps the calf is screaming": the words describe the burn of the set.
        worst = worst_score(norm, words=False)
    aggravators = _aggravators(norm)
    if "hip" in unspecified and "lying_on_side" in aggravators:
        # Lying on it hurts: the outside of the hip.
        unspecified = tuple(a for a in unspecified if a != "hip")
        locations = (*locations, BodyLocation.HIP_OUTSIDE)
    days, from_today = days_hurting(norm, None)
    report = PainReport(
        locations=locations,
        unspecified=unspecified,
        side=_side(norm, places),
        worst=worst,
        days=days,
        behaviour=first_match(
            norm, lexicon.behaviour, (Behaviour.BUILDS, Behaviour.SAME, Behaviour.SETTLES)
        ),
        limp=signs["limp"],
        gone_by_morning=Answer.YES
        if signs["gone_by_morning"] == Answer.UNKNOWN and flags[Flag.GONE_QUICKLY] == Answer.YES
        else signs["gone_by_morning"],
        onset=onset,
        trend=first_match(norm, lexicon.trend, (Trend.WORSE, Trend.SAME, Trend.BETTER)),
        flags=flags,
        aggravators=aggravators,
        ask_first=ask_first,
    )
    return _Reading(with_rising_scores(report, norm), norm, tuple(places), from_today)


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
    """One report per place when a message names several ("knee's sore and my achilles..."):
    each gets its clauses up to the next place; one place or none gives parse_pain_text's.
    A place named only in the runner's history ("stress fracture in my shin in 2023") is none."""
    reading = _read(text)  # cached: the dialog has just read the whole message
    norm = reading.norm
    starts: list[int] = []
    seen: set[str] = set()
    for start, _end, place in reading.places:
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
    lexicon = get_lexicon()
    if read_sign(norm, lexicon.sign["pain"]) in (Answer.YES, Answer.UNSURE):
        return True
    if any(read_sign(norm, lexicon.sign[flag]) == Answer.YES for flag in _INJURY_SIGNS):
        return True
    concepts, ask_first = with_concepts(norm, {})
    if ask_first or any(concepts.get(flag) == Answer.YES for flag in _INJURY_SIGNS):
        return True
    places = _places(norm)
    if norm.rstrip().endswith("?") and not own_pain(text, parse_pain_text(text)):
        # A question about a body part ("is running bad for your knees?") is for /learn.
        return False
    if places and _says_something(parse_pain_text(text)):
        return True
    # "shin barking", "hip flexor been cranky": a word the lexicon may not know, said of it;
    # "argh, hip": a cry and a place.
    if any(lexicon.talk.predicate.match(norm, end) for _start, end, _place in places):
        return True
    if places and lexicon.talk.exclaim.match(norm):
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
    Flag.THICKENED,
)
# A place named with one of these says something about it: a mishap, a pain that never lets
# up ("back made me pull out, it never lets up, day or night"), or a long journey for a calf
# "tight. hot. since the flight" (the clot screen, not small talk).
_TELLING = (
    Flag.TWIST,
    Flag.TRAUMA,
    Flag.SHARP,
    Flag.RECURRING,
    Flag.TEAR,
    Flag.TRAVEL,
    Flag.CONSTANT,
)


def _says_something(report: PainReport) -> bool:
    """Whether a message naming a body part also says something about how it feels."""
    return (
        report.worst is not None
        or report.onset == Onset.SUDDEN
        or report.trend in (Trend.WORSE, Trend.SAME)
        or report.behaviour is not None
        or report.limping
        or any(report.answer(flag) == Answer.YES for flag in _TELLING)
    )


def merge(first: PainReport, second: PainReport) -> PainReport:
    """Everything both reports say; where they differ, the worse reading wins."""
    locations = tuple(dict.fromkeys((*first.locations, *second.locations)))
    areas = tuple(dict.fromkeys((*first.unspecified, *second.unspecified)))
    named = set(locations)
    areas = tuple(
        a
        for a in areas
        if not (a in AREA_PARTS and named & AREA_PARTS[a]) and not (a == "leg" and named)
    )
    sides = {s for s in (first.side, second.side) if s is not None}
    flags = {
        flag: worst_answer((first.answer(flag), second.answer(flag)))
        for flag in {*first.flags, *second.flags}
    }
    return PainReport(
        locations=locations,
        unspecified=areas,
        side=Side.BOTH if len(sides) > 1 else (sides.pop() if sides else None),
        worst=_max_or_none(first.worst, second.worst),
        days=_max_or_none(first.days, second.days),
        behaviour=_pick(first.behaviour, second.behaviour, list(Behaviour)[::-1]),
        limp=worst_answer((first.limp, second.limp)),
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
        soreness=_pick(
            first.soreness, second.soreness, [Answer.NO, Answer.UNSURE, Answer.YES, Answer.UNKNOWN]
        )
        or Answer.UNKNOWN,
        within_limits=_pick(
            first.within_limits,
            second.within_limits,
            [Answer.NO, Answer.UNSURE, Answer.YES, Answer.UNKNOWN],
        )
        or Answer.UNKNOWN,
    )


def _max_or_none(a: int | None, b: int | None) -> int | None:
    return max((v for v in (a, b) if v is not None), default=None)


_T = TypeVar("_T")


def _pick(a: _T | None, b: _T | None, order: Sequence[_T]) -> _T | None:
    """Of two values, the one earlier in order (the worse one)."""
    present = [v for v in (a, b) if v is not None]
    return min(present, key=order.index) if present else None
