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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partenariat.jinja_reads import STEPS, Read
from partenariat.vocabulary import step_of

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
    quest = questionnaires.etapes.get(step_of(step) or 0)
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
    return f"étape {step_of(step)}"


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
