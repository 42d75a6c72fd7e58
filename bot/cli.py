"""The `glute-coach` command: run the Telegram bot, chat in the console, migrate."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import Coach, utcnow
from bot.console import CONSOLE_SENDER, ConsoleTransport, chat
from bot.scheduling.dispatcher import Dispatcher, Timing
from bot.settings import Settings, SettingsError, load_settings
from bot.storage import runner_data
from bot.storage.database import make_sessionmaker, prepare
from bot.storage.outbox import Scope
from bot.storage.repositories import get_profile
from dialogs import router
from dialogs.knowledge import knowledge
from dialogs.pain import emergency
from dialogs.pain.lexicon import warm_up as triage_warm_up
from dialogs.texts import catalogue
from dialogs.timezones import warm_up

if TYPE_CHECKING:
    from bot.telegram.app import TelegramFrontEnd
    from bot.telegram.observed import ObservedApplication
    from bot.web.health import Readiness

log = logging.getLogger("bot")


# Libraries whose verbose logs hold secrets or health data, kept at least this quiet whatever
# LOG_LEVEL says: httpx logs request URLs (Telegram's contain the bot token), PTB at DEBUG logs
# every update and request with the runner's words, SQLAlchemy and aiosqlite at DEBUG log
# statements, parameters and rows (pain reports). alembic's own lines are noise: we log one
# line per migration run ourselves.
QUIET_LOGGERS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "sqlalchemy": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "asyncpg": logging.WARNING,
    "alembic": logging.WARNING,
}


def _configure_logging(settings: Settings) -> None:
    level = logging.getLevelNamesMapping()[settings.log_level]
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        # One object a line for log collectors; the same fields as the text lines.
        fields = ["asctime", "levelname", "name", "message"]
        handler.setFormatter(JsonFormatter(fields, rename_fields={"asctime": "time"}))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    for name, floor in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(max(level, floor))


def _load_data() -> None:
    """Load every data file now, so a broken one stops start-up with its name; build the
    place indexes so the first runner to name a city does not wait for them."""
    catalogue()
    knowledge()
    triage_warm_up()
    emergency.warm_up()
    warm_up()


def _timing(settings: Settings) -> Timing:
    return Timing(
        grace=timedelta(hours=settings.reminder_grace_hours),
        claim_timeout=timedelta(seconds=settings.claim_timeout_seconds),
    )


async def _run_bot(settings: Settings, *, polling: bool, webhook: bool = False) -> None:
    """The Telegram bot, by long polling or by webhook; with neither, only the scheduler (an
    extra sending process)."""
    if settings.telegram_bot_token is None:
        raise SettingsError(
            "Invalid setting TELEGRAM_BOT_TOKEN: required to run the Telegram bot "
            "(use `glute-coach chat` for the console coach)"
        )
    if webhook:
        _require_webhook_settings(settings)
    if polling or webhook:
        # This process reads runners' messages: build the readers now, not on the first one.
        router.warm_up()
    # Imported here, not at the top: the console never uses the Telegram and web stacks, and
    # importing them would slow every `glute-coach chat` start.
    from bot.limits import make_budget
    from bot.telegram.app import build_application, running
    from bot.telegram.observed import ObservedApplication
    from bot.web.health import Readiness

    engine = await prepare(settings.database_url, timeout_seconds=settings.database_timeout_seconds)
    sessions = make_sessionmaker(engine)
    dispatchers: list[Dispatcher] = []

    def dispatcher(front: TelegramFrontEnd) -> Dispatcher:
        dispatchers.append(
            Dispatcher(
                sessions,
                front,
                timing=_timing(settings),
                scope=Scope(skip_user=CONSOLE_SENDER.user_id),
            )
        )
        return dispatchers[-1]

    application = build_application(
        token=settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        coach=Coach(sessions),
        dispatcher=dispatcher,
        retention=lambda: purge_old_data(sessions, months=settings.retention_months),
        tick_seconds=settings.scheduler_tick_seconds,
        # One budget for the token, whatever the number of processes sending with it.
        budget=make_budget(
            rate_per_second=settings.send_rate_per_second,
            engine=engine,
            redis_url=settings.redis_url,
        ),
    )
    readiness = Readiness(engine, timeout_seconds=settings.database_timeout_seconds)
    assert isinstance(application, ObservedApplication)
    try:
        async with running(application, polling=polling), _http(
            application, settings, readiness, sessions, webhook=webhook
        ):
            await _until_stopped(dispatchers, polling=polling or webhook)
    finally:
        await engine.dispose()


def _http(
    application: ObservedApplication,
    settings: Settings,
    readiness: Readiness,
    sessions: async_sessionmaker[AsyncSession],
    *,
    webhook: bool,
) -> contextlib.AbstractAsyncContextManager[object]:
    """The webhook server (with the monitoring routes), or the monitor port alone, or none.
    Leaving it stops taking requests and lets those in flight finish."""
    from bot.web.routes import web_app  # the Telegram side's imports: see _run_bot
    from bot.web.server import serving, webhook_serving

    if webhook:
        assert settings.webhook_url is not None and settings.webhook_secret_token is not None
        return webhook_serving(
            application,
            readiness,
            sessions,
            url=settings.webhook_url,
            secret=settings.webhook_secret_token.get_secret_value(),
            max_connections=settings.webhook_max_connections,
            host=settings.listen_address,
            port=settings.webhook_port,
        )
    if settings.monitor_port is not None:
        app = web_app(readiness, sessions)
        return serving(app, settings.listen_address, settings.monitor_port)
    return contextlib.nullcontext()


def _require_webhook_settings(settings: Settings) -> None:
    for name in ("webhook_url", "webhook_secret_token"):
        if getattr(settings, name) is None:
            raise SettingsError(f"Invalid setting {name.upper()}: required by `run --webhook`")


async def purge_old_data(
    sessions: async_sessionmaker[AsyncSession], *, months: int, now: datetime | None = None
) -> dict[str, int]:
    """The retention job: runners not heard from for `months` go with every row about them,
    pain reports and logs older than that go, and so do the answers in pain dialogs left
    unfinished by runners who did not consent to keeping pain details."""
    now = now or utcnow()
    cutoff = now - relativedelta(months=months)
    async with sessions() as session, session.begin():
        silent = await runner_data.purge_silent_runners(session, cutoff)
        counts = await runner_data.purge_before(session, cutoff)
        counts["runners"] = silent
        counts["pain_dialogs"] = await runner_data.forget_abandoned_pain_dialogs(
            session, now - runner_data.PAIN_DIALOG_ABANDONED
        )
    # Counts and a date only: nothing here names a runner.
    log.info("retention: deleted %s older than %s", counts, cutoff.date())
    return counts


async def _until_stopped(dispatchers: list[Dispatcher], *, polling: bool) -> None:
    """Run until SIGINT or SIGTERM, then stop cleanly and soon: the dispatchers claim nothing
    more and hand back what they have not sent, so stopping never waits for a whole backlog
    (PTB's stop waits for the running tick)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    log.info("coach is running%s; Ctrl-C stops it", " on Telegram" if polling else "")
    await stop.wait()
    log.info("stopping")
    for dispatcher in dispatchers:
        dispatcher.stop()


async def _run_console(settings: Settings) -> None:
    engine = await prepare(settings.database_url, timeout_seconds=settings.database_timeout_seconds)
    sessions = make_sessionmaker(engine)
    try:
        async with sessions() as session:
            has_profile = await get_profile(session, CONSOLE_SENDER.user_id) is not None
        transport = ConsoleTransport(sys.stdout)
        dispatcher = Dispatcher(
            sessions,
            transport,
            timing=_timing(settings),
            scope=Scope(only_user=CONSOLE_SENDER.user_id),
        )
        await chat(
            Coach(sessions),
            stdin=sys.stdin,
            transport=transport,
            tick=dispatcher.tick,
            tick_seconds=settings.scheduler_tick_seconds,
            has_profile=has_profile,
        )
    finally:
        await engine.dispose()


async def _upgrade(settings: Settings) -> None:
    engine = await prepare(settings.database_url, timeout_seconds=settings.database_timeout_seconds)
    await engine.dispose()


def _refuse_sqlite_for_dispatch(settings: Settings) -> None:
    """SQLite has one writer, so an extra sending process would only queue behind `run`,
    which already sends the reminders."""
    if make_url(settings.database_url).get_backend_name() == "sqlite":
        raise SettingsError(
            "Invalid setting DATABASE_URL: `glute-coach dispatch` needs PostgreSQL; "
            "on SQLite `glute-coach run` sends the reminders itself"
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glute-coach", description="A running coach for strong glutes, in Telegram."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "start",
        help="run on Telegram if TELEGRAM_BOT_TOKEN is set, otherwise chat in the console",
        description="Run on Telegram when a token is configured, else the console coach.",
    )
    run = commands.add_parser(
        "run",
        help="run the Telegram bot (long polling, or --webhook)",
        description="Run the Telegram bot with long polling, or with --webhook as a webhook "
        "server. Needs TELEGRAM_BOT_TOKEN.",
    )
    run.add_argument(
        "--webhook",
        action="store_true",
        help="serve Telegram's webhook (WEBHOOK_URL, WEBHOOK_SECRET_TOKEN, LISTEN_ADDRESS, "
        "WEBHOOK_PORT) with /healthz, /readyz and /metrics",
    )
    commands.add_parser(
        "dispatch",
        help="send due reminders only (an extra process beside `run`, on PostgreSQL)",
        description="Run only the reminder scheduler; several may run beside one `run`.",
    )
    commands.add_parser(
        "chat",
        help="chat with the coach in this terminal",
        description="The console coach: the same dialogs, buttons as numbered choices.",
    )
    db = commands.add_parser("db", help="database tasks", description="Database tasks.")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser(
        "upgrade", help="apply pending migrations", description="Apply pending migrations."
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        _configure_logging(settings)
        _load_data()
        if args.command == "db":
            asyncio.run(_upgrade(settings))
        elif args.command == "dispatch":
            _refuse_sqlite_for_dispatch(settings)
            asyncio.run(_run_bot(settings, polling=False))
        elif args.command == "run" or (
            args.command == "start" and settings.telegram_bot_token is not None
        ):
            webhook = getattr(args, "webhook", False)
            asyncio.run(_run_bot(settings, polling=not webhook, webhook=webhook))
        else:
            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(_run_console(settings))
    except SettingsError as exc:
        print(exc, file=sys.stderr)  # noqa: T201
        sys.exit(2)
