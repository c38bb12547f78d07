"""The wizard driven through the real terminal prompts (prompt_toolkit pipe input): every answer
is saved as soon as it is given, Ctrl-C keeps them, review and list menus edit them; and the
non-interactive path (answers files, --no-input) fills or names what is missing."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from partenariat.errors import InvalidFileError, WizardInterrupted
from partenariat.project import ProjectStore, create_project, load_project, new_project
from partenariat.prompter import Finding, TerminalPrompter
from partenariat.questionnaire import Questionnaires, load_questionnaires
from partenariat.wizard import Wizard, load_answers_file, missing_error
from wizard_support import EXAMPLE_ASSOCIATION, EXAMPLE_ENTREPRISE, write_questionnaire

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CLEAR = "\x15"  # Ctrl-U: erase the line (a default shown in a text field)
SUBMIT_LONG = "\x1b\r"  # Escape then Enter validates a multi-line answer
CTRL_C = "\x03"

STEP = """\
  - id: nom
    type: texte
    question: Nom du projet ?
  - id: debut
    type: date
    question: Date de début ?
  - id: fin
    type: date
    question: Date de fin ?
    defaut_expr: "ajouter_mois(debut, 12)"
  - id: perimetre
    type: choix
    question: Périmètre ?
    choix:
      - {valeur: local, libelle: Local}
      - {valeur: national, libelle: National}
      - {valeur: international, libelle: International}
  - id: declinaison
    type: texte
    question: Déclinaison par pays ?
    si: "perimetre == 'international'"
  - id: publics
    type: choix_multiples
    question: Quels publics ?
    choix:
      - {valeur: salaries, libelle: Salariés}
      - {valeur: clients, libelle: Clients}
      - {valeur: benevoles, libelle: Bénévoles}
  - id: montant
    type: montant
    question: Montant ?
  - id: description
    type: texte_long
    question: Description ?
  - id: financement
    type: oui_non
    question: Contribution financière ?
  - id: notes
    type: grille
    question: Notez chaque critère.
    min: 0
    max: 3
    choix:
      - {valeur: confiance, libelle: Confiance}
      - {valeur: proximite, libelle: Proximité}
  - id: actions
    type: liste
    element: {nom: action, genre: f, pluriel: actions}
    question: Quelles actions ?
    sous_questions:
      - id: intitule
        type: texte
        question: Intitulé ?
      - id: porteur
        type: choix
        question: Porteur ?
        choix:
          - {valeur: entreprise, libelle: Entreprise}
          - {valeur: association, libelle: Association}
  - id: remarque
    type: texte
    question: Une remarque ?
    obligatoire: false
