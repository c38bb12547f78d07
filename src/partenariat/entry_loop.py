"""The wizard's one loop over a step, whatever gives the answers: the keyboard (one question or one
screen at a time), an answers file (``--answers``) or the defaults alone (``--no-input``).

``walk`` goes through the step's screens in order, re-reading conditions after every screen: a
question that does not apply is skipped, a fact asked at another step (``reprise``) takes its
home's answer, and a screen with something to answer is handed to the source. The source only
says where answers come from; what happens to an answer is the same for all (``Wizard._accept``:
the value's check, ``apres`` dates and per-year splits from ``entry_checks``, no longer « à
revoir », kept and saved).

A step without sections has one question per screen (a list asked item by item). A step with
sections (step 4) groups its questions in screens (see ``screens``): a section's short questions
on one form, each list on one screen. From the keyboard, each screen is saved as soon as it is
saved, and a list each time an item is added; an answers file is saved once per step, after all
its answers have passed. Editing from the review and answers « à revoir » keep the one-question
path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from partenariat.answers import allowed_values, is_active, is_answered, item_scope
from partenariat.questionnaire import Question
from partenariat.screens import Problems, Screen, Values, group_questions
from partenariat.values import AnswerError, check_item

if TYPE_CHECKING:
    from partenariat.wizard import Wizard


class Source(Protocol):
    """Where the answers of a walk come from."""

    def wants(self, q: Question, answers: dict[str, Any], profil: str) -> bool:
        """Whether this active question is to be answered now."""

    def show_home(self, wizard: Wizard, n: int, q: Question, home: Any) -> None:
        """A fact answered at its home step, where it comes in this step."""

    def fill(
        self,
        wizard: Wizard,
        n: int,
        group: list[Question],
        fields: list[Question],
        scope: dict[str, Any],
    ) -> None:
        """Answer the screen's ``fields`` (those of ``group`` asked here) through ``_accept``;
        ``scope`` holds the answers as they stand when the screen comes."""


def screens_of(wizard: Wizard, n: int) -> list[list[Question]]:
    """The step's screens: grouped by section where the step declares them, else one each."""
    quest = wizard.questionnaires[n]
    return group_questions(quest) if quest.sections else [[q] for q in quest.questions]


def walk(wizard: Wizard, n: int, source: Source) -> None:
    """Every screen of step ``n`` the source has something to answer on, in order."""
    profil = wizard.profil
    for group in screens_of(wizard, n):
        fields: list[Question] = []
        for q in group:
            if not q.visible_for(profil):
                continue
            home = wizard._home_value(q)
            if home is not None:  # shown read-only, asked at its home
                if is_active(q, wizard._scope(n), profil):
                    source.show_home(wizard, n, q, home)
                continue
            fields.append(q)
        scope = wizard._scope(n)
        answers = wizard._answers(n)
        if any(source.wants(q, answers, profil) for q in fields if is_active(q, scope, profil)):
            source.fill(wizard, n, group, fields, scope)


class Keyboard:
    """Answers typed: one question at a time, or a form or list screen in a step with sections.
    ``ask_all`` asks again what is answered (``--review``)."""

    def __init__(self, ask_all: bool = False) -> None:
        self.ask_all = ask_all

    def wants(self, q: Question, answers: dict[str, Any], profil: str) -> bool:
        return self.ask_all or not is_answered(q, answers, profil)

    def show_home(self, wizard: Wizard, n: int, q: Question, home: Any) -> None:
        if self.ask_all or wizard._answers(n).get(q.id) != home:
            wizard._ask(n, q, editing=False)

    def fill(
        self,
        wizard: Wizard,
        n: int,
        group: list[Question],
        fields: list[Question],
        scope: dict[str, Any],
    ) -> None:
        if not wizard.questionnaires[n].sections or group[0].type == "grille":
            wizard._ask(n, group[0], editing=self.ask_all)
        elif group[0].type == "liste":
            _ask_list(wizard, n, group[0], scope)
        else:
            _ask_form(wizard, n, group, fields, scope)


def screen_where(wizard: Wizard, n: int, group: list[Question], label: str | None = None) -> str:
    """« Étape 4 · Section 2/5 — Objectifs et actions · écran 2 sur 3 »: counted over the
    screens that hold a counted question, so the total does not grow as one answers."""
    quest = wizard.questionnaires[n]
    counted = {q.id for q in wizard._counted(n)}
    groups = [g for g in group_questions(quest) if any(q.id in counted for q in g)]
    sections = [s for s in quest.sections if any(g[0].section == s.id for g in groups)]
    section = group[0].section
    number = next((i for i, s in enumerate(sections, 1) if s.id == section), 1)
    titre = next((s.titre for s in sections if s.id == section), section or "")
    mine = [g for g in groups if g[0].section == section]
    index = next((i for i, g in enumerate(mine, 1) if g[0].id == group[0].id), len(mine))
    head = f"Étape {n} · Section {number}/{len(sections)} — {titre} · écran {index} sur {len(mine)}"
    return head + (f" · {label}" if label else "")


