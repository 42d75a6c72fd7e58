"""Several processes serving one bot on PostgreSQL: update throughput, reply latency under a
reminder burst, and what one 429 costs, each beside a baseline from the same run.

    .venv/bin/python bench/production.py --database-url postgresql+asyncpg://...
    .venv/bin/python bench/production.py --only cascade      # the in-process part alone

(a) updates/s for 1, 2 and 4 `glute-coach run --webhook` processes behind a round-robin proxy,
    beside the same number of bare PTB echo bots served the same way (this file, --echo);
    runners answer as soon as the bot has replied, against the fake Bot API on loopback.
(b) p50/p99 reply latency (update queued -> first reply accepted) for runners chatting while
    2,000 reminders are being sent: two webhook processes and a dispatcher sharing the budget
    (30 messages/s, the fake server refusing more with 429s). Target: p99 under 1 s.
(c) one 429 injected under load: how many 429s follow, with PTB's AIORateLimiter as the coach
    used it (one per process, the rate divided by hand) and with the shared budget.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from aiohttp import web
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from telegram import Update
from telegram.ext import AIORateLimiter, Application, BaseRateLimiter, ExtBot, MessageHandler
from telegram.ext import filters as tg_filters

from bot.limits import BudgetRateLimiter, make_budget
from bot.storage.database import make_engine
from tests.e2e.test_processes import COACH, coach_env
from tests.e2e.test_webhook import free_port
from tests.support.fakebot import FakeTelegram
from tests.support.production import RoundRobinProxy, most_in_one_second, seed_due_reminders

SECRET = "bench_secret"
RATE = 30


# ---------------------------------------------------------------- (c) one 429 under load


async def cascade(
    limiters: list[BaseRateLimiter[Any]], *, messages: int = 300
) -> tuple[int, float]:
    """Senders in "processes" (one bot each, its own limiter) send `messages` in all, 8 at a
    time each, to a server allowing RATE a second; one 429 (retry after 1 s) is injected once
    a sixth has gone. Returns the 429s the server answered and the seconds it all took."""
    async with FakeTelegram(rate_limit_per_second=RATE) as telegram:
        bots = [
            ExtBot(telegram.token, base_url=telegram.base_url, rate_limiter=limiter)
            for limiter in limiters
        ]
        for bot in bots:
            await bot.initialize()
        chats = iter(range(1, messages + 1))
        injected = False

        async def sender(bot: ExtBot[Any]) -> None:
            nonlocal injected
            for chat_id in chats:
                if chat_id > messages // 6 and not injected:
                    injected = True
                    telegram.fail_next("sendMessage", status=429, retry_after=1)
                with contextlib.suppress(Exception):  # gave up after its retries: counted
                    await bot.send_message(chat_id, f"reminder {chat_id}")

        started = time.monotonic()
        await asyncio.gather(*(sender(bot) for bot in bots for _ in range(8)))
        took = time.monotonic() - started
        for bot in bots:
            await bot.shutdown()
        return telegram.received_429, took


def old_limiter(rate: float) -> AIORateLimiter:
    """The limiter every process had before the shared budget."""
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / rate, max_retries=3)


async def bench_cascade(database_url: str | None) -> None:
    print("(c) one injected 429 while 300 messages go out at 30/s (server enforces 30/s)")
    print(f"{'run':<58} {'429s':>5} {'seconds':>8}")
    rows: list[tuple[str, Callable[[], list[BaseRateLimiter[Any]]]]] = [
        ("before: 1 process, AIORateLimiter at 30/s", lambda: [old_limiter(RATE)]),
        ("after: 1 process, shared budget (in process)", lambda: [shared(None)]),
        (
            "before: 2 processes, AIORateLimiter at 15/s each",
            lambda: [old_limiter(15), old_limiter(15)],
        ),
    ]
    engines = []
    if database_url:
        engines = [make_engine(database_url), make_engine(database_url)]
        rows.append(
            ("after: 2 processes, shared budget (PostgreSQL)", lambda: [shared(e) for e in engines])
        )
    for name, limiters in rows:
        count, took = await cascade(limiters())
        print(f"{name:<58} {count:>5} {took:>8.1f}")
    for engine in engines:
        await engine.dispose()


def shared(engine: Any) -> BudgetRateLimiter:
    return BudgetRateLimiter(make_budget(rate_per_second=RATE, engine=engine))


# ---------------------------------------------------------------- the harness for (a) and (b)


class Replies:
    """Wakes a runner when a message to their chat is accepted (the fake server's on_call)."""

    def __init__(self, telegram: FakeTelegram) -> None:
        self._events: dict[int, asyncio.Event] = {}
        telegram.on_call = self._seen

    def _seen(self, call: Any) -> None:
        chat_id = call.params.get("chat_id")
        if call.method.startswith("send") and chat_id in self._events:
            self._events[chat_id].set()

    async def say(self, telegram: FakeTelegram, user_id: int, text: str) -> float:
        """Send a message; return the seconds until the first reply to it was accepted."""
        event = self._events.setdefault(user_id, asyncio.Event())
        event.clear()
        started = time.monotonic()
        telegram.send_text(user_id, text)
        await asyncio.wait_for(event.wait(), timeout=120)
        return time.monotonic() - started


async def runner(
    replies: Replies,
    telegram: FakeTelegram,
    user_id: int,
    messages: int,
    *,
    think: float = 0.0,
    start: float = 0.0,
) -> list[float]:
    """A runner's latencies: the first message after `start` seconds, each next one `think`
    seconds after the reply to the one before."""
    await asyncio.sleep(start)
    latencies: list[float] = []
    for n in range(messages):
        latencies.append(await replies.say(telegram, user_id, f"hello {n}" if n else "/start"))
        await asyncio.sleep(think)
    return latencies


@contextlib.asynccontextmanager
async def processes(
    commands: list[tuple[list[str], dict[str, str]]], logs: Path
) -> AsyncIterator[None]:
    """Start each command (args, env); stop them all with SIGTERM on exit."""
    started: list[asyncio.subprocess.Process] = []
    try:
        for i, (args, env) in enumerate(commands):
            with (logs / f"process-{i}.log").open("ab") as out:
                started.append(
                    await asyncio.create_subprocess_exec(*args, env=env, stdout=out, stderr=out)
                )
        yield
    finally:
        for proc in started:
            if proc.returncode is None:
                proc.terminate()
        for proc in started:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), timeout=20)


