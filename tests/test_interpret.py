"""Conditions walked from their syntax tree give exactly what Jinja's compiled code gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partenariat import interpret, template_walk
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


# -- short templates: rule messages and the ranking's reasons ------------------------------------


def _messages() -> list[str]:
    from partenariat.selection_wording import load_findings, load_reasons

    found: set[str] = set()
    for rule in load_rules().regles:
        found |= {m for m in (rule.message, rule.message_present) if m}
    found |= {r.message for r in load_reasons().values()}
    found |= {f.message for f in load_findings().values()}
    return sorted(found)


def _rule_scopes() -> list[dict[str, Any]]:
    """Each example's rule scope, with every rule's own variables computed in it."""
    from partenariat.expressions import evaluate
    from partenariat.rules import rule_context

    quest, rules = load_questionnaires(), load_rules()
    projects = [load_project(p) for p in EXAMPLES] + [new_project("entreprise", "E", None)]
    scopes = []
    for project in projects:
        scope = rule_context(project, quest, rules)
        for rule in rules.regles:
            for name, expr in rule.variables.items():
                try:
                    scope[name] = evaluate(expr, scope)
                except Exception:  # a variable this project cannot compute: left out
                    continue
        scopes.append(scope)
        scopes.append({**scope, "mois": -2, "criteres": "Proximité", "noms": "A et B"})
    return scopes


MESSAGES = _messages()


def test_most_messages_are_walked_not_compiled() -> None:
    walked = [
        m
        for m in MESSAGES
        if isinstance(template_walk.compile_template(environment(), m), template_walk.WalkedTemplate)
    ]
    assert len(walked) >= 0.9 * len(MESSAGES), (len(walked), len(MESSAGES))


@pytest.mark.parametrize("message", MESSAGES)
def test_walked_and_compiled_messages_agree(message: str) -> None:
    walked = template_walk.compile_template(environment(), message)
    compiled = environment().from_string(message)
    for scope in _SCOPES:
        assert _outcome(walked.render, scope) == _outcome(compiled.render, scope)


_SCOPES = _rule_scopes()


@pytest.mark.parametrize(
    "source",
    [
        "",
        "Texte seul, avec une fin de ligne\n",
        "{{ a }} et {{ missing }} et {{ none }} et {{ 1.50 }}",
        "{% if a %}oui{% elif b %}peut-être{% else %}non{% endif %} !",
        "{% if missing %}x{% endif %}{%- if a %} y {% endif -%} z",
        "{{ xs | join(', ') }} ; {{ f(a) }} ; {{ a.b }}",
        "{{ g(a) }}",  # not callable: the same failure
        "{{ date_fr(d) }}",
    ],
)
def test_short_templates_agree(source: str) -> None:
    walked = template_walk.compile_template(environment(), source)
    assert isinstance(walked, template_walk.WalkedTemplate)
    compiled = environment().from_string(source)
    for ctx in (
        {"a": 1, "b": 0, "xs": ["u", "v"], "f": lambda v: v + 1, "g": 3, "d": "2027-01-31"},
        {"a": 0, "b": 1, "date_fr": lambda d: f"le {d}", "d": "2027-01-31"},
        {},
    ):
        assert _outcome(walked.render, ctx) == _outcome(compiled.render, ctx)


def test_templates_with_loops_are_compiled_by_jinja() -> None:
    compiled = template_walk.compile_template(environment(), "{% for x in xs %}{{ x }}{% endfor %}")
    assert not isinstance(compiled, template_walk.WalkedTemplate)
    assert compiled.render(xs=[1, 2]) == "12"
