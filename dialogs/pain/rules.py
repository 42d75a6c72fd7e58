"""The clinical rules: which of the four levels a report needs, and why.

They follow ../shared/clinical-criteria.md: any single sign of a higher level wins, and an
answer of "not sure" counts as the worse case. The coach gives decision support, never a
diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from dialogs.pain.injuries import (
    fresh_strain,
    injury_pop,
    mild_fresh_strain,
    mild_sprain,
    strain_not_fall,
    sudden_injury,
)
from dialogs.pain.levels import CONTINUE, MODIFY, PHYSIO, URGENT, PainLevel, highest
from dialogs.pain.normal import continue_code, modify_code, once_over_limits, steady_stiffness
from dialogs.pain.report import PainReport
from dialogs.pain.soreness import is_normal_soreness
from dialogs.pain.vocabulary import BONE_SITES, KNEES, Answer, Behaviour, Flag, Side, Trend
from dialogs.pain.where import (
    at,
    back,
    back_pain,
    clot_site,
    first_steps_easing,
    knee,
    sciatic,
    set_burn,
    unlocated,
)
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation

# A modify-level pain not clearly better by about day 10-14 needs a physio's eyes.
NOT_BETTER_DAYS = 10


class Care(StrEnum):
    """Where to go, most pressing first: emergency, same-day care, a physio, a doctor (a
    physio-level problem that is a GP's), or looking after it yourself."""

    EMERGENCY = "emergency"
    SAME_DAY = "same_day"
    PHYSIO = "physio"
    DOCTOR = "doctor"
    SELF = "self"


_BUTTOCK = frozenset({BodyLocation.GLUTE})
_RUPTURE_SITES = frozenset(
    {BodyLocation.ACHILLES, BodyLocation.CALF, BodyLocation.HEEL, BodyLocation.ANKLE}
)
_COMPARTMENTS = frozenset({BodyLocation.SHIN, BodyLocation.CALF, BodyLocation.OTHER})
_DEEP_HIP = frozenset({BodyLocation.GROIN, BodyLocation.HIP_FRONT})
# With a back pain: a doctor today (thin bones alone are not a sign of a pain elsewhere).
_BACK_RED_FLAGS = (Flag.BACK_SERIOUS, Flag.CONSTANT, Flag.OSTEOPOROSIS)
_JOINTS = KNEES | {BodyLocation.ANKLE, BodyLocation.HIP_FRONT, BodyLocation.FOOT}


@dataclass(frozen=True, slots=True)
class Triage:
    """The level a report needs and why.

    codes are stable identifiers of the reasons (for tests and storage); reasons are the
    same in plain words. care says where to go: emergency, same_day (urgent), physio,
    doctor (physio level, but for a GP), self (modify and continue).
    """

    level: PainLevel
    reasons: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    care: Care = Care.SELF
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class _Rule:
    code: str
    level: PainLevel
    care: Care
    applies: Callable[[PainReport, bool], bool]  # (report, looks like normal soreness)


# Every rule that can raise the level; the highest that applies wins. Reading order:
# emergencies, same-day care, physio, then the stricter limits of the modify level.
RULES: tuple[_Rule, ...] = (
    _Rule(
        "cauda_equina",
        URGENT,
        Care.EMERGENCY,
        lambda r, _: (
            r.has(Flag.SADDLE)
            or r.has(Flag.BLADDER)
            or (r.has(Flag.BOTH_LEGS) and (back(r) or unlocated(r) or at(r, _BUTTOCK)))
        ),
    ),
    _Rule("chest", URGENT, Care.EMERGENCY, lambda r, _: r.has(Flag.CHEST)),
    _Rule("fainting", URGENT, Care.EMERGENCY, lambda r, _: r.has(Flag.FAINTING)),
    _Rule("heat_illness", URGENT, Care.EMERGENCY, lambda r, _: r.has(Flag.CONFUSION)),
    _Rule("breathless", URGENT, Care.EMERGENCY, lambda r, _: r.has(Flag.BREATHLESS)),
    _Rule(
        "dizzy_with",
        URGENT,
        Care.EMERGENCY,
        lambda r, _: (
            r.has(Flag.DIZZY) and (r.has(Flag.HEAT) or r.has(Flag.CHEST) or r.has(Flag.BREATHLESS))
        ),
    ),
    _Rule("deformity", URGENT, Care.EMERGENCY, lambda r, _: r.has(Flag.DEFORMITY)),
    _Rule(
        "fracture",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            r.answer(Flag.TRAUMA) == Answer.YES and (r.has(Flag.CANT_MOVE) or (r.worst or 0) >= 8)
        ),
    ),
    _Rule(
        "clot",
        URGENT,
        Care.SAME_DAY,
        lambda r, doms: (
            (clot_site(r) or unlocated(r))
            and (
                (r.has(Flag.SWELLING) and r.has(Flag.HOT_RED))
                or (
                    r.has(Flag.TRAVEL)
                    and not (doms and r.side == Side.BOTH)
                    and not back_pain(r)
                    and not sciatic(r)
                )
            )
        ),
    ),
    _Rule("cannot_walk", URGENT, Care.SAME_DAY, lambda r, _: r.has(Flag.CANNOT_WALK)),
    _Rule("cannot_walk", URGENT, Care.SAME_DAY, lambda r, doms: r.has(Flag.WALK_WEAK) and not doms),
    _Rule(
        "cannot_walk",
        URGENT,
        Care.SAME_DAY,
        lambda r, doms: r.has(Flag.WALK_HARD) and sudden_injury(r) and not doms,
    ),
    _Rule("pop", URGENT, Care.SAME_DAY, lambda r, _: injury_pop(r)),
    _Rule(
        "achilles_rupture",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            (r.has(Flag.KICKED) and (at(r, _RUPTURE_SITES) or not r.has(Flag.MUSCLES)))
            or r.has(Flag.TIPTOE)
            or (at(r, frozenset({BodyLocation.ACHILLES})) and r.answer(Flag.TEAR) == Answer.YES)
        ),
    ),
    _Rule(
        "knee_swelling_injury",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            knee(r)
            and r.has(Flag.SWELLING)
            and (sudden_injury(r) or r.answer(Flag.GIVING_WAY) == Answer.YES)
        ),
    ),
    _Rule(
        "knee_locked",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: r.has(Flag.LOCKED) and (knee(r) or unlocated(r)),
    ),
    _Rule(
        "hot_joint",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            r.has(Flag.HOT_RED)
            and (
                r.has(Flag.FEVER)
                or (at(r, _JOINTS) and r.has(Flag.SWELLING) and not sudden_injury(r))
            )
        ),
    ),
    _Rule(
        "back_fever",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: r.has(Flag.FEVER) and (back(r) or r.has(Flag.SWELLING)),
    ),
    _Rule("dark_urine", URGENT, Care.SAME_DAY, lambda r, _: r.has(Flag.DARK_URINE)),
    _Rule(
        "compartment",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            r.has(Flag.OUT_OF_PROPORTION)
            or r.has(Flag.TENSE)
            or (
                at(r, _COMPARTMENTS)
                and r.has(Flag.SWELLING)
                and r.has(Flag.NUMBNESS)
                # A knock that swells and numbs the foot is how it starts, whatever the score.
                and ((r.worst or 0) >= 8 or r.answer(Flag.TRAUMA) == Answer.YES)
            )
        ),
    ),
    _Rule(
        "hip_stress",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            (
                (at(r, _DEEP_HIP) or "hip" in r.unspecified)
                and (r.has(Flag.REST_NIGHT) or r.has(Flag.WALK_HARD))
            )
            # A limp is urgent with a deep hip pain; with "my hip" the dialog asks which part
            # first (the outer hip's limp is a physio's). A walk stiff for the first minutes of
            # the day is stiffness, not a limp.
            or (
                bool(_DEEP_HIP & set(r.locations))
                and r.limping
                and not fresh_strain(r)
                and not strain_not_fall(r)
                and not steady_stiffness(r)
            )
        ),
    ),
    _Rule(
        "back_serious",
        URGENT,
        Care.SAME_DAY,
        lambda r, _: (
            (back(r) and any(r.has(f) for f in _BACK_RED_FLAGS))
            or (unlocated(r) and r.has(Flag.BACK_SERIOUS))
        ),
    ),
    # physio
    _Rule(
        "long",
        PHYSIO,
        Care.PHYSIO,
        # A painless click for years is no pain that has lasted, nor is a stiffness that warms
        # up and is no worse than it was ("same as it's been for years").
        lambda r, _: (
            (r.days or 0) >= 14
            and r.trend != Trend.BETTER
            and r.worst != 0
            and not steady_stiffness(r)
            and not set_burn(r)
        ),
    ),
    _Rule("worse", PHYSIO, Care.PHYSIO, lambda r, _: r.trend == Trend.WORSE),
    _Rule(
        "not_better",
        PHYSIO,
        Care.PHYSIO,
        lambda r, _: (
            r.days is not None
            and r.days >= NOT_BETTER_DAYS
            and r.trend == Trend.SAME
            and not steady_stiffness(r)
            and not set_burn(r)
        ),
    ),
    _Rule(
        "not_better",
        PHYSIO,
        Care.PHYSIO,
        lambda r, _: (
            sudden_injury(r)
            and r.days is not None
            and r.days >= NOT_BETTER_DAYS
            and r.trend != Trend.BETTER
        ),
    ),
    _Rule("pop_unsure", PHYSIO, Care.PHYSIO, lambda r, _: r.answer(Flag.POP) == Answer.UNSURE),
    _Rule(
        "recurring",
        PHYSIO,
        Care.PHYSIO,
        # A stiffness that warms up and goes, "on and off for years", is normal.
        lambda r, doms: r.has(Flag.RECURRING) and not doms and not steady_stiffness(r),
    ),
    _Rule("builds", PHYSIO, Care.PHYSIO, lambda r, _: r.behaviour == Behaviour.BUILDS),
    _Rule(
        "limp",
        PHYSIO,
        Care.PHYSIO,
        lambda r, doms: (
            ((r.limping and not steady_stiffness(r)) or r.has(Flag.WALK_HARD)) and not doms
        ),
    ),
    _Rule(
        "severe",
        PHYSIO,
        Care.PHYSIO,
        lambda r, doms: (
            (r.worst or 0) >= 6
            and not doms
            and not first_steps_easing(r)
            and not once_over_limits(r)
        ),
    ),
    _Rule(
        "not_settling",
        PHYSIO,
        Care.PHYSIO,
        lambda r, doms: (r.worst or 0) >= 4 and r.lingers and not doms,
    ),
    _Rule(
        "rest_night",
        PHYSIO,
        Care.PHYSIO,
        lambda r, _: r.has(Flag.REST_NIGHT) or r.has(Flag.CONSTANT),
    ),
    _Rule(
        "bone_stress",
        PHYSIO,
        Care.PHYSIO,
        lambda r, _: (
            r.has(Flag.BONE_SPOT)
            or r.has(Flag.EARLIER_EACH_RUN)
            # tender to touch the day after a tweak is the muscle, not a bone
            or (at(r, BONE_SITES) and r.has(Flag.TENDER_TOUCH) and not fresh_strain(r))
        ),
    ),
    _Rule(
        "bone_risk",
        PHYSIO,
        Care.PHYSIO,
        lambda r, _: at(r, BONE_SITES) and (r.has(Flag.RED_S) or r.has(Flag.PRIOR_FRACTURE)),
    ),
    _Rule("giving_way", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.GIVING_WAY)),
    _Rule("locked_other", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.LOCKED)),
    _Rule(
        "numbness",
        PHYSIO,
        Care.PHYSIO,
        lambda r, _: r.has(Flag.NUMBNESS) or r.has(Flag.BOTH_LEGS) or r.has(Flag.WEAKNESS),
    ),
    _Rule("radiating", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.RADIATING)),
    _Rule("bruising", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.BRUISING)),
    _Rule(
        "swelling", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.SWELLING) and not mild_sprain(r)
    ),
    _Rule("tear", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.TEAR)),
    _Rule("thickened", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.THICKENED)),
    _Rule("hot_red", PHYSIO, Care.PHYSIO, lambda r, _: r.has(Flag.HOT_RED)),
    _Rule("fever", PHYSIO, Care.DOCTOR, lambda r, _: r.has(Flag.FEVER)),
    _Rule("weight_loss", PHYSIO, Care.DOCTOR, lambda r, _: r.has(Flag.BACK_SERIOUS)),
    _Rule("dizzy", PHYSIO, Care.DOCTOR, lambda r, _: r.has(Flag.DIZZY)),
    # modify
    _Rule("very_sore", MODIFY, Care.SELF, lambda r, doms: doms and (r.worst or 0) >= 9),
    _Rule(
        "knee_front",
        MODIFY,
        Care.SELF,
        lambda r, _: (
            (BodyLocation.KNEE_FRONT in r.locations or "knee" in r.unspecified)
            and (r.worst or 0) > 2
        ),
    ),
    _Rule("moderate", MODIFY, Care.SELF, lambda r, doms: (r.worst or 0) >= 4 and not doms),
    _Rule("sharp", MODIFY, Care.SELF, lambda r, _: r.answer(Flag.SHARP) == Answer.YES),
    # A twist in the warm-up that cracks with "no pain" is a movement, not an injury.
    _Rule("injury", MODIFY, Care.SELF, lambda r, _: sudden_injury(r) and r.worst != 0),
    _Rule(
        "daily",
        PHYSIO,
        Care.PHYSIO,
        lambda r, doms: r.has(Flag.DAILY) and not (doms or mild_fresh_strain(r)),
    ),
    _Rule("distance", MODIFY, Care.SELF, lambda r, doms: r.has(Flag.DISTANCE_ONSET) and not doms),
)


