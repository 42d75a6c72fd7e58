"""/progress figures, summary and chart: worked examples, properties, and the PNG's data."""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib._pylab_helpers import Gcf
from PIL import Image

from bot.charts import DPI, SIZE_PX, render_progress_png
from bot.render import CAPTION_LIMIT, TEXT_LIMIT
from dialogs.knowledge import knowledge
from dialogs.records import ExerciseResult, Outcome, Profile, SessionRecord
from dialogs.training.progress import (
    WEEKS,
    ChainStanding,
    PainPoint,
    ProgressReport,
    WeekFigures,
    best_streak,
    chain_standings,
    has_history,
    photo_texts,
    progress_report,
    report_points,
    streak,
    summary_text,
    week_label,
    weekly_figures,
    weekly_pain,
)
from tests.support.html_entities import parse_html

TODAY = date(2026, 3, 18)  # a Wednesday
THIS_MONDAY = date(2026, 3, 16)
FIRST_MONDAY = THIS_MONDAY - timedelta(weeks=WEEKS - 1)  # 29 Dec 2025
RUNNER = Profile(
    goal="prevent",
    experience="regular",
    runs_per_week=3,
    equipment=frozenset({"none", "band"}),
    workout_days=("mon", "wed", "fri"),
    timezone="Europe/London",
)
NO_DAYS = RUNNER.model_copy(update={"workout_days": ()})


def session(
    day: date,
    *,
    finished: bool = True,
    skipped: bool = False,
    results: Sequence[tuple[str, Outcome]] = (),
) -> SessionRecord:
    return SessionRecord(
        day=day,
        started_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=7),
        finished=finished and not skipped,
        skipped=skipped,
        results=tuple(ExerciseResult(exercise_id=e, outcome=o, sets=2) for e, o in results),
    )


def week(start: date, done: int, skipped: int = 0, planned: int = 3) -> WeekFigures:
    return WeekFigures(start=start, planned=planned, done=done, skipped=skipped)


def weeks_of(done: Sequence[int], planned: int = 3) -> tuple[WeekFigures, ...]:
    return tuple(week(FIRST_MONDAY + timedelta(weeks=i), d, 0, planned) for i, d in enumerate(done))


def report(
    done: Sequence[int] = (0,) * WEEKS,
    *,
    skipped: Sequence[int] = (0,) * WEEKS,
    pain: Sequence[int | None] = (None,) * WEEKS,
    chains: Sequence[ChainStanding] = (),
    planned: int = 3,
    pain_reports: int = 0,
    referrals: int = 0,
) -> ProgressReport:
    figures = tuple(
        week(FIRST_MONDAY + timedelta(weeks=i), d, s, planned)
        for i, (d, s) in enumerate(zip(done, skipped, strict=True))
    )
    return ProgressReport(
        weeks=figures,
        pain=tuple(pain),
        chains=tuple(chains),
        streak=streak(figures),
        best_streak=best_streak(figures),
        pain_reports=pain_reports,
        referrals=referrals,
    )


# ---------------------------------------------------------------- weekly figures


def test_weeks_count_sessions_not_days() -> None:
    stopped = [("glute_bridge", Outcome.DONE)]
    history = [
        session(date(2026, 3, 2)),
        session(date(2026, 3, 2)),  # two sessions the same day are two sessions
        session(date(2026, 3, 4), skipped=True),
        session(date(2026, 3, 6), finished=False),  # opened, never answered: nothing done
        session(date(2026, 3, 7), finished=False, results=stopped),  # partly done
        session(date(2026, 3, 9), skipped=True),
        session(date(2026, 3, 9)),  # skipped, then trained after all: done
        session(date(2026, 3, 11), skipped=True),
        session(date(2026, 3, 11), finished=False, results=stopped),  # partly done: no skip
        session(date(2026, 3, 16)),
        session(FIRST_MONDAY - timedelta(days=1)),  # before the twelve weeks
    ]
    figures = weekly_figures(history, RUNNER, TODAY)
    assert len(figures) == WEEKS
    assert figures[0].start == FIRST_MONDAY and figures[-1].start == THIS_MONDAY
    assert [(w.done, w.partly, w.skipped) for w in figures[-3:]] == [
        (2, 1, 1),
        (1, 1, 0),
        (1, 0, 0),
    ]
    assert sum(w.done for w in figures[:-3]) == 0
    text = visible(summary_text(progress_report(history, RUNNER, (), TODAY)))
    assert "Sessions done: 4 · partly done: 2 · skipped on purpose: 1" in text


