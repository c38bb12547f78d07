"""A step with sections asked a screen at a time, through the real prompt_toolkit form (pipe
input): short questions share a form whose conditions are re-read as one types, a list is one
screen with a block per item, a wrong answer keeps the screen, and the count of screens is
stable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from partenariat.project import ProjectStore, create_project, load_project, new_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from partenariat.screens import group_questions
from partenariat.wizard import Wizard
from test_wizard import keyboard
from wizard_support import write_questionnaire

DOWN, TAB, ENTER, SAVE, CLEAR = "\x1b[B", "\t", "\r", "\x1b\r", "\x15"

STEP = """\
  - id: perimetre
    section: champ
    type: choix
    question: Périmètre ?
    choix:
      - {valeur: local, libelle: Local}
      - {valeur: international, libelle: International}
  - id: declinaison
    type: texte
    question: Déclinaison par pays ?
    si: "perimetre == 'international'"
  - id: budget
    type: montant
    question: Budget ?
  - id: actions
    section: actions
    type: liste
    element: {nom: action, genre: f, pluriel: actions}
    question: Quelles actions ?
    sous_questions:
      - id: intitule
        type: texte
        question: Intitulé ?
      - id: debut
        type: date
        question: Début ?
      - id: fin
        type: date
        apres: debut
        question: Fin ?
"""


@pytest.fixture
def quests(tmp_path: Path) -> Questionnaires:
    folder = tmp_path / "questionnaires"
    write_questionnaire(folder, 1, STEP)
    path = folder / "etape-1-essai.yaml"
    sections = (
        "sections:\n  - {id: champ, titre: Le champ}\n  - {id: actions, titre: Les actions}\n"
    )
    path.write_text(sections + path.read_text(encoding="utf-8"), encoding="utf-8")
    return load_questionnaires(folder)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProjectStore]:
    path = tmp_path / "projet" / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "Acme", None)) as opened:
        yield opened


def test_step_4_screens_keep_every_question_once_in_order() -> None:
    quest = load_questionnaires()[4]
    groups = group_questions(quest)
    assert [q.id for g in groups for q in g] == [q.id for q in quest.questions]
    for g in groups:
        if any(q.type == "liste" for q in g):
            assert len(g) == 1, [q.id for q in g]
        assert len({q.section for q in g}) == 1, [q.id for q in g]
    # a computed default never reads a question of its own screen: it is computed from a
    # saved answer (the screen is cut before it)
    from partenariat.dependencies import references

    for g in groups:
        for i, q in enumerate(g):
            earlier = {o.id for o in g[:i]}
            assert not {name for _, name in references(q.defaut_expr)} & earlier, q.id
    assert len(groups) < len(quest.questions) // 2


def test_a_condition_is_read_as_one_types_and_a_list_is_one_screen(
    quests: Questionnaires, store: ProjectStore
) -> None:
    keys = (
        DOWN
        + DOWN
        + TAB  # International: the translation field appears
        + "Par pays"
        + ENTER
        + "-3"
        + SAVE  # a negative budget: named, the screen stays
        + CLEAR
        + "12 500"
        + SAVE
        + "Atelier"
        + ENTER
        + "15/01/2027"
        + ENTER
        + "01/01/2027"
        + SAVE  # end before start
        + CLEAR
        + "30/06/2027"
        + SAVE
        + ENTER  # review: validate
    )
    with keyboard(keys) as (prompter, out):
        outcome = Wizard(store, quests, prompter).run_step(1)
    assert outcome.statut == "terminee", out.getvalue()[-2000:]
    answers = load_project(store.path).answers(1)
    assert answers["perimetre"] == "international"
    assert answers["declinaison"] == "Par pays"
    assert answers["budget"] == 12500
    assert answers["actions"] == [
        {"intitule": "Atelier", "debut": "2027-01-15", "fin": "2027-06-30"}
    ]
    text = out.getvalue()
    assert "Étape 1 · Section 1/2 — Le champ · écran 1 sur 1" in text
    assert "Étape 1 · Section 2/2 — Les actions · écran 1 sur 1 · Quelles actions" in text


def test_a_field_whose_condition_is_false_is_neither_shown_nor_saved(
    quests: Questionnaires, store: ProjectStore
) -> None:
    keys = DOWN + TAB + "800" + SAVE + "Atelier" + ENTER + "15/01/2027" + ENTER + SAVE
    keys += "20/01/2027" + SAVE + ENTER  # the end date is required: the screen waited for it
    with keyboard(keys) as (prompter, out):
        outcome = Wizard(store, quests, prompter).run_step(1)
    assert outcome.statut == "terminee", out.getvalue()[-2000:]
    answers = load_project(store.path).answers(1)
    assert answers["perimetre"] == "local"
    assert "declinaison" not in answers
    assert answers["budget"] == 800


def test_escape_enter_in_a_menu_acts_as_enter() -> None:
    """Échap puis Entrée saves a form screen and validates a long text; in a menu (the review)
    it does what Entrée does, rather than ending the program on questionary's empty answer."""
    import questionary

    choices = [
        questionary.Choice(title="Valider", value=("valider", None)),
        questionary.Choice(title="Quitter", value=("quitter", None)),
    ]
    with keyboard(DOWN + SAVE) as (prompter, _out):
        assert prompter._choose("Relecture : que voulez-vous faire ?", choices) == (
            "quitter",
            None,
        )


