"""The pain dialog, walked purely: entries, questions, the verdict, effects and check-ins."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from dialogs.core import (
    Button,
    ButtonPressed,
    CancelMessages,
    Context,
    DialogState,
    LocationShared,
    Reply,
    ScheduleMessage,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.pain import dialog as pd
from dialogs.pain.levels import CONTINUE, MODIFY, PHYSIO, URGENT
from dialogs.pain.reading import parse_pain_text
from dialogs.pain.vocabulary import Flag
from dialogs.records import PainRecord, PainStatus, Profile
from dialogs.texts import t
from dialogs.training import nudges
from dialogs.vocabulary import BodyLocation as L
from dialogs.vocabulary import Experience, Goal
from tests.unit.pain_cases import CASES, Case

NOW = datetime(2025, 3, 5, 7, 0, tzinfo=UTC)
PROFILE = Profile(goal=Goal.PREVENT, experience=Experience.REGULAR, runs_per_week=3)
HEADERS = {
    URGENT: "🔴 <b>Get help now</b>",
    PHYSIO: "🟠 <b>See a physio</b>",
    MODIFY: "🟡 <b>Adjust training</b>",
    CONTINUE: "🟢 <b>Carry on</b>",
}
ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}


def _ctx(**changes: object) -> Context:
    base: dict[str, object] = {"now": NOW, "user_id": 7, "profile": PROFILE}
    return Context(**{**base, **changes})  # type: ignore[arg-type]


def _check(result: Transition) -> Transition:
    """Every reply is valid Telegram HTML, every button value short; state stays JSON."""
    for reply in result.replies:
        tags = set(re.findall(r"</?([a-z]+)[^>]*>", reply.text))
        assert tags <= ALLOWED_TAGS, reply.text
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", reply.text), reply.text
        for row in reply.buttons:
            for button in row:
                assert len(button.value.encode("ascii")) <= 24
    if result.state is not None:
        json.dumps(result.state.data)
    return result


def _step(state: DialogState | None, event: UserInput, ctx: Context | None = None) -> Transition:
    return _check(pd.step(state, event, ctx or _ctx()))


def _buttons(result: Transition) -> list[str]:
    return [b.value for reply in result.replies for row in reply.buttons for b in row]


def _text(result: Transition) -> str:
    return "\n".join(reply.text for reply in result.replies)


def _saved(result: Transition) -> pd.SavePainReport:
    (saved,) = [e for e in result.effects if isinstance(e, pd.SavePainReport)]
    return saved


# ---------------------------------------------------------------- the case table, end to end


def policy(case: Case, state: DialogState) -> UserInput:
    """A runner who answers what the message implies: places as written, the red flags the
    message carries yes and all others no, no number or time they did not give, fine by
    morning, and not run on it since."""
    named = [str(w) for w in case.where]
    if state.step == "location":
        place = next((w for w in named if w != "leg"), "other")
        area = "knee" if place.startswith("knee") else "hip" if place.startswith("hip_") else None
        return ButtonPressed(f"loc:{area or place}")
    if state.step in ("knee", "hip"):
        part = next((w for w in named if w.startswith(f"{state.step}_")), None)
        default = "front" if state.step == "knee" else "outside"
        return ButtonPressed(f"{state.step}:{part.split('_', 1)[1] if part else default}")
    if state.step == "walk":
        return ButtonPressed("walk:no" if Flag.CANNOT_WALK in case.yes else "walk:ok")
    if state.step == "flag":
        flag = state.data["flag"]
        return ButtonPressed(f"f:{flag}:{'y' if flag in case.yes else 'n'}")
    if state.step == "screen":
        tapped = next((f for f in state.data["items"] if Flag(f) in case.yes), "none")
        return ButtonPressed(f"scr:{tapped}")
    if state.step == "severity":
        return ButtonPressed(f"sev:{case.worst}") if case.worst is not None else TextReceived("idk")
    if state.step == "duration":
        return TextReceived("not sure")
    if state.step == "behaviour":
        return ButtonPressed("beh:none")
    if state.step == "morning":
        return ButtonPressed("morn:y")
    if state.step == "soreness":
        return ButtonPressed("sore:y" if case.after_dialog == CONTINUE else "sore:n")
    if state.step == "settles":
        return ButtonPressed("set:y" if case.after_dialog == CONTINUE else "set:n")
    raise AssertionError(f"unexpected step {state.step}")


def run_case(case: Case) -> tuple[Transition, int]:
    """The whole dialog for one message; returns the last transition and questions asked."""
    result = _step(None, Started({"text": case.text}))
    asked = 0
    while result.state is not None:
        asked += 1
        assert asked < 20, "the dialog does not end"
        result = _step(result.state, policy(case, result.state))
    return result, asked


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.text[:50])
def test_case_table_through_the_dialog(case: Case) -> None:
    result, asked = run_case(case)
    saved = _saved(result)
    assert saved.level == case.after_dialog, (saved.reasons, saved.report)
    assert result.replies[-1].text.startswith(HEADERS[case.after_dialog])
    if case.level == URGENT:
        # An urgent sign in the message itself: the verdict at once, no questions first.
        assert asked == 0, saved.report


def test_normal_soreness_gets_one_confirming_question_at_most() -> None:
    """Besides a red flag the words touched ("legs like lead" asks about dark pee first)."""
    for case in (c for c in CASES if c.doms and c.after_dialog == CONTINUE):
        result, asked = run_case(case)
        assert asked <= 1 + len(parse_pain_text(case.text).ask_first), case.text
        assert not result.replies[-1].text.startswith("Sorry")


# ---------------------------------------------------------------- entries


def test_it_hurts_in_a_workout_asks_where_and_records_the_exercise() -> None:
    start = _step(None, Started({"source": "workout", "exercise": "clamshell"}))
    assert "stop that exercise" in _text(start)
    assert start.state is not None and start.state.step == "location"
    assert "loc:glute" in _buttons(start)
    result = _step(start.state, ButtonPressed("loc:hip"))
    assert result.state is not None and result.state.step == "hip"
    result = _step(result.state, TextReceived("the outside"))
    assert result.state is not None
    assert result.state.data["report"]["locations"] == ["hip_outside"]
    while result.state is not None:
        following = {
            "walk": ButtonPressed("walk:ok"),
            "flag": TextReceived("nope"),
            "severity": ButtonPressed("sev:3"),
            "duration": ButtonPressed("dur:0"),
            "behaviour": ButtonPressed("beh:same"),
            "morning": ButtonPressed("morn:y"),
            "screen": ButtonPressed("scr:none"),
            "settles": ButtonPressed("set:n"),  # more than a normal running pain
        }[result.state.step]
        result = _step(result.state, following)
    saved = _saved(result)
    assert saved.source == "workout"
    assert saved.report["exercise"] == "clamshell"
    assert saved.level == MODIFY


def test_free_text_asks_only_what_is_missing() -> None:
    text = "outer right knee, 5/10 for 3 weeks, builds until i have to stop, no swelling"
    start = _step(None, Started({"text": text}))
    assert "Outer knee, right side, for about 3 weeks, 5/10" in _text(start)
    asked = []
    result = start
    while result.state is not None:
        asked.append(result.state.data.get("flag") or result.state.step)
        answer = {"walk": ButtonPressed("walk:ok"), "screen": ButtonPressed("scr:none")}.get(
            result.state.step, TextReceived("no")
        )
        result = _step(result.state, answer)
    assert "severity" not in asked and "duration" not in asked and "behaviour" not in asked
    assert "location" not in asked and "knee" not in asked
    assert "swelling" not in asked
    assert _saved(result).level == PHYSIO


def test_a_message_with_an_urgent_sign_gets_no_questions() -> None:
    result = _step(None, Started({"text": "heard a pop in my calf and cant put weight on it"}))
    assert result.state is None
    text = result.replies[-1].text
    assert text.startswith(HEADERS[URGENT])
    assert "Don't drive yourself" in text and "today" in text
    assert "isn't a diagnosis" in text
    # The hold has a way out the runner can see: tell the coach here once seen.
    assert "Once you've been seen, tell me here what they said" in text
    assert CancelMessages(kinds=pd.URGENT_CANCELS) in result.effects
    (checkin,) = [e for e in result.effects if isinstance(e, ScheduleMessage)]
    assert checkin.due == NOW + timedelta(days=3)  # "did you get it seen?"


def test_an_emergency_says_call_the_emergency_number_first() -> None:
    result = _step(None, Started({"text": "chest went tight on the hill and my arm tingled"}))
    lines = result.replies[-1].text.splitlines()
    assert lines[0] == HEADERS[URGENT]
    assert "999" in lines[1] and "112" in lines[1] and "911" in lines[1]
    assert lines[2].startswith("Why:")


# ---------------------------------------------------------------- urgent early, not sure


BACK_SIGNS = ["saddle", "bladder", "both_legs", "constant"]


def test_back_pain_asks_the_emergency_signs_first_at_once_and_stops_at_a_tap() -> None:
    start = _step(None, Started({"text": "my lower back hurts"}))
    assert start.state is not None and start.state.step == "screen"
    assert start.state.data["items"] == BACK_SIGNS
    (ask,) = [r for r in start.replies if r.buttons]
    assert [row[0].value for row in ask.buttons[:4]] == [f"scr:{f}" for f in BACK_SIGNS]
    assert ask.buttons[4][0].label == "None of these"
    result = _step(start.state, ButtonPressed("scr:bladder"))
    assert result.state is None
    assert result.replies[-1].text.startswith(HEADERS[URGENT])
    assert "999" in result.replies[-1].text
    assert _saved(result).report["flags"] == {"bladder": "yes"}


def test_back_pain_not_sure_of_the_signs_asks_each_and_stops_at_a_yes() -> None:
    start = _step(None, Started({"text": "my lower back hurts"}))
    assert start.state is not None
    saddle = _step(start.state, ButtonPressed("scr:u"))
    assert saddle.state is not None and saddle.state.data["flag"] == "saddle"
    bladder = _step(saddle.state, ButtonPressed("f:saddle:n"))
    assert bladder.state is not None and bladder.state.data["flag"] == "bladder"
    result = _step(bladder.state, TextReceived("yeah"))
    assert result.state is None
    assert result.replies[-1].text.startswith(HEADERS[URGENT])
    assert _saved(result).report["flags"] == {"saddle": "no", "bladder": "yes"}


@pytest.mark.parametrize("answer", [ButtonPressed("f:saddle:u"), TextReceived("idk")])
def test_not_sure_about_a_red_flag_counts_as_the_worse_case(answer: UserInput) -> None:
    start = _step(None, Started({"text": "my lower back hurts"}))
    assert start.state is not None
    saddle = _step(start.state, ButtonPressed("scr:u"))
    assert saddle.state is not None and saddle.state.data["flag"] == "saddle"
    result = _step(saddle.state, answer)
    assert result.state is None
    assert _saved(result).level == URGENT


@pytest.mark.parametrize("unsure", [ButtonPressed("walk:u"), TextReceived("not sure")])
def test_not_sure_about_walking_is_asked_to_try_four_steps_then_counts_as_the_worse_case(
    unsure: UserInput,
) -> None:
    """Four steps can be tried on the spot: a first "not sure" is asked to try them now; a
    second counts as not being able to (the criteria: asked again, or the worse case)."""
    walk = _walk_to("my knee hurts", "walk")
    retry = _step(walk, unsure)
    assert retry.state is not None and retry.state.step == "walk"
    assert _text(retry) == t("pain.ask.walk_try")
    assert _buttons(retry) == ["walk:ok", "walk:limp", "walk:no", "walk:u"]
    result = _step(retry.state, unsure)
    assert result.state is None
    assert _saved(result).level == URGENT


def test_after_trying_four_steps_a_clear_answer_carries_on() -> None:
    retry = _step(_walk_to("my knee hurts", "walk"), ButtonPressed("walk:u"))
    assert retry.state is not None
    result = _step(retry.state, TextReceived("yeah i can walk fine"))
    assert result.state is not None and result.state.step != "walk"


WHOLE_BODY = ["chest", "fainting", "confusion", "dark_urine", "pop", "deformity"]


@pytest.mark.parametrize(
    ("sign", "why"),
    [("chest", "chest"), ("fainting", "faint"), ("confusion", "confus"), ("dark_urine", "dark")],
)
def test_a_pain_nowhere_on_the_legs_or_back_is_asked_the_whole_body_emergencies(
    sign: str, why: str
) -> None:
    """Told in words no list foresees ("came over all peculiar"), an emergency of the whole
    body is still one tap away: a place that is neither leg nor back is asked about them."""
    start = _step(None, Started({"text": "came over all peculiar near the end of my run"}))
    assert start.state is not None and start.state.step == "location"
    screen = _step(start.state, ButtonPressed("loc:other"))
    assert screen.state is not None and screen.state.step == "screen"
    assert screen.state.data["items"] == WHOLE_BODY
    result = _step(screen.state, ButtonPressed(f"scr:{sign}"))
    assert result.state is None
    assert _saved(result).level == URGENT
    assert why in result.replies[-1].text.lower()


def test_not_sure_in_the_screen_asks_each_one() -> None:
    # The first screen holds the signs that alone are urgent; this is the second one.
    state = _walk_to("my knee hurts", "screen", knee="knee:front", passing=1)
    assert "pop" not in state.data["items"]
    result = _step(state, ButtonPressed("scr:u"))
    assert result.state is not None and result.state.step == "flag"
    flag = result.state.data["flag"]
    result = _step(result.state, ButtonPressed(f"f:{flag}:u"))
    while result.state is not None:
        result = _step(result.state, TextReceived("no"))
    assert _saved(result).level == PHYSIO


def _walk_to(text: str, target: str, *, knee: str = "knee:front", passing: int = 0) -> DialogState:
    """Answer harmlessly until the dialog asks the target question (after passing it so often)."""
    result = _step(None, Started({"text": text}))
    harmless = {
        "knee": ButtonPressed(knee),
        "walk": ButtonPressed("walk:ok"),
        "severity": ButtonPressed("sev:3"),
        "duration": ButtonPressed("dur:2"),
        "behaviour": ButtonPressed("beh:settles"),
        "morning": ButtonPressed("morn:y"),
        "screen": ButtonPressed("scr:none"),
    }
    while result.state is not None and (result.state.step != target or passing):
        step = result.state.step
        passing -= step == target
        result = _step(result.state, harmless.get(step, TextReceived("no")))
    assert result.state is not None
    return result.state


# ---------------------------------------------------------------- buttons and typing


def test_an_expired_button_says_so_and_asks_again() -> None:
    state = _walk_to("my knee hurts", "severity")
    result = _step(state, ButtonPressed("f:pop:y"))
    assert result.state == state
    assert "expired" in result.replies[0].text
    assert result.replies[1:] == pd.prompt(state, _ctx())


def test_unreadable_input_gets_an_example_and_the_question_again() -> None:
    state = _walk_to("my knee hurts", "severity")
    for event in (TextReceived("banana"), LocationShared(51.5, -0.1)):
        result = _step(state, event)
        assert result.state == state
        assert "6/10" in result.replies[0].text
        assert result.replies[1:] == pd.prompt(state, _ctx())


@pytest.mark.parametrize(
    ("typed", "worst"),
    [("6", 6), ("like a 7", 7), ("mild", 2), ("agony", 8), ("is 6 a lot?", 6)],
)
def test_typed_severity(typed: str, worst: int) -> None:
    state = _walk_to("my knee hurts", "severity")
    result = _step(state, TextReceived(typed))
    assert result.state is not None
    assert result.state.data["report"]["worst"] == worst


@pytest.mark.parametrize("typed", ["what does 10 mean?", "how do i rate a 5 vs a 6?"])
def test_a_question_about_the_scale_is_no_score(typed: str) -> None:
    # "what does 10 mean?" was a worst pain of 10.
    state = _walk_to("my knee hurts", "severity")
    result = _step(state, TextReceived(typed))
    assert result.state == state
    assert "6/10" in result.replies[0].text
    assert result.replies[1:] == pd.prompt(state, _ctx())


def test_typed_place_with_a_typo() -> None:
    start = _step(None, Started({}))
    assert start.state is not None and start.state.step == "location"
    result = _step(start.state, TextReceived("my left achillies"))
    assert result.state is not None
    assert result.state.data["report"]["locations"] == ["achilles"]
    assert result.state.data["report"]["side"] == "left"


def test_a_red_flag_typed_at_any_question_is_not_lost() -> None:
    state = _walk_to("my knee hurts", "severity")
    result = _step(state, TextReceived("about a 5, and its gone numb"))
    assert result.state is not None
    assert result.state.data["report"]["worst"] == 5
    assert result.state.data["report"]["flags"]["numbness"] == "yes"


def test_prompt_repeats_the_question_as_first_asked() -> None:
    start = _step(None, Started({"text": "my knee hurts"}))
    assert start.state is not None
    assert pd.prompt(start.state, _ctx()) == start.replies[1:]
    assert pd.prompt(DialogState(pd.NAME, "start"), _ctx())[0].buttons


# ---------------------------------------------------------------- the verdicts


def _physio() -> Transition:
    result, _asked = run_case(
        Case("outer knee pain for 3 weeks, builds until i have to stop, worse on stairs", PHYSIO)
    )
    return result


def test_a_physio_referral_has_a_forwardable_summary_and_a_check_in() -> None:
    result = _physio()
    text = result.replies[-1].text
    assert text.startswith(HEADERS[PHYSIO])
    assert "physiotherapist or sports doctor this week" in text
    assert "Why:" in text and "This isn't a diagnosis" in text
    quote = re.search(r"<blockquote>(.*)</blockquote>", text)
    assert quote is not None
    summary = _saved(result).summary
    assert summary.startswith("Outer knee, for about 3 weeks.")
    assert "Worse with stairs." in summary and "Swelling: no." in summary
    (checkin,) = [e for e in result.effects if isinstance(e, ScheduleMessage)]
    key = _saved(result).key
    assert checkin == ScheduleMessage(
        kind=nudges.PAIN_CHECKIN,
        due=NOW + timedelta(days=3),
        key=f"{key}/1",
        payload={"dialog": "pain", "args": {"checkin": key}},
    )


def test_modify_says_what_changes_and_checks_in_after_48_hours() -> None:
    result, _asked = run_case(Case("front of my knee aches on runs, 3/10", MODIFY))
    text = result.replies[-1].text
    assert text.startswith(HEADERS[MODIFY])
    assert "2/10" in text  # the stricter front-of-knee limit
    assert "48 hours" in text
    (checkin,) = [e for e in result.effects if isinstance(e, ScheduleMessage)]
    assert checkin.due == NOW + timedelta(hours=48)
    assert checkin.kind == nudges.PAIN_CHECKIN


def test_carry_on_says_what_is_normal_and_when_to_come_back() -> None:
    result, _asked = run_case(Case("glutes wrecked lol", CONTINUE))
    text = result.replies[-1].text
    assert text.startswith(HEADERS[CONTINUE])
    assert "normal" in text and "not normal" in text and "/pain" in text
    assert not any(isinstance(e, ScheduleMessage) for e in result.effects)


def test_several_problems_triage_the_worst_and_mention_the_others() -> None:
    case = Case("calves sore after the race but my left knee swelled up", PHYSIO)
    result, _asked = run_case(case)
    text = result.replies[-1].text
    assert "your calf" in text  # mentioned as the other problem
    assert _saved(result).summary.startswith("Front of knee")


@pytest.mark.parametrize(("consent", "store"), [(True, True), (False, False)])
def test_without_consent_the_details_are_not_stored(consent: bool, store: bool) -> None:
    profile = PROFILE.model_copy(update={"pain_consent": consent})
    result = _step(None, Started({"text": "heard a pop in my calf"}), _ctx(profile=profile))
    saved = _saved(result)
    assert saved.store is store
    assert saved.level == URGENT  # triaged and advised either way


def test_a_place_still_open_after_ten_days_goes_to_a_physio() -> None:
    old = PainRecord(
        key="pain-old",
        locations=(L.KNEE_OUTSIDE,),
        level=MODIFY,
        worst=4,
        first_reported=date(2025, 2, 20),
    )
    ctx = _ctx(pain=PainStatus(level=MODIFY, locations=frozenset({L.KNEE_OUTSIDE}), reports=(old,)))
    result = _step(None, Started({"text": "outer knee still sore"}), ctx)
    while result.state is not None:
        answer = {"walk": ButtonPressed("walk:ok"), "screen": ButtonPressed("scr:none")}.get(
            result.state.step, TextReceived("idk" if result.state.step != "flag" else "no")
        )
        if result.state.step == "behaviour":
            answer = ButtonPressed("beh:settles")
        result = _step(result.state, answer, ctx)
    # The new report updates the open one for the same place rather than opening a second.
    [update] = [e for e in result.effects if isinstance(e, pd.UpdatePainReport)]
    assert (update.key, update.level) == ("pain-old", PHYSIO)


# ---------------------------------------------------------------- check-ins

RECORD = PainRecord(
    key="pain-20250303070000",
    locations=(L.ACHILLES,),
    level=MODIFY,
    worst=4,
    first_reported=date(2025, 3, 3),
)


def _checkin_ctx(record: PainRecord = RECORD, now: datetime = NOW) -> Context:
    status = PainStatus(
        level=record.level, locations=frozenset(record.locations), reports=(record,)
    )
    return _ctx(pain=status, now=now)


def _start_checkin(ctx: Context) -> Transition:
    result = _step(None, Started({"checkin": RECORD.key}), ctx)
    assert result.state is not None and result.state.step == "checkin"
    assert "How is your Achilles now?" in result.replies[0].text
    return result


def test_check_in_better_resolves_the_report() -> None:
    ctx = _checkin_ctx()
    result = _step(_start_checkin(ctx).state, ButtonPressed("ci:better"), ctx)
    assert result.state is None
    assert result.replies[0].text.startswith(HEADERS[CONTINUE])
    assert result.effects == (
        pd.UpdatePainReport(
            key=RECORD.key,
            level=CONTINUE,
            reasons=("you said it's better",),
            trend="better",
            severity=None,
            resolved=True,
        ),
    )


def test_check_in_same_early_keeps_modify_and_checks_again() -> None:
    ctx = _checkin_ctx()
    asked = _step(_start_checkin(ctx).state, ButtonPressed("ci:same"), ctx)
    assert asked.state is not None and asked.state.step == "checkin_sev"
    result = _step(asked.state, ButtonPressed("cs:4"), ctx)
    assert result.replies[0].text.startswith(HEADERS[MODIFY])
    assert result.effects == (
        pd.UpdatePainReport(
            key=RECORD.key,
            level=MODIFY,
            reasons=("it's about the same",),
            trend="same",
            severity=4,
            resolved=False,
        ),
        ScheduleMessage(
            kind=nudges.PAIN_CHECKIN,
            due=NOW + timedelta(hours=48),
            key=f"{RECORD.key}/2",
            payload={"dialog": "pain", "args": {"checkin": RECORD.key}},
        ),
    )


def test_check_in_not_better_by_day_ten_becomes_physio() -> None:
    ctx = _checkin_ctx(now=NOW + timedelta(days=8))
    asked = _step(_start_checkin(ctx).state, TextReceived("about the same"), ctx)
    result = _step(asked.state, TextReceived("4"), ctx)
    text = result.replies[0].text
    assert text.startswith(HEADERS[PHYSIO])
    assert "<blockquote>" in text and "isn't a diagnosis" in text
    update = result.effects[0]
    assert isinstance(update, pd.UpdatePainReport) and update.level == PHYSIO
    assert "not_better" not in update.reasons  # reasons are words, not codes
    assert any("ten days" in reason for reason in update.reasons)


def test_check_in_with_rising_severity_becomes_physio() -> None:
    record = RECORD.model_copy(update={"severities": (4,)})
    ctx = _checkin_ctx(record)
    result = _step(None, Started({"checkin": record.key}), ctx)
    result = _step(result.state, TextReceived("worse, 6/10"), ctx)
    assert result.state is None
    assert result.replies[0].text.startswith(HEADERS[PHYSIO])
    update = result.effects[0]
    assert isinstance(update, pd.UpdatePainReport) and update.severity == 6


def test_check_in_mentioning_an_urgent_sign_goes_straight_to_urgent() -> None:
    ctx = _checkin_ctx()
    result = _step(_start_checkin(ctx).state, TextReceived("felt a snap and now cant walk"), ctx)
    assert result.state is None
    assert result.replies[0].text.startswith(HEADERS[URGENT])
    assert CancelMessages(kinds=pd.URGENT_CANCELS) in result.effects


def test_check_in_after_a_referral_offers_seen_a_physio() -> None:
    record = RECORD.model_copy(update={"level": PHYSIO})
    ctx = _checkin_ctx(record)
    start = _step(None, Started({"checkin": record.key}), ctx)
    assert "ci:seen" in _buttons(start)
    asked = _step(start.state, ButtonPressed("ci:seen"), ctx)
    assert asked.state is not None and asked.state.step == "advice"  # what did they say?
    result = _step(asked.state, ButtonPressed("adv:rest"), ctx)
    update, again = result.effects
    assert isinstance(update, pd.UpdatePainReport) and update.trend == "seen"
    assert isinstance(again, ScheduleMessage) and again.due == NOW + timedelta(days=7)


def test_check_in_after_urgent_care_seen_and_told_to_rest_or_not_seen_stays_urgent() -> None:
    record = RECORD.model_copy(update={"level": URGENT})
    ctx = _checkin_ctx(record)
    start = _step(None, Started({"checkin": record.key}), ctx)
    asked = _step(start.state, TextReceived("got it seen yesterday"), ctx)
    assert asked.state is not None and asked.state.step == "advice"
    seen = _step(asked.state, TextReceived("they said rest it for a week"), ctx)
    update = seen.effects[0]
    assert isinstance(update, pd.UpdatePainReport) and update.level == URGENT
    assert update.advice == "rest"  # seen, told to rest: still held
    same = _step(start.state, ButtonPressed("ci:same"), ctx)
    result = _step(same.state, ButtonPressed("cs:5"), ctx)
    assert result.replies[0].text.startswith(HEADERS[URGENT])
    assert "today" in result.replies[0].text
    update, again = result.effects
    assert isinstance(update, pd.UpdatePainReport) and update.level == URGENT
    assert isinstance(again, ScheduleMessage) and again.due == NOW + timedelta(days=3)


def test_check_in_expired_button_and_unknown_report() -> None:
    ctx = _checkin_ctx()
    start = _start_checkin(ctx)
    result = _step(start.state, ButtonPressed("cs:3"), ctx)
    assert result.state == start.state and "expired" in result.replies[0].text
    gone = _step(None, Started({"checkin": "pain-unknown"}), ctx)
    assert gone.state is None and "/pain" in gone.replies[0].text


def test_replies_are_plain_data() -> None:
    result = _step(None, Started({"text": "my knee hurts"}))
    assert result.replies == (
        Reply("Sorry to hear that. A few quick questions so I can point you the right way."),
        Reply(
            "Which part of the knee?",
            (
                (Button("Front / kneecap", "knee:front"), Button("Outside", "knee:outside")),
                (Button("Inside", "knee:inside"), Button("Behind", "knee:back")),
            ),
        ),
    )


# ---------------------------------------------------------------- the middle ground (issue 12)


def _steps_until_verdict(text: str, answers: dict[str, UserInput]) -> tuple[list[str], Transition]:
    """Walk a message through the dialog with fixed answers; the steps asked and the end."""
    result = _step(None, Started({"text": text}))
    asked: list[str] = []
    while result.state is not None:
        step = result.state.step
        asked.append(result.state.data.get("flag") or step)
        assert len(asked) < 15, asked
        result = _step(result.state, answers.get(step, TextReceived("no")))
    return asked, result


CALM_ANSWERS: dict[str, UserInput] = {
    "walk": ButtonPressed("walk:ok"),
    "screen": ButtonPressed("scr:none"),
    "severity": ButtonPressed("sev:3"),
    "duration": ButtonPressed("dur:6"),
    "behaviour": ButtonPressed("beh:same"),
    "morning": ButtonPressed("morn:y"),
    "settles": ButtonPressed("set:n"),
}


@pytest.mark.parametrize(
    ("part", "level"), [("hip:front", URGENT), ("hip:outside", PHYSIO)]
)
def test_my_hip_with_a_limp_asks_which_part_before_sending_anyone_to_urgent_care(
    part: str, level: str
) -> None:
    """A deep hip pain with a limp can be a stress fracture (same-day care); an outer hip's
    limp is a physio's. "My hip" says neither, so the part is asked first."""
    text = "my hip hurt so much on todays run that my friend said i was running lopsided"
    asked, result = _steps_until_verdict(text, {**CALM_ANSWERS, "hip": ButtonPressed(part)})
    assert asked[0] == "hip"
    assert _saved(result).level == level


