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


Scope = dict[str, Any]
Step = Callable[[Scope], Any]


class Interpreted:
    """A parsed expression, called like Jinja's compiled one: ``expr(**context)``.

    The tree is turned once into nested closures (one per node, each knowing its children), so
    that an evaluation does no type dispatch: ``build_context`` evaluates some fifty conditions
    and the wizard builds it for each list item. ``run(scope)`` evaluates without copying the
    scope into keyword arguments.
    """

    def __init__(self, tree: nodes.Expr, env: Any) -> None:
        from jinja2 import Undefined

        self.tree = tree
        self.env = env
        self._undefined = Undefined
        self._run = _Builder(env).build(tree)

    def __call__(self, **context: Any) -> Any:
        return self.run(context)

    def run(self, scope: Scope) -> Any:
        result = self._run(scope)
        return None if isinstance(result, self._undefined) else result


class _Builder:
    """Closures computing each node as Jinja's compiled code does (see the module's docstring)."""

    def __init__(self, env: Any) -> None:
        self.env = env

    def _context(self, scope: Scope) -> Any:
        """The template context a filter receives, as in the compiled expression."""
        from jinja2.runtime import new_context

        return new_context(self.env, None, {}, scope, False, self.env.globals)

    def build(self, node: nodes.Node) -> Step:
        env = self.env
        if isinstance(node, nodes.Name):
            return self._name(node.name)
        if isinstance(node, nodes.Const):
            value = node.value
            return lambda scope: value
        if isinstance(node, nodes.Getattr):
            inner, attr, get = self.build(node.node), node.attr, env.getattr
            return lambda scope: get(inner(scope), attr)
        if isinstance(node, nodes.Getitem):
            inner, key, item = self.build(node.node), self.build(node.arg), env.getitem
            return lambda scope: item(inner(scope), key(scope))
        if isinstance(node, nodes.List):
            parts = [self.build(child) for child in node.items]
            return lambda scope: [part(scope) for part in parts]
        if isinstance(node, nodes.Tuple):
            parts = [self.build(child) for child in node.items]
            return lambda scope: tuple(part(scope) for part in parts)
        if isinstance(node, nodes.Compare):
            return self._compare(node)
        if isinstance(node, nodes.And):
            left, right = self.build(node.left), self.build(node.right)

            def both(scope: Scope) -> Any:
                value = left(scope)
                return right(scope) if value else value

            return both
        if isinstance(node, nodes.Or):
            left, right = self.build(node.left), self.build(node.right)

            def either(scope: Scope) -> Any:
                value = left(scope)
                return value if value else right(scope)

            return either
        if isinstance(node, nodes.Not):
            inner = self.build(node.node)
            return lambda scope: not inner(scope)
        if isinstance(node, nodes.CondExpr):
            return self._condition(node)
        if type(node) in _BINARY:
            operation = _BINARY[type(node)][1]
            left = self.build(node.left)  # type: ignore[attr-defined]
            right = self.build(node.right)  # type: ignore[attr-defined]
            return lambda scope: operation(left(scope), right(scope))
        if type(node) in _UNARY:
            unary = _UNARY[type(node)][1]
            inner = self.build(node.node)  # type: ignore[attr-defined]
            return lambda scope: unary(inner(scope))
        if isinstance(node, nodes.Test):
            test, inner = env.tests[node.name], self.build(node.node)
            args = [self.build(arg) for arg in node.args]
            return lambda scope: test(inner(scope), *(arg(scope) for arg in args))
        if isinstance(node, nodes.Call):
            function = self.build(node.node)
            args = [self.build(arg) for arg in node.args]
            return lambda scope: function(scope)(*(arg(scope) for arg in args))
        if isinstance(node, nodes.Filter):
            return self._filter(node)
        raise TypeError(type(node).__name__)  # pragma: no cover - refused by _simple

    def _name(self, name: str) -> Step:
        known, undefined = self.env.globals, self.env.undefined

        def lookup(scope: Scope) -> Any:
            if name in scope:
                return scope[name]
            if name in known:
                return known[name]
            return undefined(name=name)

        return lookup

    def _compare(self, node: nodes.Compare) -> Step:
        first = self.build(node.expr)
        ops = [(_COMPARE[op.op], self.build(op.expr)) for op in node.ops]

        def compare(scope: Scope) -> Any:
            left = first(scope)
            result: Any = True
            for operation, operand in ops:  # a < b < c as Python chains it
                right = operand(scope)
                result = operation(left, right)
                if not result:
                    return result
                left = right
            return result

        return compare

    def _condition(self, node: nodes.CondExpr) -> Step:
        test, then = self.build(node.test), self.build(node.expr1)
        otherwise = self.build(node.expr2) if node.expr2 is not None else None
        undefined = self.env.undefined

        def condition(scope: Scope) -> Any:
            if test(scope):
                return then(scope)
            if otherwise is None:
                return undefined("the inline if-expression evaluated to false")
            return otherwise(scope)

        return condition

    def _filter(self, node: nodes.Filter) -> Step:
        assert node.node is not None  # refused by _simple
        name, inner = node.name, self.build(node.node)
        args = [self.build(arg) for arg in node.args]
        kwargs = [(kw.key, self.build(kw.value)) for kw in node.kwargs]
        call_filter = self.env.call_filter

        def apply(scope: Scope) -> Any:
            return call_filter(
                name,
                inner(scope),
                [arg(scope) for arg in args],
                {key: value(scope) for key, value in kwargs},
                context=self._context(scope),
            )

        return apply


def compile(env: Any, source: str) -> Any:
    """``source`` as a callable: walked from its tree when simple, else compiled by Jinja.

    The tree of a simple expression is kept between runs (``expression_trees``): a new process
    rebuilds it from plain data instead of lexing and parsing the text again.
    """
    from partenariat import expression_trees
    from partenariat.expressions import FUNCTIONS

    tree = expression_trees.stored_tree(source)
    if tree is not None and _simple(tree, FUNCTIONS, env):
        return Interpreted(tree, env)
    from jinja2.parser import Parser

    parser = Parser(env, source, state="variable")
    tree = parser.parse_expression()
    if parser.stream.eos and _simple(tree, FUNCTIONS, env):
        expression_trees.keep_tree(source, tree)
        return Interpreted(tree, env)
    return env.compile_expression(source, undefined_to_none=True)
