"""Figures about a runner's training, shared by /progress and the weekly summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dialogs.core import Context, Effect, Transition
from dialogs.knowledge import knowledge
from dialogs.pain.levels import REFERRALS
from dialogs.records import FieldTestResult, Profile, SessionRecord
from dialogs.texts import Html, t
from dialogs.training import baseline, phases, sessions

WEEKS = 12


def local_day(now: datetime, timezone: str) -> date:
    """The runner's calendar day at this instant."""
    return now.astimezone(ZoneInfo(timezone)).date()


def week_start(day: date) -> date:
    """Monday of the ISO week holding day."""
    return day - timedelta(days=day.weekday())


def week_label(day: date) -> str:
    """A week's Monday as the runner reads it: '3 Mar'."""
    return f"{day.day} {day:%b}"


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """One ISO week: sessions planned, finished, started but not finished, and days skipped."""

    start: date
    planned: int
    done: int
    skipped: int
    partly: int = 0

    @property
    def met(self) -> bool:
        return self.planned > 0 and self.done >= self.planned


def weekly_figures(
    history: Sequence[SessionRecord], profile: Profile, today: date, *, weeks: int = WEEKS
) -> tuple[WeekFigures, ...]:
    """The last `weeks` ISO weeks, oldest first, ending with the current one.

    Sessions are counted, not days: each finished session is one done, and a session started,
    answered in part and not finished is one partly done. Skips are days (a reminder's "Skip
    today"), and a day trained after all is not a skip.
    """
    first = week_start(today) - timedelta(weeks=weeks - 1)
    done: dict[date, int] = {}
    partly: dict[date, int] = {}
    trained: dict[date, set[date]] = {}
    skipped: dict[date, set[date]] = {}
    for record in history:
        if record.day < first:
            continue
        week = week_start(record.day)
        if record.skipped:
            skipped.setdefault(week, set()).add(record.day)
            continue
        if record.finished:
            done[week] = done.get(week, 0) + 1
        elif record.results:
            partly[week] = partly.get(week, 0) + 1
        else:
            continue  # opened and left before any answer: nothing was done
        trained.setdefault(week, set()).add(record.day)
    return tuple(
        WeekFigures(
            start=start,
            # The sessions the season's plan asks for that week (two by default), not every
            # day the runner offered.
            planned=phases.week_plan(profile, start).sessions if profile.workout_days else 0,
            done=done.get(start, 0),
            skipped=len(skipped.get(start, set()) - trained.get(start, set())),
            partly=partly.get(start, 0),
        )
        for start in (first + timedelta(weeks=i) for i in range(weeks))
    )


def streak(figures: Sequence[WeekFigures], *, any_session: bool = False) -> int:
    """Consecutive weeks meeting the plan (with any_session: with a session done, for a
    runner without planned days), counting back from the latest; the current week counts
    once it is met and does not break the streak while still under way."""
    count = 0
    for index, week in enumerate(reversed(figures)):
        if week.done > 0 if any_session else week.met:
            count += 1
        elif index > 0:
            break
    return count


def best_streak(figures: Sequence[WeekFigures]) -> int:
    """The longest run of consecutive weeks meeting the plan."""
    best = run = 0
    for week in figures:
        run = run + 1 if week.met else 0
        best = max(best, run)
    return best


# ---------------------------------------------------------------- pain over time


@dataclass(frozen=True, slots=True)
class PainPoint:
    """One pain score in time: a report when it was made, or a later check-in on it."""

    day: date  # the runner's local day
    worst: int | None  # 0-10; None when not asked, or not stored without consent
    level: str  # urgent | physio | modify | continue, the report's latest triage
    checkin: bool = False


def report_points(
    *,
    reported_at: datetime,
    updated_at: datetime,
    worst: int | None,
    severities: Sequence[int],
    level: str,
    timezone: str,
) -> tuple[PainPoint, ...]:
    """The points of one stored report: the report itself, then each check-in score.

    Check-in scores are stored without their times, only the time of the last update; they
    came at a steady rhythm, so they are spread evenly up to it.
    """
    points = [PainPoint(local_day(reported_at, timezone), worst, level)]
    span = max(updated_at - reported_at, timedelta(0))
    for number, score in enumerate(severities, start=1):
        at = reported_at + span * number / len(severities)
        points.append(PainPoint(local_day(at, timezone), score, level, checkin=True))
    return tuple(points)


