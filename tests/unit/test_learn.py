"""/learn, walked purely: menus, pages, every entry, typed search, expired buttons."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from dialogs.core import (
    ButtonPressed,
    Context,
    DialogState,
    LocationShared,
    Reply,
    Started,
    TextReceived,
    Transition,
)
from dialogs.knowledge import GLUTES, knowledge
from dialogs.learn import dialog as learn
from dialogs.records import Profile
from dialogs.texts import t
from dialogs.training.prescription import Region, region
from dialogs.vocabulary import Equipment, Experience, Goal

KB = knowledge()
NOW = datetime(2025, 3, 3, 7, tzinfo=UTC)
PROFILE = Profile(goal=Goal.FASTER, experience=Experience.REGULAR, runs_per_week=3)
ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}
# The exercise groups and the way back to the topics, one a row.
MAX_BUTTONS = len(learn.Group) + 1
FULL_KIT = PROFILE.model_copy(update={"equipment": frozenset(Equipment)})
DUMBBELLS = PROFILE.model_copy(update={"equipment": frozenset({Equipment.DUMBBELL})})


class _TelegramHtml(HTMLParser):
    """Fails on tags Telegram does not allow and on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED_TAGS, tag
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, tag


def _check(reply: Reply) -> None:
    assert len(reply.text) < 4096
    parser = _TelegramHtml()
    parser.feed(reply.text)
    parser.close()
    assert parser.open == []
    values = [b.value for row in reply.buttons for b in row]
    assert len(values) <= MAX_BUTTONS
    assert all(v.isascii() and len(v.encode()) <= 24 for v in values)


def _ctx(profile: Profile | None = PROFILE) -> Context:
    return Context(now=NOW, user_id=3, profile=profile)


def _step(state: DialogState | None, event: object, ctx: Context | None = None) -> Transition:
    tr = learn.step(state, event, ctx or _ctx())  # type: ignore[arg-type]
    for reply in tr.replies:
        _check(reply)
    if tr.state is not None:
        json.dumps(tr.state.data)
    return tr


def _entry(kind: str, entry_id: str) -> dict[str, str]:
    return {"kind": kind, "id": entry_id}


def _values(reply: Reply) -> list[str]:
    return [b.value for row in reply.buttons for b in row]


def _open() -> Transition:
    return _step(DialogState(learn.NAME, "start"), Started())


def test_start_shows_the_topic_menu() -> None:
    tr = _open()
    assert tr.state is not None and tr.state.step == learn.Step.MENU
    (menu,) = tr.replies
    values = _values(menu)
    assert any(v.startswith("t:") for v in values)
    assert "xg" in values


def test_topic_pages_reach_every_topic() -> None:
    seen: set[str] = set()
    tr = _open()
    for _ in range(len(KB.topics)):
        values = _values(tr.replies[-1])
        seen |= {v[2:] for v in values if v.startswith("t:")}
        more = [v for v in values if v.startswith("tp:") and int(v[3:]) > tr.state.data["page"]]
        if not more:
            break
        tr = _step(tr.state, ButtonPressed(more[0]))
    assert seen == set(KB.topics)


def test_exercise_groups_and_pages_reach_every_exercise() -> None:
    tr = _step(_open().state, ButtonPressed("xg"))
    groups = [v for v in _values(tr.replies[0]) if v.startswith("xl:")]
    assert groups == [f"xl:{group}:0" for group in learn.Group]
    seen: set[str] = set()
    for group in groups:
        page = _step(tr.state, ButtonPressed(group))
        for _ in range(len(KB.exercises)):
            values = _values(page.replies[0])
            seen |= {v[2:] for v in values if v.startswith("x:")}
            forward = [v for v in values if v.startswith("xl:") and v > page_value(page)]
            if not forward:
                break
            page = _step(page.state, ButtonPressed(forward[0]))
    assert seen == set(KB.exercises)


def _listed(group: learn.Group) -> set[str]:
    """The exercises a group's pages list."""
    page = _step(_open().state, ButtonPressed(f"xl:{group}:0"))
    seen: set[str] = set()
    for _ in range(len(KB.exercises)):
        values = _values(page.replies[0])
        seen |= {v[2:] for v in values if v.startswith("x:")}
        forward = [v for v in values if v.startswith("xl:") and v > page_value(page)]
        if not forward:
            return seen
        page = _step(page.state, ButtonPressed(forward[0]))
    return seen


