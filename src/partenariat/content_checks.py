"""Checks across content files that only an export reads: clauses, templates, ids in Python.

Questionnaires and rules check the names they read as they load (``references``); the clause
catalogue, the document templates and the few ids Python reads directly are checked here, all
at once, with file and line, by ``check_content`` (run by every export and by the tests).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from partenariat.jinja_reads import ITEM, STEPS, expression_reads, template_reads
from partenariat.references import (
    ITEM_ATTRIBUTES,
    Scope,
    _did_you_mean,
    check_answer_path,
)

if TYPE_CHECKING:
    from partenariat.questionnaire import Questionnaires

# Ids the Python code reads directly (step 3's ranking, the calendar, the indicators). They are
# checked like any other reference: renaming a question without updating the code fails at load.
PYTHON_IDS: dict[str, tuple[str, ...]] = {
    "selection.py": (
        "etape3.ponderation_criteres",
        "etape3.candidats",
        "etape3.candidats.nom",
        "etape3.candidats.evaluation",
        "etape3.candidats.exclu",
        "etape3.candidats.motif_exclusion",
        "etape3.candidats.critique_passee",
        "etape3.candidats.criteres_exclusion_connus",
        "etape3.candidats.rencontre",
        "etape3.partenaire_retenu",
        "etape3.criteres_exclusion_demandes",
    ),
    "wizard.py": ("etape3.partenaire_retenu",),
    "calendrier": (
        "etape4.date_debut",
        "etape4.duree_mois",
        "etape4.comite_pilotage",
        "etape4.preavis_non_renouvellement_mois",
        "etape4.renouvellement",
        "etape6.date_lancement",
        "etape6.periodicite_comite_mois",
        "etape6.periodicite_reporting_mois",
        "etape6.date_communication_externe",
        "etape7.bilans_intermediaires",
        "etape7.bilans_intermediaires.date",
        "etape7.bilans_intermediaires.objet",
        "etape7.date_premiers_resultats",
        "etape7.date_evaluation_finale",
    ),
    "tax.py, flows.py": (
        "etape4.flux",
        "etape4.flux.nature",
        "etape4.flux.sens",
        "etape4.flux.calendrier",
        "etape4.ca_ht_entreprise",
        "etape4.ca_ht_entreprise_estime",
        "etape4.effectif_entreprise",
        "etape4.effectif_entreprise_estime",
        "etape4.aide_personnes_difficulte",
    ),
    "indicateurs": (
        "etape7.perimetre_evaluation",
        "etape7.indicateurs",
        "etape7.indicateurs.axe",
    ),
    # a means a money flow states (views.flow_links); the schedule against the flows and the
    # annexes (clause_remarks.py)
    "views.py, clause_remarks.py": (
        "etape4.flux.description",
        "etape4.flux.montant",
        "etape4.moyens_humains",
        "etape4.moyens_humains.description",
        "etape4.moyens_materiels",
        "etape4.moyens_materiels.mode",
        "etape4.moyens_materiels.description",
        "etape4.echeancier",
        "etape4.echeancier.montant",
        "etape5.annexes",
    ),
}


def check_python_ids(questionnaires: Questionnaires) -> list[str]:
    """Ids the code reads that no question has (a question renamed, the code not updated)."""
    problems = []
    for where, paths in PYTHON_IDS.items():
        for path in paths:
            problem = check_answer_path(path.split("."), questionnaires)
            if problem:
                problems.append(f"{where} lit « {path} » : {problem}")
    return problems


def template_problems(source: str, questionnaires: Questionnaires) -> list[tuple[int, str]]:
    """Answer paths a document template reads (``lisible.etape4.x``, ``reponse.etape4.x``…),
    and a filter or test the documents' environment does not have."""
    from jinja2 import TemplateSyntaxError

    from partenariat.render import make_environment

    problems: list[tuple[int, str]] = []
    try:
        found = template_reads(source, make_environment())
    except TemplateSyntaxError as exc:
        return [(exc.lineno, f"modèle invalide : {exc.message}")]
    for read in found:
        path = read.path
        if path[0] in ("lisible", "reponse") and len(path) > 1:
            path = path[1:]
        if path[0] in STEPS and len(path) > 1:
            # After a question come its view's own attributes (``.texte``, ``.cellule``), except
            # through a loop over a list, where the next name is a sub-question.
            wanted = list(path[:2])
            if len(path) > 3 and path[2] == ITEM and path[3] not in ITEM_ATTRIBUTES:
                wanted.append(path[3])
            problem = check_answer_path(wanted, questionnaires)
            if problem:
                problems.append((read.line, f"« {'.'.join(read.path)} » : {problem}"))
    return problems


def check_clauses(questionnaires: Questionnaires, path: Path | None = None) -> None:
    """The clause catalogue's ``reponses`` and ``sans_objet_si``; raises with every problem."""
    from partenariat.clause_catalogue import load_clauses
    from partenariat.errors import InvalidFileError
    from partenariat.render import templates_dir
    from partenariat.yamlio import load_yaml

    path = path or templates_dir() / "clauses.yaml"
    what = "Catalogue des clauses"
    clauses = load_clauses(path)  # schema errors first, with their lines
    _data, lines = load_yaml(path, what)
    scope = Scope(questionnaires, {})
    errors: list[tuple[int | None, str]] = []
    for i, clause in enumerate(clauses):
        for j, answer in enumerate(clause.reponses):
            problem = check_answer_path(answer.split("."), questionnaires)
            if problem:
                errors.append(
                    (
                        lines.line_for(("clauses", i, "reponses", j)),
                        f"clause « {clause.id} », reponses : {problem}",
                    )
                )
        if clause.sans_objet_si:
            found = expression_reads(clause.sans_objet_si)
            for _line, message in scope.problems(found, f"clause « {clause.id} », sans_objet_si"):
                errors.append((lines.line_for(("clauses", i, "sans_objet_si")), message))
    if errors:
        raise InvalidFileError(path, errors, what)