"""

# Keys answering the whole step above, in order (fin keeps its computed default).
FULL_KEYS = "".join(
    [
        "Projet Alpha" + ENTER,
        "31/02/2026" + ENTER + CLEAR + "26/11/2026" + ENTER,  # a wrong date, then a right one
        ENTER,  # fin: the default 26/11/2027
        DOWN + DOWN + ENTER,  # international
        "Par pays" + ENTER,
        SPACE + DOWN + DOWN + SPACE + ENTER,  # salariés + bénévoles
        "12 500,50 €" + ENTER,
        "ligne 1" + ENTER + "ligne 2" + SUBMIT_LONG,
        DOWN + DOWN + ENTER,  # non (the cursor starts on « Choisissez », not on an answer)
        DOWN + DOWN + ENTER + DOWN + DOWN + DOWN + ENTER,  # confiance 2, proximité 3
        "Atelier" + ENTER + DOWN + ENTER,  # action 1, association
        UP + ENTER,  # add another: oui
        "Visite" + ENTER + ENTER,  # action 2, entreprise
        ENTER,  # add another: non
        ENTER,  # remarque: skipped (optional)
    ]
)
FULL_ANSWERS = {
    "nom": "Projet Alpha",
    "debut": "2026-11-26",
    "fin": "2027-11-26",
    "perimetre": "international",
    "declinaison": "Par pays",
    "publics": ["salaries", "benevoles"],
    "montant": 12500.5,
    "description": "ligne 1\nligne 2",
    "financement": False,
    "notes": {"confiance": 2, "proximite": 3},
    "actions": [
        {"intitule": "Atelier", "porteur": "association"},
        {"intitule": "Visite", "porteur": "entreprise"},
    ],
    "remarque": None,
}


@pytest.fixture
def quests(tmp_path: Path) -> Questionnaires:
    folder = tmp_path / "questionnaires"
    write_questionnaire(folder, 1, STEP)
    return load_questionnaires(folder)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProjectStore]:
    path = tmp_path / "projet" / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "Acme", None)) as opened:
        yield opened


@contextlib.contextmanager
def keyboard(keys: str) -> Iterator[tuple[TerminalPrompter, io.StringIO]]:
    """A real TerminalPrompter reading ``keys``; once they run out, the next prompt gets
    end-of-input (as Ctrl-D), so a wrong key sequence fails the test instead of hanging it."""
    with create_pipe_input() as pipe:
        out = io.StringIO()
        prompter = TerminalPrompter(
            console=Console(file=out, width=100), input=pipe, output=DummyOutput()
        )
        pipe.send_text(keys)
        pipe.close()
        yield prompter, out


def saved(store: ProjectStore, n: int = 1) -> dict[str, Any]:
    return load_project(store.path).answers(n)


def test_whole_step_by_keyboard(store: ProjectStore, quests: Questionnaires) -> None:
    with keyboard(FULL_KEYS + ENTER) as (prompter, out):
        outcome = Wizard(store, quests, prompter).run_step(1)
    assert outcome.statut == "terminee"
    assert saved(store) == FULL_ANSWERS
    assert load_project(store.path).etapes["1"].statut == "terminee"
    text = out.getvalue()
    assert "Étape 1 · Étape d'essai 1" in text
    assert "Étape 1 · question 1 sur" in text
    assert "Relecture · étape 1" in text
    assert "12\u202f500,50\u00a0€" in text  # the review shows the amount in French form


def test_condition_skips_a_question(store: ProjectStore, quests: Questionnaires) -> None:
    keys = FULL_KEYS.replace(DOWN + DOWN + ENTER + "Par pays" + ENTER, DOWN + ENTER, 1)
    with keyboard(keys + ENTER) as (prompter, _):
        Wizard(store, quests, prompter).run_step(1)
    answers = saved(store)
    assert answers["perimetre"] == "national"
    assert "declinaison" not in answers


def test_every_answer_is_saved_at_once_and_ctrl_c_keeps_them(
    store: ProjectStore, quests: Questionnaires
) -> None:
    keys = "Projet Alpha" + ENTER + "1er avril 2027" + ENTER + CTRL_C
    with keyboard(keys) as (prompter, _), pytest.raises(WizardInterrupted):
        Wizard(store, quests, prompter).run_step(1)
    project = load_project(store.path)
    assert project.answers(1) == {"nom": "Projet Alpha", "debut": "2027-04-01"}
    assert project.etapes["1"].statut == "en_cours"
    assert load_project(store.path.with_name("partenariat.yaml.bak")).answers(1) == {
        "nom": "Projet Alpha"
    }


def test_ctrl_d_also_keeps_answers(store: ProjectStore, quests: Questionnaires) -> None:
    with (
        keyboard("Projet Alpha" + ENTER + "\x04") as (prompter, _),
        pytest.raises(WizardInterrupted),
    ):
        Wizard(store, quests, prompter).run_step(1)
    assert saved(store) == {"nom": "Projet Alpha"}


def test_ctrl_d_in_a_menu_stops_too(store: ProjectStore, quests: Questionnaires) -> None:
    # Menus ignore Ctrl-D by default; the wizard binds it so that it stops them like Ctrl-C.
    keys = "Projet Alpha" + ENTER + "26/11/2026" + ENTER + ENTER + "\x04" + ENTER
    with keyboard(keys) as (prompter, _), pytest.raises(WizardInterrupted):
        Wizard(store, quests, prompter).run_step(1)
    assert saved(store) == {"nom": "Projet Alpha", "debut": "2026-11-26", "fin": "2027-11-26"}


def test_resume_asks_only_unanswered_questions(store: ProjectStore, quests: Questionnaires) -> None:
    first = "Projet Alpha" + ENTER + "26/11/2026" + ENTER + CTRL_C
    with keyboard(first) as (prompter, _), pytest.raises(WizardInterrupted):
        Wizard(store, quests, prompter).run_step(1)
    rest = FULL_KEYS.split("26/11/2026" + ENTER, 1)[1]
    with keyboard(rest + ENTER) as (prompter, out):
        assert Wizard(store, quests, prompter).run_step(1).statut == "terminee"
    text = out.getvalue()
    assert "Déjà répondu : 2 /" in text
    assert "question 1 sur" not in text and "question 2 sur" not in text
    assert "question 3 sur" in text
    assert saved(store) == FULL_ANSWERS


def test_interrupted_inside_a_list_keeps_the_items_given(
    store: ProjectStore, quests: Questionnaires
) -> None:
    keys = FULL_KEYS.split("Visite", 1)[0] + CTRL_C
    with keyboard(keys) as (prompter, _), pytest.raises(WizardInterrupted):
        Wizard(store, quests, prompter).run_step(1)
    # the second item was opened (saved empty) before Ctrl-C; the first is complete
    assert saved(store)["actions"][0] == {"intitule": "Atelier", "porteur": "association"}


def test_empty_required_answer_is_asked_again(store: ProjectStore, quests: Questionnaires) -> None:
    with (
        keyboard(ENTER + "   " + ENTER + CLEAR + "Projet Alpha" + ENTER + CTRL_C) as (
            prompter,
            _,
        ),
        pytest.raises(WizardInterrupted),
    ):
        Wizard(store, quests, prompter).run_step(1)
    assert saved(store) == {"nom": "Projet Alpha"}


def test_text_for_a_number_is_refused_then_corrected(
    store: ProjectStore, quests: Questionnaires
) -> None:
    store.project.step(1).reponses.update(
        {k: FULL_ANSWERS[k] for k in ("nom", "debut", "fin", "perimetre", "declinaison")}
    )
    store.project.step(1).reponses["publics"] = ["clients"]
    keys = "douze" + ENTER + CLEAR + "-5" + ENTER + CLEAR + "1.250,50" + ENTER + CTRL_C
    with keyboard(keys) as (prompter, _), pytest.raises(WizardInterrupted):
        Wizard(store, quests, prompter).run_step(1)
    assert saved(store)["montant"] == 1250.5


def prefilled(store: ProjectStore) -> None:
    store.project.step(1).reponses.update(
        {k: (list(v) if isinstance(v, list) else v) for k, v in FULL_ANSWERS.items()}
    )
    store.project.step(1).reponses["actions"] = [dict(a) for a in FULL_ANSWERS["actions"]]
    store.save()


def test_review_modify_then_validate(store: ProjectStore, quests: Questionnaires) -> None:
    prefilled(store)
    keys = "".join(
        [
            DOWN + ENTER,  # Modifier une réponse
            ENTER,  # 1. Nom du projet
            CLEAR + "Projet Beta" + ENTER,
            DOWN + ENTER + DOWN * 6 + ENTER,  # modify 7. montant
            CLEAR + "90 000" + ENTER,
            ENTER,  # Valider l'étape
        ]
    )
    with keyboard(keys) as (prompter, _):
        outcome = Wizard(store, quests, prompter).run_step(1)
    assert outcome.statut == "terminee"
    answers = saved(store)
    assert answers["nom"] == "Projet Beta"
    assert answers["montant"] == 90000
    assert {k: v for k, v in answers.items() if k not in ("nom", "montant")} == {
        k: v for k, v in FULL_ANSWERS.items() if k not in ("nom", "montant")
    }


def test_review_change_that_opens_a_condition(store: ProjectStore, quests: Questionnaires) -> None:
    prefilled(store)
    store.project.step(1).reponses["perimetre"] = "local"
    del store.project.step(1).reponses["declinaison"]
    store.save()
    keys = "".join(
        [
            DOWN + ENTER + DOWN * 3 + ENTER,  # modify 4. périmètre
            DOWN + DOWN + ENTER,  # international
            "Par région" + ENTER,  # the question that now applies is asked at once
            ENTER,
        ]
    )
    with keyboard(keys) as (prompter, _):
        Wizard(store, quests, prompter).run_step(1)
    answers = saved(store)
    assert answers["perimetre"] == "international"
    assert answers["declinaison"] == "Par région"


def test_review_quit_keeps_step_in_progress(store: ProjectStore, quests: Questionnaires) -> None:
    prefilled(store)
    with keyboard(DOWN + DOWN + ENTER) as (prompter, _):  # Enregistrer et quitter
        outcome = Wizard(store, quests, prompter).run_step(1)
    assert outcome.statut == "en_cours"
    assert outcome.manquantes == []
    assert load_project(store.path).etapes["1"].statut == "en_cours"
    assert saved(store) == FULL_ANSWERS


def test_quitting_a_step_whose_answers_are_all_given_says_it_is_not_validated(
    store: ProjectStore, quests: Questionnaires
) -> None:
    """Every answer is given but the step was not validated: nothing is « to resume later »."""
    prefilled(store)
    with keyboard(DOWN + DOWN + ENTER) as (prompter, out):  # Enregistrer et quitter
        Wizard(store, quests, prompter).run(1)
    text = " ".join(out.getvalue().split())
    assert "Toutes les réponses de l'étape 1 sont données, mais elle n'est pas encore validée" in text
    assert "Reprenez plus tard" not in text
    assert load_project(store.path).etapes["1"].statut == "en_cours"


def test_quitting_a_validated_step_keeps_it_validated_and_goes_no_further(
    store: ProjectStore, quests: Questionnaires
) -> None:
    """« Enregistrer et quitter » on a validated step quits: it once said « Étape 1 terminée »
    and asked whether to go on to step 2."""
    prefilled(store)
    store.project.step(1).statut = "terminee"
    store.save()
    with keyboard(DOWN + DOWN + ENTER) as (prompter, out):  # no key for a « Passer à » question
        Wizard(store, quests, prompter).run(1)
    text = out.getvalue()
    assert "L'étape 1 reste validée." in text
    assert "terminée et enregistrée" not in text
    assert load_project(store.path).etapes["1"].statut == "terminee"


def test_quit_messages_agree_with_what_is_left() -> None:
    from partenariat.prompter import review_first_choice, review_quit_choice
    from partenariat.wizard import StepOutcome, quit_message

    one = quit_message(3, StepOutcome(3, "en_cours", ["Date"], quitte=True))
    assert "il reste une réponse obligatoire à compléter" in one
    two = quit_message(3, StepOutcome(3, "en_cours", ["Date", "Lieu"], quitte=True))
    assert "il reste 2 réponses obligatoires à compléter" in two
    assert review_first_choice(1) == "Compléter la réponse manquante"
    assert review_first_choice(2) == "Compléter les 2 réponses manquantes"
    assert review_quit_choice(1, False) == "Enregistrer et quitter (compléter plus tard)"
    assert "sans valider" in review_quit_choice(0, False)
    assert "reste validée" in review_quit_choice(0, True)


def test_review_back_then_validate_with_findings(
    store: ProjectStore, quests: Questionnaires
) -> None:
    prefilled(store)
    keys = DOWN + ENTER + UP + ENTER + ENTER  # Modifier → ← Retour → Valider
    finding = Finding("avertissement", "Communication précoce", "Attendez les résultats.")
    with keyboard(keys) as (prompter, out):
        outcome = Wizard(store, quests, prompter, lambda n: [finding]).run_step(1)
    assert outcome.statut == "terminee"
    text = out.getvalue()
    assert "Points de vigilance pour cette étape" in text
    assert "Avertissement : Communication précoce. Attendez les résultats." in text


def test_list_menu_add_edit_remove(store: ProjectStore, quests: Questionnaires) -> None:
    prefilled(store)
    keys = "".join(
        [
            DOWN + ENTER + DOWN * 10 + ENTER,  # modify 11. actions → list menu
            ENTER,  # Ajouter une action
            "Forum" + ENTER + ENTER,  # entreprise
            DOWN + ENTER,  # Modifier : Atelier
            CLEAR + "Atelier 2" + ENTER + ENTER,  # porteur kept (association)
            DOWN * 4 + ENTER,  # Supprimer : Visite
            DOWN * 5 + ENTER,  # Terminer
            ENTER,  # Valider l'étape
        ]
    )
    with keyboard(keys) as (prompter, _):
        outcome = Wizard(store, quests, prompter).run_step(1)
    assert outcome.statut == "terminee"
    assert saved(store)["actions"] == [
        {"intitule": "Atelier 2", "porteur": "association"},
        {"intitule": "Forum", "porteur": "entreprise"},
    ]


def test_review_mode_asks_everything_with_current_answers(
    store: ProjectStore, quests: Questionnaires
) -> None:
    prefilled(store)
    keys = "".join(
        [
            ENTER * 5,  # nom, debut, fin, perimetre, declinaison kept
            ENTER,  # publics: already checked boxes kept
            ENTER + SUBMIT_LONG + ENTER,  # montant, description, financement
            ENTER + ENTER,  # grid rows
            DOWN * 5 + ENTER,  # list menu: Terminer
            ENTER,  # remarque
            ENTER,  # Valider
        ]
    )
    with keyboard(keys) as (prompter, _):
        assert Wizard(store, quests, prompter).run_step(1, review=True).statut == "terminee"
    assert saved(store) == FULL_ANSWERS


def test_long_question_is_printed_above_the_prompt(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "q-long"
    long = "Pourquoi " + "très " * 40 + "longue ?"
    write_questionnaire(folder, 1, f"  - id: a\n    type: texte\n    question: {long}\n")
    with keyboard("ok" + ENTER + ENTER) as (prompter, out):
        Wizard(store, load_questionnaires(folder), prompter).run_step(1)
    assert saved(store) == {"a": "ok"}
    assert "très très" in out.getvalue()


def test_answers_are_never_template_code(store: ProjectStore, quests: Questionnaires) -> None:
    with keyboard("{{ 7*7 }}" + ENTER + CTRL_C) as (prompter, _), pytest.raises(WizardInterrupted):
        Wizard(store, quests, prompter).run_step(1)
    assert saved(store) == {"nom": "{{ 7*7 }}"}
    assert "{{ 7*7 }}" in store.path.read_text(encoding="utf-8")


# -- non-interactive: answers files and --no-input ------------------------------------------
class NoPrompter:
    """Fails the test if the wizard tries to ask anything."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the wizard asked something ({name}) in a non-interactive fill")


