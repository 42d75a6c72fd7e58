"""The fake Bot API answers a real telegram.Bot the way Telegram would, refusals included."""

from __future__ import annotations

import asyncio
import html
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from tests.support.botapi_spec import load_spec
from tests.support.fakebot import FakeTelegram
from tests.support.html_entities import HtmlError, parse_html

USER = 42
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    + (640).to_bytes(4, "big")
    + (480).to_bytes(4, "big")
    + b"\x08\x02\x00\x00\x00rest-of-png"
)


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in pairs]])


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as b:
        yield b


async def raw(
    fake: FakeTelegram, method: str, *, token: str | None = None, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    """One plain HTTP request, bypassing PTB's own checks."""
    url = f"{fake.base_url}{token or fake.token}/{method}"
    async with (
        aiohttp.ClientSession() as session,
        session.request("POST" if kwargs else "GET", url, **kwargs) as response,
    ):
        return response.status, await response.json()


async def test_get_me(bot: Bot, fake: FakeTelegram) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.id == 123456
    assert [c.method for c in fake.calls] == ["getMe", "getMe"]
    assert fake.errors == []


async def test_send_message_with_html_and_keyboard(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(
        USER,
        "<b>Squats</b> &amp; <i>bridges</i> &lt;3",
        parse_mode="HTML",
        reply_markup=keyboard(("Done", "v1:done"), ("Skip", "v1:skip")),
    )
    assert message.text == "Squats & bridges <3"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 6),
        ("italic", 9, 7),
    ]
    [sent] = fake.sent(USER)
    assert (sent.message_id, sent.text, sent.kind, sent.edited) == (
        message.message_id,
        "Squats & bridges <3",
        "text",
        False,
    )
    assert fake.last_buttons(USER) == [("Done", "v1:done"), ("Skip", "v1:skip")]
    assert fake.errors == []