DOCUMENT_TEMPLATE_GLOB = "*.md.j2"


def check_templates(questionnaires: Questionnaires, directory: Path | None = None) -> None:
    """Answer paths read by the document templates; raises with every file, line and path."""
    from partenariat.errors import InvalidFileError
    from partenariat.render import templates_dir

    folder = directory or templates_dir()
    failures: list[InvalidFileError] = []
    for path in sorted(folder.glob(DOCUMENT_TEMPLATE_GLOB)):
        problems = template_problems(path.read_text(encoding="utf-8"), questionnaires)
        if problems:
            failures.append(InvalidFileError(path, list(problems), "Modèle de document"))
    if len(failures) == 1:
        raise failures[0]
    if failures:
        merged = InvalidFileError(folder, [], "Modèles de document")
        merged.message = "\n".join(f.message for f in failures)
        merged.args = (merged.message,)
        raise merged


def check_content(questionnaires: Questionnaires) -> None:
    """What only Python and documents read: ids in code, clauses and templates (export, tests).

    Content that passed with this code is remembered in the per-user cache (an entry that only
    says « checked »), so that an export does not parse every template twice each time.
    """
    from partenariat import cache
    from partenariat.questionnaire import QUESTIONNAIRE_GLOB
    from partenariat.render import templates_dir
    from partenariat.ruleset import default_rules_path
    from partenariat.yamlio import MAX_BYTES

    sources = [
        *sorted(templates_dir().glob("*.yaml")),
        *sorted(templates_dir().glob(DOCUMENT_TEMPLATE_GLOB)),
        *sorted(questionnaires.directory.glob(QUESTIONNAIRE_GLOB)),
        default_rules_path(),
        Path(__file__),
    ]
    def check() -> bool:
        _check_content(questionnaires)  # raises on the first file with errors
        return True

    cache.kept(
        "contenu",
        sources,
        MAX_BYTES,
        check,
        lambda _: {"verifie": True},
        lambda data: True if data == {"verifie": True} else None,
    )


def _check_content(questionnaires: Questionnaires) -> None:
    from partenariat.errors import InvalidFileError
    from partenariat.selection_wording import load_findings

    problems = check_python_ids(questionnaires)
    if problems:
        raise InvalidFileError(
            questionnaires.directory, [(None, p) for p in problems], "Questionnaires"
        )
    check_clauses(questionnaires)
    check_rule_clauses(questionnaires)
    check_axes(questionnaires)
    load_findings()  # the step-3 findings' wording: codes and message variables
    check_templates(questionnaires)


def check_axes(questionnaires: Questionnaires, path: Path | None = None) -> None:
    """The follow-up plan's evaluation axes name choices that step 7 offers."""
    from partenariat.errors import InvalidFileError
    from partenariat.resources import templates_dir
    from partenariat.views import AXES_FILE, load_axes
    from partenariat.yamlio import load_yaml

    path = path or templates_dir() / AXES_FILE
    axes = load_axes(path)
    _data, lines = load_yaml(path, "Axes d'évaluation")
    step7 = questionnaires.etapes.get(7)
    indicators = step7.question("indicateurs") if step7 else None
    sub = (
        next((s for s in indicators.sous_questions if s.id == "axe"), None) if indicators else None
    )
    scope = step7.question("perimetre_evaluation") if step7 else None
    offered = {
        "axe": [c.valeur for c in sub.choix] if sub else [],
        "perimetre": [c.valeur for c in scope.choix] if scope else [],
    }
    where = {"axe": "etape7.indicateurs.axe", "perimetre": "etape7.perimetre_evaluation"}
    errors: list[tuple[int | None, str]] = []
    for i, axis in enumerate(axes.axes):
        for field in ("axe", "perimetre"):
            value = getattr(axis, field)
            if value not in offered[field]:
                errors.append(
                    (
                        lines.line_for(("axes", i, field)),
                        f"{field} « {value} » : ce n'est pas un choix de {where[field]}"
                        + _did_you_mean(value, offered[field]),
                    )
                )
    if errors:
        raise InvalidFileError(path, errors, "Axes d'évaluation")


def check_rule_clauses(questionnaires: Questionnaires, rules_path: Path | None = None) -> None:
    """The clauses a rule names (``clauses: [...]``) exist in the catalogue."""
    from partenariat.clause_catalogue import load_clauses
    from partenariat.errors import InvalidFileError
    from partenariat.rules import load_rules

    rules = load_rules(rules_path, questionnaires)
    known = [c.id for c in load_clauses()]
    errors: list[tuple[int | None, str]] = [
        (
            rules.line_of(rule.id),
            f"règle « {rule.id} », clauses : aucune clause « {clause} » au catalogue"
            + _did_you_mean(clause, known),
        )
        for rule in rules.regles
        for clause in rule.clauses
        if clause not in known
    ]
    if errors:
        raise InvalidFileError(rules.path, errors, "Règles")
