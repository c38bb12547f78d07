"""The checks a questionnaire file passes beyond its schema: ids, choices, lists, sections, the
expressions' syntax, and (once every step is read) the dates and facts one step borrows from
another, the names the expressions read and the defaults they copy. Each problem is named with
its place in the file, so the loader can give its line.
"""

from __future__ import annotations

import re
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partenariat.errors import InvalidFileError
from partenariat.expressions import check_syntax
from partenariat.jinja_reads import ITEM, STEPS, copied_paths, expression_reads
from partenariat.references import Scope, _step_questions, question_scope
from partenariat.values import TYPES
from partenariat.vocabulary import answer_path
from partenariat.yamlio import LineMap, repeats

if TYPE_CHECKING:
    from partenariat.questionnaire import Question, Questionnaire, Questionnaires

Problems = list[tuple[tuple[str | int, ...], str]]

CHOICE_TYPES = frozenset(name for name, kind in TYPES.items() if kind.choices)
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Names that would shadow dict methods in ``etape4.items``-style template access.
RESERVED_IDS = frozenset(
    {"items", "keys", "values", "get", "pop", "popitem", "update", "copy", "clear", "setdefault"}
)


def check_question(
    q: Question, loc: tuple[str | int, ...], siblings: dict[str, Question], nested: bool
) -> list[tuple[tuple[str | int, ...], str]]:
    errors: list[tuple[tuple[str | int, ...], str]] = []

    def err(field: str | None, message: str) -> None:
        errors.append(((*loc, field) if field else loc, f"question « {q.id} » : {message}"))

    if not ID_PATTERN.match(q.id):
        err("id", "identifiant invalide (minuscules, chiffres et _ sans accent)")
    if q.id in RESERVED_IDS:
        err("id", "identifiant réservé, choisissez-en un autre")
    if q.type in CHOICE_TYPES:
        same_step_parmi = q.choix_parmi if q.choix_parmi and "." not in q.choix_parmi else None
        if not q.choix and not q.choix_de and not same_step_parmi:
            err(
                "choix",
                "une liste « choix » (ou « choix_de », « choix_parmi ») est nécessaire pour ce type",
            )
        if q.choix and q.choix_de:
            err("choix_de", "« choix » et « choix_de » ne vont pas ensemble")
        if q.choix_de and q.choix_de not in siblings:
            err("choix_de", f"aucune question « {q.choix_de} » dans cette étape")
        for i, value in repeats(c.valeur for c in q.choix):
            errors.append(
                (
                    (*loc, "choix", i, "valeur"),
                    f"question « {q.id} » : valeur « {value} » en double",
                )
            )
    elif q.choix or q.choix_de:
        err("choix", f"le type « {q.type} » ne prend pas de choix")
    if q.choix_parmi and q.type not in ("choix", "choix_multiples"):
        err("choix_parmi", "réservé aux types choix et choix_multiples")
    if q.choix_parmi and "." not in q.choix_parmi and q.choix_parmi not in siblings:
        err("choix_parmi", f"aucune question « {q.choix_parmi} » dans cette étape")
    if q.type == "liste":
        if nested:
            err("type", "une liste ne peut pas contenir une autre liste")
        if not q.sous_questions:
            err("sous_questions", "une liste a besoin de sous-questions")
        if q.element is None:
            err(
                "element",
                "une liste déclare le nom de ses éléments avec son genre et son pluriel : "
                "element: {nom: action, genre: f, pluriel: actions}",
            )
        inner = {s.id: s for s in q.sous_questions}
        for i, sid in repeats(s.id for s in q.sous_questions):
            errors.append(((*loc, "sous_questions", i, "id"), f"sous-question « {sid} » en double"))
        for i, sub in enumerate(q.sous_questions):
            errors += check_question(
                sub, (*loc, "sous_questions", i), {**siblings, **inner}, nested=True
            )
    elif q.sous_questions:
        err("sous_questions", "seul le type liste a des sous-questions")
    elif q.element is not None:
        err("element", "réservé au type liste")
    if q.motif:
        if q.type != "texte":
            err("motif", "réservé au type texte")
        try:
            re.compile(q.motif)
        except re.error as exc:
            err("motif", f"expression régulière invalide : {exc}")
    if q.apres:
        if q.type != "date":
            err("apres", "réservé au type date")
        head, dot, _ = q.apres.partition(".")
        if not dot:
            other = siblings.get(q.apres)
            if other is None:
                err("apres", f"aucune question « {q.apres} » dans cette étape")
            elif other.type != "date":
                err("apres", f"« {q.apres} » n'est pas une date")
        elif not re.fullmatch(r"etape[1-7]", head):
            err("apres", "une date de la même étape (« date_debut ») ou « etapeN.id » est attendue")
    if q.reprise and not re.fullmatch(r"etape[1-7]\.[a-z][a-z0-9_]*", q.reprise):
        err(
            "reprise",
            "« etapeN.id » attendu : la question d'une autre étape où ce fait est demandé",
        )
    if q.somme_de:
        if q.type != "montants_annuels":
            err("somme_de", "réservé au type montants_annuels")
        elif not nested:
            err("somme_de", "réservé aux sous-questions d'une liste")
        elif q.somme_de not in siblings or siblings[q.somme_de].type != "montant":
            err(
                "somme_de",
                f"aucune sous-question « {q.somme_de} » de type montant dans cette liste",
            )
    if q.min is not None and q.max is not None and q.min > q.max:
        err("min", "min est plus grand que max")
    if q.defaut is not None and q.defaut_expr:
        err("defaut_expr", "« defaut » et « defaut_expr » ne vont pas ensemble")
    for field in ("si", "defaut_expr"):
        expr = getattr(q, field)
        if expr:
            problem = check_syntax(expr)
            if problem:
                err(field, problem)
    return errors


