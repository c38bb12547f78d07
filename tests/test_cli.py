"""The command line as users meet it: outputs of status/show/check, whole projects from answers
files, and for every bad input a French message, the right exit code, no traceback, nothing lost.

Exit codes are checked on what ``cli.main`` returns (errors become codes there), called in this
process with no terminal attached; a few tests run the real program in a subprocess (entry point,
a lock held by another process)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from filelock import FileLock
from typer.testing import CliRunner

from partenariat import __version__
from partenariat.cli import app
from partenariat.project import load_project
from wizard_support import EXAMPLE_ASSOCIATION, EXAMPLE_ENTREPRISE, read_only, run_cli

WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}


def ok(result: subprocess.CompletedProcess[str], code: int = 0) -> str:
    """Check the exit code and that no traceback leaked; return stdout + stderr."""
    text = result.stdout + result.stderr
    assert result.returncode == code, text
    assert "Traceback" not in text, text
    return text


@pytest.fixture(scope="module")
def full_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole project made with ``init --no-input --answers`` from the company example."""
    folder = tmp_path_factory.mktemp("complet")
    ok(run_cli("init", "--no-input", "--answers", str(EXAMPLE_ENTREPRISE), cwd=folder))
    return folder / "partenariat.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project whose step 1 is not finished (init --no-input without answers)."""
    result = run_cli(
        "init", "--no-input", "--profil", "association", "--organisation", "Les Amis", cwd=tmp_path
    )
    text = ok(result, 1)
    assert "Réponses obligatoires manquantes" in text
    return tmp_path / "partenariat.yaml"


def answers_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reponses.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- whole projects ------------------------------------------------------------------------------
def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"partenariat {__version__}"
    assert (
        ok(run_cli("--version", cwd=Path.cwd(), real=True)).strip() == f"partenariat {__version__}"
    )


def test_help_in_french() -> None:
    text = ok(run_cli("--help", cwd=Path.cwd()))
    assert "Assistant pour construire un partenariat" in text
    assert "init" in text and "step" in text
    assert "Assistant pour construire" in ok(run_cli(cwd=Path.cwd()))


def test_init_whole_project_from_an_example(full_project: Path) -> None:
    project = load_project(full_project)
    example = yaml.safe_load(EXAMPLE_ENTREPRISE.read_text(encoding="utf-8"))
    assert project.profil == "entreprise"
    assert project.organisation.nom == example["organisation"]["nom"]
    assert all(project.etapes[str(n)].statut == "terminee" for n in range(1, 8))
    assert project.answers(4)["perimetre_geographique"] == "national"
    assert full_project.with_name("partenariat.yaml.bak").is_file()


def test_init_options_override_the_answers_header(tmp_path: Path) -> None:
    ok(
        run_cli(
            "init",
            "--no-input",
            "--profil",
            "association",
            "--organisation",
            "Mon Asso",
            "--partenaire",
            "Mon Partenaire",
            "--answers",
            str(EXAMPLE_ASSOCIATION),
            cwd=tmp_path,
        )
    )
    project = load_project(tmp_path / "partenariat.yaml")
    assert (project.profil, project.organisation.nom, project.partenaire.nom) == (
        "association",
        "Mon Asso",
        "Mon Partenaire",
    )
    assert all(project.etapes[str(n)].statut == "terminee" for n in range(1, 8))


def test_init_in_a_folder_argument(tmp_path: Path) -> None:
    ok(
        run_cli(
            "init",
            "sous-dossier",
            "--no-input",
            "--answers",
            str(EXAMPLE_ASSOCIATION),
            cwd=tmp_path,
        )
    )
    assert (tmp_path / "sous-dossier" / "partenariat.yaml").is_file()