_URGENT_RULES = tuple(rule for rule in RULES if rule.level == URGENT)


def is_urgent(report: PainReport) -> bool:
    """Whether assess() says urgent: one urgent rule is enough, as the highest level wins.

    The dialog asks this of every red flag it might ask about, so only those rules run.
    """
    doms = is_normal_soreness(report)
    return any(rule.applies(report, doms) for rule in _URGENT_RULES)


def assess(report: PainReport) -> Triage:
    """The level this report needs, with the reasons; any sign of a higher level wins."""
    doms = is_normal_soreness(report)
    hits = [rule for rule in RULES if rule.applies(report, doms)]
    if hits:
        top = highest(rule.level for rule in hits)
        winners = [rule for rule in hits if rule.level == top]
        care = min((rule.care for rule in winners), key=list(Care).index)
        return triage_of(top, [rule.code for rule in winners], care)
    code = continue_code(report, doms)
    if code is not None:
        return triage_of(CONTINUE, [code], Care.SELF)
    if report.locations or report.unspecified:
        return triage_of(MODIFY, [modify_code(report)], Care.SELF)
    return triage_of(CONTINUE, ["nothing_worrying"], Care.SELF)


def triage_of(
    level: PainLevel, codes: Iterable[str], care: Care, *, resolved: bool = False
) -> Triage:
    """A Triage with each reason code put into plain words."""
    unique = tuple(dict.fromkeys(codes))
    return Triage(
        level=level,
        reasons=tuple(t(f"pain.reason.{code}") for code in unique),
        codes=unique,
        care=care,
        resolved=resolved,
    )
