"""The message that closes a finished /workout: the tally and what changes next time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from dialogs.core import Context, Reply
from dialogs.records import ExerciseResult, Outcome, SessionRecord
from dialogs.texts import Html, t
from dialogs.training.sessions import Session, next_changes

OUTCOME_ORDER = (Outcome.DONE, Outcome.EASY, Outcome.HARD, Outcome.SKIPPED, Outcome.HURT)


def summary(
    session: Session, results: Sequence[ExerciseResult], started_at: datetime, ctx: Context
) -> Reply:
    """The summary of a session whose answers are `results` (a resumed session's include
    those given before it stopped)."""
    record = SessionRecord(
        day=session.day, started_at=started_at, finished=True, results=tuple(results)
    )
    # The shell may already hold this session's partial log; count it once.
    history = [
        r
        for r in ctx.history
        if r.started_at != started_at and not (r.day == session.day and not r.finished)
    ]
    tally = " · ".join(
        t(f"workout.tally.{o.value}", count=count)
        for o in OUTCOME_ORDER
        if (count := sum(r.outcome is o for r in results))
    )
    lines: tuple[str, ...] = ()
    if ctx.profile is not None:
        lines = next_changes(profile=ctx.profile, record=record, history=history)
    upcoming = (
        t("workout.next_title") + "\n" + "\n".join(lines) if lines else t("workout.next_same")
    )
    text = t(
        "workout.summary",
        minutes=session.minutes,
        tally=Html(tally),
        next=Html(upcoming),
    )
    return Reply(text)