async def test_visible_length_counts_not_markup(bot: Bot) -> None:
    message = await bot.send_message(USER, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len(message.text) == 4096


async def test_pressing_a_button_then_answering_and_editing(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(USER, "Ready?", reply_markup=keyboard(("Go", "go")))
    update = fake.press_button(USER, message.message_id, "go")
    [received] = await bot.get_updates()
    query = received.callback_query
    assert query is not None
    assert query.id == update["callback_query"]["id"]
    assert query.message.text == "Ready?"
    assert query.data == "go"
    assert await bot.answer_callback_query(query.id)
    edited = await bot.edit_message_text("Going", chat_id=USER, message_id=message.message_id)
    assert edited.edit_date is not None
    [sent] = fake.sent(USER)
    assert (sent.text, sent.reply_markup, sent.edited) == ("Going", None, True)
    assert fake.last_buttons(USER) == []
    assert fake.errors == []


async def test_runner_messages_arrive_as_updates(bot: Bot, fake: FakeTelegram) -> None:
    fake.send_text(USER, "/start now", first_name="Sam")
    fake.share_location(USER, 52.37, 4.89)
    first, second = await bot.get_updates()
    assert first.message.text == "/start now"
    assert first.message.from_user.first_name == "Sam"
    assert [(e.type, e.offset, e.length) for e in first.message.entities] == [("bot_command", 0, 6)]
    assert (second.message.location.latitude, second.message.location.longitude) == (52.37, 4.89)
    assert second.message.message_id == first.message.message_id + 1


async def test_long_poll_returns_an_update_queued_after_it_started(
    bot: Bot, fake: FakeTelegram
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for(lambda f: f.polling)
    assert not poll.done()
    fake.send_text(USER, "hello")
    updates = await asyncio.wait_for(poll, 1)
    assert [u.message.text for u in updates] == ["hello"]
    # an offset above an update confirms it: it is never delivered again
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()


async def test_get_updates_honours_limit_offset_and_allowed_updates(
    bot: Bot, fake: FakeTelegram
) -> None:
    for n in range(3):
        fake.send_text(USER, f"m{n}")
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["m0", "m1"]
    # unconfirmed updates come again
    again = await bot.get_updates()
    assert [u.message.text for u in again] == ["m0", "m1", "m2"]
    assert await bot.get_updates(offset=again[-1].update_id + 1, allowed_updates=["message"]) == ()
    sent = await bot.send_message(USER, "pick", reply_markup=keyboard(("a", "a")))
    fake.press_button(USER, sent.message_id, "a")  # not allowed: never delivered
    fake.send_text(USER, "after")
    assert [u.message.text for u in await bot.get_updates()] == ["after"]


async def test_a_newer_get_updates_terminates_the_older_with_conflict(fake: FakeTelegram) -> None:
    kwargs = {"base_url": fake.base_url}
    async with Bot(fake.token, **kwargs) as first, Bot(fake.token, **kwargs) as second:
        older = asyncio.create_task(first.get_updates(timeout=3))
        await fake.wait_for(lambda f: f.polling)
        assert await second.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await older
    assert [c.status for c in fake.errors] == [409]


async def test_photo_and_document_keep_their_bytes(bot: Bot, fake: FakeTelegram) -> None:
    photo = await bot.send_photo(USER, PNG, caption="<b>Week 3</b>", parse_mode="HTML")
    assert (photo.photo[-1].width, photo.photo[-1].height) == (640, 480)
    assert photo.caption == "Week 3"
    document = await bot.send_document(USER, io.BytesIO(b"date,km\n"), filename="log.csv")
    assert document.document.file_name == "log.csv"
    sent_photo, sent_document = fake.sent(USER)
    assert (sent_photo.kind, sent_photo.file_bytes, sent_photo.caption) == ("photo", PNG, "Week 3")
    assert (sent_document.kind, sent_document.file_bytes, sent_document.file_name) == (
        "document",
        b"date,km\n",
        "log.csv",
    )
    downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == b"date,km\n"
    # a file_id can be sent again
    again = await bot.send_photo(USER, photo.photo[-1].file_id)
    assert fake.sent(USER)[-1].file_bytes == PNG
    assert again.photo[-1].file_id == photo.photo[-1].file_id
    assert fake.errors == []


async def test_delete_and_commands(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(USER, "temporary")
    assert await bot.delete_message(USER, message.message_id)
    assert fake.sent(USER) == []
    assert await bot.set_my_commands([("start", "Begin"), ("plan", "This week's plan")])
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == [
        ("start", "Begin"),
        ("plan", "This week's plan"),
    ]
    assert await bot.send_chat_action(USER, "typing")
    assert await bot.delete_webhook()
    assert fake.errors == []


LONG = "x" * 4097
BAD_HTML = [
    ("<blink>x</blink>", 'Unsupported start tag "blink"'),
    ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
    ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    ("3 < 4", 'Unsupported start tag "" at byte offset 2'),
    ("salt & pepper", "Character '&' is reserved"),
    ("&nbsp;", 'Unknown HTML entity "&nbsp;"'),
    ("</b>", "Unexpected end tag at byte offset 0"),
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
    ('<a href="https://x.org>x</a>', "Unclosed start tag"),
]


def _call(name: str, *args: Any, **kwargs: Any) -> Callable[[Bot], Awaitable[Any]]:
    return lambda bot: getattr(bot, name)(*args, **kwargs)


def _raw_markup(markup: dict[str, Any]) -> Callable[[Bot], Awaitable[Any]]:
    return lambda bot: bot.do_api_request(
        "sendMessage", api_kwargs={"chat_id": USER, "text": "hi", "reply_markup": markup}
    )


REFUSALS: list[tuple[str, Callable[[Bot], Awaitable[Any]], str]] = [
    ("text too long", _call("send_message", USER, LONG), "message is too long"),
    (
        "text too long after parsing",
        _call("send_message", USER, f"<b>{LONG}</b>", parse_mode="HTML"),
        "message is too long",
    ),
    ("empty text", _call("send_message", USER, " \n"), "message text is empty"),
    (
        "empty after parsing",
        _call("send_message", USER, "<b></b>", parse_mode="HTML"),
        "message text is empty",
    ),
    (
        "caption too long",
        _call("send_photo", USER, PNG, caption="c" * 1025),
        "message caption is too long",
    ),
    ("not an image", _call("send_photo", USER, b"plain text"), "IMAGE_PROCESS_FAILED"),
    (
        "bad parse_mode",
        _call("send_message", USER, "x", parse_mode="BBCode"),
        "unsupported parse_mode",
    ),
    *(
        (f"html {source!r}", _call("send_message", USER, source, parse_mode="HTML"), reason)
        for source, reason in BAD_HTML
    ),
    (
        "html caption",
        _call("send_photo", USER, PNG, caption="<x>", parse_mode="HTML"),
        "Unsupported start tag",
    ),
    (
        "callback_data over 64 bytes",
        _call("send_message", USER, "hi", reply_markup=keyboard(("a", "é" * 33))),
        "BUTTON_DATA_INVALID",
    ),
    (
        "empty callback_data",
        _raw_markup({"inline_keyboard": [[{"text": "a", "callback_data": ""}]]}),
        "BUTTON_DATA_INVALID",
    ),
    (
        "button without action",
        _raw_markup({"inline_keyboard": [[{"text": "a"}]]}),
        "Text buttons are unallowed",
    ),
    (
        "button with two actions",
        _raw_markup(
            {"inline_keyboard": [[{"text": "a", "callback_data": "x", "url": "https://x.org"}]]}
        ),
        "exactly one action",
    ),
    (
        "rows must be arrays",
        _raw_markup({"inline_keyboard": [{"text": "a", "callback_data": "x"}]}),
        "expected Array of InlineKeyboardButton, got Object",
    ),
    (
        "misspelt button field",
        _raw_markup({"inline_keyboard": [[{"text": "a", "callback": "x"}]]}),
        'InlineKeyboardButton has no field "callback"',
    ),
    (
        "edit a missing message",
        _call("edit_message_text", "x", chat_id=USER, message_id=999),
        "message to edit not found",
    ),
    (
        "edit markup of a missing message",
        _call("edit_message_reply_markup", chat_id=USER, message_id=999),
        "message to edit not found",
    ),
    (
        "unknown callback query",
        _call("answer_callback_query", "123"),
        "query is too old and response timeout expired or query ID is invalid",
    ),
    (
        "unknown chat action",
        _call("send_chat_action", USER, "dancing"),
        "wrong parameter action in request",
    ),
    ("uppercase command", _call("set_my_commands", [("Start", "Begin")]), "BOT_COMMAND_INVALID"),
    ("delete a missing message", _call("delete_message", USER, 999), "message to delete not found"),
    ("unknown chat", _call("send_message", "@nobody", "hi"), "chat not found"),
]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBUserWarning")  # do_api_request
@pytest.mark.parametrize(
    ("make_call", "reason"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
async def test_refused_like_telegram(
    bot: Bot, fake: FakeTelegram, make_call: Callable[[Bot], Awaitable[Any]], reason: str
) -> None:
    with pytest.raises(BadRequest) as refused:
        await make_call(bot)
    # PTB drops "Bad Request: " and changes the letter case; the call log keeps Telegram's text
    assert reason.lower() in refused.value.message.lower()
    [error] = fake.errors
    assert error.status == 400
    assert error.error is not None
    assert error.error.startswith("Bad Request: ")
    assert reason in error.error


async def test_edits_with_nothing_new_are_refused(bot: Bot, fake: FakeTelegram) -> None:
    markup = keyboard(("Yes", "y"))
    message = await bot.send_message(USER, "<b>Q</b>?", parse_mode="HTML", reply_markup=markup)
    ids = {"chat_id": USER, "message_id": message.message_id}
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<b>Q</b>?", parse_mode="HTML", reply_markup=markup, **ids)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(reply_markup=markup, **ids)
    # the same text without its bold is a change
    await bot.edit_message_text("Q?", reply_markup=markup, **ids)
    await bot.edit_message_reply_markup(reply_markup=None, **ids)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(reply_markup=None, **ids)
    assert len(fake.errors) == 3


async def test_a_callback_query_is_answered_once(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(USER, "?", reply_markup=keyboard(("a", "a")))
    query_id = fake.press_button(USER, message.message_id, "a")["callback_query"]["id"]
    assert await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


async def test_press_button_needs_a_bot_message(fake: FakeTelegram) -> None:
    fake.send_text(USER, "hi")
    with pytest.raises(AssertionError, match="no message 1 from the bot"):
        fake.press_button(USER, 1, "x")


async def test_blocked_chat_is_forbidden(bot: Bot, fake: FakeTelegram) -> None:
    fake.block_chat(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "still there?")
    assert await bot.send_message(USER + 1, "others still get messages")
    assert fake.errors == []  # injected faults are not the bot's mistakes
    assert [c.status for c in fake.calls if not c.ok] == [403]


async def test_wrong_token_is_invalid(fake: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        await Bot("999:WRONG", base_url=fake.base_url).get_me()
    assert [c.status for c in fake.errors] == [401]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after
async def test_fail_next_injects_errors(bot: Bot, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=7, times=2)
    fake.fail_next("sendmessage", status=400, description="Bad Request: chat not found")
    for _ in range(2):
        with pytest.raises(RetryAfter, match="Retry in 7"):
            await bot.send_message(USER, "x")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(USER, "x")
    assert await bot.send_message(USER, "x")
    assert fake.received_429 == 2
    assert fake.errors == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after
async def test_rate_limit_answers_429_past_the_rate(fake: FakeTelegram) -> None:
    fake.rate_limit_per_second = 5
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        results = await asyncio.gather(
            *(bot.send_message(USER, f"n{n}") for n in range(8)), return_exceptions=True
        )
        assert await bot.get_me()  # only send* methods are limited
    refused = [r for r in results if isinstance(r, RetryAfter)]
    assert len(refused) == 3
    assert len(fake.sent(USER)) == 5
    assert fake.received_429 == 3
    assert fake.errors == []


RAW_REFUSALS = [
    (
        "unknown field",
        "sendMessage",
        {"chat_id": "1", "text": "x", "colour": "red"},
        400,
        'unknown parameter "colour"',
    ),
    ("missing required field", "sendMessage", {"text": "x"}, 400, "chat_id is empty"),
    (
        "Integer that is not",
        "sendMessage",
        {"chat_id": "1", "text": "x", "message_thread_id": "abc"},
        400,
        "must be of type Integer",
    ),
    (
        "Boolean that is not",
        "sendMessage",
        {"chat_id": "1", "text": "x", "disable_notification": "maybe"},
        400,
        "must be of type Boolean",
    ),
    (
        "markup that is not JSON",
        "sendMessage",
        {"chat_id": "1", "text": "x", "reply_markup": "{oops"},
        400,
        "can't parse reply_markup JSON object",
    ),
    ("unknown method", "sendSpaceship", {"chat_id": "1"}, 404, "Not Found"),
]


@pytest.mark.parametrize(
    ("method", "form", "status", "reason"),
    [r[1:] for r in RAW_REFUSALS],
    ids=[r[0] for r in RAW_REFUSALS],
)
async def test_raw_requests_are_checked_against_the_spec(
    fake: FakeTelegram, method: str, form: dict[str, str], status: int, reason: str
) -> None:
    code, body = await raw(fake, method, data=form)
    assert code == status
    assert body["ok"] is False
    assert body["error_code"] == status
    assert reason in body["description"]
    assert len(fake.errors) == 1


async def test_raw_json_and_query_string_bodies(fake: FakeTelegram) -> None:
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}
    payload = {"chat_id": USER, "text": "json", "reply_markup": markup, "protect_content": True}
    code, body = await raw(fake, "sendMessage", json=payload)
    assert (code, body["ok"], body["result"]["reply_markup"]) == (200, True, markup)
    code, body = await raw(fake, "sendMessage", params={"chat_id": str(USER), "text": "query"})
    assert (code, body["result"]["text"]) == (200, "query")
    code, body = await raw(fake, "getMe", token="1:other")
    assert (code, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    fake.fail_next("sendMessage", status=429, retry_after=2)
    code, body = await raw(fake, "sendMessage", json={"chat_id": USER, "text": "x"})
    assert code == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2},
    }
    # a method the coach does not use is still checked, then answered with true
    code, body = await raw(fake, "setChatTitle", data={"chat_id": "1", "title": "t"})
    assert (code, body) == (200, {"ok": True, "result": True})
    code, body = await raw(fake, "setChatTitle", data={"chat_id": "1"})
    assert (code, body["description"]) == (400, "Bad Request: title is empty")


GROUP = -100_555


async def test_group_messages_and_leaving_the_group(bot: Bot, fake: FakeTelegram) -> None:
    me = await bot.get_me()
    assert me.username == "fake_coach_bot"
    fake.send_text(USER, "/pain@fake_coach_bot", first_name="Sam", chat_id=GROUP)
    [update] = await bot.get_updates()
    message = update.message
    assert (message.chat.id, message.chat.type, message.from_user.id) == (GROUP, "supergroup", USER)
    assert await bot.send_message(GROUP, "hello group")
    assert await bot.leave_chat(GROUP)
    assert not fake.is_member(GROUP)
    with pytest.raises(Forbidden, match="not a member of the supergroup chat"):
        await bot.send_message(GROUP, "still here?")
    with pytest.raises(AssertionError, match="the bot left chat"):
        fake.send_text(USER, "/start", chat_id=GROUP)
    with pytest.raises(BadRequest, match="can't be changed in private chats"):
        await bot.leave_chat(USER)
    assert [c.status for c in fake.errors] == [403, 400]


async def test_updates_people_cause_besides_messages(bot: Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(USER, "Ready?", reply_markup=keyboard(("Go", "go")))
    said = fake.send_text(USER, "hello")["message"]["message_id"]
    fake.edit_text(USER, said, "/delete")
    fake.press_button(USER, sent.message_id, "go", by=USER + 1)
    fake.post_in_channel(GROUP, "news")
    fake.add_to_group(GROUP - 1, USER)
    fake.send_inline_query(USER, "pain")
    _, edited, press, post, member, inline = await bot.get_updates()
    assert (edited.edited_message.message_id, edited.edited_message.text) == (said, "/delete")
    assert edited.edited_message.edit_date is not None
    assert (press.callback_query.from_user.id, press.callback_query.message.chat.id) == (
        USER + 1,
        USER,
    )
    assert (post.channel_post.chat.type, post.channel_post.sender_chat.id) == ("channel", GROUP)
    assert post.effective_user is None
    assert member.my_chat_member.new_chat_member.user.id == (await bot.get_me()).id
    assert (member.my_chat_member.chat.type, member.my_chat_member.from_user.id) == (
        "supergroup",
        USER,
    )
    assert (inline.inline_query.query, inline.inline_query.from_user.id) == ("pain", USER)


async def test_updates_are_checked_against_the_spec(fake: FakeTelegram) -> None:
    with pytest.raises(AssertionError, match=r"Telegram would never send.*expected Float"):
        fake.share_location(USER, "north", 4.89)  # type: ignore[arg-type]


async def test_wait_for_reports_the_calls_on_timeout(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_message(USER, "hello")
    with pytest.raises(AssertionError, match=r"sendMessage .*'text': 'hello'"):
        await fake.wait_for(lambda f: len(f.sent(USER)) > 1, timeout=0.05)


async def test_a_real_application_polls_replies_and_stops_cleanly(fake: FakeTelegram) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(f"<i>{html.escape(update.message.text)}</i>")

    application = (
        Application.builder()
        .token(fake.token)
        .base_url(fake.base_url)
        .base_file_url(fake.base_file_url)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        fake.handled = application.update_queue.join
        fake.send_text(USER, "a < b")
        await fake.wait_for(lambda f: len(f.sent(USER)) == 1)
        fake.send_text(USER, "again")
        await fake.wait_idle()
        await application.updater.stop()
        await application.stop()
    assert [m.text for m in fake.sent(USER)] == ["a < b", "again"]
    assert fake.errors == []


async def test_wait_idle_waits_until_the_bot_has_taken_and_handled_each_update(
    fake: FakeTelegram,
) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def slow_echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        started.set()
        await release.wait()
        await update.effective_message.reply_text("done")

    application = Application.builder().token(fake.token).base_url(fake.base_url).build()
    application.add_handler(MessageHandler(filters.TEXT, slow_echo))
    with pytest.raises(AssertionError, match="needs `handled`"):
        await fake.wait_idle()  # nothing here can tell when the bot has finished
    async with application:
        await application.start()
        fake.handled = application.update_queue.join
        fake.send_text(USER, "hi")
        with pytest.raises(AssertionError, match="condition not met"):
            await fake.wait_idle(timeout=0.1)  # nobody has taken the update yet
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        await asyncio.wait_for(started.wait(), 10)
        with pytest.raises(AssertionError, match="still being handled"):
            await fake.wait_idle(timeout=0.1)
        release.set()
        await fake.wait_idle()
        assert [m.text for m in fake.sent(USER)] == ["done"]
        await application.updater.stop()
        await application.stop()


def test_missing_spec_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"Bot API specification is missing.*api\.min"):
        load_spec(tmp_path / "api.min.json")


def test_spec_index_knows_the_methods_in_use() -> None:
    spec = load_spec()
    for name in ("getUpdates", "sendMessage", "editMessageText", "answerCallbackQuery"):
        method = spec.method(name.upper())
        assert method is not None
        assert method.name == name
    assert spec.method("sendSpaceship") is None


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["b", "i", "u", "s", "code", "pre", "tg-spoiler", "blockquote"]))
def test_escaped_text_survives_the_html_parser(text: str, tag: str) -> None:
    visible, entities = parse_html(f"<{tag}>{html.escape(text)}</{tag}>")
    assert visible == text
    utf16 = len(text.encode("utf-16-le")) // 2
    assert [(e["offset"], e["length"]) for e in entities] == ([(0, utf16)] if text else [])


@pytest.mark.parametrize(
    ("source", "visible", "entities"),
    [
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1",
         [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]),
        ('<a href="https://e.org/?a=1&amp;b=2">link</a>', "link",
         [{"type": "text_link", "offset": 0, "length": 4, "url": "https://e.org/?a=1&b=2"}]),
        ("<blockquote expandable>q</blockquote>", "q",
         [{"type": "expandable_blockquote", "offset": 0, "length": 1}]),
        ('<span class="tg-spoiler">s</span>', "s", [{"type": "spoiler", "offset": 0, "length": 1}]),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍",
         [{"type": "custom_emoji", "offset": 0, "length": 2,
           "custom_emoji_id": "5368324170671202286"}]),
        ("&#128077;&#x1F44D;&quot;&gt;", '👍👍">', []),
        ("<B>upper</B> <strong>s</strong>", "upper s",
         [{"type": "bold", "offset": 0, "length": 5}, {"type": "bold", "offset": 6, "length": 1}]),
    ],
)  # fmt: skip
def test_html_parser_reads_what_telegram_supports(
    source: str, visible: str, entities: list[dict[str, Any]]
) -> None:
    assert parse_html(source) == (visible, entities)


def test_html_errors_give_byte_offsets() -> None:
    with pytest.raises(HtmlError, match="byte offset 3"):
        parse_html("é <x>")  # é is two bytes in UTF-8
