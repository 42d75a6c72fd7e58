"""Types shared by every dialog: inputs, replies, effects, state and transitions.

The core is pure: a dialog step takes its state, what the runner did and a read-only
context (including the clock), and returns the next state, the replies and the effects.
The shell (bot/) persists the state, applies the effects and renders the replies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from dialogs.records import FieldTestResult, PainStatus, Profile, SessionRecord

# ---------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class TextReceived:
    """The runner typed a message."""

    text: str


@dataclass(frozen=True, slots=True)
class ButtonPressed:
    """The runner tapped a button whose value the shell has already verified."""

    value: str


@dataclass(frozen=True, slots=True)
class LocationShared:
    """The runner shared a location (used for the timezone)."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class CommandReceived:
    """A slash command, without the slash; args is the rest of the line."""

    name: str
    args: str = ""


@dataclass(frozen=True, slots=True)
class Started:
    """A dialog is entered (by a command or a hand-over from another dialog)."""

    args: dict[str, Any] = field(default_factory=dict)


UserInput = TextReceived | ButtonPressed | LocationShared | CommandReceived | Started

# ---------------------------------------------------------------- replies


@dataclass(frozen=True, slots=True)
class Button:
    """One button; value is what comes back as ButtonPressed.value (keep it short)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the runner. text is Telegram HTML with user text already escaped."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    # A chart or file to attach: the shell knows how to send these kinds.
    attachment: Attachment | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A photo or document produced by the core as bytes."""

    kind: str  # "photo" | "document"
    filename: str
    content: bytes


# ---------------------------------------------------------------- effects


class Effect:
    """Base of everything a step asks the shell to do; each dialog module may add its own."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class SaveProfile(Effect):
    """Create or update the runner's profile with these fields."""

    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class LogEvent(Effect):
    """Append to the event log."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScheduleMessage(Effect):
    """Send a message later. key makes the occurrence unique per runner and kind."""

    kind: str
    due: datetime
    key: str
    payload: dict[str, Any] = field(default_factory=dict)
    # False: keep an existing row with this key (idempotent); True: move it (a snooze).
    replace: bool = False


@dataclass(frozen=True, slots=True)
class CancelMessages(Effect):
    """Cancel this runner's pending scheduled messages of these kinds (all when empty),
    only those whose key starts with key_prefix when one is given, saying why."""

    kinds: tuple[str, ...] = ()
    key_prefix: str = ""
    reason: str = "cancelled by coach"

# ---------------------------------------------------------------- state


@dataclass(frozen=True, slots=True)
class DialogState:
    """Where a runner is: which dialog, which step, and the answers so far."""

    dialog: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Transition:
    """The result of a step. state None means the dialog ended."""

    state: DialogState | None
    replies: tuple[Reply, ...] = ()
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """Read-only facts a step may use. now is timezone-aware UTC."""

    now: datetime
    user_id: int
    first_name: str = ""
    profile: Profile | None = None
    # Most recent first; the shell loads the last few weeks.
    history: tuple[SessionRecord, ...] = ()
    pain: PainStatus | None = None
    # Field test results (baseline and retests), most recent day first.
    field_tests: tuple[FieldTestResult, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        """The runner's time zone; UTC until onboarding has asked for it."""
        return ZoneInfo(self.profile.timezone if self.profile is not None else "UTC")

    @property
    def today(self) -> date:
        """The runner's calendar day now: the one "local day" every dialog uses."""
        return self.now.astimezone(self.zone).date()
