"""Small talk with no dialog open: each message below got "I'm not sure what you mean there"
and the whole command list, or an answer about something else ("when is my next session?"
got a passage about progressing exercises). Found chatting with the console."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dialogs import router
from dialogs.core import Context, TextReceived, Transition
from dialogs.records import PainRecord, PainStatus, SessionRecord
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation
from tests.support.builders import context, profile

# Monday 3 March 2025, 08:00 UTC; sessions on Monday, Wednesday and Friday at 07:30, London.
MONDAY = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
TUESDAY = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
RUNNER = context(profile(), now=MONDAY)


def said(text: str, ctx: Context = RUNNER) -> Transition:
    return router.route(None, TextReceived(text), ctx)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("thanks!", "core.small_talk.thanks"),
        ("thank you so much", "core.small_talk.thanks"),
        ("cheers", "core.small_talk.thanks"),
        ("ok cool", "core.small_talk.ack"),
        ("sounds good 👍", "core.small_talk.ack"),
        ("what can you do?", "core.help"),
        ("hi", "core.greeting_known"),
        ("good morning", "core.greeting_known"),
        ("what should i do today?", "core.small_talk.today_session"),
        ("move my session to wednesday", "core.small_talk.reschedule"),
        # A day with no session: this got a passage about soreness, answered confidently.
        ("can i do the workout tomorrow instead?", "core.small_talk.move_once"),
        ("skip today and do it tomorrow?", "core.small_talk.move_once"),
        ("going on holiday next week", "core.small_talk.away"),
        ("i have a cold", "core.small_talk.ill"),
        ("i ran 10k this morning", "core.small_talk.ran"),
    ],
)
def test_small_talk_gets_its_own_reply(text: str, key: str) -> None:
    result = said(text)
    assert result.state is None
    assert [reply.text for reply in result.replies] == [t(key, name="Ana")]


def test_today_says_whether_it_is_a_session_day_and_whether_it_is_done() -> None:
    tuesday = context(profile(), now=TUESDAY)
    rest = said("whats on today", tuesday).replies[0].text
    assert rest == t("core.small_talk.today_rest", days="Monday, Wednesday and Friday")
    done = SessionRecord(day=MONDAY.date(), started_at=MONDAY, finished=True)
    trained = replace(RUNNER, history=(done,))
    assert said("anything today?", trained).replies[0].text == t("core.small_talk.today_done")


@pytest.mark.parametrize(
    ("now", "when"),
    [
        (MONDAY, "today"),  # Monday is a session day, not yet trained
        (TUESDAY, "Wednesday 05 March"),
    ],
)
def test_the_next_session_is_the_next_planned_day(now: datetime, when: str) -> None:
    text = said("when is my next session?", context(profile(), now=now)).replies[0].text
    shown = t("core.small_talk.today") if when == "today" else when
    assert text == t(
        "core.small_talk.next", when=shown, time="07:30", days="Monday, Wednesday and Friday"
    )


def test_a_pain_on_hold_is_said_instead_of_a_plan() -> None:
    held = PainStatus(
        level="urgent",
        locations=frozenset({BodyLocation.SHIN}),
        reports=(
            PainRecord(
                key="k1",
                locations=(BodyLocation.SHIN,),
                level="urgent",
                first_reported=MONDAY.date(),
            ),
        ),
    )
    ctx = replace(RUNNER, pain=held)
    assert said("what should i do today", ctx).replies[0].text == t("core.small_talk.held")


@pytest.mark.parametrize(
    "text",
    [
        "thanks, my knee still hurts though",  # pain goes to triage
        "i ran 10k and now my knee hurts",
        "what can you do about tight hip flexors",  # a question for the answerer
        "ok so how many sessions a week should i do",
    ],
)
def test_more_than_small_talk_is_not_taken_for_it(text: str) -> None:
    replies = [reply.text for reply in said(text).replies]
    fixed = ("thanks", "ack", "reschedule", "away", "ill", "ran")
    small = [t(f"core.small_talk.{k}") for k in fixed] + [t("core.help")]
    assert not set(replies) & set(small)


def test_without_a_profile_the_plan_questions_point_to_start() -> None:
    new = context(None, now=MONDAY)
    text = said("when is my next session", new).replies[0].text
    assert text == t("core.small_talk.needs_profile")
    assert said("hi", new).replies[0].text == t("core.greeting", name="Ana")