def weekly_pain(
    points: Sequence[PainPoint], today: date, *, weeks: int = WEEKS
) -> tuple[int | None, ...]:
    """Worst pain score per ISO week, oldest first, None where no score was given."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    worst: dict[date, int] = {}
    for point in points:
        if point.worst is None or not first <= point.day <= today:
            continue
        start = week_start(point.day)
        worst[start] = max(worst.get(start, 0), point.worst)
    return tuple(worst.get(first + timedelta(weeks=i)) for i in range(weeks))


# ---------------------------------------------------------------- progression chains


@dataclass(frozen=True, slots=True)
class ChainStanding:
    """Where one progression chain stands: the exercise for next time, step k of n."""

    chain_id: str
    first: str  # the chain's easiest exercise, by name
    current: str  # the exercise for next time, by name
    step: int  # 1 is the easiest
    steps: int


def chain_standings(
    history: Sequence[SessionRecord], profile: Profile
) -> tuple[ChainStanding, ...]:
    """Every chain the history touched, in knowledge-base order, as the next session sees it."""
    kb = knowledge()
    # The same variants the session builder steps through, so the figure matches the session.
    progress = sessions.progression(history, available=sessions.usable(profile))
    standings = []
    for chain in kb.chains():
        state = progress.get(chain[0].id)
        if state is None:
            continue
        ids = [exercise.id for exercise in chain]
        current = kb.exercises[state.exercise_id]
        standings.append(
            ChainStanding(
                chain_id=chain[0].id,
                first=chain[0].name,
                current=current.name,
                step=ids.index(current.id) + 1,
                steps=len(chain),
            )
        )
    return tuple(standings)


# ---------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Everything /progress shows: the last weeks, the chains and pain over time."""

    weeks: tuple[WeekFigures, ...]  # oldest first; the last is the current week
    pain: tuple[int | None, ...]  # worst pain score per week, aligned with weeks
    chains: tuple[ChainStanding, ...]
    streak: int
    best_streak: int
    pain_reports: int  # reports made in these weeks (check-ins aside)
    referrals: int  # of those, reports whose latest triage says to get it looked at
    tests: tuple[FieldTestResult, ...] = ()  # every field test result, most recent day first

    @property
    def done(self) -> int:
        return sum(week.done for week in self.weeks)

    @property
    def skipped(self) -> int:
        return sum(week.skipped for week in self.weeks)

    @property
    def partly(self) -> int:
        return sum(week.partly for week in self.weeks)

    @property
    def weeks_met(self) -> int:
        return sum(week.met for week in self.weeks)

    @property
    def planned(self) -> int:
        """Sessions planned per week, from the runner's chosen days."""
        return self.weeks[-1].planned


def progress_report(
    history: Sequence[SessionRecord],
    profile: Profile,
    pain: Sequence[PainPoint],
    today: date,
    *,
    progression_from: date | None = None,
    weeks: int = WEEKS,
    tests: Sequence[FieldTestResult] = (),
) -> ProgressReport:
    """The figures of the last `weeks` weeks up to today (the runner's local day).

    `progression_from` limits the chains to the history the session builder replays, so
    "step k of n" is what the next session gives.
    """
    figures = weekly_figures(history, profile, today, weeks=weeks)
    replayed = [r for r in history if progression_from is None or r.day >= progression_from]
    first = figures[0].start
    reports = [p for p in pain if not p.checkin and first <= p.day <= today]
    return ProgressReport(
        weeks=figures,
        pain=weekly_pain(pain, today, weeks=weeks),
        chains=chain_standings(replayed, profile),
        streak=streak(figures),
        best_streak=best_streak(figures),
        pain_reports=len(reports),
        referrals=sum(p.level in REFERRALS for p in reports),
        tests=tuple(tests),
    )


def has_history(report: ProgressReport) -> bool:
    """Whether there is anything to chart: a session done, partly done or skipped, a chain,
    a pain report."""
    return bool(
        report.done
        or report.partly
        or report.skipped
        or report.chains
        or report.pain_reports
        or report.tests
        or any(score is not None for score in report.pain)
    )


