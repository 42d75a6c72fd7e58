"""The console front end: the same dialogs in a terminal, buttons as numbered choices."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from bot.coach import Coach, DatabaseUnavailableError, Sender
from bot.render import plain_text
from dialogs.core import (
    Attachment,
    Button,
    ButtonPressed,
    CommandReceived,
    Reply,
    TextReceived,
    UserInput,
)
from dialogs.texts import t

log = logging.getLogger(__name__)

# The console runner has one fixed identity; Telegram user ids are positive, so 0 never clashes.
CONSOLE_SENDER = Sender(user_id=0, chat_id=0, first_name="you")
# Where the console puts the charts and exports Telegram would send as photos and documents.
FILES_DIR = Path("coach-files")


def to_input(line: str, buttons: list[Button]) -> UserInput:
    """A typed line as the core's input: a command, a numbered button, or text (as in
    Telegram, where typing a button's label is a typed answer, not a tap)."""
    text = line.strip()
    if text.startswith("/"):
        name, _, args = text[1:].partition(" ")
        return CommandReceived(name.lower(), args.strip())
    # Numbers pick buttons, unless the buttons are themselves numbers (then "3" means 3).
    if text.isdecimal() and not _numeric(buttons) and 1 <= int(text) <= len(buttons):
        return ButtonPressed(buttons[int(text) - 1].value)
    return TextReceived(text)


def _numeric(buttons: list[Button]) -> bool:
    return any(b.label.strip().isdigit() for b in buttons)


def save(attachment: Attachment, files: Path) -> Path:
    """Write a photo or document to the files folder (a file of the same name is replaced:
    the latest chart is the one wanted); returns where it went."""
    files.mkdir(parents=True, exist_ok=True)
    # The name is the coach's own, but a folder in it must never lead out of `files`.
    path = files / Path(attachment.filename).name
    path.write_bytes(attachment.content)
    return path.resolve()


def show(replies: tuple[Reply, ...], out: TextIO, files: Path = FILES_DIR) -> list[Button]:
    """Print replies, saving attachments under `files`; returns the buttons now on offer
    (those of the last reply with any)."""
    offered: list[Button] = []
    for reply in replies:
        out.write("\n" + plain_text(reply.text) + "\n")
        if reply.attachment is not None:
            path = save(reply.attachment, files)
            out.write(f"[{reply.attachment.kind} saved: {path}]\n")
        if reply.buttons:
            offered = [button for row in reply.buttons for button in row]
            if _numeric(offered):
                # Number buttons are typed as themselves (to_input), so no position numbers
                # beside them: "4) 3" would leave "3" ambiguous.
                out.write("  " + "  ".join(f"[{button.label}]" for button in offered) + "\n")
                continue
            for number, button in enumerate(offered, start=1):
                out.write(f"  {number}) {button.label}\n")
    out.flush()
    return offered


class ConsoleTransport:
    """The dispatcher's transport in the console: due messages are printed as they arrive."""

    def __init__(self, stdout: TextIO, files: Path = FILES_DIR) -> None:
        self.stdout = stdout
        self.files = files
        self.buttons: list[Button] = []

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        """Print a due message; its buttons become the numbered choices."""
        self.buttons = show(replies, self.stdout, self.files) or self.buttons
        self.stdout.write("> ")
        self.stdout.flush()


async def chat(
    coach: Coach,
    *,
    stdin: TextIO,
    transport: ConsoleTransport,
    tick: Callable[[], Awaitable[object]],
    tick_seconds: float,
    has_profile: bool,
) -> None:
    """Talk to the coach until EOF or Ctrl-C; starts onboarding for a new runner."""
    stdout = transport.stdout
    stdout.write(plain_text(t("core.connect_telegram")) + "\n")
    first = CommandReceived("start") if not has_profile else CommandReceived("help")
    await _answer(coach, first, transport)
    lines = _read_lines(stdin)
    stop = _stop_on_ctrl_c(lines)
    ticker = asyncio.create_task(_tick_until(stop, tick, tick_seconds))
    try:
        while True:
            stdout.write("> ")
            stdout.flush()
            line = await lines.get()
            if not line or stop.is_set():
                break
            if not line.strip():
                continue
            await _answer(coach, to_input(line, transport.buttons), transport)
    finally:
        # EOF and Ctrl-C alike: every answer is already committed, so just say goodbye, once
        # the reminder tick has finished (it must not outlive the engine it uses).
        asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)
        stop.set()
        await ticker
        stdout.write("\n" + plain_text(t("core.bye")) + "\n")
        stdout.flush()


def _stop_on_ctrl_c(lines: asyncio.Queue[str]) -> asyncio.Event:
    """An event Ctrl-C sets, ending the chat after the answer or tick under way. Cancelling one
    midway could leave its database connection open, and aiosqlite's thread (not a daemon)
    would then keep the process from exiting. A second Ctrl-C interrupts at once."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def first_ctrl_c() -> None:
        loop.remove_signal_handler(signal.SIGINT)
        stop.set()
        lines.put_nowait("")

    loop.add_signal_handler(signal.SIGINT, first_ctrl_c)
    return stop


async def _answer(coach: Coach, event: UserInput, transport: ConsoleTransport) -> None:
    """Print the coach's replies; with the database unreachable, say so and keep going."""
    try:
        handled = await coach.handle(CONSOLE_SENDER, event)
    except DatabaseUnavailableError as exc:
        log.warning("database unreachable: %s", exc)
        transport.stdout.write(plain_text(t("core.database_down")) + "\n")
        return
    transport.buttons = show(handled.replies, transport.stdout, transport.files)


async def _tick_until(
    stop: asyncio.Event, tick: Callable[[], Awaitable[object]], seconds: float
) -> None:
    while not stop.is_set():
        try:
            await tick()
        except Exception:
            log.exception("console scheduler tick failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)


def _read_lines(stdin: TextIO) -> asyncio.Queue[str]:
    """Lines from stdin; "" marks EOF. A daemon thread, so Ctrl-C never waits for a line."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def pump() -> None:
        try:
            for line in iter(stdin.readline, ""):
                loop.call_soon_threadsafe(queue.put_nowait, line)
            loop.call_soon_threadsafe(queue.put_nowait, "")
        except RuntimeError:
            return  # the loop closed first: the coach is already shutting down

    threading.Thread(target=pump, name="console-stdin", daemon=True).start()
    return queue