@pytest.fixture(scope="module")
def bundled() -> Questionnaires:
    return load_questionnaires()


def example_step(path: Path, n: int) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return dict(data["etapes"][str(n)]["reponses"] if str(n) in data["etapes"] else {})


@pytest.mark.parametrize("example", [EXAMPLE_ENTREPRISE, EXAMPLE_ASSOCIATION])
def test_fill_every_step_from_an_example(
    tmp_path: Path, bundled: Questionnaires, example: Path
) -> None:
    profil = yaml.safe_load(example.read_text(encoding="utf-8"))["profil"]
    path = tmp_path / "partenariat.yaml"
    with create_project(path, new_project(profil, "X", None)) as opened:
        wizard = Wizard(opened, bundled, NoPrompter())  # type: ignore[arg-type]
        for n in range(1, 8):
            outcome = wizard.fill_step(n, example_step(example, n), no_input=True)
            assert outcome.statut == "terminee", (n, outcome.manquantes)
    project = load_project(path)
    assert all(project.etapes[str(n)].statut == "terminee" for n in range(1, 8))


def test_no_input_takes_defaults_or_names_missing(tmp_path: Path, bundled: Questionnaires) -> None:
    path = tmp_path / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "X", None)) as opened:
        wizard = Wizard(opened, bundled, NoPrompter())  # type: ignore[arg-type]
        outcome = wizard.fill_step(7, {}, no_input=True)
    answers = load_project(path).answers(7)
    assert answers["decision_issue"] == "a_decider"
    assert answers["objectifs_evaluation"] == ["demontrer_resultats", "ameliorer_partenariat"]
    assert outcome.statut == "en_cours"
    assert "étape 7 · methode_evaluation (Méthode d’évaluation)" in outcome.manquantes
    assert not any("decision_issue" in m for m in outcome.manquantes)
    error = missing_error(outcome.manquantes)
    assert error.exit_code == 1
    assert "Réponses obligatoires manquantes (--no-input)" in error.message
    assert all(f"  - {m}" in error.message for m in outcome.manquantes)


