"""Pain triage's public API: what a message says about pain, and which level it needs.

The parts live in the pain package (dialogs/pain/); these two entry points stay importable
here for callers outside it.
"""

from dialogs.pain.reading import parse_pain_text
from dialogs.pain.rules import assess

__all__ = ["assess", "parse_pain_text"]
