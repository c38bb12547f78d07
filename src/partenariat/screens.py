"""Which questions share one screen, and what a screen needs to check its answers.

A questionnaire that declares ``sections`` (step 4) is filled one screen at a time rather than one
question at a time: the short questions that follow each other in a section share a form, and a
list is filled on one screen, one block of fields per item. Conditions (``si``) are re-read as
the person types, so a field appears only when the answers above it call for it. A question whose
computed default reads another question of the same form starts a new form: its default is
computed from a saved answer, never guessed.

The screen is only a description; the wizard applies and saves its answers, the prompter draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from partenariat.dependencies import references
from partenariat.questionnaire import Element, Question, Questionnaire

Values = dict[str, Any]
# (block index, question id) → a French message shown under the field
Problems = dict[tuple[int, str], str]


@dataclass
class Screen:
    """What the prompter shows: a header, a question, blocks of fields (one for a form of short
    questions; one per item for a list), and callbacks into the wizard's rules."""

    where: str
    message: str
    fields: list[Question]
    blocks: list[Values]
    defaults: Values = field(default_factory=dict)
    allowed: dict[str, list[str] | None] = field(default_factory=dict)
    noun: Element | None = None
    minimum: int = 0
    maximum: int | None = None
    profil: str = ""
    # Which fields of a block apply, given the block's answers so far (the ``si`` conditions).
    visible: Callable[[Values], list[Question]] = lambda values: []
    # Checks across answers (dates in order, a split that adds up), once each field is valid.
    check: Callable[[list[Values]], Problems] = lambda blocks: {}
    # Called with the finished blocks when a list item is added: what is done is saved at once.
    keep: Callable[[list[Values]], None] = lambda blocks: None
    # How many items « Ajouter » saved (what an interrupted list keeps).
    kept: int = 0

    @property
    def repeated(self) -> bool:
        return self.noun is not None


def group_questions(quest: Questionnaire) -> list[list[Question]]:
    """The step's questions in screens: each list alone; consecutive other questions of one
    section together, cut where a computed default reads a question of the same screen (or a
    grid comes, which keeps its own menus)."""
    groups: list[list[Question]] = []
    current: list[Question] = []
    for q in quest.questions:
        own = {c.id for c in current}
        reads_current = any(
            where is None and name in own for where, name in references(q.defaut_expr)
        )
        lone = q.type in ("liste", "grille")
        if current and (lone or reads_current or q.section != current[-1].section):
            groups.append(current)
            current = []
        current.append(q)
        if lone:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups
