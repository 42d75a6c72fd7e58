"""Applies the core's effects inside the update's unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import singledispatch

from sqlalchemy.ext.asyncio import AsyncSession

from bot import repositories
from dialogs.core import Effect, LogEvent, SaveProfile


@dataclass(frozen=True, slots=True)
class UnitOfWork:
    """What an effect needs: the open transaction, whose update it is, and when."""

    session: AsyncSession
    user_id: int
    now: datetime


@singledispatch
async def apply(effect: Effect, uow: UnitOfWork) -> None:
    """Carry out one effect; every effect type registers its own implementation."""
    raise TypeError(f"no handler for effect {type(effect).__name__}")


@apply.register
async def _save_profile(effect: SaveProfile, uow: UnitOfWork) -> None:
    await repositories.save_profile(uow.session, uow.user_id, effect.fields, uow.now)


@apply.register
async def _log_event(effect: LogEvent, uow: UnitOfWork) -> None:
    repositories.add_event(uow.session, uow.user_id, effect.kind, effect.data, uow.now)