def test_calf_knee_trunk_jump_and_mobility_moves_have_their_own_groups() -> None:
    drive = _listed(learn.Group.DRIVE)
    assert {"calf_raise", "split_squat", "dead_bug", "pogo_hop", "leg_swings"}.isdisjoint(drive)
    assert {"calf_raise", "bent_knee_calf_raise", "seated_calf_raise"} <= _listed(
        learn.Group.CALVES
    )
    assert {"split_squat", "step_down"} <= _listed(learn.Group.KNEE)
    assert {"dead_bug", "hollow_hold"} <= _listed(learn.Group.TRUNK)
    assert {"pogo_hop", "power_skip", "bound", "box_jump"} <= _listed(learn.Group.PLYO)
    assert {"leg_swings", "hip_flexor_stretch", "ankle_rock"} <= _listed(learn.Group.MOBILITY)
    # What is left under hip drive is strength work for the back of the hip.
    for exercise_id in drive:
        exercise = KB.exercises[exercise_id]
        assert region(exercise) is Region.DRIVE and not exercise.explosive, exercise_id


def page_value(tr: Transition) -> str:
    assert tr.state is not None
    return f"xl:{tr.state.data['group']}:{tr.state.data['page']}"


@pytest.mark.parametrize("topic_id", list(KB.topics))
def test_every_topic_reads_well(topic_id: str) -> None:
    tr = _step(_open().state, ButtonPressed(f"t:{topic_id}"))
    assert tr.state == DialogState(learn.NAME, learn.Step.READING, _entry("topic", topic_id))
    (reply,) = tr.replies
    topic = KB.topics[topic_id]
    assert f"<b>{topic.title}</b>" in reply.text
    assert len(reply.text) < 2000
    assert {f"x:{i}" for i in topic.related} <= set(_values(reply))
    assert learn.prompt(tr.state, _ctx()) == tr.replies


def test_an_exercise_page_says_what_it_protects() -> None:
    tr = _step(_open().state, ButtonPressed("x:bent_knee_calf_raise"))
    (reply,) = tr.replies
    assert "<i>Protects:</i> Your soleus and Achilles" in reply.text
    tr = _step(_open().state, ButtonPressed("x:glute_bridge"))
    assert "Protects:" not in tr.replies[0].text


@pytest.mark.parametrize("exercise_id", list(KB.exercises))
def test_every_exercise_how_to_reads_well(exercise_id: str) -> None:
    tr = _step(_open().state, ButtonPressed(f"x:{exercise_id}"))
    (reply,) = tr.replies
    exercise = KB.exercises[exercise_id]
    assert f"<b>{exercise.name}</b>" in reply.text
    assert len(reply.text) < 2500
    # Plain words first, anatomy in brackets (calf, knee and trunk moves name theirs).
    assert "(gluteus" in reply.text or exercise.focus not in GLUTES
    assert re.search(r"<b>Works:</b> [^(\n]+\(", reply.text)
    assert "For you:" in reply.text
    assert learn.prompt(tr.state, _ctx()) == tr.replies  # type: ignore[arg-type]
    # With every kind of kit, the whole chain is a tap away.
    full = _step(_open().state, ButtonPressed(f"x:{exercise_id}"), _ctx(FULL_KIT))
    values = _values(full.replies[0])
    for variant in (exercise.easier, exercise.harder):
        if variant is not None:
            assert f"x:{variant}" in values


def _variants(exercise_id: str, profile: Profile | None) -> list[str]:
    tr = _step(_open().state, ButtonPressed(f"x:{exercise_id}"), _ctx(profile))
    return [v for v in _values(tr.replies[0]) if v.startswith("x:")]


def test_the_harder_step_ends_where_the_runners_kit_ends() -> None:
    # A runner with dumbbells: the barbell steps are not offered as the next step up.
    assert "x:back_squat" not in _variants("goblet_squat", DUMBBELLS)
    assert "x:deadlift" not in _variants("romanian_deadlift", DUMBBELLS)
    # A step their kit cannot do is passed over, as the session builder passes it over:
    # from the bridge, a body-weight runner goes up to the single-leg bridge, not the band one.
    assert _variants("glute_bridge", DUMBBELLS) == ["x:single_leg_bridge"]
    assert _variants("single_leg_bridge", DUMBBELLS) == ["x:glute_bridge"]
    # Without a profile we do not know the kit: every step shows.
    assert "x:back_squat" in _variants("goblet_squat", None)


def test_an_exercise_the_runners_kit_cannot_do_says_so() -> None:
    missing = t("learn.kit_missing")
    tr = _step(_open().state, ButtonPressed("x:back_squat"), _ctx(DUMBBELLS))
    assert missing in tr.replies[0].text
    tr = _step(_open().state, ButtonPressed("x:goblet_squat"), _ctx(DUMBBELLS))
    assert missing not in tr.replies[0].text
    tr = _step(_open().state, ButtonPressed("x:back_squat"), _ctx(None))
    assert missing not in tr.replies[0].text


def test_without_a_profile_the_doses_for_every_level_show() -> None:
    tr = _step(_open().state, ButtonPressed("x:clamshell"), _ctx(profile=None))
    text = tr.replies[0].text
    assert "New:" in text and "Regular:" in text and "Experienced:" in text


