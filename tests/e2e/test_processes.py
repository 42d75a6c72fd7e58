"""`glute-coach` as real processes against the fake Telegram server: restarts and scale-out."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from dialogs.texts import t
from tests.conftest import create_pg_database, drop_pg_database
from tests.e2e.conftest import Runner
from tests.support.children import die_with_parent
from tests.support.fakebot import FakeTelegram
from tests.support.production import seed_due_reminders

pytestmark = pytest.mark.slow
COACH = str(Path(sys.executable).parent / "glute-coach")


class Process:
    """One `glute-coach` process, its output in a log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args, self.env, self.log = args, env, log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                COACH,
                *self.args,
                env=self.env,
                stdout=out,
                stderr=out,
                preexec_fn=die_with_parent,
            )

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # SIGKILL: no clean-up of any kind
        await self.proc.wait()

    async def stop(self) -> int:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.proc.wait(), timeout=20)
        assert self.proc.returncode is not None
        return self.proc.returncode


def coach_env(telegram: FakeTelegram, database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=telegram.token,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        DATABASE_URL=database_url,
        SCHEDULER_TICK_SECONDS="0.2",
        LOG_LEVEL="INFO",
        **extra,
    )
    return env


def reminders_per_chat(telegram: FakeTelegram, runners: range) -> Counter[int]:
    return Counter(
        call.params["chat_id"]
        for call in telegram.calls
        if call.method == "sendMessage" and call.params.get("chat_id") in runners
    )


def sent_rows(database: Path) -> int:
    """Scheduled messages the bot has marked sent, read straight from its SQLite file."""
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT count(*) FROM scheduled_messages WHERE status = 'sent'"
        return int(connection.execute(query).fetchone()[0])


async def wait_until(check: Callable[[], bool], *, seconds: float, what: str, log: Path) -> None:
    for _ in range(int(seconds * 10)):
        if check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; end of the process log:\n{tail(log)}")


def tail(log: Path) -> str:
    """The end of a log, for a failure message."""
    return log.read_text()[-3000:]


async def test_run_survives_sigkill_mid_onboarding(telegram: FakeTelegram, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    bot = Process(["run"], coach_env(telegram, url), tmp_path / "run.log")
    await bot.start()
    # The coach runs in another process: each step waits for the replies it brings.
    runner = Runner(telegram, 42)
    await runner.say("/start", replies=2)
    await runner.tap("Faster", replies=1)
    await runner.say("no race", replies=1)
    await runner.say("regular", replies=1)
    assert runner.last_text == t("onboarding.ask.runs")

    await bot.kill()
    await bot.start()
    replies = await runner.say("three", replies=1)
    # The answer is acknowledged at once, and the next question is the one after it.
    assert [m.text for m in replies] == [
        "\n".join((t("onboarding.runs_context.base", runs=3), t("onboarding.ask.weekly")))
    ], "the answer must continue where onboarding was"
    await runner.say("not sure", replies=1)
    assert runner.last_text == "\n".join(
        (t("onboarding.ack.weekly_unsure"), t("onboarding.ask.equipment"))
    )
    assert await bot.stop() == 0
    log = bot.log.read_text()  # all of it: the start-up lines too
    assert "database migrated from empty" in log
    assert telegram.token not in log, "the token must never be logged"


async def test_due_reminders_arrive_exactly_once_across_a_sigkill(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    runners = await seed_due_reminders(url, 1000, 60)
    # The restarted bot takes over the killed one's claims once they are this old.
    env = coach_env(telegram, url, SEND_RATE_PER_SECOND="20", CLAIM_TIMEOUT_SECONDS="3")
    bot = Process(["run"], env, tmp_path / "run.log")
    await bot.start()
    await wait_until(
        lambda: sum(reminders_per_chat(telegram, runners).values()) >= 15,
        seconds=30,
        what="the first reminders",
        log=bot.log,
    )
    # Stall the network, wait until the bot has recorded every message Telegram accepted,
    # then kill it mid-batch: what is in flight is lost with it, so nothing can arrive twice.
    telegram.hold()
    await wait_until(
        lambda: (
            sent_rows(tmp_path / "coach.db") == sum(reminders_per_chat(telegram, runners).values())
        ),
        seconds=30,
        what="the bot to record what it sent",
        log=bot.log,
    )
    await bot.kill()
    telegram.release()
    before = reminders_per_chat(telegram, runners)
    assert 15 <= sum(before.values()) < len(runners)

    await bot.start()
    await wait_until(
        lambda: len(reminders_per_chat(telegram, runners)) == len(runners),
        seconds=60,
        what="every reminder after the restart",
        log=bot.log,
    )
    await asyncio.sleep(1)  # anything sent twice would show up by now
    assert await bot.stop() == 0
    sent = reminders_per_chat(telegram, runners)
    assert set(sent) == set(runners) and set(sent.values()) == {1}, sent.most_common(3)


@pytest.mark.postgresql
async def test_two_processes_share_a_burst_without_duplicates(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    url = await create_pg_database("coach_two")
    try:
        runners = await seed_due_reminders(url, 2000, 1200)
        env = coach_env(telegram, url, SEND_RATE_PER_SECOND="300")
        workers = [Process(["dispatch"], env, tmp_path / f"dispatch-{i}.log") for i in range(2)]
        await asyncio.gather(*(worker.start() for worker in workers))
        await wait_until(
            lambda: len(reminders_per_chat(telegram, runners)) == len(runners),
            seconds=90,
            what="every reminder",
            log=workers[0].log,
        )
        await asyncio.sleep(1)
        assert [await worker.stop() for worker in workers] == [0, 0]
        sent = reminders_per_chat(telegram, runners)
        assert set(sent) == set(runners), "none lost"
        assert set(sent.values()) == {1}, f"duplicates: {sent.most_common(3)}"
    finally:
        await drop_pg_database(url)
