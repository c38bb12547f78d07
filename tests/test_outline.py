"""Every element of the guide's outline is carried by the questionnaires, and nothing else is cited.

The outline (C1.*, E1.*-E7.*, T.*) is the checklist of the ORSE / Le RAMEAU guide; a wizard that
forgets an element, or cites an id that does not exist, silently drifts from its source.
The ids are read from a copy kept in tests/data so the test runs without the shared spec folder;
a separate test keeps that copy equal to the spec when the spec is present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from partenariat.questionnaire import Question, Questionnaire, load_questionnaires
from partenariat.resources import questionnaires_dir

TESTS_DIR = Path(__file__).resolve().parent
IDS_COPY = TESTS_DIR / "data" / "guide-outline-ids.txt"
# /work/main/tests -> /work/shared/spec/guide-outline.md in the development layout.
OUTLINE_MD = TESTS_DIR.parents[1] / "shared" / "spec" / "guide-outline.md"

# A bullet head such as "- E4.duree: ..." or "- E3.criteres_ong (what ...): ...".
_BULLET_ID = re.compile(r"^- ((?:C1|E[1-7]|T)\.[a-z0-9_]+)(?=[\s:(])", re.MULTILINE)
_ID_SHAPE = re.compile(r"^(?:C1|E[1-7]|T)\.[a-z0-9_]+$")


def parse_outline_ids(markdown: str) -> list[str]:
    """The element ids of the outline, in document order (nested sub-bullets are not ids)."""
    return _BULLET_ID.findall(markdown)


def known_ids() -> list[str]:
    lines = IDS_COPY.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def _question_ids(questions: Iterable[Question]) -> set[str]:
    found: set[str] = set()
    for q in questions:
        found.update(q.outline)
        for choice in q.choix:
            found.update(choice.outline)
        found |= _question_ids(q.sous_questions)
    return found


def step_ids(step: Questionnaire) -> set[str]:
    """Ids carried by a step file: its own outline, its questions, sub-questions and choices."""
    return set(step.outline) | _question_ids(step.questions)


def _outline_values(node: Any) -> set[str]:
    """Every ``outline`` list found anywhere in a plain YAML tree (used for the rules file)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "outline" and isinstance(value, list):
                found.update(str(v) for v in value)
            else:
                found |= _outline_values(value)
    elif isinstance(node, list):
        for item in node:
            found |= _outline_values(item)
    return found


def rules_ids() -> set[str]:
    path = questionnaires_dir() / "regles.yaml"
    if not path.is_file():
        return set()
    return _outline_values(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def steps() -> dict[int, Questionnaire]:
    return dict(load_questionnaires().etapes)


@pytest.fixture(scope="module")
def carried(steps: dict[int, Questionnaire]) -> set[str]:
    found: set[str] = set()
    for step in steps.values():
        found |= step_ids(step)
    return found | rules_ids()


def test_parser_reads_bullet_heads_only() -> None:
    sample = (
        "## Chapter 1\n"
        "- C1.categories: four kinds:\n"
        "  - mecenat: varied support\n"
        "- E3.criteres_ong (what a company checks): skills\n"
        "- T.preparation: six to nine months\n"
        "Some prose mentioning E4.duree: not a bullet.\n"
    )
    assert parse_outline_ids(sample) == ["C1.categories", "E3.criteres_ong", "T.preparation"]


def test_ids_copy_is_well_formed() -> None:
    ids = known_ids()
    assert len(ids) >= 60
    assert len(ids) == len(set(ids)), "duplicate ids in the copy"
    bad = [i for i in ids if not _ID_SHAPE.match(i)]
    assert not bad, f"malformed ids: {bad}"
    for prefix in ["C1.", *(f"E{n}." for n in range(1, 8)), "T."]:
        assert any(i.startswith(prefix) for i in ids), f"no id starting with {prefix}"


@pytest.mark.skipif(not OUTLINE_MD.is_file(), reason="shared spec folder not available")
def test_ids_copy_matches_spec() -> None:
    parsed = parse_outline_ids(OUTLINE_MD.read_text(encoding="utf-8"))
    assert parsed == known_ids(), (
        "tests/data/guide-outline-ids.txt differs from guide-outline.md; regenerate the copy"
    )


def test_every_outline_id_is_carried(carried: set[str]) -> None:
    missing = sorted(set(known_ids()) - carried)
    assert not missing, f"outline elements carried by no question, choice or rule: {missing}"


def test_no_unknown_outline_id_is_cited(carried: set[str]) -> None:
    unknown = sorted(carried - set(known_ids()))
    assert not unknown, f"unknown outline ids cited: {unknown}"


def test_each_file_cites_only_known_ids(steps: dict[int, Questionnaire]) -> None:
    known = set(known_ids())
    for number, step in steps.items():
        unknown = sorted(step_ids(step) - known)
        assert not unknown, f"step {number} cites unknown ids: {unknown}"


@pytest.mark.parametrize("number", range(1, 8))
def test_step_carries_its_own_elements(steps: dict[int, Questionnaire], number: int) -> None:
    assert number in steps, f"questionnaire for step {number} is missing"
    expected = {i for i in known_ids() if i.startswith(f"E{number}.")}
    assert expected, f"no E{number}.* ids in the outline copy"
    missing = sorted(expected - step_ids(steps[number]))
    assert not missing, f"step {number} does not carry: {missing}"
