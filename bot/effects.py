"""Applies the core's effects inside the update's unit of work.

An effect may return replies to send after the core's own (e.g. when the next nudge is).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import singledispatch

from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.progress import progress_replies
from bot.storage import field_tests, outbox, pain_records, repositories, runner_data
from dialogs.core import (
    Attachment,
    CancelMessages,
    Effect,
    LogEvent,
    Reply,
    SaveProfile,
    ScheduleMessage,
)
from dialogs.data_rights import DeleteAllData, ExportData
from dialogs.pain.steps import SaveComeback, SavePainReport, UpdatePainReport
from dialogs.texts import t
from dialogs.training import nudges
from dialogs.training.field_tests import SaveFieldTests
from dialogs.training.nudges import WORKOUT_REMINDER, SkipDay
from dialogs.training.progress import ShowProgress
from dialogs.training.workout import FinishSession, LogExercise, StartSession

NO_REPLIES: tuple[Reply, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitOfWork:
    """What an effect needs: the open transaction, whose update it is, and when."""

    session: AsyncSession
    user_id: int
    now: datetime


@singledispatch
async def apply(effect: Effect, uow: UnitOfWork) -> tuple[Reply, ...]:
    """Carry out one effect; every effect type registers its own implementation."""
    raise TypeError(f"no handler for effect {type(effect).__name__}")


@apply.register
async def _save_profile(effect: SaveProfile, uow: UnitOfWork) -> tuple[Reply, ...]:
    profile = await repositories.save_profile(uow.session, uow.user_id, effect.fields, uow.now)
    next_reminder = await outbox.reschedule(uow.session, uow.user_id, profile, uow.now)
    # The shell knows when the next reminder is (the outbox); the core says what to tell.
    pain = await pain_records.load_pain(uow.session, [uow.user_id])
    return nudges.next_reminder_note(profile, pain.get(uow.user_id), next_reminder, uow.now)


@apply.register
async def _log_event(effect: LogEvent, uow: UnitOfWork) -> tuple[Reply, ...]:
    repositories.add_event(uow.session, uow.user_id, effect.kind, effect.data, uow.now)
    return NO_REPLIES


@apply.register
async def _schedule(effect: ScheduleMessage, uow: UnitOfWork) -> tuple[Reply, ...]:
    await outbox.schedule(
        uow.session,
        user_id=uow.user_id,
        kind=effect.kind,
        occurrence=effect.key,
        due=effect.due,
        payload=effect.payload,
        now=uow.now,
        replace=effect.replace,
    )
    return NO_REPLIES


@apply.register
async def _cancel(effect: CancelMessages, uow: UnitOfWork) -> tuple[Reply, ...]:
    await outbox.cancel(
        uow.session,
        uow.user_id,
        kinds=effect.kinds,
        occurrence_prefix=effect.key_prefix or None,
        reason=effect.reason,
    )
    return NO_REPLIES


@apply.register
async def _skip_day(effect: SkipDay, uow: UnitOfWork) -> tuple[Reply, ...]:
    repositories.skip_day(uow.session, uow.user_id, effect.day, uow.now)
    await outbox.cancel(
        uow.session,
        uow.user_id,
        kinds=(WORKOUT_REMINDER,),
        occurrence_prefix=f"{effect.day.isoformat()}:snooze",
        reason="skipped today",
    )
    day = {"day": effect.day.isoformat()}
    repositories.add_event(uow.session, uow.user_id, "session_skipped", day, uow.now)
    return NO_REPLIES


@apply.register
async def _export(_effect: ExportData, uow: UnitOfWork) -> tuple[Reply, ...]:
    document = {
        "exported_at": uow.now.isoformat(),
        "user_id": uow.user_id,
        "tables": await runner_data.export_user(uow.session, uow.user_id),
    }
    content = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode()
    name = f"glute-coach-export-{uow.now:%Y%m%d}.json"
    return (Reply(t("privacy.export_caption"), attachment=Attachment("document", name, content)),)


@apply.register
async def _delete(_effect: DeleteAllData, uow: UnitOfWork) -> tuple[Reply, ...]:
    await runner_data.delete_runners(uow.session, [uow.user_id])
    return NO_REPLIES


@apply.register
async def _start_session(effect: StartSession, uow: UnitOfWork) -> tuple[Reply, ...]:
    repositories.start_session(
        uow.session,
        uow.user_id,
        day=effect.day,
        started_at=effect.started_at,
        focus=effect.focus,
        plan=effect.plan,
    )
    return NO_REPLIES


@apply.register
async def _log_exercise(effect: LogExercise, uow: UnitOfWork) -> tuple[Reply, ...]:
    await repositories.log_exercise(uow.session, uow.user_id, effect.day, effect.result, uow.now)
    return NO_REPLIES


@apply.register
async def _finish_session(effect: FinishSession, uow: UnitOfWork) -> tuple[Reply, ...]:
    await repositories.finish_session(uow.session, uow.user_id, effect.day, effect.finished_at)
    return NO_REPLIES


@apply.register
async def _save_pain(effect: SavePainReport, uow: UnitOfWork) -> tuple[Reply, ...]:
    metrics.verdict(effect.level, stage="first")  # the level only: nothing about the runner
    pain_records.add_pain_report(
        uow.session,
        uow.user_id,
        key=effect.key,
        level=effect.level,
        reasons=effect.reasons,
        report=effect.report,
        summary=effect.summary,
        locations=effect.locations,
        source=effect.source,
        detailed=effect.store,
        now=uow.now,
    )
    return NO_REPLIES


@apply.register
async def _update_pain(effect: UpdatePainReport, uow: UnitOfWork) -> tuple[Reply, ...]:
    metrics.verdict(effect.level, stage="followup")
    await pain_records.update_pain_report(
        uow.session,
        uow.user_id,
        key=effect.key,
        level=effect.level,
        reasons=effect.reasons,
        severity=effect.severity,
        resolved=effect.resolved,
        now=uow.now,
        advice=effect.advice,
        note=effect.note,
        locations=effect.locations,
    )
    # The report row keeps the latest level; each check-in's trend is kept in the event log.
    trend = {"key": effect.key, "trend": effect.trend, "level": str(effect.level)}
    repositories.add_event(uow.session, uow.user_id, "pain_checked_in", trend, uow.now)
    return NO_REPLIES


@apply.register
async def _save_comeback(effect: SaveComeback, uow: UnitOfWork) -> tuple[Reply, ...]:
    await pain_records.save_comeback(
        uow.session,
        uow.user_id,
        report_key=effect.report_key,
        locations=effect.locations,
        stage=effect.stage,
        good_runs=effect.good_runs,
        step_backs=effect.step_backs,
        finished=effect.finished,
        now=uow.now,
    )
    return NO_REPLIES


@apply.register
async def _progress(_effect: ShowProgress, uow: UnitOfWork) -> tuple[Reply, ...]:
    return await progress_replies(uow.session, uow.user_id, uow.now)


@apply.register
async def _save_field_tests(effect: SaveFieldTests, uow: UnitOfWork) -> tuple[Reply, ...]:
    await field_tests.save_field_tests(
        uow.session, uow.user_id, effect.day, effect.results, uow.now
    )
    return NO_REPLIES
