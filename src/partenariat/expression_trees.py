"""Syntax trees of simple expressions as plain JSON, so that a new process need not parse them.

Lexing and parsing the 130 conditions and rule expressions of a project through Jinja cost
about 10 ms of every ``status``, ``check`` and ``export`` (``interpret.compile`` in all: 17-20 ms
parsing, 9 ms rebuilding the trees kept, measured in a new process). The tree of each expression the walker runs
(``interpret._simple``) is kept instead as data: ``[class name, line, field…]``, a field being a
constant, a node or a list of nodes. Only the node classes the walker knows are rebuilt, each
field checked against the shape Jinja's parser gives it; anything else in a stored entry is
refused, and the expression is parsed again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import nodes

from partenariat.memo_cache import Memo

# What each field of a node holds: a node, a node or None, a list of nodes, a text, a constant.
# Field names are Jinja's (``cls.fields``): a Jinja whose nodes differ has another key anyway.
_NODE, _OPTIONAL, _LIST, _TEXT, _CONSTANT = "node", "optional", "list", "text", "constant"
_OPERANDS, _KEYWORDS = "operands", "keywords"
_BINARY_SHAPE = {"left": _NODE, "right": _NODE}
_CALL_SHAPE = {
    "args": _LIST,
    "kwargs": _KEYWORDS,
    "dyn_args": _OPTIONAL,
    "dyn_kwargs": _OPTIONAL,
}
SHAPES: dict[type[nodes.Node], dict[str, str]] = {
    nodes.Name: {"name": _TEXT, "ctx": _TEXT},
    nodes.Getattr: {"node": _NODE, "attr": _TEXT, "ctx": _TEXT},
    nodes.Getitem: {"node": _NODE, "arg": _NODE, "ctx": _TEXT},
    nodes.Const: {"value": _CONSTANT},
    nodes.List: {"items": _LIST},
    nodes.Tuple: {"items": _LIST, "ctx": _TEXT},
    nodes.Compare: {"expr": _NODE, "ops": _OPERANDS},
    nodes.Operand: {"op": _TEXT, "expr": _NODE},
    nodes.Not: {"node": _NODE},
    nodes.Neg: {"node": _NODE},
    nodes.Pos: {"node": _NODE},
    nodes.CondExpr: {"test": _NODE, "expr1": _NODE, "expr2": _OPTIONAL},
    nodes.Call: {"node": _NODE, **_CALL_SHAPE},
    nodes.Test: {"node": _NODE, "name": _TEXT, **_CALL_SHAPE},
    nodes.Filter: {"node": _OPTIONAL, "name": _TEXT, **_CALL_SHAPE},
    nodes.Keyword: {"key": _TEXT, "value": _NODE},
    **{
        cls: _BINARY_SHAPE
        for cls in (
            nodes.And,
            nodes.Or,
            nodes.Add,
            nodes.Sub,
            nodes.Mul,
            nodes.Div,
            nodes.FloorDiv,
            nodes.Mod,
            nodes.Pow,
        )
    },
}
_BY_NAME = {cls.__name__: cls for cls in SHAPES}
_CONSTANTS = (str, int, float, bool, type(None))


class _Refused(Exception):
    """A stored tree, or a parsed one, that is not of the shapes above."""


def to_data(node: nodes.Node) -> Any:
    """The tree as JSON-able lists; _Refused when a node or a value has another shape."""
    shape = SHAPES.get(type(node))
    if shape is None or tuple(shape) != type(node).fields:
        raise _Refused(type(node).__name__)
    out: list[Any] = [type(node).__name__, node.lineno]
    for field, kind in shape.items():
        value = getattr(node, field)
        if kind in (_LIST, _OPERANDS, _KEYWORDS):
            if not isinstance(value, list):
                raise _Refused(field)
            out.append([to_data(item) for item in value])
        elif kind == _NODE or (kind == _OPTIONAL and value is not None):
            if not isinstance(value, nodes.Node):
                raise _Refused(field)
            out.append(to_data(value))
        elif kind == _TEXT:
            if not isinstance(value, str):
                raise _Refused(field)
            out.append(value)
        else:  # a constant, or an optional node left out
            if not isinstance(value, _CONSTANTS) or (
                isinstance(value, str) and _unencodable(value)
            ):
                raise _Refused(field)
            out.append(value)
    return out


def _unencodable(text: str) -> bool:
    """A lone surrogate cannot be written as UTF-8 JSON: such an expression is not kept."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# Per class name: the class and the kinds of its fields, in order (what from_data checks).
_REBUILD = {cls.__name__: (cls, tuple(shape.values())) for cls, shape in SHAPES.items()}
_ITEM_CLASS = {_LIST: nodes.Expr, _OPERANDS: nodes.Operand, _KEYWORDS: nodes.Keyword}


def from_data(data: Any, expected: type[nodes.Node] = nodes.Node) -> nodes.Node:
    """The node ``to_data`` gave, rebuilt; _Refused for anything else."""
    if type(data) is not list or len(data) < 2 or type(data[0]) is not str:
        raise _Refused("not a node")
    found = _REBUILD.get(data[0])
    if found is None or not issubclass(found[0], expected):
        raise _Refused(str(data[0]))
    cls, kinds = found
    lineno, values = data[1], data[2:]
    # (Jinja leaves an Operand without a line number)
    if (lineno is not None and type(lineno) is not int) or len(values) != len(kinds):
        raise _Refused(cls.__name__)
    fields: list[Any] = []
    for kind, value in zip(kinds, values, strict=True):
        if kind in _ITEM_CLASS:
            if type(value) is not list:
                raise _Refused(kind)
            item_class = _ITEM_CLASS[kind]
            fields.append([from_data(item, item_class) for item in value])
        elif kind == _NODE or (kind == _OPTIONAL and value is not None):
            fields.append(from_data(value, nodes.Expr))
        elif kind == _TEXT:
            if type(value) is not str:
                raise _Refused(kind)
            fields.append(value)
        else:  # a constant, or an optional node left out
            if not isinstance(value, _CONSTANTS):
                raise _Refused(kind)
            fields.append(value)
    return cls(*fields, lineno=lineno)


@lru_cache(maxsize=1)
def _memo() -> Memo:
    """The table of trees, named by the parser's source (a new Jinja parses anew)."""
    import jinja2

    here = Path(jinja2.__file__).resolve().parent
    parser_files = [here / name for name in ("__init__.py", "lexer.py", "parser.py", "nodes.py")]
    return Memo("expressions", parser_files)


def stored_tree(source: str) -> nodes.Expr | None:
    """The tree kept for ``source`` in an earlier run, or None (never stored, or refused)."""
    data = _memo().get(source)
    if data is None:
        return None
    try:
        tree = from_data(data, nodes.Expr)
    except (_Refused, RecursionError, TypeError, ValueError):
        _memo().forget(source)
        return None
    return tree  # type: ignore[return-value]


def keep_tree(source: str, tree: nodes.Expr) -> None:
    """Keep the parsed tree of ``source`` for the next runs, when it is of the known shapes."""
    try:
        data = to_data(tree)
    except (_Refused, RecursionError):
        return
    _memo().put(source, data)
