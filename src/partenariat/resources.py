"""Locate the bundled data folders, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # An installed wheel carries the folders under partenariat/_data (see pyproject force-include);
    # a source checkout (editable install, tests) has them at the top of the repository.
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parents[1] / name


def questionnaires_dir() -> Path:
    return _data_dir("questionnaires")


def templates_dir() -> Path:
    return _data_dir("templates")


def examples_dir() -> Path:
    return _data_dir("examples")


def compiled_templates_dir() -> Path:
    """The templates compiled to Python (``tools/compile_templates.py``, see ``precompiled``)."""
    return _data_dir("compiled_templates")
