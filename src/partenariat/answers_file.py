"""Answers prepared in a text editor (``--answers``): read, checked for shape and ids, and tried
on a copy of the project before anything is saved; the list of what ``--no-input`` still misses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from partenariat.errors import InvalidFileError, MissingAnswersError
from partenariat.project import Project, ProjectStore
from partenariat.questionnaire import Question, Questionnaire, Questionnaires
from partenariat.yamlio import LineMap, load_yaml

if TYPE_CHECKING:
    from partenariat.wizard import StepOutcome, Wizard

IGNORED_STEP_KEYS = {"statut", "mis_a_jour", "a_revoir"}
# An answers file has the project file's shape (a project is a valid answers file).
ANSWERS_FILE_KEYS = set(Project.model_fields)
STEP_KEYS = {str(n): n for n in range(1, 8)}


class AnswersFile:
    """Answers prepared in a text editor, in the project file's own shape (``etapes: {N: {reponses}}``)."""

    def __init__(self, path: Path, data: dict[str, Any], lines: LineMap) -> None:
        self.path = path
        self.data = data
        self.lines = lines

    def step(self, n: int) -> dict[str, Any]:
        steps = self.data.get("etapes") or {}
        entry = steps.get(str(n), steps.get(n)) or {}
        return dict(entry.get("reponses") or {})

    def has_step(self, n: int) -> bool:
        return bool(self.step(n))

    def line(self, n: int, qid: str) -> int | None:
        for key in (str(n), n):
            line = self.lines.line_for(("etapes", key, "reponses", qid))
            if line:
                return line
        return None

    @property
    def header(self) -> dict[str, Any]:
        return {
            k: self.data.get(k) for k in ("profil", "organisation", "partenaire") if k in self.data
        }


def load_answers_file(path: Path, questionnaires: Questionnaires) -> AnswersFile:
    """Read and check the shape and the question ids; values are checked when applied."""
    data, lines = load_yaml(path, "Fichier de réponses")
    if not isinstance(data, dict):
        raise InvalidFileError(
            path, [(1, "un ensemble de champs (clé : valeur) est attendu")], "Fichier de réponses"
        )
    errors: list[tuple[int | None, str]] = []
    for key in data:
        if str(key) not in ANSWERS_FILE_KEYS:
            errors.append(
                (
                    lines.line_for((key,)),
                    f"clé « {key} » inconnue (clés possibles : {', '.join(sorted(ANSWERS_FILE_KEYS))})",
                )
            )
    if data.get("profil") not in (None, "entreprise", "association"):
        errors.append(
            (lines.line_for(("profil",)), "profil inconnu : entreprise ou association attendu")
        )
    for side in ("organisation", "partenaire"):
        party = data.get(side)
        if party is not None and not (
            isinstance(party, dict)
            and set(party) <= {"nom"}
            and isinstance(party.get("nom"), (str, type(None)))
        ):
            errors.append((lines.line_for((side,)), f"« {side} » attend « nom : texte »"))
    steps = data.get("etapes")
    if steps is None:
        errors.append(
            (
                1,
                "clé « etapes » absente (forme attendue : etapes → N → reponses → question : réponse)",
            )
        )
        steps = {}
    if not isinstance(steps, dict):
        errors.append(
            (
                lines.line_for(("etapes",)),
                "« etapes » doit associer un numéro d'étape à ses réponses",
            )
        )
        steps = {}
    for key, entry in steps.items():
        loc: tuple[str | int, ...] = ("etapes", key)
        # « 4 » or « '4' », never « '04' » (which the steps would not find)
        n = STEP_KEYS.get(str(key), 0) if not isinstance(key, bool) else 0
        if n not in questionnaires.etapes:
            errors.append((lines.line_for(loc), f"étape « {key} » inconnue (1 à 7)"))
            continue
        if not isinstance(entry, dict):
            errors.append((lines.line_for(loc), f"étape {n} : « reponses » attendu"))
            continue
        for extra in set(entry) - {"reponses"} - IGNORED_STEP_KEYS:
            errors.append((lines.line_for((*loc, extra)), f"étape {n} : clé « {extra} » inconnue"))
        reponses = entry.get("reponses") or {}
        if not isinstance(reponses, dict):
            errors.append(
                (
                    lines.line_for((*loc, "reponses")),
                    f"étape {n} : « reponses » doit associer une question à sa réponse",
                )
            )
            continue
        quest: Questionnaire = questionnaires[n]
        for qid in reponses:
            if quest.question(str(qid)) is None:
                errors.append(
                    (
                        lines.line_for((*loc, "reponses", qid)),
                        f"étape {n} : question « {qid} » inconnue",
                    )
                )
    if errors:
        raise InvalidFileError(path, sorted(errors, key=lambda e: e[0] or 0), "Fichier de réponses")
    return AnswersFile(path, data, lines)