def test_doms_said_in_passing_gets_one_confirming_question_and_carry_on() -> None:
    start = _step(None, Started({"text": "bit of DOMS in my glutes after yesterday"}))
    assert start.state is not None and start.state.step == "soreness"
    intro = _text(start)
    assert intro.startswith("Sounds like normal training soreness.") and "Sorry" not in intro
    assert "both sides" in intro and "easing as you move" in intro
    result = _step(start.state, ButtonPressed("sore:y"))
    assert result.state is None
    assert result.replies[-1].text.startswith(HEADERS[CONTINUE])
    assert _saved(result).level == CONTINUE
    assert not any(isinstance(e, ScheduleMessage) for e in result.effects)


def test_doms_said_in_full_gets_carry_on_at_once() -> None:
    text = "sore after yesterday's session, both calves, kinda eases once i get moving"
    result = _step(None, Started({"text": text}))
    assert result.state is None
    assert result.replies[-1].text.startswith(HEADERS[CONTINUE])


@pytest.mark.parametrize("answer", [ButtonPressed("sore:n"), TextReceived("not sure")])
def test_soreness_not_confirmed_is_asked_about_like_any_pain(answer: UserInput) -> None:
    start = _step(None, Started({"text": "bit of DOMS in my glutes after yesterday"}))
    following = _step(start.state, answer)
    assert following.state is not None and following.state.step == "walk"


