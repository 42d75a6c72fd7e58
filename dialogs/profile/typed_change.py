"""A change typed with its new value at the /settings menu ("change time to 6pm", "days tue
thu", "/settings time 18:00"): what is left of it to read as the named question's answer."""

from __future__ import annotations

from collections.abc import Iterable

from dialogs.parsing import fold

# Words that ask for a change rather than give the new value ("change my days to", "weekly
# running is more like").
CHANGE_WORDS = frozenset(
    {
        "change", "changing", "set", "make", "move", "switch", "update", "edit", "put", "to",
        "my", "the", "it", "its", "is", "are", "now", "instead", "please", "pls", "plz", "can",
        "could", "you", "u", "i", "id", "want", "like", "would", "new", "into", "as", "be",
        "should", "more", "actually",
    }
)  # fmt: skip
_EDGES = ",;:!?.\"'()"


def value_words(text: str, item_words: Iterable[str]) -> str:
    """What follows the item's words and the words asking for a change, less courtesies at
    the end: "6pm" from "change time to 6pm", "35 miles" from "weekly running is more like
    35 miles now", "" from "change my days". Only the front is taken off: an item word
    further on may be part of the value ("miles" names weekly running, and is its unit)."""
    named = {word for phrase in item_words for word in fold(phrase).split()}
    words = [w for w in (word.strip(_EDGES) for word in fold(text).split()) if w]
    start = 0
    while start < len(words) and (words[start] in named or words[start] in CHANGE_WORDS):
        start += 1
    end = len(words)
    while end > start and words[end - 1] in CHANGE_WORDS:
        end -= 1
    return " ".join(words[start:end])
