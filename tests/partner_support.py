"""A pair of projects for the comparison tests: the company example and the association's side,
with known gaps and silences added on top of what the two examples already disagree on."""

from __future__ import annotations

from pathlib import Path

from partenariat.project import Project, dump_project, load_project

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
COMPANY = EXAMPLES / "mecenat-competences" / "partenariat.yaml"
ASSOCIATION = EXAMPLES / "mecenat-competences-association" / "partenariat.yaml"


def write(project: Project, path: Path) -> Path:
    path.write_text(dump_project(project), encoding="utf-8")
    return path


def build_pair(folder: Path) -> tuple[Path, Path]:
    """(company, association) written in ``folder``, with these changes to the examples:

    - association: duration 24 months (company 36): a gap;
    - association: reporting rhythm left out: to be filled in by the partner;
    - company: the evaluator left out: to be filled in by us;
    - company: non-compete clause wanted (association: no): a gap on a red line.
    """
    company = load_project(COMPANY)
    association = load_project(ASSOCIATION)
    association.etapes["4"].reponses["duree_mois"] = 24
    del association.etapes["6"].reponses["periodicite_reporting_mois"]
    del company.etapes["7"].reponses["evaluateur"]
    company.etapes["5"].reponses["non_concurrence"] = True
    company.etapes["5"].reponses["non_concurrence_contenu"] = (
        "Pas d'autre ESN mécène pendant la convention."
    )
    return write(company, folder / "entreprise.yaml"), write(
        association, folder / "association.yaml"
    )
