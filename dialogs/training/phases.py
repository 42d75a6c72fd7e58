"""The runner's season: which phase a week is in, how many strength sessions it holds and on
which of the runner's days.

Pure: a function of the profile, the day and the session history. The numbers live in
dialogs/data/periodisation.toml, each beside its source.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dialogs.datafile import read_toml
from dialogs.knowledge import GENERAL, REFERENCES
from dialogs.records import Profile, SessionRecord
from dialogs.vocabulary import Experience, Goal, RaceDistance, Weekday

PERIODISATION_FILE = "periodisation.toml"
LONG_RACES = frozenset({RaceDistance.MARATHON, RaceDistance.ULTRA})
# Repeating blocks without a race are counted from this Monday, so every runner's lighter
# week is the same calendar week and no stored start date is needed.
BLOCK_EPOCH = date(2024, 1, 1)


class Phase(StrEnum):
    BASE = "base"  # general strength, moderate loads
    BUILD = "build"  # heavy low-rep strength and plyometrics
    PEAK = "peak"  # keep the load, fewer sets
    TAPER = "taper"  # about half the sets, same load
    RACE_WEEK = "race_week"  # activation and mobility only
    RECOVERY = "recovery"  # the days after the race
    LIGHT = "light"  # the lighter 4th week of a block


class PeriodisationError(RuntimeError):
    """The periodisation file is broken; the text names the file and the entry."""


Sources = tuple[str, ...]


def _known(value: Sources) -> Sources:
    unknown = [s for s in value if s != GENERAL and s not in REFERENCES]
    if not value or unknown:
        raise ValueError(f"name a source from knowledge.REFERENCES or 'general', not {unknown}")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PhaseDose(_Model):
    """What a week of one phase holds."""

    sessions: int = Field(ge=1, le=3)
    heavy: bool
    explosive: bool
    volume: float = Field(gt=0, le=1)
    rir: int = Field(ge=0, le=5)
    heavy_reps: int = Field(ge=1, le=12)
    loaded_reps: int = Field(ge=1, le=20)
    rest_heavy: int = Field(ge=30, le=300)
    mobility_only: bool = False
    sources: Sources

    _sources = field_validator("sources")(_known)


class PlanLengths(_Model):
    race_week_days: int = Field(ge=5, le=7)
    race_week_sources: Sources
    taper_weeks: int = Field(ge=0, le=3)
    long_taper_weeks: int = Field(ge=0, le=4)
    taper_sources: Sources
    peak_weeks: int = Field(ge=0, le=4)
    build_weeks: int = Field(ge=1, le=12)
    phase_sources: Sources
    block_weeks: int = Field(ge=2, le=6)
    block_sources: Sources
    recovery_days: int = Field(ge=1, le=21)
    recovery_sources: Sources
    horizon_weeks: int = Field(ge=8, le=104)
    three_sessions_max_runs: int = Field(ge=0, le=14)
    frequency_sources: Sources
    volume_jump_ratio: float = Field(gt=1, le=3)
    volume_jump_weeks: int = Field(ge=1, le=6)
    volume_jump_sources: Sources
    hard_days_apart: int = Field(ge=1, le=4)
    hard_days_sources: Sources

    _sources = field_validator(
        "race_week_sources",
        "taper_sources",
        "phase_sources",
        "block_sources",
        "recovery_sources",
        "frequency_sources",
        "volume_jump_sources",
        "hard_days_sources",
    )(_known)


class Periodisation(_Model):
    plan: PlanLengths
    phase: dict[Phase, PhaseDose]

    @field_validator("phase")
    @classmethod
    def _every_phase(cls, value: dict[Phase, PhaseDose]) -> dict[Phase, PhaseDose]:
        missing = [p.value for p in Phase if p not in value]
        if missing:
            raise ValueError(f"no dose for {', '.join(missing)}")
        return value


def read_periodisation(text: str) -> Periodisation:
    """The periodisation from TOML text, checked; PeriodisationError naming the entry."""
    return read_toml(Periodisation, text, name=PERIODISATION_FILE, error=PeriodisationError)


@cache
def periodisation() -> Periodisation:
    """The shipped periodisation, read once."""
    folder = resources.files("dialogs") / "data"
    return read_periodisation((folder / PERIODISATION_FILE).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the phase of a day


@dataclass(frozen=True, slots=True)
class Season:
    """Where a day falls in the runner's season."""

    phase: Phase
    # Race plans: whole weeks until race week (0 in race week); None without a race ahead.
    weeks_to_race: int | None
    days_to_race: int | None  # negative after the race

    @property
    def dose(self) -> PhaseDose:
        return periodisation().phase[self.phase]


def _race(profile: Profile) -> date | None:
    if profile.race_day is None or profile.race_distance is RaceDistance.NONE:
        return None
    return profile.race_day


def has_base(profile: Profile) -> bool:
    """Whether the runner has the base for heavy low-rep and plyometric work."""
    return profile.experience is not Experience.NEW and profile.goal is not Goal.COMEBACK