def test_enter_in_a_menu_keeps_the_line_and_goes_to_the_next_field() -> None:
    """Entrée in a one-choice menu keeps the line under the cursor, in a multi-choice menu it
    leaves the ticks as they are (Espace ticks); both go on to the next field."""
    from partenariat.questionnaire import Choix, Question
    from partenariat.screens import Screen

    one = Question(
        id="p",
        type="choix",
        question="Périmètre ?",
        choix=[Choix(valeur="a", libelle="Local"), Choix(valeur="b", libelle="National")],
    )
    many = Question(
        id="m",
        type="choix_multiples",
        question="Publics ?",
        choix=[Choix(valeur="x", libelle="Salariés"), Choix(valeur="y", libelle="Clients")],
    )
    text = Question(id="t", type="texte", question="Territoire ?")
    fields = [one, many, text]
    screen = Screen(
        where="Étape 4", message="Essai", fields=fields, blocks=[{}], visible=lambda v: fields
    )
    keys = DOWN + DOWN + ENTER + " " + DOWN + " " + ENTER + "Lyon" + SAVE
    with keyboard(keys) as (prompter, _out):
        assert prompter.form(screen) == [{"p": "b", "m": ["x", "y"], "t": "Lyon"}]


def test_enter_twice_on_a_delete_button_deletes_one_item() -> None:
    """« Supprimer » pressed, then Entrée again: the focus is on the item now in its place,
    so the second Entrée neither deletes it nor presses a button gone (it crashed the screen)."""
    from partenariat.questionnaire import Element, Question
    from partenariat.screens import Screen

    fields = [Question(id="intitule", type="texte", question="Intitulé ?")]
    screen = Screen(
        where="Étape 1",
        message="Quelles actions ?",
        fields=fields,
        blocks=[{"intitule": "Atelier"}, {"intitule": "Visite"}, {"intitule": "Forum"}],
        noun=Element(nom="action", genre="f", pluriel="actions"),
        visible=lambda v: fields,
    )
    keys = TAB + ENTER + ENTER + SAVE  # to « Supprimer : action 1 », pressed, Entrée again
    with keyboard(keys) as (prompter, _out):
        assert prompter.form(screen) == [{"intitule": "Visite"}, {"intitule": "Forum"}]


CTRL_C = "\x03"


def test_ctrl_c_saves_the_fields_given_that_pass_their_checks(
    quests: Questionnaires, store: ProjectStore
) -> None:
    """A menu left untouched is not an answer; a negative budget is named and not saved; then
    a valid budget and an action whose end falls before its start: the budget and the valid
    fields of the action are saved, the end is named with why."""
    from partenariat.errors import WizardInterrupted

    with (
        keyboard(TAB + "-3" + TAB + CTRL_C) as (prompter, out),
        pytest.raises(WizardInterrupted) as caught,
    ):
        Wizard(store, quests, prompter).run_step(1)
    assert load_project(store.path).answers(1) == {}
    assert caught.value.refused and "Budget" in caught.value.refused[0], caught.value.refused
    assert "« -3 »" in out.getvalue(), out.getvalue()[-1500:]
    keys = DOWN + TAB + CLEAR + "12 500" + SAVE + "Atelier" + ENTER + "15/01/2027" + ENTER
    with (
        keyboard(keys + "01/01/2027" + TAB + CTRL_C) as (prompter, out),
        pytest.raises(WizardInterrupted) as caught,
    ):
        Wizard(store, quests, prompter).run_step(1)
    answers = load_project(store.path).answers(1)
    assert answers["budget"] == 12500 and answers["perimetre"] == "local"
    assert answers["actions"] == [{"intitule": "Atelier", "debut": "2027-01-15"}]
    assert [r.split(" «")[0] for r in caught.value.refused] == ["Fin ? (Action 1)"]
    assert "Enregistré sur cet écran : Action 1 : Intitulé ?, Début ?." in out.getvalue()