def test_pain_that_began_mid_session_is_not_asked_how_long() -> None:
    asked, _ = _steps_until_verdict("calf just went tight mid-run, 4/10", CALM_ANSWERS)
    assert "duration" not in asked
    start = _step(None, Started({"source": "workout", "exercise": "clamshell"}))
    located = _step(start.state, ButtonPressed("loc:glute"))
    result = located
    while result.state is not None:
        assert result.state.step != "duration"
        result = _step(result.state, CALM_ANSWERS.get(result.state.step, TextReceived("no")))
    assert _saved(result).report["days"] == 0


@pytest.mark.parametrize(
    ("text", "asks_pop"),
    [
        ("shins have been sore on my runs for 3 weeks", False),
        ("front of my knee aches more each run, 3/10", False),
        ("felt a twang in my calf on the hill", True),
        ("my calf hurts", True),  # no story yet: a pop is still asked
    ],
)
def test_a_pop_is_asked_about_only_when_it_could_have_started_suddenly(
    text: str, asks_pop: bool
) -> None:
    asked, _ = _steps_until_verdict(text, {**CALM_ANSWERS, "knee": ButtonPressed("knee:front")})
    assert ("pop" in asked) == asks_pop, asked


def test_a_grab_the_runner_is_not_sure_about_goes_to_a_physio_not_a_and_e() -> None:
    text = "felt a grab in my hamstring on strides, not sure what it was, limping a bit"
    answers = {**CALM_ANSWERS, "walk": ButtonPressed("walk:limp"), "flag": TextReceived("idk")}
    asked, result = _steps_until_verdict(text, answers)
    assert "pop" in asked
    verdict = result.replies[-1].text
    assert verdict.startswith(HEADERS[PHYSIO])
    assert "A&amp;E" not in verdict and "a pop, snap or crack" not in verdict
    assert "weren't sure whether something popped" in verdict


