"""Steps that cannot be undone or that grant permission take only a button or an exact yes/no.

One table per step, read by dialogs.confirmations and then typed at the real step of each
dialog that asks it: /delete, consent in onboarding and consent in /settings. A negation, a
question or anything unclear must never delete or consent; it asks again, with the buttons.
"""

from __future__ import annotations

from enum import Enum

import pytest

from dialogs import data_rights
from dialogs.confirmations import (
    CONFIRMATIONS_FILE,
    ConfirmationsError,
    Confirming,
    read_confirmation,
    read_confirmations,
)
from dialogs.core import (
    ButtonPressed,
    Context,
    DialogState,
    Reply,
    SaveProfile,
    Started,
    TextReceived,
    Transition,
)
from dialogs.profile import onboarding, settings
from dialogs.profile.onboarding import Step as Question
from dialogs.records import Profile
from dialogs.texts import t
from tests.support.builders import NEW_RUNNER, context


class Said(Enum):
    YES = True  # deletes / consents
    NO = False  # keeps / refuses, and the step ends
    ASK = None  # asked again: nothing happens


YES, NO, ASK = Said.YES, Said.NO, Said.ASK

# Every answer to "Delete everything?".
DELETE = [
    ("yes", YES),
    ("Yes", YES),
    ("YES", YES),
    ("y", YES),
    ("Y", YES),
    ("yep", YES),
    ("yeah", YES),
    ("yup", YES),
    ("yes please", YES),
    ("Yes!", YES),
    ("yes.", YES),
    ("  yes  ", YES),
    ("yes delete", YES),
    ("yes, delete everything", YES),
    ("Yes, delete everything.", YES),
    ("yes - delete it all", YES),
    ("Yes delete it", YES),
    ("delete it all", YES),
    ("delete everything", YES),
    ("Delete everything!", YES),
    ("delete all my data", YES),
    ("delete", YES),
    ("go ahead", YES),
    ("do it", YES),
    ("🗑 Yes, delete everything", YES),  # the button's label, typed or pasted
    ("no", NO),
    ("No", NO),
    ("n", NO),
    ("nope", NO),
    ("nah", NO),
    ("no thanks", NO),
    ("No, thank you", NO),
    ("cancel", NO),
    ("keep it", NO),
    ("keep my data", NO),
    ("Keep my data", NO),
    ("no, keep it", NO),
    ("No - keep everything", NO),
    ("stop", NO),
    ("do not delete", ASK),
    ("don't delete", ASK),
    ("dont delete", ASK),
    ("don’t delete it", ASK),
    ("do not delete anything", ASK),
    ("don't", ASK),
    ("not yet", ASK),
    ("never", ASK),
    ("no delete", ASK),
    ("delete nothing", ASK),
    ("what gets deleted?", ASK),
    ("what gets deleted", ASK),
    ("what will you delete", ASK),
    ("why", ASK),
    ("is it reversible?", ASK),
    ("can i export first", ASK),
    ("yes?", ASK),
    ("delete?", ASK),
    ("delete everything？", ASK),
    ("do it later", ASK),
    ("later", ASK),
    ("maybe later", ASK),
    ("yes later", ASK),
    ("yes but not now", ASK),
    ("yes, but export first", ASK),
    ("not sure", ASK),
    ("maybe", ASK),
    ("hmm", ASK),
    ("wait", ASK),
    ("yes no", ASK),
    ("no yes", ASK),
    ("yes and no", ASK),
    ("yes don't delete", ASK),
    ("yess", ASK),
    ("yesterday", ASK),
    ("deleted", ASK),
    ("ok", ASK),  # too casual for something that cannot be undone
    ("👍", ASK),
    ("", ASK),
    ("blorp zzzz", ASK),
]

