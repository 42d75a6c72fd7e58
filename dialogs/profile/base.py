"""What every profile question shares: what reading an input gives, and the small helpers
for buttons, ticks and day lists."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from dialogs.core import Button, ButtonPressed, Context, TextReceived, UserInput
from dialogs.parsing import parse_choice
from dialogs.texts import Html, t


@dataclass(frozen=True, slots=True)
class Answered:
    """The question answered: its answers (JSON values, as in answers) and lines to say first.

    The question is the one whose step was read (the catalogue knows it)."""

    answers: dict[str, Any]
    lead: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Not an answer yet: ask the question again (a tick toggled, a past race day) or one of
    its follow-up steps (morning or evening, which place)."""

    working: dict[str, Any] = field(default_factory=dict)
    lead: tuple[str, ...] = ()
    # A follow-up step named in the question's catalogue entry; None: the question itself.
    step: str | None = None


Reading = Answered | FollowUp | None
Rows = tuple[tuple[Button, ...], ...]
Asked = tuple[str, Rows]
# data holds the answers so far under "answers" and the step's working values.
Ask = Callable[[Mapping[str, Any]], Asked]
# Each reader returns None when it cannot read the input; the dialog then asks again.
Read = Callable[[Mapping[str, Any], UserInput, Context], Reading]


def answers_in(data: Mapping[str, Any]) -> dict[str, Any]:
    return dict(data.get("answers", {}))


def pressed(event: UserInput, prefix: str) -> str | None:
    if isinstance(event, ButtonPressed) and event.value.startswith(prefix):
        return event.value.removeprefix(prefix)
    return None


# A choice's value: a plain string or a StrEnum (buttons send the string either way).
_Option = TypeVar("_Option", bound=str)


def typed(event: UserInput) -> str | None:
    return event.text if isinstance(event, TextReceived) else None


def choice(event: UserInput, prefix: str, words: Mapping[_Option, Sequence[str]]) -> str | None:
    """A button's value or what the typed text means among words."""
    if (value := pressed(event, prefix)) is not None:
        return value
    text = typed(event)
    said = parse_choice(text, words) if text is not None else None
    return None if said is None else str(said)


def toggled(picked: list[str], value: str, *, exclusive: str | None = None) -> list[str]:
    if value in picked:
        return [p for p in picked if p != value]
    if value == exclusive:
        return [value]
    return [p for p in picked if p != exclusive] + [value]


def in_order(values: Collection[str], enum: type[StrEnum]) -> list[str]:
    return [str(member) for member in enum if member in values]


def rows(buttons: Sequence[Button], per_row: int) -> Rows:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def ticks(
    values: Sequence[str], picked: Sequence[str], prefix: str, label_key: str
) -> list[Button]:
    buttons = []
    for value in values:
        label = t(f"{label_key}.{value}")
        if value in picked:
            label = t("onboarding.ticked", label=Html(label))
        buttons.append(Button(label, f"{prefix}{value}"))
    return buttons


def day_list(days: Sequence[str]) -> Html:
    """ "Monday, Wednesday and Friday"."""
    names = [t(f"onboarding.day.{d}") for d in days]
    if len(names) < 2:
        return Html("".join(names))
    return Html(t("onboarding.and", head=Html(", ".join(names[:-1])), last=Html(names[-1])))
