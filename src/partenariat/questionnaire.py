"""The questionnaire files: their schema, and a loader that reports every error with its line.

Content is data: adding a question, a choice or a condition is an edit of a YAML file, checked
here so that a mistake is named at load time rather than in the middle of a user's session.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from partenariat import cache
from partenariat.errors import InvalidFileError
from partenariat.model_defaults import empty_list
from partenariat.questionnaire_checks import (
    Problems,
    check_cross_step_dates,
    check_questionnaires,
    check_sections,
    cross_check,
    partial_cross_check,
    with_lines,
)
from partenariat.resources import questionnaires_dir
from partenariat.values import TYPES
from partenariat.vocabulary import PROFILS, Profil, answer_path
from partenariat.yamlio import MAX_BYTES, LineMap, load_yaml, validate

if TYPE_CHECKING:
    QuestionType = str
else:
    # The answer types are declared once, in ``values.TYPES``; the schema accepts exactly those.
    QuestionType = Literal[tuple(TYPES)]
QUESTIONNAIRE_GLOB = "etape-*.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choix(_Strict):
    valeur: str
    libelle: str
    aide: str | None = None
    profil: list[Profil] | None = None
    outline: list[str] = Field(default_factory=empty_list)
    # An answer that puts the decision off (« À définir », « À vérifier »): a clause that reads it
    # stays « À discuter » (checklist.py).
    differe: bool = False

    def visible_for(self, profil: str | None) -> bool:
        return profil is None or not self.profil or profil in self.profil


class Element(_Strict):
    """The noun naming one item of a list, with what French agreement needs: every sentence the
    wizard builds around it (« Ajouter une autre action ? », « 2 partenaires pressentis ») reads
    its gender and plural from here rather than guessing."""

    nom: str
    genre: Literal["m", "f"]
    pluriel: str

    @property
    def feminin(self) -> bool:
        return self.genre == "f"

    def un(self) -> str:
        """« un objectif », « une action »."""
        return f"{'une' if self.feminin else 'un'} {self.nom}"

    def un_autre(self) -> str:
        """« un autre objectif », « une autre action »."""
        return f"{'une autre' if self.feminin else 'un autre'} {self.nom}"

    def nombre(self, n: int) -> str:
        """« 1 action », « 2 actions » (French: plural from 2)."""
        return f"{n} {self.pluriel if n >= 2 else self.nom}"

    def accord(self, masculin: str, n: int = 1) -> str:
        """A regular adjective or participle agreed with this noun: saisi → saisie, saisis…"""
        word = masculin + ("e" if self.feminin else "")
        return word + ("s" if n >= 2 and not word.endswith("s") else "")

    def numero(self, i: int) -> str:
        """« Action 2 »: an item without a name yet."""
        return f"{self.nom[:1].upper()}{self.nom[1:]} {i}"


ELEMENT_PAR_DEFAUT = Element(nom="élément", genre="m", pluriel="éléments")


class Question(_Strict):
    id: str
    type: QuestionType
    question: str
    titre_court: str | None = None
    aide: str | None = None
    outline: list[str] = Field(default_factory=empty_list)
    obligatoire: bool = True
    profil: list[Profil] | None = None
    si: str | None = None
    defaut: Any = None
    defaut_expr: str | None = None
    choix: list[Choix] = Field(default_factory=empty_list)
    choix_de: str | None = None
    choix_parmi: str | None = None
    min: float | None = None
    max: float | None = None
    motif: str | None = None
    message_motif: str | None = None
    unite: str | None = None
    sous_questions: list[Question] = Field(default_factory=empty_list)
    element: Element | None = None
    apres: str | None = None
    section: str | None = None
    reprise: str | None = None

    @property
    def noun(self) -> Element:
        """The list's item noun (lists must declare one; « élément » only for other types)."""
        return self.element or ELEMENT_PAR_DEFAUT
    # In a list item: the answer's total must equal this sibling's amount (e.g. the per-year
    # split of a flow and its valuation), checked at entry and when a file is read.
    somme_de: str | None = None
    # « interne »: the answer belongs to the organisation that fills the project (introspection,
    # candidates and their scores, internal risks); it goes to the « Note interne » only, never
    # to a document meant for the partner.
    diffusion: Literal["partenaire", "interne"] = "partenaire"

    @property
    def interne(self) -> bool:
        return self.diffusion == "interne"

    @property
    def periodicite(self) -> bool:
        """A ``duree`` that asks « how often » (id ``periodicite_…``): read « tous les 3 mois »."""
        return self.type == "duree" and self.id.startswith(("periodicite", "frequence"))

    @property
    def label(self) -> str:
        return self.titre_court or self.question

    def visible_for(self, profil: str | None) -> bool:
        return profil is None or not self.profil or profil in self.profil

    def choices_for(self, profil: str | None) -> list[Choix]:
        return [c for c in self.choix if c.visible_for(profil)]

    def choice_label(self, value: Any) -> str:
        for c in self.choix:
            if c.valeur == value:
                return c.libelle
        return str(value)


