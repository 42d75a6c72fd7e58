"""The coach service: one runner's input in, one transaction, replies out."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.progress import draw_charts
from bot.storage import outbox, repositories
from bot.storage.locks import lock_runners
from bot.transaction import Transaction
from dialogs import router
from dialogs.core import Context, Reply, UserInput
from dialogs.records import Profile

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """The real clock; tests inject their own."""
    return datetime.now(UTC)


class DatabaseUnavailableError(Exception):
    """The database is down, gone, locked or too slow to answer; the unit of work was rolled
    back, so nothing of the input was written. The message names the driver's error only
    (never the statement or its parameters, which may hold a runner's answers)."""


@dataclass(frozen=True, slots=True)
class Sender:
    """Who an input comes from."""

    user_id: int
    chat_id: int
    first_name: str = ""


@dataclass(frozen=True, slots=True)
class Handled:
    """What to show: the replies, the dialog version their buttons belong to, and whether
    the runner is still on the same question (so a button press can edit it in place)."""

    replies: tuple[Reply, ...]
    version: int
    same_step: bool
    expired: bool = False


class Coach:
    """Runs the core for one input at a time per runner, persisting everything it decides."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._clock = clock

    async def handle(
        self,
        sender: Sender,
        event: UserInput,
        *,
        button_version: int | None = None,
        update_id: int | None = None,
    ) -> Handled:
        """Route one input; button_version is the version a pressed button was sent with, and
        update_id Telegram's id for it (an update redelivered after a crash is ignored)."""
        handled = await self._decide(
            sender, event, button_version=button_version, update_id=update_id
        )
        # Charts are drawn once the transaction has committed, holding no connection or lock.
        return replace(handled, replies=await draw_charts(handled.replies))

    async def _decide(
        self,
        sender: Sender,
        event: UserInput,
        *,
        button_version: int | None,
        update_id: int | None,
    ) -> Handled:
        """handle's unit of work: everything but drawing charts, in one transaction."""
        now = self._clock()
        async with self._unit_of_work() as work:
            session = work.session
            runner = await self._lock(session, sender, now)
            row = runner.state_row
            if update_id is not None and repositories.seen_before(row, update_id):
                log.info("update %s was already handled; ignoring the redelivery", update_id)
                return Handled((), row.version, same_step=False)
            state = repositories.dialog_state(row)
            ctx = await self._context(session, sender, runner.profile, now)
            if runner.returning and ctx.profile is not None:
                # They had blocked the bot, which cancelled their nudges: bring them back.
                await outbox.reschedule(session, sender.user_id, ctx.profile, now)
            stale = button_version is not None and button_version != row.version
            if stale and not router.keeps_old_buttons(state):
                expired = router.expired(state, ctx)
                return Handled(expired.replies, row.version, same_step=False, expired=True)
            transition = router.route(state, event, ctx)
            replies = await work.carry_out(sender.user_id, transition, row, now)
            after = transition.state
            # Redraw the pressed message in place only for the current question: an older one
            # may be far up the chat, where the runner would not see the answer.
            same = (
                not stale
                and state is not None
                and after is not None
                and (state.dialog, state.step) == (after.dialog, after.step)
            )
            return Handled(replies, row.version, same_step=same)

    async def expired(self, sender: Sender) -> Handled:
        """The reply to a button that cannot be trusted: say it expired, ask the question again."""
        now = self._clock()
        async with self._unit_of_work() as work:
            session = work.session
            runner = await self._lock(session, sender, now)
            row = runner.state_row
            ctx = await self._context(session, sender, runner.profile, now)
            transition = router.expired(repositories.dialog_state(row), ctx)
            return Handled(transition.replies, row.version, same_step=False, expired=True)

    @asynccontextmanager
    async def _unit_of_work(self) -> AsyncIterator[Transaction]:
        """One transaction, with a database that cannot be reached as DatabaseUnavailableError."""
        try:
            async with Transaction(self._sessions) as work:
                try:
                    await work.session.connection()
                except Exception as exc:
                    # Not connected yet, so nothing of ours failed: asyncpg raises its own
                    # errors here unwrapped (refused, timed out, no such database).
                    raise DatabaseUnavailableError(_describe(exc)) from exc
                yield work
        except (ConnectionError, TimeoutError, OperationalError, InterfaceError) as exc:
            # The connection lost mid-transaction, or SQLite's file locked or unreadable.
            raise DatabaseUnavailableError(_describe(exc)) from exc
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            raise DatabaseUnavailableError(_describe(exc)) from exc

    @staticmethod
    async def _lock(session: AsyncSession, sender: Sender, now: datetime) -> repositories.Runner:
        # Across processes too: the runner's row may not exist yet to be locked.
        await lock_runners(session, [sender.user_id])
        return await repositories.lock_runner(
            session,
            user_id=sender.user_id,
            chat_id=sender.chat_id,
            first_name=sender.first_name,
            now=now,
        )

    @staticmethod
    async def _context(
        session: AsyncSession, sender: Sender, profile: Profile | None, now: datetime
    ) -> Context:
        runner = {sender.user_id: (sender.first_name, profile)}
        # Nothing pending (the update id just remembered) changes what these reads return:
        # without this the first read would flush it, a second write of the same row.
        with session.no_autoflush:
            return (await repositories.load_contexts(session, runner, now))[sender.user_id]


def _describe(error: BaseException) -> str:
    """The driver's own words, without SQLAlchemy's statement and parameters."""
    cause = error.orig if isinstance(error, DBAPIError) else error
    return f"{type(cause).__name__}: {cause}"

