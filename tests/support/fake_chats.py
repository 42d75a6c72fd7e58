"""The fake Bot API's chats, and the updates people (not the bot) cause in them.

Kept apart from the server in fakebot.py: these only build JSON as Telegram would send it;
the server stores it, checks it against the specification and queues it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.support.botapi_spec import ApiError

ChatType = Literal["private", "group", "supergroup", "channel"]


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message from the bot as the chat currently shows it (visible text, inline keyboard)."""

    message_id: int
    chat_id: int
    text: str | None
    reply_markup: dict[str, Any] | None
    kind: Literal["text", "photo", "document"]
    file_bytes: bytes | None = None
    file_name: str | None = None
    caption: str | None = None
    edited: bool = False


@dataclass(slots=True)
class Stored:
    """A message in a chat: its JSON and, for the bot's own, what the chat shows."""

    json: dict[str, Any]
    sent: SentMessage | None  # None for people's messages


@dataclass(slots=True)
class Chat:
    """A private chat (id = the person's user id), a group (negative id) or a channel."""

    id: int
    first_name: str
    type: ChatType = "private"
    messages: dict[int, Stored] = field(default_factory=dict)
    next_message_id: int = 1
    # False once the bot has left: Telegram then refuses to post there
    bot_is_member: bool = True

    @property
    def json(self) -> dict[str, Any]:
        if self.type == "private":
            return {"id": self.id, "type": "private", "first_name": self.first_name}
        return {"id": self.id, "type": self.type, "title": self.first_name}

    def user_json(self) -> dict[str, Any]:
        """The person whose private chat this is."""
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": "en",
        }

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def check_bot_can_post(self) -> None:
        """Telegram's refusal for a chat the bot has left."""
        if not self.bot_is_member:
            kind = "channel" if self.type == "channel" else f"{self.type} chat"
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")


def message_from(chat: Chat, sender: dict[str, Any] | None) -> dict[str, Any]:
    """A new message in `chat` by `sender` (a User; None for a channel post), stored there."""
    message_id = chat.take_message_id()
    message: dict[str, Any] = {
        "message_id": message_id,
        "chat": chat.json,
        "date": int(time.time()),
    }
    if sender is not None:
        message["from"] = sender
    else:
        message["sender_chat"] = chat.json
    chat.messages[message_id] = Stored(message, None)
    return message


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram marks on a message starting with "/command"."""
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]


def edited(chat: Chat, message_id: int, text: str) -> dict[str, Any]:
    """The person's message `message_id` after they changed its text."""
    stored = chat.messages.get(message_id)
    if stored is None or stored.sent is not None or "text" not in stored.json:
        raise AssertionError(f"no text message {message_id} from the person in chat {chat.id}")
    message = stored.json
    message["text"] = text
    message.pop("entities", None)
    if entities := command_entities(text):
        message["entities"] = entities
    message["edit_date"] = int(time.time())
    return dict(message)


def bot_added(
    chat: Chat, by: dict[str, Any], bot_user: dict[str, Any], *, status: str = "member"
) -> dict[str, Any]:
    """The my_chat_member update Telegram sends when someone adds the bot to a chat."""
    return {
        "chat": chat.json,
        "from": by,
        "date": int(time.time()),
        "old_chat_member": {"status": "left", "user": bot_user},
        "new_chat_member": {"status": status, "user": bot_user},
    }


def inline_query(query_id: str, sender: dict[str, Any], text: str) -> dict[str, Any]:
    """Someone typing "@bot <text>" in any chat."""
    return {"id": query_id, "from": sender, "query": text, "offset": "", "chat_type": "sender"}