@pytest.mark.parametrize(
    ("done", "planned", "expected", "best"),
    [
        ((3, 3, 3), 3, 3, 3),
        ((3, 3, 1), 3, 2, 2),  # this week is under way: it does not break the streak
        ((3, 3, 4), 3, 3, 3),  # more than planned counts as met
        ((3, 1, 3), 3, 1, 1),
        ((3, 3, 0, 2, 1), 3, 0, 2),  # last week missed: streak broken, best remembered
        ((0, 0, 0), 3, 0, 0),
        ((2, 2, 2), 0, 0, 0),  # no planned days: nothing to meet
    ],
)
def test_streak_rules(done: tuple[int, ...], planned: int, expected: int, best: int) -> None:
    figures = weeks_of(done, planned)
    assert streak(figures) == expected
    assert best_streak(figures) == best


@given(st.lists(st.integers(0, 5), min_size=1, max_size=20), st.integers(0, 4))
def test_streak_never_exceeds_best_and_counts_met_weeks(done: list[int], planned: int) -> None:
    figures = weeks_of(done, planned)
    assert 0 <= streak(figures) <= best_streak(figures) <= sum(w.met for w in figures)


# ---------------------------------------------------------------- pain over time


def test_report_points_spread_check_ins_up_to_the_last_update() -> None:
    reported = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # already 2 Mar in Sydney
    points = report_points(
        reported_at=reported,
        updated_at=reported + timedelta(days=6),
        worst=6,
        severities=(4, 2),
        level="modify",
        timezone="Australia/Sydney",
    )
    assert points == (
        PainPoint(date(2026, 3, 2), 6, "modify"),
        PainPoint(date(2026, 3, 5), 4, "modify", checkin=True),
        PainPoint(date(2026, 3, 8), 2, "modify", checkin=True),
    )


def test_report_without_scores_is_still_a_point() -> None:
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    points = report_points(
        reported_at=at, updated_at=at, worst=None, severities=(), level="physio", timezone="UTC"
    )
    assert points == (PainPoint(date(2026, 3, 3), None, "physio"),)


def test_weekly_pain_is_the_worst_score_of_each_week() -> None:
    points = [
        PainPoint(date(2026, 3, 2), 3, "modify"),
        PainPoint(date(2026, 3, 4), 5, "modify", checkin=True),
        PainPoint(date(2026, 3, 8), 1, "modify", checkin=True),  # Sunday: same week
        PainPoint(date(2026, 3, 10), None, "physio"),  # no score: no point on the line
        PainPoint(date(2026, 3, 17), 2, "modify"),
        PainPoint(FIRST_MONDAY - timedelta(days=1), 9, "physio"),  # before the weeks
        PainPoint(TODAY + timedelta(days=1), 9, "physio"),  # after today
    ]
    assert weekly_pain(points, TODAY) == (None,) * 9 + (5, None, 2)


# ---------------------------------------------------------------- chains


