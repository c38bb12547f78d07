"""One question loop for the keyboard, ``--answers`` and ``--no-input``: the same answers, typed
through the real prompts (prompt_toolkit pipe input) or written in an answers file, give the same
project file, byte for byte; and an answers file meets the checks a typed answer meets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from partenariat import project as project_module
from partenariat.errors import InvalidFileError
from partenariat.project import create_project, load_project, new_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from partenariat.wizard import Wizard, check_answers_file, load_answers_file
from test_form_screens import STEP as SECTIONS_STEP
from test_wizard import ENTER, FULL_ANSWERS, FULL_KEYS, STEP, keyboard
from wizard_support import write_questionnaire

DOWN, TAB, SAVE = "\x1b[B", "\t", "\x1b\r"
SECTIONS = "sections:\n  - {id: champ, titre: Le champ}\n  - {id: actions, titre: Les actions}\n"
# The sections step typed: International, its translation, a budget; one action.
SECTIONS_KEYS = (
    DOWN + DOWN + TAB + "Par pays" + ENTER + "12 500" + SAVE
    + "Atelier" + ENTER + "15/01/2027" + ENTER + "30/06/2027" + SAVE
    + ENTER  # review: validate
)  # fmt: skip
SECTIONS_ANSWERS = {
    "perimetre": "international",
    "declinaison": "Par pays",
    "budget": 12500,
    "actions": [{"intitule": "Atelier", "debut": "2027-01-15", "fin": "2027-06-30"}],
}
FIXED = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both projects stamped with the same time, so that only their answers can differ."""
    monkeypatch.setattr(project_module, "now", lambda: FIXED)


def _questionnaires(tmp_path: Path, body: str, head: str = "") -> Questionnaires:
    folder = tmp_path / "questionnaires"
    write_questionnaire(folder, 1, body)
    path = folder / "etape-1-essai.yaml"
    path.write_text(head + path.read_text(encoding="utf-8"), encoding="utf-8")
    return load_questionnaires(folder)


def _typed(tmp_path: Path, quests: Questionnaires, keys: str) -> bytes:
    path = tmp_path / "clavier" / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "Acme", None)) as store:
        with keyboard(keys) as (prompter, out):
            outcome = Wizard(store, quests, prompter).run_step(1)
        assert outcome.statut == "terminee", out.getvalue()[-2000:]
    return path.read_bytes()


def _from_file(tmp_path: Path, quests: Questionnaires, answers: dict[str, object]) -> bytes:
    """As ``partenariat step 1 --answers reponses.yaml --no-input`` runs it: the file read,
    tried on a copy, then applied."""
    answers_path = tmp_path / "reponses.yaml"
    document = {"etapes": {1: {"reponses": answers}}}
    answers_path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    path = tmp_path / "fichier" / "partenariat.yaml"
    source = load_answers_file(answers_path, quests)
    with create_project(path, new_project("entreprise", "Acme", None)) as store:
        check_answers_file(source, quests, store.project)
        with keyboard("") as (prompter, out):  # no key: a question asked would end the input
            Wizard(store, quests, prompter).run(1, source=source, no_input=True)
        assert "Réponses enregistrées" in out.getvalue()
    return path.read_bytes()


def test_typed_or_from_a_file_one_question_at_a_time_the_same_project(tmp_path: Path) -> None:
    quests = _questionnaires(tmp_path, STEP)
    typed = _typed(tmp_path, quests, FULL_KEYS + ENTER)
    filed = _from_file(tmp_path, quests, FULL_ANSWERS)
    assert load_project(tmp_path / "clavier" / "partenariat.yaml").answers(1) == FULL_ANSWERS
    assert typed == filed


def test_typed_in_screens_or_from_a_file_the_same_project(tmp_path: Path) -> None:
    quests = _questionnaires(tmp_path, SECTIONS_STEP, SECTIONS)
    typed = _typed(tmp_path, quests, SECTIONS_KEYS)
    filed = _from_file(tmp_path, quests, SECTIONS_ANSWERS)
    assert load_project(tmp_path / "clavier" / "partenariat.yaml").answers(1) == SECTIONS_ANSWERS
    assert typed == filed


def test_an_answers_file_meets_the_date_order_a_typed_answer_meets(tmp_path: Path) -> None:
    """A date declared ``apres`` another is refused from a file as on screen, with its line;
    every error of the file at once, and nothing saved."""
    quests = _questionnaires(tmp_path, SECTIONS_STEP, SECTIONS)
    text = (
        "etapes:\n"
        "  1:\n"
        "    reponses:\n"
        "      perimetre: local\n"
        "      budget: -3\n"
        "      actions:\n"
        "        - {intitule: Atelier, debut: 2027-01-15, fin: 2027-01-01}\n"
    )
    answers_path = tmp_path / "reponses.yaml"
    answers_path.write_text(text, encoding="utf-8")
    source = load_answers_file(answers_path, quests)
    path = tmp_path / "projet" / "partenariat.yaml"
    with create_project(path, new_project("entreprise", "Acme", None)) as store:
        before = path.read_bytes()
        with pytest.raises(InvalidFileError) as info:
            check_answers_file(source, quests, store.project)
    errors = dict(info.value.errors)
    assert sorted(errors) == [5, 6]
    assert "négatif" in errors[5]
    assert "Élément 1, Fin ? : Cette date (1er janvier 2027) tombe avant « Début ? »" in errors[6]
    assert "reponses.yaml, ligne 6" in info.value.message
    assert path.read_bytes() == before


def test_the_command_refuses_a_launch_before_the_search_in_an_answers_file(
    tmp_path: Path,
) -> None:
    """``step 2 --answers``: the launch date before the start of the search is named with its
    line, as on screen; exit code 1 and the project left as it was."""
    from wizard_support import run_cli

    made = run_cli(
        "init", "--no-input", "--profil", "association", "--organisation", "Les Amis", cwd=tmp_path
    )
    assert made.returncode == 1, made.stdout + made.stderr
    project = tmp_path / "partenariat.yaml"
    before = project.read_bytes()
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        "etapes:\n  2:\n    reponses:\n"
        "      date_debut_recherche: 2027-03-01\n"
        "      date_lancement_prevue: 2027-01-15\n",
        encoding="utf-8",
    )
    result = run_cli("step", "2", "--answers", str(answers), "--no-input", cwd=tmp_path)
    text = result.stdout + result.stderr
    assert result.returncode == 1, text
    assert "Traceback" not in text
    assert "reponses.yaml, ligne 5" in text
    assert "tombe avant « Début de la recherche »" in " ".join(text.split())
    assert project.read_bytes() == before
