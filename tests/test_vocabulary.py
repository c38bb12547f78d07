"""Step names and answer paths (``etapeN``, ``etapeN.id``) are read in one place."""

from __future__ import annotations

import pytest

from partenariat import vocabulary


@pytest.mark.parametrize(
    "path, expected",
    [
        ("etape4.duree_mois", (4, "duree_mois")),
        ("etape12.x", (12, "x")),  # a step the method does not have: the load checks name it
        ("etape4", None),
        ("etape.x", None),
        ("etapeX.x", None),
        ("finances.total_dons", None),
        ("", None),
    ],
)
def test_answer_path(path: str, expected: tuple[int, str] | None) -> None:
    assert vocabulary.answer_path(path) == expected


@pytest.mark.parametrize(
    "name, expected", [("etape1", 1), ("etape7", 7), ("etape", None), ("etapes", None), ("x", None)]
)
def test_step_of(name: str, expected: int | None) -> None:
    assert vocabulary.step_of(name) == expected
