"""What names a Jinja expression or template reads, found with Jinja's own parser.

A misspelt id in a condition is not an error Jinja reports: an undefined name is simply false.
So every name and attribute path an expression, a rule message or a template reads
(``etape4.duree_mois``, ``lisible.etape7.indicateurs``, a bare ``contribution_financiere``) is
collected here, with its line, for ``references`` to look up in the questionnaires.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from partenariat import vocabulary

if TYPE_CHECKING:
    from jinja2 import nodes


STEPS = tuple(f"etape{n}" for n in vocabulary.STEPS)
ITEM = "[]"  # an item of a list in a path (``etape6.actions.[].responsable``)


@dataclass(frozen=True)
class Read:
    """One name read by an expression, with the attributes taken from it and its line."""

    path: tuple[str, ...]
    line: int
    call_args: tuple[str, ...] = ()  # constant text arguments when the name is called


def _chain(node: nodes.Node) -> tuple[nodes.Name, list[str]] | None:
    """``a.b['c'].d`` → (Name a, [b, c, d]); None when the chain does not start at a name."""
    from jinja2 import nodes as n

    attrs: list[str] = []
    while True:
        if isinstance(node, n.Getattr):
            attrs.append(node.attr)
            node = node.node
        elif (
            isinstance(node, n.Getitem)
            and isinstance(node.arg, n.Const)
            and isinstance(node.arg.value, str)
        ):
            attrs.append(node.arg.value)
            node = node.node
        elif isinstance(node, n.Name):
            return node, attrs[::-1]
        else:
            return None


def _local_names(tree: nodes.Node) -> set[str]:
    """Names a template defines itself (loop variables, ``set``, macros and their arguments)."""
    from jinja2 import nodes as n

    names = {name.name for name in tree.find_all(n.Name) if name.ctx in ("store", "param")}
    names |= {macro.name for macro in tree.find_all(n.Macro)}
    for imported in tree.find_all(n.Import):
        names.add(imported.target)
    for from_import in tree.find_all(n.FromImport):
        for item in from_import.names:
            names.add(item[1] if isinstance(item, tuple) else item)
    names |= {"loop", "caller", "varargs", "kwargs"}
    return names


def reads(tree: nodes.Node, line_offset: int = 0) -> list[Read]:
    """Every outside name ``tree`` reads, with the longest attribute path, in source order."""
    from jinja2 import nodes as n

    local = _local_names(tree)
    found: list[Read] = []
    # ``{% set e4 = lisible.etape4 %}`` then ``e4.duree_mois``: read through the alias. A loop
    # over a list question (``{% for a in e6.actions %}``) makes ``a.x`` a sub-question path.
    aliases: dict[str, tuple[str, ...]] = {}

    def resolve(name: str, attrs: list[str]) -> tuple[str, ...] | None:
        if name in aliases:
            return (*aliases[name], *attrs)
        if name in local:
            return None
        return (name, *attrs)

    def alias(target: nodes.Node, value: nodes.Node, suffix: tuple[str, ...]) -> None:
        if not isinstance(target, n.Name):
            return
        chain = _chain(value)
        base = resolve(chain[0].name, chain[1]) if chain is not None else None
        if base is None:
            aliases.pop(target.name, None)
        else:
            aliases[target.name] = (*base, *suffix)

    def visit(node: nodes.Node) -> None:
        if (  # « 'duree_mois' in etape4 »: an id named as text, tested against a step
            isinstance(node, n.Compare)
            and isinstance(node.expr, n.Const)
            and isinstance(node.expr.value, str)
            and len(node.ops) == 1
            and node.ops[0].op in ("in", "notin")
        ):
            chain = _chain(node.ops[0].expr)
            path = resolve(chain[0].name, chain[1]) if chain is not None else None
            if path is not None and path[-1] in STEPS:
                found.append(Read((*path, node.expr.value), node.lineno + line_offset))
        if isinstance(node, n.Assign):
            visit(node.node)
            alias(node.target, node.node, ())
            return
        if isinstance(node, n.For):
            visit(node.iter)
            saved = dict(aliases)
            alias(node.target, node.iter, (ITEM,))
            for child in [*node.body, *([node.test] if node.test else [])]:
                visit(child)
            aliases.clear()
            aliases.update(saved)
            for child in node.else_:
                visit(child)
            return
        if isinstance(node, n.Call):
            head = _chain(node.node)
            if head is not None and not head[1] and head[0].name not in local:
                consts = tuple(
                    a.value
                    for a in node.args
                    if isinstance(a, n.Const) and isinstance(a.value, str)
                )
                found.append(Read((head[0].name,), node.lineno + line_offset, consts))
                for child in [*node.args, *node.kwargs]:
                    visit(child)
                if node.dyn_args is not None:
                    visit(node.dyn_args)
                if node.dyn_kwargs is not None:
                    visit(node.dyn_kwargs)
                return
        if isinstance(node, (n.Getattr, n.Getitem, n.Name)):
            chain = _chain(node)
            if chain is not None:
                name, attrs = chain
                path = resolve(name.name, attrs) if name.ctx == "load" else None
                if path is not None:
                    found.append(Read(path, node.lineno + line_offset))
                # The chain's own nodes are read; only non-constant subscripts remain to visit.
                inner: nodes.Node = node
                while isinstance(inner, (n.Getattr, n.Getitem)):
                    if isinstance(inner, n.Getitem):
                        visit(inner.arg)
                    inner = inner.node
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return found


@lru_cache(maxsize=4096)
def expression_reads(source: str) -> tuple[Read, ...]:
    """The names an expression (a ``si:``, a ``defaut_expr``…) reads; line 1 is its first line."""
    from jinja2 import TemplateSyntaxError
    from jinja2.parser import Parser

    from partenariat.expressions import environment

    parser = Parser(environment(), source, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    check_filters_and_tests(expr, environment())
    return tuple(reads(expr))


def check_filters_and_tests(tree: nodes.Node, env: Any) -> None:
    """Raise as Jinja's compiler would for a filter or test it does not know: parsing alone
    does not look them up, and expressions are only compiled when first evaluated."""
    from jinja2 import TemplateSyntaxError
    from jinja2 import nodes as n

    for node in [tree, *tree.find_all(n.Node)]:
        if not isinstance(node, (n.Filter, n.Test)):
            continue
        known = env.filters if isinstance(node, n.Filter) else env.tests
        if node.name not in known:
            kind = "filter" if isinstance(node, n.Filter) else "test"
            raise TemplateSyntaxError(f"No {kind} named '{node.name}'.", node.lineno)


def template_reads(source: str, env: Any = None) -> tuple[Read, ...]:
    """The names a Jinja template (a rule's message, a document) reads, with their lines.

    ``env`` is the environment the template is rendered with (its filters): the rules'
    sandbox by default, the documents' environment for a document.
    """
    from partenariat.expressions import environment

    env = env or environment()
    tree = env.parse(source)
    check_filters_and_tests(tree, env)
    return tuple(reads(tree))

def copied_paths(source: str) -> list[tuple[str, ...]]:
    """The answers whose value an expression can hand back as it is (its result, a branch of
    ``a if c else b``, an operand of ``or``, a filtered or concatenated value). A name read only
    to decide (a test, a comparison) or to compute (a function's argument: ``ajouter_mois``) is
    not copied: the default is then the tool's own figure, not someone's answer."""
    from jinja2 import nodes as n
    from jinja2.parser import Parser

    from partenariat.expressions import FUNCTIONS, environment

    parser = Parser(environment(), source, state="variable")
    tree = parser.parse_expression()
    found: list[tuple[str, ...]] = []

    def visit(node: n.Node) -> None:
        if isinstance(node, (n.Name, n.Getattr, n.Getitem)):
            chain = _chain(node)
            if chain is not None and chain[0].ctx == "load":
                found.append((chain[0].name, *chain[1]))
            return
        if isinstance(node, n.CondExpr):
            parts: list[n.Node | None] = [node.expr1, node.expr2]
        elif isinstance(node, (n.Or, n.And, n.Add, n.Concat, n.List, n.Tuple, n.Filter)):
            parts = list(node.iter_child_nodes())
        elif isinstance(node, n.Call):
            head = _chain(node.node)
            if head is not None and head[0].name in FUNCTIONS:
                return
            parts = list(node.iter_child_nodes())
        else:  # comparisons, tests, « not », constants: nothing copied
            return
        for part in parts:
            if part is not None:
                visit(part)

    visit(tree)
    return found
