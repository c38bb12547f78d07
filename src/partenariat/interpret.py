"""Conditions evaluated straight from Jinja's syntax tree, without generating Python code.

Most ``si:`` conditions are a name, a comparison or an ``and``: compiling each one through Jinja's
code generator costs about a millisecond, and ``status`` evaluates a hundred of them. The tree that
the parser already gave is walked here instead, with the sandbox's own ``getattr``/``getitem`` and
the same undefined values, so the result is the one Jinja's compiled code gives. Filters are
called through ``Environment.call_filter``, as the compiled code calls them (``selectattr``,
``map(attribute=…)``, ``list``…: a third of the rules' expressions). Anything else (a test the
context could redefine, keyword arguments to a function…) is left to Jinja's compiler: see
``compile``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from jinja2 import nodes

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gteq": operator.ge,
    "lt": operator.lt,
    "lteq": operator.le,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}
# Products and powers are bounded on both paths (walked here, compiled through the sandbox's
# ``call_binop``): a condition must not build a gigabyte string or a million-digit number.
MAX_SEQUENCE = 100_000
MAX_EXPONENT = 1_000


def bounded_mul(left: Any, right: Any) -> Any:
    """``left * right``, refused when it would repeat a text or list past ``MAX_SEQUENCE``."""
    for seq, times in ((left, right), (right, left)):
        if (
            isinstance(seq, (str, list, tuple))
            and isinstance(times, int)
            and len(seq) * times > MAX_SEQUENCE
        ):
            raise OverflowError(f"répétition trop longue (plus de {MAX_SEQUENCE} éléments)")
    return operator.mul(left, right)


def bounded_pow(left: Any, right: Any) -> Any:
    """``left ** right``, refused for an exponent beyond ``MAX_EXPONENT``."""
    if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
        raise OverflowError(f"exposant trop grand (plus de {MAX_EXPONENT})")
    return operator.pow(left, right)


BOUNDED_BINOPS: dict[str, Callable[[Any, Any], Any]] = {"*": bounded_mul, "**": bounded_pow}

_BINARY: dict[type[nodes.Node], tuple[str, Callable[[Any, Any], Any]]] = {
    nodes.Add: ("+", operator.add),
    nodes.Sub: ("-", operator.sub),
    nodes.Mul: ("*", bounded_mul),
    nodes.Div: ("/", operator.truediv),
    nodes.FloorDiv: ("//", operator.floordiv),
    nodes.Mod: ("%", operator.mod),
    nodes.Pow: ("**", bounded_pow),
}
_UNARY: dict[type[nodes.Node], tuple[str, Callable[[Any], Any]]] = {
    nodes.Neg: ("-", operator.neg),
    nodes.Pos: ("+", operator.pos),
}
# Tests whose builtin meaning does not depend on the context (``is none``, ``is sameas false``).
_TESTS = frozenset({"none", "defined", "undefined", "sameas", "number", "string", "true", "false"})
_SIMPLE: tuple[type[nodes.Node], ...] = (
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Const,
    nodes.List,
    nodes.Tuple,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.CondExpr,
    nodes.Call,
    nodes.Test,
    nodes.Filter,
    nodes.Keyword,
    *_BINARY,
    *_UNARY,
)


def _simple(node: nodes.Node, functions: dict[str, Any], env: Any) -> bool:
    if not isinstance(node, _SIMPLE):
        return False
    # An operator the sandbox intercepts goes through Jinja's compiled code, unless it is one
    # this walker bounds the same way (``BOUNDED_BINOPS``).
    if (
        type(node) in _BINARY
        and _BINARY[type(node)][0] in env.intercepted_binops
        and _BINARY[type(node)][0] not in BOUNDED_BINOPS
    ):
        return False
    if type(node) in _UNARY and _UNARY[type(node)][0] in env.intercepted_unops:
        return False
    if isinstance(node, nodes.Test) and (
        node.name not in _TESTS or node.kwargs or node.dyn_args or node.dyn_kwargs
    ):
        return False
    if isinstance(node, nodes.Filter) and (
        node.node is None
        or node.name not in env.filters
        or node.dyn_args is not None
        or node.dyn_kwargs is not None
    ):
        return False
    if isinstance(node, nodes.Name) and node.ctx != "load":
        return False
    if isinstance(node, nodes.Compare) and any(op.op not in _COMPARE for op in node.ops):
        return False
    if isinstance(node, nodes.Call) and (
        not isinstance(node.node, nodes.Name)
        or node.node.name not in functions
        or node.kwargs
        or node.dyn_args is not None
        or node.dyn_kwargs is not None
    ):
        return False
    return all(_simple(child, functions, env) for child in node.iter_child_nodes())


class Interpreted:
    """A parsed expression, called like Jinja's compiled one: ``expr(**context)``."""

    def __init__(self, tree: nodes.Expr, env: Any) -> None:
        self.tree = tree
        self.env = env

    def _context(self, scope: dict[str, Any]) -> Any:
        """The template context a filter receives, as in the compiled expression."""
        from jinja2.runtime import new_context

        return new_context(self.env, None, {}, scope, False, self.env.globals)

    def __call__(self, **context: Any) -> Any:
        from jinja2 import Undefined

        result = self._eval(self.tree, context)
        return None if isinstance(result, Undefined) else result

    def _eval(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        env = self.env
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in env.globals:
                return env.globals[node.name]
            return env.undefined(name=node.name)
        if isinstance(node, nodes.Const):
            return node.value
        if isinstance(node, nodes.Getattr):
            return env.getattr(self._eval(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            return env.getitem(self._eval(node.node, scope), self._eval(node.arg, scope))
        if isinstance(node, nodes.List):
            return [self._eval(item, scope) for item in node.items]
        if isinstance(node, nodes.Tuple):
            return tuple(self._eval(item, scope) for item in node.items)
        if isinstance(node, nodes.Compare):
            left = self._eval(node.expr, scope)
            result: Any = True
            for op in node.ops:  # a < b < c as Python chains it
                right = self._eval(op.expr, scope)
                result = _COMPARE[op.op](left, right)
                if not result:
                    return result
                left = right
            return result
        if isinstance(node, nodes.And):
            left = self._eval(node.left, scope)
            return self._eval(node.right, scope) if left else left
        if isinstance(node, nodes.Or):
            left = self._eval(node.left, scope)
            return left if left else self._eval(node.right, scope)
        if isinstance(node, nodes.Not):
            return not self._eval(node.node, scope)
        if isinstance(node, nodes.CondExpr):
            if self._eval(node.test, scope):
                return self._eval(node.expr1, scope)
            if node.expr2 is None:
                return env.undefined("the inline if-expression evaluated to false")
            return self._eval(node.expr2, scope)
        if type(node) in _BINARY:
            return _BINARY[type(node)][1](
                self._eval(node.left, scope),  # type: ignore[attr-defined]
                self._eval(node.right, scope),  # type: ignore[attr-defined]
            )
        if type(node) in _UNARY:
            return _UNARY[type(node)][1](self._eval(node.node, scope))  # type: ignore[attr-defined]
        if isinstance(node, nodes.Test):
            test = env.tests[node.name]
            return test(self._eval(node.node, scope), *(self._eval(a, scope) for a in node.args))
        if isinstance(node, nodes.Call):
            function = self._eval(node.node, scope)
            return function(*(self._eval(arg, scope) for arg in node.args))
        if isinstance(node, nodes.Filter):
            assert node.node is not None  # refused by _simple
            value = self._eval(node.node, scope)
            args = [self._eval(arg, scope) for arg in node.args]
            kwargs = {kw.key: self._eval(kw.value, scope) for kw in node.kwargs}
            return env.call_filter(node.name, value, args, kwargs, context=self._context(scope))
        raise TypeError(type(node).__name__)  # pragma: no cover - refused by _simple


def compile(env: Any, source: str) -> Any:
    """``source`` as a callable: walked from its tree when simple, else compiled by Jinja."""
    from jinja2.parser import Parser

    from partenariat.expressions import FUNCTIONS

    parser = Parser(env, source, state="variable")
    tree = parser.parse_expression()
    if parser.stream.eos and _simple(tree, FUNCTIONS, env):
        return Interpreted(tree, env)
    return env.compile_expression(source, undefined_to_none=True)