class _DryStore(ProjectStore):
    """A project that is never written: to try an answers file before anything is saved."""

    def save(self, touch: bool = True) -> None:
        return None


def check_answers_file(
    source: AnswersFile, questionnaires: Questionnaires, project: Project
) -> None:
    """Apply every step of ``source`` to a copy of ``project`` and report every error at once.

    Run before a project is created or changed, so that a file with errors changes nothing.
    """
    from partenariat.prompter import Prompter
    from partenariat.wizard import Wizard  # the wizard applies the file: imported when used

    trial = _DryStore(source.path, project.model_copy(deep=True), None)
    wizard = Wizard(trial, questionnaires, cast(Prompter, _NoPrompter()))
    errors: list[tuple[int | None, str]] = []
    for n in sorted(questionnaires.etapes):
        if not source.has_step(n):
            continue
        try:
            wizard.fill_step(n, source.step(n), True, source)
        except InvalidFileError as exc:
            errors += exc.errors
    if errors:
        raise InvalidFileError(source.path, errors, "Fichier de réponses")


class _NoPrompter:
    """fill_step never asks: any call would be a bug."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"nothing is asked while checking an answers file ({name})")


def missing_error(missing: list[str]) -> MissingAnswersError:
    lines = "\n".join(f"  - {m}" for m in missing)
    return MissingAnswersError(
        f"Réponses obligatoires manquantes (--no-input) :\n{lines}\n"
        "Ajoutez-les au fichier de réponses ou lancez l'assistant dans un terminal.",
        missing,
    )


class FileAnswers:
    """The answers of one step from a file (``provided``) and, with ``no_input``, the defaults
    for the rest: the source of ``entry_loop.walk`` for ``--answers`` and ``--no-input``.

    A file's answer is overridden by nothing: it replaces the one saved. It passes the checks a
    typed one passes (the value's own, ``apres`` dates, per-year splits); a refused one is kept
    with its line, and every error of the step is reported at once (``finish``), before
    anything is saved. Without ``no_input``, what the file leaves open is left for the keyboard.
    """

    def __init__(
        self, provided: dict[str, Any], no_input: bool, source: AnswersFile | None = None
    ) -> None:
        self.provided = provided
        self.no_input = no_input
        self.source = source
        self.errors: list[tuple[int | None, str]] = []
        self.missing: list[str] = []

    def wants(self, q: Question, answers: dict[str, Any], profil: str) -> bool:
        from partenariat.answers import is_answered

        return q.id in self.provided or (self.no_input and not is_answered(q, answers, profil))

    def show_home(self, wizard: Wizard, n: int, q: Question, home: Any) -> None:
        wizard._keep_home(n, q, home, save=False)

    def fill(
        self,
        wizard: Wizard,
        n: int,
        group: list[Question],
        fields: list[Question],
        scope: dict[str, Any],
    ) -> None:
        """Each field in order, its condition re-read once the fields before it are answered."""
        from partenariat.answers import is_active

        given = False
        for q in fields:
            if given:
                scope = wizard._scope(n)
            if is_active(q, scope, wizard.profil):
                given = self._fill(wizard, n, q, scope) or given

    def _fill(self, wizard: Wizard, n: int, q: Question, scope: dict[str, Any]) -> bool:
        """Answer ``q`` from the file or its default; whether an answer was kept."""
        from partenariat.answers import is_answered
        from partenariat.entry_checks import safe_default

        profil = wizard.profil
        if q.id in self.provided:
            value = self._checked(wizard, n, q, scope)
            if value is _REFUSED:
                return False
            wizard._accept(n, q, value, save=False, typed=False)
            if q.obligatoire and value in (None, "", []):
                self.missing.append(f"étape {n} · {q.id} ({q.label})")
            return True
        if is_answered(q, wizard._answers(n), profil) or not self.no_input:
            return False
        default = safe_default(q, scope, profil)
        if default is None and q.obligatoire:
            self.missing.append(f"étape {n} · {q.id} ({q.label})")
            return False
        if default is None:
            default = [] if q.type == "liste" else None
        wizard._accept(n, q, default, save=False, typed=False)
        return True

    def _checked(self, wizard: Wizard, n: int, q: Question, scope: dict[str, Any]) -> Any:
        """The file's value for ``q`` as a typed one would be kept (a list's items completed
        with defaults under ``no_input``), or ``_REFUSED`` with the error noted."""
        from partenariat.answers import allowed_values, item_scope, missing_in_item
        from partenariat.entry_checks import item_order_problems, safe_default
        from partenariat.values import AnswerError, check_value

        profil = wizard.profil
        try:
            value = check_value(q, self.provided[q.id], profil, allowed_values(q, scope))
        except AnswerError as exc:
            return self._refuse(n, q, str(exc))
        if q.type != "liste":
            problem = wizard.order_problem(n, q, value, scope)
            return self._refuse(n, q, problem) if problem else value
        for i, item in enumerate(value or [], 1):
            for sub, problem in item_order_problems(wizard.questionnaires, n, q, item, scope):
                return self._refuse(n, q, f"Élément {i}, {sub.label} : {problem}")
            for sub in missing_in_item(q, item, scope, profil):
                if self.no_input:
                    default = safe_default(sub, item_scope(scope, item), profil)
                    if default is not None or not sub.obligatoire:
                        item[sub.id] = default
                        continue
                self.missing.append(f"étape {n} · {q.id}[{i}].{sub.id} ({sub.label})")
        # each item's fields in the questions' order, as a screen keeps them
        items = [
            {s.id: item[s.id] for s in q.sous_questions if s.id in item} for item in value or []
        ]
        return items if value is not None else None

    def _refuse(self, n: int, q: Question, message: str) -> Any:
        line = self.source.line(n, q.id) if self.source else None
        self.errors.append((line, f"étape {n}, « {q.id} » : {message}"))
        return _REFUSED

    def finish(self, wizard: Wizard, n: int) -> StepOutcome:
        """Report every refused answer at once (nothing saved), else save the step once, done
        if nothing it needs is missing."""
        from partenariat.wizard import StepOutcome

        if self.errors:
            path = self.source.path if self.source else Path("réponses")
            raise InvalidFileError(path, self.errors, "Fichier de réponses")
        answers = wizard._answers(n)
        for qid in list(answers):
            wizard._propagate(n, qid, answers[qid])
            wizard._name_partner(n, qid, answers[qid], replace=False)
        state = wizard.store.project.step(n)
        incomplete = wizard.missing(n)
        state.statut = "terminee" if not incomplete else "en_cours"
        wizard.store.touch_step(n)
        wizard.store.save(touch=False)
        missing = self.missing or [f"étape {n} · {q.id} ({q.label})" for q in incomplete]
        return StepOutcome(n, state.statut, missing)


_REFUSED = object()
