"""What the coach says to a short message that is no command, answer, question about the
knowledge base or report of pain: thanks, an "ok", asking what it can do, what today holds or
when the next session is, moving a session, going away, being ill, a run done. The phrases
are data (vocabulary.toml [small_talk])."""

from __future__ import annotations

import re
from datetime import timedelta

from dialogs.core import Context, Reply
from dialogs.pain import holds
from dialogs.pain.reading import mentions_pain
from dialogs.parsing import fold
from dialogs.profile.base import day_list
from dialogs.texts import t
from dialogs.training.phases import is_session_day
from dialogs.training.today import finished_today
from dialogs.vocabulary import vocabulary

# Thanks and an "ok" are a few words; asking what today holds may take a few more. More words
# ask something else ("what can you do about tight hips" is for the answerer).
_MOST_WORDS = {
    "thanks": 5,
    "ack": 4,
    "help": 5,
    "today": 8,
    "next": 8,
    "move_once": 10,
    "reschedule": 10,
    "away": 10,
    "ill": 8,
    "ran": 10,
}
# Replies that are the same for every runner.
_FIXED = frozenset({"thanks", "ack", "move_once", "reschedule", "away", "ill", "ran"})
_PUNCTUATION = re.compile(r"[^\w\s']")
_WEEK = 7


def reply(text: str, ctx: Context) -> Reply | None:
    """The reply to small talk, or None for anything else (a pain mentioned is never small
    talk: it goes to triage). Every idle message passes here, so the pain reader runs only
    for one that matched a phrase."""
    words = _PUNCTUATION.sub(" ", fold(text)).split()
    spaced = f" {' '.join(words)} "  # whole words: " ok " is not in " okinawa "
    for kind, phrases in vocabulary().small_talk.items():
        if len(words) <= _MOST_WORDS[kind] and any(f" {p} " in spaced for p in phrases):
            return None if mentions_pain(text) else _reply(kind, ctx)
    return None


def _reply(kind: str, ctx: Context) -> Reply:
    if kind == "help":
        return Reply(t("core.help"))
    if kind in _FIXED:
        return Reply(t(f"core.small_talk.{kind}"))
    if ctx.profile is None:
        return Reply(t("core.small_talk.needs_profile"))
    if holds.holding(ctx.pain) is not None:
        return Reply(t("core.small_talk.held"))
    return _plan(kind, ctx)


def _plan(kind: str, ctx: Context) -> Reply:
    profile, today = ctx.profile, ctx.today
    assert profile is not None
    days = day_list([d.value for d in profile.workout_days])
    time = profile.workout_time.strftime("%H:%M")
    trained = finished_today(ctx) is not None
    if kind == "today":
        if trained:
            return Reply(t("core.small_talk.today_done"))
        if is_session_day(profile, today, ctx.history):
            return Reply(t("core.small_talk.today_session"))
        return Reply(t("core.small_talk.today_rest", days=days))
    paused = profile.paused_until
    if paused is not None and paused > ctx.now:
        return Reply(t("core.small_talk.paused", days=days))
    ahead = (today + timedelta(days=n) for n in range(1 if trained else 0, _WEEK + 1))
    day = next((d for d in ahead if is_session_day(profile, d, ctx.history)), None)
    if day is None:
        return Reply(t("core.small_talk.next_none", days=days))
    when = t("core.small_talk.today") if day == today else day.strftime("%A %d %B")
    return Reply(t("core.small_talk.next", when=when, time=time, days=days))
