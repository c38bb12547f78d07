"""Conditions and computed defaults: Jinja2 expressions evaluated in a sandbox.

Questionnaire authors write ``si: "perimetre_geographique == 'international'"``; the sandbox keeps
such expressions from reaching Python internals, and answers are only ever passed in as data.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from partenariat.errors import PartenariatError

if TYPE_CHECKING:
    from collections.abc import Callable


class ExpressionError(PartenariatError):
    """An expression of a questionnaire or rule file that does not compile or fails to run."""


def to_date(value: Any) -> dt.date | None:
    """Accept a date, a datetime or an ISO string; anything else (undefined, empty) is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - unreachable


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def _ajouter_mois(value: Any, months: Any) -> str | None:
    day = to_date(value)
    if day is None or not isinstance(months, (int, float)) or isinstance(months, bool):
        return None
    return add_months(day, int(months)).isoformat()


def _mois_entre(first: Any, second: Any) -> int | None:
    a, b = to_date(first), to_date(second)
    if a is None or b is None:
        return None
    return months_between(a, b)


def _fin_convention(start: Any, months: Any) -> str | None:
    """The convention's last day, as the documents give it (inclusive rule)."""
    from partenariat.schedule import last_day

    day = to_date(start)
    if day is None or not isinstance(months, (int, float)) or isinstance(months, bool):
        return None
    try:
        return last_day(day, int(months)).isoformat()
    except (ValueError, OverflowError):
        return None


def _limite_preavis(end: Any, months: Any) -> str | None:
    """The last day to give notice before ``end``, as the follow-up calendar dates it (the day
    before end + 1 day − N months, on the previous working day)."""
    from partenariat.schedule import notice_limit
    from partenariat.workdays import previous_working_day

    day = to_date(end)
    if day is None or not isinstance(months, (int, float)) or isinstance(months, bool):
        return None
    try:
        return previous_working_day(notice_limit(day, int(months))).isoformat()
    except (ValueError, OverflowError):
        return None


def _natures_flux(value: Any) -> list[str]:
    from partenariat import flows

    return flows.natures(value)


def _dons_mecenat(value: Any) -> list[dict[str, Any]]:
    from partenariat import flows

    return flows.gifts(value)


def _forme_proposee(value: Any) -> str | None:
    from partenariat import flows

    return flows.proposed_form(value)


def _types_mecenat(value: Any) -> list[str]:
    from partenariat import flows

    return flows.mecenat_types(value)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "ajouter_mois": _ajouter_mois,
    "mois_entre": _mois_entre,
    # The dates the follow-up calendar computes, so that rules and documents agree.
    "fin_convention": _fin_convention,
    "limite_preavis": _limite_preavis,
    # Money flows of step 4 (see partenariat.flows): what the law makes of them.
    "natures_flux": _natures_flux,
    "dons_mecenat": _dons_mecenat,
    "forme_proposee": _forme_proposee,
    "types_mecenat": _types_mecenat,
}


@lru_cache(maxsize=1)
def environment() -> Any:
    """The sandbox shared by questionnaire conditions and rule messages."""
    from jinja2 import ChainableUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from partenariat.interpret import BOUNDED_BINOPS

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """Products and powers bounded, as the syntax-tree walker bounds them."""

        intercepted_binops = frozenset(BOUNDED_BINOPS)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator in BOUNDED_BINOPS:
                return BOUNDED_BINOPS[operator](left, right)
            return super().call_binop(context, operator, left, right)

    env = BoundedSandbox(undefined=ChainableUndefined)
    env.globals.update(FUNCTIONS)
    return env


@lru_cache(maxsize=2048)
def _compile(expr: str) -> Callable[[dict[str, Any]], Any]:
    """``expr`` as a function of the context (a dict, not copied into keyword arguments)."""
    from partenariat import interpret

    # Simple conditions are walked from their syntax tree (no code generation); others compile.
    compiled = interpret.compile(environment(), expr)
    if isinstance(compiled, interpret.Interpreted):
        return compiled.run
    return lambda context: compiled(**context)


def check_syntax(expr: str) -> str | None:
    """None when ``expr`` parses, else a French description of the problem.

    Parsing is enough to find a syntax error and far cheaper than compiling: an expression is
    compiled only when first evaluated.
    """
    from jinja2 import TemplateSyntaxError

    from partenariat.jinja_reads import expression_reads

    try:
        expression_reads(expr)
    except TemplateSyntaxError as exc:
        return f"expression invalide « {expr} » : {exc.message}"
    return None


def evaluate(expr: str, context: dict[str, Any]) -> Any:
    """Evaluate a sandboxed expression; undefined names are falsy and give None."""
    try:
        return _compile(expr)(context)
    except Exception as exc:  # sorted below, out of the way of the evaluations that succeed
        from jinja2 import TemplateError

        if isinstance(exc, TypeError):
            # « 'x' in reponse » when an optional multiple choice was skipped (stored as null):
            # the answer holds nothing, so the test is false, as for a question never asked.
            if "argument of type 'NoneType' is not iterable" in str(exc):
                return None
        elif not isinstance(
            exc,
            (
                TemplateError,
                ValueError,
                ArithmeticError,  # ZeroDivisionError, OverflowError
                AttributeError,
                LookupError,
                NameError,  # a folded constant such as 1e308 * 10 compiles to the name « inf »
                MemoryError,
                RecursionError,
            ),
        ):
            raise
        raise ExpressionError(f"L'expression « {expr} » a échoué : {exc}") from None


def is_true(expr: str | None, context: dict[str, Any]) -> bool:
    return True if not expr else bool(evaluate(expr, context))
