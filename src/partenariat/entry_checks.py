"""Checks made while answers are typed, whatever the screen: a date declared ``apres`` another
that falls before it, and a proposed default that would itself be refused."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from partenariat.answers import allowed_values, compute_default, item_scope
from partenariat.questionnaire import Question, Questionnaires
from partenariat.values import AnswerError, check_value, format_date
from partenariat.vocabulary import step_of


def order_problem(
    questionnaires: Questionnaires,
    n: int,
    q: Question,
    value: Any,
    scope: dict[str, Any],
    group: Question | None = None,
) -> str | None:
    """A date declared ``apres`` another that falls before it, said in French; else None."""
    if not q.apres or not value:
        return None
    head, dot, qid = q.apres.partition(".")
    if dot:
        reference = (scope.get(head) or {}).get(qid)
        other = questionnaires.find(q.apres)
        where = f" (étape {step_of(head)})"
    else:
        reference = scope.get(q.apres)
        inner = {s.id: s for s in group.sous_questions} if group else {}
        other = inner.get(q.apres) or questionnaires[n].question(q.apres)
        where = ""
    if not reference or str(value) >= str(reference):
        return None
    label = other.label if other else q.apres
    return (
        f"Cette date ({format_date(value)}) tombe avant « {label} »{where}, "
        f"le {format_date(reference)} : indiquez le {format_date(reference)} ou une date "
        "postérieure, ou corrigez d'abord l'autre date."
    )


def item_order_problems(
    questionnaires: Questionnaires,
    n: int,
    q: Question,
    item: dict[str, Any],
    scope: dict[str, Any],
    subs: Iterable[Question] | None = None,
) -> Iterator[tuple[Question, str]]:
    """Each date of one item of the list ``q`` that falls before the one it must follow, read in
    the item's own scope: the same check whether the item was typed on a screen or read from a
    file."""
    for sub in q.sous_questions if subs is None else subs:
        problem = order_problem(questionnaires, n, sub, item.get(sub.id), item_scope(scope, item), q)
        if problem:
            yield sub, problem


def safe_default(q: Question, scope: dict[str, Any], profil: str) -> Any:
    """A default that would itself be refused (a computed date out of range…) is dropped."""
    value = compute_default(q, scope)
    if value is None:
        return None
    if q.type == "grille" and isinstance(value, (int, float)):
        value = {row.valeur: value for row in q.choices_for(profil)}
    try:
        return check_value(q, value, profil, allowed_values(q, scope))
    except AnswerError:
        return None
