"""Empty defaults for the pydantic models' list and dict fields, as plain Python functions.

``Field(default_factory=list)`` looks innocent, but pydantic asks ``inspect.signature`` whether
the factory takes the validated data, and for a builtin such as ``list`` or ``dict`` the
signature is read from its text by the ``tokenize`` module: compiling tokenize's regular
expressions and reading twenty such signatures cost 6-9 ms of every new process that builds the
project and content models (``python -X importtime``, cProfile of an export). The signature of a
Python function is read from its code object instead. Each call returns a new object, as
``list()`` and ``dict()`` do.
"""

from __future__ import annotations

from typing import Any


def empty_list() -> list[Any]:
    """A new empty list (``default_factory=list``, without the signature's cost)."""
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty dict (``default_factory=dict``, without the signature's cost)."""
    return {}
