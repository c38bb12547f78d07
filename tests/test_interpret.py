"""Conditions walked from their syntax tree give exactly what Jinja's compiled code gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partenariat import interpret
from partenariat.analysis import analyse
from partenariat.expressions import environment
from partenariat.project import load_project, new_project
from partenariat.questionnaire import load_questionnaires
from partenariat.rules import load_rules

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*/partenariat.yaml"))


def _expressions() -> list[str]:
    quest = load_questionnaires()
    found: list[str] = []
    for step in quest.etapes.values():
        for q in step.questions:
            for sub in [q, *q.sous_questions]:
                found += [e for e in (sub.si, sub.defaut_expr, sub.choix_parmi) if e]
    for rule in load_rules().regles:
        found += [rule.si, *rule.variables.values()]
        found += [rule.present_si] if rule.present_si else []
    return sorted(set(found))


def _contexts() -> list[dict[str, Any]]:
    quest = load_questionnaires()
    projects = [load_project(p) for p in EXAMPLES] + [new_project("association", "Asso", None)]
    result = []
    for project in projects:
        ctx = analyse(project, quest).context
        for n in range(1, 8):  # a question of step n also sees its step's answers by name
            result.append({**ctx, **(ctx.get(f"etape{n}") or {}), "tables": load_rules().tables})
    return result


def _outcome(function: Any, ctx: dict[str, Any]) -> tuple[str, Any]:
    try:
        return ("value", function(**ctx))
    except Exception as exc:  # the same failure is expected from both
        return ("error", type(exc).__name__)


EXPRESSIONS = _expressions()
WALKED = [
    e for e in EXPRESSIONS if isinstance(interpret.compile(environment(), e), interpret.Interpreted)
]


def test_most_conditions_are_walked_not_compiled() -> None:
    assert len(WALKED) >= 0.8 * len(EXPRESSIONS), (len(WALKED), len(EXPRESSIONS))


@pytest.mark.parametrize("expr", WALKED)
def test_walked_and_compiled_agree(expr: str) -> None:
    walked = interpret.compile(environment(), expr)
    compiled = environment().compile_expression(expr, undefined_to_none=True)
    for ctx in _contexts():
        assert _outcome(walked, ctx) == _outcome(compiled, ctx), ctx.get("profil")


@pytest.mark.parametrize(
    "expr",
    [
        "a < b < c",
        "a < b > c",
        "x if a else y",
        "x if not a",
        "missing.deep.path",
        "missing < 3",
        "'z' in missing",
        "a['b']",
        "ajouter_mois(d, 2)",
        "[a, b] == [1, 2]",
        "(a, b)",
        "a or missing",
        "missing and a",
        "a + b * c - b / c",
        "a // c + a % c - a ** b",
        "-a + +b",
        "missing + 1",
        "a / 0",
        "a is none or missing is none",
        "a is sameas true and b is not sameas false",
        "missing is defined or a is number",
        "0 <= a < c",
        "xs | selectattr('a', 'equalto', 1) | map(attribute='b') | list",
        "xs | map(attribute='b') | select | sum",
        "xs | rejectattr('a') | list | length",
        "missing | list",
        "missing | selectattr('a') | list",
        "x | lower",
        "a | default(b)",
        "missing | default(b)",
        "xs | map(attribute='missing') | list",
        "xs | min(attribute='b')",
        "a | attr('__class__')",
        "x | join(', ')",
        "xs | sum(attribute='a') * 2",
    ],
)
def test_corner_cases_agree(expr: str) -> None:
    walked = interpret.compile(environment(), expr)
    assert isinstance(walked, interpret.Interpreted)
    compiled = environment().compile_expression(expr, undefined_to_none=True)
    for ctx in (
        {"a": 1, "b": 2, "c": 3, "x": "X", "y": "Y", "d": "2027-01-31"},
        {"a": {"b": 0}, "xs": [{"a": 1, "b": 2}, {"a": 0, "b": 5}, {"b": None}]},
        {"xs": [], "x": ["u", "v"]},
        {},
    ):
        assert _outcome(walked, ctx) == _outcome(compiled, ctx)


def test_attributes_go_through_the_sandbox() -> None:
    walked = interpret.compile(environment(), "a.__class__")
    assert walked(a="texte") is None  # the sandbox refuses private attributes: undefined
