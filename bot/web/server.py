"""Serving the web app with uvicorn inside the coach's own event loop, and the webhook's
registration with Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import ASGIApp
from telegram import Bot, Update

from bot.telegram.app import register_commands
from bot.telegram.observed import ObservedApplication
from bot.web.health import Readiness
from bot.web.routes import Webhook, web_app

log = logging.getLogger(__name__)

# The updates the coach's handlers act on (see TelegramFrontEnd.attach); Telegram does not
# send the others at all, so they cost nothing.
ALLOWED_UPDATES = (Update.MESSAGE, Update.CALLBACK_QUERY)
# SIGTERM: requests in flight get this long to finish, within a 10 s stop (the rest of the
# stop takes well under a second). An update whose transaction has committed is applied, and
# its redelivery would be ignored as a duplicate, so its replies must go out in this time: a
# request cancelled at its end loses them. Hence on a stop (webhook_serving) updates not yet
# begun are refused, for another process to take, and this process's dispatcher withdraws the
# nudges waiting for the send budget. At most max_connections updates are in flight
# (Telegram's cap), each with one to three messages: 40 take 4 s of a 30 a second budget, up
# to 8 s if other processes' nudges take the half of it that replies leave them.
GRACE_SECONDS = 7


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the coach's stop sequence decides when the
    server stops (and uvicorn would re-raise the signal after shutting down)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def webhook_path(url: str) -> str:
    """The path the server answers on: the public URL's (a proxy forwards it unchanged)."""
    return urlsplit(url).path or "/"


@asynccontextmanager
async def serving(app: ASGIApp, host: str, port: int) -> AsyncIterator[int]:
    """Serve until the block ends, yielding the bound port (port 0 picks a free one); on exit
    stop taking connections and let requests in flight finish (up to GRACE_SECONDS)."""
    listener = socket.create_server((host, port), reuse_port=False)
    config = uvicorn.Config(
        app,
        log_config=None,  # our logging (text or JSON) handles uvicorn's records too
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    server = _Server(config)
    # The socket already listens: a request arriving before uvicorn is up waits in its backlog.
    task = asyncio.create_task(server.serve(sockets=[listener]))
    bound = listener.getsockname()[1]
    log.info("listening on %s:%d", host, bound)
    try:
        yield bound
    finally:
        server.should_exit = True
        await task


async def register_webhook(
    bot: Bot, *, url: str, secret: str, max_connections: int
) -> None:
    """Point Telegram at the webhook. Every webhook process does this at start, with the same
    values, so it is idempotent; pending updates are kept, so a deploy loses none."""
    await bot.set_webhook(
        url=url,
        secret_token=secret,
        allowed_updates=list(ALLOWED_UPDATES),
        max_connections=max_connections,
        drop_pending_updates=False,
    )
    # The path only: the rest of the address is the operator's, the secret is not logged.
    log.info("webhook registered (path %s)", webhook_path(url))


@asynccontextmanager
async def webhook_serving(
    application: ObservedApplication,
    readiness: Readiness,
    sessions: async_sessionmaker[AsyncSession],
    *,
    url: str,
    secret: str,
    max_connections: int,
    host: str,
    port: int,
) -> AsyncIterator[None]:
    """Serve the webhook beside /healthz, /readyz and /metrics, then point Telegram at it.
    Leaving the block stops taking requests and lets those in flight finish, so it must end
    before the application (and its Bot API client) stops."""
    hook = Webhook(webhook_path(url), secret, application)
    async with serving(web_app(readiness, sessions, hook), host, port):
        await register_commands(application)
        await register_webhook(
            application.bot, url=url, secret=secret, max_connections=max_connections
        )
        try:
            yield
        finally:
            # Before the server's grace begins: what has not started goes back to Telegram.
            application.stop_taking_updates()
