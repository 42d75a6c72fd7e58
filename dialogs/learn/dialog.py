"""/learn: topics and exercise how-tos by buttons, and typed questions answered from the
knowledge base.

Every learn button (a topic, an exercise, a page) stays valid anywhere in /learn, because
browsing has no order. Anything typed (or given as "/learn <question>") is a name to open or
a question to answer (dialogs.learn.answers). See dialog.mmd for the transitions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from enum import StrEnum

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    Reply,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.knowledge import Exercise, Kind, Topic, knowledge
from dialogs.learn.answers import Answer, answer
from dialogs.learn.asking import body, is_question, pain_offer
from dialogs.learn.search import SearchHit, search
from dialogs.pain.reading import mentions_pain
from dialogs.texts import Html, t
from dialogs.training.prescription import Region, region
from dialogs.training.sessions import dose
from dialogs.vocabulary import Experience

NAME = "learn"

TOPICS_PER_PAGE = 5
EXERCISES_PER_PAGE = 5
SUGGESTIONS = 3
SUGGEST_CUTOFF = 60.0
# Starting points when a search finds nothing close at all.
DEFAULT_SUGGESTIONS = ("glute_muscles", "weak_glutes", "running_form")

_CLOSE = re.compile(r"^\s*(done|close|exit|quit|bye|stop|thanks|thank you|thx|ok thanks)\W*$")
# A follow-up ("and how long should each one be?", "what about before a race") is asked about
# the topic or exercise on screen: its title goes with it to the answerer.
_FOLLOW_UP = re.compile(
    r"^\s*(?:and|also|but|so|then|what about|how about|what if)\b"
    r"|\b(?:each one|that one|this one|those|them)\b"
)
# Typed for the topic list, as its button is tapped ("back" is not the comeback topic).
_MENU = re.compile(r"^\s*(back|go back|menu|main menu|topics|all topics|list|home)\W*$")


class Step(StrEnum):
    START = "start"
    MENU = "menu"  # a page of topics
    EXERCISES = "exercises"  # exercise groups, or a page of one group
    READING = "reading"  # one topic or exercise


class Group(StrEnum):
    """The exercise groups, in the order offered."""

    DRIVE = "drive"  # the back of the hip: gluteus maximus
    SIDE = "side"  # the side of the hip: gluteus medius and minimus
    KNEE = "knee"  # the quads: single-leg knee control
    CALVES = "calves"  # calves and soleus
    TRUNK = "trunk"
    PLYO = "plyo"  # hops, skips, bounds and jumps
    MOBILITY = "mobility"  # unloaded moves for race week and after runs
    RUN = "run"  # done on a run


# Strength moves are grouped by the region the session builder balances them by.
_BY_REGION = {
    Region.DRIVE: Group.DRIVE,
    Region.SIDE: Group.SIDE,
    Region.KNEE: Group.KNEE,
    Region.CALVES: Group.CALVES,
    Region.TRUNK: Group.TRUNK,
}


def _group(exercise: Exercise) -> Group:
    if exercise.kind is Kind.RUNNING:
        return Group.RUN
    if exercise.kind is Kind.MOBILITY:
        return Group.MOBILITY
    if exercise.explosive:
        return Group.PLYO
    return _BY_REGION[region(exercise)]


def _members(group: Group) -> list[Exercise]:
    """A group's exercises, chain by chain, easiest first."""
    ordered = [e for chain in knowledge().chains() for e in chain]
    return [e for e in ordered if _group(e) is group]