def test_without_no_input_nothing_is_invented(tmp_path: Path, bundled: Questionnaires) -> None:
    path = tmp_path / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "X", None)) as opened:
        wizard = Wizard(opened, bundled, NoPrompter())  # type: ignore[arg-type]
        wizard.fill_step(7, {"methode_evaluation": "Enquête"}, no_input=False)
    assert load_project(path).answers(7) == {"methode_evaluation": "Enquête"}


def test_no_input_list_items_get_defaults_or_are_named(
    tmp_path: Path, bundled: Questionnaires
) -> None:
    path = tmp_path / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "X", None)) as opened:
        wizard = Wizard(opened, bundled, NoPrompter())  # type: ignore[arg-type]
        outcome = wizard.fill_step(
            7, {"indicateurs": [{"axe": "impact_societe", "intitule": "Jeunes formés"}]}, True
        )
    assert any(
        m.startswith("étape 7 · indicateurs[1].valeur_reference") for m in outcome.manquantes
    )
    assert load_project(path).answers(7)["indicateurs"][0]["source"] is None


def write_answers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reponses.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_values_in_answers_file_reported_with_lines(
    tmp_path: Path, bundled: Questionnaires
) -> None:
    answers = write_answers(
        tmp_path,
        "etapes:\n"
        "  2:\n"
        "    reponses:\n"
        "      date_debut_recherche: 31/02/2026\n"
        "      confiance: totale\n"
        "  4:\n"
        "    reponses:\n"
        "      contribution_financiere: true\n"
        "      flux:\n"
        "        - {nature: don_numeraire, montant: -5}\n"
        "      duree_mois: douze\n",
    )
    source = load_answers_file(answers, bundled)
    path = tmp_path / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "X", None)) as opened:
        wizard = Wizard(opened, bundled, NoPrompter())  # type: ignore[arg-type]
        before = path.read_bytes()
        with pytest.raises(InvalidFileError) as info:
            wizard.fill_step(2, source.step(2), no_input=True, source=source)
        assert [line for line, _ in info.value.errors] == [4, 5]
        assert "n'existe pas" in info.value.errors[0][1]
        with pytest.raises(InvalidFileError) as info:
            wizard.fill_step(4, source.step(4), no_input=True, source=source)
        errors = dict(info.value.errors)
        assert sorted(errors) == [9, 11]
        assert "négatif" in errors[9] and "durée" in errors[11]
        assert "reponses.yaml, ligne 9" in info.value.message
    assert path.read_bytes() == before


