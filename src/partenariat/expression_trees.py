"""Syntax trees of simple expressions as plain JSON, so that a new process need not parse them.

Lexing and parsing the 130 conditions and rule expressions of a project through Jinja cost
about 10 ms of every ``status``, ``check`` and ``export`` (``interpret.compile`` in all: 17-20 ms
parsing, measured in a new process). The tree of each expression the walker runs (``interpret``)
is kept instead as data: ``[class name, line, field…]``, a field being a constant, a node or a
list of nodes. The walker builds its closures straight from that data (rebuilding Jinja's nodes
first, then checking and walking them, took 12 ms for 130 expressions), checking each node's
shape as it goes: anything else in a stored entry is refused, and the expression is parsed again.
"""

from __future__ import annotations

import json
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
    # Short templates (rule messages, the ranking's reasons): text, ``{{ }}`` and ``{% if %}``.
    nodes.Template: {"body": _LIST},
    nodes.Output: {"nodes": _LIST},
    nodes.TemplateData: {"data": _TEXT},
    nodes.If: {"test": _NODE, "body": _LIST, "elif_": _LIST, "else_": _LIST},
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


class Refused(Exception):
    """A stored tree, or a parsed one, that is not of the shapes above, or one the walker does
    not run as Jinja would (``interpret``)."""


def to_data(node: nodes.Node) -> Any:
    """The tree as JSON-able lists; Refused when a node or a value has another shape."""
    shape = SHAPES.get(type(node))
    if shape is None or tuple(shape) != type(node).fields:
        raise Refused(type(node).__name__)
    out: list[Any] = [type(node).__name__, node.lineno]
    for field, kind in shape.items():
        value = getattr(node, field)
        if kind in (_LIST, _OPERANDS, _KEYWORDS):
            if not isinstance(value, list):
                raise Refused(field)
            out.append([to_data(item) for item in value])
        elif kind == _NODE or (kind == _OPTIONAL and value is not None):
            if not isinstance(value, nodes.Node):
                raise Refused(field)
            out.append(to_data(value))
        elif kind == _TEXT:
            if not isinstance(value, str):
                raise Refused(field)
            out.append(value)
        else:  # a constant, or an optional node left out
            if not isinstance(value, _CONSTANTS):
                raise Refused(field)
            out.append(value)
    return out


def _unencodable(text: str) -> bool:
    """A lone surrogate cannot be written as UTF-8 JSON: such an expression is not kept."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# Per class name, how many fields its data holds after the name and the line (what the walker
# that rebuilds a stored tree checks first: ``interpret``).
FIELD_COUNTS = {cls.__name__: len(shape) for cls, shape in SHAPES.items()}


@lru_cache(maxsize=1)
def _memo() -> Memo:
    """The table of trees, named by the parser's source (a new Jinja parses anew)."""
    import jinja2

    here = Path(jinja2.__file__).resolve().parent
    parser_files = [here / name for name in ("__init__.py", "lexer.py", "parser.py", "nodes.py")]
    return Memo("expressions", parser_files)


def stored_data(source: str) -> Any | None:
    """The tree kept for ``source`` in an earlier run, as stored (plain JSON, to be checked:
    ``interpret.walk``), or None."""
    return _memo().get(source)


def forget(source: str) -> None:
    """Drop a stored tree the walker refused (the next ``keep_tree`` replaces it)."""
    _memo().forget(source)


def keep_tree(source: str, tree: nodes.Node) -> None:
    """Keep the parsed tree of ``source`` for the next runs, when it is of the known shapes."""
    try:
        data = to_data(tree)
    except (Refused, RecursionError):
        return
    if _unencodable(json.dumps(data, ensure_ascii=False)):
        return  # a lone surrogate cannot be written as UTF-8 JSON: not kept
    _memo().put(source, data)
