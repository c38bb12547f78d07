"""Step 4's screens in the real program, in a pseudo-terminal: a list on one screen, one block of
fields per item. A negative valuation, a per-year split that does not add up, an impossible date
and an end before the start are named in French under their field and the screen stays, with what
was typed; nothing wrong is saved; Ctrl-C in the middle of a screen keeps the last saved state and
says how to resume."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from partenariat.project import dump_project, load_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from test_e2e_pty import CLEAR, CPR, CPR_REPLY, DOWN, ENTER, Robot, plain
from wizard_support import EXAMPLE_ENTREPRISE, run_cli

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture(scope="module")
def quests() -> Questionnaires:
    return load_questionnaires()


TAB = "\t"
SAVE = "\x1b\r"  # Échap then Entrée: save the screen


def _project_without(tmp_path: Path, qid: str) -> Path:
    result = run_cli("init", "--no-input", "--answers", str(EXAMPLE_ENTREPRISE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "partenariat.yaml"
    project = load_project(path)
    del project.etapes["4"].reponses[qid]
    project.etapes["4"].statut = "en_cours"
    path.write_text(dump_project(project), encoding="utf-8")
    return path


def _screen(robot: Robot) -> str:
    """Wait for a form screen to be drawn; what was printed above it (its header). The screen
    itself, keys line included, holds no English word."""
    from test_wizard_screens import ENGLISH

    robot.child.expect_exact(CPR)
    before = plain(robot.child.before)
    robot.child.send(CPR_REPLY)
    robot.child.expect_exact("enregistrer l'écran")
    screen = plain(robot.child.before)
    assert "Ajouter" in screen and "Enregistrer" in screen
    assert not ENGLISH.findall(screen), ENGLISH.findall(screen)
    return before


def test_bad_valuation_and_split_are_named_and_asked_again(
    tmp_path: Path, quests: Questionnaires
) -> None:
    path = _project_without(tmp_path, "flux")
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    header = _screen(robot)
    assert "Section 4/5 — Les moyens · écran 3 sur 9 · Flux du partenariat" in header
    assert "Quels sont les flux entre les deux partenaires ?" in header
    robot.child.send(DOWN + TAB)  # nature: don en numéraire; sens: its default
    robot.child.send(TAB + "Programme de tutorat" + ENTER)
    # the last menu (VAT): « H » goes to « Hors du champ », Entrée keeps it
    robot.child.send("-5" + ENTER + "2027 : 400 ; 2028 : 500" + ENTER + ENTER + "H" + ENTER + SAVE)
    robot.child.expect_exact("Un montant ne peut pas être négatif.")
    robot.child.expect_exact("1 réponse à corriger")
    # the focus is back on the amount, with what was typed
    robot.child.send(CLEAR + "1 000" + SAVE)
    robot.child.expect("les années totalisent 900")
    assert load_project(path).answers(4).get("flux") is None  # nothing wrong is saved
    robot.child.send(CLEAR + "2027 : 400 ; 2028 : 600" + SAVE)
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    [flow] = load_project(path).answers(4)["flux"]
    assert flow["nature"] == "don_numeraire"
    assert flow["sens"] == "entreprise_vers_association"
    assert flow["montant"] == 1000
    assert flow["montants_annuels"] == {"2027": 400, "2028": 600}
    assert flow["tva"] == "hors_champ"


def test_a_bad_date_is_asked_again_and_ctrl_c_keeps_the_last_saved_state(
    tmp_path: Path, quests: Questionnaires
) -> None:
    path = _project_without(tmp_path, "actions")
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    header = _screen(robot)
    assert "Section 2/5 — Objectifs et actions · écran 3 sur 3 · Programme d’actions" in header
    robot.child.send("Atelier CV" + ENTER + "Deux heures par jeune" + TAB + DOWN + TAB)
    robot.child.send("Marie Durand" + ENTER + "31/02/2027" + ENTER + "01/01/2027" + SAVE)
    robot.child.expect_exact("Le 31/02/2027 n'existe pas dans le calendrier.")
    robot.child.send(CLEAR + "15/01/2027" + SAVE)  # the focus is back on the wrong date
    robot.child.expect_exact("janvier 2027) tombe avant « Début »")
    # the first item is checked and saved when a second one is added
    robot.child.send(CLEAR + "30/06/2027" + TAB + TAB + ENTER)
    robot.child.expect_exact("Action 2")
    saved = load_project(path).answers(4)["actions"]
    assert saved == [
        {
            "intitule": "Atelier CV",
            "description": "Deux heures par jeune",
            "porteur": "entreprise",
            "pilote": "Marie Durand",
            "date_debut": "2027-01-15",
            "date_fin": "2027-06-30",
        }
    ]
    # the second item half typed: its title, then an impossible start date
    robot.child.send("Visite d'entreprise" + TAB + TAB + TAB + TAB + "32/13/2027" + TAB)
    robot.child.sendcontrol("c")
    robot.child.expect_exact("Reprenez avec : partenariat step 4")
    text = " ".join(plain(robot.child.before or "").split())
    robot.child.expect(pexpect_eof())
    robot.child.close()
    assert robot.child.exitstatus == 130
    assert "Enregistré sur cet écran : Action 1 : " in text, text
    assert "; Action 2 : Action." in text, text  # its title (« Action »), nothing else
    assert "Non enregistré (à corriger à la reprise) :" in text, text
    assert "(Action 2) « 32/13/2027 »" in text and "Toutes les réponses" not in text, text
    # the finished item whole; the second as far as its valid fields go (as an item asked field
    # by field is saved): the impossible date is not there
    assert load_project(path).answers(4)["actions"] == [*saved, {"intitule": "Visite d'entreprise"}]
    assert "Traceback" not in text


def pexpect_eof() -> object:
    import pexpect

    return pexpect.EOF


def test_a_form_with_one_answer_missing_shows_the_others_filled(
    tmp_path: Path, quests: Questionnaires
) -> None:
    """Only the screen that holds a missing answer is shown, its other answers filled in; saved
    as it is (the missing answer is optional), the step is validated."""
    path = _project_without(tmp_path, "hors_perimetre")
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert robot.screens == [
        "Étape 4 · Section 1/5 — Nature et champ du partenariat · écran 1 sur 1"
    ], robot.screens
    # the territory already given, shown in its field (the screen draws spaces as cursor moves)
    assert "›France:métropolesdeLyon" in robot.transcript.replace(" ", "")
    project = load_project(path)
    assert project.answers(4)["hors_perimetre"] is None
    assert project.etapes["4"].statut == "terminee"


def _form_screen(robot: Robot) -> None:
    robot.child.expect_exact(CPR)
    robot.child.send(CPR_REPLY)
    robot.child.expect_exact("enregistrer l'écran")


@pytest.mark.parametrize("key", ["c", "d"])
def test_ctrl_c_or_d_in_a_form_saves_the_valid_field_and_names_the_invalid_one(
    tmp_path: Path, quests: Questionnaires, key: str
) -> None:
    """A start date typed and left with Tab, then a duration that is not one: Ctrl-C (or
    Ctrl-D) saves the date, not the duration, and says so, by the duration's label."""
    path = _project_without(tmp_path, "date_debut")
    project = load_project(path)
    del project.etapes["4"].reponses["duree_mois"]
    path.write_text(dump_project(project), encoding="utf-8")
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    _form_screen(robot)
    kill = "\x0b"  # Ctrl-K: the fields hold their computed default, the cursor at its start
    robot.child.send(kill + "15/03/2027" + TAB + kill + "trois ans" + TAB)
    robot.child.sendcontrol(key)
    robot.child.expect_exact("Reprenez avec : partenariat step 4")
    text = " ".join(plain(robot.child.before or "").split())
    robot.child.expect(pexpect_eof())
    robot.child.close()
    assert robot.child.exitstatus == 130
    answers = load_project(path).answers(4)
    assert "date_debut" in answers, text
    assert answers["date_debut"] == "2027-03-15"
    assert "duree_mois" not in answers
    label = next(q.label for q in quests[4].questions if q.id == "duree_mois")
    start = next(q.label for q in quests[4].questions if q.id == "date_debut")
    assert f"Enregistré sur cet écran : {start}" in text, text
    assert f"{label} « trois ans »" in text, text
    assert "Les autres réponses données sont enregistrées" in text, text
    assert "Toutes les réponses déjà données" not in text, text
