"""Time per typed question for the question answerer (dialogs.learn.answers.answer), beside the old
name search (dialogs.learn.search.search) as a baseline, in the same run.

Inputs: the runner question tables named in _questions() (never a batch still held back),
and the hostile messages of tests/support/hostile.py (up to 4,096 characters) both whole and
cut at the router's 500 characters. Each input is timed --repeat times and the fastest kept,
the answerer's memory of words it has read cleared before each run. Printed: p50 / p99 / max
in milliseconds per input set. Target: under 20 ms per question on hostile 4,096-character
input. Then, per table, how many questions pass and how many are answered confidently but
wrongly (a passage without the facts, or an off-topic question answered): the issue forbids
those.

    .venv/bin/python bench/answers.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.learn import reading
from dialogs.learn.answers import answer
from dialogs.learn.search import search
from dialogs.router import TEXT_LIMIT
from tests.support.hostile import HOSTILE
from tests.unit.test_answers import BATCHES, SPENT, UNREAD, _table, passes

# The tables and what each is (tuned on, read and tuned on since, never read) are the test's.
TABLES = (
    ("answers_questions.toml", "tuned"),
    *((name, "read, tuned on") for name, _ in SPENT),
    *((name, "never tuned on") for name, _ in UNREAD),
)


def _questions() -> list[str]:
    return [q.text for name, _ in TABLES for q in _table(name)]


def _accuracy() -> None:
    print(f"\n{'table':24} {'n':>4} {'passed':>7} {'confident but wrong':>20}  state")
    for name, state in TABLES:
        # A batch is measured without what the tuned table or an earlier batch asks (the test's).
        table = BATCHES[name] if name in BATCHES else _table(name)
        failed = [q for q in table if not passes(q)]
        wrong = sum(answer(q.text).confident for q in failed)
        print(f"{name:24} {len(table):4d} {len(table) - len(failed):7d} {wrong:20d}  {state}")


def _time(fn: Callable[[str], object], inputs: Sequence[str], repeat: int) -> list[float]:
    out = []
    for text in inputs:
        best = min(_once(fn, text) for _ in range(repeat))
        out.append(best * 1000)
    return out


def _once(fn: Callable[[str], object], text: str) -> float:
    # Every input is timed as if its words were new: the answerer remembers how it read
    # each word, and a hostile paste brings words it has never seen.
    reading._read.cache_clear()
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    answer("warm up the index")  # building the index is start-up, not a question
    hostile = [text for _name, text in HOSTILE]
    sets = {
        "questions": _questions(),
        f"hostile cut at {TEXT_LIMIT}": [text[:TEXT_LIMIT] for text in hostile],
        "hostile whole (<= 4096)": hostile,
    }
    print(f"{'input':28} {'reader':8} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for label, inputs in sets.items():
        for reader, fn in (("answer", answer), ("search", search)):
            ms = sorted(_time(fn, inputs, args.repeat))
            p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
            print(
                f"{label:28} {reader:8} {len(ms):4d} {statistics.median(ms):8.2f}"
                f" {p99:8.2f} {ms[-1]:8.2f}"
            )
    _accuracy()


if __name__ == "__main__":
    main()
