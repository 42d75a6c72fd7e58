"""The coach works in private chats only: what it answers there, and how it leaves groups.

Pain reports, profiles and exports must never be shown to a group, and a group must never
become the chat where a runner's reminders go, so group messages never reach the coach.
"""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes, filters
from telegram.helpers import create_deep_linked_url

from dialogs.texts import t

log = logging.getLogger(__name__)

# New messages in a private chat: an edited message is not a new answer, and channel posts,
# group messages and other updates are none of the coach's business.
PRIVATE_MESSAGES = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUP_MESSAGES = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
# The /start payload of the link posted in groups (letters, digits, _ and - only).
FROM_GROUP = "from_group"


class _AddressedToUs(filters.MessageFilter):
    """A command meant for us: "/name" or "/name@ourbot", not "/delete@otherbot"."""

    def filter(self, message: Message) -> bool:
        command = next(iter(message.parse_entities([MessageEntity.BOT_COMMAND]).values()), "")
        _name, _, target = command.partition("@")
        return not target or target.casefold() == message.get_bot().username.casefold()


# Commands our CommandHandlers do not know, but meant for us (they get "I don't know /x").
OUR_OTHER_COMMANDS = PRIVATE_MESSAGES & filters.COMMAND & _AddressedToUs()


class GroupExit:
    """In a group, post one pointer to a private chat with the coach, then leave."""

    def __init__(self) -> None:
        # Groups being left right now: updates from several members may arrive at once, and
        # the pointer is posted once. After leaving, Telegram refuses any further post.
        self._leaving: set[int] = set()

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        assert chat is not None
        if chat.id in self._leaving:
            return
        self._leaving.add(chat.id)
        try:
            pointer = t(
                "core.private_only", link=create_deep_linked_url(context.bot.username, FROM_GROUP)
            )
            try:
                await chat.send_message(pointer, parse_mode=ParseMode.HTML)
            except TelegramError as exc:
                # Muted there, or already gone: leaving is what matters.
                log.info("could not post the private-chat pointer in a group: %s", exc)
            try:
                await chat.leave()
            except TelegramError as exc:
                log.warning("could not leave a group: %s", exc)
        finally:
            self._leaving.discard(chat.id)
