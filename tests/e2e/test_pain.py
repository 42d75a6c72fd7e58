"""The pain dialog over the fake Telegram server: from a workout, from free text, urgent care,
consent, and the check-ins the dispatcher sends later."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.scheduling.dispatcher import TickReport
from dialogs.knowledge import knowledge
from dialogs.texts import t
from dialogs.training.nudges import PAIN_CHECKIN, SESSION_CHECKIN, WORKOUT_REMINDER
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import (
    onboard,
    pain_reports,
    scheduled,
    seed_profile,
    workout_sessions,
)
from tests.support.fakebot import FakeTelegram

HEADERS = {
    "urgent": "🔴 Get help now",
    "physio": "🟠 See a physio",
    "modify": "🟡 Adjust training",
    "continue": "🟢 Carry on",
}
NOT_A_DIAGNOSIS = "This isn't a diagnosis"

# How the runner answers each follow-up question (by how it starts): tap a button or type.
Script = Mapping[str, tuple[str, str]]
CALM: Script = {
    "Where does it hurt?": ("tap", "Glute / butt"),
    "Can you put weight on it": ("tap", "Yes, normally"),
    "Did you hear or feel a pop": ("tap", "No"),
    "How bad is it": ("tap", "3"),
    "How long has it been hurting?": ("tap", "1-3 days"),
    "What does it do while you run?": ("tap", "Eases as I warm up"),
    "After a run, has it settled": ("tap", "Yes"),
    "Any of these with it?": ("tap", "None of these"),
    "Does it hurt at rest": ("tap", "No"),
    "Is it swollen?": ("tap", "No"),
    "Any numbness": ("tap", "No"),
}
KNEE_REPORT = (
    "my knee's been sore on the outside for 3 weeks, builds until I have to stop, 5/10, no swelling"
)
URGENT_REPORT = "back pain and numb around my bum, can't pee properly"
CALF_REPORT = "sharp twinge in my calf when i push off, 4/10"


def header(text: str) -> str | None:
    """The triage level a message opens with, if it is a verdict."""
    return next((level for level, head in HEADERS.items() if text.startswith(head)), None)


async def answer_until_verdict(runner: Runner, script: Script) -> list[str]:
    """Answer each question as the script says until a verdict arrives; returns the questions.

    A question the script does not know fails the test: the dialog must ask only what the
    report is missing.
    """
    asked: list[str] = []
    latest = [runner.last_text]
    for _ in range(20):
        # The verdict may be followed by what comes next (mid-workout: carry on with the rest?).
        if any(header(text) for text in latest):
            return asked
        question = runner.last_text
        step = next((key for key in script if question.startswith(key)), None)
        assert step is not None, f"unexpected question {question!r} after {asked}"
        asked.append(step)
        how, what = script[step]
        replies = await (runner.tap(what) if how == "tap" else runner.say(what))
        latest = [m.text or "" for m in replies]
    raise AssertionError(f"no verdict after {asked}")


def last_verdict(runner: Runner) -> str:
    """The latest message that opens with a triage level."""
    return next(m.text for m in reversed(runner.messages) if m.text and header(m.text))


def sent_html(telegram: FakeTelegram, chat_id: int, starting: str) -> str:
    """The HTML source of the last message sent to a chat that starts with `starting`."""
    for call in reversed(telegram.calls):
        text = str(call.params.get("text", ""))
        visible = html.unescape(re.sub(r"<[^>]+>", "", text))
        if (
            call.method == "sendMessage"
            and call.params.get("chat_id") == chat_id
            and visible.startswith(starting)
        ):
            return text
    raise AssertionError(f"nothing starting {starting!r} was sent")


async def tick_at(bot: Bot, clock: FakeClock, when: datetime, telegram: FakeTelegram) -> TickReport:
    """Move the clock to `when` and run the dispatcher once, as its JobQueue tick would."""
    clock.now = when
    report = await bot.dispatcher.tick()
    await telegram.wait_idle()
    return report


# ---------------------------------------------------------------- from a workout


async def test_it_hurts_mid_workout_logs_the_exercise_and_asks_about_the_pain(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6101)
    await seed_profile(sessions, clock, 6101)
    await runner.say("/workout")
    await runner.tap("Start")
    await runner.tap("Done")
    [(session, _)] = await workout_sessions(sessions, 6101)
    hurt_id = session.plan[1]
    hurt_name = knowledge().exercises[hurt_id].name

    replies = await runner.tap("It hurts")
    texts = [m.text or "" for m in replies]
    # It says what happens to the rest of the session: the exercises after this one.
    left = len(session.plan) - 2
    assert texts[0] == (
        f"🤕 Let's stop {hurt_name} there: it's logged, with everything you did before it, "
        "and it won't come back the same way next time.\nA few quick questions about what "
        f"hurts first. If it's fine to carry on, the other {left} exercise(s) go on with moves "
        "that spare that spot; if not, we stop here and today counts as partly done."
    )
    assert texts[1].startswith("Let's stop that exercise for now.")
    assert texts[-1] == "Where does it hurt?"
    assert "Glute / butt" in str(runner.messages[-1].reply_markup)
    [(session, exercises)] = await workout_sessions(sessions, 6101)
    assert [(log.exercise_id, log.outcome) for log in exercises] == [
        (session.plan[0], "done"),
        (hurt_id, "hurt"),
    ]
    assert session.status == "started"

    asked = await answer_until_verdict(runner, CALM)
    assert asked[0] == "Where does it hurt?"
    verdict = last_verdict(runner)
    assert header(verdict) in ("modify", "continue"), verdict
    if header(verdict) == "continue":
        # Fine to carry on: the rest of the session is offered straight away.
        assert runner.last_text.startswith("You stopped today's session after 2 exercise(s)")
    [report] = await pain_reports(sessions, 6101)
    assert report.source == "workout"
    assert report.locations == ["glute"]
    assert report.report is not None and report.report["exercise"] == hurt_id

    # The next session leaves that exercise out or eases it, and says why (two days on, so the
    # rest day after hard leg work does not leave it out for its own reason).
    clock.advance(days=2)
    replies = await runner.say("/workout")
    overview = replies[-1].text or ""
    assert "since it hurt last time" in overview, (hurt_name, overview)
    listed = re.findall(r"^\d+\. (.+?) · ", overview, flags=re.MULTILINE)
    assert hurt_name not in listed


async def test_typing_it_hurts_mid_workout_logs_the_exercise_like_the_button(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6102)
    await seed_profile(sessions, clock, 6102)
    await runner.say("/workout")
    await runner.tap("Start")
    replies = await runner.say("it hurts")
    texts = [m.text or "" for m in replies]
    assert texts[0].startswith("🤕 Let's stop ")
    assert texts[1].startswith("Let's stop that exercise for now.")
    assert texts[-1] == "Where does it hurt?"
    [(session, exercises)] = await workout_sessions(sessions, 6102)
    assert [(log.exercise_id, log.outcome) for log in exercises] == [(session.plan[0], "hurt")]


# ---------------------------------------------------------------- free text to a referral


KNEE_SCRIPT: Script = {
    "Which part of the knee?": ("say", "the outside"),
    "Can you put weight on it": ("tap", "Yes, normally"),
    "Did you hear or feel a pop": ("say", "nope"),
    "Is your knee locked": ("tap", "No"),
    "Any of these with it?": ("tap", "None of these"),
    "Does it hurt at rest": ("say", "no"),
    "Any numbness": ("tap", "No"),
    "Does your knee give way": ("say", "no it doesn't"),
}


async def test_a_free_text_report_leads_to_a_physio_referral_with_a_summary(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6201)
    await seed_profile(sessions, clock, 6201)
    replies = await runner.say(KNEE_REPORT)
    assert (replies[0].text or "").startswith("Sorry to hear that.")
    # What the message said is read back, not asked again.
    assert re.search(r"So far: (Outer k|K)nee, for about 3 weeks, 5/10\.", replies[0].text or "")

    asked = await answer_until_verdict(runner, KNEE_SCRIPT)
    for said in ("How bad is it", "How long", "What does it do", "Is it swollen"):
        assert not any(question.startswith(said) for question in asked), asked

    verdict = runner.last_text
    lines = verdict.splitlines()
    assert lines[0] == "🟠 See a physio"
    assert "physiotherapist or sports doctor this week" in lines[1]
    assert lines[2].startswith("Why: ")
    assert "two weeks or more" in verdict and "builds during runs" in verdict
    assert NOT_A_DIAGNOSIS in verdict
    assert "check in in three days" in verdict
    summary = next(line for line in lines if line.startswith("Outer knee, for about 3 weeks."))
    for fact in (
        "Worst 5/10.",
        "Builds during runs until I have to stop.",
        "Swelling: no.",
        "Knee giving way: no.",
    ):
        assert fact in summary, summary
    # Three weeks of pain that builds on runs came on gradually: no pop or snap question.
    assert "Pop or snap" not in summary
    assert not any(question.startswith("Did you hear or feel a pop") for question in asked)
    # The summary is set apart as a quote, ready to forward.
    source = sent_html(telegram, 6201, "🟠 See a physio")
    assert f"<blockquote>{html.escape(summary, quote=False)}</blockquote>" in source

    [report] = await pain_reports(sessions, 6201)
    assert (report.level, report.status, report.source) == ("physio", "open", "text")
    assert report.locations == ["knee_outside"]
    assert report.worst == 5
    assert report.detailed and report.summary == summary
    assert report.reasons and report.report and report.report["days"] == 21
    [checkin] = await scheduled(sessions, 6201, kinds=[PAIN_CHECKIN])
    assert checkin.status == "pending"
    assert checkin.due_at == report.reported_at + timedelta(days=3)
    assert checkin.payload == {"dialog": "pain", "args": {"checkin": report.key}}

    # A button from an earlier question, pressed after the verdict, has expired.
    question = next(m for m in runner.messages if (m.text or "").startswith("Can you put"))
    assert question.reply_markup is None  # the answer was shown and its buttons dropped
    sent = next(
        c
        for c in telegram.calls
        if c.method == "sendMessage" and str(c.params.get("text", "")).startswith("Can you put")
    )
    limp = sent.params["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    replies = await runner.press(question.message_id, limp)
    assert "expired" in (replies[0].text or "")
    assert [(r.level, r.summary) for r in await pain_reports(sessions, 6201)] == [
        ("physio", summary)
    ]


async def test_a_knee_sore_on_the_outside_is_not_asked_which_part(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6202)
    await seed_profile(sessions, clock, 6202)
    replies = await runner.say(KNEE_REPORT)
    assert "Outer knee" in (replies[0].text or ""), replies[0].text
    assert runner.last_text != "Which part of the knee?"


# ---------------------------------------------------------------- modify and the 48 h check-in


async def test_a_modify_report_gets_a_48_hour_check_in_that_resolves_it(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6301)
    await seed_profile(sessions, clock, 6301)
    reported_at = clock.now
    await runner.say(CALF_REPORT)
    asked = await answer_until_verdict(runner, CALM)
    assert "How bad is it" not in asked  # "4/10" was in the message
    verdict = runner.last_text
    assert verdict.startswith("🟡 Adjust training\nYour calf needs a lighter few days")
    assert "check in in 48 hours" in verdict
    assert NOT_A_DIAGNOSIS not in verdict

    [report] = await pain_reports(sessions, 6301)
    assert (report.level, report.status, report.locations) == ("modify", "open", ["calf"])
    [checkin] = await scheduled(sessions, 6301, kinds=[PAIN_CHECKIN])
    assert (checkin.status, checkin.due_at) == ("pending", reported_at + timedelta(hours=48))

    # A minute early: nothing yet.
    before = len(runner.messages)
    early = await tick_at(coach_bot, clock, checkin.due_at - timedelta(minutes=1), telegram)
    assert early.sent == 0
    assert len(runner.messages) == before
    # Once the clock passes it, the check-in arrives.
    due = await tick_at(coach_bot, clock, checkin.due_at + timedelta(minutes=1), telegram)
    assert due.sent == 1
    assert runner.last_text == "How is your calf now?"
    assert [label for label, _ in telegram.last_buttons(6301)] == ["Better", "Same", "Worse"]
    [checkin] = await scheduled(sessions, 6301, kinds=[PAIN_CHECKIN])
    assert checkin.status == "sent"

    await runner.say("much better thanks")
    assert runner.last_text.startswith("🟢 Carry on\nGlad your calf is better.")
    [report] = await pain_reports(sessions, 6301)
    assert report.status == "resolved"
    # Resolved: no further check-in is booked.
    rows = await scheduled(sessions, 6301, kinds=[PAIN_CHECKIN])
    assert [(row.id, row.status) for row in rows] == [(checkin.id, "sent")]


async def test_a_check_in_answered_same_keeps_the_plan_and_books_another(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6302)
    await seed_profile(sessions, clock, 6302)
    await runner.say(CALF_REPORT)
    await answer_until_verdict(runner, CALM)
    [first] = await scheduled(sessions, 6302, kinds=[PAIN_CHECKIN])
    await tick_at(coach_bot, clock, first.due_at + timedelta(minutes=1), telegram)
    await runner.tap("Same")
    assert runner.last_text.startswith("How bad is it at its worst now")
    await runner.say("4")
    assert runner.last_text.startswith("🟡 Adjust training\nStill about the same")
    [report] = await pain_reports(sessions, 6302)
    assert (report.level, report.status, report.severities) == ("modify", "open", [4])
    rows = await scheduled(sessions, 6302, kinds=[PAIN_CHECKIN])
    assert [row.status for row in rows] == ["sent", "pending"]
    assert rows[1].due_at == clock.now + timedelta(hours=48)


# ---------------------------------------------------------------- urgent


def assert_urgent_advice(verdict: str) -> None:
    """What to do and where comes first, then why, and that it is not a diagnosis."""
    lines = verdict.splitlines()
    assert lines[0] == "🔴 Get help now", verdict
    # The runners here live in Europe/London: the UK's number.
    assert lines[1] == "Stop now and call 999, or go to A&E. Don't drive yourself."
    assert lines[2].startswith("Why: ") and "bladder" in lines[2]
    # The hold it starts has a visible way out: tell the coach here once seen.
    assert "Once you've been seen, tell me here what they said" in lines[3]
    assert NOT_A_DIAGNOSIS in verdict


async def test_an_urgent_report_gets_help_now_and_silences_the_nudges(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6401)
    await seed_profile(sessions, clock, 6401)  # reminders Mon, Wed, Fri at 18:00 London
    # A session started and left: its "how did it go?" is pending.
    await runner.say("/workout")
    await runner.tap("Start")
    await runner.say("/cancel")
    [session_checkin] = await scheduled(sessions, 6401, kinds=[SESSION_CHECKIN])
    assert session_checkin.status == "pending"
    reported_at = clock.now

    replies = await runner.say(URGENT_REPORT)
    assert len(replies) == 1
    assert_urgent_advice(replies[0].text or "")

    [report] = await pain_reports(sessions, 6401)
    assert (report.level, report.status) == ("urgent", "open")
    assert "lower_back" in report.locations
    assert report.report and report.report["flags"]["bladder"] == "yes"
    [session_checkin] = await scheduled(sessions, 6401, kinds=[SESSION_CHECKIN])
    assert session_checkin.status == "cancelled"
    [pain_checkin] = await scheduled(sessions, 6401, kinds=[PAIN_CHECKIN])
    assert pain_checkin.due_at == reported_at + timedelta(days=3)

    # No workout until they have been seen; /workout follows the held report up instead.
    replies = await runner.say("/workout")
    assert (replies[-1].text or "").startswith("🔴 No training from me while your lower back")
    assert [label for label, _ in telegram.last_buttons(6401)] == [
        "✅ I've been seen", "👍 It's better now", "Same", "Worse", "A different pain",
    ]  # fmt: skip

    # Past Monday's and Wednesday's reminders, then past the check-in: only the check-in goes.
    before = len(runner.messages)
    monday_evening = datetime(2026, 3, 2, 18, 1, tzinfo=UTC)
    wednesday_evening = datetime(2026, 3, 4, 18, 1, tzinfo=UTC)
    for evening in (monday_evening, wednesday_evening):
        tick = await tick_at(coach_bot, clock, evening, telegram)
        assert (tick.sent, tick.dropped) == (0, 1), evening
    assert len(runner.messages) == before
    reminders = await scheduled(sessions, 6401, kinds=[WORKOUT_REMINDER])
    held = [row for row in reminders if row.due_at <= wednesday_evening]
    assert len(held) == 2
    assert all(row.status == "cancelled" and row.last_error == "urgent pain" for row in held)

    tick = await tick_at(coach_bot, clock, pain_checkin.due_at + timedelta(minutes=1), telegram)
    assert (tick.sent, tick.dropped) == (1, 0)
    new = runner.messages[before:]
    assert [m.text for m in new] == ["How is your lower back now? Did you get it seen?"]


async def test_an_urgent_message_typed_mid_workout_gets_help_now_first(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6402)
    await seed_profile(sessions, clock, 6402)
    await runner.say("/workout")
    await runner.tap("Start")
    replies = await runner.say(URGENT_REPORT)
    # The workout may note the exercise first; the advice comes before anything else.
    texts = [m.text or "" for m in replies if not (m.text or "").startswith("🤕 Let's stop ")]
    assert_urgent_advice(texts[0])
    # No questions first, and the workout does not carry on after it.
    assert not any(text.startswith(("Where does it hurt?", "Back to where")) for text in texts)
    assert not any(" of 5 · " in text or " of 4 · " in text for text in texts)
    [report] = await pain_reports(sessions, 6402)
    assert (report.level, report.status) == ("urgent", "open")
    [session_checkin] = await scheduled(sessions, 6402, kinds=[SESSION_CHECKIN])
    assert session_checkin.status == "cancelled"


async def test_a_runner_who_declined_consent_gets_the_same_advice_and_no_details_are_kept(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    keeping = Runner(telegram, 6501)
    declined = Runner(telegram, 6502)
    await seed_profile(sessions, clock, 6501, consent=True)
    await seed_profile(sessions, clock, 6502, consent=False)
    kept_advice = await keeping.say(URGENT_REPORT)
    advice = await declined.say(URGENT_REPORT)
    assert [m.text for m in advice] == [m.text for m in kept_advice]
    assert (advice[0].text or "").startswith("🔴 Get help now")

    [kept] = await pain_reports(sessions, 6501)
    [bare] = await pain_reports(sessions, 6502)
    assert kept.detailed and kept.summary and kept.report and kept.reasons
    assert (bare.level, bare.status, bare.detailed) == ("urgent", "open", False)
    assert bare.locations == kept.locations  # so sessions still steer clear of it
    assert (bare.report, bare.summary, bare.reasons, bare.worst) == (None, None, None, None)

    # The check-in still comes; once it is better, nothing about it stays.
    [checkin] = await scheduled(sessions, 6502, kinds=[PAIN_CHECKIN])
    assert checkin.status == "pending"
    await tick_at(coach_bot, clock, checkin.due_at + timedelta(minutes=1), telegram)
    assert declined.last_text.startswith("How is your lower back now?")
    await declined.tap("Better")
    assert declined.last_text.startswith("🟢 Carry on")
    assert await pain_reports(sessions, 6502) == []
    # The other runner's report is untouched.
    [kept_now] = await pain_reports(sessions, 6501)
    assert (kept_now.id, kept_now.status, kept_now.summary) == (kept.id, "open", kept.summary)


# ---------------------------------------------------------------- what starts the dialog


async def test_typing_the_prevent_injuries_goal_does_not_start_the_pain_dialog(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    runner = Runner(telegram, 6601)
    await runner.say("/start")
    await runner.say("prevent injuries")
    assert runner.last_text == t("onboarding.ask.race")


async def test_onboarding_with_typed_answers_then_pain_in_plain_words(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    runner = Runner(telegram, 6602)
    await onboard(runner, consent=False)
    replies = await runner.say("tweaked my hammy")
    assert (replies[0].text or "").startswith("Sorry to hear that.")
    assert "Hamstring" in (replies[0].text or "")
    await answer_until_verdict(runner, CALM)
    assert header(runner.last_text) in ("modify", "continue")
    [report] = await pain_reports(sessions, 6602)
    assert report.locations == ["hamstring"] and not report.detailed


# ---------------------------------------------------------------- the middle ground (issue 12)


async def test_doms_is_answered_in_one_step(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6701)
    await seed_profile(sessions, clock, 6701)
    replies = await runner.say("bit of doms in my glutes after yesterday")
    texts = [m.text or "" for m in replies]
    assert texts[0].startswith("Sounds like normal training soreness.")
    assert not any("Sorry" in text for text in texts)
    assert runner.last_text.startswith("One check: is it spread over the muscles you worked")
    await runner.tap("Yes, that's it")
    verdict = runner.last_text
    assert header(verdict) == "continue"
    assert "normal training soreness" in verdict and "Sorry" not in verdict
    assert [r.level for r in await pain_reports(sessions, 6701)] == ["continue"]
    assert await scheduled(sessions, 6701, kinds=[PAIN_CHECKIN]) == []

    # Said in full (both sides, easing as they move), it needs no question at all.
    clock.now += timedelta(hours=2)
    await runner.say("sore after yesterday's session, both calves, kinda eases once i get moving")
    assert header(runner.last_text) == "continue"


TENDON_SCRIPT: Script = {
    "Can you put weight on it": ("tap", "Yes, normally"),
    "How long has it been hurting?": ("tap", "4-7 days"),
    "What does it do while you run?": ("tap", "Stays the same"),
    "Any of these with it?": ("tap", "None of these"),
    # settled by the next morning, not within a few hours: more than a normal running pain
    "One more check": ("tap", "No"),
}


async def test_a_tendon_pain_within_the_limits_keeps_the_runner_loading(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 6702)
    await seed_profile(sessions, clock, 6702)
    await runner.say("high hamstring twinges about 3/10 on my runs, settled by the next morning")
    # Only the script's questions: a gradual pain is not asked about a pop or snap.
    await answer_until_verdict(runner, TENDON_SCRIPT)
    verdict = runner.last_text
    assert header(verdict) == "modify"
    assert "run if it stays at or under 3-5/10 during the run" in verdict
    assert "settled by tomorrow morning" in verdict and "Here's how to check" in verdict
    assert "keep exercises for your hamstring in your sessions at an easy level" in verdict
    assert "pause" not in verdict.lower()
    [report] = await pain_reports(sessions, 6702)
    assert (report.level, report.locations) == ("modify", ["hamstring"])
