"""Pain triage's public API: what a message says about pain, and which level it needs.

The parts live in the pain package (dialogs/pain/); these two entry points stay importable
here for callers outside it (and forgetting cached readings, for timings and benches).
"""

from dialogs.pain.reading import forget_readings, parse_pain_text
from dialogs.pain.rules import assess

__all__ = ["assess", "forget_readings", "parse_pain_text"]
