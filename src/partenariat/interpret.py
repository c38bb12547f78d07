"""Conditions evaluated straight from Jinja's syntax tree, without generating Python code.

Most ``si:`` conditions are a name, a comparison or an ``and``: compiling each one through Jinja's
code generator costs about a millisecond, and ``status`` evaluates a hundred of them. The tree that
the parser already gave (or its plain data, kept between runs) is walked here instead, with the
sandbox's own ``getattr``/``getitem`` and the same undefined values, so the result is the one
Jinja's compiled code gives. Filters are called through ``Environment.call_filter``, as the
compiled code calls them (``selectattr``, ``map(attribute=…)``, ``list``…: a third of the rules'
expressions). Anything else (a test the context could redefine, keyword arguments to a function…)
is left to Jinja's compiler: see ``compile``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from jinja2 import nodes

from partenariat.expression_trees import FIELD_COUNTS, Refused

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
Scope = dict[str, Any]
Step = Callable[[Scope], Any]


class Interpreted:
    """A simple expression, called like Jinja's compiled one: ``expr(**context)``.

    Its tree is turned once into nested closures (one per node, each knowing its children), so
    that an evaluation does no type dispatch: ``build_context`` evaluates some fifty conditions
    and the wizard builds it for each list item. ``run(scope)`` evaluates without copying the
    scope into keyword arguments.
    """

    def __init__(self, step: Step, env: Any) -> None:
        from jinja2 import Undefined

        self.env = env
        self._undefined = Undefined
        self._run = step

    def __call__(self, **context: Any) -> Any:
        return self.run(context)

    def run(self, scope: Scope) -> Any:
        result = self._run(scope)
        return None if isinstance(result, self._undefined) else result


_CONSTANTS = (str, int, float, bool, type(None))
_BINARY_BY_NAME = {cls.__name__: pair for cls, pair in _BINARY.items()}
_UNARY_BY_NAME = {cls.__name__: pair for cls, pair in _UNARY.items()}


def text_of(value: Any) -> str:
    if type(value) is not str:
        raise Refused("text")
    return value


def empty(value: Any) -> None:
    """A field the walker only runs without: no keyword arguments, no ``*args``/``**kwargs``."""
    if value is not None and value != []:
        raise Refused("arguments")


class Builder:
    """Closures computing each node as Jinja's compiled code does (see the module's docstring),
    built straight from the tree's plain data (``expression_trees.to_data``).

    One pass checks each node's shape (a stored entry is data to check, never trusted), whether
    the walker runs it as Jinja would (else ``Refused``: Jinja compiles the expression), and
    builds its closure: a new process rebuilds a hundred conditions from the kept data without
    making Jinja nodes first.
    """

    def __init__(self, env: Any) -> None:
        self.env = env
        self._by_name: dict[str, Callable[..., Step]] = {
            "Name": self._name_node,
            "Const": self._const,
            "Getattr": self._getattr,
            "Getitem": self._getitem,
            "List": self._list,
            "Tuple": self._tuple,
            "Compare": self._compare,
            "And": self._and,
            "Or": self._or,
            "Not": self._not,
            "CondExpr": self._condition,
            "Test": self._test,
            "Call": self._call,
            "Filter": self._filter,
            **{name: self._binary_for(name) for name in _BINARY_BY_NAME},
            **{name: self._unary_for(name) for name in _UNARY_BY_NAME},
        }

    def _fields(self, data: Any, expected: str | None = None) -> tuple[str, list[Any]]:
        """The class name and fields of a node's data, checked against its shape."""
        if type(data) is not list or len(data) < 2 or type(data[0]) is not str:
            raise Refused("not a node")
        name, lineno = data[0], data[1]
        size = FIELD_COUNTS.get(name)
        if size is None or (expected is not None and name != expected):
            raise Refused(name)
        # (Jinja leaves an Operand without a line number)
        if (lineno is not None and type(lineno) is not int) or len(data) - 2 != size:
            raise Refused(name)
        return name, data[2:]

    def build(self, data: Any) -> Step:
        name, fields = self._fields(data)
        make = self._by_name.get(name)
        if make is None:  # an Operand or a Keyword where an expression should be
            raise Refused(name)
        return make(*fields)

    def _all(self, items: Any) -> list[Step]:
        if type(items) is not list:
            raise Refused("list")
        return [self.build(item) for item in items]

    def _name_node(self, name: Any, ctx: Any) -> Step:
        if text_of(ctx) != "load":
            raise Refused("store")
        return self._name(text_of(name))

    def _name(self, name: str) -> Step:
        known, undefined = self.env.globals, self.env.undefined

        def lookup(scope: Scope) -> Any:
            if name in scope:
                return scope[name]
            if name in known:
                return known[name]
            return undefined(name=name)

        return lookup

    def _const(self, value: Any) -> Step:
        if not isinstance(value, _CONSTANTS):
            raise Refused("constant")
        return lambda scope: value

    def _getattr(self, node: Any, attr: Any, ctx: Any) -> Step:
        inner, attr, get = self.build(node), text_of(attr), self.env.getattr
        text_of(ctx)
        return lambda scope: get(inner(scope), attr)

    def _getitem(self, node: Any, arg: Any, ctx: Any) -> Step:
        inner, key, item = self.build(node), self.build(arg), self.env.getitem
        text_of(ctx)
        return lambda scope: item(inner(scope), key(scope))

    def _list(self, items: Any) -> Step:
        parts = self._all(items)
        return lambda scope: [part(scope) for part in parts]

    def _tuple(self, items: Any, ctx: Any) -> Step:
        parts = self._all(items)
        text_of(ctx)
        return lambda scope: tuple(part(scope) for part in parts)

    def _compare(self, expr: Any, operands: Any) -> Step:
        first = self.build(expr)
        if type(operands) is not list:
            raise Refused("operands")
        ops = []
        for operand in operands:
            _, (op, value) = self._fields(operand, "Operand")
            if text_of(op) not in _COMPARE:
                raise Refused(op)
            ops.append((_COMPARE[op], self.build(value)))

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

    def _and(self, left_data: Any, right_data: Any) -> Step:
        left, right = self.build(left_data), self.build(right_data)

        def both(scope: Scope) -> Any:
            value = left(scope)
            return right(scope) if value else value

        return both

    def _or(self, left_data: Any, right_data: Any) -> Step:
        left, right = self.build(left_data), self.build(right_data)

        def either(scope: Scope) -> Any:
            value = left(scope)
            return value if value else right(scope)

        return either

    def _not(self, node: Any) -> Step:
        inner = self.build(node)
        return lambda scope: not inner(scope)

    def _binary_for(self, name: str) -> Callable[..., Step]:
        symbol, operation = _BINARY_BY_NAME[name]

        def make(left_data: Any, right_data: Any) -> Step:
            # An operator the sandbox intercepts goes through Jinja's compiled code, unless it
            # is one this walker bounds the same way (``BOUNDED_BINOPS``).
            if symbol in self.env.intercepted_binops and symbol not in BOUNDED_BINOPS:
                raise Refused(symbol)
            left, right = self.build(left_data), self.build(right_data)
            return lambda scope: operation(left(scope), right(scope))

        return make

    def _unary_for(self, name: str) -> Callable[..., Step]:
        symbol, operation = _UNARY_BY_NAME[name]

        def make(node: Any) -> Step:
            if symbol in self.env.intercepted_unops:
                raise Refused(symbol)
            inner = self.build(node)
            return lambda scope: operation(inner(scope))

        return make

    def _condition(self, test_data: Any, then_data: Any, otherwise_data: Any) -> Step:
        test, then = self.build(test_data), self.build(then_data)
        otherwise = self.build(otherwise_data) if otherwise_data is not None else None
        undefined = self.env.undefined

        def condition(scope: Scope) -> Any:
            if test(scope):
                return then(scope)
            if otherwise is None:
                return undefined("the inline if-expression evaluated to false")
            return otherwise(scope)

        return condition

    def _test(
        self, node: Any, name: Any, args: Any, kwargs: Any, dyn_args: Any, dyn_kwargs: Any
    ) -> Step:
        # Only the tests whose builtin meaning the context cannot change, positional arguments.
        if text_of(name) not in _TESTS:
            raise Refused(name)
        for extra in (kwargs, dyn_args, dyn_kwargs):
            empty(extra)
        test, inner, parts = self.env.tests[name], self.build(node), self._all(args)
        return lambda scope: test(inner(scope), *(arg(scope) for arg in parts))

    def _call(self, node: Any, args: Any, kwargs: Any, dyn_args: Any, dyn_kwargs: Any) -> Step:
        # A function named in the context or the sandbox's globals (``FUNCTIONS``, a rule's
        # ``date_fr``…), with positional arguments, called as the compiled code calls it: through
        # the sandbox's ``call`` (which refuses an unsafe callable), with the template context.
        self._fields(node, "Name")
        for extra in (kwargs, dyn_args, dyn_kwargs):
            empty(extra)
        from jinja2.runtime import new_context

        function, parts, env = self.build(node), self._all(args), self.env

        def call(scope: Scope) -> Any:
            context = new_context(env, None, {}, scope, False, env.globals)
            return env.call(context, function(scope), *[arg(scope) for arg in parts])

        return call

    def _filter(
        self, node: Any, name: Any, args: Any, kwargs: Any, dyn_args: Any, dyn_kwargs: Any
    ) -> Step:
        if node is None or text_of(name) not in self.env.filters:
            raise Refused("filter")
        empty(dyn_args)
        empty(dyn_kwargs)
        inner, parts = self.build(node), self._all(args)
        if type(kwargs) is not list:
            raise Refused("keywords")
        keywords = []
        for keyword in kwargs:
            _, (key, value) = self._fields(keyword, "Keyword")
            keywords.append((text_of(key), self.build(value)))
        from jinja2.runtime import new_context

        call_filter, env = self.env.call_filter, self.env

        def apply(scope: Scope) -> Any:
            return call_filter(
                name,
                inner(scope),
                [arg(scope) for arg in parts],
                {key: value(scope) for key, value in keywords},
                # the template context a filter receives, as in the compiled expression
                context=new_context(env, None, {}, scope, False, env.globals),
            )

        return apply


