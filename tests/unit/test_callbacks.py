"""Callback data is short, signed per chat, and forged or foreign data is refused."""

from __future__ import annotations

import pytest

from bot.telegram.callbacks import MAX_BYTES, CallbackCodec, Press

codec = CallbackCodec.for_token("123:abc")


def test_round_trip_with_version() -> None:
    data = codec.encode(chat_id=42, value="goal:faster", version=7)
    assert len(data.encode()) <= MAX_BYTES
    assert codec.decode(chat_id=42, data=data) == Press("goal:faster", 7)


def test_global_button_has_no_version() -> None:
    data = codec.encode(chat_id=42, value="go:workout", version=None)
    assert codec.decode(chat_id=42, data=data) == Press("go:workout", None)


@pytest.mark.parametrize(
    "forge",
    [
        lambda d: d.replace("faster", "slower"),  # tampered value
        lambda d: "9" + d,  # tampered version
        lambda d: d[:-1] + ("A" if d[-1] != "A" else "B"),  # tampered signature
        lambda d: "garbage",
        lambda d: "",
        lambda d: "x|y|z",
    ],
)
def test_tampered_data_is_refused(forge: object) -> None:
    data = codec.encode(chat_id=42, value="goal:faster", version=7)
    assert codec.decode(chat_id=42, data=forge(data)) is None  # type: ignore[operator]


def test_another_chats_button_is_refused() -> None:
    data = codec.encode(chat_id=42, value="goal:faster", version=7)
    assert codec.decode(chat_id=43, data=data) is None


def test_another_bots_button_is_refused() -> None:
    data = CallbackCodec.for_token("999:zzz").encode(chat_id=42, value="v", version=1)
    assert codec.decode(chat_id=42, data=data) is None


def test_values_too_long_for_telegram_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="too long"):
        codec.encode(chat_id=42, value="x" * 60, version=1)


def test_another_users_press_in_the_same_chat_is_refused() -> None:
    # e.g. a group member pressing the runner's button: the chat matches, the user does not
    data = codec.encode(chat_id=-100, user_id=42, value="goal:faster", version=7)
    assert codec.decode(chat_id=-100, user_id=42, data=data) == Press("goal:faster", 7)
    assert codec.decode(chat_id=-100, user_id=43, data=data) is None


def test_a_private_chats_button_is_bound_to_its_runner() -> None:
    data = codec.encode(chat_id=42, value="goal:faster", version=7)
    assert codec.decode(chat_id=42, user_id=42, data=data) == Press("goal:faster", 7)
    assert codec.decode(chat_id=42, user_id=43, data=data) is None


@pytest.mark.parametrize("data", ["ü|goal:faster|ÿÿÿÿÿÿÿÿ", "7|goal:faster|🏃🏃"])
def test_non_ascii_data_is_refused_not_an_error(data: str) -> None:
    # clients may send any text; comparing non-ASCII str signatures raised TypeError
    assert codec.decode(chat_id=42, data=data) is None


def test_the_signature_fits_telegrams_limit_with_large_ids() -> None:
    value = "x" * (MAX_BYTES - len("1234567|") - len("|") - 8)
    data = codec.encode(chat_id=-1002345678901, user_id=9876543210, value=value, version=1234567)
    assert len(data.encode()) == MAX_BYTES
    assert codec.decode(chat_id=-1002345678901, user_id=9876543210, data=data) == Press(
        value, 1234567
    )
