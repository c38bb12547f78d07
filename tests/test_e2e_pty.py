"""The real program in a pseudo-terminal, driven key by key as a person would: create a project,
answer, press Ctrl-C, resume where it stopped, correct an answer in the review, and run a whole
implementation step with its repeated groups and conditions.

prompt_toolkit asks the terminal where the cursor is (ESC[6n) each time a prompt starts; the
robot below answers it, which also tells it exactly when a prompt is ready for keys."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from partenariat.project import dump_project, load_project
from partenariat.questionnaire import Question, Questionnaires, load_questionnaires
from wizard_support import EXAMPLE_ENTREPRISE, run_cli

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

CPR = "\x1b[6n"
CPR_REPLY = "\x1b[1;1R"
DOWN, UP, ENTER, CLEAR, SUBMIT_LONG = "\x1b[B", "\x1b[A", "\r", "\x15", "\x1b\r"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")
HEADER = re.compile(
    r"Étape (\d) · (?:Section \d+/\d+ — [^·\n]+ · )?(?:question|écran) (\d+) sur (\d+) · ([^\n]+)"
)
PROMPT = r"\?\x1b\[0;1m ([^\x1b]+)"
# A form screen (a step with sections): its keys line, and the header printed above it.
FORM = "<écran>"
FORM_FOOTER = "enregistrer l'écran"
SCREEN = re.compile(r"(Étape \d · Section \d+/\d+ — [^\n]+ · écran \d+ sur \d+[^\n]*)")
SAVE_SCREEN = "\x1b\r"  # Échap then Entrée


def plain(text: str) -> str:
    return ANSI.sub("", text)


class Robot:
    """Answers each prompt of the real program; ``plan`` overrides the answer by label."""

    def __init__(
        self, args: list[str], cwd: Path, quests: Questionnaires, profil: str, columns: int = 120
    ) -> None:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(columns),
            "LINES": "50",
        }
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "partenariat", *args],
            cwd=str(cwd),
            env=env,
            dimensions=(50, columns),
            encoding="utf-8",
            timeout=15,
        )
        self.quests = quests
        self.profil = profil
        self.transcript = ""
        self.headers: list[tuple[int, int, str]] = []
        self.screens: list[str] = []  # the headers of the form screens met
        self.plan: dict[str, list[str | Callable[[], None]]] = {}

    def next_prompt(self) -> tuple[str, str] | None:
        """Wait for the next prompt: (text printed before it, its message), None at the end."""
        if self.child.expect_exact([CPR, pexpect.EOF]) == 1:
            self.transcript += plain(self.child.before)
            return None
        before = plain(self.child.before)
        self.transcript += before
        self.child.send(CPR_REPLY)
        if self.child.expect([PROMPT, FORM_FOOTER]) == 1:  # a form screen (step 4)
            self.transcript += plain(self.child.before + self.child.after)
            time.sleep(0.05)
            return before, FORM
        message = self.child.match.group(1).strip()
        self.transcript += plain(self.child.before + self.child.after)
        time.sleep(0.05)
        return before, message

    def question(self, n: int, label: str) -> Question:
        parts = label.split(" · ")
        for q in self.quests[n].questions:
            if q.label == parts[0]:
                if len(parts) == 3:  # list item: "<list> · <element> i · <sub-question>"
                    return next(s for s in q.sous_questions if s.label == parts[2])
                return q
        raise AssertionError(f"unknown question label: {label!r}")

    def answer(self, q: Question) -> str:
        """A plausible answer for any question, typed as a person would."""
        if q.type == "texte":
            return CLEAR + f"Réponse {q.id}" + ENTER
        if q.type == "texte_long":
            return (CLEAR + f"Texte {q.id}" if q.obligatoire else "") + SUBMIT_LONG
        if q.type == "date":
            return CLEAR + "01/03/2027" + ENTER
        if q.type in ("duree", "nombre"):
            return CLEAR + "12" + ENTER
        if q.type == "montant":
            return CLEAR + "1 000" + ENTER
        if q.type == "choix_multiples":
            return ENTER if (q.defaut or q.defaut_expr) else " " + ENTER
        if q.type == "oui_non" and q.defaut is None and not q.defaut_expr:
            return DOWN + ENTER  # no default: the cursor rests on « Choisissez », then Oui
        return ENTER  # choix, oui_non: the default or the first option

    def run(self, on_review: list[str], on_next_step: str = DOWN + ENTER) -> None:
        """Answer prompts until the program ends; reviews take ``on_review`` in turn."""
        reviews = list(on_review)
        while (prompt := self.next_prompt()) is not None:
            before, message = prompt
            headers = HEADER.findall(before)
            if message == FORM:  # a form screen: planned keys by its header, else saved as it is
                screen = SCREEN.findall(before)[-1].strip()
                self.screens.append(screen)
                planned = self.plan.get(screen)
                action = planned.pop(0) if planned else SAVE_SCREEN
                if callable(action):
                    action()
                else:
                    self.child.send(action)
            elif message.startswith("Relecture") or message.startswith("Quelle réponse modifier"):
                self.child.send(reviews.pop(0))
            elif message.startswith("Passer à l'étape"):
                self.child.send(on_next_step)
            elif re.search(r"\(\d+ à \d+\)$", message):  # a grid row
                self.child.send(ENTER)
            elif (
                message.startswith(("Ajouter un autre", "Ajouter une autre"))
                or "Voulez-vous saisir" in before
            ):
                self.child.send(self.plan.get(message.split(" ?")[0], [ENTER]).pop(0))  # type: ignore[arg-type]
            elif headers:
                n, index, _total, label = headers[-1]
                self.headers.append((int(n), int(index), label.strip()))
                q = self.question(int(n), label.strip())
                planned = self.plan.get(label.strip())
                action = planned.pop(0) if planned else self.answer(q)
                if callable(action):
                    action()
                else:
                    self.child.send(action)
            else:
                raise AssertionError(f"unexpected prompt {message!r} after {before[-300:]!r}")
        self.child.close()

    @property
    def exit_code(self) -> int | None:
        return self.child.exitstatus


@pytest.fixture(scope="module")
def quests() -> Questionnaires:
    return load_questionnaires()


def test_init_interrupt_resume_review(tmp_path: Path, quests: Questionnaires) -> None:
    robot = Robot(["init"], tmp_path, quests, "entreprise")
    identity = {
        "Qui remplit ce projet ?": ENTER,  # entreprise
        "Nom de votre organisation ?": "Acme Test" + ENTER,
        "Nom du partenaire envisagé ?": "Les Amis" + ENTER,
    }
    for expected, keys in identity.items():
        prompt = robot.next_prompt()
        assert prompt is not None and prompt[1] == expected
        robot.child.send(keys)
    robot.plan = {
        "Enjeux à relever": ["Nos enjeux" + SUBMIT_LONG],
        "Attentes": ["\x03"],  # Ctrl-C on the fourth question
    }
    robot.run(on_review=[])
    assert robot.exit_code == 130
    assert "Interrompu" in robot.transcript
    assert "Reprenez avec : partenariat step 1" in robot.transcript
    assert [h[1] for h in robot.headers] == [1, 2, 3, 4]
    project = load_project(tmp_path / "partenariat.yaml")
    assert (project.profil, project.organisation.nom, project.partenaire.nom) == (
        "entreprise",
        "Acme Test",
        "Les Amis",
    )
    answers = project.answers(1)
    assert answers["enjeux"] == "Nos enjeux"
    assert len(answers["objectifs"]) == 1
    assert answers["objectifs_prioritaires"] == answers["objectifs"]
    assert "attentes" not in answers

    # Resume: only the unanswered questions; then correct the first answer in the review.
    robot = Robot(["step", "1"], tmp_path, quests, "entreprise")
    robot.plan = {
        "Enjeux à relever": [CLEAR + "Enjeux révisés" + SUBMIT_LONG],
        # The cursor rests on the safe default « approfondir »; « engager » is the option above.
        "Décision": [UP + ENTER],
    }
    robot.run(on_review=[DOWN + ENTER, ENTER, ENTER])  # Modifier → 1. enjeux → Valider
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert robot.headers[0][1] == 4, "resumes at the first unanswered question"
    assert robot.headers[-1][2] == "Enjeux à relever"
    assert "Déjà répondu : 3 /" in robot.transcript
    assert "Étape 1 terminée et enregistrée" in robot.transcript
    assert "partenariat step 2" in robot.transcript
    project = load_project(tmp_path / "partenariat.yaml")
    assert project.etapes["1"].statut == "terminee"
    answers = project.answers(1)
    assert answers["enjeux"] == "Enjeux révisés"
    assert answers["attentes"] == "Texte attentes"
    assert answers["decision"] == "engager"
    # the questions opened by "engager" were asked
    assert answers["communication_decision"] == "Texte communication_decision"


def test_step_six_with_groups_conditions_and_a_wrong_date(
    tmp_path: Path, quests: Questionnaires
) -> None:
    result = run_cli("init", "--no-input", "--answers", str(EXAMPLE_ENTREPRISE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "partenariat.yaml"
    project = load_project(path)
    del project.etapes["6"]
    path.write_text(dump_project(project), encoding="utf-8")

    robot = Robot(["step", "6"], tmp_path, quests, "entreprise")
    group = quests[6].question("acteurs_locaux")
    assert group is not None

    def wrong_then_right_date() -> None:
        robot.child.send(CLEAR + "31/02/2027" + ENTER)
        robot.child.expect("n'existe pas dans le calendrier")
        robot.child.send(CLEAR + "demain" + ENTER)
        # prompt_toolkit redraws only the cells that change: match the part that is new
        robot.child.expect("par exemple 26/11/2026")
        robot.child.send(CLEAR + "1er mars 2027" + ENTER)

    robot.plan = {
        "Date de communication externe": [wrong_then_right_date],
        f"Ajouter {group.noun.un_autre()}": [UP + ENTER, ENTER],  # two items
    }
    robot.run(on_review=[ENTER])  # Valider l'étape; then "Passer à l'étape 7 ?" → Non
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert "Étape 6 terminée et enregistrée" in robot.transcript
    assert "partenariat step 7" in robot.transcript

    project = load_project(path)
    answers = project.answers(6)
    assert project.etapes["6"].statut == "terminee"
    assert answers["date_communication_externe"] == "2027-03-01"
    # the launch date is asked at step 2 only: step 6 shows it and keeps it
    assert answers["date_lancement"] == project.answers(2)["date_lancement_prevue"]
    assert "Date de lancement" not in {label for _, _, label in robot.headers}
    assert "elle se modifie à l'étape 2" in robot.transcript
    assert answers["acteurs_locaux"] == [
        {"nom": "Réponse nom", "role": "Réponse role"},
        {"nom": "Réponse nom", "role": "Réponse role"},
    ]
    # conditions: a national partnership asks no translation; the committee question follows step 4
    assert "traduction_documents" not in answers
    assert ("attributions_comite" in answers) == bool(project.answers(4).get("comite_pilotage"))
    # computed defaults were offered and kept
    assert answers["ressources_mobilisees"][:2] == ["humains", "organisationnels"]
    assert answers["periodicite_comite_mois"] == 12
    asked = {label for _, _, label in robot.headers}
    assert f"{group.label} · {group.noun.nom} 2 · {group.sous_questions[0].label}" in asked
    # other steps untouched
    assert project.etapes["5"].statut == "terminee"
