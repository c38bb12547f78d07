"""Hardening: every bad input found by the fault and fuzz campaigns of issue 13, from a copy of an
example project. Each gives a French message naming the file (and line), exit 1 or 2 (never 70,
« Erreur inattendue »), and changes no file; what is accepted can be read back and rendered.

Most cases run ``cli.main`` in this process (it is where errors become exit codes, and it is ten
times faster than a subprocess); the cases that could hang (pipes, devices) run the real program
in a subprocess with a timeout.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.synchronize
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from partenariat import atomic
from partenariat.cli import main
from partenariat.errors import (
    InvalidFileError,
    ProjectExistsError,
    ProjectLockedError,
    StorageError,
)
from partenariat.expressions import ExpressionError, evaluate
from partenariat.project import (
    DEFAULT_NAME,
    ProjectTooLargeError,
    create_project,
    load_project,
    lock_path,
    new_project,
    open_project,
)
from wizard_support import EXAMPLE_ENTREPRISE, read_only, run_cli

BIG = "1" + "0" * 400


# -- helpers -------------------------------------------------------------------------------------
def cli(capsys: pytest.CaptureFixture[str], *args: str, cwd: Path | None = None) -> tuple[int, str]:
    """Run the command line in this process; the exit code and everything printed."""
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = main(list(args))
        code = result if isinstance(result, int) else 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(previous)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text, text
    assert "Erreur inattendue" not in text, text
    assert code != 70, text
    return code, text


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of ``folder`` (recursively) with its checksum: to prove nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def example_copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """A copy of the company example, with ``old`` replaced by ``new`` (which must be there)."""
    folder = tmp_path / "projet"
    folder.mkdir(exist_ok=True)
    text = EXAMPLE_ENTREPRISE.read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / DEFAULT_NAME
    path.write_text(text, encoding="utf-8")
    return path


def example_line(text: str) -> int:
    """The line where ``text`` starts in the company example."""
    example = EXAMPLE_ENTREPRISE.read_text(encoding="utf-8")
    return example[: example.index(text)].count("\n") + 1


def answers_copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    path = example_copy(tmp_path, old, new)
    answers = tmp_path / "reponses.yaml"
    path.rename(answers)
    return answers


# -- a bad project file: message, line, exit 1, nothing changed -----------------------------------
# case: (text of the example replaced, replacement, expected message, line offset from where
# the replaced text starts: the example's lines move as it grows)
PROJECT_CASES: dict[str, tuple[str, str, str, int | str]] = {
    "date_30_fevrier": (
        "date_debut: '2027-01-04'",
        "date_debut: 2027-02-30",
        "date impossible « 2027-02-30 »",
        0,
    ),
    "mois_13": (
        "date_debut: '2027-01-04'",
        "date_debut: 2026-13-01",
        "date impossible « 2026-13-01 »",
        0,
    ),
    "cree_le_impossible": (
        "cree_le: '2026-01-19T09:30:00+01:00'",
        "cree_le: 2026-13-45T10:00:00",
        "date impossible",
        0,
    ),
    "decalage_horaire_impossible": (
        "cree_le: '2026-01-19T09:30:00+01:00'",
        "cree_le: 2026-01-19T09:30:00+30:00",
        "date impossible",
        0,
    ),
    "annee_zero": ("date_debut: '2027-01-04'", "date_debut: 0000-01-04", "date impossible", 0),
    "montant_10_puissance_400": (
        "        montant: 90000\n",
        f"        montant: {BIG}\n",
        "nombre trop grand",
        0,
    ),
    "montant_flottant_infini": (
        "        montant: 90000\n",
        "        montant: 1.0e+400\n",
        "nombre trop grand",
        0,
    ),
    "montant_1e308": (
        "        montant: 90000\n",
        "        montant: 1.0e+308\n",
        "nombre trop grand",
        0,
    ),
    "montant_2_billions": (
        "        montant: 90000\n",
        "        montant: 2000000000000\n",
        "Valeur trop grande",
        "      flux:\n",
    ),
    "montant_texte_1e400": (
        "        montant: 90000\n",
        "        montant: 1e400\n",
        "n'est pas un montant",
        "      flux:\n",
    ),
    "note_10_puissance_400": (
        "competences_resultats: 3\n",
        f"competences_resultats: {BIG}\n",
        "nombre trop grand",
        0,
    ),
    "duree_nan": ("duree_mois: 36", "duree_mois: .nan", "« .nan » n'est pas un nombre", 0),
    "duree_moins_infini": ("duree_mois: 36", "duree_mois: -.inf", "nombre infini", 0),
    "duree_5000_mois": ("duree_mois: 36", "duree_mois: 5000", "Durée trop longue", 0),
    "annee_9999": (
        "date_debut: '2027-01-04'",
        "date_debut: '9999-01-04'",
        "L'année 9999 semble erronée",
        0,
    ),
    "annee_0001": (
        "date_debut: '2027-01-04'",
        "date_debut: '0001-01-04'",
        "L'année 1 semble erronée",
        0,
    ),
    "mis_a_jour_an_9999": (
        "mis_a_jour: '2026-11-20T17:45:00+01:00'",
        "mis_a_jour: '9999-11-20T17:45:00+01:00'",
        "l'année 9999 semble erronée",
        0,
    ),
    "etape_mis_a_jour_1800": (
        "    mis_a_jour: '2026-01-30T16:10:00+01:00'",
        "    mis_a_jour: '1800-01-30T16:10:00+01:00'",
        "l'année 1800 semble erronée",
        0,
    ),
    "cle_en_double": (
        "profil: entreprise\n",
        "profil: entreprise\nprofil: association\n",
        "clé « profil » en double (déjà à la ligne 6)",
        1,
    ),
    "etape_en_double": ("  '2':\n", "  '1':\n", "clé « 1 » en double", 0),
    "etiquette_python": (
        "profil: entreprise",
        "profil: !!python/object:os.system entreprise",
        "étiquette YAML « tag:yaml.org,2002:python/object:os.system » non acceptée",
        0,
    ),
    "etiquette_binaire": (
        "profil: entreprise",
        "profil: !!binary ZW50cmVwcmlzZQ==",
        "étiquette YAML",
        0,
    ),
    "etiquette_ensemble": ("profil: entreprise", "profil: !!set {entreprise}", "étiquette YAML", 0),
    "etiquette_int_texte": (
        "duree_mois: 36",
        "duree_mois: !!int trente",
        "« trente » n'est pas un nombre entier",
        0,
    ),
    "cle_liste": ("profil: entreprise", "? [profil]\n: entreprise", "clé invalide", 0),
    "caractere_de_controle": (
        "profil: entreprise",
        "profil: entre\x07prise",
        "caractère de contrôle interdit (U+0007)",
        0,
    ),
    "echappement_inconnu": (
        "profil: entreprise",
        'profil: "entre\\qprise"',
        "caractère d'échappement inconnu",
        0,
    ),
    "tabulation": ("profil: entreprise\n", "profil: entreprise\n\tx: 1\n", "tabulation", 1),
    "deux_documents": (
        "profil: entreprise\n",
        "profil: entreprise\n---\n",
        "un seul document est attendu",
        1,
    ),
    "directive_yaml_2": (
        "# Exemple fictif",
        "%YAML 2.0\n---\n# Exemple fictif",
        "version de YAML non prise en charge",
        0,
    ),
    "texte_trop_long": (
        "      attentes: Offrir",
        "      attentes: " + "x" * 50_001 + " Offrir",
        "Réponse trop longue",
        0,
    ),
    "nom_organisation_trop_long": (
        "  nom: Castelnef Ingénierie & Numérique",
        "  nom: " + "C" * 2001,
        "organisation.nom : texte trop long",
        0,
    ),
    "liste_de_1001_elements": (
        "      actions:\n",
        "      actions:\n" + "      - {}\n" * 1001,
        "1\u202f000 éléments au plus",
        0,
    ),
}


@pytest.mark.parametrize("case", sorted(PROJECT_CASES))
def test_bad_project_named_with_line_exit_1_nothing_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    old, new, expected, offset = PROJECT_CASES[case]
    # an int: offset from the replaced text; a text: the line where it starts (an answer inside a
    # list is named at the list's key)
    line = example_line(offset) if isinstance(offset, str) else example_line(old) + offset
    path = example_copy(tmp_path, old, new)
    before = snapshot(path.parent)
    for command in ("status", "show", "check", "export"):
        code, text = cli(capsys, command, "--project", str(path))
        assert code == 1, (command, text)
        assert expected in text, (command, text)
        assert f"{DEFAULT_NAME}, ligne {line} " in text, (command, text)
        assert str(path) in text
    code, text = cli(capsys, "step", "4", "--no-input", "--project", str(path))
    assert code == 1 and expected in text
    assert snapshot(path.parent) == before


# -- files that are not regular files: refused at once, never read, never hanging ------------------
def test_devices_pipes_and_folders_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.yaml"
    os.mkfifo(fifo)
    (tmp_path / "dossier.yaml").mkdir()
    cases = [
        (("status", "--project", str(fifo)), "ce n'est pas un fichier ordinaire"),
        (("step", "1", "--no-input", "--project", str(fifo)), "ce n'est pas un fichier ordinaire"),
        (("status", "--project", "/dev/zero"), "ce n'est pas un fichier ordinaire"),
        (("init", "--no-input", "--answers", str(fifo)), "ce n'est pas un fichier ordinaire"),
        (("init", "--no-input", "--answers", "/dev/zero"), "ce n'est pas un fichier ordinaire"),
        (("status", "--project", str(tmp_path / "dossier.yaml")), "c'est un dossier"),
    ]
    work = tmp_path / "travail"
    work.mkdir()
    for args, expected in cases:
        result = run_cli(*args, cwd=work)  # run_cli's timeout fails the test on a hang
        text = result.stdout + result.stderr
        assert result.returncode == 1, (args, text)
        assert expected in text and "Traceback" not in text, (args, text)
    assert list(work.iterdir()) == []  # nothing created
    assert not (tmp_path / "tube.yaml.lock").exists()  # not even a lock file beside the pipe


def test_odd_paths_named_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    loop = tmp_path / "boucle.yaml"
    loop.symlink_to(loop)
    code, text = cli(capsys, "status", "--project", str(tmp_path / "fichier" / DEFAULT_NAME))
    assert code == 1 and "un élément du chemin n'est pas un dossier" in text
    code, text = cli(capsys, "status", "--project", str(loop))
    assert code == 1 and "trop de liens symboliques" in text


def test_init_names_cleaned_and_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = cli(
        capsys,
        "init",
        "--no-input",
        "--profil",
        "association",
        "--organisation",
        "x" * 3000,
        cwd=tmp_path,
    )
    assert code == 2 and "Nom de l'organisation trop long (3000 caractères, 2000 au plus)" in text
    assert list(tmp_path.iterdir()) == []
    code, text = cli(
        capsys,
        "init",
        "--no-input",
        "--profil",
        "association",
        "--organisation",
        "Les\tAmis\x01",
        cwd=tmp_path,
    )
    assert load_project(tmp_path / DEFAULT_NAME).organisation.nom == "Les Amis"


# -- answers files: all or nothing, every error of every step at once -----------------------------
ANSWERS_CASES = {
    "date_30_fevrier": (
        "date_debut: '2027-01-04'",
        "date_debut: 2027-02-30",
        "date impossible « 2027-02-30 »",
    ),
    "annee_9999": (
        "date_debut: '2027-01-04'",
        "date_debut: 9999-01-04",
        "L'année 9999 semble erronée",
    ),
    "annee_0001": (
        "date_debut: '2027-01-04'",
        "date_debut: 0001-01-04",
        "L'année 1 semble erronée",
    ),
    "montant_1e308": (
        "        montant: 90000\n",
        "        montant: 1.0e+308\n",
        "nombre trop grand",
    ),
    "montant_texte_400_chiffres": (
        "        montant: 90000\n",
        f"        montant: '{BIG}'\n",
        "Valeur trop grande",
    ),
    "duree_texte_400_chiffres": ("duree_mois: 36", f"duree_mois: '{BIG}'", "Durée trop longue"),
    "duree_en_annees_geante": ("duree_mois: 36", f"duree_mois: '{BIG} ans'", "Durée trop longue"),
    "cle_inconnue_partner": ("partenaire:\n", "partner:\n", "clé « partner » inconnue"),
    "etape_04": ("  '4':\n", "  '04':\n", "étape « 04 » inconnue"),
    "profil_inconnu": ("profil: entreprise", "profil: mairie", "profil inconnu"),
    "organisation_sans_nom": (
        "organisation:\n  nom: Castelnef Ingénierie & Numérique",
        "organisation: Castelnef",
        "« organisation » attend « nom : texte »",
    ),
    "cle_en_double": (
        "      duree_mois: 36\n",
        "      duree_mois: 36\n      duree_mois: 24\n",
        "clé « duree_mois » en double",
    ),
}


@pytest.mark.parametrize("case", sorted(ANSWERS_CASES))
def test_bad_answers_file_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    old, new, expected = ANSWERS_CASES[case]
    answers = answers_copy(tmp_path, old, new)
    folder = tmp_path / "nouveau"
    folder.mkdir()
    code, text = cli(capsys, "init", "--no-input", "--answers", str(answers), cwd=folder)
    assert code == 1, text
    assert expected in text and "reponses.yaml, ligne" in text, text
    assert "Projet créé" not in text
    assert list(folder.iterdir()) == []


def test_answers_errors_of_every_step_at_once_then_the_corrected_file_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE_ENTREPRISE.read_text(encoding="utf-8")
    broken = text.replace("date_debut_recherche: '2026-02-02'", "date_debut_recherche: hier")
    broken = broken.replace("date_debut: '2027-01-04'", "date_debut: demain")
    broken = broken.replace("duree_mois: 36", "duree_mois: -3")
    assert broken.count("hier") and broken.count("demain")
    answers = tmp_path / "reponses.yaml"
    answers.write_text(broken, encoding="utf-8")
    folder = tmp_path / "nouveau"
    folder.mkdir()
    code, out = cli(capsys, "init", "--no-input", "--answers", str(answers), cwd=folder)
    assert code == 1
    assert (
        f"ligne {example_line('date_debut_recherche:')} : étape 2, « date_debut_recherche »" in out
    )
    assert (
        f"ligne {example_line('date_debut: ' + chr(39) + '2027-01-04')} : étape 4, « date_debut »"
        in out
    )
    assert f"ligne {example_line('duree_mois: 36')} : étape 4, « duree_mois »" in out
    assert list(folder.iterdir()) == []
    answers.write_text(
        text, encoding="utf-8"
    )  # corrected: the rerun is not « Un projet existe déjà »
    code, out = cli(capsys, "init", "--no-input", "--answers", str(answers), cwd=folder)
    assert code == 0, out
    assert load_project(folder / DEFAULT_NAME).answers(4)["duree_mois"] == 36


def test_step_with_a_bad_answers_file_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = example_copy(tmp_path)
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        "etapes:\n  '1':\n    reponses:\n      attentes: Nouvelle attente\n"
        "  '4':\n    reponses:\n      duree_mois: 2027-02-30\n",
        encoding="utf-8",
    )
    before = snapshot(path.parent)
    code, out = cli(
        capsys, "step", "1", "--no-input", "--answers", str(answers), "--project", str(path)
    )
    assert code == 1 and "ligne 7 : date impossible" in out
    assert snapshot(path.parent) == before


# -- saving: symlinks, locks, creation races, leftovers, size ------------------------------------
@pytest.fixture
def linked(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A project in real/ and a symlink to it in link/."""
    real = example_copy(tmp_path)
    link_folder = tmp_path / "lien"
    link_folder.mkdir()
    link = link_folder / DEFAULT_NAME
    link.symlink_to(real)
    yield real, link