def clean_sessions(start: date, exercise_ids: Sequence[str], count: int) -> list[SessionRecord]:
    return [
        session(start + timedelta(days=2 * i), results=[(e, Outcome.EASY) for e in exercise_ids])
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("equipment", "expected"),
    [
        # Two "too easy" sessions move a chain one variant up.
        ({"none", "band"}, ("Glute bridge", "Banded glute bridge", 2, 6)),
        # Without a band the banded variant is passed over, as the session builder does.
        ({"none"}, ("Glute bridge", "Single-leg glute bridge", 3, 6)),
    ],
)
def test_chain_standing_follows_progression(
    equipment: set[str], expected: tuple[str, str, int, int]
) -> None:
    profile = RUNNER.model_copy(update={"equipment": frozenset(equipment)})
    history = clean_sessions(date(2026, 3, 2), ["glute_bridge"], 2)
    (standing,) = chain_standings(history, profile)
    assert (standing.first, standing.current, standing.step, standing.steps) == expected


def test_chains_follow_the_knowledge_base_order_and_untouched_chains_are_left_out() -> None:
    history = clean_sessions(date(2026, 3, 2), ["clamshell", "squat", "glute_bridge"], 1)
    standings = chain_standings(history, RUNNER)
    assert [s.chain_id for s in standings] == ["glute_bridge", "squat", "clamshell"]
    assert all(s.step == 1 and s.current == s.first for s in standings)
    assert [s.steps for s in standings] == [len(knowledge().chain(s.chain_id)) for s in standings]


def test_progression_from_replays_only_what_the_session_builder_sees() -> None:
    old = clean_sessions(date(2026, 1, 5), ["glute_bridge"], 2)
    recent = clean_sessions(date(2026, 3, 2), ["squat"], 1)
    full = progress_report([*old, *recent], RUNNER, [], TODAY)
    cut = progress_report([*old, *recent], RUNNER, [], TODAY, progression_from=date(2026, 3, 1))
    assert [(c.current, c.step) for c in full.chains] == [
        ("Banded glute bridge", 2),
        ("Bodyweight squat", 1),
    ]
    assert [(c.current, c.step) for c in cut.chains] == [("Bodyweight squat", 1)]
    assert full.done == cut.done == 3  # the weeks still count every session


# ---------------------------------------------------------------- the report


def six_weeks() -> tuple[list[SessionRecord], list[PainPoint]]:
    """Six weeks on Mon/Wed/Fri with a few misses and skips, and one knee report."""
    history: list[SessionRecord] = []
    start = THIS_MONDAY - timedelta(weeks=5)
    misses = {(1, 4), (3, 2), (5, 2), (5, 4)}  # (week, weekday)
    skips = {(2, 0)}
    for w in range(6):
        for d in (0, 2, 4):
            day = start + timedelta(weeks=w, days=d)
            if (w, d) in misses or day > TODAY:
                continue
            results = [("fire_hydrant", Outcome.DONE)] if (w, d) == (0, 0) else []
            history.append(session(day, skipped=(w, d) in skips, results=results))
    pain = [
        PainPoint(start + timedelta(weeks=1, days=1), 6, "physio"),
        PainPoint(start + timedelta(weeks=1, days=4), 4, "physio", checkin=True),
        PainPoint(start + timedelta(weeks=2, days=1), 2, "modify", checkin=True),
        PainPoint(start + timedelta(weeks=4), None, "modify"),
    ]
    return history, pain


def test_report_from_six_weeks() -> None:
    history, pain = six_weeks()
    result = progress_report(history, RUNNER, pain, TODAY)
    assert [w.done for w in result.weeks] == [0] * 6 + [3, 2, 2, 2, 3, 1]
    assert [w.skipped for w in result.weeks] == [0] * 8 + [1, 0, 0, 0]
    assert result.pain == (None,) * 7 + (6, 2) + (None,) * 3
    # Two sessions a week is the plan (dialogs/training/phases.py), though three days are free.
    assert (result.done, result.skipped, result.weeks_met, result.planned) == (13, 1, 5, 2)
    assert (result.streak, result.best_streak) == (5, 5)
    assert (result.pain_reports, result.referrals) == (2, 1)
    assert has_history(result)