# Every answer to "May I keep your pain reports?".
CONSENT = [
    ("yes", YES),
    ("Yes please", YES),
    ("y", YES),
    ("yep", YES),
    ("yeah", YES),
    ("ok", YES),
    ("OK", YES),
    ("okay", YES),
    ("sure", YES),
    ("Sure!", YES),
    ("fine", YES),
    ("of course", YES),
    ("go ahead", YES),
    ("please do", YES),
    ("I agree", YES),
    ("agree", YES),
    ("keep them", YES),
    ("Yes, keep them", YES),
    ("✅ Yes, keep them", YES),  # the button's label
    ("that's fine", YES),
    ("thats fine", YES),
    ("you may", YES),
    ("yes you may", YES),
    ("sure thing", YES),
    ("no", NO),
    ("No", NO),
    ("n", NO),
    ("nope", NO),
    ("nah", NO),
    ("no thanks", NO),
    ("No, thanks", NO),  # the button's label
    ("no thank you", NO),
    ("no way", NO),
    ("cancel", NO),
    ("not ok", ASK),
    ("not okay", ASK),
    ("ok not really", ASK),
    ("don't", ASK),
    ("dont", ASK),
    ("do not", ASK),
    ("don't keep them", ASK),
    ("not really", ASK),
    ("never", ASK),
    ("rather not", ASK),
    ("later", ASK),
    ("ask me later", ASK),
    ("maybe", ASK),
    ("maybe later", ASK),
    ("not sure", ASK),
    ("not now", ASK),
    ("why?", ASK),
    ("why", ASK),
    ("what for", ASK),
    ("what do you keep?", ASK),
    ("who can see them", ASK),
    ("ok?", ASK),
    ("yes?", ASK),
    ("is that safe", ASK),
    ("can I change it later", ASK),
    ("yes but not the details", ASK),
    ("ok but not now", ASK),
    ("sure, later", ASK),
    ("ok if you must", ASK),
    ("yes no", ASK),
    ("no yes", ASK),
    ("hmm", ASK),
    ("👍", ASK),
    ("", ASK),
    ("blorp zzzz", ASK),
]

TABLES = {Confirming.DELETE: DELETE, Confirming.CONSENT: CONSENT}


def test_each_table_has_forty_phrasings_both_ways() -> None:
    for table in TABLES.values():
        said = [expected for _, expected in table]
        assert len(table) >= 40
        assert said.count(YES) >= 20 and said.count(NO) >= 10 and said.count(ASK) >= 20
        assert len({text for text, _ in table}) == len(table)


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [(step, text, expected) for step, table in TABLES.items() for text, expected in table],
)
def test_the_reader(step: Confirming, text: str, expected: Said) -> None:
    assert read_confirmation(text, step=step) is expected.value


# ---------------------------------------------------------------- /delete

PROFILE = NEW_RUNNER.model_copy(update={"hard_run_days": ()})


def _ctx(profile: Profile | None = PROFILE) -> Context:
    return context(profile)


def _asking_delete() -> DialogState:
    asked = data_rights.step(None, Started(), _ctx())
    assert asked.state is not None
    return asked.state


@pytest.mark.parametrize(("text", "expected"), DELETE)
def test_delete_confirmation(text: str, expected: Said) -> None:
    asking = _asking_delete()
    result = data_rights.step(asking, TextReceived(text), _ctx())
    if expected is YES:
        assert result == Transition(
            None, (Reply(t("privacy.deleted")),), (data_rights.DeleteAllData(),)
        )
    elif expected is NO:
        assert result == Transition(None, (Reply(t("privacy.kept")),))
    else:
        again = (Reply(t("privacy.delete_unclear")), *data_rights.prompt(asking, _ctx()))
        assert result == Transition(asking, again)
        assert again[-1].buttons, "asked again with its buttons"


def test_after_an_unclear_answer_the_button_still_deletes() -> None:
    asking = _asking_delete()
    again = data_rights.step(asking, TextReceived("do not delete"), _ctx())
    assert again.state == asking and not again.effects
    (values,) = [[b.value for b in row] for row in again.replies[-1].buttons]
    done = data_rights.step(again.state, ButtonPressed(values[0]), _ctx())
    assert done.effects == (data_rights.DeleteAllData(),)


# ---------------------------------------------------------------- consent in onboarding


