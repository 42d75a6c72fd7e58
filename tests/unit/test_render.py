"""Splitting long texts for Telegram and reading HTML as plain text for the console."""

from __future__ import annotations

import pytest

from bot.render import TEXT_LIMIT, plain_text, split_text


def test_short_text_is_one_part() -> None:
    assert split_text("hello") == ["hello"]


@pytest.mark.parametrize("paragraphs", [3, 40, 200])
def test_long_text_splits_at_paragraphs_and_loses_nothing(paragraphs: int) -> None:
    text = "\n\n".join(f"<b>Part {i}</b> " + "word " * 60 for i in range(paragraphs))
    parts = split_text(text)
    assert all(len(part) <= TEXT_LIMIT for part in parts)
    assert "\n\n".join(parts) == text
    assert all(part.count("<b>") == part.count("</b>") for part in parts)


def test_one_huge_paragraph_splits_at_lines() -> None:
    text = "\n".join("line " * 30 for _ in range(100))
    parts = split_text(text)
    assert all(len(part) <= TEXT_LIMIT for part in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_plain_text_drops_tags_and_unescapes() -> None:
    assert plain_text("<b>Hips</b> &amp; knees &lt;3") == "Hips & knees <3"