def _pages(count: int, size: int) -> int:
    return max(1, -(-count // size))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


# ---------------------------------------------------------------- screens


def _menu(page: int) -> Reply:
    topics = list(knowledge().topics.values())
    last = _pages(len(topics), TOPICS_PER_PAGE) - 1
    page = min(max(page, 0), last)
    shown = topics[page * TOPICS_PER_PAGE : (page + 1) * TOPICS_PER_PAGE]
    rows: list[tuple[Button, ...]] = [(Button(topic.title, f"t:{topic.id}"),) for topic in shown]
    nav = []
    if page > 0:
        nav.append(Button(t("learn.button.previous"), f"tp:{page - 1}"))
    if page < last:
        nav.append(Button(t("learn.button.more_topics"), f"tp:{page + 1}"))
    if nav:
        rows.append(tuple(nav))
    rows.append((Button(t("learn.button.exercises"), "xg"),))
    return Reply(t("learn.menu"), tuple(rows))


def _groups() -> Reply:
    rows = tuple((Button(t(f"learn.group.{g.value}"), f"xl:{g.value}:0"),) for g in Group)
    return Reply(t("learn.groups"), (*rows, (Button(t("learn.button.topics"), "tp:0"),)))


def _exercise_page(group: Group, page: int) -> Reply:
    members = _members(group)
    last = _pages(len(members), EXERCISES_PER_PAGE) - 1
    page = min(max(page, 0), last)
    shown = members[page * EXERCISES_PER_PAGE : (page + 1) * EXERCISES_PER_PAGE]
    rows: list[tuple[Button, ...]] = [(Button(e.name, f"x:{e.id}"),) for e in shown]
    nav = []
    if page > 0:
        nav.append(Button(t("learn.button.previous"), f"xl:{group.value}:{page - 1}"))
    if page < last:
        nav.append(Button(t("learn.button.next"), f"xl:{group.value}:{page + 1}"))
    nav.append(Button(t("learn.button.groups"), "xg"))
    rows.append(tuple(nav))
    text = t(
        "learn.group_page",
        group=t(f"learn.group.{group.value}"),
        page=page + 1,
        pages=last + 1,
    )
    return Reply(text, tuple(rows))


def _topic_reply(topic: Topic, extra: Sequence[Button] = ()) -> Reply:
    body = "\n\n".join(_esc(paragraph) for paragraph in topic.body)
    text = t("learn.topic", title=topic.title, body=Html(body))
    kb = knowledge()
    related = [Button(kb.exercises[i].name, f"x:{i}") for i in topic.related[:3]]
    values = {b.value for b in related}
    also = tuple(b for b in extra if b.value not in values and b.value != f"t:{topic.id}")
    rows = [tuple(related[:2]), tuple(related[2:]), also]
    rows.append((Button(t("learn.button.topics"), "tp:0"),))
    return Reply(text, tuple(row for row in rows if row))


def _variant(exercise: Exercise, step: int, ctx: Context) -> Exercise | None:
    """The next easier (step -1) or harder (+1) exercise of the chain. For a runner we know,
    steps their kit cannot do are passed over, so the chain ends where their kit ends, as the
    session builder's does (no barbell step for a runner with dumbbells)."""
    chain = knowledge().chain(exercise.id)
    if ctx.profile is not None:
        owned = ctx.profile.equipment
        chain = tuple(e for e in chain if e.fits(owned) or e.id == exercise.id)
    index = chain.index(exercise) + step
    return chain[index] if 0 <= index < len(chain) else None


def _kit_text(exercise: Exercise) -> str:
    kits = [
        " + ".join(t(f"learn.equipment.{item.value}") for item in sorted(kit))
        for kit in exercise.equipment
    ]
    return t("learn.or").join(kits)


def _kit_missing(exercise: Exercise, ctx: Context) -> str:
    """A line saying the runner's kit cannot do this one (empty when it can, or unknown)."""
    if ctx.profile is None or exercise.fits(ctx.profile.equipment):
        return ""
    return "\n" + t("learn.kit_missing")


def _dose_text(exercise: Exercise, ctx: Context) -> str:
    def one(level: Experience) -> str:
        p = exercise.prescription[level]
        amount = dose(sets=p.sets, reps=p.reps, seconds=p.seconds, each_side=p.each_side)
        return t("learn.dose", dose=amount, rest=p.rest) if p.rest else amount

    if ctx.profile is not None:
        return t("learn.for_you", dose=one(ctx.profile.experience))
    levels = [t(f"learn.level.{level.value}", dose=one(level)) for level in Experience]
    return "\n".join(levels)


def _exercise_reply(exercise: Exercise, ctx: Context, extra: Sequence[Button] = ()) -> Reply:
    steps = "\n".join(
        t("learn.step", n=n, text=text) for n, text in enumerate(exercise.how_to, start=1)
    )
    cues = "\n".join(t("learn.bullet", text=c) for c in exercise.cues)
    mistakes = "\n".join(t("learn.bullet", text=m) for m in exercise.mistakes)
    muscles = ", ".join(t(f"learn.muscle.{m.value}") for m in exercise.muscles)
    notes = "\n\n" + "\n".join(_esc(n) for n in exercise.notes) if exercise.notes else ""
    text = t(
        "learn.exercise",
        name=exercise.name,
        why=exercise.why,
        protects=Html(t("learn.protects", text=exercise.protects) if exercise.protects else ""),
        steps=Html(steps),
        cues=Html(cues),
        mistakes=Html(mistakes),
        notes=Html(notes),
        muscles=muscles,
        kit=_kit_text(exercise),
        kit_missing=Html(_kit_missing(exercise, ctx)),
        dose=Html(_dose_text(exercise, ctx)),
        where=t(f"learn.where.{exercise.kind.value}"),
    )
    variants = []
    if (easier := _variant(exercise, -1, ctx)) is not None:
        variants.append(Button(t("learn.button.easier", name=easier.name), f"x:{easier.id}"))
    if (harder := _variant(exercise, +1, ctx)) is not None:
        variants.append(Button(t("learn.button.harder", name=harder.name), f"x:{harder.id}"))
    group = _group(exercise)
    back = (
        Button(t("learn.button.more_exercises"), f"xl:{group.value}:0"),
        Button(t("learn.button.topics"), "tp:0"),
    )
    shown = {b.value for b in (*variants, *back)}
    also = tuple(b for b in extra if b.value not in shown and b.value != f"x:{exercise.id}")
    rows = [tuple(variants), also, back]
    return Reply(text, tuple(row for row in rows if row))


def _hit_button(hit: SearchHit) -> Button:
    prefix = "t" if hit.kind == "topic" else "x"
    return Button(hit.title, f"{prefix}:{hit.id}")


# ---------------------------------------------------------------- state


def _reading(kind: str, entry_id: str) -> DialogState:
    return DialogState(NAME, Step.READING, {"kind": kind, "id": entry_id})


def _show(state: DialogState, ctx: Context, extra: Sequence[Button] = ()) -> Reply | None:
    """The screen for a state, or None when the state points at something gone."""
    kb = knowledge()
    data = state.data
    if state.step == Step.READING:
        entry_id = str(data.get("id", ""))
        if data.get("kind") == "topic" and entry_id in kb.topics:
            return _topic_reply(kb.topics[entry_id], extra)
        if data.get("kind") == "exercise" and entry_id in kb.exercises:
            return _exercise_reply(kb.exercises[entry_id], ctx, extra)
        return None
    if state.step == Step.EXERCISES:
        group = data.get("group")
        if group is None:
            return _groups()
        if group in set(Group):
            return _exercise_page(Group(group), int(data.get("page", 0)))
        return None
    return _menu(int(data.get("page", 0)))


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current screen again, exactly as first shown."""
    reply = _show(state, ctx)
    return (reply if reply is not None else _menu(0),)


def _state_for(value: str) -> DialogState | None:
    """The state a button leads to, or None if the value is not a learn button."""
    kb = knowledge()
    kind, _, rest = value.partition(":")
    if kind == "t" and rest in kb.topics:
        return _reading("topic", rest)
    if kind == "x" and rest in kb.exercises:
        return _reading("exercise", rest)
    if kind == "tp" and rest.isdecimal():
        return DialogState(NAME, Step.MENU, {"page": int(rest)})
    if value == "xg":
        return DialogState(NAME, Step.EXERCISES, {"group": None})
    group, _, page = rest.partition(":")
    if kind == "xl" and group in set(Group) and page.isdecimal():
        return DialogState(NAME, Step.EXERCISES, {"group": group, "page": int(page)})
    return None


def _open_hit(hits: Sequence[SearchHit], ctx: Context) -> Transition | None:
    """The best search hit opened in full, the others as buttons."""
    best, others = hits[0], hits[1:]
    target = _reading(best.kind, best.id)
    reply = _show(target, ctx, [_hit_button(h) for h in others])
    return Transition(target, (reply,)) if reply is not None else None


def _answer_reply(got: Answer, asked: str) -> Reply:
    """The passages that answer, with buttons to the whole entries and related exercises."""
    kb = knowledge()
    first = got.passages[0]
    buttons: list[Button] = []
    for p in got.passages:
        prefix = "t" if p.kind == "topic" else "x"
        full = Button(t("learn.button.full_topic", title=p.title), f"{prefix}:{p.entry_id}")
        if full not in buttons:
            buttons.append(full)
    for exercise_id in first.related[:2]:
        buttons.append(Button(kb.exercises[exercise_id].name, f"x:{exercise_id}"))
    text = t("learn.answer", body=body(got.passages), title=first.title)
    if mentions_pain(asked):
        offer, button = pain_offer()
        text += "\n\n" + offer
        buttons.append(button)
    rows = [*((b,) for b in buttons), (Button(t("learn.button.topics"), "tp:0"),)]
    return Reply(text, tuple(rows))


def _answer_in_context(state: DialogState, text: str) -> Answer:
    """The answer to a question; to a follow-up, asked with the title of what is on screen
    when that answers it confidently."""
    kb = knowledge()
    entry_id = str(state.data.get("id", ""))
    on_screen = kb.topics.get(entry_id) if state.data.get("kind") == "topic" else None
    shown = kb.exercises.get(entry_id) if state.data.get("kind") == "exercise" else None
    title = on_screen.title if on_screen else shown.name if shown else None
    if state.step == Step.READING and title and _FOLLOW_UP.search(text.lower()):
        followed = answer(f"{title}: {text}")
        if followed.confident:
            return followed
    return answer(text)


def _typed(state: DialogState, text: str, ctx: Context) -> Transition:
    """A name opens its entry; a question gets the passages that answer it; anything else an
    honest "I don't know" with the closest topics."""
    hits = search(text, limit=SUGGESTIONS)
    if hits and not is_question(text):
        opened = _open_hit(hits, ctx)
        if opened is not None:
            return opened
    got = _answer_in_context(state, text)
    if got.confident:
        best = got.passages[0]
        return Transition(_reading(best.kind, best.entry_id), (_answer_reply(got, text),))
    if hits:
        opened = _open_hit(hits, ctx)
        if opened is not None:
            return opened
    kb = knowledge()
    near = [_hit_button(h) for h in search(text, limit=SUGGESTIONS, cutoff=SUGGEST_CUTOFF)]
    for kind, entry_id in got.closest:
        entry = kb.topics[entry_id] if kind == "topic" else kb.exercises[entry_id]
        title = entry.title if isinstance(entry, Topic) else entry.name
        button = Button(title, f"{kind[0]}:{entry_id}")
        if button not in near:
            near.append(button)
    buttons = near[:SUGGESTIONS] or [
        Button(kb.topics[i].title, f"t:{i}") for i in DEFAULT_SUGGESTIONS if i in kb.topics
    ]
    rows = (*((b,) for b in buttons), (Button(t("learn.button.topics"), "tp:0"),))
    return Transition(state, (Reply(t("learn.unknown"), rows),))


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance /learn by one input."""
    if state is None or isinstance(event, Started) or state.step == Step.START:
        start = DialogState(NAME, Step.MENU, {"page": 0})
        # "/learn <question>" answers it straight away.
        asked = str(state.data.get("args", "")).strip() if state is not None else ""
        if asked:
            return _typed(start, asked, ctx)
        return Transition(start, (_menu(0),))
    if isinstance(event, ButtonPressed):
        target = _state_for(event.value)
        reply = _show(target, ctx) if target is not None else None
        if target is None or reply is None:
            return Transition(state, (Reply(t("learn.expired")), *prompt(state, ctx)))
        return Transition(target, (reply,))
    if isinstance(event, TextReceived):
        if _CLOSE.match(event.text.lower()):
            return Transition(None, (Reply(t("learn.bye")),))
        if _MENU.match(event.text.lower()):
            return Transition(DialogState(NAME, Step.MENU, {"page": 0}), (_menu(0),))
        if not event.text.strip():
            return Transition(state, (Reply(t("learn.reask")), *prompt(state, ctx)))
        return _typed(state, event.text, ctx)
    return Transition(state, (Reply(t("learn.reask")), *prompt(state, ctx)))
