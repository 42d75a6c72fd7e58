"""One driver for the pure core: feeds inputs to a dialog's step(), checks every transition the
way the shell relies on it, and merges each SaveProfile into the profile as the shell does."""

from __future__ import annotations

import dataclasses
import json
import re
import string
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, Protocol

from dialogs.core import (
    ButtonPressed,
    Context,
    DialogState,
    Effect,
    LocationShared,
    LogEvent,
    Reply,
    SaveProfile,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.records import Profile
from dialogs.texts import catalogue

# Telegram shows at most this many buttons in a row that stay readable on a phone, and the
# value must fit in the signed callback data (64 bytes with the version and signature).
ROW_MOST = 6
VALUE_BYTES_MOST = 24
# Fragments joined inside other texts, not lines of their own.
FRAGMENTS = frozenset({"onboarding.and", "onboarding.ticked"})


class Dialog(Protocol):
    NAME: str

    def step(self, state: DialogState | None, event: UserInput, ctx: Context) -> Transition: ...


def template_pattern(template: str) -> str:
    """A regular expression for a catalogue text, with each {value} as a wildcard."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(".+?")
    return "".join(parts)


@cache
def catalogue_lines(sections: frozenset[str]) -> re.Pattern[str]:
    """Every line of every text in these catalogue sections, with {values} as wildcards."""
    patterns = {
        template_pattern(line)
        for key, text in catalogue().items()
        if key.split(".")[0] in sections and key not in FRAGMENTS
        for line in text.split("\n")
        if any(literal.strip() for literal, *_ in string.Formatter().parse(line))
    }
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)))


def assert_lines_from_catalogue(reply: Reply, sections: frozenset[str]) -> None:
    """Every line of the reply's text comes from these sections of the message catalogue."""
    lines = catalogue_lines(sections)
    for line in reply.text.split("\n"):
        assert not line or lines.fullmatch(line), f"not in the catalogue: {line!r}"


def _no_check(_reply: Reply, _step: str | None) -> None:
    return None


class DialogRunner:
    """A runner talking to one dialog, with the shell reduced to what a step's result needs.

    check_reply(reply, step after) adds the dialog's own checks on every reply; effects, when
    given, are the only effect types the dialog may ask for; hands_over_to names the dialogs
    it may hand the runner over to (at their start step).
    """

    def __init__(
        self,
        dialog: Dialog,
        ctx: Context,
        *,
        check_reply: Callable[[Reply, str | None], None] = _no_check,
        effects: tuple[type[Effect], ...] = (),
        hands_over_to: tuple[str, ...] = (),
    ) -> None:
        self.dialog = dialog
        self.base = ctx
        self.profile = ctx.profile
        self.check_reply = check_reply
        self.allowed = effects
        self.hands_over_to = hands_over_to
        self.state: DialogState | None = None
        self.last = Transition(None)
        self.effects: list[Effect] = []

    @property
    def ctx(self) -> Context:
        """The context with the profile as saved so far."""
        return dataclasses.replace(self.base, profile=self.profile)

    def send(self, event: UserInput) -> Transition:
        start = DialogState(self.dialog.NAME, "start")
        before = start if isinstance(event, Started) else self.state
        result = self.dialog.step(before, event, self.ctx)
        after = result.state
        # A hand-over may leave the answer to the dialog it hands over to (the router runs it).
        handed_over = after is not None and after.dialog != self.dialog.NAME
        assert result.replies or handed_over, "every input gets an answer"
        for reply in result.replies:
            self.check_reply(reply, after.step if after else None)
            for row in reply.buttons:
                assert 1 <= len(row) <= ROW_MOST
                for button in row:
                    assert button.value.isascii()
                    assert len(button.value.encode()) <= VALUE_BYTES_MOST
        if after is not None:
            own = after.dialog == self.dialog.NAME
            assert own or (after.dialog in self.hands_over_to and after.step == "start"), after
            json.dumps(after.data)  # the shell stores it between messages
        for effect in result.effects:
            assert not self.allowed or isinstance(effect, self.allowed), effect
            if isinstance(effect, SaveProfile):
                current = self.profile.model_dump() if self.profile else {}
                self.profile = Profile.model_validate({**current, **effect.fields})
        self.state, self.last = after, result
        self.effects.extend(result.effects)
        return result

    def start(self, event: Started | None = None) -> Transition:
        return self.send(event or Started())

    def type(self, text: str) -> Transition:
        return self.send(TextReceived(text))

    def press(self, value: str) -> Transition:
        assert value in self.shown(), f"{value} is not on screen: {sorted(self.shown())}"
        return self.send(ButtonPressed(value))

    def walk(self, inputs: Iterable[str | ButtonPressed | LocationShared]) -> None:
        for item in inputs:
            if isinstance(item, ButtonPressed):
                self.press(item.value)
            elif isinstance(item, LocationShared):
                self.send(item)
            else:
                self.type(item)

    def shown(self) -> set[str]:
        """The values of the buttons on screen now."""
        return {b.value for r in self.last.replies for row in r.buttons for b in row}

    def labels(self) -> dict[str, str]:
        return {b.value: b.label for r in self.last.replies for row in r.buttons for b in row}

    @property
    def step(self) -> str | None:
        return self.state.step if self.state else None

    @property
    def answers(self) -> dict[str, Any]:
        """The answers kept so far by a dialog that collects them (onboarding)."""
        assert self.state is not None
        answers: dict[str, Any] = self.state.data["answers"]
        return answers

    @property
    def saves(self) -> list[dict[str, Any]]:
        """The fields of every SaveProfile so far, in order."""
        return [e.fields for e in self.effects if isinstance(e, SaveProfile)]

    @property
    def logged(self) -> list[LogEvent]:
        return [e for e in self.effects if isinstance(e, LogEvent)]

    def text(self) -> str:
        """The text of the last answer's replies, one after another."""
        return "\n".join(r.text for r in self.last.replies)


def press(value: str) -> ButtonPressed:
    return ButtonPressed(value)