@pytest.mark.parametrize(("place", "level"), [("calf", URGENT), ("ankle", PHYSIO)])
def test_a_swollen_calf_is_asked_whether_it_is_hot_or_red(place: str, level: str) -> None:
    """One swollen calf that is also warm and red is a clot sign (same-day care), so once the
    runner says it is swollen the dialog asks about heat and redness; a swollen, warm ankle
    stays a physio's."""
    yes = {"swelling", "hot_red"}
    result = _step(None, Started({"text": f"my right {place} aches, started yesterday"}))
    asked: list[str] = []
    while result.state is not None:
        step = result.state.step
        flag = result.state.data["flag"] if step == "flag" else None
        asked.append(flag or step)
        answer = {"screen": ButtonPressed("scr:u"), "flag": ButtonPressed(f"f:{flag}:n")}
        if flag in yes:
            answer["flag"] = ButtonPressed(f"f:{flag}:y")
        result = _step(result.state, answer.get(step) or CALM_ANSWERS[step])
    assert ("hot_red" in asked) == (place == "calf"), asked
    assert _saved(result).level == level


def test_a_tendon_pain_inside_the_limits_keeps_loading() -> None:
    text = "achilles twinges about 3/10 on my runs but it's settled by the next morning"
    asked, result = _steps_until_verdict(text, CALM_ANSWERS)
    verdict = result.replies[-1].text
    assert verdict.startswith(HEADERS[MODIFY])
    assert "run if it stays at or under 3-5/10" in verdict
    assert "settled by tomorrow morning" in verdict and "Here's how to check" in verdict
    assert "keep exercises for your Achilles in your sessions at an easy level" in verdict
    assert "pause" not in verdict
    assert "pop" not in asked  # a gradual pain


