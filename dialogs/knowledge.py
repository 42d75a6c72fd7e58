"""The knowledge base: exercises and /learn topics, loaded from TOML and checked
(dialogs.learn.search searches it).

The data lives in dialogs/data/exercises.toml and dialogs/data/topics.toml, written in our
own words from the source articles. Everything is validated at load; a broken entry stops
start-up with an error naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dialogs.vocabulary import BodyLocation, Equipment, Experience

EXERCISES_FILE = "exercises.toml"
TOPICS_FILE = "topics.toml"

# The articles the facts come from (kept in ../shared/seeds/); "general" marks common practice.
SEED_FILES = frozenset(
    {
        "000_ade77d0a667de055.txt",
        "001_cd6c876a49e68007.txt",
        "002_7bf361c792e86e63.txt",
        "003_b2aea68901c57d6c.txt",
        "004_2227280894d87734.txt",
    }
)
GENERAL = "general"
# Published work behind the dosing and the non-glute exercises, by the key the data files use.
REFERENCES: Mapping[str, str] = {
    "blagrove2018": "Blagrove, Howatson & Hayes 2018, Sports Medicine 48:1117-1149 "
    "(strength training and distance-running performance, systematic review)",
    "beattie2014": "Beattie, Kenny, Lyons & Carson 2014, Sports Medicine 44:845-865 "
    "(strength training for endurance athletes)",
    "ronnestad2014": "Ronnestad & Mujika 2014, Scand J Med Sci Sports 24:603-612 "
    "(strength training for running and cycling; one session a week maintains)",
    "helms2016": "Helms, Cronin, Storey & Zourdos 2016, Strength Cond J 38(4):42-49 "
    "(repetitions in reserve and RPE)",
    "mujika2003": "Mujika & Padilla 2003, Med Sci Sports Exerc 35:1182-1187 (tapering)",
    "bosquet2007": "Bosquet, Montpetit, Arvisais & Mujika 2007, Med Sci Sports Exerc "
    "39:1358-1365 (tapering meta-analysis: cut volume 41-60 %, keep intensity)",
    "issurin2010": "Issurin 2010, Sports Medicine 40:189-206 (block periodisation)",
    "nsca2016": "Haff & Triplett 2016, Essentials of Strength Training and Conditioning, "
    "4th ed. (the 2-for-2 rule; 48 h between heavy sessions for the same muscles)",
    "spurrs2003": "Spurrs, Murphy & Watsford 2003, Eur J Appl Physiol 89:1-7 "
    "(plyometrics improve running economy)",
    "paavolainen1999": "Paavolainen et al. 1999, J Appl Physiol 86:1527-1533 "
    "(explosive strength training and 5 km time)",
    "dorn2012": "Dorn, Schache & Pandy 2012, J Exp Biol 215:1944-1956 "
    "(soleus and calves carry several times body weight each stride)",
    "alfredson1998": "Alfredson et al. 1998, Am J Sports Med 26:360-366 "
    "(straight- and bent-knee calf loading for the Achilles)",
    "schoenfeld2013": "Schoenfeld & Contreras 2013, Strength Cond J 35(5):16-21 "
    "(muscle soreness is not a valid measure of a workout)",
    "mchugh2003": "McHugh 2003, Scand J Med Sci Sports 13:88-97 "
    "(eccentric work and the repeated-bout effect in muscle soreness)",
    "distefano2009": "Distefano et al. 2009, J Orthop Sports Phys Ther 39:532-540 "
    "(gluteal muscle activity in common exercises)",
    "boren2011": "Boren et al. 2011, Int J Sports Phys Ther 6:206-223 "
    "(gluteus medius and maximus activity in rehabilitation exercises)",
    "bosquet2013": "Bosquet et al. 2013, Scand J Med Sci Sports 23:e140-e149 "
    "(training cessation and muscular performance, meta-analysis)",
    "lieberman2006": "Lieberman et al. 2006, J Exp Biol 209:2143-2155 "
    "(the human gluteus maximus and its role in running: it works more the faster you go)",
    "acsm2009": "American College of Sports Medicine 2009, Med Sci Sports Exerc 41:687-708 "
    "(progression models in resistance training: sets and repetitions)",
    "herbert2011": "Herbert, de Noronha & Kamper 2011, Cochrane Database Syst Rev CD004577 "
    "(stretching does not prevent or reduce muscle soreness)",
    "wiewelhove2019": "Wiewelhove et al. 2019, Front Physiol 10:376 "
    "(foam rolling and recovery, meta-analysis: small effects)",
    "warden2014": "Warden, Davis & Fredericson 2014, J Orthop Sports Phys Ther 44:749-765 "
    "(bone stress injuries in long-distance runners: signs, risk factors, management)",
    "vanderhorst2015": "van der Horst et al. 2015, Am J Sports Med 43:1316-1323 "
    "(the Nordic hamstring exercise roughly halved hamstring injuries, randomised trial)",
}

# Ids travel inside button values ("x:<id>"), which must stay within 24 bytes.
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,21}$")]
Line = Annotated[str, Field(min_length=2, max_length=300)]


class KnowledgeError(RuntimeError):
    """The knowledge base is broken; the text names the file and the entry."""


class Muscle(StrEnum):
    GLUTEUS_MAXIMUS = "gluteus_maximus"
    GLUTEUS_MEDIUS = "gluteus_medius"
    GLUTEUS_MINIMUS = "gluteus_minimus"
    HAMSTRINGS = "hamstrings"
    QUADS = "quads"
    CALVES = "calves"
    CORE = "core"
    HIP_FLEXORS = "hip_flexors"


GLUTES = frozenset({Muscle.GLUTEUS_MAXIMUS, Muscle.GLUTEUS_MEDIUS, Muscle.GLUTEUS_MINIMUS})
SIDE_GLUTES = frozenset({Muscle.GLUTEUS_MEDIUS, Muscle.GLUTEUS_MINIMUS})


class Kind(StrEnum):
    STRENGTH = "strength"  # part of the 20-30 minute glute session
    RUNNING = "running"  # done on a run; the builder only suggests it as a note
    MOBILITY = "mobility"  # unloaded moves for race week and recovery, never the main work


LEVELS: tuple[Experience, ...] = tuple(Experience)


_RANKS: dict[Experience, int] = {level: rank for rank, level in enumerate(LEVELS)}


def level_rank(level: Experience) -> int:
    """0 for new, 1 for regular, 2 for experienced."""
    return _RANKS[level]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _plain(value: str) -> str:
    # Knowledge text is plain; the dialogs escape it into Telegram HTML.
    if "<" in value or ">" in value:
        raise ValueError(f"use plain text, no markup: {value[:40]!r}")
    return value


class Prescription(_Model):
    """Sets of reps or of seconds, and the rest after each set."""

    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    seconds: int | None = Field(default=None, ge=5, le=3600)
    rest: int = Field(ge=0, le=300)
    each_side: bool = False

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Prescription:
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("give exactly one of reps or seconds")
        return self


class Exercise(_Model):
    """One exercise or running drill, with everything the coach needs to teach and dose it."""

    id: Id
    name: Line
    aliases: tuple[Line, ...] = ()
    kind: Kind = Kind.STRENGTH
    # The first muscle is the focus: a glute, or the calves, quads or trunk that running needs too.
    muscles: tuple[Muscle, ...] = Field(min_length=1)
    # Any one of these kits will do; every item of a kit is needed.
    equipment: tuple[frozenset[Equipment], ...] = Field(min_length=1)
    level: Experience
    why: Line
    how_to: tuple[Line, ...] = Field(min_length=3, max_length=6)
    cues: tuple[Line, ...] = Field(min_length=1, max_length=4)
    mistakes: tuple[Line, ...] = Field(min_length=1, max_length=4)
    notes: tuple[Line, ...] = ()
    easier: Id | None = None
    harder: Id | None = None
    prescription: dict[Experience, Prescription]
    avoid_with: frozenset[BodyLocation] = frozenset()
    safe_with: frozenset[BodyLocation] = frozenset()
    sources: tuple[str, ...] = Field(min_length=1)
    heavy: bool = False
    explosive: bool = False
    # Short and gentle enough to open a session as the activation drill.
    activation: bool = False
    # Isolated hip-abduction work: a warm-up or extra, not the core of a trained runner's session.
    accessory: bool = False
    # Seconds lowering, holding and rising, where the speed of a rep matters.
    tempo: tuple[int, int, int] | None = None
    # What the exercise helps a runner hold up against, in our words.
    protects: Line | None = None

    @field_validator("name", "why", "aliases", "how_to", "cues", "mistakes", "notes", "protects")
    @classmethod
    def _texts_are_plain(cls, value: str | tuple[str, ...] | None) -> str | tuple[str, ...] | None:
        for text in () if value is None else (value,) if isinstance(value, str) else value:
            _plain(text)
        return value

    @field_validator("sources")
    @classmethod
    def _known_sources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for source in value:
            if source != GENERAL and source not in SEED_FILES and source not in REFERENCES:
                raise ValueError(f"unknown source {source!r}")
        return value

    @field_validator("equipment")
    @classmethod
    def _kits_not_empty(
        cls, value: tuple[frozenset[Equipment], ...]
    ) -> tuple[frozenset[Equipment], ...]:
        if any(not kit for kit in value):
            raise ValueError('an equipment kit is empty; use ["none"]')
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if len(set(self.muscles)) != len(self.muscles):
            raise ValueError("a muscle is listed twice")
        missing = [level.value for level in LEVELS if level not in self.prescription]
        if missing:
            raise ValueError(f"prescription missing for {', '.join(missing)}")
        if self.avoid_with & self.safe_with:
            raise ValueError("a location is both avoided and safe")
        if self.id in (self.easier, self.harder):
            raise ValueError("an exercise cannot be its own variant")
        return self

    @property
    def focus(self) -> Muscle:
        """The muscle the exercise is mainly for: the first one listed."""
        return self.muscles[0]

    @property
    def targets_side(self) -> bool:
        """Whether the focus is the side of the hip (gluteus medius/minimus)."""
        return self.muscles[0] in SIDE_GLUTES

    def fits(self, owned: Iterable[Equipment]) -> bool:
        """Whether a runner with this equipment can do it (body weight is always there)."""
        kit = {Equipment.NONE, *owned}
        return any(need <= kit for need in self.equipment)


class Topic(_Model):
    """A short /learn explainer."""

    id: Id
    title: Line
    keywords: tuple[Line, ...] = Field(min_length=1)
    body: tuple[Annotated[str, Field(min_length=10, max_length=700)], ...] = Field(
        min_length=1, max_length=6
    )
    related: tuple[Id, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)

    @field_validator("title", "keywords", "body")
    @classmethod
    def _texts_are_plain(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for text in (value,) if isinstance(value, str) else value:
            _plain(text)
        return value

    @field_validator("sources")
    @classmethod
    def _known_sources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return Exercise._known_sources(value)


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Every exercise and topic by id, in file order."""

    exercises: Mapping[str, Exercise]
    topics: Mapping[str, Topic]
    # Each exercise's chain, worked out once (the session builder asks thousands of times).
    _chains: dict[str, tuple[Exercise, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _positions: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)
    _all_chains: tuple[tuple[Exercise, ...], ...] = field(
        init=False, repr=False, compare=False, default=()
    )
    _usable: dict[tuple[frozenset[Equipment], int], frozenset[str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        # Worked out once at load: every session build walks all the chains several times.
        every = tuple(self.chain(e.id) for e in self.exercises.values() if e.easier is None)
        object.__setattr__(self, "_all_chains", every)

    def chain(self, exercise_id: str) -> tuple[Exercise, ...]:
        """The progression chain holding this exercise, easiest first."""
        known = self._chains.get(exercise_id)
        if known is not None:
            return known
        first = self.exercises[exercise_id]
        while first.easier is not None:
            first = self.exercises[first.easier]
        members = [first]
        while members[-1].harder is not None:
            members.append(self.exercises[members[-1].harder])
        self._chains[exercise_id] = tuple(members)
        return self._chains[exercise_id]

    def chain_id(self, exercise_id: str) -> str:
        """The id of the easiest member, which names the chain."""
        return self.chain(exercise_id)[0].id

    def position(self, exercise: Exercise) -> int:
        """Where an exercise stands in its chain, 0 for the easiest."""
        known = self._positions.get(exercise.id)
        if known is None:
            known = [e.id for e in self.chain(exercise.id)].index(exercise.id)
            self._positions[exercise.id] = known
        return known

    def chains(self) -> tuple[tuple[Exercise, ...], ...]:
        """Every progression chain, in file order of their easiest member."""
        return self._all_chains

    def usable(self, owned: frozenset[Equipment], rank: int) -> frozenset[str]:
        """Ids of the exercises this equipment allows, up to level `rank`: asked for every
        runner's session, and runners share a handful of kits."""
        key = (owned, rank)
        known = self._usable.get(key)
        if known is None:
            known = frozenset(
                e.id
                for e in self.exercises.values()
                if e.fits(owned) and level_rank(e.level) <= rank
            )
            self._usable[key] = known
        return known

    def text(self) -> str:
        """All the words of the knowledge base, for checks that a fact is covered."""
        entries: tuple[Exercise | Topic, ...] = (*self.exercises.values(), *self.topics.values())
        return "\n".join(entry_text(e) for e in entries)


def entry_text(entry: Exercise | Topic) -> str:
    """The words of one entry, lower-cased."""
    if isinstance(entry, Exercise):
        parts = (entry.name, *entry.aliases, entry.why, *entry.how_to, *entry.cues)
        parts += (*entry.mistakes, *entry.notes, *((entry.protects,) if entry.protects else ()))
    else:
        parts = (entry.title, *entry.keywords, *entry.body)
    return "\n".join(parts).lower()


_M = TypeVar("_M", Exercise, Topic)


def _entries(file: str, text: str, table: str) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{file}: {exc}") from exc
    entries = data.pop(table, None)
    if data or not isinstance(entries, list):
        raise KnowledgeError(f"{file}: expected only [[{table}]] entries")
    return entries


def _validate(file: str, model: type[_M], raw: list[dict[str, Any]]) -> dict[str, _M]:
    out: dict[str, _M] = {}
    for number, entry in enumerate(raw, start=1):
        name = f"{entry.get('id', '?')!s} (entry {number})"
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            raise KnowledgeError(f"{file}: {name}: {exc}") from exc
        if item.id in out:
            raise KnowledgeError(f"{file}: {name}: duplicate id")
        out[item.id] = item
    return out


def _check_chains(exercises: Mapping[str, Exercise]) -> None:
    def fail(exercise_id: str, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{EXERCISES_FILE}: {exercise_id}: {problem}")

    for e in exercises.values():
        for label, other in (("easier", e.easier), ("harder", e.harder)):
            if other is not None and other not in exercises:
                raise fail(e.id, f"{label} variant {other!r} does not exist")
        # Each link is stated on both ends, so every chain is a simple line.
        if e.harder is not None and exercises[e.harder].easier != e.id:
            raise fail(e.id, f"harder is {e.harder!r} but its easier is not {e.id!r}")
        if e.easier is not None and exercises[e.easier].harder != e.id:
            raise fail(e.id, f"easier is {e.easier!r} but its harder is not {e.id!r}")
        if e.kind is Kind.STRENGTH and not e.prescription:
            raise fail(e.id, "no prescription")
    for e in exercises.values():
        seen = {e.id}
        step = e.harder
        while step is not None:
            if step in seen:
                raise fail(e.id, "the progression chain loops")
            seen.add(step)
            step = exercises[step].harder
        kinds = {exercises[i].kind for i in seen}
        if len(kinds) > 1:
            raise fail(e.id, "a chain mixes running and strength items")


def parse(exercises_toml: str, topics_toml: str) -> KnowledgeBase:
    """Validate the two knowledge files' contents; raise KnowledgeError naming file and entry."""
    raw_exercises = _entries(EXERCISES_FILE, exercises_toml, "exercise")
    exercises = _validate(EXERCISES_FILE, Exercise, raw_exercises)
    _check_chains(exercises)
    topics = _validate(TOPICS_FILE, Topic, _entries(TOPICS_FILE, topics_toml, "topic"))
    for topic in topics.values():
        for other in topic.related:
            if other not in exercises:
                problem = f"related {other!r} does not exist"
                raise KnowledgeError(f"{TOPICS_FILE}: {topic.id}: {problem}")
    clash = exercises.keys() & topics.keys()
    if clash:
        raise KnowledgeError(f"{TOPICS_FILE}: {min(clash)}: id also used by an exercise")
    return KnowledgeBase(exercises=exercises, topics=topics)


@cache
def knowledge() -> KnowledgeBase:
    """The knowledge base, loaded and checked once."""
    folder = resources.files("dialogs") / "data"
    return parse(
        (folder / EXERCISES_FILE).read_text(encoding="utf-8"),
        (folder / TOPICS_FILE).read_text(encoding="utf-8"),
    )
