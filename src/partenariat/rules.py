"""Vigilance rules: what ``partenariat check`` reports about a project, read from ``regles.yaml``.

Rules are data so that content authors can add one without touching Python: each has a Jinja2
condition on the answers (the same sandboxed expressions as questionnaire conditions), a French
message (a sandboxed Jinja2 template), the guide elements it comes from and the convention clauses
it makes necessary. The file format is documented in the header of ``regles.yaml``.

The file's schema and loading are in ``ruleset``. A rule whose expression fails while checking
a project (say, comparing a text with a number in a hand-edited file) does not stop the check: it
becomes an ``avertissement`` finding, with the rule's own id and etape, that names the rule and
its line in the file.

Step 3's selection problems come from ``selection.rank_candidates`` and are turned into findings
with ids ``selection.<code>``; the ranking is also visible to rules as ``selection``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from partenariat import expressions
from partenariat.answers import StepProgress, build_context, step_progress
from partenariat.expressions import ExpressionError
from partenariat.french import liste_fr
from partenariat.project import Project
from partenariat.questionnaire import Question, Questionnaires
from partenariat.ruleset import (
    RULES_FILE,
    FichierRegles,
    Regle,
    RuleSet,
    default_rules_path,
    load_rules,
)
from partenariat.vocabulary import SEVERITES, SEVERITY_ORDER, Severite

if TYPE_CHECKING:
    from partenariat.selection import Ranking

__all__ = ["RULES_FILE", "FichierRegles", "Regle", "RuleSet", "default_rules_path", "load_rules"]

JSON_FORMAT = 1


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

    @property
    def interne(self) -> bool:
        """Kept to the internal note and ``check`` (see ``is_internal_finding``)."""
        return is_internal_finding(self)


def is_internal_finding(finding: Any) -> bool:
    """Findings about one side's preparation (steps 1 to 3: introspection, dialogue notes,
    choice of the partner) stay in the internal note and in ``check``."""
    return int(getattr(finding, "etape", 0)) <= 3 or str(getattr(finding, "id", "")).startswith(
        "selection."
    )


@dataclass
class StepReadiness:
    """A step's progress (``answers.StepProgress``, the one count of answered questions) with its
    findings counted by severity: what ``status``, ``check`` and the JSON report show."""

    progress: StepProgress
    bloquants: int = 0
    avertissements: int = 0
    conseils: int = 0

    @property
    def etape(self) -> int:
        return self.progress.etape

    @property
    def titre(self) -> str:
        return self.progress.titre

    @property
    def statut(self) -> str:
        return self.progress.statut

    @property
    def repondues(self) -> int:
        return self.progress.repondues

    @property
    def obligatoires(self) -> int:
        return self.progress.obligatoires

    @property
    def manquantes(self) -> list[str]:
        """Labels of the required questions still unanswered."""
        return [q.label for q in self.progress.manquantes]

    @property
    def prete(self) -> bool:
        """Every required question answered and nothing blocking."""
        return self.repondues >= self.obligatoires and self.bloquants == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "etape": self.etape,
            "titre": self.titre,
            "statut": self.statut,
            "repondues": self.repondues,
            "obligatoires": self.obligatoires,
            "bloquants": self.bloquants,
            "avertissements": self.avertissements,
            "conseils": self.conseils,
            "manquantes": self.manquantes,
            "prete": self.prete,
        }


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
    # The same sandbox as conditions.
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


def _label_helper(questionnaires: Questionnaires) -> Callable[..., str]:
    def libelle(chemin: str, valeur: Any, liaison: str = "et") -> str:
        q = _find_question(questionnaires, str(chemin))
        values = valeur if isinstance(valeur, (list, tuple)) else [valeur]
        labels = [q.choice_label(v) if q is not None else str(v) for v in values if v is not None]
        return liste_fr(labels, liaison=str(liaison))

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
    money: dict[str, Any] | None = None,
) -> dict[str, Any]:
    from partenariat import values

    statuts = {
        f"etape{n}": (project.etapes[str(n)].statut if str(n) in project.etapes else "a_faire")
        for n in range(1, 8)
    }
    from partenariat import tax
    from partenariat.settings import load_settings

    settings = load_settings()
    if money is None:
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


@lru_cache(maxsize=512)
def _message_template(template: str) -> Any:
    from partenariat.template_walk import compile_template

    # walked from its kept tree when it is text, values and conditions (most messages)
    return compile_template(_message_env(), template)


def _render(template: str, scope: dict[str, Any]) -> str:
    # Half the messages hold no Jinja at all: their text is the message, without compiling it
    # (a fifth of a millisecond each in a new process).
    text = _message_template(template).render(**scope) if "{" in template else template
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
    ranking: Ranking | None = None,
    finances: dict[str, Any] | None = None,
) -> list[Finding]:
    """Findings of every applicable rule plus step 3's selection warnings, sorted for display.

    ``context`` (from ``answers.build_context``) and ``ranking`` may be passed when the caller
    already has them (``analysis.analyse`` does).
    """
    from partenariat.selection import rank_candidates

    rules = rules or load_rules(questionnaires=questionnaires)
    base = context if context is not None else build_context(project, questionnaires)
    if ranking is None:
        ranking = rank_candidates(project, questionnaires, base)
    scope = _scope(project, questionnaires, rules, base, ranking, finances)
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
                titre=warning.titre or "Choix du partenaire",
                message=warning.message,
                outline=list(warning.outline),
                clauses=[],
            )
        )
    return sorted(findings, key=sort_key)




# --- Readiness and JSON ---------------------------------------------------------------------------


def readiness(
    project: Project,
    questionnaires: Questionnaires,
    findings: Iterable[Finding],
    progress: Iterable[StepProgress] | None = None,
) -> list[StepReadiness]:
    """Per step: required active questions answered, and findings counted by severity."""
    counts: dict[int, dict[str, int]] = {}
    for f in findings:
        by = counts.setdefault(f.etape, {s: 0 for s in SEVERITES})
        by[f.severite] += 1
    result: list[StepReadiness] = []
    steps = progress if progress is not None else step_progress(project, questionnaires)
    for step in steps:
        by = counts.get(step.etape, {s: 0 for s in SEVERITES})
        result.append(
            StepReadiness(
                step,
                bloquants=by["bloquant"],
                avertissements=by["avertissement"],
                conseils=by["conseil"],
            )
        )
    return result


def findings_as_json(
    findings: Iterable[Finding],
    readiness: Iterable[StepReadiness],
    clauses: dict[str, int] | None = None,
    simulation: dict[str, Any] | None = None,
) -> str:
    """The check result for scripts: fixed keys, French text kept as is (ensure_ascii off).

    ``clauses`` (clauses per level, once step 5 is done) adds a « clauses » key, ``simulation``
    (the company's mécénat reduction year by year, when a gift is split by year) a
    « simulation » key.
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
        "etapes": [s.as_dict() for s in steps],
        "constats": [asdict(f) for f in items],
    }
    if clauses is not None:
        payload["clauses"] = dict(clauses)
    if simulation is not None:
        payload["simulation"] = simulation
    return json.dumps(payload, ensure_ascii=False, indent=2)