def test_a_physio_referral_for_a_tendon_past_the_limits_keeps_it_loaded_meanwhile() -> None:
    text = "achilles 6/10 on every run and still sore the next morning, 3 weeks"
    _asked, result = _steps_until_verdict(text, CALM_ANSWERS)
    verdict = result.replies[-1].text
    assert verdict.startswith(HEADERS[PHYSIO])
    assert "Please pause running" not in verdict
    assert "don't rest it completely" in verdict and "at or under 3-5/10" in verdict
    # A physio pain that is no tendon's still pauses running.
    _asked, other = _steps_until_verdict(
        "shin hurts in one spot and hopping hurts, 2 weeks", CALM_ANSWERS
    )
    assert "Please pause running" in other.replies[-1].text


@pytest.mark.parametrize("flag", sorted(pd.SCREENED))
def test_every_sign_a_screen_can_list_has_its_line_button_and_own_question(flag: str) -> None:
    for key in ("screen_item", "screen_button", "ask.flag"):
        assert t(f"pain.{key}.{flag}")


def test_an_urgent_sign_the_first_words_seemed_to_deny_is_listed_again_in_the_screen() -> None:
    """Words are misread ("not normal numbness" is not a denial): an urgent sign the first
    message was read as denying is listed again when the place's signs are screened anyway."""
    start = _step(
        None, Started({"text": "lower back sore since the weekend, no numbness down there"})
    )
    assert start.state is not None and start.state.step == "screen"
    assert start.state.data["items"] == ["bladder", "both_legs", "constant", "saddle"]
    result = _step(start.state, ButtonPressed("scr:saddle"))
    assert result.state is None and _saved(result).level == URGENT


