"""Webhook mode: the real Starlette/uvicorn server on loopback, fed by the fake Bot API server
the way Telegram feeds a webhook (POST, secret token header, delivered again until a 2xx)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import socket
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.cli import QUIET_LOGGERS, main
from bot.coach import Coach
from bot.limits import LimitsSlots, SendBudget
from bot.limits.budget import CHAT_LIMITS
from bot.settings import Settings
from bot.storage.database import make_engine, make_sessionmaker, prepare
from bot.storage.models import DialogStateRow, User
from bot.telegram.app import build_application, running
from bot.telegram.observed import ObservedApplication
from bot.web.health import Readiness
from bot.web.server import ALLOWED_UPDATES, webhook_serving
from dialogs.texts import t
from tests.conftest import create_pg_database, drop_pg_database
from tests.e2e.conftest import Bot, Runner
from tests.e2e.test_processes import Process, coach_env, tail
from tests.support.fakebot import FakeTelegram

SECRET = "s3cret_webhook-token"
RUNNER = 7301
# Just over what one runner may have waiting (PerUserUpdateProcessor.MAX_WAITING, plus one
# being handled), all in flight at once.
FLOOD = 26
BURST = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _idle() -> None:
    """A webhook update is acknowledged only once handled: an empty queue means all done."""


@asynccontextmanager
async def webhook_coach(
    telegram: FakeTelegram,
    engine: AsyncEngine,
    url: str,
    *,
    db_timeout: float = 5.0,
    connections: int = 8,
    chat_limits: tuple[tuple[float, int], ...] = CHAT_LIMITS,
) -> AsyncIterator[str]:
    """The coach in webhook mode in this process; yields the server's base URL."""
    sessions = make_sessionmaker(engine)
    application = build_application(
        token=telegram.token,
        base_url=telegram.base_url,
        coach=Coach(sessions),
        tick_seconds=3600,
        budget=SendBudget(LimitsSlots.in_memory(), rate_per_second=1000, chat_limits=chat_limits),
    )
    assert isinstance(application, ObservedApplication)
    port = free_port()
    async with (
        running(application, polling=False),
        webhook_serving(
            application,
            Readiness(engine, timeout_seconds=db_timeout),
            sessions,
            url=f"http://127.0.0.1:{port}/telegram",
            secret=SECRET,
            max_connections=connections,
            host="127.0.0.1",
            port=port,
        ),
    ):
        telegram.handled = _idle
        yield f"http://127.0.0.1:{port}"


async def count(engine: AsyncEngine, table: type[User] | type[DialogStateRow]) -> int:
    sessions: async_sessionmaker[AsyncSession] = make_sessionmaker(engine)
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_update_by_webhook_is_handled_then_acknowledged(
    telegram: FakeTelegram, engine: AsyncEngine, database_url: str
) -> None:
    async with webhook_coach(telegram, engine, database_url):
        runner = Runner(telegram, RUNNER)
        replies = await runner.say("hi")
        assert [m.text for m in replies] == [t("core.greeting", name="Sam")]
        started = await runner.say("/start")
        assert started and started[-1].reply_markup, "onboarding asks its first question"
    registered = next(call for call in telegram.calls if call.method == "setWebhook")
    assert registered.params["secret_token"] == SECRET
    assert registered.params["allowed_updates"] == list(ALLOWED_UPDATES)
    assert registered.params["max_connections"] == 8
    assert [d.status for d in telegram.deliveries] == [200, 200]
    assert await count(engine, DialogStateRow) == 1
    assert telegram.errors == []


@pytest.mark.parametrize("header", [None, "wrong", SECRET + "x", ""])
async def test_wrong_or_missing_secret_is_refused_and_changes_nothing(
    telegram: FakeTelegram, engine: AsyncEngine, database_url: str, header: str | None
) -> None:
    update = telegram.send_text(RUNNER, "hi")  # a genuine update, posted by someone else
    telegram._queue.clear()  # only the forged post below carries it
    async with webhook_coach(telegram, engine, database_url) as base, httpx.AsyncClient() as http:
        headers = {} if header is None else {"X-Telegram-Bot-Api-Secret-Token": header}
        response = await http.post(f"{base}/telegram", json=update, headers=headers)
        assert response.status_code == 403
        assert response.content == b""
    assert await count(engine, User) == 0
    assert await count(engine, DialogStateRow) == 0
    assert telegram.sent(RUNNER) == []


