"""Each fact asked once, from an answers file: a figure given only at step 4 lives at its home
(step 1), and the partner retained at step 3 names the partner when ``init`` did not."""

from __future__ import annotations

from pathlib import Path

from partenariat.project import load_project


def test_a_figure_first_given_at_step_4_is_kept_at_its_home(tmp_path: Path) -> None:
    """An answers file (or a person who skipped it at step 1) gives the turnover at step 4 only:
    it goes to step 1, where it is asked, so that it lives in one place."""
    import yaml

    from wizard_support import run_cli

    example = Path(__file__).parents[1] / "examples" / "mecenat-pur" / "partenariat.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    del data["etapes"]["1"]["reponses"]["organisation_budget"]
    del data["etapes"]["1"]["reponses"]["organisation_effectif"]
    data["etapes"]["4"]["reponses"]["ca_ht_entreprise"] = 7_500_000
    answers = tmp_path / "reponses.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("init", "--no-input", "--answers", str(answers), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = load_project(tmp_path / "partenariat.yaml")
    assert project.answers(1)["organisation_budget"] == 7_500_000
    assert project.answers(1)["organisation_effectif"] == 65
    assert project.answers(4)["ca_ht_entreprise"] == 7_500_000


def test_an_answers_file_names_the_partner_init_left_unnamed(tmp_path: Path) -> None:
    import yaml

    from wizard_support import run_cli

    example = Path(__file__).parents[1] / "examples" / "mecenat-pur" / "partenariat.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data.pop("partenaire")
    data["etapes"]["3"]["reponses"]["partenaire_retenu"] = "Les Jardins Solidaires"
    answers = tmp_path / "reponses.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("init", "--no-input", "--answers", str(answers), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load_project(tmp_path / "partenariat.yaml").partenaire.nom == "Les Jardins Solidaires"
