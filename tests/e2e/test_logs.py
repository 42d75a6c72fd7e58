"""With LOG_LEVEL=DEBUG the logs still hold neither the bot token nor what runners tell us."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.cli import QUIET_LOGGERS, _configure_logging
from bot.settings import load_settings
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import pain_reports, seed_profile
from tests.support.fakebot import FakeTelegram

RUNNER = 4301
# distinctive, so finding it anywhere in the log can only mean the report leaked
PAIN = "my left hamstring twangs like a banjo string when I sprint, 6/10"


@pytest.fixture
def debug_logs(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> Iterator[pytest.LogCaptureFixture]:
    """Logging configured as `glute-coach` does with LOG_LEVEL=DEBUG; every record captured.

    Requested before the bot and the database so their start-up is captured too."""
    saved = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    caplog.set_level(logging.DEBUG)
    _configure_logging(load_settings(_env_file=None))
    yield caplog
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


async def test_debug_logs_hold_no_token_and_no_pain_report(
    debug_logs: pytest.LogCaptureFixture,
    coach_bot: Bot,
    telegram: FakeTelegram,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await seed_profile(sessions, clock, RUNNER)
    runner = Runner(telegram, RUNNER)
    await runner.say("/pain")
    await runner.say(PAIN)
    for _ in range(15):  # tap through the follow-up questions to the verdict
        buttons = telegram.last_buttons(RUNNER)
        if not buttons or not runner.messages[-1].reply_markup:
            break
        await runner.tap(buttons[-1][0])
    assert await pain_reports(sessions, RUNNER), runner.texts()

    records = [*debug_logs.get_records("setup"), *debug_logs.records]
    formatter = logging.Formatter("%(name)s %(message)s")
    log = "\n".join(formatter.format(record) for record in records)
    # the check can fail: DEBUG records were captured, the bot's own and the libraries' too
    assert any(r.levelno == logging.DEBUG for r in records)
    assert {r.name.partition(".")[0] for r in records} >= {"telegram", "apscheduler"}
    assert telegram.token not in log
    assert "banjo" not in log  # (hamstring is also a button's label: not proof of a leak)


async def test_a_failed_statements_error_does_not_show_its_values(engine: AsyncEngine) -> None:
    # The error handler logs such errors with their message: it must not carry a pain report.
    async with engine.connect() as connection:
        with pytest.raises(DBAPIError) as failed:
            await connection.execute(text("INSERT INTO no_such_table VALUES (:it)"), {"it": PAIN})
    assert "no_such_table" in str(failed.value)
    assert "banjo" not in str(failed.value)
