"""The console front end: due reminders are printed while it runs; numbers pick buttons."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import Coach
from bot.console import CONSOLE_SENDER, ConsoleTransport, chat, save, show, to_input
from bot.render import plain_text
from bot.scheduling.dispatcher import Dispatcher
from bot.storage import repositories
from bot.storage.database import make_sessionmaker, prepare
from bot.storage.models import ScheduledMessage
from bot.storage.outbox import Scope
from dialogs.core import (
    Attachment,
    Button,
    ButtonPressed,
    CommandReceived,
    Reply,
    TextReceived,
)
from dialogs.records import ExerciseResult, Outcome
from dialogs.texts import t
from tests.conftest import FakeClock
from tests.support.builders import onboard


async def test_due_reminders_are_printed_in_the_console_and_only_the_console_runners(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    await onboard(sessions, clock, user_id=CONSOLE_SENDER.user_id)
    await onboard(sessions, clock, user_id=555)  # a Telegram runner in the same database
    async with sessions() as session, session.begin():
        await session.execute(update(ScheduledMessage).values(due_at=clock.now))
    clock.advance(minutes=1)
    out = io.StringIO()
    transport = ConsoleTransport(out)
    dispatcher = Dispatcher(
        sessions, transport, clock=clock, scope=Scope(only_user=CONSOLE_SENDER.user_id)
    )
    report = await dispatcher.tick()
    assert report.sent == 2  # the console runner's reminder and weekly summary, not runner 555's
    printed = out.getvalue()
    assert "1) ▶️ Start workout" in printed
    assert any(b.value == "go:workout" for b in transport.buttons)
    clock.advance(minutes=1)
    assert (await dispatcher.tick()).sent == 0


def test_typed_lines_become_inputs() -> None:
    buttons = [Button("Loop band", "kit:band"), Button("Done", "kit:done")]
    assert to_input("/pause for 7 days", buttons) == CommandReceived("pause", "for 7 days")
    assert to_input("2", buttons) == ButtonPressed("kit:done")
    assert to_input("loop band", buttons) == TextReceived("loop band")
    assert to_input("9", buttons) == TextReceived("9")
    numeric = [Button("1", "runs:1"), Button("2", "runs:2"), Button("3", "runs:3")]
    assert to_input("3", numeric) == TextReceived("3"), "numbers mean themselves on number buttons"
    # ...and are printed without positions beside them, so "4) 3" never makes "3" ambiguous.
    out = io.StringIO()
    show((Reply("How many runs?", (tuple(numeric),)),), out)
    assert ")" not in out.getvalue() and "[1]  [2]  [3]" in out.getvalue()


async def test_a_locked_database_gets_one_line_and_the_console_carries_on(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    engine = await prepare(f"sqlite+aiosqlite:///{path}", timeout_seconds=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    out = io.StringIO()
    ticks: list[int] = []

    async def tick() -> None:
        ticks.append(1)

    try:
        await chat(
            Coach(make_sessionmaker(engine)),
            stdin=io.StringIO("hello\n"),
            transport=ConsoleTransport(out),
            tick=tick,
            tick_seconds=0.01,
            has_profile=False,
        )
    finally:
        other.close()
        await engine.dispose()
    down = plain_text(t("core.database_down"))
    # /start and "hello" each get the one line; the coach then says goodbye as usual.
    assert out.getvalue() == (
        f"{plain_text(t('core.connect_telegram'))}\n{down}\n> {down}\n> \n"
        f"{plain_text(t('core.bye'))}\n"
    )


async def test_ctrl_c_lets_the_tick_under_way_finish_then_says_goodbye(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # A tick cancelled midway could leave its database connection open, and the process would
    # not exit (aiosqlite's thread is not a daemon): Ctrl-C waits for it instead.
    started, release = asyncio.Event(), asyncio.Event()
    finished: list[bool] = []

    async def tick() -> None:
        started.set()
        await release.wait()
        finished.append(True)

    read, write = os.pipe()  # a terminal nobody types in: only Ctrl-C ends this chat
    out = io.StringIO()
    with os.fdopen(read) as stdin, os.fdopen(write, "w"):
        chatting = asyncio.create_task(
            chat(
                Coach(sessions),
                stdin=stdin,
                transport=ConsoleTransport(out),
                tick=tick,
                tick_seconds=60,
                has_profile=True,
            )
        )
        await asyncio.wait_for(started.wait(), 5)
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(0.2)
        assert not chatting.done(), "Ctrl-C waits for the tick under way"
        release.set()
        await asyncio.wait_for(chatting, 5)
    assert finished == [True]
    assert out.getvalue().endswith(f"> \n{plain_text(t('core.bye'))}\n")


async def test_charts_and_exports_are_written_to_the_files_folder_and_their_paths_printed(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, tmp_path: Path
) -> None:
    clock.now = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    await onboard(sessions, clock, user_id=CONSOLE_SENDER.user_id)
    async with sessions() as session, session.begin():
        day = clock.now.date()
        repositories.start_session(
            session, CONSOLE_SENDER.user_id, day=day, started_at=clock.now, focus="", plan=[]
        )
        result = ExerciseResult(exercise_id="glute_bridge", outcome=Outcome.DONE, sets=2)
        await repositories.log_exercise(session, CONSOLE_SENDER.user_id, day, result, clock.now)
        await repositories.finish_session(session, CONSOLE_SENDER.user_id, day, clock.now)
    out = io.StringIO()
    files = tmp_path / "coach-files"

    async def tick() -> None:
        return None

    await chat(
        Coach(sessions, clock=clock),
        stdin=io.StringIO("/progress\n/export\n"),
        transport=ConsoleTransport(out, files),
        tick=tick,
        tick_seconds=60,
        has_profile=True,
    )
    printed = out.getvalue()
    chart = files / "progress.png"
    [export] = files.glob("glute-coach-export-*.json")
    assert f"[photo saved: {chart.resolve()}]" in printed
    assert f"[document saved: {export.resolve()}]" in printed
    assert chart.read_bytes().startswith(b"\x89PNG")
    document = json.loads(export.read_text())
    assert document["user_id"] == CONSOLE_SENDER.user_id
    assert len(document["tables"]["workout_sessions"]) == 1


def test_a_file_name_cannot_lead_out_of_the_files_folder(tmp_path: Path) -> None:
    files = tmp_path / "files"
    saved = save(Attachment("document", "../../escape.json", b"{}"), files)
    assert saved == (files / "escape.json").resolve()
    assert not (tmp_path / "escape.json").exists()