def question_where(wizard: Wizard, n: int, q: Question) -> str:
    """The header of one question of a step with sections, asked alone (from the review)."""
    group = next((g for g in group_questions(wizard.questionnaires[n]) if q in g), [q])
    where = screen_where(wizard, n, group, q.label)
    if wizard._home_value(q) is not None:  # a fact shown from its home step: no screen number
        return f"{where.partition(' · écran ')[0]} · {q.label}"
    return where


def _ask_form(
    wizard: Wizard, n: int, group: list[Question], fields: list[Question], scope: dict[str, Any]
) -> None:
    from partenariat.entry_checks import safe_default

    profil = wizard.profil
    answers = wizard._answers(n)

    def visible(values: Values) -> list[Question]:
        live = {**scope, **{k: v for k, v in values.items() if v is not None}}
        return [q for q in fields if is_active(q, live, profil)]

    def check(blocks: list[Values]) -> Problems:
        live = {**scope, **blocks[0]}
        problems: Problems = {}
        for q in fields:
            problem = wizard.order_problem(n, q, blocks[0].get(q.id), live)
            if problem:
                problems[(0, q.id)] = problem
        return problems

    def keep(blocks: list[Values]) -> None:
        _keep_form(wizard, n, fields, blocks)

    screen = Screen(
        where=screen_where(wizard, n, group),
        message=next(
            (s.titre for s in wizard.questionnaires[n].sections if s.id == group[0].section),
            group[0].question,
        ),
        fields=fields,
        blocks=[{q.id: answers[q.id] for q in fields if answers.get(q.id) is not None}],
        defaults={q.id: safe_default(q, scope, profil) for q in fields},
        allowed={q.id: allowed_values(q, scope) for q in fields},
        profil=profil,
        visible=visible,
        check=check,
        keep=keep,
    )
    [values] = wizard.prompter.form(screen)
    keep([values])


def _keep_form(wizard: Wizard, n: int, fields: list[Question], blocks: list[Values]) -> None:
    """A form's answers (all of them, or those an interrupted form kept), in one write."""
    values = blocks[0] if blocks else {}
    given = [q for q in fields if q.id in values]
    for i, q in enumerate(given, 1):
        wizard._accept(n, q, values[q.id], save=i == len(given))  # one write per screen


def _ask_list(wizard: Wizard, n: int, q: Question, scope: dict[str, Any]) -> None:
    from partenariat.entry_checks import item_order_problems, safe_default

    profil = wizard.profil
    subs = [s for s in q.sous_questions if s.visible_for(profil)]

    def visible(values: Values) -> list[Question]:
        live = item_scope(scope, {k: v for k, v in values.items() if v is not None})
        return [s for s in subs if is_active(s, live, profil)]

    def check(blocks: list[Values]) -> Problems:
        problems: Problems = {}
        for i, item in enumerate(blocks):
            for sub, problem in item_order_problems(wizard.questionnaires, n, q, item, scope, subs):
                problems[(i, sub.id)] = problem
            try:
                check_item(q, item)
            except AnswerError as exc:
                split = next((s.id for s in subs if s.somme_de), subs[0].id)
                problems[(i, split)] = str(exc)
        return problems

    def keep(blocks: list[Values]) -> None:
        wizard._record(n, q.id, [dict(item) for item in blocks])

    items = [dict(item) for item in wizard._answers(n).get(q.id) or [] if isinstance(item, dict)]
    screen = Screen(
        where=screen_where(wizard, n, [q], q.label),
        message=q.question,
        fields=subs,
        blocks=items,
        defaults={s.id: safe_default(s, scope, profil) for s in subs},
        allowed={s.id: allowed_values(s, scope) for s in subs},
        noun=q.noun,
        minimum=int(q.min or (1 if q.obligatoire else 0)),
        maximum=int(q.max) if q.max is not None else None,
        profil=profil,
        visible=visible,
        check=check,
        keep=keep,
    )
    blocks = wizard.prompter.form(screen)
    wizard._accept(n, q, [dict(item) for item in blocks])