def _consent_again(prompt: tuple[Reply, ...]) -> tuple[Reply, ...]:
    """The consent question again with its buttons, after a line asking for a clear answer."""
    (question,) = prompt
    assert question.buttons
    return (Reply(f"{t('onboarding.consent_unclear')}\n{question.text}", question.buttons),)


_BEFORE_CONSENT = [
    "I want a faster 5k",
    "no race",
    "few years",
    "three",
    "25k",
    "band and a bench",
    "mon wed fri",
    "19:30",
    "sat",
    "London",
]


def _at_onboarding_consent() -> DialogState:
    ctx = context()
    state = onboarding.step(None, Started(), ctx).state
    for text in _BEFORE_CONSENT:
        state = onboarding.step(state, TextReceived(text), ctx).state
    assert state is not None and state.step == Question.CONSENT
    return state


@pytest.mark.parametrize(("text", "expected"), CONSENT)
def test_onboarding_consent(text: str, expected: Said) -> None:
    ctx = context()
    asking = _at_onboarding_consent()
    result = onboarding.step(asking, TextReceived(text), ctx)
    assert not result.effects, "nothing is saved before the summary is confirmed"
    assert result.state is not None
    if expected is ASK:
        assert result.state == asking
        assert result.replies == _consent_again(onboarding.prompt(asking, ctx))
    else:
        assert result.state.step == Question.SUMMARY
        assert result.state.data["answers"]["pain_consent"] is expected.value


# ---------------------------------------------------------------- consent in /settings


def _at_settings_consent(profile: Profile) -> DialogState:
    menu = settings.step(None, Started({}), _ctx(profile)).state
    asking = settings.step(menu, ButtonPressed("set:consent"), _ctx(profile)).state
    assert asking is not None and asking.step == Question.CONSENT
    return asking


@pytest.mark.parametrize(("text", "expected"), CONSENT)
def test_settings_consent(text: str, expected: Said) -> None:
    # Saved as the opposite of the expected answer, so a yes or no shows up as a change.
    profile = PROFILE.model_copy(update={"pain_consent": expected is not YES})
    asking = _at_settings_consent(profile)
    result = settings.step(asking, TextReceived(text), _ctx(profile))
    if expected is ASK:
        assert result.state == asking and not result.effects
        assert result.replies == _consent_again(settings.prompt(asking, _ctx(profile)))
    else:
        assert result.state is not None and result.state.step == settings.Step.MENU
        assert SaveProfile({"pain_consent": expected.value}) in result.effects


# ---------------------------------------------------------------- the data file

GOOD = """
[guard]
negations = ["not", "later"]
questions = ["what"]
[common]
yes = ["yes"]
no = ["no"]
[delete]
yes = ["delete it"]
[consent]
yes = ["ok"]
"""


def test_the_data_file_reads() -> None:
    answers = read_confirmations(GOOD)
    assert answers[Confirming.DELETE].yes == {"yes", "delete it"}
    assert answers[Confirming.CONSENT].no == {"no"}


@pytest.mark.parametrize(
    ("broken", "named"),
    [
        (GOOD.replace('"ok"', '"ok not"'), "ok not"),  # a yes turned around
        (GOOD.replace('"delete it"', '"delete it later"'), "delete it later"),
        (GOOD.replace('"ok"', '"what, ok"'), "what ok"),  # a question
        # Guard words are matched as folded: "don't" finds "dont".
        (GOOD.replace('"later"', '"don\'t"').replace('"ok"', '"dont worry"'), "dont worry"),
        (GOOD.replace('"ok"', '"No!"'), "both yes and no"),  # after folding, "no"
        (GOOD.replace('"ok"', '"??"'), "an empty phrase"),
        (GOOD.replace("[consent]", "[settings]"), "settings"),  # an unknown step
        (GOOD + "\n[consent", "consent"),  # not TOML
    ],
)
def test_a_broken_data_file_names_itself_and_the_entry(broken: str, named: str) -> None:
    with pytest.raises(ConfirmationsError, match=CONFIRMATIONS_FILE) as raised:
        read_confirmations(broken)
    assert named in str(raised.value)
