"""Answers prepared in a text editor (``--answers``): read, checked for shape and ids, and tried
on a copy of the project before anything is saved; the list of what ``--no-input`` still misses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from partenariat.errors import InvalidFileError, MissingAnswersError
from partenariat.project import Project, ProjectStore
from partenariat.questionnaire import Questionnaire, Questionnaires
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


def fill_step(
    wizard: Wizard,
    n: int,
    provided: dict[str, Any],
    no_input: bool,
    source: AnswersFile | None = None,
) -> StepOutcome:
    """Apply answers from a file, then (with ``no_input``) defaults; report what is missing.

    The file's answers go through the same checks as typed ones (``check_value``)."""
    from partenariat.answers import (
        allowed_values,
        is_active,
        is_answered,
        item_scope,
        missing_in_item,
    )
    from partenariat.entry_checks import safe_default
    from partenariat.values import AnswerError, check_value
    from partenariat.wizard import StepOutcome

    quest = wizard.questionnaires[n]
    answers = wizard._answers(n)
    errors: list[tuple[int | None, str]] = []
    missing: list[str] = []
    for q in quest.questions:
        scope = wizard._scope(n)
        if not is_active(q, scope, wizard.profil):
            continue
        home = wizard._home_value(q)
        if home is not None:  # a fact asked in another step: its answer there wins
            answers[q.id] = home
            continue
        if q.id in provided:
            try:
                answers[q.id] = check_value(
                    q, provided[q.id], wizard.profil, allowed_values(q, scope)
                )
            except AnswerError as exc:
                line = source.line(n, q.id) if source else None
                errors.append((line, f"étape {n}, « {q.id} » : {exc}"))
                continue
            wizard._give_home(q, answers[q.id])
            if q.type == "liste":
                for i, item in enumerate(answers[q.id] or [], 1):
                    for sub in missing_in_item(q, item, scope, wizard.profil):
                        if no_input:
                            default = safe_default(sub, item_scope(scope, item), wizard.profil)
                            if default is not None or not sub.obligatoire:
                                item[sub.id] = default
                                continue
                        missing.append(f"étape {n} · {q.id}[{i}].{sub.id} ({sub.label})")
            if q.obligatoire and answers[q.id] in (None, "", []):
                missing.append(f"étape {n} · {q.id} ({q.label})")
            continue
        if is_answered(q, answers, wizard.profil) or not no_input:
            continue
        default = safe_default(q, scope, wizard.profil)
        if default is not None or not q.obligatoire:
            answers[q.id] = default if default is not None else ([] if q.type == "liste" else None)
        else:
            missing.append(f"étape {n} · {q.id} ({q.label})")
    if errors:
        raise InvalidFileError(
            source.path if source else Path("réponses"), errors, "Fichier de réponses"
        )
    for qid in list(answers):
        wizard._propagate(n, qid, answers[qid])
        wizard._name_partner(n, qid, answers[qid], replace=False)
    state = wizard.store.project.step(n)
    incomplete = [q for q in wizard.missing(n)]
    state.statut = "terminee" if not incomplete else "en_cours"
    wizard.store.touch_step(n)
    wizard.store.save(touch=False)
    return StepOutcome(
        n, state.statut, missing or [f"étape {n} · {q.id} ({q.label})" for q in incomplete]
    )
