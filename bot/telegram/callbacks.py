"""Callback data: the button's value, the dialog version it belongs to, and a signature.

Telegram clients can send any callback data, so every press is verified: a tampered,
foreign or malformed button is treated like an expired one, never trusted. The signature
covers the chat and the user the button was shown to, so nobody else can press it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

MAX_BYTES = 64  # Telegram's limit for callback_data
GLOBAL = "g"  # version marker for buttons valid in any dialog state (reminders, go:*)


@dataclass(frozen=True, slots=True)
class Press:
    """A verified button press; version None means a global button."""

    value: str
    version: int | None


class CallbackCodec:
    """Signs and verifies callback data for one bot."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @classmethod
    def for_token(cls, token: str) -> CallbackCodec:
        """A codec whose key is derived from the bot token, so no extra secret to manage."""
        return cls(hashlib.sha256(b"glute-coach callback key:" + token.encode()).digest())

    def _mac(self, chat_id: int, user_id: int, version: str, value: str) -> str:
        message = f"{chat_id}|{user_id}|{version}|{value}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()[:6]
        return base64.urlsafe_b64encode(digest).decode()

    def encode(
        self, *, chat_id: int, value: str, version: int | None, user_id: int | None = None
    ) -> str:
        """Callback data for a button shown to user_id (default: the private chat's own user,
        whose id is the chat's) in chat_id."""
        marker = GLOBAL if version is None else str(version)
        user = chat_id if user_id is None else user_id
        data = f"{marker}|{value}|{self._mac(chat_id, user, marker, value)}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"button value too long for Telegram: {value!r}")
        return data

    def decode(self, *, chat_id: int, data: str, user_id: int | None = None) -> Press | None:
        """The press by user_id (default: the private chat's own user) in chat_id, or None if
        the data is malformed or was not signed for them (clients send what they like)."""
        marker, sep, rest = data.partition("|")
        value, sep2, mac = rest.rpartition("|")
        user = chat_id if user_id is None else user_id
        expected = self._mac(chat_id, user, marker, value)
        # compare bytes: compare_digest refuses str with non-ASCII characters (TypeError)
        if not (sep and sep2) or not hmac.compare_digest(mac.encode(), expected.encode()):
            return None
        if marker == GLOBAL:
            return Press(value, None)
        return Press(value, int(marker)) if marker.isdecimal() else None
