"""Conditions and computed defaults: Jinja2 expressions evaluated in a sandbox.

Questionnaire authors write ``si: "perimetre_geographique == 'international'"``; the sandbox keeps
such expressions from reaching Python internals, and answers are only ever passed in as data.
"""

from __future__ import annotations

import atexit
import datetime as dt
import marshal
from functools import lru_cache
from types import CodeType
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
    # Money flows of step 4 (see partenariat.flows): what the law makes of them.
    "natures_flux": _natures_flux,
    "dons_mecenat": _dons_mecenat,
    "forme_proposee": _forme_proposee,
    "types_mecenat": _types_mecenat,
}


class _CodeCache:
    """Byte code of each questionnaire expression and rule message, kept on disk between runs.

    Parsing, generating and compiling costs about a millisecond per expression and the
    questionnaires and rules hold a few hundred: without this cache ``partenariat status`` spends
    most of its time there (the same reason Jinja offers a bytecode cache for templates). Only
    questionnaire and rule texts are cached, never answers. A missing, unreadable or unwritable
    cache simply means compiling again.
    """

    def __init__(self) -> None:
        import importlib.util

        import jinja2

        from partenariat import __version__

        magic = importlib.util.MAGIC_NUMBER.hex()
        from partenariat.cache import cache_dir

        self.path = cache_dir() / f"expressions-{__version__}-jinja{jinja2.__version__}-{magic}.bin"
        self.entries: dict[str, bytes] = {}
        self.dirty = False
        try:
            data = marshal.loads(self.path.read_bytes())
            if isinstance(data, dict):
                self.entries = data
        except (OSError, ValueError, EOFError, TypeError):
            pass

    def get(self, key: str) -> CodeType | None:
        raw = self.entries.get(key)
        if raw is None:
            return None
        try:
            code = marshal.loads(raw)
        except (ValueError, EOFError, TypeError):
            return None
        return code if isinstance(code, CodeType) else None

    def put(self, key: str, code: CodeType) -> None:
        self.entries[key] = marshal.dumps(code)
        if not self.dirty:
            self.dirty = True
            atexit.register(self.flush)

    def flush(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        from partenariat import atomic

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write(self.path, marshal.dumps(self.entries))
        except (OSError, ValueError):
            pass


@lru_cache(maxsize=1)
def _code_cache() -> _CodeCache:
    return _CodeCache()


@lru_cache(maxsize=1)
def environment() -> Any:
    """The sandbox shared by questionnaire conditions and rule messages."""
    from jinja2 import ChainableUndefined, nodes
    from jinja2.environment import TemplateExpression
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.parser import Parser
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class CachingSandbox(ImmutableSandboxedEnvironment):
        def compile_expression(self, source: str, undefined_to_none: bool = True) -> Any:
            cache = _code_cache()
            key = f"e:{source}"
            code = cache.get(key)
            if code is None:
                parser = Parser(self, source, state="variable")
                expr = parser.parse_expression()
                if not parser.stream.eos:
                    raise TemplateSyntaxError(
                        "chunk after expression", parser.stream.current.lineno, None, None
                    )
                expr.set_environment(self)
                body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
                generated = self._generate(nodes.Template(body, lineno=1), None, None)
                code = self._compile(generated, "<template>")
                cache.put(key, code)
            template = self.template_class.from_code(self, code, self.make_globals(None), None)
            return TemplateExpression(template, undefined_to_none)

        def compile(
            self,
            source: Any,
            name: str | None = None,
            filename: str | None = None,
            raw: bool = False,
            defer_init: bool = False,
        ) -> Any:
            if not isinstance(source, str) or raw or name or filename or defer_init:
                return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
            cache = _code_cache()
            key = f"t:{source}"
            code = cache.get(key)
            if code is None:
                code = super().compile(source)
                cache.put(key, code)
            return code

    env = CachingSandbox(undefined=ChainableUndefined)
    env.globals.update(FUNCTIONS)
    return env


@lru_cache(maxsize=2048)
def _compile(expr: str) -> Any:
    return environment().compile_expression(expr, undefined_to_none=True)


def check_syntax(expr: str) -> str | None:
    """None when ``expr`` compiles, else a French description of the problem."""
    from jinja2 import TemplateSyntaxError

    try:
        _compile(expr)
    except TemplateSyntaxError as exc:
        return f"expression invalide « {expr} » : {exc.message}"
    return None


def evaluate(expr: str, context: dict[str, Any]) -> Any:
    """Evaluate a sandboxed expression; undefined names are falsy and give None."""
    from jinja2 import TemplateError

    try:
        return _compile(expr)(**context)
    except TemplateError as exc:
        raise ExpressionError(f"L'expression « {expr} » a échoué : {exc}") from None
    except (TypeError, ValueError, ZeroDivisionError, AttributeError, KeyError) as exc:
        raise ExpressionError(f"L'expression « {expr} » a échoué : {exc}") from None


def is_true(expr: str | None, context: dict[str, Any]) -> bool:
    return True if not expr else bool(evaluate(expr, context))
