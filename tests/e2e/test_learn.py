"""/learn over the fake Telegram server: topics by buttons, typed search, and message sizes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import DialogStateRow
from bot.telegram.callbacks import CallbackCodec
from dialogs.knowledge import knowledge
from tests.e2e.conftest import Bot, Runner
from tests.support.fakebot import Call, FakeTelegram

TELEGRAM_LIMIT = 4096
RUNNER = 7101


def labels(runner: Runner) -> list[str]:
    return [label for label, _data in runner.telegram.last_buttons(runner.user_id)]


def title_of(runner: Runner) -> str:
    return runner.last_text.split("\n", 1)[0]


async def reading(sessions: async_sessionmaker[AsyncSession], user_id: int) -> tuple[str, ...]:
    """Where the runner is in /learn, as stored: (dialog, step, kind, id)."""
    async with sessions() as session:
        row = await session.get(DialogStateRow, user_id)
    assert row is not None
    return (row.dialog or "", row.step or "", row.data.get("kind", ""), row.data.get("id", ""))


def texts(telegram: FakeTelegram, since: int, chat_id: int = RUNNER) -> list[Call]:
    """The calls since call number `since` that sent or edited a text in the chat."""
    return [
        call
        for call in telegram.calls[since:]
        if call.method in ("sendMessage", "editMessageText")
        and call.params.get("chat_id") == chat_id
    ]


def assert_fits(telegram: FakeTelegram, since: int) -> None:
    """Every text the coach sent or edited into the chat since call `since` fits Telegram."""
    sent = texts(telegram, since)
    assert sent, "the coach sent nothing"
    for call in sent:
        text = str(call.params["text"])
        assert 0 < len(text) < TELEGRAM_LIMIT, text[:80]


async def test_topics_open_by_buttons_and_typed_questions_find_entries(
    telegram: FakeTelegram, coach_bot: Bot, sessions: async_sessionmaker[AsyncSession]
) -> None:
    kb = knowledge()
    runner = Runner(telegram, RUNNER)
    replies = await runner.say("/learn")
    assert len(replies) == 1
    assert runner.last_text.startswith("📚 What would you like to learn about?")
    menu = labels(runner)
    titles = [topic.title for topic in kb.topics.values()]
    assert menu[:5] == titles[:5]
    assert "🏋️ Exercise how-tos" in menu and "More topics ▶" in menu

    # A topic opens from its button, as one message with related exercises.
    first = next(iter(kb.topics.values()))
    menu_message = runner.messages[-1]
    replies = await runner.tap(first.title)
    assert len(replies) == 1
    # The menu now shows the choice, without its buttons.
    menu_now = next(m for m in runner.messages if m.message_id == menu_message.message_id)
    assert menu_now.edited and menu_now.reply_markup is None
    assert (menu_now.text or "").endswith(f"✅ {first.title}")
    assert title_of(runner) == first.title
    assert "gluteus maximus" in runner.last_text
    assert "📚 Topics" in labels(runner)
    assert await reading(sessions, RUNNER) == ("learn", "reading", "topic", first.id)

    # A related exercise opens in place, with its how-to.
    related = kb.exercises[first.related[0]]
    await runner.tap(related.name)
    assert title_of(runner).startswith(related.name)
    for part in ("How to", "Cues", "Watch out for", "You need:"):
        assert part in runner.last_text
    assert await reading(sessions, RUNNER) == ("learn", "reading", "exercise", related.id)

    # Typed questions find the closest entry.
    searches = {
        "IT band": ("knees_itb", "IT band"),
        "hills": ("hills", "Hill"),
        "bridge": (None, "bridge"),
    }
    for query, (topic_id, word) in searches.items():
        replies = await runner.say(query)
        assert len(replies) == 1, query
        assert word.lower() in title_of(runner).lower(), (query, title_of(runner))
        stored = await reading(sessions, RUNNER)
        assert stored[:2] == ("learn", "reading")
        if topic_id is not None:
            assert stored[2:] == ("topic", topic_id)
    # "hills" offers the hill exercises too.
    await runner.say("hills")
    assert {"Hill running", "Hill sprints"} <= set(labels(runner))

    # Nonsense: not found, with suggestions, and the runner stays where they were.
    before = await reading(sessions, RUNNER)
    replies = await runner.say("qwertyuiop zxcvb")
    assert len(replies) == 1
    assert runner.last_text.startswith("I don't know that one yet.")
    suggestions = labels(runner)
    assert len(suggestions) >= 2 and suggestions[-1] == "📚 Topics"
    assert await reading(sessions, RUNNER) == before
    await runner.tap(suggestions[0])
    assert title_of(runner) == suggestions[0]

    # Exercise how-tos by group.
    await runner.tap("📚 Topics")
    await runner.tap("Exercise how-tos")
    assert runner.last_text.startswith("🏋️ Exercise how-tos")
    await runner.tap("Side of the hip")
    assert "page 1 of" in runner.last_text
    first_exercise = labels(runner)[0]
    await runner.tap(first_exercise)
    assert title_of(runner).startswith(first_exercise)
    # Without a profile, the dose for every level is shown.
    assert "New:" in runner.last_text and "Experienced:" in runner.last_text

    await runner.say("thanks")
    assert runner.last_text.startswith("Happy running!")
    assert await reading(sessions, RUNNER) == ("", "", "", "")

    assert_fits(telegram, 0)


async def test_every_topic_and_exercise_fits_in_one_telegram_message(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    """Each screen, opened as its button opens it, is one valid message under the limit."""
    kb = knowledge()
    runner = Runner(telegram, RUNNER)
    codec = CallbackCodec.for_token(telegram.token)
    await runner.say("/learn")
    screens = [(f"t:{topic.id}", topic.title) for topic in kb.topics.values()]
    screens += [(f"x:{exercise.id}", exercise.name) for exercise in kb.exercises.values()]
    for value, title in screens:
        current = runner.messages[-1]
        assert current.reply_markup is not None
        version = next(
            int(data.split("|", 1)[0])
            for _label, data in telegram.last_buttons(RUNNER)
            if data[0].isdigit()
        )
        data = codec.encode(chat_id=RUNNER, value=value, version=version)
        since = len(telegram.calls)
        telegram.press_button(RUNNER, current.message_id, data)
        # The screen (the message with buttons) is the press's last call: waiting for it
        # rather than for silence keeps fifty screens quick.
        await telegram.wait_for(
            lambda fake, since=since: any(
                call.params.get("reply_markup") for call in texts(fake, since)
            )
        )
        assert title_of(runner).startswith(title), (value, title_of(runner))
        # One message, not split into parts, and under Telegram's limit.
        # (Opening from the menu also edits the menu to show the choice.)
        [shown] = [
            call
            for call in texts(telegram, since)
            if call.method == "sendMessage" or call.params.get("reply_markup")
        ]
        assert len(str(shown.params["text"])) < TELEGRAM_LIMIT, value
    await telegram.wait_idle()


async def test_why_do_my_hamstrings_cramp_finds_the_hamstring_topic(
    telegram: FakeTelegram, coach_bot: Bot, sessions: async_sessionmaker[AsyncSession]
) -> None:
    runner = Runner(telegram, RUNNER)
    await runner.say("/learn")
    await runner.say("why do my hamstrings cramp")
    # A question is answered with the passage that says why, naming its topic (issue 13).
    assert "job of two muscles" in runner.last_text
    assert knowledge().topics["hamstrings"].title in runner.last_text
    assert await reading(sessions, RUNNER) == ("learn", "reading", "topic", "hamstrings")


async def test_an_earlier_topics_buttons_still_open_exercises_after_a_search(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    kb = knowledge()
    runner = Runner(telegram, RUNNER)
    await runner.say("/learn")
    first = next(iter(kb.topics.values()))
    await runner.tap(first.title)
    topic = runner.messages[-1]
    related = kb.exercises[first.related[0]]
    button = dict(telegram.last_buttons(RUNNER))[related.name]
    await runner.say("hills")
    replies = await runner.press(topic.message_id, button)
    assert "expired" not in (replies[0].text or "")
    assert title_of(runner).startswith(related.name)
