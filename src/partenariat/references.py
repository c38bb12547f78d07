"""Every id that content names, checked against the questions that exist.

A misspelt id in a condition is not an error Jinja reports: an undefined name is simply false, so
the question is never asked, the rule never fires, the clause never settles. Each expression,
rule message and template is therefore parsed with Jinja's own parser (``jinja_reads``), and
every name and attribute path it reads (``etape4.duree_mois``, ``lisible.etape7.indicateurs``, a
bare ``contribution_financiere`` in its own step) is looked up here in the questionnaires. Problems come
back as (location, message) pairs so that each loader reports them with its file's lines, all
at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partenariat.jinja_reads import ITEM, STEPS, Read, copied_paths, expression_reads

if TYPE_CHECKING:
    from partenariat.questionnaire import Question, Questionnaires

# What ``answers.base_context`` gives every expression, with the attributes it has.
BASE_NAMES: dict[str, frozenset[str] | None] = {
    "profil": None,
    "organisation": frozenset({"nom"}),
    "partenaire": frozenset({"nom"}),
    "projet": frozenset({"mis_a_jour", "cree_le", "format", "outil"}),
}
# Jinja's own globals, usable everywhere.
JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})


# What a document's view of a list item offers besides its sub-questions (``views.VueElement``).
ITEM_ATTRIBUTES = frozenset({"numero", "brut"})


# --------------------------------------------------------------------------------------------
# Resolution


def _step_questions(questionnaires: Questionnaires, step: str) -> dict[str, Question] | None:
    if step not in STEPS:
        return None
    quest = questionnaires.etapes.get(int(step[5:]))
    # A step whose file failed to load has its own errors: do not add « unknown » ones for it.
    return {q.id: q for q in quest.questions} if quest else {}


def check_answer_path(path: Iterable[str], questionnaires: Questionnaires) -> str | None:
    """``etapeN.id`` (and a sub-question of a list after it): None if it exists, else why not."""
    parts = list(path)
    if not parts:
        return "chemin vide"
    questions = _step_questions(questionnaires, parts[0])
    if questions is None:
        return f"« {parts[0]} » n'est pas une étape (etape1 à etape7)"
    if len(parts) < 2 or not questions:
        return None
    q = questions.get(parts[1])
    if q is None:
        return f"aucune question « {parts[1]} » à l'{_step_label(parts[0])}" + _did_you_mean(
            parts[1], questions
        )
    if len(parts) > 2 and q.type == "liste":
        subs = {s.id for s in q.sous_questions}
        if parts[2] not in subs:
            return f"aucune sous-question « {parts[2]} » dans « {parts[0]}.{parts[1]} »" + (
                _did_you_mean(parts[2], subs)
            )
    return None


def _step_label(step: str) -> str:
    return f"étape {step[5:]}"


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


@dataclass
class Scope:
    """The names an expression may read and what each one's attributes must be."""

    questionnaires: Questionnaires
    bare: dict[str, Question]  # question ids readable by their bare name (own step, list item)
    extra: frozenset[str] = frozenset()  # other names (functions, rule helpers, variables)
    tables: frozenset[str] | None = None  # rule tables' names, when ``tables`` is in scope
    steps: bool = True  # etape1…etape7 readable

    def problems(self, found: Iterable[Read], what: str) -> Iterator[tuple[int, str]]:
        """(line, French message) for each name or attribute path that does not exist."""
        for read in found:
            message = self._problem(read)
            if message:
                yield read.line, f"{what} : {message}"

    def _problem(self, read: Read) -> str | None:
        from partenariat.expressions import FUNCTIONS

        head, attrs = read.path[0], read.path[1:]
        if self.steps and head in STEPS:
            return check_answer_path(read.path[:3], self.questionnaires)
        if head in BASE_NAMES:
            allowed = BASE_NAMES[head]
            if attrs and allowed is not None and attrs[0] not in allowed:
                return f"« {head}.{attrs[0]} » n'existe pas ({', '.join(sorted(allowed))})"
            return None
        if head in self.bare:
            q = self.bare[head]
            if attrs and q.type == "liste" and attrs[0] not in {s.id for s in q.sous_questions}:
                return f"aucune sous-question « {attrs[0]} » dans « {head} »"
            return None
        if head == "tables" and self.tables is not None:
            if attrs and attrs[0] not in self.tables:
                return f"aucune table « {attrs[0]} » (tables : {', '.join(sorted(self.tables))})"
            return None
        if head == "statuts" and "statuts" in self.extra:
            if attrs and attrs[0] not in STEPS:
                return f"« statuts.{attrs[0]} » : etape1 à etape7 attendu"
            return None
        if head == "libelle" and "libelle" in self.extra:
            if read.call_args:
                problem = check_answer_path(read.call_args[0].split("."), self.questionnaires)
                if problem:
                    return f"libelle('{read.call_args[0]}') : {problem}"
            return None
        if head in FUNCTIONS or head in JINJA_GLOBALS or head in self.extra:
            return None
        known = [*self.bare, *self.extra, *BASE_NAMES, *(STEPS if self.steps else ())]
        return f"nom inconnu « {head} »" + _did_you_mean(head, known)


def question_scope(
    questionnaires: Questionnaires, etape: int, parent: Question | None = None
) -> Scope:
    """What a question's ``si``/``defaut_expr``/``choix_parmi`` sees (``answers.step_scope``)."""
    quest = questionnaires.etapes.get(etape)
    bare = {q.id: q for q in quest.questions} if quest else {}
    if parent is not None:
        bare = {**bare, **{s.id: s for s in parent.sous_questions}}
    return Scope(questionnaires, bare)


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


def rule_scope(
    questionnaires: Questionnaires, tables: dict[str, Any], variables: Iterable[str]
) -> Scope:
    """What a rule's expressions and messages see (``rules._scope`` plus its own variables)."""
    extra = frozenset(
        {
            "tables",
            "correspondances",
            "libelle",
            "selection",
            "statuts",
            "date_fr",
            "montant_fr",
            "duree_fr",
            "finances",
            "reglages",
            "source_reglage",
        }
        | set(variables)
    )
    return Scope(questionnaires, {}, extra, frozenset(tables), steps=True)