UNKNOWN_IDS = (
    "etapes:\n"
    "  '1':\n"
    "    reponses:\n"
    "      enjeux: Des enjeux\n"
    "      couleur_preferee: bleu\n"
    "    commentaire: x\n"
    "  '9':\n"
    "    reponses: {}\n"
    "  abc: {}\n"
)
UNKNOWN_IDS_ERRORS = [
    (5, "étape 1 : question « couleur_preferee » inconnue"),
    (6, "étape 1 : clé « commentaire » inconnue"),
    (7, "étape « 9 » inconnue (1 à 7)"),
    (9, "étape « abc » inconnue (1 à 7)"),
]


def test_answers_file_unknown_ids_steps_and_keys(tmp_path: Path, bundled: Questionnaires) -> None:
    answers = write_answers(tmp_path, UNKNOWN_IDS)
    with pytest.raises(InvalidFileError) as info:
        load_answers_file(answers, bundled)
    assert info.value.errors == UNKNOWN_IDS_ERRORS
    assert info.value.message.startswith(f"Fichier de réponses invalide : {answers}")
    assert "reponses.yaml, ligne 5 : étape 1 : question « couleur_preferee » inconnue" in (
        info.value.message
    )


def test_answers_file_unknown_id_line_with_unquoted_step_numbers(
    tmp_path: Path, bundled: Questionnaires
) -> None:
    answers = write_answers(tmp_path, UNKNOWN_IDS.replace("'1':", "1:").replace("'9':", "9:"))
    with pytest.raises(InvalidFileError) as info:
        load_answers_file(answers, bundled)
    assert info.value.errors == UNKNOWN_IDS_ERRORS


