"""The dated fiscal settings: the bundled file loads, bad files are refused with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partenariat.errors import InvalidFileError
from partenariat.settings import load_settings, parse_settings, settings_path

GOOD = """\
version: 1
chiffres:
  taux_reduction_mecenat: {libelle: Taux, unite: taux}
  plafond_dons_montant: {libelle: Plafond, unite: euros}
annees:
  2025:
    taux_reduction_mecenat: {valeur: 0.6, source: "CGI art. 238 bis", verifie_le: 2026-11-20}
    plafond_dons_montant: {valeur: 20000, source: "CGI art. 238 bis", verifie_le: 2026-11-20}
  2026:
    taux_reduction_mecenat: {valeur: 0.6, source: "CGI art. 238 bis", verifie_le: 2026-11-20}
    plafond_dons_montant: {valeur: 20000, source: "CGI art. 238 bis", verifie_le: 2026-11-20}
"""


def _refused(text: str) -> InvalidFileError:
    with pytest.raises(InvalidFileError) as info:
        parse_settings(text, Path("reglages.yaml"))
    return info.value


def test_bundled_settings_load_with_a_source_and_date_for_every_figure() -> None:
    settings = load_settings()
    assert settings.path == settings_path().resolve()
    for year, figures in settings.annees.items():
        assert set(figures) == set(settings.libelles), year
        for fig in figures.values():
            assert fig.source and fig.verifie_le
    assert settings.value("plafond_securite_sociale_mensuel", 2026) == 4005
    assert settings.value("taux_reduction_mecenat", 2026) == 0.6
    assert settings.value("seuil_dons_commissaire_aux_comptes", 2026) == 153000


def test_a_good_file_parses() -> None:
    settings = parse_settings(GOOD, Path("reglages.yaml"))
    assert settings.first_year == 2025 and settings.last_year == 2026
    assert settings.figure("plafond_dons_montant", 2030).extrapolee
    assert not settings.figure("plafond_dons_montant", 2026).extrapolee


def test_rate_above_100_percent_is_refused_with_its_line() -> None:
    error = _refused(GOOD.replace("valeur: 0.6, source", "valeur: 60, source", 1))
    assert "ligne 7" in error.message and "supérieur à 100 %" in error.message


def test_duplicated_key_is_refused_with_its_line() -> None:
    text = GOOD.replace(
        "  2026:\n",
        "  2026:\n    plafond_dons_montant: {valeur: 1, source: x, verifie_le: 2026-11-20}\n",
    )
    error = _refused(text)
    assert re.search(r"ligne 12 : clé « plafond_dons_montant » en double", error.message)


def test_missing_year_between_first_and_last_is_refused() -> None:
    error = _refused(GOOD.replace("  2026:", "  2028:"))
    assert "année 2026 manquante" in error.message and "année 2027 manquante" in error.message


def test_missing_figure_in_a_year_is_refused() -> None:
    lines = GOOD.splitlines(keepends=True)
    text = "".join(lines[:-1])
    error = _refused(text)
    assert "2026 : chiffre « plafond_dons_montant » absent" in error.message


def test_missing_source_is_refused() -> None:
    error = _refused(GOOD.replace('source: "CGI art. 238 bis", verifie_le: 2026-11-20}', "verifie_le: 2026-11-20}", 1))
    assert "source manquante" in error.message
