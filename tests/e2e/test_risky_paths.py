"""Interactive paths that rarely run: Telegram refusing a reply (403, 429), photos and documents
through the real upload, messages the coach cannot read, and a check-in that finds real pain."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects
from bot.storage import repositories
from bot.storage.models import Event, ScheduledMessage, WorkoutSession
from dialogs.texts import t
from dialogs.training import nudges
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.support import fake_chats
from tests.support.builders import onboard
from tests.support.fakebot import Call, FakeTelegram, SentMessage
from tests.support.html_entities import parse_html

BLOCKER, PATIENT, OTHER, CHARTED, EXPORTER, STICKY, SORE = range(8201, 8208)
PNG = b"\x89PNG\r\n\x1a\n"


def shown(key: str) -> str:
    """A catalogue text as the chat shows it (its HTML rendered)."""
    return parse_html(t(key))[0]


def calls_to(telegram: FakeTelegram, chat_id: int) -> list[Call]:
    return [c for c in telegram.calls if c.params.get("chat_id") == chat_id]


def actions(telegram: FakeTelegram, chat_id: int) -> list[str]:
    """The chat actions ("upload_photo"...) the bot showed in that chat."""
    return [c.params["action"] for c in calls_to(telegram, chat_id) if c.method == "sendChatAction"]


async def handled(telegram: FakeTelegram, chat_id: int) -> list[SentMessage]:
    """What the chat shows once the bot has handled every update sent so far."""
    await telegram.wait_idle()
    return telegram.sent(chat_id)


# ---------------------------------------------------------------- Telegram refusing a reply


async def test_a_runner_who_blocked_the_bot_mid_reply_is_logged_and_others_are_served(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await onboard(sessions, clock, user_id=BLOCKER)
    telegram.block_chat(BLOCKER)
    with caplog.at_level(logging.INFO):
        telegram.send_text(BLOCKER, "/help")
        # the reply is refused with 403; no apology is tried (it would be refused too)
        await telegram.wait_idle()
    assert [(c.method, c.status, c.params["text"]) for c in calls_to(telegram, BLOCKER)] == [
        ("sendMessage", 403, t("core.help")),
    ]
    ours = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "bot.telegram.app"]
    # a runner blocking the bot is not an error of ours: one line, no traceback
    assert ours == [("INFO", "reply not sent: the runner has blocked the bot")]
    # the error handler itself did not fail, and the bot goes on serving
    assert not [r for r in caplog.records if "error_handler" in r.getMessage()]
    other = Runner(telegram, OTHER)
    assert [m.text for m in await other.say("/help")] == [shown("core.help")]


async def test_a_429_on_a_reply_is_waited_out_and_the_reply_arrives_once(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    telegram.fail_next("sendMessage", status=429, retry_after=1)
    telegram.send_text(PATIENT, "/help")
    sent = await handled(telegram, PATIENT)
    assert [m.text for m in sent] == [shown("core.help")]
    refused, accepted = calls_to(telegram, PATIENT)
    assert (refused.status, accepted.status) == (429, 200)
    assert accepted.at - refused.at >= 1.0, "sent again only after retry_after"
    assert telegram.received_429 == 1


# ---------------------------------------------------------------- uploads


async def test_progress_uploads_a_png_chart_the_server_accepts(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await onboard(sessions, clock, user_id=CHARTED)
    async with sessions() as session, session.begin():
        # a session finished last week: something to chart
        started = clock.now - timedelta(days=5)
        session.add(
            WorkoutSession(
                user_id=CHARTED,
                day=started.date(),
                status="finished",
                focus="hips",
                plan=[],
                started_at=started,
                finished_at=started + timedelta(minutes=25),
            )
        )
    runner = Runner(telegram, CHARTED)
    replies = await runner.say("/progress")
    photos = [m for m in replies if m.kind == "photo"]
    assert len(photos) == 1
    chart = photos[0]
    assert chart.file_bytes is not None and chart.file_bytes.startswith(PNG)
    assert chart.file_name is not None and chart.file_name.endswith(".png")
    assert set(actions(telegram, CHARTED)) == {"upload_photo"}
    # one multipart upload, accepted by the spec-checking server at the first try
    [upload] = [c for c in calls_to(telegram, CHARTED) if c.method == "sendPhoto"]
    assert upload.ok


async def test_export_uploads_the_runners_data_as_a_json_document(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await onboard(sessions, clock, user_id=EXPORTER, days=("tue", "sat"), at="06:45")
    runner = Runner(telegram, EXPORTER)
    replies = await runner.say("/export")
    documents = [m for m in replies if m.kind == "document"]
    assert len(documents) == 1
    document = documents[0]
    assert document.file_name is not None and document.file_name.endswith(".json")
    assert document.file_bytes is not None
    exported: dict[str, Any] = json.loads(document.file_bytes)
    [profile] = exported["tables"]["profiles"]
    assert (profile["workout_days"], profile["workout_time"]) == (["tue", "sat"], "06:45")
    assert set(actions(telegram, EXPORTER)) == {"upload_document"}


# ---------------------------------------------------------------- what the coach cannot read


STICKER = {
    "sticker": {
        "file_id": "CAACAgIAAxkBAAEBsticker",
        "file_unique_id": "AgADsticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}
VOICE = {"voice": {"file_id": "AwACAgIAAxkBvoice", "file_unique_id": "AgADvoice", "duration": 3}}


@pytest.mark.parametrize("content", [STICKER, VOICE], ids=["sticker", "voice"])
async def test_a_sticker_or_voice_note_gets_one_friendly_line(
    telegram: FakeTelegram, coach_bot: Bot, content: dict[str, Any]
) -> None:
    send_media(telegram, STICKY, content)
    sent = await handled(telegram, STICKY)
    assert [m.text for m in sent] == [shown("core.unsupported")]


def send_media(telegram: FakeTelegram, user_id: int, content: dict[str, Any]) -> None:
    """Queue a non-text message from the runner (the fake server has no helper for these)."""
    chat = telegram._chat(user_id, "Runner")
    message = fake_chats.message_from(chat, chat.user_json())
    message.update(content)
    telegram._enqueue("message", message)


# ---------------------------------------------------------------- check-in hand-over


async def test_soreness_of_six_or_more_hands_over_to_the_pain_dialog(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await onboard(sessions, clock, user_id=SORE)
    async with sessions() as session, session.begin():
        uow = effects.UnitOfWork(session, SORE, clock.now)
        await effects.apply(nudges.soreness_checkin(date(2026, 3, 1), "Europe/London"), uow)
        await session.execute(
            update(ScheduledMessage)
            .where(ScheduledMessage.kind == nudges.SORENESS_CHECKIN)
            .values(due_at=clock.now - timedelta(minutes=1))
        )
    assert (await coach_bot.dispatcher.tick()).sent == 1
    assert telegram.sent(SORE)[-1].text == shown("checkin.soreness_ask")

    runner = Runner(telegram, SORE)
    replies = await runner.tap("7")
    assert replies[0].text == shown("checkin.soreness_high")
    async with sessions() as session:
        state = (await repositories.dialog_rows(session, [SORE]))[SORE]
        soreness = select(Event).where(Event.user_id == SORE, Event.kind == "soreness")
        logged = (await session.scalars(soreness)).all()
    assert state.dialog == "pain"
    assert [e.data["score"] for e in logged] == [7]
    # the pain dialog asks its first question at once, with nothing more typed
    assert len(replies) >= 2 and replies[-1].reply_markup is not None