def cross_check(questions: list[tuple[int, Question]]) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks across questions (unique ids, references, expressions), by position in the file."""
    errors: list[tuple[tuple[str | int, ...], str]] = []
    siblings: dict[str, Question] = {q.id: q for _, q in questions}
    for position, qid in repeats(q.id for _, q in questions):
        errors.append(
            (("questions", questions[position][0], "id"), f"identifiant « {qid} » en double")
        )
    for i, q in questions:
        errors += check_question(q, ("questions", i), siblings, nested=False)
    return errors


def check_sections(quest: Questionnaire) -> list[tuple[tuple[str | int, ...], str]]:
    """Declared sections: ids known, in the declared order. A question without ``section``
    belongs to the section of the question before it, so only a section's first question
    names it (the first question of the step must)."""
    errors: list[tuple[tuple[str | int, ...], str]] = []
    declared = [s.id for s in quest.sections]
    for position, sid in repeats(declared):
        errors.append((("sections", position, "id"), f"section « {sid} » en double"))
    position = -1
    for i, q in enumerate(quest.questions):
        for j, sub in enumerate(q.sous_questions):
            if sub.section:
                errors.append(
                    (
                        ("questions", i, "sous_questions", j, "section"),
                        f"question « {sub.id} » : une sous-question suit la section de sa liste",
                    )
                )
        if q.section is None:
            if declared and i == 0:
                errors.append(
                    (
                        ("questions", i),
                        f"question « {q.id} » : la première question dit sa section "
                        f"({', '.join(declared)})",
                    )
                )
            continue
        if not declared or q.section not in declared:
            errors.append(
                (
                    ("questions", i, "section"),
                    f"question « {q.id} » : section « {q.section} » non déclarée dans « sections »",
                )
            )
            continue
        index = declared.index(q.section)
        if index < position:
            errors.append(
                (
                    ("questions", i, "section"),
                    f"question « {q.id} » : les sections se suivent dans l'ordre de « sections »",
                )
            )
        position = max(position, index)
    return errors


def partial_cross_check(data: Any, lines: LineMap) -> list[tuple[int | None, str]]:
    """Cross-checks over the questions that are valid on their own, when the file as a whole is not."""
    from pydantic import ValidationError

    from partenariat.questionnaire import Question

    raw_questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(raw_questions, list):
        return []
    valid: list[tuple[int, Question]] = []
    for i, raw in enumerate(raw_questions):
        try:
            valid.append((i, Question.model_validate(raw)))
        except ValidationError:
            continue
    problems = cross_check(valid)
    return with_lines(problems, lines)


def with_lines(
    problems: list[tuple[tuple[str | int, ...], str]], lines: LineMap
) -> list[tuple[int | None, str]]:
    return sorted(((lines.line_for(loc), msg) for loc, msg in problems), key=lambda e: e[0] or 0)


def check_cross_step_dates(
    etapes: dict[int, Questionnaire], paths: dict[int, Path]
) -> list[InvalidFileError]:
    """``apres: etapeN.id`` names a date question of another step: checked once all are read."""
    failures: list[InvalidFileError] = []
    for n, quest in etapes.items():
        problems: list[tuple[int | None, str]] = []
        for q in quest.questions:
            if q.reprise:
                home_n, qid = answer_path(q.reprise) or (0, "")
                home_step = etapes.get(home_n)
                home = home_step.question(qid) if home_step else None
                if home is None or home.type != q.type or home_n == n:
                    problems.append(
                        (
                            None,
                            f"question « {q.id} » : reprise « {q.reprise} » ne désigne aucune "
                            f"question « {q.type} » d'une autre étape",
                        )
                    )
            for item in [q, *q.sous_questions]:
                if not item.apres or "." not in item.apres:
                    continue
                other_n, qid = answer_path(item.apres) or (0, "")
                other_step = etapes.get(other_n)
                other = other_step.question(qid) if other_step else None
                if other is None or other.type != "date":
                    problems.append(
                        (
                            None,
                            f"question « {item.id} » : apres « {item.apres} » ne désigne aucune date",
                        )
                    )
        if problems:
            failures.append(InvalidFileError(paths[n], problems, "Questionnaire"))
    return failures


def check_questionnaires(
    questionnaires: Questionnaires,
) -> dict[int, list[tuple[tuple[str | int, ...], str]]]:
    """Per step: (location in the file, message) for every name its expressions read in vain."""
    result: dict[int, list[tuple[tuple[str | int, ...], str]]] = {}
    for n, quest in questionnaires.etapes.items():
        errors: list[tuple[tuple[str | int, ...], str]] = []
        for i, q in enumerate(quest.questions):
            scope = question_scope(questionnaires, n)
            errors += _question_problems(q, ("questions", i), scope)
            errors += _default_problems(q, ("questions", i), scope, q.interne)
            for j, sub in enumerate(q.sous_questions):
                loc = ("questions", i, "sous_questions", j)
                inner = question_scope(questionnaires, n, q)
                errors += _question_problems(sub, loc, inner)
                errors += _default_problems(sub, loc, inner, q.interne or sub.interne, q)
        if errors:
            result[n] = errors
    return result


def _question_problems(
    q: Question, loc: tuple[str | int, ...], scope: Scope
) -> list[tuple[tuple[str | int, ...], str]]:
    from jinja2 import TemplateSyntaxError

    errors: list[tuple[tuple[str | int, ...], str]] = []
    for field in ("si", "defaut_expr", "choix_parmi"):
        source = getattr(q, field)
        if not source:
            continue
        try:
            found = expression_reads(source)
        except TemplateSyntaxError:
            continue  # reported by the syntax check
        for _line, message in scope.problems(found, f"question « {q.id} », {field}"):
            errors.append(((*loc, field), message))
    return errors


def _default_problems(
    q: Question,
    loc: tuple[str | int, ...],
    scope: Scope,
    interne: bool,
    parent: Question | None = None,
) -> list[tuple[tuple[str | int, ...], str]]:
    """Defaults that would decide for the person, or carry an internal answer to the partner.

    A yes/no default puts the cursor on « Oui » or « Non »: pressing Entrée would settle a clause
    or a commitment nobody thought about, so yes/no questions start undecided. And a shareable
    question whose computed default copies an internal answer (``diffusion: interne``) would,
    once the default is accepted, send to the partner what the organisation keeps to itself."""
    from jinja2 import TemplateSyntaxError

    errors: list[tuple[tuple[str | int, ...], str]] = []
    if q.type == "oui_non":
        for field in ("defaut", "defaut_expr"):
            if getattr(q, field) is not None:
                errors.append(
                    (
                        (*loc, field),
                        f"question « {q.id} » : une question oui/non n'a pas de valeur par "
                        "défaut (Entrée déciderait à la place de la personne) ; retirez "
                        f"« {field} »",
                    )
                )
    if interne:
        return errors
    copied: list[tuple[tuple[str, ...], str]] = []
    if q.reprise:
        copied.append((tuple(q.reprise.split(".")), "reprise"))
    if q.defaut_expr:
        with suppress(TemplateSyntaxError):  # a syntax error is reported by its own check
            copied += [(path, "defaut_expr") for path in copied_paths(q.defaut_expr)]
    for path, field in copied:
        source = _internal_source(path, scope, parent)
        if source:
            errors.append(
                (
                    (*loc, field),
                    f"question « {q.id} », {field} : reprend « {source} », une réponse interne "
                    "(diffusion: interne) ; une question transmise au partenaire ne peut pas la "
                    "reprendre",
                )
            )
    return errors


def _internal_source(path: tuple[str, ...], scope: Scope, parent: Question | None) -> str | None:
    """The answer ``path`` names, when it is internal (itself, or a sub-question of an internal
    list); None otherwise."""
    head = path[0]
    if head in STEPS and len(path) > 1:
        questions = _step_questions(scope.questionnaires, head) or {}
        target = questions.get(path[1])
        name = f"{head}.{path[1]}"
    elif head in scope.bare:
        target = scope.bare[head]
        name = head
        if parent is not None and target in parent.sous_questions and parent.interne:
            return name
    else:
        return None
    if target is None:
        return None
    if target.interne:
        return name
    if target.type == "liste" and len(path) > 2 and path[2] != ITEM:
        sub = next((s for s in target.sous_questions if s.id == path[2]), None)
        if sub is not None and sub.interne:
            return f"{name}.{sub.id}"
    return None