async def wait_healthy(ports: list[int]) -> None:
    async with httpx.AsyncClient() as http:
        for port in ports:
            for _ in range(600):
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError(f"nothing answers on port {port}")


async def scratch_database(url: str) -> str:
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    name = f"bench_production_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


async def drop_database(admin_url: str, url: str) -> None:
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        name = make_url(url).database
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.dispose()


def webhook_command(
    telegram: FakeTelegram, url: str, proxy: str, port: int, **extra: str
) -> tuple[list[str], dict[str, str]]:
    env = coach_env(
        telegram,
        url,
        WEBHOOK_URL=f"{proxy}/telegram",
        WEBHOOK_SECRET_TOKEN=SECRET,
        WEBHOOK_PORT=str(port),
        **extra,
    )
    return [COACH, "run", "--webhook"], quiet(env)


def quiet(env: dict[str, str]) -> dict[str, str]:
    """A process that logs warnings only: logging every update would be measured too."""
    return {**env, "LOG_LEVEL": "WARNING"}


def echo_command(telegram: FakeTelegram, port: int) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, ECHO_TOKEN=telegram.token, ECHO_BASE_URL=telegram.base_url)
    return [sys.executable, __file__, "--echo", str(port)], env


# ---------------------------------------------------------------- (a) throughput


async def throughput(
    database_url: str, kind: str, count: int, runners: int, messages: int, logs: Path
) -> float:
    """updates/s through `count` processes of `kind` ("coach" or "echo")."""
    url = await scratch_database(database_url) if kind == "coach" else ""
    ports = [free_port() for _ in range(count)]
    try:
        async with (
            FakeTelegram() as telegram,
            RoundRobinProxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy,
        ):
            if kind == "coach":
                # The budget set far above the load: this measures handling, not pacing.
                commands = [
                    webhook_command(telegram, url, proxy.url, p, SEND_RATE_PER_SECOND="1000")
                    for p in ports
                ]
            else:
                commands = [echo_command(telegram, p) for p in ports]
            async with processes(commands, logs):
                await wait_healthy(ports)
                if kind == "echo":
                    async with httpx.AsyncClient() as http:
                        await http.post(
                            f"{telegram.base_url}{telegram.token}/setWebhook",
                            json={"url": f"{proxy.url}/telegram", "secret_token": SECRET},
                        )
                replies = Replies(telegram)
                started = time.monotonic()
                await asyncio.gather(
                    *(runner(replies, telegram, 900_000 + n, messages) for n in range(runners))
                )
                return runners * messages / (time.monotonic() - started)
    finally:
        if url:
            await drop_database(database_url, url)


async def bench_throughput(database_url: str, runners: int, messages: int, logs: Path) -> None:
    print(
        f"(a) updates/s, {runners} runners x {messages} messages, webhook processes behind a proxy"
    )
    print(f"{'processes':>9} {'echo bot':>9} {'coach':>9} {'coach/echo':>11}")
    for count in (1, 2, 4):
        echo = await throughput(database_url, "echo", count, runners, messages, logs)
        coach = await throughput(database_url, "coach", count, runners, messages, logs)
        print(f"{count:>9} {echo:>9.0f} {coach:>9.0f} {coach / echo:>10.0%}")


# ---------------------------------------------------------------- (b) latency under a burst