class Section(_Strict):
    """A part of a long step, announced with its title and its own count of questions."""

    id: str
    titre: str


class Questionnaire(_Strict):
    etape: int = Field(ge=1, le=7)
    titre: str
    sections: list[Section] = Field(default_factory=empty_list)
    objet: str
    a_retenir: str
    source: str
    outline: list[str] = Field(default_factory=empty_list)
    questions: list[Question]

    def question(self, qid: str) -> Question | None:
        for q in self.questions:
            if q.id == qid:
                return q
        return None


class Questionnaires:
    """All the steps, indexed by number."""

    def __init__(self, etapes: dict[int, Questionnaire], directory: Path) -> None:
        self.etapes = dict(sorted(etapes.items()))
        self.directory = directory

    def __getitem__(self, etape: int) -> Questionnaire:
        return self.etapes[etape]

    def find(self, path: str) -> Question | None:
        """A question by ``etapeN.id`` path."""
        found = answer_path(path)
        step = self.etapes.get(found[0]) if found else None
        return step.question(found[1]) if step and found else None


def _resolve(quest: Questionnaire) -> Questionnaire:
    """Copy the choices named by ``choix_de`` so that later code only reads ``choix``."""

    def fix(q: Question, scope: dict[str, Question]) -> Question:
        updates: dict[str, Any] = {}
        source = q.choix_de or (
            q.choix_parmi if q.choix_parmi and "." not in q.choix_parmi else None
        )
        if source and not q.choix and source in scope:
            updates["choix"] = scope[source].choix
        if q.sous_questions:
            updates["sous_questions"] = [
                fix(s, {**scope, **{x.id: x for x in q.sous_questions}}) for s in q.sous_questions
            ]
        return q.model_copy(update=updates) if updates else q

    scope = {q.id: q for q in quest.questions}
    questions = [fix(q, scope) for q in quest.questions]
    if quest.sections:  # a question without a section is in the one before it
        current = questions[0].section if questions else None
        for i, q in enumerate(questions):
            if q.section is None:
                questions[i] = q.model_copy(update={"section": current})
            current = questions[i].section
    return quest.model_copy(update={"questions": questions})


def load_questionnaire(path: Path) -> Questionnaire:
    """One step file, checked on its own (references to other steps are checked with all)."""
    quest, lines, problems = _load_one(path)
    if problems:
        raise InvalidFileError(path, with_lines(problems, lines), "Questionnaire")
    return quest


def _load_one(path: Path) -> tuple[Questionnaire, LineMap, Problems]:
    """A step that fits the schema, and its cross-question problems (reported with the others')."""
    data, lines = load_yaml(path, "Questionnaire")
    try:
        quest = validate(Questionnaire, data, path, lines, "Questionnaire")
    except InvalidFileError as exc:
        # Report the other questions' problems too, not only the schema's: one round of fixes.
        exc.errors = sorted(exc.errors + partial_cross_check(data, lines), key=lambda e: e[0] or 0)
        raise InvalidFileError(path, exc.errors, "Questionnaire") from None
    return (
        _resolve(quest),
        lines,
        cross_check(list(enumerate(quest.questions))) + check_sections(quest),
    )