# ---------------------------------------------------------------- text


def _headline(report: ProgressReport) -> list[str]:
    week = report.weeks[-1]
    lines = [t("progress.title", weeks=len(report.weeks))]
    counts = [t("progress.sessions", done=report.done)]
    if report.partly:
        counts.append(t("progress.sessions_partly", partly=report.partly))
    if report.skipped:
        counts.append(t("progress.sessions_skipped", skipped=report.skipped))
    lines.append(" · ".join(counts))
    if week.planned:
        key = "progress.this_week_met" if week.met else "progress.this_week"
        lines.append(t(key, done=week.done, planned=week.planned))
        # The streak is always shown (/help promises it), with what starts one when it is 0.
        if report.streak:
            lines.append(t("progress.streak", streak=report.streak, best=report.best_streak))
        else:
            left = week.planned - week.done
            lines.append(t("progress.streak_none", best=report.best_streak, left=left))
    else:
        lines.append(t("progress.this_week_unplanned", done=week.done))
        lines.append(t("progress.streak_active", streak=streak(report.weeks, any_session=True)))
    return lines


def _per_week(report: ProgressReport) -> list[str]:
    active = [i for i, week in enumerate(report.weeks) if week.done or week.partly or week.skipped]
    if not active:
        return []
    since = report.weeks[active[0]]
    counts = ", ".join(str(week.done) for week in report.weeks[active[0] :])
    return [t("progress.per_week", since=week_label(since.start), counts=counts)]


def _chains(report: ProgressReport) -> list[str]:
    if not report.chains:
        return []
    lines = [t("progress.chains_title")]
    for chain in report.chains:
        key = "progress.chain_start" if chain.step == 1 else "progress.chain"
        values = {"first": chain.first, "current": chain.current}
        lines.append(t(key, step=chain.step, steps=chain.steps, **values))
    return lines


def _pain(report: ProgressReport) -> list[str]:
    scored = [
        (week.start, score)
        for week, score in zip(report.weeks, report.pain, strict=True)
        if score is not None
    ]
    if not report.pain_reports and not scored:
        return [t("progress.pain_title"), t("progress.pain_none")]
    lines = [t("progress.pain_title"), t("progress.pain_reports", reports=report.pain_reports)]
    if scored:
        weeks = t("progress.pain_week_sep").join(
            t("progress.pain_week", week=week_label(start), worst=score) for start, score in scored
        )
        lines.append(t("progress.pain_by_week", weeks=Html(weeks)))
    if report.referrals:
        lines.append(t("progress.pain_referrals", referrals=report.referrals))
    return lines


def _closing(report: ProgressReport) -> str:
    week = report.weeks[-1]
    if week.met:
        return t("progress.closing_met")
    if report.streak >= 2:
        return t("progress.closing_streak", streak=report.streak)
    if any(recent.done for recent in report.weeks[-2:]):
        return t("progress.closing_some")
    return t("progress.closing_quiet")


def _caption(report: ProgressReport) -> str:
    return "\n".join((*_headline(report), "", _closing(report)))


def _details(report: ProgressReport) -> str:
    sections = [
        _per_week(report),
        _chains(report),
        baseline.progress_lines(report.tests),
        _pain(report),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines)


def summary_text(report: ProgressReport) -> str:
    """The whole summary in Telegram HTML: what the chart shows, in words."""
    return "\n\n".join(("\n".join(_headline(report)), _details(report), _closing(report)))


def photo_texts(report: ProgressReport, *, caption_limit: int) -> tuple[str, ...]:
    """The caption under the chart, then any message after it: the whole summary as the
    caption when it fits, else the headline figures as the caption and the details after."""
    summary = summary_text(report)
    if len(summary) <= caption_limit:
        return (summary,)
    return (_caption(report), _details(report))


@dataclass(frozen=True, slots=True)
class ShowProgress(Effect):
    """Send the runner's 12-week chart and summary (the shell loads and draws them)."""


def show(_ctx: Context) -> Transition:
    """/progress."""
    return Transition(None, (), (ShowProgress(),))