async def latency(
    database_url: str, runners: int, messages: int, logs: Path, *, reminders: int, think: float
) -> tuple[list[float], int, int, int, int]:
    """Reply latencies of chatting runners while `reminders` fall due together; with the
    reminders queued at the start and at the end, the 429s and the most sends in a second."""
    url = await scratch_database(database_url)
    try:
        due = await seed_due_reminders(url, 500_000, reminders) if reminders else range(0)
        ports = [free_port() for _ in range(2)]
        async with (
            FakeTelegram(rate_limit_per_second=RATE) as telegram,
            RoundRobinProxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy,
        ):
            rate = {"SEND_RATE_PER_SECOND": str(RATE)}
            commands = [webhook_command(telegram, url, proxy.url, p, **rate) for p in ports]
            commands.append(([COACH, "dispatch"], quiet(coach_env(telegram, url, **rate))))
            async with processes(commands, logs):
                await wait_healthy(ports)
                replies = Replies(telegram)

                def queued() -> int:
                    sent = (
                        c.params["chat_id"]
                        for c in telegram.calls
                        if c.ok and c.method == "sendMessage"
                    )
                    return len(due) - sum(1 for chat in sent if chat in due)

                # the burst is under way
                await telegram.wait_for(
                    lambda _: queued() <= len(due) - min(100, len(due)), timeout=120
                )
                before = queued()
                latencies = [
                    seconds
                    for times in await asyncio.gather(
                        *(
                            runner(replies, telegram, 1 + n, messages, think=think, start=n * 0.25)
                            for n in range(runners)
                        )
                    )
                    for seconds in times
                ]
                return (
                    latencies,
                    before,
                    queued(),
                    telegram.received_429,
                    most_in_one_second(telegram.calls),
                )
    finally:
        await drop_database(database_url, url)


async def bench_latency(database_url: str, runners: int, messages: int, logs: Path) -> None:
    think = 1.0
    print(
        f"(b) reply latency (update queued -> first reply accepted), {runners} runners x "
        f"{messages} messages, starting over 5 s, each answered {think:.0f} s after the reply; "
        "2 webhook processes "
        f"and a dispatcher, budget {RATE}/s"
    )
    print(
        f"{'run':<32} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'queued':>11} {'429s':>5}"
        f" {'max/s':>6}"
    )
    for name, reminders in (
        ("baseline: no reminders due", 0),
        ("2,000 reminders due at once", 2000),
    ):
        found, before, after, refused, most = await latency(
            database_url, runners, messages, logs, reminders=reminders, think=think
        )
        q = statistics.quantiles(found, n=100)
        print(
            f"{name:<32} {q[49] * 1000:>7.0f} {q[98] * 1000:>7.0f} {max(found) * 1000:>7.0f} "
            f"{f'{before}->{after}':>11} {refused:>5} {most:>6}"
        )


# ---------------------------------------------------------------- the echo bot baseline


async def serve_echo(port: int) -> None:
    """A bare PTB echo bot as a webhook server: each update handled, then 200 (like the coach)."""
    application: Application[Any, Any, Any, Any, Any, Any] = (
        Application.builder()
        .token(os.environ["ECHO_TOKEN"])
        .base_url(os.environ["ECHO_BASE_URL"])
        .updater(None)
        .build()
    )

    async def echo(update: Update, _context: Any) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "?")

    application.add_handler(MessageHandler(tg_filters.TEXT, echo))

    async def hook(request: web.Request) -> web.Response:
        if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != SECRET:
            return web.Response(status=403)
        await application.process_update(Update.de_json(await request.json(), application.bot))
        return web.Response()

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/telegram", hook)
    app.router.add_get("/healthz", healthz)
    async with application:
        web_runner = web.AppRunner(app, access_log=None)
        await web_runner.setup()
        await web.TCPSite(web_runner, "127.0.0.1", port).start()
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(15, stop.set)
        await stop.wait()
        await web_runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    parser.add_argument("--only", choices=["throughput", "latency", "cascade"])
    parser.add_argument("--runners", type=int, default=200, help="for (a)")
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--echo", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo:
        asyncio.run(serve_echo(args.echo))
        return
    # The budget's own warnings ("every sender pauses") would interleave with the tables.
    logging.basicConfig(level=logging.ERROR)
    logs = Path(tempfile.mkdtemp(prefix="bench-production-"))
    if args.only in (None, "cascade"):
        asyncio.run(bench_cascade(args.database_url or None))
    if not args.database_url:
        print("(a) and (b) need --database-url (PostgreSQL)")
        return
    if args.only in (None, "throughput"):
        asyncio.run(bench_throughput(args.database_url, args.runners, args.messages, logs))
    if args.only in (None, "latency"):
        asyncio.run(bench_latency(args.database_url, 20, args.messages, logs))
    print(f"process logs: {logs}")


if __name__ == "__main__":
    main()
