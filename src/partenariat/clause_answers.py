"""How a clause reads the project's answers: the questions that apply, the items one party
brings, and the answers that put the decision off.

Shared by the clause levels (checklist.py), the confirmations' fingerprints (confirmations.py),
the comparison of the two sides and the documents' views, so that all of them read a clause's
answers the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.questionnaire import Question, Questionnaires


def active_ids(
    project: Project, questionnaires: Questionnaires, ctx: dict[str, Any]
) -> dict[int, dict[str, Question]]:
    """The questions that apply to this project, by step and id (a clause skips the others)."""
    from partenariat.answers import active_questions, step_scope

    result: dict[int, dict[str, Question]] = {}
    for n, quest in questionnaires.etapes.items():
        scope = step_scope(ctx, n, project.answers(n))
        result[n] = {q.id: q for q in active_questions(quest, scope, project.profil)}
    return result


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .!…").casefold()


@lru_cache(maxsize=8)
def _waiting(texts: tuple[str, ...]) -> frozenset[str]:
    """The catalogue's « À définir » texts, normalised once (a checklist asks a thousand times)."""
    return frozenset(_normalise(t) for t in texts)


def deferred(q: Question, value: Any, waiting_texts: Sequence[str]) -> bool:
    """Whether an answer puts the decision off: a choice marked ``differe``, or a text such as
    « À définir » (the catalogue's ``textes_en_attente``), also inside a repeated group."""
    if value is None:
        return False
    waiting = _waiting(tuple(waiting_texts))
    if q.type in ("choix", "choix_multiples"):
        values = value if isinstance(value, list) else [value]
        marked = {c.valeur for c in q.choix if c.differe}
        return any(v in marked for v in values)
    if q.type in ("texte", "texte_long") and isinstance(value, str):
        return _normalise(value) in waiting
    if q.type == "liste" and isinstance(value, list):
        subs = {sub.id: sub for sub in q.sous_questions}
        return any(
            deferred(subs[k], v, waiting_texts)
            for item in value
            if isinstance(item, dict)
            for k, v in item.items()
            if k in subs
        )
    return False


def item_party(get: Any) -> str | None:
    """Which party brings an item of a repeated group, from its sub-answers (``get(name)``):
    ``apporte_par`` or ``partie``, or the direction of a money flow (``sens``)."""
    for field_name in ("apporte_par", "partie"):
        value = get(field_name)
        if value in ("entreprise", "association"):
            return str(value)
    sens = get("sens")
    if isinstance(sens, str) and "_vers_" in sens:
        return sens.split("_vers_", 1)[0]
    return None


def for_party(value: Any, q: Question, partie: str | None) -> Any:
    """The items of a repeated group brought by ``partie`` (all of them when no party is asked)."""
    if partie is None or q.type != "liste" or not isinstance(value, list):
        return value
    keys = {sub.id for sub in q.sous_questions} & {"apporte_par", "partie", "sens"}
    if not keys:
        return value
    return [item for item in value if isinstance(item, dict) and item_party(item.get) == partie]
