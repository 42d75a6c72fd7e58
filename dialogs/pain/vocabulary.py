"""The words of a pain report: what was said about a sign, sides, behaviour, onset, trend,
the signs themselves (Flag), which of them are red flags, and the body-part groups."""

from __future__ import annotations

from enum import StrEnum

from dialogs.vocabulary import BodyLocation


class Answer(StrEnum):
    """What the runner said about one sign. UNKNOWN: not said; UNSURE: said "not sure"."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
    UNKNOWN = "unknown"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Behaviour(StrEnum):
    """How the pain behaves during a run."""

    SETTLES = "settles"  # eases as you warm up
    SAME = "same"
    BUILDS = "builds"  # builds until you have to stop


class Onset(StrEnum):
    SUDDEN = "sudden"
    GRADUAL = "gradual"


class Trend(StrEnum):
    """How it is changing from day to day."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class Flag(StrEnum):
    """Signs a message can carry, each answered yes / no / not sure."""

    # Red flags the pain dialog asks about.
    REST_NIGHT = "rest_night"
    CONSTANT = "constant"  # there all the time (asked for back pain)
    SWELLING = "swelling"
    NUMBNESS = "numbness"
    CANNOT_WALK = "cannot_walk"  # cannot bear weight or walk four steps
    POP = "pop"  # a pop, snap or crack at the moment of injury
    BONE_SPOT = "bone_spot"  # one tender spot on a bone, or pain when hopping
    GIVING_WAY = "giving_way"  # knee gives way, or catches and frees itself
    LOCKED = "locked"  # knee locked, will not straighten
    SADDLE = "saddle"  # numbness around the saddle area / when wiping
    BLADDER = "bladder"  # new bladder or bowel trouble
    BOTH_LEGS = "both_legs"  # numbness or weakness in both legs
    # Emergencies and other signs recognised when mentioned.
    CHEST = "chest"
    BREATHLESS = "breathless"
    FAINTING = "fainting"
    CONFUSION = "confusion"  # confusion, seizure, hot dry skin in the heat
    DIZZY = "dizzy"
    HEAT = "heat"  # a hot day
    HOT_RED = "hot_red"  # warm or red skin over the sore place
    TRAVEL = "travel"  # long flight, drive or immobility
    DARK_URINE = "dark_urine"
    DEFORMITY = "deformity"  # deformity, suspected fracture or dislocation
    FEVER = "fever"
    BACK_SERIOUS = "back_serious"  # unexplained weight loss, history of cancer
    OUT_OF_PROPORTION = "out_of_proportion"
    TENSE = "tense"  # a tight, swollen, shiny muscle
    CANT_MOVE = "cant_move"  # cannot move or use it
    KICKED = "kicked"  # felt kicked in the back of the heel
    TIPTOE = "tiptoe"  # cannot rise on tiptoe
    WALK_WEAK = "walk_weak"  # "I can't walk", which may be hyperbole
    WALK_HARD = "walk_hard"  # "I can barely walk"
    BRUISING = "bruising"
    RADIATING = "radiating"
    WEAKNESS = "weakness"
    THICKENED = "thickened"
    EARLIER_EACH_RUN = "earlier_each_run"
    RECURRING = "recurring"
    MILEAGE_JUMP = "mileage_jump"
    SHOE_CHANGE = "shoe_change"  # new or different shoes
    PRIOR_FRACTURE = "prior_fracture"
    OSTEOPOROSIS = "osteoporosis"  # thin bones: a red flag with a back pain only
    RED_S = "red_s"  # missed or irregular periods, under-fuelling
    TWIST = "twist"
    TRAUMA = "trauma"  # a fall or a knock
    TEAR = "tear"
    SHARP = "sharp"
    CLICK = "click"
    GONE_QUICKLY = "gone_quickly"  # gone within a few hours of a run
    ONE_OFF = "one_off"  # the first or only time it went that high
    STIFF_WARMS = "stiff_warms"
    BURN = "burn"
    TENDER_TOUCH = "tender_touch"  # sore to press
    DISTANCE_ONSET = "distance_onset"  # starts at a predictable distance
    DAILY = "daily"  # hurts in daily life too
    AFTER_TRAINING = "after_training"  # new, harder or longer work than usual
    MUSCLES = "muscles"  # general muscle words ("legs", "quads"), not one spot
    TENDON = "tendon"  # a tendon named: its pain is read by the pain-monitoring limits


# The red flags: the dialog asks the first twelve, the rest are recognised when mentioned.

RED_FLAGS = (
    Flag.REST_NIGHT,
    Flag.CONSTANT,
    Flag.SWELLING,
    Flag.NUMBNESS,
    Flag.CANNOT_WALK,
    Flag.POP,
    Flag.BONE_SPOT,
    Flag.GIVING_WAY,
    Flag.LOCKED,
    Flag.SADDLE,
    Flag.BLADDER,
    Flag.BOTH_LEGS,
    Flag.CHEST,
    Flag.BREATHLESS,
    Flag.FAINTING,
    Flag.CONFUSION,
    Flag.DIZZY,
    Flag.HOT_RED,
    Flag.DARK_URINE,
    Flag.DEFORMITY,
    Flag.FEVER,
    Flag.BACK_SERIOUS,
    Flag.OUT_OF_PROPORTION,
    Flag.TENSE,
    Flag.KICKED,
    Flag.TIPTOE,
    Flag.BRUISING,
    Flag.RADIATING,
    Flag.WEAKNESS,
    Flag.THICKENED,
    Flag.EARLIER_EACH_RUN,
    Flag.TEAR,
)

# Signs read into their own PainReport fields, or only used to notice pain talk.
FIELD_SIGNS = ("limp", "gone_by_morning", "pain")

KNEES = frozenset(
    {
        BodyLocation.KNEE_FRONT,
        BodyLocation.KNEE_OUTSIDE,
        BodyLocation.KNEE_INSIDE,
        BodyLocation.KNEE_BACK,
    }
)
# Where bone stress shows up in runners (shin, foot, heel, hip and groin).
BONE_SITES = frozenset(
    {
        BodyLocation.SHIN,
        BodyLocation.FOOT,
        BodyLocation.HEEL,
        BodyLocation.ANKLE,
        BodyLocation.HIP_FRONT,
        BodyLocation.GROIN,
    }
)

AREAS = ("knee", "hip", "leg")  # places said without the part: the dialog asks which part
AREA_PARTS = {"knee": KNEES, "hip": frozenset({BodyLocation.HIP_FRONT, BodyLocation.HIP_OUTSIDE})}
