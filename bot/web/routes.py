"""The Starlette application: the webhook route (in webhook mode) and the monitoring routes."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

from bot import metrics
from bot.telegram.observed import DROPPED, HANDLED, REFUSED, ObservedApplication
from bot.web.health import Readiness

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram repeats a delivery until it gets a 2xx: these outcomes are final.
ACCEPTED = frozenset({HANDLED, DROPPED})


@dataclass(frozen=True, slots=True)
class Webhook:
    """Where Telegram posts updates and the secret it sends with them."""

    path: str
    secret: str
    application: ObservedApplication


class _Monitor:
    def __init__(
        self, readiness: Readiness, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self._readiness = readiness
        self._sessions = sessions

    async def healthz(self, _request: Request) -> Response:
        return PlainTextResponse("ok\n")

    async def readyz(self, _request: Request) -> Response:
        problem = await self._readiness.problem()
        if problem is not None:
            return PlainTextResponse(f"not ready: {problem}\n", status_code=503)
        return PlainTextResponse("ready\n")

    async def metrics(self, _request: Request) -> Response:
        try:
            await metrics.refresh_outbox(self._sessions)
        except Exception as exc:
            # The rest of the metrics matter most when the database is in trouble.
            log.warning("outbox counts not refreshed: %s", type(exc).__name__)
        return Response(metrics.render(), media_type=metrics.CONTENT_TYPE_LATEST)


def _answer(status: int) -> Response:
    metrics.WEBHOOK.labels(status=str(status)).inc()
    return Response(status_code=status)


def _webhook_endpoint(webhook: Webhook) -> Route:
    secret = webhook.secret.encode()
    application = webhook.application

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            return _answer(403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except Exception:  # not JSON, or not an update: nothing to retry
            return _answer(400)
        # 200 only once the update is handled (its update id is then stored with the runner's
        # state, so a redelivery is recognised); otherwise Telegram delivers it again.
        outcome = await application.handle_now(update)
        if outcome == REFUSED:
            return _answer(503)  # this process is stopping: another one will take it
        return _answer(200 if outcome in ACCEPTED else 500)

    return Route(webhook.path, receive, methods=["POST"])


def web_app(
    readiness: Readiness,
    sessions: async_sessionmaker[AsyncSession],
    webhook: Webhook | None = None,
) -> Starlette:
    """/healthz, /readyz, /metrics, and the webhook route when given."""
    monitor = _Monitor(readiness, sessions)
    routes = [
        Route("/healthz", monitor.healthz, methods=["GET"]),
        Route("/readyz", monitor.readyz, methods=["GET"]),
        Route("/metrics", monitor.metrics, methods=["GET"]),
    ]
    if webhook is not None:
        routes.append(_webhook_endpoint(webhook))
    return Starlette(routes=routes)