def _until(text: str, target: str) -> DialogState:
    result = _step(None, Started({"text": text}))
    while result.state is not None and result.state.step != target:
        result = _step(result.state, CALM_ANSWERS.get(result.state.step, TextReceived("no")))
    assert result.state is not None, f"never asked {target}"
    return result.state


@pytest.mark.parametrize(("answer", "level"), [("set:y", CONTINUE), ("set:n", MODIFY)])
def test_a_mild_pain_is_asked_whether_it_is_a_normal_running_pain(answer: str, level: str) -> None:
    """However it is worded, a mild pain with no sign of more is one question from its level:
    within the criteria's limits of a normal running pain (continue) or not (modify)."""
    state = _until("my calf niggled on the tempo, about a 2", "settles")
    (ask,) = pd.prompt(state, _ctx())
    assert ask.text.startswith("One more check: while you run, does it stay at about 3 out of 10")
    result = _step(state, ButtonPressed(answer))
    assert result.state is None and _saved(result).level == level
    assert result.replies[-1].text.startswith(HEADERS[level])


def test_the_settling_check_is_not_asked_when_it_cannot_change_the_level() -> None:
    asked, result = _steps_until_verdict("my calf is a 5/10 on runs since monday", CALM_ANSWERS)
    assert "settles" not in asked
    assert _saved(result).level == MODIFY
