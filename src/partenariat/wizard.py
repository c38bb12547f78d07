"""Run one step of the method: ask what is unanswered, save after every answer, review, validate.

The wizard never renders documents and never prints by itself: it talks to a Prompter (a person at
a terminal, or a test double) and to the ProjectStore, which writes the file after each answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from partenariat.answers import (
    active_questions,
    allowed_values,
    build_context,
    is_active,
    is_answered,
    step_scope,
)
from partenariat.answers_file import (
    AnswersFile,
    check_answers_file,
    load_answers_file,
    missing_error,
)
from partenariat.dependencies import dependents, references
from partenariat.entry_checks import order_problem, safe_default
from partenariat.errors import WizardInterrupted
from partenariat.project import ProjectStore, ProjectTooLargeError
from partenariat.prompter import Prompter, ReviewRow
from partenariat.questionnaire import Question, Questionnaires
from partenariat.values import format_value
from partenariat.vocabulary import answer_path

FindingsFor = Callable[[int], Sequence[Any]]
# Re-exported: the CLI and the tests read the answers file through the wizard's module.
__all__ = [
    "AnswersFile",
    "StepOutcome",
    "Wizard",
    "check_answers_file",
    "dependents",
    "load_answers_file",
    "missing_error",
    "quit_message",
    "references",
]
# Step 3's answer that names the partner in the project (``partenaire.nom``).
PARTNER_CHOSEN = "etape3.partenaire_retenu"


@dataclass
class StepOutcome:
    etape: int
    statut: str
    manquantes: list[str] = field(default_factory=list)
    quitte: bool = False  # left from the review (« Enregistrer et quitter »)


class Wizard:
    """Asks the questions of a project's steps through a prompter, saving as it goes."""

    def __init__(
        self,
        store: ProjectStore,
        questionnaires: Questionnaires,
        prompter: Prompter,
        findings_for: FindingsFor | None = None,
    ) -> None:
        self.store = store
        self.questionnaires = questionnaires
        self.prompter = prompter
        self.findings_for = findings_for

    @property
    def profil(self) -> str:
        return self.store.project.profil

    # -- state ---------------------------------------------------------------------------------
    def _answers(self, n: int) -> dict[str, Any]:
        return self.store.project.step(n).reponses

    def _scope(self, n: int) -> dict[str, Any]:
        context = build_context(self.store.project, self.questionnaires)
        return step_scope(context, n, self._answers(n))

    def _accept(
        self, n: int, q: Question, value: Any, save: bool = True, typed: bool = True
    ) -> None:
        """One answer given, whatever gave it (the keyboard, a form, an answers file, a default):
        no longer « à revoir », sent to its home step if it is a fact asked here for want of
        an answer there, kept, saved (``save=False``: the caller saves once for several)."""
        self._reviewed(n, q.id)
        self._give_home(q, value)
        self._record(n, q.id, value, save=save, typed=typed)

    def _keep_home(self, n: int, q: Question, home: Any, save: bool = True) -> None:
        """A fact asked at another step (``reprise``) takes its home's answer here."""
        self._record(n, q.id, home, save=save)
        self._reviewed(n, q.id)

    def _record(self, n: int, qid: str, value: Any, save: bool = True, typed: bool = True) -> None:
        """Keep an answer and save the file; ``save=False`` for all but the last answer of a
        screen, which is saved in one write. ``typed`` is False for an answers file's."""
        answers = self._answers(n)
        changed = qid in answers and answers[qid] != value
        answers[qid] = value
        if changed:
            self._mark_stale(n, qid)
        self._propagate(n, qid, value)
        self._name_partner(n, qid, value, replace=typed)
        self.store.touch_step(n)
        if not save:
            return
        try:
            self.store.save(touch=False)
        except ProjectTooLargeError as exc:
            # The file is intact but this answer is not in it: leave it on screen to copy.
            raise ProjectTooLargeError(
                f"{exc.message}\n\nVotre réponse (« {qid} »), à recopier :\n{_as_text(value)}"
            ) from None

    def _name_partner(self, n: int, qid: str, value: Any, replace: bool) -> None:
        """The partner chosen at step 3 is the one the documents name (``init`` asks only for
        the partner « envisagé », and may leave it empty). Typed in the wizard, it replaces the
        name; from an answers file, it fills a name that ``init`` did not give."""
        if f"etape{n}.{qid}" != PARTNER_CHOSEN or not isinstance(value, str) or not value.strip():
            return
        party = self.store.project.partenaire
        if replace or not party.nom:
            party.nom = value.strip()

    def _propagate(self, n: int, qid: str, value: Any) -> None:
        """A fact asked once: every question that shows it elsewhere (``reprise``) follows."""
        home = f"etape{n}.{qid}"
        for m, quest in self.questionnaires.etapes.items():
            for q in quest.questions:
                if q.reprise != home or str(m) not in self.store.project.etapes:
                    continue
                answers = self._answers(m)
                if answers.get(q.id) != value:
                    had = q.id in answers
                    answers[q.id] = value
                    if had:
                        self._mark_stale(m, q.id)

    def _give_home(self, q: Question, value: Any) -> None:
        """A ``reprise`` question asked here because its home had no answer: the answer goes
        to its home, so that the fact is kept in one place and shown read-only from then on."""
        if not q.reprise or value in (None, "", []):
            return
        home, qid = answer_path(q.reprise) or (0, "")
        self._answers(home)[qid] = value
        self.store.touch_step(home)
        self._propagate(home, qid, value)

    def _home_value(self, q: Question) -> Any:
        """The answer a ``reprise`` question shows, from the step where it is asked."""
        if not q.reprise:
            return None
        home, qid = answer_path(q.reprise) or (0, "")
        value = self.store.project.answers(home).get(qid)
        return None if value in (None, "", []) else value

    def _mark_stale(self, n: int, qid: str) -> None:
        """Every later answer whose condition or computed default reads ``qid`` is « à revoir »."""
        for m, later in dependents(self.questionnaires, n, qid):
            state = self.store.project.etapes.get(str(m))  # a step not begun stays so
            if state and later.id in state.reponses and later.id not in state.a_revoir:
                state.a_revoir.append(later.id)

    def _reviewed(self, n: int, qid: str) -> None:
        state = self.store.project.step(n)
        if qid in state.a_revoir:
            state.a_revoir.remove(qid)

    def _active(self, n: int) -> list[Question]:
        return active_questions(self.questionnaires[n], self._scope(n), self.profil)

    def missing(self, n: int) -> list[Question]:
        answers = self._answers(n)
        return [
            q for q in self._active(n) if q.obligatoire and not is_answered(q, answers, self.profil)
        ]

    # -- a session ------------------------------------------------------------------------------
    def run(
        self,
        first: int,
        review: bool = False,
        source: AnswersFile | None = None,
        no_input: bool = False,
        whole_project: bool = False,
    ) -> None:
        """Step ``first``, then (interactively) offer each following step.

        Without input, answers come from ``source`` and defaults; ``whole_project`` (``init``)
        fills every step the answers file holds. Raises MissingAnswersError listing what is
        missing, WizardInterrupted (with how to resume) on Ctrl-C / Ctrl-D.
        """
        say = self.prompter.notify
        if no_input:
            steps = [first]
            if whole_project and source is not None:
                steps += [n for n in range(first + 1, 8) if source.has_step(n)]
            missing: list[str] = []
            for n in steps:
                missing += self.fill_step(
                    n, source.step(n) if source else {}, True, source
                ).manquantes
            if missing:
                raise missing_error(missing)
            say(f"Réponses enregistrées dans {self.store.path}.")
            return
        n = first
        try:
            while True:
                if source is not None:
                    self.fill_step(n, source.step(n), no_input=False, source=source)
                outcome = self.run_step(n, review=review)
                if outcome.quitte or outcome.statut != "terminee":
                    say(quit_message(n, outcome))
                    return
                say(f"[green]Étape {n} terminée et enregistrée.[/]")
                if n == 7:
                    say(
                        "Les sept étapes sont terminées. Produisez les documents : [bold]partenariat export[/]"
                    )
                    return
                following = self.questionnaires[n + 1].titre
                if not self.prompter.confirm(
                    f"Passer à l'étape {n + 1} ({following}) ?", default=True
                ):
                    say(f"Vous pourrez continuer avec : [bold]partenariat step {n + 1}[/]")
                    return
                n += 1
        except WizardInterrupted as exc:
            given = (
                "Les autres réponses données sont enregistrées"
                if exc.refused
                else "Toutes les réponses déjà données sont enregistrées"
            )
            raise WizardInterrupted(
                f"\nInterrompu. {given} dans {self.store.path}.\n"
                f"Reprenez avec : partenariat step {n}",
                refused=exc.refused,
            ) from None

    # -- interactive ---------------------------------------------------------------------------
    def run_step(self, n: int, review: bool = False) -> StepOutcome:
        quest = self.questionnaires[n]
        state = self.store.project.step(n)
        if state.statut == "a_faire":
            state.statut = "en_cours"
            self.store.touch_step(n)
            self.store.save(touch=False)
        active = self._active(n)
        required = [q for q in active if q.obligatoire]
        done = sum(1 for q in required if is_answered(q, self._answers(n), self.profil))
        self.prompter.intro(quest, done, len(required))
        self._ask_stale(n)
        self._pass(n, ask_all=review)
        while True:
            rows = self._rows(n)
            findings = list(self.findings_for(n)) if self.findings_for else []
            action, qid = self.prompter.review(
                quest, rows, findings, self.profil, validee=state.statut == "terminee"
            )
            if action == "valider":
                if any(r.manquante for r in rows):
                    self._pass(n, ask_all=False)
                    continue
                state.statut = "terminee"
                self.store.touch_step(n)
                self.store.save(touch=False)
                return StepOutcome(n, "terminee")
            if action == "modifier" and qid:
                question = quest.question(qid)
                if question is not None:
                    self._ask(n, question, editing=True)
                    self._ask_stale(n)  # what depended on it in this step, asked at once
                    self._pass(n, ask_all=False)
            elif action == "quitter":
                missing = [q.label for q in self.missing(n)]
                if missing and state.statut == "terminee":  # an edit opened a new question
                    state.statut = "en_cours"
                    self.store.touch_step(n)
                    self.store.save(touch=False)
                return StepOutcome(n, state.statut, missing, quitte=True)

    def _ask_stale(self, n: int) -> None:
        """Answers marked « à revoir » first, their current value offered as the default."""
        state = self.store.project.step(n)
        if not state.a_revoir:
            return
        count = len(state.a_revoir)
        self.prompter.notify(
            f"[yellow]{count} réponse{'s' if count > 1 else ''} à revoir[/] : une réponse "
            "antérieure dont elle dépend a changé."
        )
        quest = self.questionnaires[n]
        for q in quest.questions:
            if q.id not in state.a_revoir:
                continue
            if is_active(q, self._scope(n), self.profil):
                self._ask(n, q, editing=True)
            else:
                self._reviewed(n, q.id)
                self.store.save(touch=False)
        # ids no longer in the questionnaire (edited by hand) are dropped
        state.a_revoir[:] = [qid for qid in state.a_revoir if quest.question(qid) is not None]

    def _rows(self, n: int) -> list[ReviewRow]:
        answers = self._answers(n)
        stale = set(self.store.project.step(n).a_revoir)
        return [
            ReviewRow(
                i,
                q,
                answers.get(q.id),
                q.obligatoire and not is_answered(q, answers, self.profil),
                q.id in stale,
            )
            for i, q in enumerate(self._active(n), 1)
        ]

    def _pass(self, n: int, ask_all: bool) -> None:
        """Ask what is unanswered (everything with ``ask_all``), in order, conditions re-read
        after every screen: the one loop (``entry_loop.walk``) with the keyboard as source."""
        from partenariat.entry_loop import Keyboard, walk

        walk(self, n, Keyboard(ask_all))

    def _counted(self, n: int) -> list[Question]:
        """The questions counted in « question i sur N »: N must not grow as one answers, so a
        question counts unless the profile or an answer of another step already rules it out
        (a condition on this step's own answers may still skip it: the count then jumps ahead)."""
        quest = self.questionnaires[n]
        own = {q.id for q in quest.questions}
        scope = self._scope(n)
        counted = []
        for q in quest.questions:
            if not q.visible_for(self.profil) or self._home_value(q) is not None:
                continue
            reads_own = any(name in own and where in (None, n) for where, name in references(q.si))
            if q.si and not reads_own and not is_active(q, scope, self.profil):
                continue
            counted.append(q)
        return counted

    def _where(self, n: int, q: Question) -> str:
        if self.questionnaires[n].sections:
            from partenariat.entry_loop import question_where

            return question_where(self, n, q)
        counted = self._counted(n)
        index = next((i for i, c in enumerate(counted, 1) if c.id == q.id), None)
        if index is None:  # not counted (a fact shown from another step): no number to give
            return f"Étape {n} · {q.label}"
        return f"Étape {n} · question {index} sur {len(counted)} · {q.label}"

    def _ask(self, n: int, q: Question, editing: bool) -> None:
        home = self._home_value(q)
        if home is not None:
            # asked once, at home: shown here read-only, with where to change it
            self._keep_home(n, q, home)
            home_path = answer_path(q.reprise) if q.reprise else None
            step = str(home_path[0]) if home_path else ""
            self.prompter.notify(
                f"[dim]{self._where(n, q)}[/]\n{q.label} : [bold]{format_value(q, home, self.profil)}[/]"
                f" [dim](réponse de l'étape {step} ; elle se modifie à l'étape {step})[/]"
            )
            return
        if q.type == "liste":
            from partenariat.list_entry import ask_list

            ask_list(self, n, q, editing)
            return
        scope = self._scope(n)
        current = self._answers(n).get(q.id)
        self._accept(n, q, self._ask_checked(n, q, current, scope, self._where(n, q)))

    def _ask_checked(
        self,
        n: int,
        q: Question,
        current: Any,
        scope: dict[str, Any],
        where: str,
        group: Question | None = None,
    ) -> Any:
        """Ask, and ask again on the spot while the answer contradicts an earlier one (``apres``)."""
        while True:
            value = self.prompter.ask(
                q,
                current,
                safe_default(q, scope, self.profil),
                self.profil,
                allowed_values(q, scope),
                where,
            )
            problem = self.order_problem(n, q, value, scope, group)
            if problem is None:
                return value
            self.prompter.notify(problem, "bold yellow")
            current = value

    def order_problem(
        self,
        n: int,
        q: Question,
        value: Any,
        scope: dict[str, Any],
        group: Question | None = None,
    ) -> str | None:
        return order_problem(self.questionnaires, n, q, value, scope, group)

    # -- non-interactive -----------------------------------------------------------------------
    def fill_step(
        self, n: int, provided: dict[str, Any], no_input: bool, source: AnswersFile | None = None
    ) -> StepOutcome:
        """Apply answers from a file, then (with ``no_input``) defaults; report what is missing:
        the same loop as the keyboard's (``entry_loop.walk``), with the file as source."""
        from partenariat.answers_file import FileAnswers
        from partenariat.entry_loop import walk

        answers = FileAnswers(provided, no_input, source)
        walk(self, n, answers)
        return answers.finish(self, n)


def quit_message(n: int, outcome: StepOutcome) -> str:
    """What leaving a step means, said truly: answers to complete, a step to validate, or a
    validated step that stays validated."""
    if outcome.manquantes:
        count = len(outcome.manquantes)
        left = (
            "il reste une réponse obligatoire à compléter"
            if count == 1
            else f"il reste {count} réponses obligatoires à compléter"
        )
        return f"Réponses enregistrées ; {left}. Reprenez avec : [bold]partenariat step {n}[/]"
    if outcome.statut == "terminee":
        return f"Réponses enregistrées. L'étape {n} reste validée."
    return (
        f"Réponses enregistrées. Toutes les réponses de l'étape {n} sont données, mais elle "
        f"n'est pas encore validée : relisez-la et validez-la avec [bold]partenariat step {n}[/]"
    )


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    import yaml

    return str(yaml.safe_dump(value, allow_unicode=True, sort_keys=False))
