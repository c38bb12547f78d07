"""Shared helpers for the document tests: fixture projects built from the engine's own APIs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
FULL_PROJECT = DATA / "projet-complet.yaml"
DOCUMENT_IDS = ("document-de-cadrage", "checklist-convention", "plan-de-suivi")

HOSTILE_LINE = (
    "Texte *gras* _souligné_ `code` [lien](http://x) <b>html</b> </w:t> ]]> & # | ~ ^ $ @ "
    "{{ 7*7 }} {% if %}"
)
CONTROL = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t")


def load_data(path: Path = FULL_PROJECT) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_project(tmp_path: Path, data: dict[str, Any], name: str = "partenariat.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def hostile_data() -> dict[str, Any]:
    """The full project with answers full of Markdown/XML specials, line breaks, control chars."""
    data = copy.deepcopy(load_data())
    e4 = data["etapes"]["4"]["reponses"]
    e1 = data["etapes"]["1"]["reponses"]
    e1["enjeux"] = f"- {HOSTILE_LINE}\n# titre\n1. liste\n    indenté\n> citation\n\n\n| a | b |"
    e4["perimetre_thematique"] = f"Début{CONTROL}fin\r\nligne 2\u2028ligne 3"
    e4["actions"][0]["intitule"] = f"| {HOSTILE_LINE} |\nsuite"
    e4["actions"][0]["description"] = ("mot " * 5000).strip()  # 20 000 characters
    e4["actions"][1]["pilote"] = "x" * 20000
    e4["zones"] = "---"
    e4["objectifs_communs"][0]["resultat_attendu"] = "a\nb\n\n- c\n| d |"
    data["organisation"]["nom"] = 'Société "A&B" <SAS> : *test*'
    return data


def partial_data() -> dict[str, Any]:
    """Only step 1 answered."""
    data = copy.deepcopy(load_data())
    data["etapes"] = {"1": data["etapes"]["1"]}
    data["partenaire"] = {"nom": None}
    return data
