"""Which questions apply to a project, what has been answered, and the context expressions see.

Conditions may hide a question after it was answered (the user changed an earlier answer); such
answers stay in the file but count nowhere: not in progress, not in documents, not in rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from partenariat.expressions import evaluate, is_true
from partenariat.french import is_missing
from partenariat.project import Project
from partenariat.questionnaire import Question, Questionnaire, Questionnaires


def base_context(project: Project) -> dict[str, Any]:
    return {
        "profil": project.profil,
        "organisation": {"nom": project.organisation.nom},
        "partenaire": {"nom": project.partenaire.nom},
        "projet": {
            "mis_a_jour": project.mis_a_jour.date().isoformat(),
            "cree_le": project.cree_le.date().isoformat(),
            "format": project.format,
            "outil": project.outil,
        },
    }


def is_answered(q: Question, answers: dict[str, Any], profil: str | None = None) -> bool:
    """Answered = present; an optional question skipped is stored as null and counts as answered.

    A repeated group counts once each of its items has every active required sub-answer.
    """
    if q.id not in answers:
        return False
    value = answers[q.id]
    if q.obligatoire and is_missing(value):
        return False
    if q.type == "liste" and isinstance(value, list):
        return all(not missing_in_item(q, item, {}, profil) for item in value)
    return True


def item_scope(context: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    return {**context, **item}


def missing_in_item(
    q: Question, item: dict[str, Any], context: dict[str, Any], profil: str | None
) -> list[Question]:
    scope = item_scope(context, item)
    return [
        sub
        for sub in q.sous_questions
        if sub.visible_for(profil) and is_true(sub.si, scope) and not is_answered(sub, item, profil)
    ]


def is_active(q: Question, scope: dict[str, Any], profil: str | None) -> bool:
    return q.visible_for(profil) and is_true(q.si, scope)


def active_questions(
    questionnaire: Questionnaire, context: dict[str, Any], profil: str | None
) -> list[Question]:
    """The questions that apply, given the answers so far (earlier answers only decide later ones)."""
    answers = context.get(f"etape{questionnaire.etape}") or {}
    scope = dict(context)
    result: list[Question] = []
    for q in questionnaire.questions:
        if is_active(q, scope, profil):
            result.append(q)
            if q.id in answers:
                scope[q.id] = answers[q.id]
    return result


def step_scope(context: dict[str, Any], etape: int, answers: dict[str, Any]) -> dict[str, Any]:
    """What a question of step ``etape`` sees: everything, plus its own step's answers by name."""
    return {**context, f"etape{etape}": answers, **answers}


def build_context(project: Project, questionnaires: Questionnaires) -> dict[str, Any]:
    """Context for conditions, rules and documents: every step's answers to active questions only."""
    context = base_context(project)
    for n in range(1, 8):
        context[f"etape{n}"] = dict(project.answers(n))
    for n, quest in questionnaires.etapes.items():
        raw = project.answers(n)
        scope = step_scope(context, n, raw)
        kept = {
            q.id: raw[q.id] for q in active_questions(quest, scope, project.profil) if q.id in raw
        }
        context[f"etape{n}"] = kept
    return context


@dataclass
class StepProgress:
    etape: int
    titre: str
    statut: str
    repondues: int
    obligatoires: int
    mis_a_jour: dt.datetime | None
    manquantes: list[Question] = field(default_factory=list)


def step_progress(
    project: Project, questionnaires: Questionnaires, context: dict[str, Any] | None = None
) -> list[StepProgress]:
    """Per step: required active questions answered, what is still missing."""
    context = context if context is not None else build_context(project, questionnaires)
    result: list[StepProgress] = []
    for n, quest in questionnaires.etapes.items():
        answers = project.answers(n)
        scope = step_scope(context, n, answers)
        active = active_questions(quest, scope, project.profil)
        required = [q for q in active if q.obligatoire]
        missing = [q for q in required if not is_answered(q, answers, project.profil)]
        state = project.etapes.get(str(n))
        result.append(
            StepProgress(
                etape=n,
                titre=quest.titre,
                statut=state.statut if state else "a_faire",
                repondues=len(required) - len(missing),
                obligatoires=len(required),
                mis_a_jour=state.mis_a_jour if state else None,
                manquantes=missing,
            )
        )
    return result


def compute_default(q: Question, scope: dict[str, Any]) -> Any:
    """The literal default, or the computed one; a failing expression simply gives no default."""
    if q.defaut_expr:
        from partenariat.expressions import ExpressionError

        try:
            return evaluate(q.defaut_expr, scope)
        except ExpressionError:
            return None
    return q.defaut


def allowed_values(q: Question, scope: dict[str, Any]) -> list[str] | None:
    """For ``choix_parmi``: only the options retained in an earlier multiple-choice answer."""
    if not q.choix_parmi:
        return None
    value = evaluate(q.choix_parmi, scope)
    if isinstance(value, list) and value:
        return [str(v) for v in value]
    return None


def verify(project: Project, questionnaires: Questionnaires) -> None:
    """Check a (possibly hand-edited) project's answers against the questionnaires, all at once.

    The schema only knows the file's layout; here each answer meets its question's type, so that
    « date_debut: demain » is named with its line instead of surfacing in a document.
    """
    from partenariat.errors import InvalidFileError
    from partenariat.values import AnswerError, check_value

    path, lines = project._source if project._source else (None, None)
    errors: list[tuple[int | None, str]] = []
    for key, state in project.etapes.items():
        quest = questionnaires.etapes.get(int(key))
        if quest is None:
            continue
        for qid, value in state.reponses.items():
            loc = ("etapes", key, "reponses", qid)
            line = lines.line_for(loc) if lines else None
            q = quest.question(qid)
            if q is None:
                errors.append((line, f"étape {key} : question « {qid} » inconnue"))
                continue
            try:
                check_value(q, value, project.profil)
            except AnswerError as exc:
                errors.append((line, f"étape {key}, « {qid} » : {exc}"))
    from partenariat.confirmations import confirmation_errors

    errors += confirmation_errors(project)
    if project.accords:
        from partenariat.comparison_points import agreement_errors

        errors += agreement_errors(project, questionnaires)
    if errors:
        raise InvalidFileError(path or "partenariat.yaml", errors, "Projet")