def test_answers_file_with_unquoted_step_numbers_is_applied(
    tmp_path: Path, bundled: Questionnaires
) -> None:
    answers = write_answers(tmp_path, "etapes:\n  7:\n    reponses:\n      capitalisation: x\n")
    source = load_answers_file(answers, bundled)
    assert source.step(7) == {"capitalisation": "x"}
    assert source.line(7, "capitalisation") == 4


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- a\n", "ensemble de champs"),
        ("profil: entreprise\n", "clé « etapes » absente"),
        ("etapes: [1, 2]\n", "doit associer un numéro"),
        ("etapes:\n  1: texte\n", "« reponses » attendu"),
        ("etapes:\n  1:\n    reponses: [a]\n", "doit associer une question"),
        ("etapes:\n  1: &a\n    reponses: {}\n  2: *a\n", "alias"),
    ],
)
def test_answers_file_shape(
    tmp_path: Path, bundled: Questionnaires, text: str, fragment: str
) -> None:
    with pytest.raises(InvalidFileError) as info:
        load_answers_file(write_answers(tmp_path, text), bundled)
    assert fragment in info.value.message


def test_answers_file_accepts_the_project_shape(bundled: Questionnaires) -> None:
    source = load_answers_file(EXAMPLE_ENTREPRISE, bundled)
    assert source.header["profil"] == "entreprise"
    assert source.step(4)["perimetre_geographique"] == "national"
    assert source.line(4, "perimetre_geographique") is not None
    assert source.step(9) == {}


