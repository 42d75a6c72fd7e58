"""The coach serves private chats only: groups get a pointer and are left, other chats and
updates are ignored, and nobody but the runner can answer for the runner."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import User
from dialogs.texts import t
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import seed_profile
from tests.support.fakebot import Call, FakeTelegram

RUNNER = 4201
OTHER = 4202
GROUP = -100_777
EXPIRED_TOAST = t("core.expired_toast")
STARTUP = {"getMe", "deleteWebhook", "setMyCommands", "getUpdates"}
HELP = "Here's what I can do"


async def stored_chat(sessions: async_sessionmaker[AsyncSession], user_id: int) -> int | None:
    async with sessions() as session:
        return await session.scalar(select(User.chat_id).where(User.id == user_id))


def calls_to(telegram: FakeTelegram, chat_id: int) -> list[Call]:
    return [c for c in telegram.calls if c.params.get("chat_id") == chat_id]


def answers(telegram: FakeTelegram) -> list[Call]:
    return [c for c in telegram.calls if c.method == "answerCallbackQuery"]


async def left(telegram: FakeTelegram) -> None:
    await telegram.wait_for(lambda fake: not fake.is_member(GROUP))
    await telegram.wait_idle()


@pytest.mark.parametrize("command", ["/pain my knee hurts, 6/10", "/export"])
async def test_a_command_in_a_group_gets_only_a_pointer_then_the_coach_leaves(
    coach_bot: Bot,
    telegram: FakeTelegram,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    command: str,
) -> None:
    await seed_profile(sessions, clock, RUNNER)
    telegram.send_text(RUNNER, command, chat_id=GROUP)
    await left(telegram)

    [pointer] = telegram.sent(GROUP)
    assert pointer.text is not None
    assert pointer.text.startswith("I only coach in a private chat")
    link = calls_to(telegram, GROUP)[0].params["text"]
    assert 'href="https://t.me/fake_coach_bot?start=from_group"' in link
    assert [c.method for c in calls_to(telegram, GROUP)] == ["sendMessage", "leaveChat"]
    # nothing personal anywhere: no document, no triage, not even in the runner's own chat
    assert calls_to(telegram, RUNNER) == []
    assert await stored_chat(sessions, RUNNER) == RUNNER


async def test_members_writing_at_once_get_one_pointer(
    coach_bot: Bot, telegram: FakeTelegram
) -> None:
    telegram.send_text(RUNNER, "/pain", chat_id=GROUP)
    telegram.send_text(OTHER, "/start", chat_id=GROUP)
    await left(telegram)
    assert [c.method for c in calls_to(telegram, GROUP)] == ["sendMessage", "leaveChat"]


async def test_channel_posts_membership_and_inline_queries_are_ignored(
    coach_bot: Bot,
    telegram: FakeTelegram,
    sessions: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    telegram.post_in_channel(GROUP - 1, "/pain my knee hurts")
    telegram.add_to_group(GROUP, RUNNER)
    telegram.send_inline_query(RUNNER, "pain")
    await telegram.wait_idle()

    # only the calls of starting up and polling: no reply, no answer, no leaving
    assert {c.method for c in telegram.calls} <= STARTUP
    assert telegram.is_member(GROUP)
    assert await stored_chat(sessions, RUNNER) is None
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_another_user_pressing_a_runners_button_gets_expired(
    coach_bot: Bot, telegram: FakeTelegram, sessions: async_sessionmaker[AsyncSession]
) -> None:
    runner = Runner(telegram, RUNNER)
    await runner.say("/start")
    question = [m for m in runner.messages if m.reply_markup][-1]
    before = runner.messages
    _label, data = telegram.last_buttons(RUNNER)[0]

    telegram.press_button(RUNNER, question.message_id, data, by=OTHER)
    await telegram.wait_for(lambda fake: answers(fake) != [])
    await telegram.wait_idle()

    assert [c.params.get("text") for c in answers(telegram)] == [EXPIRED_TOAST]
    assert runner.messages == before  # nothing sent, the question keeps its buttons
    assert await stored_chat(sessions, OTHER) is None
    # the runner's own press still works
    assert await runner.press(question.message_id, data)


async def test_an_edited_message_is_not_a_new_answer(
    coach_bot: Bot,
    telegram: FakeTelegram,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await seed_profile(sessions, clock, RUNNER)
    runner = Runner(telegram, RUNNER)
    said = telegram.send_text(RUNNER, "hello")["message"]["message_id"]
    await telegram.wait_for(lambda _fake: len(runner.messages) == 1)
    await telegram.wait_idle()

    telegram.edit_text(RUNNER, said, "/delete")
    # the runner's updates are handled in order: this answer comes after the edit's
    replies = await runner.say("/help")
    assert [(m.text or "")[: len(HELP)] for m in replies] == [HELP]


async def test_a_command_for_another_bot_is_not_ours(
    coach_bot: Bot,
    telegram: FakeTelegram,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await seed_profile(sessions, clock, RUNNER)
    runner = Runner(telegram, RUNNER)
    telegram.send_text(RUNNER, "/delete@otherbot")
    replies = await runner.say("/help@fake_coach_bot")
    assert [(m.text or "")[: len(HELP)] for m in replies] == [HELP]


@pytest.mark.parametrize("data", ["ü|goal:faster|ÿÿÿÿÿÿÿÿ", "g|go:workout|🏃🏃"])
async def test_malformed_button_data_is_answered_as_expired(
    coach_bot: Bot,
    telegram: FakeTelegram,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    data: str,
) -> None:
    await seed_profile(sessions, clock, RUNNER)
    runner = Runner(telegram, RUNNER)
    await runner.say("hello")
    replies = await runner.press(runner.messages[-1].message_id, data)
    assert [c.params.get("text") for c in answers(telegram)] == [EXPIRED_TOAST]
    assert [m.text for m in replies] == [t("core.expired_idle")]