SEARCHES = [
    ("bridge", "exercise", "glute_bridge"),
    ("IT band", "topic", "knees_itb"),
    ("why do my hamstrings cramp", "topic", "hamstrings"),
    ("hills", "topic", "hills"),
    ("wet pants", "exercise", "lateral_band_walk"),
    ("clamshel", "exercise", "clamshell"),
]


@pytest.mark.parametrize(("text", "kind", "entry_id"), SEARCHES)
def test_typed_text_searches_from_any_step(text: str, kind: str, entry_id: str) -> None:
    menu = _open()
    groups = _step(menu.state, ButtonPressed("xg"))
    reading = _step(menu.state, ButtonPressed("t:speed"))
    for start in (menu, groups, reading):
        tr = _step(start.state, TextReceived(text))
        assert tr.state == DialogState(learn.NAME, learn.Step.READING, _entry(kind, entry_id))


def test_nothing_close_gets_a_friendly_answer_and_suggestions() -> None:
    menu = _open()
    tr = _step(menu.state, TextReceived("best pizza in town"))
    assert tr.state == menu.state
    (reply,) = tr.replies
    assert "don't know that one yet" in reply.text
    suggestions = [v for v in _values(reply) if v.startswith(("t:", "x:"))]
    assert 1 <= len(suggestions) <= 3


def test_a_near_miss_suggests_what_is_close() -> None:
    tr = _step(_open().state, TextReceived("hipthrust"))
    (reply,) = tr.replies
    assert "don't know that one yet" in reply.text
    assert "x:hip_thrust" in _values(reply)


STALE = ["t:nope", "x:", "done:0", "xl:x:1", "tp:x"]


@pytest.mark.parametrize("event", [ButtonPressed(v) for v in STALE])
def test_a_foreign_or_stale_button_is_expired(event: ButtonPressed) -> None:
    reading = _step(_open().state, ButtonPressed("t:hills"))
    tr = _step(reading.state, event)
    assert tr.state == reading.state
    assert "expired" in tr.replies[0].text
    assert tr.replies[1:] == reading.replies


def test_other_inputs_re_ask() -> None:
    menu = _open()
    for event in (LocationShared(1.0, 2.0), TextReceived("   ")):
        tr = _step(menu.state, event)
        assert tr.state == menu.state
        assert tr.replies[-1] == menu.replies[0]


@pytest.mark.parametrize("text", ["back", "Menu", "go back", "topics"])
def test_back_or_menu_typed_shows_the_topic_list(text: str) -> None:
    menu = _open()
    reading = _step(menu.state, ButtonPressed("x:hip_thrust"))
    tr = _step(reading.state, TextReceived(text))
    assert tr.state == menu.state
    assert tr.replies == menu.replies


@pytest.mark.parametrize("text", ["thanks", "done", "Bye!", "thank you"])
def test_close_words_end_the_dialog(text: str) -> None:
    tr = _step(_open().state, TextReceived(text))
    assert tr.state is None
    assert "/learn" in tr.replies[0].text


def test_see_also_buttons_do_not_repeat() -> None:
    tr = _step(_open().state, TextReceived("bridge"))
    values = _values(tr.replies[0])
    assert len(values) == len(set(values))
    assert "x:glute_bridge" not in values


def test_a_state_kept_as_json_resumes() -> None:
    reading = _step(_open().state, ButtonPressed("x:hip_thrust"))
    assert reading.state is not None
    stored = DialogState(learn.NAME, reading.state.step, json.loads(json.dumps(reading.state.data)))
    assert learn.prompt(stored, _ctx()) == reading.replies
    pages = _step(stored, ButtonPressed("xl:side:1"))
    assert pages.state is not None
    assert learn.prompt(pages.state, _ctx()) == pages.replies


@pytest.mark.parametrize(
    ("first", "then", "answered"),
    [
        # Asked alone, the follow-up got a passage about getting faster.
        (
            "how many times a week should i do this",
            "and how long should each one be?",
            "each taking about 20-30 minutes",
        ),
    ],
)
def test_a_follow_up_is_asked_about_what_is_on_screen(first: str, then: str, answered: str) -> None:
    reading = _step(_open().state, TextReceived(first))
    assert reading.state is not None and reading.state.step == learn.Step.READING
    tr = _step(reading.state, TextReceived(then))
    assert answered in tr.replies[0].text


def test_a_question_that_is_no_follow_up_is_asked_alone() -> None:
    reading = _step(_open().state, TextReceived("how many times a week should i do this"))
    tr = _step(reading.state, TextReceived("what is the biggest muscle in the body?"))
    assert "largest muscle in your body" in tr.replies[0].text
