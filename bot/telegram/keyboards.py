"""The Telegram rendering of a reply's buttons: an inline keyboard of signed callback data."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.callbacks import CallbackCodec
from dialogs import router
from dialogs.core import Reply


def keyboard(
    reply: Reply, codec: CallbackCodec, *, chat_id: int, version: int
) -> InlineKeyboardMarkup | None:
    """The reply's buttons, each carrying the dialog version it belongs to; a global button
    (one that works from any step) carries none, so it never expires."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    button.label,
                    callback_data=codec.encode(
                        chat_id=chat_id,
                        value=button.value,
                        version=None if router.is_global(button.value) else version,
                    ),
                )
                for button in row
            ]
            for row in reply.buttons
        ]
    )