def test_status_of_a_whole_project(full_project: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--project", str(full_project)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Castelnef" in result.output
    assert result.output.count("│ terminée") == 7
    assert "Toutes les étapes sont terminées" in result.output
    assert "partenariat export" in result.output


def test_status_of_a_project_in_progress(project: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--project", str(project)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Les Amis (association / ONG) · partenaire à choisir" in result.output
    assert "en cours" in result.output
    assert "Reprendre : partenariat step 1" in result.output


def test_names_with_emoji_codes_and_markup_are_printed_as_typed(tmp_path: Path) -> None:
    name = "Les Amis :coeur: [bold]:smile:"
    result = run_cli(
        "init", "--no-input", "--profil", "association", "--organisation", name, cwd=tmp_path
    )
    ok(result, 1)
    status = CliRunner().invoke(app, ["status", "-p", str(tmp_path / "partenariat.yaml")], env=WIDE)
    assert status.exit_code == 0, status.output
    assert name in status.output
    out = tmp_path / "docs [bold] :smile:"
    export = CliRunner().invoke(
        app, ["export", "-p", str(tmp_path / "partenariat.yaml"), "-o", str(out)], env=WIDE
    )
    assert export.exit_code == 0, export.output
    assert f"  {out / 'document-de-cadrage.md'}\n" in export.output


def test_status_found_from_a_subfolder(full_project: Path) -> None:
    sub = full_project.parent / "documents" / "notes"
    sub.mkdir(parents=True, exist_ok=True)
    text = ok(run_cli("status", cwd=sub))
    assert str(full_project) in text.replace("\n", "")


def test_show_one_step_in_french(full_project: Path) -> None:
    result = CliRunner().invoke(app, ["show", "4", "--project", str(full_project)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Étape 4 · Définir le contenu du partenariat (terminée)" in result.output
    assert "Étape 5" not in result.output
    assert "\u00a0€" in result.output  # amounts in French form
    assert "36\u00a0mois (3\u00a0ans)" in result.output


def test_show_all_steps(full_project: Path) -> None:
    result = CliRunner().invoke(app, ["show", "--project", str(full_project)], env=WIDE)
    assert result.exit_code == 0
    for n in range(1, 8):
        assert f"Étape {n} ·" in result.output


def test_answers_are_never_evaluated_as_templates(project: Path, tmp_path: Path) -> None:
    answers = answers_file(
        tmp_path, "etapes:\n  1:\n    reponses:\n      enjeux: '{{ 7*7 }} {% raw %}'\n"
    )
    ok(run_cli("step", "1", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert load_project(project).answers(1)["enjeux"] == "{{ 7*7 }} {% raw %}"
    assert "enjeux: '{{ 7*7 }} {% raw %}'" in project.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["show", "1", "--project", str(project)], env=WIDE)
    assert "{{ 7*7 }} {% raw %}" in result.output
    assert "49" not in result.output


def test_check_table_and_json(full_project: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--project", str(full_project)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Préparation par étape" in result.output
    data = json.loads(
        ok(
            run_cli(
                "check", "--format", "json", "--project", str(full_project), cwd=full_project.parent
            )
        )
    )
    # exit code 0: nothing blocks, and the JSON says the same, with totals that add up
    assert data["format"] == 1 and data["bloquant"] is False
    assert [s["etape"] for s in data["etapes"]] == list(range(1, 8))
    for key, severite in (("bloquants", "bloquant"), ("avertissements", "avertissement")):
        assert data["totaux"][key] == sum(1 for c in data["constats"] if c["severite"] == severite)


def test_check_unknown_format(full_project: Path) -> None:
    text = ok(
        run_cli(
            "check", "--format", "xml", "--project", str(full_project), cwd=full_project.parent
        ),
        2,
    )
    assert "Format « xml » inconnu" in text


def test_step_with_answers_fills_one_step(project: Path, tmp_path: Path) -> None:
    example = yaml.safe_load(EXAMPLE_ASSOCIATION.read_text(encoding="utf-8"))
    step1 = {"etapes": {"1": example["etapes"]["1"]}}
    answers = answers_file(tmp_path, yaml.safe_dump(step1, allow_unicode=True))
    text = ok(run_cli("step", "1", "--answers", str(answers), "--no-input", cwd=tmp_path))
    assert "Réponses enregistrées" in text
    loaded = load_project(project)
    assert loaded.etapes["1"].statut == "terminee"
    assert "2" not in loaded.etapes


def test_step_takes_only_its_own_step_from_a_whole_answers_file(
    project: Path, tmp_path: Path
) -> None:
    text = ok(
        run_cli("step", "1", "--answers", str(EXAMPLE_ASSOCIATION), "--no-input", cwd=tmp_path)
    )
    assert "Réponses enregistrées" in text
    loaded = load_project(project)
    assert loaded.etapes["1"].statut == "terminee"
    assert sorted(loaded.etapes) == ["1"], "the other steps of the file are left alone"


def test_no_input_lists_each_missing_answer_and_keeps_the_given_ones(
    project: Path, tmp_path: Path
) -> None:
    answers = answers_file(tmp_path, "etapes:\n  2:\n    reponses:\n      confiance: naissante\n")
    text = ok(run_cli("step", "2", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert "Réponses obligatoires manquantes (--no-input)" in text
    assert "étape 2 · date_debut_recherche" in text
    assert "étape 2 · rencontres" in text
    assert "étape 2 · confiance" not in text
    assert load_project(project).answers(2)["confiance"] == "naissante"


def test_no_input_alone_uses_defaults(project: Path, tmp_path: Path) -> None:
    text = ok(run_cli("step", "7", "--no-input", cwd=tmp_path), 1)
    assert "étape 7 · methode_evaluation" in text
    assert load_project(project).answers(7)["decision_issue"] == "a_decider"


# -- bad inputs: message, exit code, nothing lost -----------------------------------------------
def test_no_terminal_without_flags(project: Path, tmp_path: Path) -> None:
    for args in (["step", "1"], ["init", "ailleurs"]):
        text = ok(run_cli(*args, cwd=tmp_path), 2)
        assert "Pas de terminal interactif" in text
        assert "--answers" in text and "--no-input" in text
    assert not (tmp_path / "ailleurs").exists()


@pytest.mark.parametrize("numero", ["0", "8", "abc", "1.5", "９"])
def test_bad_step_numbers(project: Path, tmp_path: Path, numero: str) -> None:
    before = project.read_bytes()
    text = ok(run_cli("step", numero, "--no-input", cwd=tmp_path), 2)
    assert f"Numéro d'étape invalide : « {numero} »" in text
    assert "de 1 à 7" in text
    assert project.read_bytes() == before
    ok(run_cli("show", numero, cwd=tmp_path), 2)


def test_no_project(tmp_path: Path) -> None:
    for args in (["status"], ["show"], ["check"], ["step", "1", "--no-input"]):
        text = ok(run_cli(*args, cwd=tmp_path), 1)
        assert "Aucun projet (partenariat.yaml)" in text
        assert "partenariat init" in text
    text = ok(run_cli("status", "--project", str(tmp_path / "x.yaml"), cwd=tmp_path), 1)
    assert "introuvable" in text


def test_init_refuses_to_overwrite(project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    text = ok(
        run_cli(
            "init", "--no-input", "--profil", "entreprise", "--organisation", "B", cwd=tmp_path
        ),
        1,
    )
    assert "Un projet existe déjà" in text
    assert project.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--no-input"],
        ["init", "--no-input", "--profil", "mairie", "--organisation", "X"],
        ["init", "--no-input", "--profil", "entreprise"],
    ],
)
def test_init_no_input_needs_profile_and_name(tmp_path: Path, args: list[str]) -> None:
    text = ok(run_cli(*args, cwd=tmp_path), 2)
    assert "--profil" in text
    assert not (tmp_path / "partenariat.yaml").exists()


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda t: t.replace("profil: association", "profil: [association"), "YAML illisible"),
        (lambda t: t.replace("format: 2\n", "format: 99\n"), "version plus récente"),
        (lambda t: t + "couleur: bleu\n", "couleur : champ inconnu"),
        (lambda t: t.replace("organisation:\n", "organisation: &o\n") + "copie: *o\n", "alias"),
    ],
)
@pytest.mark.parametrize("command", [["status"], ["show"], ["check"], ["step", "1", "--no-input"]])
def test_unusable_project_is_reported_and_never_overwritten(
    project: Path, tmp_path: Path, edit: object, fragment: str, command: list[str]
) -> None:
    project.write_text(edit(project.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    before = project.read_bytes()
    text = ok(run_cli(*command, cwd=tmp_path), 1)
    assert f"Projet invalide : {project}" in text
    assert fragment in text
    assert "partenariat.yaml, ligne " in text
    assert project.read_bytes() == before


def test_invalid_utf8_and_big_project(project: Path, tmp_path: Path) -> None:
    project.write_bytes(project.read_bytes().replace(b"Les Amis", "Les Amis é".encode("latin-1")))
    assert "n'est pas encodé en UTF-8" in ok(run_cli("status", cwd=tmp_path), 1)
    project.write_bytes(b"# " + b"x" * (5 * 1024 * 1024 + 10) + b"\n")
    assert "trop volumineux" in ok(run_cli("status", cwd=tmp_path), 1)


@pytest.mark.parametrize(
    ("args", "detail"),
    [
        (["--bogus"], "--bogus"),
        (["status", "--bogus"], "--bogus"),
        (["step", "1", "--vite"], "--vite"),
        (["step"], "Paramètre manquant"),
        (["nimportequoi"], "Commande incorrecte"),
    ],
)
def test_unknown_options_and_commands(tmp_path: Path, args: list[str], detail: str) -> None:
    text = ok(run_cli(*args, cwd=tmp_path), 2)
    assert detail in text
    assert "Aide : partenariat --help" in text


def test_unknown_question_in_answers_file_named_with_its_line(
    project: Path, tmp_path: Path
) -> None:
    before = project.read_bytes()
    answers = answers_file(
        tmp_path,
        "etapes:\n  '2':\n    reponses:\n      confiance: naissante\n      humeur: bonne\n",
    )
    text = ok(run_cli("step", "2", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert f"Fichier de réponses invalide : {answers}" in text
    assert "reponses.yaml, ligne 5 : étape 2 : question « humeur » inconnue" in text
    assert project.read_bytes() == before


@pytest.mark.parametrize(
    ("reponses", "fragment", "line"),
    [
        ("date_debut_recherche: 31/02/2026", "n'existe pas", 4),
        ("date_debut_recherche: demain", "n'est pas une date reconnue", 4),
        ("confiance: 12", "n'est pas un choix possible", 4),
        ("attentes_acceptees: peut-être", "oui ou par non", 4),
    ],
)
def test_bad_values_in_answers_file(
    project: Path, tmp_path: Path, reponses: str, fragment: str, line: int
) -> None:
    before = project.read_bytes()
    answers = answers_file(tmp_path, f"etapes:\n  2:\n    reponses:\n      {reponses}\n")
    text = ok(run_cli("step", "2", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert fragment in text
    assert f"reponses.yaml, ligne {line}" in text
    assert project.read_bytes() == before


@pytest.mark.parametrize(
    ("reponses", "fragment"),
    [
        ("budget_association: -5", "ne peut pas être négatif"),
        ("budget_association: douze", "n'est pas un montant"),
        ("budget_association: 0", "au moins 1 €"),
        ("duree_mois: douze", "n'est pas une durée reconnue"),
        ("duree_mois: 400", "au plus 120 mois"),
    ],
)
def test_bad_amounts_and_durations_in_answers_file(
    project: Path, tmp_path: Path, reponses: str, fragment: str
) -> None:
    before = project.read_bytes()
    answers = answers_file(
        tmp_path,
        f"etapes:\n  4:\n    reponses:\n      contribution_financiere: true\n      {reponses}\n",
    )
    text = ok(run_cli("step", "4", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert fragment in text
    assert "reponses.yaml, ligne 5" in text
    assert project.read_bytes() == before


def test_missing_or_corrupt_answers_file(project: Path, tmp_path: Path) -> None:
    text = ok(run_cli("step", "1", "--answers", "absent.yaml", "--no-input", cwd=tmp_path), 1)
    assert "Fichier de réponses invalide" in text and "introuvable" in text
    answers = answers_file(tmp_path, "etapes: [\n")
    text = ok(run_cli("step", "1", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert "YAML illisible" in text


def test_second_wizard_refused(project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    with FileLock(str(project.with_name("partenariat.yaml.lock"))):
        text = ok(run_cli("step", "1", "--no-input", cwd=tmp_path, real=True), 1)
    assert "déjà ouvert par un autre assistant" in text
    assert project.read_bytes() == before


def test_read_only_folder(project: Path, tmp_path: Path) -> None:
    answers = tmp_path.parent / f"{tmp_path.name}-reponses.yaml"
    answers.write_text("etapes:\n  1:\n    reponses:\n      enjeux: Nouveau\n", encoding="utf-8")
    before = project.read_bytes()
    with read_only(tmp_path):
        text = ok(run_cli("step", "1", "--answers", str(answers), "--no-input", cwd=tmp_path), 1)
    assert "Impossible d'enregistrer" in text
    assert "lecture seule" in text
    assert "La dernière version enregistrée du projet est intacte" in text
    assert project.read_bytes() == before


def test_answers_without_terminal_act_as_no_input(full_project: Path) -> None:
    # No terminal and an answers file: nothing can be asked, so it behaves as --no-input.
    text = ok(run_cli("step", "2", "--answers", str(EXAMPLE_ENTREPRISE), cwd=full_project.parent))
    assert "Réponses enregistrées" in text
    assert "Interrompu" not in text


def test_hand_edited_invalid_answer_named_with_its_line(project: Path, tmp_path: Path) -> None:
    text = project.read_text(encoding="utf-8")
    # step 1's decision now starts at its safe default (approfondir): edit that line by hand
    assert "      decision: approfondir\n" in text
    text = text.replace("      decision: approfondir\n", "      decision: peut-être\n", 1)
    project.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      decision: peut-être") + 1
    before = project.read_bytes()
    for command in (["status"], ["show"], ["step", "1", "--no-input"]):
        out = ok(run_cli(*command, cwd=tmp_path), 1)
        assert f"partenariat.yaml, ligne {line} : étape 1, « decision »" in out
        assert "n'est pas un choix possible" in out
    assert project.read_bytes() == before


@pytest.mark.parametrize(
    "args", [["--help"], ["init", "--help"], ["step", "--help"], ["export", "--help"]]
)
def test_help_screens_are_in_french(args: list[str], tmp_path: Path) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Utilisation : partenariat" in result.stdout
    assert "Affiche cette aide et quitte." in result.stdout
    for english in ("Usage:", "Show this message", "Commands:", "<str>", "[required]", "[default"):
        assert english not in result.stdout


def test_check_draws_the_best_candidates_and_counts_the_others(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_ENTREPRISE.read_text(encoding="utf-8"))
    answers = data["etapes"]["3"]["reponses"]
    model = answers["candidats"][0]
    answers["candidats"] = [
        {
            **model,
            "nom": f"Candidat {i:02d}",
            "evaluation": {**model["evaluation"], "independance": i % 6},
        }
        for i in range(25)
    ]
    answers["partenaire_retenu"] = "Candidat 00"  # among the least well ranked
    path = tmp_path / "partenariat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = run_cli("check", "--project", str(path), cwd=tmp_path).stdout
    drawn = [n for n in range(25) if f"Candidat {n:02d}" in text]
    assert len(drawn) == 21 and 0 in drawn  # the 20 best, and the one retained
    assert "… et 4 autres candidats, moins bien classés" in text