def test_saving_through_a_symlink_writes_the_real_file(linked: tuple[Path, Path]) -> None:
    real, link = linked
    with open_project(link) as store:
        store.project.step(1).reponses["attentes"] = "Mise à jour par le lien"
        store.save()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_project(real).answers(1)["attentes"] == "Mise à jour par le lien"
    assert (real.parent / (DEFAULT_NAME + ".bak")).is_file()
    assert not (link.parent / (DEFAULT_NAME + ".bak")).exists()


def test_the_lock_is_taken_on_the_real_file(linked: tuple[Path, Path]) -> None:
    real, link = linked
    with open_project(real), pytest.raises(ProjectLockedError), open_project(link):
        pass
    with (
        FileLock(str(lock_path(real.resolve()))),
        pytest.raises(ProjectLockedError),
        open_project(link),
    ):
        pass


def test_creation_takes_the_lock_before_checking(tmp_path: Path) -> None:
    path = tmp_path / DEFAULT_NAME
    with (
        FileLock(str(lock_path(path))),
        pytest.raises(ProjectLockedError),
        create_project(path, new_project("association", "A", None)),
    ):
        pass
    assert not path.exists()
    path.write_text("ancien", encoding="utf-8")
    with (
        pytest.raises(ProjectExistsError),
        create_project(path, new_project("association", "B", None)),
    ):
        pass
    assert path.read_text(encoding="utf-8") == "ancien"


