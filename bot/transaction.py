"""The unit of work: one transaction, and the one way a transition is written in it.

The coach (a runner's input) and the dispatcher (a scheduled message) both run the core and
then write what it decided; both do it through `Transaction.carry_out`, so state, effects and
the order of the replies cannot drift apart between them. (`effects.UnitOfWork` is the smaller
scope one effect runs in: this transaction's session, one runner, one moment.)
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from datetime import datetime
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects
from bot.storage import repositories
from bot.storage.models import DialogStateRow
from dialogs.core import Reply, Transition


class Transaction:
    """One unit of work. `async with Transaction(sessions) as work:` opens a session and begins
    the transaction; it commits when the block ends and rolls back when the block raises."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._stack = AsyncExitStack()
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Transaction:
        async with AsyncExitStack() as stack:
            session = await stack.enter_async_context(self._sessions())
            await stack.enter_async_context(session.begin())
            # Entered in full: from here on the session and its transaction are ours to close.
            self._stack = stack.pop_all()
        self._session = session
        return self

    async def __aexit__(
        self,
        error_type: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        self._session = None
        return await self._stack.__aexit__(error_type, error, traceback)

    @property
    def session(self) -> AsyncSession:
        """The open transaction, for the repositories."""
        if self._session is None:
            raise RuntimeError("the transaction is used outside its `async with` block")
        return self._session

    async def carry_out(
        self,
        user_id: int,
        transition: Transition,
        row: DialogStateRow | None,
        now: datetime,
    ) -> tuple[Reply, ...]:
        """Write a transition for one runner: store its state in `row` (None leaves the stored
        state as it is, so the runner's buttons stay valid), apply its effects, and return its
        replies with the effects' notes in place."""
        if row is not None:
            repositories.store_dialog_state(row, transition.state, now)
        scope = effects.UnitOfWork(self.session, user_id, now)
        follow_ups: list[Reply] = []
        for effect in transition.effects:
            follow_ups.extend(await effects.apply(effect, scope))
        return _merge(transition.replies, follow_ups)


def _merge(replies: tuple[Reply, ...], follow_ups: list[Reply]) -> tuple[Reply, ...]:
    """Effects' notes (e.g. when the next reminder is) go before a closing question, so the
    message with buttons stays at the bottom of the chat."""
    if replies and replies[-1].buttons:
        return (*replies[:-1], *follow_ups, replies[-1])
    return (*replies, *follow_ups)
