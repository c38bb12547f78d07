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


def test_headcount_ranges_become_the_figure_step_4_holds(tmp_path: Path) -> None:
    """Headcounts were asked as ranges at steps 1 and 3 and as figures at step 4; they are now
    one figure, asked once. A range with the same organisation's figure at step 4 becomes that
    figure; a range with none is removed (asked again), the original file kept beside."""
    import yaml

    from partenariat.answers import verify
    from partenariat.project import dump_project

    example = Path(__file__).parents[1] / "examples" / "mecenat-competences" / "partenariat.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["etapes"]["1"]["reponses"]["organisation_effectif"] = "de_250_a_4999"
    data["etapes"]["3"]["reponses"]["partenaire_effectif"] = "de_50_a_249"
    path = tmp_path / "partenariat.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")

    project = load_project(path)
    assert project.answers(1)["organisation_effectif"] == 800  # step 4's effectif_entreprise
    assert "partenaire_effectif" not in project.answers(3)  # no figure known for the partner
    verify(project, load_questionnaires())  # the file now reads without error
    assert path.read_text(encoding="utf-8") == text  # reading writes nothing

    with open_project(path) as store:
        assert store.project.answers(1)["organisation_effectif"] == 800
    assert backup_path(path).read_text(encoding="utf-8") == text  # the ranges are kept there
    assert "de_250_a_4999" not in path.read_text(encoding="utf-8")
    assert load_project(path).answers(1)["organisation_effectif"] == 800
    assert dump_project(load_project(path)) == path.read_text(encoding="utf-8")

