"""One send budget for the bot token, shared by every process (see budget.py)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.limits.budget import SendBudget
from bot.limits.limits_store import LimitsSlots
from bot.limits.postgres_store import AdvisorySlots
from bot.limits.telegram import BudgetRateLimiter, sending_nudges

__all__ = ["BudgetRateLimiter", "SendBudget", "make_budget", "sending_nudges"]


def make_budget(
    *, rate_per_second: float, engine: AsyncEngine | None = None, redis_url: str | None = None
) -> SendBudget:
    """The budget in Redis when `redis_url` is set, else in PostgreSQL when the coach runs on
    it, else in this process (SQLite: one process sends)."""
    if redis_url:
        store: LimitsSlots | AdvisorySlots = LimitsSlots.redis(redis_url)
    elif engine is not None and engine.dialect.name == "postgresql":
        store = AdvisorySlots(engine)
    else:
        return SendBudget(LimitsSlots.in_memory(), rate_per_second=rate_per_second)
    return SendBudget(store, rate_per_second=rate_per_second, fallback=LimitsSlots.in_memory())
