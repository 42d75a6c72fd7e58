"""/settings and /schedule: a menu of the runner's answers, each changed on its own and saved
at once, plus which reminders and check-ins come.

The questions are the catalogue's (dialogs.profile.questions), so they are worded, shown and
read the same here as in onboarding. /schedule is this dialog with a shorter menu (days, time,
time zone, nudges) that opens with when reminders come and whether they are paused. Every
change emits SaveProfile with that one field; the shell merges it, reschedules and says when
the next reminder is. See settings.mmd beside this file for the transitions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    LogEvent,
    Reply,
    SaveProfile,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.pain import holds
from dialogs.parsing import fold, parse_choice
from dialogs.profile import nudge_switches, onboarding, questions
from dialogs.profile.base import Answered, FollowUp, Reading
from dialogs.profile.typed_change import value_words
from dialogs.records import Profile
from dialogs.texts import Html, has, t
from dialogs.training import phases
from dialogs.training.nudges import OPTIONAL, PAUSED_FOR_GOOD, WORKOUT_REMINDER
from dialogs.vocabulary import vocabulary

NAME = "settings"
SET_UP = "go:onboarding"


class Step(StrEnum):
    """The dialog's own steps; while a question is asked the step is the question's."""

    START = "start"
    MENU = "menu"
    NUDGES = "nudges"


class Scope(StrEnum):
    SETTINGS = "settings"  # /settings: everything
    SCHEDULE = "schedule"  # /schedule: when reminders come, and which


NUDGES_ITEM = "nudges"
DONE = "done"
# What each menu offers, in order; an item is a question (its step) or the nudges. /settings
# offers every question of the catalogue, in its order, with the nudges before consent.
ITEMS: Mapping[Scope, tuple[str, ...]] = {
    Scope.SETTINGS: (
        *(q.step for q in questions.CATALOGUE if q.step != "consent"),
        NUDGES_ITEM,
        "consent",
    ),
    Scope.SCHEDULE: ("days", "time", "timezone", NUDGES_ITEM),
}
if _unknown := {*ITEMS[Scope.SETTINGS], *ITEMS[Scope.SCHEDULE]} - {*questions.BY_STEP, NUDGES_ITEM}:
    raise ValueError(f"the /settings menu names no such question: {sorted(_unknown)}")
MENU_PREFIX = "set:"

# Typed menu choices: the words that name each question, plus the nudges and done.
MENU_WORDS: Mapping[str, Sequence[str]] = {
    **{str(q.step): q.words for q in questions.CATALOGUE},
    **{str(word): words for word, words in vocabulary().settings_menu.items()},
}
# Typed at a question, these leave it unchanged and return to the menu (checked exactly first,
# since a time zone question reads any text as a place).
_LEAVE_WORDS = frozenset({"back", "go back", "menu", "never mind", "nevermind", "leave it"})


# ---------------------------------------------------------------- entry points


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """The next transition of /settings or /schedule for one input."""
    where = None if state is None else _where(state)
    if state is None or where is None or isinstance(event, Started):
        return _start(event.args if isinstance(event, Started) else {}, ctx)
    profile = ctx.profile
    if profile is None:
        return _needs_profile()
    if isinstance(event, ButtonPressed) and event.value not in _button_values(state, profile):
        return Transition(state, (Reply(t("core.expired")), *prompt(state, ctx)))
    if where is Step.MENU:
        return _on_menu(state, event, profile, ctx)
    if where is Step.NUDGES:
        return _on_nudges(state, event, profile)
    return _on_question(state, where, event, ctx, profile)


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question (or menu) again, as first asked."""
    profile = ctx.profile
    if profile is None:
        return _needs_profile().replies
    answers = questions.answers_from_profile(profile)
    where = _where(state)
    if where is Step.NUDGES:
        return (nudge_switches.screen(profile.nudges_off),)
    if where is None or where is Step.MENU:
        return (_menu(_scope(state), answers, profile.nudges_off),)
    return (questions.question(where, _view(state, answers)),)


