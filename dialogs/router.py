"""Routes every input to the right dialog: commands, global buttons, pain talk, hand-overs.

This is the one place that knows all dialogs. A dialog knows only its own steps.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Protocol

from dialogs import data_rights, small_talk
from dialogs.core import (
    ButtonPressed,
    CommandReceived,
    Context,
    DialogState,
    Reply,
    ScheduleMessage,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.learn import asking
from dialogs.learn import dialog as learn
from dialogs.pain import dialog as pain_dialog
from dialogs.pain import interrupt as pain
from dialogs.profile import onboarding, questions, settings
from dialogs.texts import t
from dialogs.training import checkin, field_tests, nudges, progress, workout


class Dialog(Protocol):
    NAME: str

    def step(self, state: DialogState | None, event: UserInput, ctx: Context) -> Transition: ...

    def prompt(self, state: DialogState, ctx: Context) -> tuple[Reply, ...]: ...


DIALOGS: MappingProxyType[str, Dialog] = MappingProxyType(
    {
        d.NAME: d
        for d in (
            onboarding,
            workout,
            learn,
            pain_dialog,
            checkin,
            data_rights,
            settings,
            field_tests,
        )
    }
)

# Commands that open a dialog; each has a one-line menu description in core.toml [command].
DIALOG_COMMANDS: MappingProxyType[str, str] = MappingProxyType(
    {
        "start": "onboarding",
        "workout": "workout",
        "tests": "field_tests",
        "learn": "learn",
        "pain": "pain",
        "settings": "settings",
        "schedule": "settings",
        "delete": "delete",
    }
)
OTHER_COMMANDS = ("progress", "pause", "resume", "privacy", "export", "help", "cancel")

GLOBAL_BUTTON = "go:"
# Buttons valid whatever the runner is doing: dialog shortcuts and reminder actions.
GLOBAL_PREFIXES = (GLOBAL_BUTTON, nudges.BUTTON_PREFIX)
RESUME_KEY = "_resume"
# The dialogs that save what their questions read (the catalogue's): there a question that asks
# for something is answered before the step could save an option word in it ("do i need
# weights?" is not owning weights).
PROFILE_DIALOGS = frozenset({onboarding.NAME, settings.NAME})
# The core reads at most this many characters of a typed message or a command's arguments
# (Telegram allows 4096): no answer is that long, and every reader stays quick on a paste.
TEXT_LIMIT = 500
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|yo|(?:good )?(?:morning|afternoon|evening))\b", re.IGNORECASE
)


def commands() -> list[tuple[str, str]]:
    """Every command and its description, in menu order, for setMyCommands."""
    return [(name, t(f"core.command.{name}")) for name in (*DIALOG_COMMANDS, *OTHER_COMMANDS)]


def route(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """The next transition for this input, whatever dialog the runner is in.

    This is where typed text enters the core, so this is where a long paste is cut.
    """
    capped = _capped(event)
    result = _in_waking_hours(_route(state, capped, ctx), ctx)
    if capped is event:
        return result
    cut = Reply(t("core.text_cut", limit=TEXT_LIMIT))
    return replace(result, replies=(cut, *result.replies))


def _capped(event: UserInput) -> UserInput:
    """The input with its text cut to TEXT_LIMIT characters (the same object when short)."""
    match event:
        case TextReceived(text=text) if len(text) > TEXT_LIMIT:
            return TextReceived(text[:TEXT_LIMIT])
        case CommandReceived(name=name, args=args) if len(args) > TEXT_LIMIT:
            return CommandReceived(name, args[:TEXT_LIMIT])
    return event


def _route(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    match event:
        case CommandReceived(name=name):
            return _command(state, name, event.args, ctx)
        case ButtonPressed(value=value) if value.startswith(GLOBAL_BUTTON):
            return _enter(value.removeprefix(GLOBAL_BUTTON), {}, ctx, replies=())
        case ButtonPressed(value=value) if value.startswith(nudges.BUTTON_PREFIX):
            return nudges.on_button(value, state, ctx)
    if state is None and isinstance(event, TextReceived):
        chatted = small_talk.reply(event.text, ctx)  # "thanks", "when is my next session?"
        if chatted is not None:
            return Transition(None, (chatted,))
    result = None if state is None else DIALOGS[state.dialog].step(state, event, ctx)
    # A typed question the current step could not take as an answer is answered, and the
    # step asked again (a report of pain is left to triage below); so is one asking about the
    # options of a profile question.
    answered = _asked_at_step(state, result, event) or asking.answer_anywhere(state, result, event)
    if answered is not None:
        return _keep(state, answered, ctx)
    if state is None or result is None:
        entry = pain.interrupts(None, None, event, ctx)
        if entry is not None:
            return _enter(pain_dialog.NAME, entry, ctx, replies=())
        # "not today" or "remind me later" with no dialog open answers the day's reminder.
        if state is None and isinstance(event, TextReceived):
            typed = nudges.typed_reminder_reply(event.text, ctx)
            if typed is not None:
                return nudges.on_button(typed, None, ctx)
        return Transition(None, (_idle_reply(event, ctx),))
    entry = pain.interrupts(state, result, event, ctx)
    if entry is not None:
        return _enter(pain_dialog.NAME, {**entry, **_stash(state)}, ctx, replies=())
    if isinstance(event, TextReceived):
        result = _with_words(result, event.text)
    return _continue(state, result, ctx)


def _asked_at_step(
    state: DialogState | None, result: Transition | None, event: UserInput
) -> Transition | None:
    if state is None or result is None or not isinstance(event, TextReceived):
        return None
    if state.dialog not in PROFILE_DIALOGS or state.step not in questions.ANSWER_STEPS:
        return None  # a menu or the summary: "how do i change my days" opens the days
    help_text = questions.step_help(state.step)
    return asking.answer_first(state, result, event.text, step_help=help_text)


def is_global(value: str) -> bool:
    """Whether a button works in any dialog state (so it carries no dialog version)."""
    return value.startswith(GLOBAL_PREFIXES)


def deliver(
    kind: str, payload: dict[str, Any], state: DialogState | None, ctx: Context
) -> Transition:
    """A scheduled message falling due: a check-in enters its dialog (pausing the current
    one, which resumes afterwards); anything else is a message with buttons."""
    if "dialog" in payload:
        args = {**payload.get("args", {}), **_stash(state)}
        return _in_waking_hours(_enter(payload["dialog"], args, ctx, replies=()), ctx)
    replies, effects = nudges.render(kind, payload, ctx)
    return _in_waking_hours(Transition(state, replies, effects), ctx)


def _in_waking_hours(result: Transition, ctx: Context) -> Transition:
    """Every message the core schedules is moved out of the runner's quiet hours here, once,
    whichever dialog scheduled it."""
    profile = ctx.profile
    if profile is None:
        return result
    effects = tuple(
        replace(e, due=nudges.outside_quiet_hours(e.due, profile))
        if isinstance(e, ScheduleMessage)
        else e
        for e in result.effects
    )
    return replace(result, effects=effects)


def expired(state: DialogState | None, ctx: Context) -> Transition:
    """The reply to a button from an old message: say so, then ask the current question."""
    if state is None:
        return Transition(None, (Reply(t("core.expired_idle")),))
    return Transition(state, (Reply(t("core.expired")), *DIALOGS[state.dialog].prompt(state, ctx)))


def _command(state: DialogState | None, name: str, args: str, ctx: Context) -> Transition:
    if name == "help":
        again = DIALOGS[state.dialog].prompt(state, ctx) if state else ()
        return Transition(state, (Reply(t("core.help")), *again))
    if name == "pause":
        return _keep(state, nudges.pause(args, ctx), ctx)
    if name == "resume":
        return _keep(state, nudges.resume(ctx), ctx)
    if name == "progress":
        return _keep(state, progress.show(ctx), ctx)
    if name == "privacy":
        return _keep(state, data_rights.privacy(ctx), ctx)
    if name == "export":
        return _keep(state, data_rights.export(ctx), ctx)
    if name == "cancel":
        text = t("core.cancelled") if state else t("core.nothing_to_cancel")
        return Transition(None, (Reply(text),))
    if name in DIALOG_COMMANDS:
        dialog = DIALOG_COMMANDS[name]
        entry: dict[str, Any] = {"args": args} if args else {}
        if name == "schedule":
            entry["scope"] = "schedule"
        return _enter(dialog, entry, ctx, replies=())
    unknown = t("core.unknown_command", name=name) + "\n\n" + t("core.help")
    return Transition(state, (Reply(unknown),))


def _keep(state: DialogState | None, done: Transition, ctx: Context) -> Transition:
    """A one-shot command inside a dialog: answer it, then ask the dialog's question again."""
    again = DIALOGS[state.dialog].prompt(state, ctx) if state else ()
    return Transition(state, (*done.replies, *again), done.effects)


