"""What a person sees, in a real pseudo-terminal: the real program driven key by key through every
kind of prompt (text, long text, date, duration, amount, single and multiple choice, yes/no, grid,
repeated group with its menu, review, next-step question), then the whole screen searched for
English words, the libraries' own included."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from partenariat.answers import active_questions, build_context, step_scope
from partenariat.project import dump_project, load_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from test_e2e_pty import (
    CLEAR,
    CPR,
    CPR_REPLY,
    DOWN,
    ENTER,
    HEADER,
    PROMPT,
    SUBMIT_LONG,
    Robot,
    plain,
)
from wizard_support import EXAMPLE_ENTREPRISE, run_cli

pytest.importorskip("pexpect")

# Words the libraries print on their own (questionary, prompt_toolkit, typer, rich) or that an
# English default would bring back; none of them is a French word.
ENGLISH = re.compile(
    r"\b(done|selections?|Use|arrow|keys|space|select|toggle|invert|Finish|Enter|Esc then|Yes|No|"
    r"Cancelled|Invalid|input|Error|Traceback|Answer|Press|filter|shortcuts|Aborted|Usage|"
    r"Options|Missing|required|None|True|False)\b"
)


@pytest.fixture(scope="module")
def quests() -> Questionnaires:
    return load_questionnaires()


def _project_without(tmp_path: Path, steps: list[str]) -> Path:
    result = run_cli("init", "--no-input", "--answers", str(EXAMPLE_ENTREPRISE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "partenariat.yaml"
    project = load_project(path)
    for n in steps:
        del project.etapes[n]
    path.write_text(dump_project(project), encoding="utf-8")
    return path


UP_ENTER = "\x1b[A" + ENTER


def drive(robot: Robot, n: int, pick: Callable[[], str]) -> set[str]:
    """Answer every prompt of step ``n``; in the review open a list (keys from ``pick``, computed
    when the review shows), leave its menu, validate; decline the next step. Returns the kinds
    of prompt met."""
    asked: set[str] = set()
    reviews = 0
    while (prompt := robot.next_prompt()) is not None:
        before, message = prompt
        headers = HEADER.findall(before)
        if message.startswith("Relecture"):
            reviews += 1
            robot.child.send(DOWN + ENTER if reviews == 1 else ENTER)  # Modifier, then Valider
        elif message.startswith("Quelle réponse modifier"):
            robot.child.send(pick())
        elif message.endswith("que voulez-vous faire ?"):
            asked.add("menu de liste")
            robot.child.send(UP_ENTER)  # the last entry: Terminer
        elif message.startswith("Passer à l'étape"):
            robot.child.send(DOWN + ENTER)
        elif re.search(r"\(\d+ à \d+\)$", message):
            asked.add("grille")
            robot.child.send(ENTER)
        elif message.startswith(("Ajouter un autre", "Ajouter une autre")):
            asked.add("liste")
            robot.child.send(ENTER)  # Non
        elif "Voulez-vous saisir" in before:
            asked.add("liste")
            robot.child.send(ENTER)  # Oui
        elif headers:
            label = headers[-1][-1].strip()
            q = robot.question(n, label)
            asked.add(q.type)
            robot.child.send(robot.answer(q))
        else:
            raise AssertionError(f"unexpected prompt {message!r} after {before[-300:]!r}")
    robot.child.close()
    return asked


def _pick(quests: Questionnaires, n: int, qid: str, path: Path) -> str:
    """Keys that move the « Quelle réponse modifier ? » menu down to question ``qid``."""
    project = load_project(path)
    context = build_context(project, quests)
    active = active_questions(quests[n], step_scope(context, n, project.answers(n)), project.profil)
    return DOWN * [q.id for q in active].index(qid) + ENTER


def test_no_english_word_on_any_screen(tmp_path: Path, quests: Questionnaires) -> None:
    path = _project_without(tmp_path, ["3", "6"])
    seen: set[str] = set()
    transcript = ""
    for n, list_id in ((3, "candidats"), (6, "acteurs_locaux")):
        robot = Robot(["step", str(n)], tmp_path, quests, "entreprise")
        seen |= drive(robot, n, lambda n=n, list_id=list_id: _pick(quests, n, list_id, path))
        assert robot.exit_code == 0, robot.transcript[-2000:]
        transcript += robot.transcript
    for kind in ("texte", "texte_long", "date", "duree", "choix", "choix_multiples", "oui_non"):
        assert kind in seen, (kind, seen)
    assert {"grille", "liste", "menu de liste"} <= seen, seen
    assert "cases cochées" in transcript  # questionary's multi-select summary, in French
    found = sorted({m.group(0) for m in ENGLISH.finditer(transcript)})
    assert not found, found


def _review_only(tmp_path: Path, quests: Questionnaires, n: int, columns: int) -> str:
    """Open step ``n`` of a complete project: its review shows at once; save and quit."""
    robot = Robot(["step", str(n)], tmp_path, quests, "entreprise", columns=columns)
    prompt = robot.next_prompt()
    assert prompt is not None and prompt[1].startswith("Relecture"), prompt
    for key in (DOWN, DOWN, ENTER):  # Enregistrer et quitter
        robot.child.send(key)
        robot.child.expect("Enregistrer et quitter")
    assert robot.next_prompt() is None  # quitting quits, even a validated step
    robot.child.close()
    assert robot.exit_code == 0, robot.transcript[-2000:]
    return robot.transcript


def test_review_shows_labels_french_dates_and_uses_the_width(
    tmp_path: Path, quests: Questionnaires
) -> None:
    _project_without(tmp_path, [])
    screen = _review_only(tmp_path, quests, 4, columns=200)
    # list items named by their labels and French dates, with agreed plurals
    assert "3 versements : 29 janvier 2027 – 30 000 €" in screen.replace("\u202f", " ").replace(
        "\u00a0", " "
    )
    assert "4 moyens humains : L’entreprise – " in screen
    assert not re.search(r"\d{4}-\d\d-\d\d", screen), "an ISO date on screen"
    # the answer column takes most of the 200 columns: a long answer wraps on wide lines
    rows = [line for line in screen.splitlines() if line.startswith("│") and line.count("│") == 4]
    assert rows, screen[-1500:]
    widths = [len(line.split("│")[3]) for line in rows]
    assert min(widths) > 80, widths[:5]
    assert max(len(line) for line in rows) <= 200
    screen7 = _review_only(tmp_path, quests, 7, columns=100)
    assert "impact_societe" not in screen7 and "valeur_entreprise" not in screen7
    assert "Impact sur la société" in screen7 or "indicateurs :" in screen7
    rows7 = [line for line in screen7.splitlines() if line.startswith("│")]
    assert rows7 and max(len(line) for line in rows7) <= 100


def test_undecided_yes_no_a_rhythm_in_words_and_a_date_before_its_start(
    tmp_path: Path, quests: Questionnaires
) -> None:
    """Safe defaults and checks across answers, typed as a person would."""
    path = _project_without(tmp_path, ["2"])
    robot = Robot(["step", "2"], tmp_path, quests, "entreprise")
    robot.plan = {
        "Début de la recherche": [CLEAR + "01/03/2027" + ENTER],
        # before the search starts: refused on the spot, then a right date
        "Lancement prévu": [CLEAR + "15/01/2027" + ENTER, CLEAR + "01/09/2027" + ENTER],
    }
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert "tombe avant « Début de la recherche »" in robot.transcript
    labels = [label for _, _, label in robot.headers]
    assert labels.count("Lancement prévu") == 2
    answers = load_project(path).answers(2)
    assert (answers["date_debut_recherche"], answers["date_lancement_prevue"]) == (
        "2027-03-01",
        "2027-09-01",
    )

    # a rhythm said in words, on step 6
    project = load_project(path)
    del project.etapes["6"]
    path.write_text(dump_project(project), encoding="utf-8")
    robot = Robot(["step", "6"], tmp_path, quests, "entreprise")
    robot.plan = {"Rythme du comité de pilotage": [CLEAR + "tous les 6 mois" + ENTER]}
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert load_project(path).answers(6)["periodicite_comite_mois"] == 6


def test_enter_on_an_undecided_yes_no_decides_nothing(
    tmp_path: Path, quests: Questionnaires
) -> None:
    path = _project_without(tmp_path, ["3"])
    robot = Robot(["step", "3"], tmp_path, quests, "entreprise")
    group = quests[3].question("candidats")
    assert group is not None
    exclu = next(s for s in group.sous_questions if s.id == "exclu")

    def enter_then_non() -> None:
        robot.child.send(ENTER)  # the cursor rests on « Choisissez »: nothing is decided
        robot.child.expect("Choisissez « Oui » ou « Non »")
        robot.child.expect_exact(CPR)
        robot.child.send(CPR_REPLY)
        robot.child.expect(PROMPT)
        robot.child.send(DOWN + DOWN + ENTER)  # Non

    robot.plan = {f"{group.label} · {group.noun.nom} 1 · {exclu.label}": [enter_then_non]}
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert "Choisissez : oui ou non ?" in robot.transcript
    assert load_project(path).answers(3)["candidats"][0]["exclu"] is False


def test_a_changed_answer_flags_what_depended_on_it(tmp_path: Path, quests: Questionnaires) -> None:
    path = _project_without(tmp_path, [])
    # change the planned launch date in step 2's review
    robot = Robot(["step", "2"], tmp_path, quests, "entreprise")
    robot.plan = {"Lancement prévu": [CLEAR + "01/02/2027" + ENTER]}
    robot.run(
        on_review=[DOWN + ENTER, _pick(quests, 2, "date_lancement_prevue", path), ENTER],
    )
    assert robot.exit_code == 0, robot.transcript[-2000:]
    project = load_project(path)
    assert project.answers(2)["date_lancement_prevue"] == "2027-02-01"
    # the step 4 start date was proposed from it: to review; step 6 shows the launch date
    # itself (asked once, at step 2): it follows, and what was computed from it is to review
    assert project.etapes["4"].a_revoir == ["date_debut"]
    assert project.answers(6)["date_lancement"] == "2027-02-01"
    assert project.etapes["6"].a_revoir == ["date_communication_externe"]
    assert project.etapes["7"].a_revoir == ["date_premiers_resultats"]
    assert "a_revoir" in path.read_text(encoding="utf-8")

    status = run_cli("status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    assert "3 réponses à revoir" in status.stdout  # steps 4, 6 and 7 (first results, from launch)
    assert status.stdout.count("1 à revoir") == 3

    # step 4 asks it again first, the current answer offered
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    robot.plan = {"Date d’effet": [ENTER]}
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert robot.headers[0][2] == "Date d’effet"
    assert "1 réponse à revoir" in robot.transcript
    project = load_project(path)
    assert project.etapes["4"].a_revoir == []
    assert project.etapes["6"].a_revoir == ["date_communication_externe"]


def test_shell_completion_in_a_real_bash(tmp_path: Path) -> None:
    """typer's own completion, installed as the README says, completes commands, step numbers,
    options and document ids when Tab is pressed."""
    import os
    import shutil
    import sys

    import pexpect

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    program = Path(sys.executable).parent / "partenariat"
    if not program.exists():
        pytest.skip("the partenariat command is not installed next to this Python")
    env = {**os.environ, "PATH": f"{program.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PS1"] = "$ "
    shell = pexpect.spawn(
        bash, ["--norc", "--noprofile"], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20
    )
    shell.expect_exact("$ ")
    shell.sendline('eval "$(partenariat completion bash)"; echo pret')
    shell.expect_exact("pret")
    shell.expect_exact("$ ")
    shell.send("partenariat export --document pl\t")
    shell.expect_exact("plan-de-suivi")
    shell.send("\x15")  # clear the line
    shell.send("partenariat step \t\t")
    shell.expect(r"1\s+2\s+3\s+4\s+5\s+6\s+7")
    shell.send("\x15partenariat sta\t")
    shell.expect_exact("status")
    shell.send("\x15partenariat export --ref\t")
    shell.expect_exact("--reference-doc")
    shell.send("\x15exit\r")
    shell.expect(pexpect.EOF)


def test_a_fact_asked_once_follows_its_home(tmp_path: Path, quests: Questionnaires) -> None:
    """The partnership category is asked at step 1; step 4 shows it read-only and follows it."""
    path = _project_without(tmp_path, [])
    assert load_project(path).answers(4)["categorie_partenariat"] == "mecenat"
    robot = Robot(["step", "1"], tmp_path, quests, "entreprise")
    robot.plan = {"Type de partenariat principal": [DOWN + ENTER]}  # the second category checked
    robot.run(on_review=[DOWN + ENTER, _pick(quests, 1, "categorie_principale", path), ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    project = load_project(path)
    new = project.answers(1)["categorie_principale"]
    assert new != "mecenat"
    assert project.answers(4)["categorie_partenariat"] == new
    # what read the old category (the legal form proposed in step 5) is to be reviewed
    assert "forme_juridique" in project.etapes["5"].a_revoir

    # step 4 does not ask it: it shows it, with its source step, above its first screen
    robot = Robot(["step", "4", "--review"], tmp_path, quests, "entreprise")
    robot.child.expect_exact(CPR)
    before = plain(robot.child.before)
    robot.child.send(CPR_REPLY)
    robot.child.expect_exact("enregistrer l'écran")
    screen = plain(robot.child.before)
    assert "Catégorie de partenariat : " in before
    assert "réponse de l'étape 1 ; elle se modifie à l'étape 1" in before
    assert "Nature et champ du partenariat" in before
    assert "Sur quel territoire" in screen and "Dans quelle catégorie" not in screen
    robot.child.sendcontrol("c")
    robot.child.expect(pexpect_eof())
    robot.child.close()


def pexpect_eof() -> object:
    import pexpect

    return pexpect.EOF


def test_changing_an_answer_in_the_review_asks_what_followed_from_it(
    tmp_path: Path, quests: Questionnaires
) -> None:
    """In step 4, the renewal's conditions are asked because of the kind of renewal: changing
    the latter in the review asks the former again at once, its answer offered."""
    path = _project_without(tmp_path, [])
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    before = load_project(path).answers(4)["conditions_renouvellement"]
    robot.plan = {
        "Renouvellement": [DOWN + ENTER],  # exprès → tacite reconduction
        "Conditions de renouvellement": [SUBMIT_LONG],  # kept
    }
    robot.run(on_review=[DOWN + ENTER, _pick(quests, 4, "renouvellement", path), ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    labels = [label for _, _, label in robot.headers]
    assert labels[-2:] == ["Renouvellement", "Conditions de renouvellement"], labels
    assert "1 réponse à revoir" in robot.transcript
    project = load_project(path)
    assert project.answers(4)["renouvellement"] == "tacite"
    assert project.answers(4)["conditions_renouvellement"] == before
    assert project.etapes["4"].a_revoir == []


def test_the_help_explains_only_the_choices_offered(tmp_path: Path, quests: Questionnaires) -> None:
    """« Type de partenariat principal » offers only the kinds ticked just before (mécénat,
    innovation sociétale): the help above the menu explains those two, not the other two."""
    path = _project_without(tmp_path, [])
    robot = Robot(["step", "1"], tmp_path, quests, "entreprise")
    screens: list[str] = []

    def keep() -> None:
        screens.append(robot.transcript[-3000:])
        robot.child.send(ENTER)

    robot.plan = {"Type de partenariat principal": [keep]}
    robot.run(on_review=[DOWN + ENTER, _pick(quests, 1, "categorie_principale", path), ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert len(screens) == 1
    help_text = screens[0].split("Type de partenariat principal")[-1]
    assert "• Mécénat :" in help_text
    assert "• Innovation sociétale :" in help_text
    assert "• Pratiques responsables" not in help_text
    assert "• Coopération économique" not in help_text
    assert load_project(path).answers(1)["categorie_principale"] == "mecenat"


def test_leaving_a_complete_step_says_what_it_means(tmp_path: Path, quests: Questionnaires) -> None:
    """The review's « quit » choice and the message after it are true for a validated step and
    for a complete one not yet validated (it once said « reprendre plus tard » for both)."""
    path = _project_without(tmp_path, [])
    validated = _review_only(tmp_path, quests, 2, columns=160)
    assert "Enregistrer et quitter (l'étape reste validée)" in validated
    assert "L'étape 2 reste validée." in validated
    assert "reprendre plus tard" not in validated and "Reprenez" not in validated

    project = load_project(path)
    project.etapes["2"].statut = "en_cours"
    path.write_text(dump_project(project), encoding="utf-8")
    unvalidated = _review_only(tmp_path, quests, 2, columns=160)
    assert "Enregistrer et quitter sans valider l'étape (valider plus tard)" in unvalidated
    assert "n'est pas encore validée" in " ".join(unvalidated.split())
    assert "reprendre plus tard" not in unvalidated
    assert load_project(path).etapes["2"].statut == "en_cours"


def _label(quests: Questionnaires, n: int, qid: str) -> str:
    q = quests[n].question(qid)
    assert q is not None
    return q.label


def test_turnover_and_headcount_are_asked_once(tmp_path: Path, quests: Questionnaires) -> None:
    """Asked at step 1 (the company's own profile); step 4 needs them for the tax ceiling and
    Sapin II: it shows them read-only with their source step, and never asks them again.
    Changing the turnover at step 1 changes step 4 and the tax simulation."""
    import json

    path = _project_without(tmp_path, [])
    project = load_project(path)
    for qid in ("ca_ht_entreprise", "effectif_entreprise", "budget_association"):
        project.etapes["4"].reponses.pop(qid, None)
    project.etapes["4"].statut = "en_cours"
    path.write_text(dump_project(project), encoding="utf-8")

    turnover = _label(quests, 4, "ca_ht_entreprise")
    headcount = _label(quests, 4, "effectif_entreprise")
    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    robot.run(on_review=[ENTER])  # validate; the next step is declined
    assert robot.exit_code == 0, robot.transcript[-2000:]
    asked = [label for _, _, label in robot.headers]
    assert turnover not in asked and headcount not in asked, asked
    # the association's budget is its turnover, given at step 3 (the partner's profile)
    assert _label(quests, 4, "budget_association") not in asked, asked
    flat = " ".join(robot.transcript.split())
    assert f"{turnover} : 92 000 000 € (réponse de l'étape 1 ; elle se modifie à l'étape 1)" in flat
    assert f"{headcount} : 800 salariés (réponse de l'étape 1" in flat
    # shown, not asked: no « question i sur N » (it once said « question 8 sur 8 » there)
    shown = [line for line in robot.transcript.splitlines() if line.endswith(f"· {turnover}")]
    assert shown and all("question" not in line for line in shown), shown
    assert load_project(path).answers(4)["ca_ht_entreprise"] == 92_000_000

    # changed at home, in step 1's review: step 4 follows, and so does the simulation
    robot = Robot(["step", "1"], tmp_path, quests, "entreprise")
    robot.plan = {_label(quests, 1, "organisation_budget"): [CLEAR + "50 000 000" + ENTER]}
    robot.run(on_review=[DOWN + ENTER, _pick(quests, 1, "organisation_budget", path), ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    project = load_project(path)
    assert project.answers(1)["organisation_budget"] == 50_000_000
    assert project.answers(4)["ca_ht_entreprise"] == 50_000_000
    check = run_cli("check", "--format", "json", cwd=tmp_path)
    assert json.loads(check.stdout)["simulation"]["chiffre_affaires"] == 50_000_000

    # step 4's review shows the figure with its source step
    review = _review_only(tmp_path, quests, 4, columns=200)
    flat = " ".join(review.split())  # French figures use narrow no-break spaces
    assert f"{turnover} (étape 1)" in flat
    assert "50 000 000 €" in flat


def test_step_7_dates_before_the_launch_or_the_start_are_asked_again(
    tmp_path: Path, quests: Questionnaires
) -> None:
    """First results before the launch (step 6), a progress review before the convention starts
    (step 4): named in French and asked again on the spot, before anything is saved."""
    path = _project_without(tmp_path, ["7"])
    robot = Robot(["step", "7"], tmp_path, quests, "entreprise")
    group = quests[7].question("bilans_intermediaires")
    assert group is not None
    robot.plan = {
        _label(quests, 7, "date_premiers_resultats"): [
            CLEAR + "01/06/2026" + ENTER,
            CLEAR + "01/10/2027" + ENTER,
        ],
        f"{group.label} · {group.noun.nom} 1 · Date": [
            CLEAR + "15/06/2026" + ENTER,
            CLEAR + "15/06/2027" + ENTER,
        ],
    }
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    flat = " ".join(robot.transcript.split())
    assert "Cette date (1er juin 2026) tombe avant « Date de lancement » (étape 6)" in flat
    assert "Cette date (15 juin 2026) tombe avant « Date d’effet » (étape 4)" in flat
    answers = load_project(path).answers(7)
    assert answers["date_premiers_resultats"] == "2027-10-01"
    assert answers["bilans_intermediaires"][0]["date"] == "2027-06-15"


def test_the_partner_chosen_at_step_3_is_the_one_the_documents_name(
    tmp_path: Path, quests: Questionnaires
) -> None:
    """`init` asks for the partner « envisagé » (optional: « l'étape 3 vous y aidera »); the
    partner retained at step 3 is the one the documents name. It once stayed internal: a
    project created without a partner said « Partenaire » in every document."""
    path = _project_without(tmp_path, ["3"])
    project = load_project(path)
    project.partenaire.nom = None
    path.write_text(dump_project(project), encoding="utf-8")
    robot = Robot(["step", "3"], tmp_path, quests, "entreprise")
    robot.plan = {
        _label(quests, 3, "partenaire_retenu"): [CLEAR + "Les Jardins Solidaires" + ENTER]
    }
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert load_project(path).partenaire.nom == "Les Jardins Solidaires"
    show = run_cli("status", cwd=tmp_path)
    assert "Les Jardins Solidaires" in show.stdout

    # asked once: the name known is what step 3 offers
    from partenariat.answers import compute_default

    project = load_project(path)
    question = quests[3].question("partenaire_retenu")
    assert question is not None
    scope = step_scope(build_context(project, quests), 3, project.answers(3))
    assert compute_default(question, scope) == "Les Jardins Solidaires"