async def test_failed_update_gets_non_200_and_telegram_delivers_it_again(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    """The database is locked by another process: the coach answers 500, the runner hears
    that their notes cannot be reached, and Telegram's next delivery, once the file is free,
    is handled."""
    path = tmp_path / "coach.db"
    url = f"sqlite+aiosqlite:///{path}"
    await (await prepare(url)).dispose()
    engine = make_engine(url, timeout_seconds=0.5)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        async with webhook_coach(telegram, engine, url, db_timeout=0.5):
            telegram.send_text(RUNNER, "hi", first_name="Sam")
            await telegram.wait_for(lambda fake: len(fake.deliveries) >= 2, timeout=10)
            assert {d.status for d in telegram.deliveries} == {500}
            assert t("core.database_down") in [m.text for m in telegram.sent(RUNNER)]
            assert await count_locked(path) == 0  # nothing of the update was written
            other.execute("ROLLBACK")
            await telegram.wait_for(lambda fake: not fake._queue, timeout=10)
        statuses = [d.status for d in telegram.deliveries]
        assert statuses[-1] == 200 and set(statuses[:-1]) == {500}, statuses
        assert {d.update_id for d in telegram.deliveries} == {1}
        assert [m.text for m in telegram.sent(RUNNER)][-1] == t("core.greeting", name="Sam")
        assert await count(engine, User) == 1
    finally:
        other.close()
        await engine.dispose()


def counted(outcome: str) -> float:
    return REGISTRY.get_sample_value(
        "coach_updates_total", {"kind": "message", "outcome": outcome}
    ) or 0.0


@pytest.mark.slow  # the coach answers the flooding runner at a paced rate
async def test_a_flood_by_webhook_is_acknowledged_not_redelivered_for_ever(
    telegram: FakeTelegram, engine: AsyncEngine, database_url: str
) -> None:
    """Updates beyond a runner's waiting limit are dropped as with polling, and answered 200:
    a non-200 would have Telegram deliver the flood again and again."""
    telegram.webhook_one_per_chat = False  # the runner's updates arrive together
    handled, dropped = counted("handled"), counted("dropped")
    # One reply every 0.1 s, not three a second: the replies still hold the flood back while
    # it arrives, and the runner hears them all in 2 s instead of 7.
    fast = ((0.1, 1),)
    async with webhook_coach(telegram, engine, database_url, connections=40, chat_limits=fast):
        for _ in range(FLOOD):
            telegram.send_text(RUNNER, "hi", first_name="Sam")
        await telegram.wait_for(lambda fake: not fake._queue, timeout=45)
    assert {d.status for d in telegram.deliveries} == {200}
    assert len(telegram.deliveries) == FLOOD
    texts = [m.text for m in telegram.sent(RUNNER)]
    assert texts.count(t("core.slow_down")) == 1
    now_dropped = counted("dropped") - dropped
    assert now_dropped >= 1
    assert counted("handled") - handled + now_dropped == FLOOD


async def test_a_flood_by_polling_counts_its_dropped_updates_too(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    """Polling drops a flood's extra updates in the update processor: they are counted there,
    so the metrics account for every update whichever way it came."""
    handled, dropped = counted("handled"), counted("dropped")
    for _ in range(FLOOD * 2):
        telegram.send_text(RUNNER, "hi", first_name="Sam")
    await telegram.wait_idle(timeout=30)
    assert [m.text for m in telegram.sent(RUNNER)].count(t("core.slow_down")) == 1
    now_dropped = counted("dropped") - dropped
    assert now_dropped >= 1
    assert counted("handled") - handled + now_dropped == FLOOD * 2


async def count_locked(path: Path) -> int:
    """Users in the file, read without waiting for the other process's write lock."""
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM users").fetchone()[0])
    finally:
        connection.close()


async def test_switching_back_to_polling_deletes_the_webhook(
    telegram: FakeTelegram, engine: AsyncEngine, database_url: str
) -> None:
    async with webhook_coach(telegram, engine, database_url):
        await Runner(telegram, RUNNER).say("hi")
    assert telegram._webhook_url
    application = build_application(
        token=telegram.token, base_url=telegram.base_url, coach=Coach(make_sessionmaker(engine))
    )
    async with running(application, polling=True, poll_timeout=1):
        telegram.handled = application.update_queue.join
        replies = await Runner(telegram, RUNNER).say("hi")
        assert replies, "polling gets updates once the webhook is gone"
    assert not telegram._webhook_url
    assert "deleteWebhook" in [call.method for call in telegram.calls]
    assert telegram.errors == []


@pytest.mark.slow
async def test_run_webhook_process_serves_and_stops_on_sigterm_within_10_s(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    port = free_port()
    env = coach_env(
        telegram,
        url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        WEBHOOK_SECRET_TOKEN=SECRET,
        WEBHOOK_PORT=str(port),
        LOG_FORMAT="json",
    )
    log = tmp_path / "webhook.log"
    process = Process(["run", "--webhook"], env, log)
    await process.start()
    try:
        runner = Runner(telegram, RUNNER)
        await runner.say("hi", replies=1)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            assert (await http.get("/healthz")).status_code == 200
            assert (await http.get("/readyz")).status_code == 200
            forged = await http.post("/hook", json={"update_id": 99}, headers={})
            assert forged.status_code == 403
        # A burst is arriving when the process is told to stop: what it acknowledged it has
        # handled, the rest waits with Telegram for the next process; none is lost or doubled.
        burst = range(RUNNER + 1, RUNNER + 1 + BURST)
        for user_id in burst:
            telegram.send_text(user_id, "hi", first_name="Sam")
        await telegram.wait_for(lambda fake: len(fake.deliveries) >= 3, timeout=10)
        started = time.monotonic()
        assert process.proc is not None
        process.proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.proc.wait(), timeout=10)
        assert code == 0, tail(log)
        assert time.monotonic() - started < 10
        acknowledged = {d.update_id for d in telegram.deliveries if d.status == 200}
        answered = sum(1 for user_id in burst if telegram.sent(user_id))
        assert answered == len(acknowledged) - 1  # the first "hi" was the runner's

        await process.start()
        await telegram.wait_for(lambda fake: not fake._queue, timeout=30)
        greeting = t("core.greeting", name="Sam")
        for user_id in burst:
            assert [m.text for m in telegram.sent(user_id)] == [greeting], user_id
        await process.stop()
    finally:
        if process.proc is not None and process.proc.returncode is None:
            await process.kill()
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert {"time", "levelname", "name", "message"} <= records[0].keys()
    text = log.read_text()
    assert telegram.token.partition(":")[2] not in text
    assert SECRET not in text
    assert "hi" not in [record["message"] for record in records]


@pytest.mark.slow
@pytest.mark.postgresql
async def test_dispatch_serves_the_probes_and_metrics_on_its_monitor_port(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    url = await create_pg_database("coach_monitor")
    port = free_port()
    log = tmp_path / "dispatch.log"
    process = Process(["dispatch"], coach_env(telegram, url, MONITOR_PORT=str(port)), log)
    try:
        await process.start()
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for _ in range(300):  # start-up loads the data files first
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/readyz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"/readyz never answered 200:\n{tail(log)}")
            assert (await http.get("/healthz")).status_code == 200
            metrics = (await http.get("/metrics")).text
            assert 'coach_outbox_messages{status="pending"} 0.0' in metrics
            assert (await http.post("/telegram", json={})).status_code in (404, 405)
        assert await process.stop() == 0, tail(log)
    finally:
        if process.proc is not None and process.proc.returncode is None:
            await process.kill()
        await drop_pg_database(url)


@pytest.mark.parametrize(
    ("params", "refusal"),
    [
        ({"url": "http://coach.example.org/hook"}, "HTTPS URL must be provided"),
        ({"url": "https://coach.example.org/hook", "secret_token": "no spaces"}, "unallowed"),
        ({"url": "https://coach.example.org/hook", "secret_token": "x" * 257}, "unallowed"),
        ({"url": "https://coach.example.org/hook", "max_connections": 0}, "max_connections"),
        ({"url": "https://coach.example.org/hook", "max_connections": 101}, "max_connections"),
        (
            {"url": "https://coach.example.org/hook", "allowed_updates": ["messages"]},
            "unknown update types",
        ),
    ],
)
async def test_the_fake_refuses_webhooks_telegram_would_refuse(
    telegram: FakeTelegram, params: dict[str, object], refusal: str
) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{telegram.base_url}{telegram.token}/setWebhook", json=params)
    assert response.status_code == 400
    assert refusal in response.json()["description"]
    assert not telegram._webhook_url


@pytest.mark.parametrize("missing", ["WEBHOOK_URL", "WEBHOOK_SECRET_TOKEN"])
def test_run_webhook_without_its_settings_stops_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    missing: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}")
    monkeypatch.setenv("WEBHOOK_URL", "https://coach.example.org/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET_TOKEN", SECRET)
    monkeypatch.delenv(missing)
    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    try:
        with pytest.raises(SystemExit) as stopped:
            main(["run", "--webhook"])
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert stopped.value.code == 2
    assert capsys.readouterr().err == f"Invalid setting {missing}: required by `run --webhook`\n"
    assert not (tmp_path / "coach.db").exists(), "nothing started before the settings were checked"