def _enter(
    dialog: str, args: dict[str, Any], ctx: Context, *, replies: tuple[Reply, ...]
) -> Transition:
    if dialog not in DIALOGS:
        return Transition(None, (*replies, Reply(t("core.expired_idle"))))
    start = DialogState(dialog, "start", args)
    return _continue(start, DIALOGS[dialog].step(start, Started(args), ctx), ctx, prefix=replies)


def _continue(
    before: DialogState, result: Transition, ctx: Context, *, prefix: tuple[Reply, ...] = ()
) -> Transition:
    """Follow a hand-over to another dialog, and resume an interrupted dialog when one ends."""
    replies = (*prefix, *result.replies)
    after = result.state
    stashed = before.data.get(RESUME_KEY)
    if after is not None and stashed and RESUME_KEY not in after.data:
        after = replace(after, data={**after.data, RESUME_KEY: stashed})
    if after is not None and after.dialog != before.dialog and after.step == "start":
        handed = DIALOGS[after.dialog].step(after, Started(after.data), ctx)
        merged = replace(handed, effects=(*result.effects, *handed.effects))
        return _continue(after, merged, ctx, prefix=replies)
    if after is None and stashed and not pain.stops_resuming(result):
        resumed = DialogState(**stashed)
        again = (Reply(t("core.resuming")), *DIALOGS[resumed.dialog].prompt(resumed, ctx))
        return Transition(resumed, (*replies, *again), result.effects)
    return Transition(after, replies, result.effects)


