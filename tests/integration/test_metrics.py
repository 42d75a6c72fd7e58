"""/healthz, /readyz and /metrics on the real server (the monitor port, as on `dispatch`), with
the real PTB application against the fake Bot API; and JSON log lines."""

from __future__ import annotations

import io
import json
import logging
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.cli import QUIET_LOGGERS, _configure_logging
from bot.coach import Coach
from bot.scheduling.dispatcher import Dispatcher
from bot.settings import load_settings
from bot.storage.database import make_engine, make_sessionmaker
from bot.telegram.app import build_application, running
from bot.web.health import Readiness
from bot.web.routes import web_app
from bot.web.server import serving
from dialogs.timezones import warm_up
from tests.conftest import FakeClock
from tests.e2e.conftest import Runner
from tests.e2e.helpers import seed_profile
from tests.support.builders import onboard
from tests.support.fakebot import FakeTelegram

RUNNER = 5301
FIRST_NAME = "Zebedee"
PAIN = "my left hamstring twangs like a banjo string when I sprint, 6/10"

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture(scope="module", autouse=True)
def place_index() -> None:
    warm_up()


@asynccontextmanager
async def monitor(engine: AsyncEngine, url: str) -> AsyncIterator[httpx.AsyncClient]:
    """The monitoring routes served on a loopback port, and a client for them."""
    sessions = make_sessionmaker(engine)
    app = web_app(Readiness(engine, timeout_seconds=1), sessions)
    async with (
        serving(app, "127.0.0.1", 0) as port,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http,
    ):
        yield http


async def scrape(http: httpx.AsyncClient) -> tuple[Samples, str]:
    response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples, response.text


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def total(samples: Samples, name: str) -> float:
    return sum(v for (n, _), v in samples.items() if n == name)


@asynccontextmanager
async def coach(
    telegram: FakeTelegram, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> AsyncIterator[Dispatcher]:
    made: list[Dispatcher] = []

    def dispatcher(front: object) -> Dispatcher:
        made.append(Dispatcher(sessions, front, clock=clock))  # type: ignore[arg-type]
        return made[-1]

    application = build_application(
        token=telegram.token,
        base_url=telegram.base_url,
        coach=Coach(sessions, clock=clock),
        dispatcher=dispatcher,
        rate_per_second=1000,
        tick_seconds=3600,
    )
    async with running(application, polling=True, poll_timeout=1):
        telegram.handled = application.update_queue.join
        yield made[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_healthz_and_readyz_on_a_migrated_database(
    engine: AsyncEngine, database_url: str
) -> None:
    async with monitor(engine, database_url) as http:
        assert (await http.get("/healthz")).text == "ok\n"
        ready = await http.get("/readyz")
        assert ready.status_code == 200, ready.text


async def test_readyz_fails_while_migrations_are_behind(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    engine = make_engine(url)
    try:
        async with monitor(engine, url) as http:
            ready = await http.get("/readyz")
            assert ready.status_code == 503
            assert "schema at nothing" in ready.text
            assert (await http.get("/healthz")).status_code == 200
    finally:
        await engine.dispose()


async def test_readyz_fails_when_the_database_is_unreachable() -> None:
    url = f"postgresql+asyncpg://coach:hunter2@127.0.0.1:{free_port()}/coach"
    engine = make_engine(url, timeout_seconds=1)
    try:
        async with monitor(engine, url) as http:
            ready = await http.get("/readyz")
            assert ready.status_code == 503
            assert "database unreachable" in ready.text
            assert "hunter2" not in ready.text
            assert (await http.get("/healthz")).status_code == 200
    finally:
        await engine.dispose()


async def test_metrics_count_updates_api_calls_and_429s(
    telegram: FakeTelegram,
    engine: AsyncEngine,
    database_url: str,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    async with monitor(engine, database_url) as http, coach(telegram, sessions, clock):
        before, _ = await scrape(http)
        runner = Runner(telegram, RUNNER, first_name=FIRST_NAME)
        await runner.say("hi")
        telegram.fail_next("sendMessage", status=429, retry_after=1)
        await runner.say("hello")
        after, _ = await scrape(http)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("coach_updates_total", kind="message", outcome="handled") == 2
    assert moved("coach_update_handling_seconds_count", kind="message") == 2
    assert moved("coach_bot_api_requests_total", method="sendMessage", status="429") == 1
    assert moved("coach_bot_api_requests_total", method="sendMessage", status="200") == 2
    assert moved("coach_bot_api_requests_total", method="getUpdates", status="200") >= 1


async def test_metrics_count_outbox_rows_lateness_and_verdicts_without_personal_data(
    telegram: FakeTelegram,
    engine: AsyncEngine,
    database_url: str,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await onboard(sessions, clock, user_id=RUNNER + 1)
    await seed_profile(sessions, clock, RUNNER)
    async with monitor(engine, database_url) as http, coach(telegram, sessions, clock) as ticker:
        before, _ = await scrape(http)
        assert value(before, "coach_outbox_messages", status="pending") >= 2
        assert value(before, "coach_outbox_messages", status="sent") == 0

        runner = Runner(telegram, RUNNER, first_name=FIRST_NAME)
        await runner.say("/pain")
        await runner.say(PAIN)
        for _ in range(15):  # tap through the follow-up questions to the verdict
            buttons = telegram.last_buttons(RUNNER)
            if not buttons or not runner.messages[-1].reply_markup:
                break
            await runner.tap(buttons[-1][0])

        clock.advance(days=3)  # the reminders fall due, and are sent this much late at most
        report = await ticker.tick()
        assert report.sent >= 1
        after, text = await scrape(http)

    assert total(after, "coach_triage_verdicts_total") - total(
        before, "coach_triage_verdicts_total"
    ) >= 1
    lateness = "coach_reminder_lateness_seconds_count"
    assert value(after, lateness) - value(before, lateness) == report.sent
    assert value(after, "coach_outbox_messages", status="sent") == report.sent
    for personal in (FIRST_NAME, "hamstring", "banjo", telegram.token):
        assert personal not in text
    # The runner's id as a number of its own: Python's own counters (e.g. 530140.0 objects
    # collected) may hold its digits by chance.
    assert re.search(rf"(?<![\d.]){RUNNER}(?![\d.])", text) is None


def test_json_log_lines_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    saved = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    monkeypatch.setenv("LOG_FORMAT", "json")
    root.handlers = []  # basicConfig only configures a root logger without handlers
    try:
        _configure_logging(load_settings(_env_file=None))
        stream = io.StringIO()
        ours = root.handlers[-1]
        assert isinstance(ours, logging.StreamHandler)
        ours.setStream(stream)
        logging.getLogger("bot.test").warning("sent %d reminders", 3)
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("bot.test").exception("tick failed")
    finally:
        root.handlers, root.level = handlers, level
        for name, floor in saved.items():
            logging.getLogger(name).setLevel(floor)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["message"] for r in records] == ["sent 3 reminders", "tick failed"]
    assert records[0]["levelname"] == "WARNING" and records[0]["name"] == "bot.test"
    assert "time" in records[0]
    assert "ValueError: boom" in records[1]["exc_info"]