def test_stale_marking_reads_every_form_the_loader_accepts() -> None:
    """The answers an expression reads, for « à revoir »: ``etapeN['id']`` as well as
    ``etapeN.id``, and a function's name is not an answer."""
    from partenariat.wizard import references

    assert references("'mecenat' in etape4['categorie_partenariat']") == {
        (4, "categorie_partenariat")
    }
    assert references("ajouter_mois(date_debut_recherche, 9)") == {(None, "date_debut_recherche")}
    assert references("etape4.duree_mois > 12") == {(4, "duree_mois")}


def test_escape_then_enter_on_a_menu_does_what_enter_does(quests: Questionnaires) -> None:
    """Échap puis Entrée validates a long text; pressed out of habit on a menu, it used to end
    the menu with an empty answer, saved as « '' » for a yes/no or a multiple choice."""
    step = quests[1]
    yes_no, several, single = (step.question(i) for i in ("financement", "publics", "perimetre"))
    assert yes_no is not None and several is not None and single is not None
    # on « Choisissez », it decides nothing (asked again); then on « Oui », it answers
    with keyboard(ESCAPE_ENTER + DOWN + ESCAPE_ENTER) as (prompter, _):
        assert prompter.ask(yes_no, None, None, "entreprise", None, "ici") is True
    with keyboard(SPACE + ESCAPE_ENTER) as (prompter, _):
        assert prompter.ask(several, None, None, "entreprise", None, "ici") == ["salaries"]
    with keyboard(DOWN + ESCAPE_ENTER) as (prompter, _):
        assert prompter.ask(single, None, None, "entreprise", None, "ici") == "national"


ESCAPE_ENTER = "\x1b\r"
