"""A change typed with its new value at the /settings menu ("change time to 6pm", "days tue
thu", "/settings time 18:00"): what is left of it to read as the named question's answer."""

from __future__ import annotations

from collections.abc import Iterable

from dialogs.parsing import fold

# Words that ask for a change rather than give the new value. Once they and the menu item's own
# words are gone, what is left is the value; nothing left means only the item was named.
CHANGE_WORDS = frozenset(
    {
        "change", "changing", "set", "make", "move", "switch", "update", "edit", "put", "to",
        "my", "the", "it", "its", "now", "instead", "please", "pls", "plz", "can", "could",
        "you", "u", "i", "id", "want", "like", "would", "new", "into", "as", "be", "should",
    }
)  # fmt: skip
_EDGES = ",;:!?.\"'()"


def value_words(text: str, item_words: Iterable[str]) -> str:
    """text without the item's words and the words asking for a change: "6pm" from "change
    time to 6pm", "" from "change my days"."""
    named = {word for phrase in item_words for word in fold(phrase).split()}
    kept = (word.strip(_EDGES) for word in fold(text).split())
    return " ".join(w for w in kept if w and w not in named and w not in CHANGE_WORDS)
