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