def _start(args: Mapping[str, Any], ctx: Context) -> Transition:
    profile = ctx.profile
    if profile is None:
        return _needs_profile()
    scope = Scope.SCHEDULE if args.get("scope") == Scope.SCHEDULE else Scope.SETTINGS
    answers = questions.answers_from_profile(profile)
    menu = _state(Step.MENU, scope)
    # "/settings time" opens that question straight away.
    typed = args.get("args")
    item = _menu_choice(typed, scope, answers) if isinstance(typed, str) else None
    if isinstance(typed, str) and item is not None and item != DONE:
        return _open(menu, item, answers, profile, typed=typed, ctx=ctx)
    status = _status(profile, answers, ctx) if scope is Scope.SCHEDULE else ()
    return Transition(menu, (_menu(scope, answers, profile.nudges_off, status=status),))


def _needs_profile() -> Transition:
    button = ((Button(t("settings.set_up"), SET_UP),),)
    return Transition(None, (Reply(t("settings.needs_profile"), button),))


# ---------------------------------------------------------------- where the runner is


def _where(state: DialogState) -> str | None:
    """Step.MENU, Step.NUDGES, or the step of the question asked (None: not this dialog's)."""
    if state.step in (Step.MENU, Step.NUDGES):
        return Step(state.step)
    if state.step in questions.ANSWER_STEPS:
        return state.step
    return None


def _state(at: str, scope: Scope, working: Mapping[str, Any] | None = None) -> DialogState:
    """Where the runner is; data holds the scope and the step's working values only."""
    return DialogState(NAME, str(at), {"scope": str(scope), **(working or {})})


def _scope(state: DialogState) -> Scope:
    return Scope.SCHEDULE if state.data.get("scope") == Scope.SCHEDULE else Scope.SETTINGS


