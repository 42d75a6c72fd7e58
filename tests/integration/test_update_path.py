"""The database work one runner's update costs: round trips counted on a real database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.coach import Coach, Sender
from bot.storage import repositories
from dialogs.core import CommandReceived
from dialogs.records import ExerciseResult, Outcome
from tests.conftest import FakeClock
from tests.support.builders import RUNNER, runner_fields


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The first word of every statement the database is sent while the block runs."""
    seen: list[str] = []

    def before(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        seen.append(sql.split(None, 1)[0].upper())

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


def reads_and_writes(seen: list[str], dialect: str) -> tuple[int, int]:
    # PostgreSQL's per-runner advisory lock is a SELECT too, but not a read of the runner.
    reads = seen.count("SELECT") - (1 if dialect == "postgresql" else 0)
    return reads, len(seen) - seen.count("SELECT")


async def test_an_onboarded_runners_update_reads_their_history_in_one_query(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    coach = Coach(sessions, clock=clock)
    sender = Sender(RUNNER, RUNNER, "Sam")
    await coach.handle(sender, CommandReceived("start"))
    async with sessions() as session, session.begin():
        await repositories.save_profile(session, RUNNER, runner_fields(), clock.now)
        squat = ExerciseResult(exercise_id="squat", outcome=Outcome.DONE, sets=3, reps=10)
        await repositories.log_exercise(session, RUNNER, clock.now.date(), squat, clock.now)
    with statements(engine) as seen:
        await coach.handle(sender, CommandReceived("help"), update_id=3)
    # The runner with their state and profile; history (sessions and their exercises);
    # open pain and any comeback plan; field tests. Then the one write of the new state.
    assert reads_and_writes(seen, engine.dialect.name) == (5, 1)