# Buttons of these dialogs stay valid for as long as the dialog is open (browsing has no order).
BUTTONS_STAY_VALID = frozenset({"learn"})


def keeps_old_buttons(state: DialogState | None) -> bool:
    """Whether a button sent earlier in the current dialog may still be pressed."""
    return state is not None and state.dialog in BUTTONS_STAY_VALID


# A hand-over to the pain dialog carries what the runner typed, red flags and all.
_with_words = pain.with_words


def _stash(state: DialogState | None) -> dict[str, Any]:
    # An interrupted pain dialog is not resumed afterwards.
    if state is None or state.dialog == pain_dialog.NAME:
        return {}
    return {RESUME_KEY: {"dialog": state.dialog, "step": state.step, "data": state.data}}


def _idle_reply(event: UserInput, ctx: Context) -> Reply:
    if isinstance(event, TextReceived) and _GREETING.match(event.text):
        known = "core.greeting_known" if ctx.profile is not None else "core.greeting"
        return Reply(t(known, name=ctx.first_name or "there"))
    if isinstance(event, ButtonPressed):
        return Reply(t("core.expired_idle"))
    return Reply(t("core.fallback") + "\n\n" + t("core.help"))


# Between them these reach every reader the core builds on first use: the pain lexicon's
# probes and the red-flag concepts, the duration patterns, the answer index and its synonyms.
_WARM_UP = ("my left knee hurts since sunday, 4/10, swollen", "should i do strength before a run?")


def warm_up() -> None:
    """Read a pain report and a question once, at start-up, so the first runner's messages do
    not wait about a quarter of a second while the readers compile their patterns."""
    ctx = Context(now=datetime(2026, 1, 1, tzinfo=UTC), user_id=0)
    for text in _WARM_UP:
        route(None, TextReceived(text), ctx)