def season(profile: Profile, day: date) -> Season:
    """The phase of a day: counted back from race day, or repeating blocks without a race."""
    plan = periodisation().plan
    race = _race(profile)
    days = (race - day).days if race is not None else None
    if days is not None and -plan.recovery_days <= days < 0:
        return Season(Phase.RECOVERY, None, days)
    if days is not None and 0 <= days < plan.race_week_days:
        return Season(Phase.RACE_WEEK, 0, days)
    if days is not None and days >= 0 and days < plan.horizon_weeks * 7:
        weeks = (days - plan.race_week_days) // 7 + 1
        long = profile.race_distance in LONG_RACES
        taper = plan.long_taper_weeks if long else plan.taper_weeks
        if weeks <= taper:
            return Season(Phase.TAPER, weeks, days)
        if weeks <= taper + plan.peak_weeks:
            return Season(Phase.PEAK, weeks, days)
        # Build and base: every block_weeks-th week counting back from the peak is lighter.
        loading = weeks - taper - plan.peak_weeks
        light = loading % plan.block_weeks == 0
        if light:
            return Season(Phase.LIGHT, weeks, days)
        late = loading <= plan.build_weeks
        return Season(Phase.BUILD if late else Phase.BASE, weeks, days)
    block_week = (day - BLOCK_EPOCH).days // 7 % plan.block_weeks
    if block_week == plan.block_weeks - 1:
        return Season(Phase.LIGHT, None, days)
    return Season(Phase.BUILD if has_base(profile) else Phase.BASE, None, days)


# ---------------------------------------------------------------- the week's sessions


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """A week's strength sessions: how many and on which of the runner's days."""

    start: date  # Monday
    season: Season
    sessions: int
    days: tuple[Weekday, ...]
    # One session instead of more because weekly running just jumped.
    volume_jump: bool = False


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def sessions_a_week(profile: Profile, current: Season) -> int:
    """Two by default; the phase may ask for one; three for a runner who asks and runs little."""
    plan = periodisation().plan
    count = current.dose.sessions
    asks = len(profile.workout_days) >= 3
    if count == 2 and asks and profile.runs_per_week <= plan.three_sessions_max_runs:
        return 3
    return count


Cost = tuple[int, int, int, tuple[int, ...]]
WEEKDAYS = tuple(Weekday)  # Monday first, as date.weekday() counts


def _cost(days: Sequence[int], before_hard: frozenset[int]) -> Cost:
    # Fewest days before a hard run, then no back-to-back days (Sunday to Monday counts),
    # then the widest spacing, then the earliest days.
    ordered = sorted(days)
    gaps = [(b - a) % 7 or 7 for a, b in zip(ordered, [*ordered[1:], ordered[0] + 7], strict=True)]
    return (
        sum(d in before_hard for d in ordered),
        sum(g == 1 for g in gaps) if len(ordered) > 1 else 0,
        -min(gaps) if len(ordered) > 1 else 0,
        tuple(ordered),
    )


def is_volume_jump(before: float | None, after: float | None) -> bool:
    """Whether a new weekly figure (km or minutes) is a jump: well above the previous one."""
    if not before or after is None:
        return False  # nothing to compare with
    return after > before * periodisation().plan.volume_jump_ratio


def in_volume_jump(profile: Profile, day: date) -> bool:
    """Whether the day falls in the weeks after the runner's weekly running jumped."""
    jumped = profile.volume_jump_on
    weeks = periodisation().plan.volume_jump_weeks
    return jumped is not None and jumped <= day < jumped + timedelta(weeks=weeks)


def choose_days(profile: Profile, count: int) -> tuple[Weekday, ...]:
    """Which of the runner's chosen days to train on (all days if they chose none)."""
    return _best_days(profile.workout_days, profile.hard_run_days, count)


@lru_cache(maxsize=4096)
def _best_days(
    chosen: tuple[Weekday, ...], hard_run_days: tuple[Weekday, ...], count: int
) -> tuple[Weekday, ...]:
    # Asked for every reminder and session; runners share a few hundred choices of days.
    pool = sorted({d.number for d in chosen} or range(7))
    before_hard = frozenset((d.number - 1) % 7 for d in hard_run_days)
    count = min(count, len(pool))
    best = min(itertools.combinations(pool, count), key=lambda c: _cost(c, before_hard))
    return tuple(WEEKDAYS[d] for d in best)


def week_plan(profile: Profile, day: date) -> WeekPlan:
    """The plan for the week holding this day."""
    current = season(profile, day)
    count = sessions_a_week(profile, current)
    # One session is enough while the legs take a jump in running volume.
    jump = count > 1 and in_volume_jump(profile, day)
    # A runner who chose a single day trains once.
    days = choose_days(profile, 1 if jump else count)
    return WeekPlan(_week_start(day), current, len(days), days, volume_jump=jump)


def _trained(record: SessionRecord) -> bool:
    # A session started and partly done counts; a reminder skipped on purpose does not.
    return not record.skipped and (record.finished or bool(record.results))


def is_session_day(profile: Profile, day: date, history: Sequence[SessionRecord]) -> bool:
    """Whether the coach plans a strength session on this day.

    A planned day is one, until the week's sessions are done. A chosen day after a missed
    planned one catches up, unless the runner trained the day before.
    """
    plan = week_plan(profile, day)
    this_week = {r.day for r in history if plan.start <= r.day < day and _trained(r)}
    if len(this_week) >= plan.sessions:
        return False
    weekday = WEEKDAYS[day.weekday()]
    if weekday in plan.days:
        return True
    chosen = weekday in profile.workout_days or not profile.workout_days
    passed = sum(1 for d in plan.days if plan.start + timedelta(days=d.number) < day)
    behind = passed > len(this_week)
    return chosen and behind and day - timedelta(days=1) not in this_week
