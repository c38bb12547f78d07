"""The wizard's one loop over a step: what is unanswered is asked in order, one screen at a time,
conditions re-read after every screen.

A step without sections has one question per screen (a list asked item by item). A step with
sections (step 4) groups its questions in screens (see ``screens``): a section's short questions
on one form, each list on one screen. Each screen's answers go through the same checks as one
question asked alone (the value's own check in the form, then ``apres`` dates and per-year splits
here) and are saved as soon as the screen is saved; a list is also saved each time an item is
added. Editing from the review and answers « à revoir » keep the one-question path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from partenariat.answers import allowed_values, is_active, is_answered, item_scope
from partenariat.questionnaire import Question
from partenariat.screens import Problems, Screen, Values, group_questions
from partenariat.values import AnswerError, check_item

if TYPE_CHECKING:
    from partenariat.wizard import Wizard


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


def ask_screens(wizard: Wizard, n: int, ask_all: bool) -> None:
    """Every screen of step ``n`` that has an unanswered active question (all with ``ask_all``);
    a fact asked at another step (``reprise``) is shown, read-only, where it comes."""
    profil = wizard.profil
    quest = wizard.questionnaires[n]
    one_by_one = not quest.sections
    for group in group_questions(quest) if quest.sections else [[q] for q in quest.questions]:
        fields: list[Question] = []
        for q in group:
            if not q.visible_for(profil):
                continue
            if wizard._home_value(q) is not None:  # shown read-only, asked at its home
                if is_active(q, wizard._scope(n), profil) and (
                    ask_all or wizard._answers(n).get(q.id) != wizard._home_value(q)
                ):
                    wizard._ask(n, q, editing=False)
                continue
            fields.append(q)
        scope = wizard._scope(n)
        active = [q for q in fields if is_active(q, scope, profil)]
        answers = wizard._answers(n)
        if not active or (not ask_all and all(is_answered(q, answers, profil) for q in active)):
            continue
        if one_by_one or group[0].type == "grille":
            wizard._ask(n, group[0], editing=ask_all)
        elif group[0].type == "liste":
            _ask_list(wizard, n, group[0], scope)
        else:
            _ask_form(wizard, n, group, fields, scope)


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
        wizard._reviewed(n, q.id)
        wizard._give_home(q, values[q.id])  # a fact whose home step had no answer yet
        wizard._record(n, q.id, values[q.id], save=i == len(given))  # one write per screen


def _ask_list(wizard: Wizard, n: int, q: Question, scope: dict[str, Any]) -> None:
    from partenariat.entry_checks import safe_default

    profil = wizard.profil
    subs = [s for s in q.sous_questions if s.visible_for(profil)]

    def visible(values: Values) -> list[Question]:
        live = item_scope(scope, {k: v for k, v in values.items() if v is not None})
        return [s for s in subs if is_active(s, live, profil)]

    def check(blocks: list[Values]) -> Problems:
        problems: Problems = {}
        for i, item in enumerate(blocks):
            for sub in subs:
                problem = wizard.order_problem(n, sub, item.get(sub.id), {**scope, **item}, q)
                if problem:
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
    wizard._reviewed(n, q.id)
    keep(blocks)
