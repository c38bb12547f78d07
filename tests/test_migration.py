"""A format-1 project (one ``forme_soutien`` and one amount) is read as format 2, and the first
command that writes it keeps the original file beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

from partenariat.migration import backup_path
from partenariat.project import FORMAT_VERSION, load_project, open_project
from partenariat.questionnaire import load_questionnaires
from partenariat.rules import evaluate

FORMAT1 = Path(__file__).parent / "data" / "projet-format1.yaml"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "partenariat.yaml"
    shutil.copyfile(FORMAT1, target)
    return target


def test_the_fixture_is_still_format_1() -> None:
    text = FORMAT1.read_text(encoding="utf-8")
    assert "\nformat: 1\n" in text and "forme_soutien: don" in text


def test_format_1_is_read_as_flows_without_writing(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    project = load_project(path)
    assert project.format == FORMAT_VERSION == 2
    answers = project.answers(4)
    assert "forme_soutien" not in answers and "montant_contribution" not in answers
    assert "regime_tva" not in answers
    [flow] = answers["flux"]
    assert flow["nature"] == "don_numeraire"
    assert flow["sens"] == "entreprise_vers_association"
    assert flow["montant"] == 45000 and flow["tva"] == "hors_champ"
    # The old schedule (15 000 + 15 000 + 15 000,50) does not add up to 45 000: no split is
    # guessed, the wizard will ask it.
    assert "montants_annuels" not in flow
    assert path.read_bytes() == before
    assert not backup_path(path).exists()
    # Rules run on the migrated answers without failing.
    findings = evaluate(project, load_questionnaires())
    assert all("n'a pas pu être évaluée" not in f.message for f in findings)


def test_first_write_keeps_the_original_once(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    original = path.read_bytes()
    with open_project(path) as store:
        assert store.project.format == 2
    assert backup_path(path).read_bytes() == original
    saved = load_project(path)
    assert "\nformat: 2\n" in path.read_text(encoding="utf-8")
    assert saved.answers(4)["flux"][0]["montant"] == 45000
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "Autre chose"
        store.save()
    assert backup_path(path).read_bytes() == original


def test_schedule_that_adds_up_gives_the_split(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("montant: 15000.5", "montant: 15000"),
        encoding="utf-8",
    )
    flow = load_project(path).answers(4)["flux"][0]
    assert flow["montants_annuels"] == {"2027": 15000, "2028": 15000, "2029": 15000}
