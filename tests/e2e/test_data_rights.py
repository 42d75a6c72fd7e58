"""/delete over the fake Telegram server: only the button or an exact yes deletes anything."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.texts import t
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import onboard
from tests.integration.test_data_rights import counts
from tests.support.fakebot import FakeTelegram

USER = 7101


async def test_unclear_answers_to_delete_keep_every_row_then_the_button_deletes_them(
    telegram: FakeTelegram, coach_bot: Bot, sessions: async_sessionmaker[AsyncSession]
) -> None:
    runner = Runner(telegram, USER)
    await onboard(runner)
    await runner.say("/delete")
    assert "Delete everything?" in runner.last_text
    stored = await counts(sessions, USER)
    assert stored["users"] == stored["profiles"] == 1 and stored["scheduled_messages"]

    for unclear in ("do not delete", "what gets deleted?", "do it later"):
        replies = await runner.say(unclear)
        assert [m.text for m in replies] == [
            t("privacy.delete_unclear"),
            t("privacy.delete_ask"),
        ], unclear
        assert replies[-1].reply_markup, "asked again with its buttons"
        assert await counts(sessions, USER) == stored, f"{unclear!r} must delete nothing"

    await runner.tap("Yes, delete everything")
    assert runner.last_text == t("privacy.deleted")
    assert set((await counts(sessions, USER)).values()) == {0}