@lru_cache(maxsize=4)
def _load_dir(directory: Path) -> Questionnaires:
    files = sorted(directory.glob(QUESTIONNAIRE_GLOB))
    if not files:
        raise InvalidFileError(
            directory, [(None, "aucun questionnaire etape-*.yaml dans ce dossier")], "Dossier"
        )
    # Loading and checking the seven files is most of what `status` does: the result for the
    # same bytes is kept between runs.
    return cache.kept(
        "questionnaires",
        files,
        MAX_BYTES,
        lambda: _load_files(directory, files),
        lambda result: [
            q.model_dump(mode="json", exclude_defaults=True) for q in result.etapes.values()
        ],
        lambda data: _from_cache(data, directory),
    )


def _from_cache(data: Any, directory: Path) -> Questionnaires | None:
    """Questionnaires from a cache entry (plain JSON, validated by the same models), or None."""
    from pydantic import ValidationError

    if not isinstance(data, list):
        return None
    try:
        steps = [Questionnaire.model_validate(item) for item in data]
    except ValidationError:
        return None
    return Questionnaires({q.etape: q for q in steps}, directory)


def _load_files(directory: Path, files: list[Path]) -> Questionnaires:
    etapes: dict[int, Questionnaire] = {}
    where: dict[int, tuple[Path, LineMap, Problems]] = {}
    failures: list[InvalidFileError] = []
    for path in files:
        try:
            quest, lines, problems = _load_one(path)
        except InvalidFileError as exc:
            failures.append(exc)
            continue
        if quest.etape in etapes:
            failures.append(
                InvalidFileError(
                    path, [(1, f"l'étape {quest.etape} est déjà définie")], "Questionnaire"
                )
            )
        etapes[quest.etape] = quest
        where[quest.etape] = (path, lines, problems)
    result = Questionnaires(etapes, directory)
    # Names read by conditions and computed defaults, across steps: needs every step loaded.
    unknown = check_questionnaires(result)
    for n, (path, lines, problems) in sorted(where.items()):
        problems = problems + unknown.get(n, [])
        if problems:
            failures.append(InvalidFileError(path, with_lines(problems, lines), "Questionnaire"))
    failures += check_cross_step_dates(etapes, {n: w[0] for n, w in where.items()})
    if failures:
        if len(failures) == 1:
            raise failures[0]
        merged = InvalidFileError(directory, [], "Questionnaires")
        merged.message = "\n".join(f.message for f in failures)
        merged.args = (merged.message,)
        raise merged
    return result


IDENTITY_FILE = "nouveau-projet.yaml"
IDENTITY_IDS = ("profil", "organisation", "partenaire")


class _Identity(_Strict):
    questions: list[Question]


def load_identity_questions(directory: Path | None = None) -> dict[str, Question]:
    """The questions ``init`` asks before step 1 (profil, organisation, partenaire), by id."""
    path = (directory or questionnaires_dir()) / IDENTITY_FILE
    data, lines = load_yaml(path, "Questionnaire")
    parsed = validate(_Identity, data, path, lines, "Questionnaire")
    found = {q.id: q for q in parsed.questions}
    errors: list[tuple[int | None, str]] = [
        (lines.line_for(("questions", i, "id")), f"identifiant « {q.id} » inattendu")
        for i, q in enumerate(parsed.questions)
        if q.id not in IDENTITY_IDS
    ]
    errors += [(None, f"question « {qid} » absente") for qid in IDENTITY_IDS if qid not in found]
    choices = {c.valeur for c in found["profil"].choix} if "profil" in found else set(PROFILS)
    if choices != set(PROFILS):
        errors.append((None, f"« profil » : les choix doivent être {', '.join(PROFILS)}"))
    if errors:
        raise InvalidFileError(path, errors, "Questionnaire")
    return found


def load_questionnaires(directory: Path | None = None) -> Questionnaires:
    """Load and check every step file; the result is cached per folder."""
    return _load_dir((directory or questionnaires_dir()).resolve())
