"""Several dispatcher processes on one PostgreSQL database, for bench/reminders.py's (a3).

Production mode runs any number of `glute-coach dispatch` processes beside the one that polls
(README, "Database"): due rows are claimed with FOR UPDATE SKIP LOCKED, so each is sent once.
Here each process is this module run as a script. It connects, renders one reminder so that
what the core loads on first use is loaded, says "ready", waits for "go" on its standard input,
runs one Dispatcher.tick with a transport that only counts (as (a1) does), and prints how many
it sent and the CPU seconds it took. The parent starts the clock when every process is ready.

    .venv/bin/python -m bench.dispatchers URL WORKER DUE    # one process; bench/reminders.py
                                                            # starts them
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.scheduling.dispatcher import Dispatcher
from bot.storage import repositories
from bot.storage.database import make_sessionmaker, prepare
from dialogs import router
from dialogs.core import Reply
from dialogs.training.nudges import WORKOUT_REMINDER

FIRST_USER = 1_000_000  # bench/reminders.py's first runner


class Counting:
    """A transport that takes the rendered replies and only counts them."""

    def __init__(self) -> None:
        self.messages = 0

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        self.messages += len(replies)


async def sample_reminder(sessions: async_sessionmaker[AsyncSession], due: datetime) -> Reply:
    """The first runner's reminder as the core renders it (nothing is written)."""
    async with sessions() as session:
        profile = await repositories.get_profile(session, FIRST_USER)
        runner = {FIRST_USER: ("Bench", profile)}
        contexts = await repositories.load_contexts(session, runner, due)
    payload = {"n": 0}
    return router.deliver(WORKOUT_REMINDER, payload, None, contexts[FIRST_USER]).replies[0]


@dataclass(frozen=True)
class Outcome:
    sent: int
    seconds: float  # from the go to the last process's report
    cpu_seconds: float  # the processes' own, summed
    peak_mb: float  # the largest process's peak RSS


async def run_processes(url: str, count: int, due: datetime) -> Outcome:
    """Start `count` dispatcher processes, let them go at once, wait for their reports."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.dispatchers",
            url,
            f"bench-dispatcher-{n}",
            due.isoformat(),
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        for n in range(count)
    ]
    try:
        for process in processes:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), timeout=120)
            assert line == b"ready\n", line
        started = time.perf_counter()
        for process in processes:
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            await process.stdin.drain()
        reports = []
        for process in processes:
            assert process.stdout is not None
            reports.append((await asyncio.wait_for(process.stdout.readline(), 600)).split())
        seconds = time.perf_counter() - started
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
            await process.wait()
    return Outcome(
        sent=sum(int(sent) for sent, _cpu, _peak in reports),
        seconds=seconds,
        cpu_seconds=sum(float(cpu) for _sent, cpu, _peak in reports),
        peak_mb=max(float(peak) for _sent, _cpu, peak in reports),
    )


async def child(url: str, worker: str, due: datetime) -> None:
    engine = await prepare(url)
    sessions = make_sessionmaker(engine)
    try:
        transport = Counting()
        dispatcher = Dispatcher(sessions, transport, worker=worker)
        await sample_reminder(sessions, due)
        gc.freeze()  # as the application does once it has started
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        cpu = time.process_time()
        report = await dispatcher.tick()
        cpu = time.process_time() - cpu
        assert report.sent == transport.messages, report
        peak = _peak_mb()
        print(f"{report.sent} {cpu:.4f} {peak:.1f}", flush=True)
    finally:
        await engine.dispose()


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    asyncio.run(child(sys.argv[1], sys.argv[2], datetime.fromisoformat(sys.argv[3])))
