"""The mécénat simulation against cases computed by hand from the law's text (tests/data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from partenariat import tax
from partenariat.settings import load_settings

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "simulations-mecenat.yaml").read_text(encoding="utf-8")
)["cas"]


@pytest.mark.parametrize("case", CASES, ids=[c["nom"] for c in CASES])
def test_simulation_matches_hand_computation(case: dict[str, Any]) -> None:
    sim = tax.simulate(
        {int(y): float(v) for y, v in case["dons"].items()},
        case["chiffre_affaires"],
        bool(case.get("personnes_en_difficulte")),
    )
    rows = {r.annee: r for r in sim.lignes}
    for year, expected in case["attendu"].items():
        row = rows[int(year)]
        got = {
            "plafond": row.plafond,
            "retenu": row.retenu_annee,
            "report_utilise": row.retenu_report,
            "reduction": row.reduction,
            "report_restant": row.report_restant,
            "perdu": row.perdu,
        }
        assert got == {k: float(v) for k, v in expected.items()}, year
    assert max(rows) == max(int(y) for y in case["attendu"])


def test_year_beyond_settings_uses_latest_and_says_so() -> None:
    settings = load_settings()
    late = settings.last_year + 3
    sim = tax.simulate({late: 1000.0}, None)
    assert sim.annees_extrapolees == [late]
    fig = sim.lignes[0].sources[0]
    assert fig.annee == settings.last_year
    assert f"repris pour {late}" in fig.mention


def test_known_year_is_not_marked_extrapolated() -> None:
    settings = load_settings()
    sim = tax.simulate({settings.last_year: 1000.0}, None)
    assert sim.annees_extrapolees == []


def test_only_gifts_from_the_company_are_simulated() -> None:
    context = {
        "etape4": {
            "ca_ht_entreprise": 8_000_000,
            "flux": [
                {"nature": "don_numeraire", "montant": 10000, "montants_annuels": {"2026": 10000}},
                {"nature": "parrainage", "montant": 5000, "montants_annuels": {"2026": 5000}},
                {
                    "nature": "don_nature",
                    "sens": "association_vers_entreprise",
                    "montant": 700,
                    "montants_annuels": {"2026": 700},
                },
            ],
        }
    }
    sim = tax.simulation_for(context)
    assert sim is not None
    assert [r.dons for r in sim.lignes] == [10000.0]
    assert tax.simulation_for({"etape4": {"flux": [{"nature": "prestation"}]}}) is None


def test_check_json_carries_the_simulation_with_its_sources(tmp_path: Path) -> None:
    """A script reading ``check --format json`` gets the same year-by-year figures as the
    documents, with the settings year and the source of each figure."""
    import json

    from wizard_support import run_cli

    example = Path(__file__).resolve().parents[1] / "examples" / "mecenat-pur" / "partenariat.yaml"
    result = run_cli("check", "--format", "json", "--project", str(example), cwd=tmp_path)
    payload = json.loads(result.stdout)
    simulation = payload["simulation"]
    rows = {row["exercice"]: row for row in simulation["lignes"]}
    # 8 M€ turnover: ceiling max(20 000, 5 ‰ × 8 000 000) = 40 000; 55 000 given a year.
    assert rows[2027]["plafond"] == 40_000 and rows[2027]["reduction"] == 24_000
    assert rows[2029]["reste_a_reporter"] == 45_000
    assert rows[2031]["report_utilise"] == 5_000 and rows[2031]["reduction"] == 3_000
    assert simulation["total_reduction"] == 99_000
    assert all(s["reference_legale"].startswith("CGI") for s in simulation["sources"])
    assert all(s["verifie_le"] for s in simulation["sources"])



def test_without_the_turnover_the_simulation_says_it_is_not_significant(tmp_path: Path) -> None:
    """The association rarely knows the company's turnover: with the fixed floor alone, gifts
    « perdus » would alarm the partner wrongly (5 ‰ of the turnover is usually far higher)."""
    from wizard_support import run_cli

    examples = Path(__file__).resolve().parents[1] / "examples"
    texts = {}
    for name in ("mecenat-competences-association", "mecenat-pur"):
        out = tmp_path / name
        result = run_cli(
            "export", "-p", str(examples / name / "partenariat.yaml"), "-o", str(out), cwd=tmp_path
        )
        assert result.returncode == 0, result.stdout + result.stderr
        texts[name] = (out / "document-de-cadrage.md").read_text(encoding="utf-8")
    without, known = texts["mecenat-competences-association"], texts["mecenat-pur"]
    assert "exercice par exercice" in without and "exercice par exercice" in known
    assert "Simulation non significative" in without and "perdus" not in without
    assert "Simulation non significative" not in known
