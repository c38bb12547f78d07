"""Vigilance rules: what ``partenariat check`` reports about a project, read from ``regles.yaml``.

Rules are data so that content authors can add one without touching Python: each has a Jinja2
condition on the answers (the same sandboxed expressions as questionnaire conditions), a French
message (a sandboxed Jinja2 template), the guide elements it comes from and the convention clauses
it makes necessary. The file format is documented in the header of ``regles.yaml``.

Failure policy: a rule file that does not validate (schema, duplicate ids, an expression or a
message that does not compile) raises one ``InvalidFileError`` with every problem and its line.
A rule whose expression fails while checking a project (say, comparing a text with a number in a
hand-edited file) does not stop the check: it becomes an ``avertissement`` finding, with the
rule's own id and etape, that names the rule and its line in the file.

Step 3's selection problems come from ``selection.rank_candidates`` and are turned into findings
with ids ``selection.<code>``; the ranking is also visible to rules as ``selection``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from partenariat import expressions
from partenariat.answers import build_context, step_progress
from partenariat.errors import InvalidFileError
from partenariat.expressions import ExpressionError, check_syntax
from partenariat.project import Project
from partenariat.questionnaire import Question, Questionnaires
from partenariat.resources import questionnaires_dir
from partenariat.yamlio import LineMap, load_yaml, validate

if TYPE_CHECKING:
    from partenariat.selection import Ranking

Severite = Literal["bloquant", "avertissement", "conseil"]
SEVERITES: tuple[Severite, ...] = ("bloquant", "avertissement", "conseil")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITES)}
SEVERITY_LABELS = {"bloquant": "bloquant", "avertissement": "avertissement", "conseil": "conseil"}
RULES_FILE = "regles.yaml"
RULE_ID = re.compile(r"^[a-z][a-z0-9_.]*$")
JSON_FORMAT = 1
WHAT = "Règles"


# --- File schema --------------------------------------------------------------------------------


def _expression(value: str | None) -> str | None:
    if value is not None:
        problem = check_syntax(value)
        if problem:
            raise ValueError(problem)
    return value


def _template_problem(text: str) -> str | None:
    from jinja2 import TemplateSyntaxError

    try:
        _message_env().parse(text)
    except TemplateSyntaxError as exc:
        return f"message invalide (ligne {exc.lineno} du message) : {exc.message}"
    return None


class Regle(BaseModel):
    """One rule as written in ``regles.yaml`` (French keys: content authors edit the file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    severite: Severite
    etape: int = Field(ge=1, le=7)
    titre: str = Field(min_length=1)
    profil: list[Literal["entreprise", "association"]] | None = None
    variables: dict[str, str] = Field(default_factory=dict)
    si: str = Field(min_length=1)
    present_si: str | None = None
    message: str = Field(min_length=1)
    message_present: str | None = None
    severite_present: Severite | None = None
    outline: list[str] = Field(min_length=1)
    clauses: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(
                "identifiant invalide (minuscules, chiffres, « _ » et « . », sans accent)"
            )
        if value.startswith("selection."):
            raise ValueError(
                "le préfixe « selection. » est réservé aux constats du choix du partenaire"
            )
        return value

    @field_validator("si", "present_si")
    @classmethod
    def _expr(cls, value: str | None) -> str | None:
        return _expression(value)

    @field_validator("variables")
    @classmethod
    def _variables(cls, value: dict[str, str]) -> dict[str, str]:
        for name, expr in value.items():
            if not re.match(r"^[a-z_][a-z0-9_]*$", name):
                raise ValueError(f"variable « {name} » : nom invalide (minuscules, chiffres et _)")
            problem = check_syntax(expr)
            if problem:
                raise ValueError(f"variable « {name} » : {problem}")
        return value

    @field_validator("message", "message_present")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        if value is not None:
            problem = _template_problem(value)
            if problem:
                raise ValueError(problem)
        return value


class FichierRegles(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    tables: dict[str, Any] = Field(default_factory=dict)
    regles: list[Regle]


@dataclass
class RuleSet:
    """The loaded rules, with where each one is written (for error messages)."""

    regles: list[Regle]
    tables: dict[str, Any]
    path: Path
    lignes: dict[str, int] = field(default_factory=dict)

    def line_of(self, rule_id: str) -> int | None:
        return self.lignes.get(rule_id)


def _cross_checks(data: Any, lines: LineMap) -> list[tuple[int | None, str]]:
    """Checks across fields and rules, run on the raw data so they add to the schema errors."""
    if not isinstance(data, dict) or not isinstance(data.get("regles"), list):
        return []
    seen: set[str] = set()
    errors: list[tuple[int | None, str]] = []
    for i, item in enumerate(data["regles"]):
        if not isinstance(item, dict):
            continue
        rid = item.get("id")
        if isinstance(rid, str):
            if rid in seen:
                errors.append(
                    (
                        lines.line_for(("regles", i, "id")),
                        f"regles.{i}.id : identifiant « {rid} » en double",
                    )
                )
            seen.add(rid)
        for key in ("message_present", "severite_present"):
            if key in item and not item.get("present_si"):
                errors.append(
                    (
                        lines.line_for(("regles", i, key)),
                        f"regles.{i}.{key} : demande aussi present_si",
                    )
                )
    return errors


def default_rules_path() -> Path:
    return questionnaires_dir() / RULES_FILE


def load_rules(path: Path | None = None) -> RuleSet:
    """Load and check ``regles.yaml``; every problem is reported at once with its line."""
    return _load((path or default_rules_path()).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> RuleSet:
    data, lines = load_yaml(path, WHAT)
    errors = _cross_checks(data, lines)
    try:
        parsed = validate(FichierRegles, data, path, lines, WHAT)
    except InvalidFileError as exc:
        raise InvalidFileError(
            path, sorted(exc.errors + errors, key=lambda e: e[0] or 0), WHAT
        ) from None
    if errors:
        raise InvalidFileError(path, errors, WHAT)
    lignes = {r.id: lines.line_for(("regles", i)) or 0 for i, r in enumerate(parsed.regles)}
    return RuleSet(list(parsed.regles), dict(parsed.tables), path, lignes)


# --- Findings -------------------------------------------------------------------------------------


@dataclass
class Finding:
    """What a rule says about a project; rendered by the CLI and by the documents."""

    id: str
    severite: Severite
    etape: int
    titre: str
    message: str
    outline: list[str]
    clauses: list[str]
    clause_presente: bool | None = None

    @property
    def bloquant(self) -> bool:
        return self.severite == "bloquant"


@dataclass
class StepReadiness:
    """Per step: required active questions answered, and the findings shown under the step."""

    etape: int
    titre: str
    statut: str
    repondues: int
    obligatoires: int
    bloquants: int
    avertissements: int
    conseils: int
    manquantes: list[str] = field(default_factory=list)  # labels of unanswered required questions

    @property
    def prete(self) -> bool:
        """Every required question answered and nothing blocking."""
        return self.repondues >= self.obligatoires and self.bloquants == 0


def sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.etape, SEVERITY_ORDER[finding.severite], finding.id)


def is_blocking(findings: Iterable[Finding]) -> bool:
    return any(f.severite == "bloquant" for f in findings)


def group_findings(findings: Iterable[Finding]) -> dict[int, dict[str, list[Finding]]]:
    """Findings by step then severity (bloquant, avertissement, conseil), in display order."""
    grouped: dict[int, dict[str, list[Finding]]] = {}
    for f in sorted(findings, key=sort_key):
        grouped.setdefault(f.etape, {}).setdefault(f.severite, []).append(f)
    return grouped


# --- Context helpers ------------------------------------------------------------------------------


def _message_env() -> Any:
    # The same sandbox as conditions: its compiled messages are cached between runs.
    return expressions.environment()


def _correspondances(table: Any, valeurs: Any) -> list[Any]:
    """Union, in order and without repeats, of ``table[v]`` for each value ``v``."""
    if not isinstance(table, dict):
        return []
    if isinstance(valeurs, str):
        valeurs = [valeurs]
    if not isinstance(valeurs, (list, tuple)):
        return []
    result: list[Any] = []
    for v in valeurs:
        found = table.get(v)
        for item in found if isinstance(found, list) else ([found] if found is not None else []):
            if item not in result:
                result.append(item)
    return result


def _find_question(questionnaires: Questionnaires, path: str) -> Question | None:
    head, _, rest = path.partition(".")
    parts = rest.split(".") if rest else []
    q = questionnaires.find(f"{head}.{parts[0]}") if parts else None
    for sub in parts[1:]:
        if q is None:
            return None
        q = next((s for s in q.sous_questions if s.id == sub), None)
    return q


def french_list(items: list[str], liaison: str = "et") -> str:
    """« A », « A et B », « A, B et C » (or « A, B ou C »)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {liaison} " + items[-1]


def _label_helper(questionnaires: Questionnaires) -> Callable[..., str]:
    def libelle(chemin: str, valeur: Any, liaison: str = "et") -> str:
        q = _find_question(questionnaires, str(chemin))
        values = valeur if isinstance(valeur, (list, tuple)) else [valeur]
        labels = [q.choice_label(v) if q is not None else str(v) for v in values if v is not None]
        return french_list(labels, str(liaison))

    return libelle


def rule_context(
    project: Project,
    questionnaires: Questionnaires,
    rules: RuleSet,
    context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``build_context`` plus what rules need: tables, helpers, the step-3 ranking, step states."""
    from partenariat.selection import rank_candidates

    base = context if context is not None else build_context(project, questionnaires)
    return _scope(
        project, questionnaires, rules, base, rank_candidates(project, questionnaires, base)
    )


def _scope(
    project: Project,
    questionnaires: Questionnaires,
    rules: RuleSet,
    base: dict[str, Any],
    ranking: Ranking,
) -> dict[str, Any]:
    from partenariat import values

    statuts = {
        f"etape{n}": (project.etapes[str(n)].statut if str(n) in project.etapes else "a_faire")
        for n in range(1, 8)
    }
    from partenariat import tax
    from partenariat.settings import load_settings

    settings = load_settings()
    money = tax.finances(base, settings)
    year = money["annee_reference"]
    return {
        **base,
        "finances": money,
        # Dated figures (questionnaires/reglages-fiscaux.yaml) of the convention's first year.
        "reglages": settings.as_table(year),
        "source_reglage": lambda key: settings.figure(key, year).mention,
        "tables": rules.tables,
        "correspondances": _correspondances,
        "libelle": _label_helper(questionnaires),
        "selection": ranking.to_dict(),
        "statuts": statuts,
        "date_fr": lambda d: values.format_date(d) if d else "",
        "montant_fr": values.format_amount,
        "duree_fr": values.format_months,
    }


def _render(template: str, scope: dict[str, Any]) -> str:
    text = _message_env().from_string(template).render(**scope)
    return " ".join(text.split())


class _RuleFailure(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _apply(rule: Regle, scope: dict[str, Any]) -> Finding | None:
    from jinja2 import TemplateError

    try:
        local = dict(scope)
        for name, expr in rule.variables.items():
            local[name] = expressions.evaluate(expr, local)
        if not expressions.evaluate(rule.si, local):
            return None
        present: bool | None = None
        if rule.present_si:
            present = bool(expressions.evaluate(rule.present_si, local))
        if present:
            severite: Severite = rule.severite_present or "conseil"
            template = rule.message_present or rule.message
        else:
            severite, template = rule.severite, rule.message
        message = _render(template, local)
    except ExpressionError as exc:
        raise _RuleFailure(exc.message) from None
    except (
        TemplateError,
        TypeError,
        ValueError,
        ZeroDivisionError,
        AttributeError,
        KeyError,
    ) as exc:
        raise _RuleFailure(f"le message n'a pas pu être composé : {exc}") from None
    return Finding(
        id=rule.id,
        severite=severite,
        etape=rule.etape,
        titre=rule.titre,
        message=message,
        outline=list(rule.outline),
        clauses=list(rule.clauses),
        clause_presente=present,
    )


def _failure_finding(rule: Regle, rules: RuleSet, detail: str) -> Finding:
    line = rules.line_of(rule.id)
    where = f"{rules.path.name}, ligne {line}" if line else rules.path.name
    return Finding(
        id=rule.id,
        severite="avertissement",
        etape=rule.etape,
        titre=f"Règle « {rule.id} » non vérifiée",
        message=(
            f"La règle « {rule.id} » ({where}) n'a pas pu être évaluée : {detail}. Vérifiez les "
            "réponses concernées ; si elles sont correctes, signalez le problème à la personne qui "
            "maintient les règles."
        ),
        outline=list(rule.outline),
        clauses=[],
        clause_presente=None,
    )


def evaluate(
    project: Project,
    questionnaires: Questionnaires,
    rules: RuleSet | None = None,
    context: dict[str, Any] | None = None,
) -> list[Finding]:
    """Findings of every applicable rule plus step 3's selection warnings, sorted for display.

    ``context`` (from ``answers.build_context``) may be passed when the caller already has it.
    """
    from partenariat.selection import rank_candidates

    rules = rules or load_rules()
    base = context if context is not None else build_context(project, questionnaires)
    ranking = rank_candidates(project, questionnaires, base)
    scope = _scope(project, questionnaires, rules, base, ranking)
    findings: list[Finding] = []
    for rule in rules.regles:
        if rule.profil and project.profil not in rule.profil:
            continue
        try:
            found = _apply(rule, scope)
        except _RuleFailure as exc:
            found = _failure_finding(rule, rules, exc.detail)
        if found is not None:
            findings.append(found)
    for warning in ranking.avertissements:
        findings.append(
            Finding(
                id=f"selection.{warning.code}",
                severite=warning.severite,
                etape=3,
                titre=_SELECTION_TITLES.get(warning.code, "Choix du partenaire"),
                message=warning.message,
                outline=list(warning.outline),
                clauses=[],
            )
        )
    return sorted(findings, key=sort_key)


_SELECTION_TITLES = {
    "conflit": "Association écartée après l'avoir critiqué",
    "exclusion_non_demandee": "Critères d'exclusion des associations non demandés",
    "criteres_exclusion_inconnus": "Critères d'exclusion d'un candidat inconnus",
    "retenu_hors_comparaison": "Partenaire retenu absent de la comparaison",
    "retenu_ecarte": "Partenaire retenu mais écarté",
    "retenu_non_premier": "Partenaire retenu moins bien classé",
    "ponderation_nulle": "Aucun critère pondéré",
}


# --- Readiness and JSON ---------------------------------------------------------------------------


def readiness(
    project: Project, questionnaires: Questionnaires, findings: Iterable[Finding]
) -> list[StepReadiness]:
    """Per step: required active questions answered, and findings counted by severity."""
    counts: dict[int, dict[str, int]] = {}
    for f in findings:
        by = counts.setdefault(f.etape, {s: 0 for s in SEVERITES})
        by[f.severite] += 1
    result: list[StepReadiness] = []
    for progress in step_progress(project, questionnaires):
        by = counts.get(progress.etape, {s: 0 for s in SEVERITES})
        result.append(
            StepReadiness(
                etape=progress.etape,
                titre=progress.titre,
                statut=progress.statut,
                repondues=progress.repondues,
                obligatoires=progress.obligatoires,
                bloquants=by["bloquant"],
                avertissements=by["avertissement"],
                conseils=by["conseil"],
                manquantes=[q.label for q in progress.manquantes],
            )
        )
    return result


def findings_as_json(
    findings: Iterable[Finding],
    readiness: Iterable[StepReadiness],
    clauses: dict[str, int] | None = None,
) -> str:
    """The check result for scripts: fixed keys, French text kept as is (ensure_ascii off).

    ``clauses`` (clauses per level, once step 5 is done) adds a « clauses » key.
    """
    items = sorted(findings, key=sort_key)
    steps = list(readiness)
    totals = {s: sum(1 for f in items if f.severite == s) for s in SEVERITES}
    payload = {
        "format": JSON_FORMAT,
        "bloquant": totals["bloquant"] > 0,
        "totaux": {
            "bloquants": totals["bloquant"],
            "avertissements": totals["avertissement"],
            "conseils": totals["conseil"],
        },
        "etapes": [{**asdict(s), "prete": s.prete} for s in steps],
        "constats": [asdict(f) for f in items],
    }
    if clauses is not None:
        payload["clauses"] = dict(clauses)
    return json.dumps(payload, ensure_ascii=False, indent=2)