def test_first_save_never_replaces_a_file_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "f.yaml"
    target.write_text("premier", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic.write_new(target, b"second")
    assert target.read_text(encoding="utf-8") == "premier"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def _create(folder: str, name: str, start: multiprocessing.synchronize.Event, result: Any) -> None:
    start.wait()
    try:
        with create_project(Path(folder) / DEFAULT_NAME, new_project("association", name, None)):
            result.value = 1
    except (ProjectExistsError, ProjectLockedError):
        result.value = 2


def test_simultaneous_creations_one_wins_and_is_kept(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(8):
        folder = tmp_path / f"essai{round_}"
        folder.mkdir()
        start = context.Event()
        results = [context.Value("i", 0) for _ in range(4)]
        workers = [
            context.Process(target=_create, args=(str(folder), f"Asso {i}", start, results[i]))
            for i in range(4)
        ]
        for worker in workers:
            worker.start()
        start.set()
        for worker in workers:
            worker.join(30)
        outcomes = [r.value for r in results]
        assert sorted(outcomes) == [1, 2, 2, 2], outcomes
        winner = f"Asso {outcomes.index(1)}"
        assert load_project(folder / DEFAULT_NAME).organisation.nom == winner


def test_leftovers_of_a_killed_save_removed_at_next_open(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    folder = path.parent
    leftovers = [
        folder / f".{DEFAULT_NAME}.abcd1234.tmp",
        folder / f".{DEFAULT_NAME}.bak.k_9z8y7x.tmp",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"x" * 1000)
    kept = [folder / ".autre.yaml.abcd1234.tmp", folder / f".{DEFAULT_NAME}.notes.txt"]
    for other in kept:
        other.write_text("à garder", encoding="utf-8")
    with open_project(path):
        pass
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in kept)


def test_save_refuses_a_project_too_big_to_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = example_copy(tmp_path)
    before = path.read_bytes()
    import partenariat.saving as saving_module

    monkeypatch.setattr(saving_module, "MAX_BYTES", len(before) + 100)
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "x" * 5000
        with pytest.raises(ProjectTooLargeError) as info:
            store.save()
    assert "Réponse non enregistrée" in info.value.message
    assert "intacte" in info.value.message
    assert path.read_bytes() == before


def test_wizard_shows_the_refused_answer_when_the_project_would_be_too_big(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import Wizard

    path = example_copy(tmp_path)
    before = path.read_bytes()
    import partenariat.saving as saving_module

    monkeypatch.setattr(saving_module, "MAX_BYTES", len(before) + 100)
    typed = "Une très longue réponse tapée à la main. " * 100

    class OneAnswer:
        def ask(self, *_args: object) -> str:
            return typed

        def __getattr__(self, name: str) -> object:
            raise AssertionError(name)

    with open_project(path) as store:
        wizard = Wizard(store, load_questionnaires(), OneAnswer())  # type: ignore[arg-type]
        question = wizard.questionnaires[1].question("attentes")
        assert question is not None
        with pytest.raises(ProjectTooLargeError) as info:
            wizard._ask(1, question, editing=True)
    assert typed.strip() in info.value.message
    assert path.read_bytes() == before


def test_save_near_the_limit_can_be_read_back(tmp_path: Path) -> None:
    """Everything the bounds accept stays under the size every command reads."""
    from partenariat.parsing import MAX_LONG_TEXT

    path = tmp_path / DEFAULT_NAME
    with create_project(path, new_project("association", "A", None)) as store:
        store.project.step(1).reponses["enjeux"] = "é" * MAX_LONG_TEXT
        store.save()
    assert len(load_project(path).answers(1)["enjeux"]) == MAX_LONG_TEXT


def test_read_only_folder_refused_in_french(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    before = path.read_bytes()
    # taking the lock already needs to write in the folder
    with read_only(path.parent), pytest.raises(StorageError) as info, open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "x"
        store.save()
    assert "lecture seule" in info.value.message
    assert path.read_bytes() == before


# -- export I/O errors ---------------------------------------------------------------------------
@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return example_copy(tmp_path)


def test_export_name_taken_by_a_folder(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs"
    (out / "document-de-cadrage.md").mkdir(parents=True)
    code, text = cli(capsys, "export", "--project", str(project_path), "-o", str(out))
    assert code == 1
    assert "pris par des dossiers" in text and "document-de-cadrage.md" in text
    assert sorted(p.name for p in out.iterdir()) == ["document-de-cadrage.md"]


def test_export_output_is_a_file(project_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = cli(capsys, "export", "--project", str(project_path), "-o", str(project_path))
    assert code == 1 and "Impossible de créer le dossier" in text and "le nom est déjà pris" in text


def test_export_into_a_read_only_folder(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    with read_only(out):
        code, text = cli(capsys, "export", "--project", str(project_path), "-o", str(out))
    assert code == 1, text
    assert "Impossible d'écrire" in text and "lecture seule" in text
    assert "Aucun document n'a été remplacé" in text
    assert list(out.iterdir()) == []


def test_export_on_a_full_disk(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = tmp_path / "petit-disque"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root): no real full disk to test on")
    try:
        out = disk / "docs"
        code, text = cli(
            capsys, "export", "-f", "docx", "--project", str(project_path), "-o", str(out)
        )
        assert code == 1, text
        assert "Impossible d'écrire" in text and "le disque est plein" in text
        assert not out.exists()  # no empty folder, no partial file
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, check=False)


@pytest.mark.parametrize("kind", ["yaml", "zip", "pipe", "absent"])
def test_bad_reference_doc_french_and_no_empty_folder(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    reference = tmp_path / "styles.docx"
    if kind == "yaml":
        shutil.copy(project_path, reference)
    elif kind == "zip":
        with zipfile.ZipFile(reference, "w") as archive:
            archive.writestr("autre.txt", "pas un document Word")
    elif kind == "pipe":
        os.mkfifo(reference)
    out = tmp_path / "docs"
    code, text = cli(
        capsys,
        "export",
        "-f",
        "docx",
        "--reference-doc",
        str(reference),
        "--project",
        str(project_path),
        "-o",
        str(out),
    )
    assert code == 2, text
    assert "Document de référence" in text and str(reference) in text
    assert "pandoc" not in text.lower()
    assert not out.exists()


def test_answers_come_out_exactly_as_written_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import html
    import re

    from docx import Document

    written = "Avant -- après --- fin... et \"guillemets droits\" puis 'apostrophes' l'an"
    import yaml

    path = example_copy(tmp_path)
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        yaml.safe_dump({"etapes": {"1": {"reponses": {"attentes": written}}}}, allow_unicode=True),
        encoding="utf-8",
    )
    code, text = cli(
        capsys, "step", "1", "--no-input", "--answers", str(answers), "--project", str(path)
    )
    assert code == 0, text
    out = tmp_path / "docs"
    code, text = cli(
        capsys, "export", "-f", "docx,odt,html", "--project", str(path), "-o", str(out)
    )
    assert code == 0, text
    stem = out / "document-de-cadrage"
    docx_text = "\n".join(p.text for p in Document(str(stem.with_suffix(".docx"))).paragraphs)
    with zipfile.ZipFile(stem.with_suffix(".odt")) as archive:
        odt_text = html.unescape(re.sub(r"<[^>]+>", "", archive.read("content.xml").decode()))
    html_text = html.unescape(re.sub(r"<[^>]+>", "", stem.with_suffix(".html").read_text("utf-8")))
    md_text = stem.with_suffix(".md").read_text("utf-8")
    for fmt, body in (("docx", docx_text), ("odt", odt_text), ("html", html_text)):
        flat = " ".join(body.split())
        assert written in flat, fmt
    assert written in md_text


# -- command line and sandbox ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("exporter",), "commande « exporter » inconnue. Vouliez-vous dire « export » ?"),
        (("status", "--proj", "x"), "Option inconnue : --proj (vouliez-vous dire « --project » ?)"),
        (("step",), "argument « N » manquant"),
        (("step", "1", "2", "3"), "argument(s) en trop : 2 3"),
        (("status", "--project"), "l'option « --project » attend une valeur"),
        (("export", "--force=1"), "l'option « --force » ne prend pas de valeur"),
    ],
)
def test_command_line_mistakes_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    code, text = cli(capsys, *args, cwd=tmp_path)
    assert code == 2
    assert expected in text, text
    for english in (
        "No such",
        "Did you mean",
        "Missing",
        "Got unexpected",
        "requires",
        "does not take",
    ):
        assert english not in text


@pytest.mark.parametrize(
    "expr",
    [
        "2 ** 2000 + 0.5",
        "(2 ** 1100) | float",
        "1e308 * 10 > 1",
    ],
)
def test_sandbox_arithmetic_errors_are_expression_errors(expr: str) -> None:
    try:
        evaluate(expr, {})
    except ExpressionError as exc:
        assert "a échoué" in exc.message
    # « 1e308 * 10 > 1 » may also simply be true: what matters is no other exception


@pytest.mark.parametrize(
    ("expr", "walked"),
    [
        ("'x' * 10**10", True),  # walked from the syntax tree
        ("[0] * 10**9", True),
        ("10 ** 100000", True),
        ("('x' * 10**9) | length", True),  # filters are walked too
        ("('x' * 10**9) ~ ''", False),  # a concatenation: compiled by the sandbox
        ("(10 ** 100000) ~ ''", False),
    ],
)
def test_sandbox_refuses_huge_repeats_and_powers_on_both_paths(expr: str, walked: bool) -> None:
    """Before, « 'x' * 10**10 » tried to build a 10 GB string: the bound must come before the
    allocation, on the walked path as on the compiled one."""
    from partenariat import interpret
    from partenariat.expressions import environment

    compiled = interpret.compile(environment(), expr)
    assert isinstance(compiled, interpret.Interpreted) is walked
    with pytest.raises(ExpressionError) as caught:
        evaluate(expr, {})
    assert "trop" in caught.value.message


def test_sandbox_products_and_powers_still_work() -> None:
    assert evaluate("'ab' * 3", {}) == "ababab"
    assert evaluate("(etape4.duree_mois * 2) | string", {"etape4": {"duree_mois": 18}}) == "36"
    assert evaluate("2 ** 10", {}) == 1024


def test_no_invalid_file_error_is_english(tmp_path: Path) -> None:
    from partenariat.yamlio import parse_yaml

    for text in (
        "a: [1, 2",
        "{a: 1",
        "a: b: c",
        "a: 'x",
        "a:\n- 1\n b: 2",
        "a: !foo x",
        "a: &x 1\nb: &x 2",
    ):
        with pytest.raises(InvalidFileError) as info:
            parse_yaml(text, tmp_path / "f.yaml")
        for english in ("found", "expected", "while ", "could not", "constructor"):
            assert english not in info.value.message, (text, info.value.message)


def test_interactive_init_refuses_a_bad_answers_file_before_asking(tmp_path: Path) -> None:
    """In a real terminal: the answers file's errors come first, no question is asked."""
    import sys

    pexpect = pytest.importorskip("pexpect")
    answers = answers_copy(tmp_path, "date_debut: '2027-01-04'", "date_debut: demain")
    folder = tmp_path / "nouveau"
    folder.mkdir()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "partenariat", "init", "--answers", str(answers)],
        cwd=str(folder),
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before
    assert "« demain » n'est pas une date reconnue" in child.before
    assert "?" not in child.before.split("Fichier de réponses invalide")[0]  # nothing asked
    assert list(folder.iterdir()) == []


def test_condition_on_a_skipped_multiple_choice_is_false() -> None:
    """Found by the answers-file campaign: « 'x' in reponse » with the answer stored as null."""
    from partenariat.expressions import is_true

    assert is_true("'partage_pairs' in dialogue_continu", {"dialogue_continu": None}) is False
    assert is_true("'partage_pairs' in dialogue_continu", {"dialogue_continu": ["partage_pairs"]})
    with pytest.raises(ExpressionError):
        evaluate("1 in 2", {})


def test_leftovers_of_a_killed_export_removed_at_the_next_export(tmp_path: Path) -> None:
    """A killed export leaves its temporaries (hidden, beside each document): the next export
    removes those an hour old, and leaves a running export's fresh ones and other files alone."""
    path = example_copy(tmp_path)
    out = tmp_path / "documents"
    out.mkdir()
    old = [
        atomic.temporary_beside(out / "plan-de-suivi.docx", suffix=".tmp.docx"),
        atomic.temporary_beside(out / "checklist-convention.md", suffix=".tmp.md"),
    ]
    fresh = atomic.temporary_beside(out / "document-de-cadrage.md", suffix=".tmp.md")
    others = [out / ".notes.tmp", out / "brouillon.docx"]
    for other in others:
        other.write_text("à garder", encoding="utf-8")
    for leftover in old:
        leftover.write_bytes(b"x" * 100)
        os.utime(leftover, (1_000_000_000, 1_000_000_000))
    result = run_cli("export", "--project", str(path), "--output", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not any(p.exists() for p in old)
    assert fresh.exists() and all(p.exists() for p in others)
