"""Held pain reports followed up, purely through the router: "I've been seen" and what they
said, "it's better", a later 🟢, one report per place, one check-in a day, the reminder lines
while held, pain typed inside /learn, and a return-to-run plan walked to its end."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CommandReceived,
    Context,
    DialogState,
    ScheduleMessage,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.knowledge import knowledge
from dialogs.pain import walk_run
from dialogs.pain.levels import CONTINUE, MODIFY, PHYSIO, URGENT, PainLevel
from dialogs.pain.steps import SaveComeback, SavePainReport, UpdatePainReport
from dialogs.records import ComebackPlan, PainRecord, Profile
from dialogs.training import nudges
from dialogs.training.sessions import build_session
from dialogs.vocabulary import BodyLocation, Experience, Goal, Weekday

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # a Wednesday
PROFILE = Profile(
    goal=Goal.PREVENT,
    experience=Experience.REGULAR,
    runs_per_week=3,
    timezone="Europe/London",
    workout_days=(Weekday.MON, Weekday.WED),
    pain_consent=True,
)
CALF = PainRecord(
    key="pain-calf", locations=(BodyLocation.CALF,), level=URGENT, worst=7,
    first_reported=date(2026, 3, 1), updated_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
)  # fmt: skip


def _ctx(*records: PainRecord, plan: ComebackPlan | None = None, **changes: object) -> Context:
    pain = walk_run.status(records, plan)
    return replace(Context(now=NOW, user_id=5, profile=PROFILE, pain=pain), **changes)  # type: ignore[arg-type]


def _u(**changes: object) -> dict[str, object]:
    return changes


def _event(said: str) -> UserInput:
    if said.startswith("/"):
        name, _, args = said[1:].partition(" ")
        return CommandReceived(name, args)
    if said.startswith("button:"):
        return ButtonPressed(said.removeprefix("button:"))
    return TextReceived(said)


def _walk(ctx: Context, *said: str, state: DialogState | None = None) -> Transition:
    """Send each input in turn through the router; the last transition."""
    result = Transition(state)
    for words in said:
        result = router.route(result.state, _event(words), ctx)
    return result


def _text(result: Transition) -> str:
    return "\n".join(reply.text for reply in result.replies)


def _buttons(result: Transition) -> list[str]:
    return [b.value for reply in result.replies for row in reply.buttons for b in row]


def _update(result: Transition) -> UpdatePainReport:
    [update] = [e for e in result.effects if isinstance(e, UpdatePainReport)]
    return update


def _plan(result: Transition) -> SaveComeback | None:
    return next((e for e in result.effects if isinstance(e, SaveComeback)), None)


# ---------------------------------------------------------------- the held question


def test_workout_on_a_hold_asks_about_that_pain_with_the_ways_out() -> None:
    result = _walk(_ctx(CALF), "/workout")
    assert result.state is not None and (result.state.dialog, result.state.step) == (
        "pain",
        "checkin",
    )
    assert "your calf needs care" in _text(result) and "Sun 01 Mar" in _text(result)
    assert _buttons(result) == ["ci:seen", "ci:better", "ci:same", "ci:worse", "ci:new"]


@pytest.mark.parametrize("entry", ["/pain", "button:go:pain"])
def test_check_my_pain_on_a_hold_follows_it_up_and_a_different_pain_is_triaged(
    entry: str,
) -> None:
    ctx = _ctx(CALF)
    held = _walk(ctx, entry)
    assert "ci:seen" in _buttons(held)  # not "Where does it hurt?"
    fresh = _walk(ctx, "button:ci:new", state=held.state)
    assert fresh.replies[-1].text == "Where does it hurt?"


def test_it_is_better_now_lifts_the_hold() -> None:
    result = _walk(_ctx(CALF), "/workout", "button:ci:better")
    update = _update(result)
    assert (update.key, update.resolved, update.level) == ("pain-calf", True, CONTINUE)
    assert result.state is None
    # Urgent and never seen: lifted, with a word that a look is still worth having.
    assert "still worth a doctor or physio checking it" in _text(result)


# ---------------------------------------------------------------- "I've been seen"


def test_seen_at_a_and_e_told_gentle_rehab_is_taken_as_said_and_starts_the_return() -> None:
    said = "got it checked at A&E, it's a minor strain, they said gentle rehab"
    result = _walk(_ctx(CALF), said)
    update = _update(result)
    assert (update.key, update.level, update.advice, update.resolved) == (
        "pain-calf", MODIFY, "modified", False,
    )  # fmt: skip
    assert update.note == said  # consented: their words are kept with the report
    plan = _plan(result)
    assert plan is not None and (plan.report_key, plan.stage) == ("pain-calf", 0)
    assert "walk-run plan" in _text(result)
    # Not a diagnosis, and no fresh triage of "strain".
    assert "Where does it hurt" not in _text(result)


def test_seen_and_cleared_closes_the_report() -> None:
    # With nothing held the words are not a follow-up of anything.
    idle = _walk(_ctx(), "I've been seen, cleared")
    assert not idle.effects and idle.state is None
    result = _walk(_ctx(CALF), "I've been seen, cleared")
    update = _update(result)
    assert (update.resolved, update.advice) == (True, "cleared")
    assert _plan(result) is not None


def test_seen_without_what_they_said_asks_and_an_unclear_answer_is_asked_again() -> None:
    ctx = _ctx(CALF)
    asked = _walk(ctx, "saw the physio this morning, grade 1 strain")
    assert asked.state is not None and asked.state.step == "advice"
    assert _buttons(asked) == ["adv:cleared", "adv:modified", "adv:rest"]
    again = _walk(ctx, "hmm not sure", state=asked.state)
    assert again.state == asked.state and not again.effects
    rest = _walk(ctx, "rest it for two weeks", state=asked.state)
    update = _update(rest)
    assert (update.level, update.advice, update.resolved) == (URGENT, "rest", False)
    assert _plan(rest) is None  # resting: no running plan yet


def test_booked_is_not_seen() -> None:
    ctx = _ctx(CALF)
    held = _walk(ctx, "/workout")
    result = _walk(ctx, "booked the physio for friday", state=held.state)
    assert result.state == held.state and not result.effects
    assert "Have you been seen yet?" in _text(result)


def test_told_to_rest_holds_reminders_and_workouts() -> None:
    resting = CALF.model_copy(update=_u(level=PHYSIO, advice="rest"))
    ctx = _ctx(resting)
    assert nudges.drop_reason(nudges.WORKOUT_REMINDER, {}, ctx) == "rest advised"
    assert "rests, as your professional advised" in _text(_walk(ctx, "/workout"))


# ---------------------------------------------------------------- a later 🟢, one report a place


def _until_verdict(ctx: Context, first: str) -> Transition:
    """Report a pain and answer each question as a settled, mild pain would."""
    calm = {"soreness": "sore:y", "walk": "walk:ok", "flag": "n", "screen": "scr:none",
            "severity": "sev:1", "duration": "dur:0", "behaviour": "beh:settles",
            "morning": "morn:y", "settles": "set:n"}  # fmt: skip
    result = _walk(ctx, first)
    for _ in range(12):
        if result.state is None:
            return result
        step = result.state.step
        value = calm[step] if step != "flag" else f"f:{result.state.data['flag']}:n"
        result = _walk(ctx, f"button:{value}", state=result.state)
    raise AssertionError("no verdict")


def test_a_later_green_for_the_same_place_lifts_the_hold_in_the_same_report() -> None:
    result = _until_verdict(_ctx(CALF), "calf's a bit tight after yesterday's long run, 1/10")
    assert result.replies[0].text.startswith("🟢")
    assert not [e for e in result.effects if isinstance(e, SavePainReport)]
    update = _update(result)
    assert (update.key, update.resolved, update.level) == ("pain-calf", True, CONTINUE)
    assert "lifts the hold on your calf" in _text(result)


def test_a_new_report_for_the_same_place_updates_the_open_one_and_moves_its_check_in() -> None:
    modify = CALF.model_copy(update=_u(level=MODIFY, worst=4))
    result = _until_verdict(_ctx(modify), "sharp twinge in my calf when i push off, 4/10")
    assert not [e for e in result.effects if isinstance(e, SavePainReport)]
    assert _update(result).key == "pain-calf"
    [checkin] = [e for e in result.effects if isinstance(e, ScheduleMessage)]
    # The report's booked check-in is moved, not a second one queued.
    assert (checkin.key, checkin.replace) == ("pain-calf/1", True)


def test_a_lower_level_for_a_held_place_keeps_the_hold_and_says_so() -> None:
    result = _until_verdict(_ctx(CALF), "sharp twinge in my calf when i push off, 4/10")
    assert _update(result).level == URGENT
    assert "still holds training back" in _text(result)


def test_a_pain_check_in_goes_once_a_day_and_not_for_a_closed_report() -> None:
    payload = {"dialog": "pain", "args": {"checkin": "pain-calf"}}
    talked_today = CALF.model_copy(update=_u(updated_at=NOW - timedelta(hours=2)))
    assert nudges.drop_reason(nudges.PAIN_CHECKIN, payload, _ctx(talked_today)) == (
        "checked in today"
    )
    assert nudges.drop_reason(nudges.PAIN_CHECKIN, payload, _ctx()) == "pain closed"
    assert nudges.drop_reason(nudges.PAIN_CHECKIN, payload, _ctx(CALF)) is None


# ---------------------------------------------------------------- reminder lines while held


def test_schedule_and_resume_say_reminders_are_held_and_how_to_lift_it() -> None:
    ctx = _ctx(CALF)
    schedule = _text(_walk(ctx, "/schedule"))
    assert "Not paused" not in schedule
    assert "Workout reminders are on hold while your calf needs care" in schedule
    assert "/pain" in schedule
    resume = _text(_walk(ctx, "/resume"))
    assert "aren't paused" not in resume and "on hold while your calf" in resume
    assert nudges.drop_reason(nudges.WORKOUT_REMINDER, {}, ctx) == "urgent pain"
    # A snooze on a reminder sent before the hold would never arrive: it says so instead.
    snooze = _walk(ctx, f"button:n:snz:h:{NOW.date().isoformat()}")
    assert not snooze.effects and "on hold while your calf" in _text(snooze)
    # A physio report keeps sessions gentle but holds nothing, so nothing is said.
    physio = _ctx(CALF.model_copy(update=_u(level=PHYSIO)))
    assert nudges.drop_reason(nudges.WORKOUT_REMINDER, {}, physio) is None
    assert "Not paused" in _text(_walk(physio, "/schedule"))


# ---------------------------------------------------------------- pain inside /learn


def test_a_report_inside_learn_or_settings_goes_to_triage_a_question_or_search_does_not() -> None:
    ctx = _ctx()
    learning = _walk(ctx, "/learn")
    result = _walk(ctx, "my left achilles is stiff and sore first thing", state=learning.state)
    assert result.state is not None and result.state.dialog == "pain"
    for words in ("why do knees hurt when running?", "IT band pain", "what causes shin splints"):
        stays = _walk(ctx, words, state=learning.state)
        assert stays.state is not None and stays.state.dialog == "learn", words
    # /settings reads loosely ("when I run" as a time): a report of a place wins there too.
    menu = _walk(ctx, "/settings")
    told = _walk(ctx, "my knee hurts when I run", state=menu.state)
    assert told.state is not None and told.state.dialog == "pain"
    kept = _walk(ctx, "pain check-ins off", state=menu.state)
    assert kept.state is not None and kept.state.dialog == "settings"


# ---------------------------------------------------------------- the return to running


def _apply(plan: ComebackPlan | None, result: Transition) -> ComebackPlan | None:
    """What the shell stores for a SaveComeback (a finished plan is deleted)."""
    saved = _plan(result)
    if saved is None:
        return plan
    if saved.finished:
        return None
    start = plan.started_on if plan is not None else NOW.date()
    return ComebackPlan(
        report_key=saved.report_key,
        locations=tuple(BodyLocation(p) for p in saved.locations),
        stage=saved.stage,
        good_runs=saved.good_runs,
        step_backs=saved.step_backs,
        started_on=start,
    )


def _run_check(plan: ComebackPlan, answer: str, now: datetime) -> Transition:
    ctx = _ctx(plan=plan, now=now)
    asked = router.deliver(
        nudges.PAIN_CHECKIN, {"dialog": "pain", "args": {"run_check": plan.report_key}}, None, ctx
    )
    assert asked.state is not None and asked.state.step == "run_check"
    return _walk(ctx, answer, state=asked.state)


def test_a_return_to_run_plan_progresses_repeats_steps_back_and_ends() -> None:
    cleared = _walk(_ctx(CALF.model_copy(update=_u(level=PHYSIO))), "saw the physio, all clear")
    plan = _apply(None, cleared)
    assert plan is not None and plan.stage == 0
    now, stages_seen = NOW, [0]
    script = ["button:run:good", "button:run:ok", "button:run:good", "button:run:bad"]
    script += ["button:run:not_yet"] + ["button:run:good"] * 20
    for answer in script:
        now += timedelta(days=2)
        result = _run_check(plan, answer, now)
        before = plan
        plan = _apply(plan, result)
        if plan is None:
            assert "return-to-run plan done" in _text(result)
            break
        stages_seen.append(plan.stage)
        if answer.endswith("bad"):
            assert plan.stage == max(before.stage - 1, 0) and plan.good_runs == 0
        if answer.endswith(("ok", "not_yet")):
            assert (plan.stage, plan.good_runs) == (before.stage, before.good_runs)
        [again] = [e for e in result.effects if isinstance(e, ScheduleMessage)]
        assert again.replace and again.key == "pain-calf:run"
    assert plan is None, "the plan never ended"
    assert max(stages_seen) == len(walk_run.STAGES) - 1
    weeks = (now - NOW).days / 7
    assert 2 <= weeks <= 5, weeks


def test_front_of_knee_runs_are_held_to_two_out_of_ten() -> None:
    knee = ComebackPlan(report_key="k", locations=(BodyLocation.KNEE_FRONT,), started_on=NOW.date())
    asked = _run_check(knee, "3", NOW)
    assert _plan(asked) is not None and _plan(asked).stage == 0  # type: ignore[union-attr]
    assert "step back" in _text(asked)
    calf = knee.model_copy(update=_u(locations=(BodyLocation.CALF,)))
    assert "repeat this stage" not in _text(_run_check(calf, "3", NOW))


def test_the_plan_shapes_reminders_and_protects_the_place_in_sessions() -> None:
    plan = ComebackPlan(report_key="k", locations=(BodyLocation.CALF,), stage=2,
                        started_on=NOW.date())  # fmt: skip
    ctx = _ctx(plan=plan)
    assert ctx.pain is not None and BodyLocation.CALF in ctx.pain.locations
    assert ctx.pain.level == PainLevel.CONTINUE
    replies, _ = nudges.render(nudges.WORKOUT_REMINDER, {"n": 0}, ctx)
    assert "Return to running, stage 3 of 6: 5 × (3 min run, 1 min walk)" in replies[0].text
    # The strength sessions leave out explosive work and whatever loads the calf until it ends.
    kb = knowledge()
    for day in range(14):
        session = build_session(profile=PROFILE.model_copy(update=_u(goal=Goal.FASTER)),
                                day=NOW.date() + timedelta(days=day), user_id=5, history=(),
                                pain=ctx.pain)  # fmt: skip
        for item in session.items:
            exercise = kb.exercises[item.exercise_id]
            assert not exercise.explosive and BodyLocation.CALF not in exercise.avoid_with
