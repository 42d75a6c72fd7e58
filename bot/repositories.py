"""Domain-named reads and writes. They never commit: the caller's unit of work does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import models
from dialogs.core import DialogState
from dialogs.records import Profile


async def get_user(session: AsyncSession, user_id: int) -> models.User | None:
    """The runner, if known."""
    return await session.get(models.User, user_id)


async def ensure_user(
    session: AsyncSession, *, user_id: int, chat_id: int, first_name: str, now: datetime
) -> models.User:
    """The runner, created on first contact; a runner who writes again is active again."""
    user = await session.get(models.User, user_id)
    if user is None:
        user = models.User(
            id=user_id, chat_id=chat_id, first_name=first_name, created_at=now, active=True
        )
        session.add(user)
        await session.flush()
        return user
    user.chat_id, user.first_name, user.active = chat_id, first_name or user.first_name, True
    return user


async def lock_dialog_state(
    session: AsyncSession, user_id: int, now: datetime
) -> models.DialogStateRow:
    """The runner's dialog row, locked for this unit of work (a no-op lock on SQLite)."""
    query = (
        select(models.DialogStateRow)
        .where(models.DialogStateRow.user_id == user_id)
        .with_for_update()
    )
    row = (await session.execute(query)).scalar_one_or_none()
    if row is None:
        row = models.DialogStateRow(
            user_id=user_id, dialog=None, step=None, data={}, version=0, updated_at=now
        )
        session.add(row)
        await session.flush()
    return row


def dialog_state(row: models.DialogStateRow) -> DialogState | None:
    """The stored state as the core sees it."""
    if row.dialog is None or row.step is None:
        return None
    return DialogState(row.dialog, row.step, dict(row.data))


def store_dialog_state(
    row: models.DialogStateRow, state: DialogState | None, now: datetime
) -> None:
    """Write the new state and bump the version, so buttons sent before now expire."""
    row.dialog = state.dialog if state else None
    row.step = state.step if state else None
    row.data = dict(state.data) if state else {}
    row.version += 1
    row.updated_at = now


async def get_profile(session: AsyncSession, user_id: int) -> Profile | None:
    """The runner's profile as the core's read model."""
    row = await session.get(models.Profile, user_id)
    if row is None:
        return None
    return Profile(
        goal=row.goal,
        experience=row.experience,
        runs_per_week=row.runs_per_week,
        equipment=frozenset(row.equipment),
        workout_days=tuple(row.workout_days),
        workout_time=row.workout_time,
        timezone=row.timezone,
        hard_run_days=tuple(row.hard_run_days),
        session_minutes=row.session_minutes,
        pain_consent=row.pain_consent,
    )


async def save_profile(
    session: AsyncSession, user_id: int, fields: dict[str, Any], now: datetime
) -> Profile:
    """Create or update the profile; the fields are validated by the core's Profile model."""
    current = await get_profile(session, user_id)
    merged = {**(current.model_dump() if current else {}), **fields}
    profile = Profile.model_validate(merged)
    values = profile.model_dump(mode="json")
    values["equipment"] = sorted(values["equipment"])
    values["workout_time"] = profile.workout_time.strftime("%H:%M")
    row = await session.get(models.Profile, user_id)
    if row is None:
        session.add(models.Profile(user_id=user_id, updated_at=now, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now
    return profile


def add_event(
    session: AsyncSession, user_id: int, kind: str, data: dict[str, Any], now: datetime
) -> None:
    """Append to the event log."""
    session.add(models.Event(user_id=user_id, kind=kind, data=data, at=now))
