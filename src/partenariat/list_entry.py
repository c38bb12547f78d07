"""A list asked item by item, field by field: the path kept for editing a list from the review
(a menu: add, change or delete an item) and for steps without sections, where each field is
one question. Every field answered is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from partenariat.answers import is_active, is_answered, item_scope
from partenariat.questionnaire import Question
from partenariat.values import AnswerError, check_item

if TYPE_CHECKING:
    from partenariat.wizard import Wizard


def ask_list(wizard: Wizard, n: int, q: Question, editing: bool) -> None:
    wizard._reviewed(n, q.id)
    items: list[dict[str, Any]] = list(wizard._answers(n).get(q.id) or [])
    where = wizard._where(n, q)
    for i in range(len(items)):
        fill_item(wizard, n, q, items, i, where, only_missing=True)
    if editing and items:
        list_menu(wizard, n, q, items, where)
        return
    if not items:
        if not q.obligatoire and not wizard.prompter.confirm(
            f"{q.question}\nVoulez-vous saisir {q.noun.un()} ?", default=True
        ):
            wizard._record(n, q.id, [])
            return
        add_item(wizard, n, q, items, where)
    minimum = int(q.min or 1)
    while (len(items) < minimum or wizard.prompter.ask_more(q, len(items))) and (
        q.max is None or len(items) < q.max
    ):
        add_item(wizard, n, q, items, where)


def list_menu(wizard: Wizard, n: int, q: Question, items: list[dict[str, Any]], where: str) -> None:
    while True:
        action, index = wizard.prompter.list_menu(q, items)
        if action == "ajouter":
            add_item(wizard, n, q, items, where)
        elif action == "modifier":
            fill_item(wizard, n, q, items, index, where, only_missing=False)
        elif action == "supprimer":
            del items[index]
            wizard._record(n, q.id, items)
        else:
            return


def add_item(wizard: Wizard, n: int, q: Question, items: list[dict[str, Any]], where: str) -> None:
    items.append({})
    wizard._record(n, q.id, items)
    fill_item(wizard, n, q, items, len(items) - 1, where, only_missing=True)


def fill_item(
    wizard: Wizard,
    n: int,
    q: Question,
    items: list[dict[str, Any]],
    index: int,
    where: str,
    only_missing: bool,
) -> None:
    item = items[index]
    base: dict[str, Any] | None = None  # built once per item, and only if something is asked
    for sub in q.sous_questions:
        if only_missing and is_answered(sub, item, wizard.profil):
            continue
        if base is None:
            base = wizard._scope(n)
        scope = item_scope(base, item)
        if not is_active(sub, scope, wizard.profil):
            continue
        label = f"{where} · {q.noun.nom} {index + 1} · {sub.label}"
        while True:
            value = wizard._ask_checked(n, sub, item.get(sub.id), scope, label, q)
            if not sub.somme_de:
                break
            try:
                check_item(q, {**item, sub.id: value})
                break
            except AnswerError as exc:
                # Named and asked again; the inconsistent split is never saved.
                wizard.prompter.notify(str(exc), "bold red")
        item[sub.id] = value
        for other in q.sous_questions:
            # A changed total makes a split that no longer adds up stale: ask it again.
            if other.somme_de == sub.id and other.id in item:
                try:
                    check_item(q, item)
                except AnswerError:
                    del item[other.id]
        wizard._record(n, q.id, items)
