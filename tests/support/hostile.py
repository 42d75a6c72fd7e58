"""Hostile messages and every dialog state, shared by bench/hostile.py and its unit test.

A hostile message is as long as Telegram allows (4096 characters) and made of what the
parsers find hardest: repeated words they try to read, digits, day names, pain talk, emoji,
invisible marks. The states are found by walking the router from every entry point with
the buttons it offers (and a few typed answers), so a new dialog step is covered without
editing this list.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CommandReceived,
    Context,
    DialogState,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.pain import reading as triage
from dialogs.records import (
    ExerciseResult,
    Outcome,
    PainRecord,
    PainStatus,
    Profile,
    SessionRecord,
)
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal, Weekday

TELEGRAM_LIMIT = 4096
NOW = datetime(2026, 3, 18, 7, 45, tzinfo=UTC)  # a Wednesday, a workout day


def _fill(unit: str) -> str:
    """unit repeated up to Telegram's limit."""
    return (unit * (TELEGRAM_LIMIT // len(unit) + 1))[:TELEGRAM_LIMIT]


HOSTILE: tuple[tuple[str, str], ...] = (
    ("repeated word", _fill("glute ")),
    ("repeated sentence", _fill("i want to run a faster 5k please ")),
    ("digits", _fill("1234567890")),
    ("spaced digits", _fill("7 ")),
    ("day names", _fill("monday tuesday wednesday ")),
    ("short days", _fill("mon tue wed thu fri sat sun ")),
    ("day ranges", _fill("mon-fri ")),
    ("day typos", _fill("wendsday thursdy ")),
    ("times", _fill("7:30 ")),
    ("spoken times", _fill("half past six ")),
    ("am pm", _fill("7am 6pm ")),
    ("number words", _fill("three ")),
    ("long number words", _fill("twenty one thousand and ")),
    ("ranges", _fill("3-4 ")),
    ("pain", _fill("pain ")),
    ("pain story", _fill("my knee hurts when i run downhill, sharp pain outside ")),
    ("red flags", _fill("numb chest pain cant breathe ")),
    ("body parts", _fill("knee hip calf achilles shin heel ")),
    ("city names", _fill("london ")),
    ("cities with places", _fill("portland oregon, ")),
    ("zone names", _fill("europe/london ")),
    ("offsets", _fill("utc+2 ")),
    ("commas", _fill(",")),
    ("emoji", _fill("🏃‍♀️🔥💪")),
    ("rtl", _fill("\u202eمرحبا \u200f")),
    ("zero width", _fill("a\u200b\u200c\u200d\ufeff")),
    ("nul bytes", _fill("\x00")),
    ("newlines", _fill("\n")),
    ("newlines and words", _fill("yes\n")),
    ("one long word", "a" * TELEGRAM_LIMIT),
    ("one long mixed word", _fill("abc123")),
    ("accents", _fill("é́́")),
    ("learn words", _fill("hip thrust it band warm up hills form ")),
    ("equipment", _fill("band and dumbbells, ")),
    ("yes no", _fill("yes no ")),
    ("punctuation", _fill("?!.,;:-/+&")),
)

SHORT_ANSWER = "3"

PROFILE = Profile(
    goal=Goal.PREVENT,
    experience=Experience.REGULAR,
    runs_per_week=3,
    equipment=frozenset({Equipment.NONE, Equipment.BAND, Equipment.DUMBBELL}),
    workout_days=(Weekday.MON, Weekday.WED, Weekday.FRI),
    workout_time=time(7, 30),
    timezone="Europe/London",
    hard_run_days=(Weekday.SUN,),
    pain_consent=True,
)
PAIN_KEY = "pain-20260310070000"


def _history() -> tuple[SessionRecord, ...]:
    """Six weeks of sessions, three a week, most recent first."""
    days = [NOW.date() - timedelta(days=d) for d in range(2, 44) if d % 7 in (0, 2, 5)]
    return tuple(
        SessionRecord(
            day=day,
            started_at=datetime.combine(day, time(7, 30), UTC),
            finished=True,
            results=(
                ExerciseResult(exercise_id="glute_bridge", outcome=Outcome.DONE, sets=2, reps=12),
                ExerciseResult(exercise_id="clamshell", outcome=Outcome.EASY, sets=2, reps=15),
            ),
        )
        for day in days
    )


def runner_context() -> Context:
    """An onboarded runner with six weeks of history and one open niggle."""
    niggle = PainRecord(
        key=PAIN_KEY,
        locations=(BodyLocation.KNEE_OUTSIDE,),
        level="modify",
        worst=4,
        first_reported=date(2026, 3, 10),
        severities=(3,),
    )
    pain = PainStatus(level="modify", locations=frozenset(niggle.locations), reports=(niggle,))
    return Context(
        now=NOW, user_id=4242, first_name="Sam", profile=PROFILE, history=_history(), pain=pain
    )


# Typed answers that reach steps no button leads to (a bare hour, an ambiguous place).
_WALKS_PER_STEP = 3
# Pain talk that leads the triage down other paths (the morning question, for one).
_STORIES = (
    "my achilles is sore 4/10 for 3 days, stiff in the morning, it warms up as i run",
    "outer knee hurts 5/10 since yesterday, worse during runs",
)
# A mild pain that may be a normal running one: it reaches the settling check.
_MILD = "my calf aches 2/10 on runs for 3 days, same the whole way, fine by the next morning"
_PROBES = ("7", "portland", "springfield", "my knee hurts", "yes", "not sure")


def _entries(known: Context, new: Context) -> Iterator[tuple[Transition, Context]]:
    for name, _ in router.commands():
        yield router.route(None, CommandReceived(name), known), known
    yield router.route(None, CommandReceived("start"), new), new
    for kind in ("session", "soreness"):
        args = {"kind": kind, "day": (NOW.date() - timedelta(days=2)).isoformat()}
        yield router.deliver("checkin", {"dialog": "checkin", "args": args}, None, known), known
    payload = {"dialog": "pain", "args": {"checkin": PAIN_KEY}}
    yield router.deliver("pain_checkin", payload, None, known), known
    for story in _STORIES:
        yield router.route(None, TextReceived(story), known), known
    # The settling check comes only after the walk and the screen, whose walks the entries
    # above use up: answered calmly, the mild pain reaches it.
    mild = router.route(None, TextReceived(_MILD), known)
    for calm in ("walk:ok", "scr:none"):
        assert mild.state is not None
        mild = router.route(mild.state, ButtonPressed(calm), known)
    yield mild, known


def _key(state: DialogState) -> tuple[str, ...]:
    # The pain dialog asks each red flag at the same step: tell them apart.
    flag = str(state.data.get("flag", "")) if state.step == "flag" else ""
    return (state.dialog, state.step, flag)


def dialog_states() -> list[tuple[DialogState | None, Context]]:
    """One state for every step of every dialog (and no dialog), each with its context."""
    known, new = runner_context(), Context(now=NOW, user_id=4243, first_name="Kim")
    found: dict[tuple[str, ...], tuple[DialogState | None, Context]] = {}
    # A step is walked from a few of its states: some steps are reached only by some answers.
    walked: Counter[tuple[str, ...]] = Counter()
    queue: deque[tuple[Transition, Context]] = deque(_entries(known, new))
    while queue:
        transition, ctx = queue.popleft()
        state = transition.state
        if state is None or walked[_key(state)] >= _WALKS_PER_STEP:
            continue
        walked[_key(state)] += 1
        found.setdefault(_key(state), (state, ctx))
        inputs: list[UserInput] = [
            ButtonPressed(button.value)
            for reply in transition.replies
            for row in reply.buttons
            for button in row
        ]
        inputs += [TextReceived(probe) for probe in _PROBES]
        queue.extend((router.route(state, event, ctx), ctx) for event in inputs)
    return [(None, known), (None, new), *found.values()]


def forget_reads() -> None:
    """Empty the pain reader's per-message caches, so a timing is a first reading, as for
    every new message in real use (a repeated timing of one text would hit the cache)."""
    triage.forget_readings()
    triage.normalise.cache_clear()
