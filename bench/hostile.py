"""Core time per message for hostile texts, in every dialog state the router can reach.

Each of the hostile messages in tests/support/hostile.py (4096 characters of repeated words,
digits, day names, pain talk, emoji, invisible marks...) goes through dialogs.router.route in
every dialog state, with an onboarded runner's context. The baseline, measured in the same
run, is a plain short answer ("3") in the same states; --uncapped adds the hostile messages
with the 500-character cap lifted (slow: pain parsing grows with the text).
Each message is timed --repeat times and the fastest kept, so other processes on the machine
do not count as the core's time. Printed: p50 / p99 / max per message, overall and per dialog,
and the slowest messages.

    .venv/bin/python bench/hostile.py [--repeat 3] [--uncapped]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialogs import router
from dialogs.core import Context, DialogState, TextReceived
from dialogs.timezones import warm_up
from tests.support.hostile import HOSTILE, SHORT_ANSWER, dialog_states, forget_reads

TARGET_MS = 50.0
HEADER = f"{'messages':>8} {'p50 ms':>7} {'p99 ms':>8} {'max ms':>8}"

Sample = tuple[float, str, str]  # (milliseconds, where, which input)


def _where(state: DialogState | None) -> str:
    return "idle" if state is None else f"{state.dialog}/{state.step}"


def _time(state: DialogState | None, text: str, ctx: Context, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        forget_reads()
        start = time.perf_counter()
        router.route(state, TextReceived(text), ctx)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _run(inputs: tuple[tuple[str, str], ...], repeat: int) -> list[Sample]:
    return [
        (_time(state, text, ctx, repeat), _where(state), name)
        for state, ctx in dialog_states()
        for name, text in inputs
    ]


def _figures(samples: list[Sample]) -> str:
    times = sorted(ms for ms, _, _ in samples)
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return f"{statistics.median(times):7.2f} {p99:8.2f} {times[-1]:8.2f}"


def _by_dialog(samples: list[Sample]) -> Iterator[tuple[str, list[Sample]]]:
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        groups[sample[1].split("/")[0]].append(sample)
    yield from sorted(groups.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timings per message (best kept)")
    parser.add_argument("--uncapped", action="store_true", help="also time without the cap")
    args = parser.parse_args()
    warm_up()  # the place index is built at start-up, not by the first runner's message
    states = dialog_states()
    print(
        f"{len(HOSTILE)} hostile inputs of up to {max(len(t) for _, t in HOSTILE)} characters"
        f" x {len(states)} dialog states, best of {args.repeat}; cap {router.TEXT_LIMIT}"
    )
    runs = {
        f"baseline: short answer {SHORT_ANSWER!r}": _run(
            ((SHORT_ANSWER, SHORT_ANSWER),), args.repeat
        ),
        f"hostile, capped at {router.TEXT_LIMIT}": _run(HOSTILE, args.repeat),
    }
    if args.uncapped:
        limit, router.TEXT_LIMIT = router.TEXT_LIMIT, sys.maxsize
        try:
            runs["hostile, uncapped"] = _run(HOSTILE, 1)
        finally:
            router.TEXT_LIMIT = limit
    print(f"\n{'run':42} {HEADER}")
    for label, samples in runs.items():
        print(f"{label:42} {len(samples):8d} {_figures(samples)}")
    capped = runs[f"hostile, capped at {router.TEXT_LIMIT}"]
    print(f"\nhostile, capped, by dialog\n{'dialog':42} {HEADER}")
    for dialog, samples in _by_dialog(capped):
        print(f"{dialog:42} {len(samples):8d} {_figures(samples)}")
    print("\nslowest messages (capped)")
    for ms, where, name in sorted(capped, reverse=True)[:12]:
        print(f"{ms:8.2f} ms  {where:28} {name}")
    worst = max(ms for ms, _, _ in capped)
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"\ntarget: max under {TARGET_MS:.0f} ms per message: {verdict} ({worst:.1f} ms)")


if __name__ == "__main__":
    main()
