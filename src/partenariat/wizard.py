"""Run one step of the method: ask what is unanswered, save after every answer, review, validate.

The wizard never renders documents and never prints by itself: it talks to a Prompter (a person at
a terminal, or a test double) and to the ProjectStore, which writes the file after each answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from partenariat.answers import (
    active_questions,
    allowed_values,
    build_context,
    compute_default,
    is_active,
    is_answered,
    item_scope,
    missing_in_item,
    step_scope,
)
from partenariat.errors import InvalidFileError, MissingAnswersError, WizardInterrupted
from partenariat.project import Project, ProjectStore, ProjectTooLargeError
from partenariat.prompter import Prompter, ReviewRow
from partenariat.questionnaire import Question, Questionnaire, Questionnaires
from partenariat.values import AnswerError, check_item, check_value, format_date, format_value
from partenariat.yamlio import LineMap, load_yaml

FindingsFor = Callable[[int], Sequence[Any]]
IGNORED_STEP_KEYS = {"statut", "mis_a_jour", "a_revoir"}
# An answers file has the project file's shape (a project is a valid answers file).
ANSWERS_FILE_KEYS = set(Project.model_fields)
STEP_KEYS = {str(n): n for n in range(1, 8)}
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

    def _record(self, n: int, qid: str, value: Any) -> None:
        answers = self._answers(n)
        changed = qid in answers and answers[qid] != value
        answers[qid] = value
        if changed:
            self._mark_stale(n, qid)
        self._propagate(n, qid, value)
        self._name_partner(n, qid, value, replace=True)
        self.store.touch_step(n)
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
        head, _, qid = q.reprise.partition(".")
        home = int(head[5:])
        self._answers(home)[qid] = value
        self.store.touch_step(home)
        self._propagate(home, qid, value)

    def _home_value(self, q: Question) -> Any:
        """The answer a ``reprise`` question shows, from the step where it is asked."""
        if not q.reprise:
            return None
        head, _, qid = q.reprise.partition(".")
        value = self.store.project.answers(int(head[5:])).get(qid)
        return None if value in (None, "", []) else value

    def _mark_stale(self, n: int, qid: str) -> None:
        """Every later answer whose condition or computed default reads ``qid`` is « à revoir »."""
        for m, later in dependents(self.questionnaires, n, qid):
            state = self.store.project.step(m)
            if later.id in state.reponses and later.id not in state.a_revoir:
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
        except WizardInterrupted:
            raise WizardInterrupted(
                f"\nInterrompu. Toutes les réponses déjà données sont enregistrées dans {self.store.path}.\n"
                f"Reprenez avec : partenariat step {n}"
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
        """Ask each active question in order; conditions are re-read after every answer."""
        quest = self.questionnaires[n]
        for q in quest.questions:
            scope = self._scope(n)
            if not is_active(q, scope, self.profil):
                continue
            stale_copy = q.reprise and self._answers(n).get(q.id) != self._home_value(q)
            if not ask_all and not stale_copy and is_answered(q, self._answers(n), self.profil):
                continue
            self._ask(n, q, editing=ask_all)

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
            reads_own = any(
                name in own and where in (None, n) for where, name in references(q.si)
            )
            if q.si and not reads_own and not is_active(q, scope, self.profil):
                continue
            counted.append(q)
        return counted

    def _where(self, n: int, q: Question) -> str:
        counted = self._counted(n)
        quest = self.questionnaires[n]
        if q.section:
            sections = [s for s in quest.sections if any(c.section == s.id for c in counted)]
            counted = [c for c in counted if c.section == q.section]
            number = next((i for i, s in enumerate(sections, 1) if s.id == q.section), 1)
            titre = next((s.titre for s in sections if s.id == q.section), q.section)
            head = f"Étape {n} · Section {number}/{len(sections)} — {titre} · "
        else:
            head = f"Étape {n} · "
        index = next((i for i, c in enumerate(counted, 1) if c.id == q.id), None)
        if index is None:  # not counted (a fact shown from another step): no number to give
            return f"{head}{q.label}"
        return f"{head}question {index} sur {len(counted)} · {q.label}"

    def _ask(self, n: int, q: Question, editing: bool) -> None:
        home = self._home_value(q)
        if home is not None:
            # asked once, at home: shown here read-only, with where to change it
            self._record(n, q.id, home)
            self._reviewed(n, q.id)
            step = q.reprise.split(".")[0][5:] if q.reprise else ""
            self.prompter.notify(
                f"[dim]{self._where(n, q)}[/]\n{q.label} : [bold]{format_value(q, home, self.profil)}[/]"
                f" [dim](réponse de l'étape {step} ; elle se modifie à l'étape {step})[/]"
            )
            return
        if q.type == "liste":
            self._ask_list(n, q, editing)
            return
        scope = self._scope(n)
        current = self._answers(n).get(q.id)
        value = self._ask_checked(n, q, current, scope, self._where(n, q))
        self._reviewed(n, q.id)
        self._give_home(q, value)
        self._record(n, q.id, value)

    def _ask_list(self, n: int, q: Question, editing: bool) -> None:
        self._reviewed(n, q.id)
        items: list[dict[str, Any]] = list(self._answers(n).get(q.id) or [])
        where = self._where(n, q)
        for i in range(len(items)):
            self._fill_item(n, q, items, i, where, only_missing=True)
        if editing and items:
            self._list_menu(n, q, items, where)
            return
        if not items:
            if not q.obligatoire and not self.prompter.confirm(
                f"{q.question}\nVoulez-vous saisir {q.noun.un()} ?", default=True
            ):
                self._record(n, q.id, [])
                return
            self._add_item(n, q, items, where)
        minimum = int(q.min or 1)
        while (len(items) < minimum or self.prompter.ask_more(q, len(items))) and (
            q.max is None or len(items) < q.max
        ):
            self._add_item(n, q, items, where)

    def _list_menu(self, n: int, q: Question, items: list[dict[str, Any]], where: str) -> None:
        while True:
            action, index = self.prompter.list_menu(q, items)
            if action == "ajouter":
                self._add_item(n, q, items, where)
            elif action == "modifier":
                self._fill_item(n, q, items, index, where, only_missing=False)
            elif action == "supprimer":
                del items[index]
                self._record(n, q.id, items)
            else:
                return

    def _add_item(self, n: int, q: Question, items: list[dict[str, Any]], where: str) -> None:
        items.append({})
        self._record(n, q.id, items)
        self._fill_item(n, q, items, len(items) - 1, where, only_missing=True)

    def _fill_item(
        self,
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
            if only_missing and is_answered(sub, item, self.profil):
                continue
            if base is None:
                base = self._scope(n)
            scope = item_scope(base, item)
            if not is_active(sub, scope, self.profil):
                continue
            label = f"{where} · {q.noun.nom} {index + 1} · {sub.label}"
            while True:
                value = self._ask_checked(n, sub, item.get(sub.id), scope, label, q)
                if not sub.somme_de:
                    break
                try:
                    check_item(q, {**item, sub.id: value})
                    break
                except AnswerError as exc:
                    # Named and asked again; the inconsistent split is never saved.
                    self.prompter.notify(str(exc), "bold red")
            item[sub.id] = value
            for other in q.sous_questions:
                # A changed total makes a split that no longer adds up stale: ask it again.
                if other.somme_de == sub.id and other.id in item:
                    try:
                        check_item(q, item)
                    except AnswerError:
                        del item[other.id]
            self._record(n, q.id, items)

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
                _safe_default(q, scope, self.profil),
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
        """A date declared ``apres`` another that falls before it, said in French; else None."""
        if not q.apres or not value:
            return None
        head, dot, qid = q.apres.partition(".")
        if dot:
            reference = (scope.get(head) or {}).get(qid)
            other = self.questionnaires.find(q.apres)
            where = f" (étape {head[5:]})"
        else:
            reference = scope.get(q.apres)
            inner = {s.id: s for s in group.sous_questions} if group else {}
            other = inner.get(q.apres) or self.questionnaires[n].question(q.apres)
            where = ""
        if not reference or str(value) >= str(reference):
            return None
        label = other.label if other else q.apres
        return (
            f"Cette date ({format_date(value)}) tombe avant « {label} »{where}, "
            f"le {format_date(reference)} : indiquez le {format_date(reference)} ou une date "
            "postérieure, ou corrigez d'abord l'autre date."
        )

    # -- non-interactive -----------------------------------------------------------------------
    def fill_step(
        self, n: int, provided: dict[str, Any], no_input: bool, source: AnswersFile | None = None
    ) -> StepOutcome:
        """Apply answers from a file, then (with ``no_input``) defaults; report what is missing."""
        quest = self.questionnaires[n]
        answers = self._answers(n)
        errors: list[tuple[int | None, str]] = []
        missing: list[str] = []
        for q in quest.questions:
            scope = self._scope(n)
            if not is_active(q, scope, self.profil):
                continue
            home = self._home_value(q)
            if home is not None:  # a fact asked in another step: its answer there wins
                answers[q.id] = home
                continue
            if q.id in provided:
                try:
                    answers[q.id] = check_value(
                        q, provided[q.id], self.profil, allowed_values(q, scope)
                    )
                except AnswerError as exc:
                    line = source.line(n, q.id) if source else None
                    errors.append((line, f"étape {n}, « {q.id} » : {exc}"))
                    continue
                self._give_home(q, answers[q.id])
                if q.type == "liste":
                    for i, item in enumerate(answers[q.id] or [], 1):
                        for sub in missing_in_item(q, item, scope, self.profil):
                            if no_input:
                                default = _safe_default(sub, item_scope(scope, item), self.profil)
                                if default is not None or not sub.obligatoire:
                                    item[sub.id] = default
                                    continue
                            missing.append(f"étape {n} · {q.id}[{i}].{sub.id} ({sub.label})")
                if q.obligatoire and answers[q.id] in (None, "", []):
                    missing.append(f"étape {n} · {q.id} ({q.label})")
                continue
            if is_answered(q, answers, self.profil) or not no_input:
                continue
            default = _safe_default(q, scope, self.profil)
            if default is not None or not q.obligatoire:
                answers[q.id] = (
                    default if default is not None else ([] if q.type == "liste" else None)
                )
            else:
                missing.append(f"étape {n} · {q.id} ({q.label})")
        if errors:
            raise InvalidFileError(
                source.path if source else Path("réponses"), errors, "Fichier de réponses"
            )
        for qid in list(answers):
            self._propagate(n, qid, answers[qid])
            self._name_partner(n, qid, answers[qid], replace=False)
        state = self.store.project.step(n)
        incomplete = [q for q in self.missing(n)]
        state.statut = "terminee" if not incomplete else "en_cours"
        self.store.touch_step(n)
        self.store.save(touch=False)
        return StepOutcome(
            n, state.statut, missing or [f"étape {n} · {q.id} ({q.label})" for q in incomplete]
        )


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


def references(expr: str | None) -> set[tuple[int | None, str]]:
    """The answers an expression reads: ``(N, id)`` for ``etapeN.id`` (or ``etapeN['id']``),
    ``(None, id)`` for a bare name (an answer of the same step, or of the same list item).

    Built on the loader's own reader (``references.expression_reads``), so that every form the
    loader accepts also marks its dependents stale; function names are not answers."""
    if not expr:
        return set()
    from jinja2 import TemplateSyntaxError

    from partenariat.expressions import FUNCTIONS
    from partenariat.references import expression_reads

    try:
        reads = expression_reads(expr)
    except TemplateSyntaxError:  # checked at load: a broken expression reads nothing
        return set()
    found: set[tuple[int | None, str]] = set()
    for read in reads:
        head = read.path[0]
        if head.startswith("etape") and head[5:].isdigit():
            if len(read.path) > 1:
                found.add((int(head[5:]), read.path[1]))
        elif head not in FUNCTIONS:
            found.add((None, head))
    return found


def _reads(q: Question, n: int, step: int, qid: str) -> bool:
    """Does ``q`` (of step ``step``) read answer ``qid`` of step ``n``, in its own or its
    sub-questions' conditions and computed defaults?"""
    exprs = [q.si, q.defaut_expr] + [e for s in q.sous_questions for e in (s.si, s.defaut_expr)]
    for expr in exprs:
        for where, name in references(expr):
            if name == qid and (where == n or (where is None and step == n)):
                return True
    return False


def dependents(questionnaires: Questionnaires, n: int, qid: str) -> list[tuple[int, Question]]:
    """The questions after ``qid`` (step ``n``) whose condition or computed default reads it."""
    result: list[tuple[int, Question]] = []
    for m, quest in questionnaires.etapes.items():
        if m < n:
            continue
        after = m > n
        for q in quest.questions:
            if not after:
                after = q.id == qid
                continue
            if _reads(q, n, m, qid):
                result.append((m, q))
    return result


def _safe_default(q: Question, scope: dict[str, Any], profil: str) -> Any:
    """A default that would itself be refused (a computed date out of range…) is dropped."""
    value = compute_default(q, scope)
    if value is None:
        return None
    if q.type == "grille" and isinstance(value, (int, float)):
        value = {row.valeur: value for row in q.choices_for(profil)}
    try:
        return check_value(q, value, profil, allowed_values(q, scope))
    except AnswerError:
        return None


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