@pytest.mark.parametrize(
    ("history", "pain", "expected"),
    [
        ((), (), False),
        ((session(TODAY, finished=False),), (), False),  # opened and left, nothing logged
        ((session(TODAY, skipped=True),), (), True),
        ((session(TODAY, finished=False, results=[("squat", Outcome.HARD)]),), (), True),
        ((), (PainPoint(TODAY, None, "modify"),), True),
        ((session(FIRST_MONDAY - timedelta(days=3)),), (), False),  # too long ago
    ],
)
def test_has_history(
    history: tuple[SessionRecord, ...], pain: tuple[PainPoint, ...], expected: bool
) -> None:
    assert has_history(progress_report(history, RUNNER, pain, TODAY)) is expected


# ---------------------------------------------------------------- the summary


def visible(text: str) -> str:
    plain, _entities = parse_html(text)  # raises on markup Telegram would refuse
    return plain


def test_summary_matches_the_figures() -> None:
    history, pain = six_weeks()
    history.append(session(TODAY - timedelta(days=1), results=[("glute_bridge", Outcome.EASY)]))
    history.append(session(TODAY, results=[("glute_bridge", Outcome.EASY)]))
    result = progress_report(history, RUNNER, pain, TODAY)
    text = visible(summary_text(result))
    assert "Your last 12 weeks" in text
    assert f"Sessions done: {result.done} · skipped on purpose: 1" in text
    assert "This week: 3 of 2, plan met ✅" in text
    assert "Weeks on plan in a row: 6 (best: 6)" in text
    assert "Sessions per week since 9 Feb: 3, 2, 2, 2, 3, 3" in text
    assert "• Glute bridge → Banded glute bridge (2 of 6)" in text
    assert "• Fire hydrant (1 of 2)" in text
    assert "Reports: 2" in text
    assert "Worst score by week: 16 Feb 6/10 · 23 Feb 2/10" in text
    assert "1 of them called for a physio's eyes" in text
    assert "Plan met this week" in text


def test_summary_without_pain_or_planned_days() -> None:
    text = visible(summary_text(report([0] * 9 + [1, 3, 2], planned=0)))
    assert "This week: 2 done" in text
    # No plan to meet: the streak is of weeks with a session.
    assert "🔥 Weeks in a row with a session: 3" in text
    assert "Weeks on plan" not in text
    assert "No pain reported in these weeks." in text


@pytest.mark.parametrize(
    ("done", "line"),
    [
        ([0] * 12, "🔥 Weeks on plan in a row: 0 (best: 0). 3 more session(s) this week starts"),
        ([3, 3] + [0] * 9 + [1], "🔥 Weeks on plan in a row: 0 (best: 2). 2 more session(s)"),
        ([0] * 10 + [3, 1], "🔥 Weeks on plan in a row: 1 (best: 1)"),
    ],
)
def test_the_streak_is_always_shown(done: list[int], line: str) -> None:
    assert line in visible(summary_text(report(done)))


@pytest.mark.parametrize(
    ("done", "closing"),
    [
        ([0] * 9 + [3, 3, 3], "Plan met this week"),
        ([0] * 9 + [3, 3, 1], "2 weeks on plan in a row"),
        ([0] * 10 + [1, 0], "Every session counts"),
        ([2] + [0] * 11, "A quiet spell is fine"),
    ],
)
def test_closing_praises_the_effort(done: list[int], closing: str) -> None:
    assert closing in summary_text(report(done))


def test_summary_is_valid_telegram_html() -> None:
    history, pain = six_weeks()
    summary = summary_text(progress_report(history, RUNNER, pain, TODAY))
    assert "<b>" in summary
    assert not re.search(r"&(?!amp;|lt;|gt;)", summary)
    visible(summary)


def every_chain() -> tuple[ChainStanding, ...]:
    return tuple(
        ChainStanding(chain[0].id, chain[0].name, chain[-1].name, len(chain), len(chain))
        for chain in knowledge().chains()
    )


def test_a_short_summary_is_the_whole_caption() -> None:
    history, pain = six_weeks()
    result = progress_report(history, RUNNER, pain, TODAY)
    assert photo_texts(result, caption_limit=CAPTION_LIMIT) == (summary_text(result),)


