"""Which answers an answer feeds: what reads it in its conditions and computed defaults.

Kept apart from the wizard because both the stale-answer marks (« à revoir ») and the live
conditions of a form screen need it, and neither needs a prompter.
"""

from __future__ import annotations

from partenariat.questionnaire import Question, Questionnaires
from partenariat.vocabulary import step_of


def references(expr: str | None) -> set[tuple[int | None, str]]:
    """The answers an expression reads: ``(N, id)`` for ``etapeN.id`` (or ``etapeN['id']``),
    ``(None, id)`` for a bare name (an answer of the same step, or of the same list item).

    Built on the loader's own reader (``references.expression_reads``), so that every form the
    loader accepts also marks its dependents stale; function names are not answers."""
    if not expr:
        return set()
    from jinja2 import TemplateSyntaxError

    from partenariat.expressions import FUNCTIONS
    from partenariat.jinja_reads import expression_reads

    try:
        reads = expression_reads(expr)
    except TemplateSyntaxError:  # checked at load: a broken expression reads nothing
        return set()
    found: set[tuple[int | None, str]] = set()
    for read in reads:
        head = read.path[0]
        n = step_of(head)
        if n is not None:
            if len(read.path) > 1:
                found.add((n, read.path[1]))
        elif head not in FUNCTIONS:
            found.add((None, head))
    return found


def _reads(q: Question, n: int, step: int, qid: str) -> bool:
    """Does ``q`` (of step ``step``) read answer ``qid`` of step ``n``, in its own or its
    sub-questions' conditions and computed defaults?"""
    exprs = [q.si, q.defaut_expr] + [e for s in q.sous_questions for e in (s.si, s.defaut_expr)]
    for expr in exprs:
        for where, name in references(expr):
            if name == qid and (where == n or (where is None and step == n)):
                return True
    return False


def dependents(questionnaires: Questionnaires, n: int, qid: str) -> list[tuple[int, Question]]:
    """The questions after ``qid`` (step ``n``) whose condition or computed default reads it."""
    result: list[tuple[int, Question]] = []
    for m, quest in questionnaires.etapes.items():
        if m < n:
            continue
        after = m > n
        for q in quest.questions:
            if not after:
                after = q.id == qid
                continue
            if _reads(q, n, m, qid):
                result.append((m, q))
    return result