def _view(state: DialogState, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What onboarding's questions read: the saved answers and this step's working values."""
    working = {key: value for key, value in state.data.items() if key != "scope"}
    return {"answers": dict(answers), **working}


def _button_values(state: DialogState, profile: Profile) -> set[str]:
    where = _where(state)
    if where is Step.NUDGES:
        return nudge_switches.button_values()
    answers = questions.answers_from_profile(profile)
    if where is None or where is Step.MENU:
        return {f"{MENU_PREFIX}{item}" for item in (*_offered(_scope(state), answers), DONE)}
    return questions.button_values(where, _view(state, answers))


def _offered(scope: Scope, answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The menu's items for these answers: a question the answers do not ask is left out (no
    race day without a race)."""
    return tuple(
        item
        for item in ITEMS[scope]
        if item == NUDGES_ITEM or questions.applies(item, answers)
    )


# ---------------------------------------------------------------- the menu


def _back_to_menu(scope: Scope, profile: Profile) -> Transition:
    answers = questions.answers_from_profile(profile)
    return Transition(_state(Step.MENU, scope), (_menu(scope, answers, profile.nudges_off),))


def _menu_choice(text: str, scope: Scope, answers: Mapping[str, Any]) -> str | None:
    offered = {*_offered(scope, answers), DONE}
    said = parse_choice(text, {k: v for k, v in MENU_WORDS.items() if k in offered})
    return None if said is None else str(said)


def _on_menu(state: DialogState, event: UserInput, profile: Profile, ctx: Context) -> Transition:
    scope = _scope(state)
    answers = questions.answers_from_profile(profile)
    typed = event.text if isinstance(event, TextReceived) else None
    if isinstance(event, ButtonPressed):
        item: str | None = event.value.removeprefix(MENU_PREFIX)
    elif typed is not None:
        item = _menu_choice(typed, scope, answers)
    else:
        item = None
    if item is None:
        lead = [t("onboarding.retry", example=t("settings.example.menu"))]
        return Transition(state, (_menu(scope, answers, profile.nudges_off, lead=lead),))
    if item == DONE:
        return Transition(None, (Reply(t("settings.closing")),))
    return _open(state, item, answers, profile, typed=typed, ctx=ctx)


def _open(
    state: DialogState,
    item: str,
    answers: Mapping[str, Any],
    profile: Profile,
    *,
    typed: str | None,
    ctx: Context,
) -> Transition:
    """Ask the question behind a menu item, or show the nudges. A new value typed with the
    item ("change time to 6pm") answers the question at once, when it reads as an answer."""
    scope = _scope(state)
    if item == NUDGES_ITEM:
        at = _state(Step.NUDGES, scope)
        said, off = nudge_switches.chosen(TextReceived(typed or ""), profile.nudges_off)
        if said in OPTIONAL:  # "turn off the weekly summary" switches it at once
            return nudge_switches.switch(at, said, off, profile.nudges_off)
        return Transition(at, (nudge_switches.screen(profile.nudges_off),))
    moved = _state(item, scope, questions.working(item, answers))
    value = value_words(typed, MENU_WORDS[item]) if typed is not None else ""
    if value:
        reading = questions.read(item, _view(moved, answers), TextReceived(value), ctx)
        done = _after_reading(moved, item, reading, answers, profile, ctx)
        if done is not None:
            return done
    return Transition(moved, (questions.question(item, _view(moved, answers)),))


def _menu(
    scope: Scope,
    answers: Mapping[str, Any],
    nudges_off: Collection[str],
    *,
    lead: Sequence[str] = (),
    status: Sequence[str] = (),
) -> Reply:
    rows = tuple(
        (Button(_item_label(item, answers, nudges_off), f"{MENU_PREFIX}{item}"),)
        for item in _offered(scope, answers)
    )
    done = (Button(t("settings.button.done"), f"{MENU_PREFIX}{DONE}"),)
    text = [*lead, t(f"settings.menu.{scope}"), *status, t("settings.menu.hint")]
    return Reply("\n".join(text), (*rows, done))


def _item_label(item: str, answers: Mapping[str, Any], nudges_off: Collection[str]) -> str:
    """A menu button: the setting and its current value in a few plain words."""
    if item == NUDGES_ITEM:
        on = sum(kind not in nudges_off for kind in OPTIONAL)
        if on == len(OPTIONAL):
            value = t("settings.value.all_on")
        elif on == 0:
            value = t("settings.value.all_off")
        else:
            value = t("settings.value.some_on", on=on, total=len(OPTIONAL))
        return t("settings.button.nudges", value=Html(value))
    value = questions.label(item, answers)
    # Button labels are plain text, not HTML: the name and value must not be escaped.
    short = f"settings.short.{item}"  # a shorter name than the question's, if the menu has one
    name = t(short) if has(short) else t(f"onboarding.name.{item}")
    return t("settings.button.question", name=Html(name), value=Html(value))


def _status(profile: Profile, answers: Mapping[str, Any], ctx: Context) -> tuple[str, ...]:
    """When workout reminders come and whether they are paused, for the /schedule menu."""
    if profile.workout_days:
        when = t(
            "settings.status.when",
            days=questions.describe("days", answers),
            time=answers["workout_time"],
            zone=questions.describe("timezone", answers),
        )
    else:
        when = t("settings.status.no_days")
    lines = [when]
    if WORKOUT_REMINDER in profile.nudges_off:
        lines.append(t("settings.status.reminders_off"))
    until = profile.paused_until
    held = holds.hold_line(ctx.pain)  # held by a pain: not "Not paused", as none will come
    if held is not None:
        lines.append(held)
    if until is None or until <= ctx.now:
        if held is None:
            lines.append(t("settings.status.running"))
    elif until >= PAUSED_FOR_GOOD:
        lines.append(t("settings.status.paused"))
    else:
        local = until.astimezone(ZoneInfo(profile.timezone))
        lines.append(t("settings.status.paused_until", when=local.strftime("%a %d %b")))
    return tuple(lines)


# ---------------------------------------------------------------- one question


def _on_question(
    state: DialogState, asked: str, event: UserInput, ctx: Context, profile: Profile
) -> Transition:
    answers = questions.answers_from_profile(profile)
    scope = _scope(state)
    if isinstance(event, TextReceived) and fold(event.text) in _LEAVE_WORDS:
        return _back_to_menu(scope, profile)
    view = _view(state, answers)
    reading = questions.read(asked, view, event, ctx)
    done = _after_reading(state, asked, reading, answers, profile, ctx)
    return done or Transition(state, (questions.retry(asked, view),))


def _after_reading(
    state: DialogState,
    asked: str,
    reading: Reading,
    answers: Mapping[str, Any],
    profile: Profile,
    ctx: Context,
) -> Transition | None:
    """An answer saved, or its follow-up question asked; None when nothing was read."""
    scope = _scope(state)
    match reading:
        case Answered(answers=given):
            return _saved(scope, questions.owner(asked), given, answers, profile, ctx)
        case FollowUp(step=str(to), working=values, lead=lead):
            moved = _state(to, scope, values)
            return Transition(moved, (questions.question(to, _view(moved, answers), lead=lead),))
    return None


def _saved(
    scope: Scope,
    question: str,
    given: Mapping[str, Any],
    answers: Mapping[str, Any],
    profile: Profile,
    ctx: Context,
) -> Transition:
    """Save one answer at once, say so, and show the menu with the new value; or ask next a
    question the answer brings in (the race day after a race). Weekly running raised well
    above the previous figure starts a lighter fortnight of strength work."""
    after = questions.without_unasked({**answers, **given})
    fields = questions.profile_fields(after)
    changed = {name: value for name, value in fields.items() if value != answers.get(name)}
    menu = _state(Step.MENU, scope)
    if not changed:
        name, shown = Html(t(f"onboarding.name.{question}")), questions.describe(question, after)
        said_now = t("settings.unchanged", name=name, value=shown)
        return Transition(menu, (_menu(scope, after, profile.nudges_off, lead=[said_now]),))
    # One answer may answer another question too ("marathon in april" gives the race day):
    # each is said to be saved.
    lead = [
        t(
            "settings.saved",
            name=Html(t(f"onboarding.name.{step}")),
            value=questions.describe(step, after),
        )
        for step in questions.answered_by(question, changed, after)
    ]
    if changed.get("pain_consent") is False:
        lead.append(t("settings.consent_withdrawn"))
    if any(
        phases.is_volume_jump(answers.get(name), changed.get(name))
        for name in ("weekly_distance_km", "weekly_minutes")
    ):
        changed["volume_jump_on"] = ctx.today.isoformat()
        lead.append(t("settings.volume_jump"))
    effects = (SaveProfile(changed), LogEvent("setting_changed", _loggable(changed)))
    if (niggle := changed.get("niggle")) is not None:
        # Checked the way a niggle named in onboarding is: the pain dialog takes over.
        return Transition(onboarding.niggle_check(niggle), (Reply("\n".join(lead)),), effects)
    follow = questions.brought_in(answers, after)
    if follow is not None:
        moved = _state(follow, scope, questions.working(follow, after))
        asked = questions.question(follow, {"answers": after}, lead=lead)
        return Transition(moved, (asked,), effects)
    return Transition(menu, (_menu(scope, after, profile.nudges_off, lead=lead),), effects)


def _loggable(changed: Mapping[str, Any]) -> dict[str, Any]:
    """The change as the event log keeps it: the niggle is health data, so only that it
    changed."""
    return {name: ("changed" if name == "niggle" else value) for name, value in changed.items()}


# ---------------------------------------------------------------- reminders and check-ins


def _on_nudges(state: DialogState, event: UserInput, profile: Profile) -> Transition:
    said, switch_off = nudge_switches.chosen(event, profile.nudges_off)
    if said == nudge_switches.BACK:
        return _back_to_menu(_scope(state), profile)
    return nudge_switches.switch(state, said, switch_off, profile.nudges_off)