def walk(env: Any, data: Any) -> Interpreted:
    """The expression whose tree is ``data`` (``expression_trees.to_data``), walked; Refused
    when it is not of the shapes above or not one the walker runs as Jinja does."""
    return Interpreted(Builder(env).build(data), env)


def stored(env: Any, source: str) -> Interpreted | None:
    """The expression kept for ``source`` in an earlier run, walked; None when none was kept or
    what was kept is refused (then forgotten: the next ``keep_tree`` replaces it)."""
    from partenariat import expression_trees

    data = expression_trees.stored_data(source)
    if data is None:
        return None
    try:
        return walk(env, data)
    except (Refused, RecursionError, TypeError, ValueError):
        expression_trees.forget(source)
        return None


def compile(env: Any, source: str) -> Any:
    """``source`` as a callable: walked from its tree when simple, else compiled by Jinja.

    The tree of a simple expression is kept between runs (``expression_trees``): a new process
    builds it from plain data instead of lexing and parsing the text again.
    """
    from partenariat import expression_trees

    walked = stored(env, source)
    if walked is not None:
        return walked
    from jinja2.parser import Parser

    parser = Parser(env, source, state="variable")
    tree = parser.parse_expression()
    if parser.stream.eos:
        try:
            walked = walk(env, expression_trees.to_data(tree))
        except (Refused, RecursionError):
            walked = None
        if walked is not None:
            expression_trees.keep_tree(source, tree)
            return walked
    return env.compile_expression(source, undefined_to_none=True)