def test_a_long_summary_gets_a_short_caption_and_the_details_after() -> None:
    result = report(
        [1, 2, 3] * 4,
        skipped=[1, 0] * 6,
        pain=[7, 8, 9, 10] * 3,
        chains=every_chain(),
        pain_reports=12,
        referrals=3,
    )
    assert len(summary_text(result)) > CAPTION_LIMIT
    caption, details = photo_texts(result, caption_limit=CAPTION_LIMIT)
    assert len(caption) <= CAPTION_LIMIT and len(details) <= TEXT_LIMIT
    assert "Sessions done: 24" in caption and "Sessions done" not in details
    long_chains = [chain for chain in knowledge().chains() if len(chain) > 1]
    assert all(f"• {chain[0].name} → " in details for chain in long_chains)
    assert "Worst score by week" in details
    visible(caption)
    visible(details)


weekly_counts = st.lists(st.integers(0, 7), min_size=WEEKS, max_size=WEEKS)


@settings(max_examples=60, deadline=None)
@given(
    done=weekly_counts,
    skipped=weekly_counts,
    pain=st.lists(st.none() | st.integers(0, 10), min_size=WEEKS, max_size=WEEKS),
    planned=st.integers(0, 7),
    chains=st.integers(0, len(knowledge().chains())),
)
def test_photo_texts_always_fit_and_carry_the_totals(
    done: list[int], skipped: list[int], pain: list[int | None], planned: int, chains: int
) -> None:
    result = report(
        done,
        skipped=skipped,
        pain=pain,
        planned=planned,
        chains=every_chain()[:chains],
        pain_reports=sum(p is not None for p in pain),
    )
    caption, *after = photo_texts(result, caption_limit=CAPTION_LIMIT)
    assert len(caption) <= CAPTION_LIMIT
    assert all(len(text) <= TEXT_LIMIT for text in after)
    plain = visible("\n\n".join((caption, *after)))
    assert f"Sessions done: {sum(done)}" in plain
    for score, monday in zip(pain, (w.start for w in result.weeks), strict=True):
        if score is not None:
            assert f"{week_label(monday)} {score}/10" in plain


# ---------------------------------------------------------------- the chart


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", png[16:24])
    assert struct.unpack(">I", png[29:33])[0] == zlib.crc32(png[12:29])
    return width, height


def test_chart_is_a_phone_sized_png_of_the_runners_weeks() -> None:
    history, pain = six_weeks()
    result = progress_report(history, RUNNER, pain, TODAY)
    chart = render_progress_png(result)
    assert png_size(chart.png) == (SIZE_PX, SIZE_PX) == (chart.width, chart.height)
    with Image.open(io.BytesIO(chart.png)) as image:
        image.verify()
    assert SIZE_PX / DPI >= 7  # inches: big type stays big on a phone
    assert chart.labels[0] == "29 Dec" and chart.labels[-1] == "16 Mar"
    assert chart.done == tuple(w.done for w in result.weeks)
    assert chart.skipped == tuple(w.skipped for w in result.weeks)
    assert chart.planned == 2
    assert chart.pain == ((7, 6), (8, 2))
    assert Gcf.get_num_fig_managers() == 0  # no figure kept in pyplot's registry


def test_chart_without_planned_days_or_pain() -> None:
    chart = render_progress_png(report([0] * 11 + [2], planned=0))
    assert chart.planned is None
    assert chart.pain == ()
    assert chart.done[-1] == 2
    assert png_size(chart.png) == (SIZE_PX, SIZE_PX)


def test_chart_handles_a_full_scale() -> None:
    chart = render_progress_png(report([7] * WEEKS, skipped=[7] * WEEKS, pain=[10] * WEEKS))
    assert chart.done == (7,) * WEEKS and chart.skipped == (7,) * WEEKS
    assert chart.pain == tuple((i, 10) for i in range(WEEKS))
