"""Starting a wizard session from the command line: terminal or not, identity, the steps.

The CLI maps options to these calls; the questions themselves are asked by ``wizard`` through
``prompter``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from partenariat.project import ProjectStore
    from partenariat.questionnaire import Questionnaires
    from partenariat.wizard import AnswersFile


def require_terminal(answers: str | None, no_input: bool) -> bool:
    """Whether to run without asking: a terminal is needed unless the answers come from a file."""
    from partenariat.errors import NoTerminalError

    if no_input or (sys.stdin.isatty() and sys.stdout.isatty()):
        return no_input
    if answers is not None:
        return True  # an answers file without a terminal: nothing can be asked, as --no-input
    raise NoTerminalError(
        "Pas de terminal interactif : l'assistant ne peut pas poser ses questions.\n"
        "Lancez-le dans un terminal, ou fournissez les réponses avec --answers FICHIER "
        "et/ou --no-input (valeurs par défaut, sinon liste des réponses manquantes)."
    )


def _findings_for(store: ProjectStore, questionnaires: Questionnaires) -> Any:
    def findings(n: int) -> list[Any]:
        from partenariat.analysis import analyse

        return [f for f in analyse(store.project, questionnaires).findings if f.etape == n]

    return findings


def settle_memory() -> None:
    """Before a session: what is loaded so far (libraries, questionnaires) lives until the end,
    so the garbage collector stops re-scanning it; its full collections then only walk what the
    session creates (they took 40-118 ms on some prompts, bench_wizard.py). Young collections
    go back to every ``SESSION_YOUNG`` objects: short pauses, between prompts."""
    import gc

    from partenariat import SESSION_YOUNG, START_YOUNG

    gc.freeze()
    young, middle, old = gc.get_threshold()
    if young == START_YOUNG:  # as set at import (not a threshold the user chose)
        gc.set_threshold(SESSION_YOUNG, middle, old)


def run_steps(
    console: Console,
    store: ProjectStore,
    questionnaires: Questionnaires,
    first: int,
    review: bool,
    source: AnswersFile | None,
    no_input: bool,
    whole_project: bool,
) -> None:
    """Run step ``first`` (and what follows, see ``Wizard.run``) with a terminal prompter."""
    from partenariat.prompter import TerminalPrompter
    from partenariat.wizard import Wizard

    wizard = Wizard(
        store, questionnaires, TerminalPrompter(console), _findings_for(store, questionnaires)
    )
    settle_memory()
    wizard.run(first, review=review, source=source, no_input=no_input, whole_project=whole_project)


def ask_identity(
    console: Console, profil: str | None, organisation: str | None, partenaire: str | None
) -> tuple[str, str, str | None]:
    """The three facts ``init`` needs, asked through the same prompts as the questionnaires."""
    from partenariat.prompter import TerminalPrompter
    from partenariat.questionnaire import load_identity_questions

    questions = load_identity_questions()
    prompter = TerminalPrompter(console)
    if profil is None:
        profil = prompter.ask(questions["profil"], None, None, "", None, "Nouveau projet · 1 sur 3")
    if not organisation:
        organisation = prompter.ask(
            questions["organisation"], None, None, profil or "", None, "Nouveau projet · 2 sur 3"
        )
    if partenaire is None:
        partenaire = prompter.ask(
            questions["partenaire"], None, None, profil or "", None, "Nouveau projet · 3 sur 3"
        )
    return str(profil), str(organisation), partenaire


def confirmation_day(value: str | None) -> Any:
    """The date a confirmation is noted for: today, or ``--le`` (a past or present day)."""
    import datetime as dt

    from partenariat.errors import UsageError
    from partenariat.parsing import AnswerError, parse_date

    if value is None:
        return dt.date.today()
    try:
        day = parse_date(value)
    except AnswerError as exc:
        raise UsageError(f"Date de confirmation invalide : « {value} » ({exc}).") from None
    if day > dt.date.today():
        raise UsageError(
            f"Date de confirmation dans le futur : « {value} ». Notez une clause une fois convenue."
        )
    return day


def confirm_clauses(
    console: Console, path: Any, clauses: list[str], day: Any, avec: str | None
) -> None:
    """Record (``day`` given) or withdraw (``day`` None) the partner's confirmation of clauses."""
    from partenariat.answers import verify
    from partenariat.confirmations import confirm, withdraw
    from partenariat.french import date_fr
    from partenariat.project import open_project
    from partenariat.questionnaire import load_questionnaires

    questionnaires = load_questionnaires()
    with open_project(path) as store:
        verify(store.project, questionnaires)
        if day is None:
            removed = withdraw(store.project, clauses)
            store.save()
            if removed:
                console.print("Confirmation retirée : " + ", ".join(removed))
            else:
                console.print("Aucune de ces clauses n'était notée comme convenue.")
            return
        from partenariat.analysis import analyse

        done = confirm(analyse(store.project, questionnaires), clauses, day, avec)
        store.save()
    for clause in done:
        console.print(
            f"Convenu avec le partenaire le {date_fr(day)} : {clause.id} ({clause.titre})"
        )


def start_project(
    console: Console,
    path: Path,
    profil: str | None,
    organisation: str | None,
    partenaire: str | None,
    answers: Path | None,
    no_input: bool,
) -> None:
    """``init``: create the project (identity asked or given), then run step 1 and what follows.

    An answers file with errors, or a project already there, is refused before anything is asked
    or written: all or nothing.
    """
    from partenariat.errors import UsageError
    from partenariat.project import create_project, ensure_new, new_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.vocabulary import PROFILS
    from partenariat.wizard import check_answers_file, load_answers_file

    questionnaires = load_questionnaires()
    source = load_answers_file(answers, questionnaires) if answers else None
    header: dict[str, Any] = source.header if source else {}
    profil = profil or header.get("profil")
    organisation = organisation or (header.get("organisation") or {}).get("nom")
    partenaire = partenaire or (header.get("partenaire") or {}).get("nom")
    ensure_new(path)  # before asking anything
    checked = None
    if source is not None and profil in PROFILS:
        checked = profil  # an answers file with errors is refused before any question is asked
        check_answers_file(source, questionnaires, new_project(profil, "?", None))
    if no_input:
        if profil not in PROFILS or not organisation:
            raise UsageError(
                "Avec --no-input, indiquez --profil (entreprise ou association) et --organisation NOM "
                "(ou mettez-les dans le fichier de réponses)."
            )
    else:
        profil, organisation, partenaire = ask_identity(console, profil, organisation, partenaire)
    if profil not in PROFILS:
        raise UsageError(f"Profil « {profil} » inconnu : entreprise ou association.")
    fresh = new_project(profil, organisation or "", partenaire)
    if source is not None and checked != profil:
        check_answers_file(source, questionnaires, fresh)  # all or nothing: errors create nothing
    with create_project(path, fresh) as store:
        console.print(f"Projet créé : [bold]{path}[/]")
        run_steps(
            console,
            store,
            questionnaires,
            1,
            review=False,
            source=source,
            no_input=no_input,
            whole_project=True,
        )


def resume_step(
    console: Console, path: Path, n: int, review: bool, answers: Path | None, no_input: bool
) -> None:
    """``step N``: run step N (from where it stopped, or every question with ``review``)."""
    from partenariat.answers import verify
    from partenariat.project import open_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import check_answers_file, load_answers_file

    questionnaires = load_questionnaires()
    source = load_answers_file(answers, questionnaires) if answers else None
    with open_project(path) as store:
        verify(store.project, questionnaires)
        if source is not None:
            check_answers_file(source, questionnaires, store.project)
        run_steps(
            console,
            store,
            questionnaires,
            n,
            review=review,
            source=source,
            no_input=no_input,
            whole_project=False,
        )


def converge(
    console: Console, path: Path, partner_file: Path, accords: list[str], le: str | None
) -> None:
    """``converger``: note the values agreed with the partner, from ``--accord`` or asked one by one.

    With ``--accord``, every agreement is checked on a copy before the project is saved.
    """
    from partenariat.answers import verify
    from partenariat.comparison import check_pair
    from partenariat.comparison import compare as run_compare
    from partenariat.convergence import parse_spec, record
    from partenariat.project import load_project, open_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.reports import print_recorded
    from partenariat.sharing import load_partner

    day = confirmation_day(le)
    specs = [parse_spec(spec) for spec in accords]
    if not specs and not (sys.stdin.isatty() and sys.stdout.isatty()):
        from partenariat.errors import NoTerminalError

        raise NoTerminalError(
            "Pas de terminal interactif : les points ne peuvent pas être demandés un à un.\n"
            "Lancez la commande dans un terminal, ou indiquez les accords avec "
            "--accord POINT=nous|partenaire|valeur:TEXTE."
        )
    questionnaires = load_questionnaires()
    partner = load_partner(partner_file, questionnaires)
    check_pair(load_project(path), partner)  # before the project is opened for writing
    with open_project(path) as store:
        verify(store.project, questionnaires)
        if specs:
            # All or nothing: every agreement is checked on a copy before the project is saved.
            trial = store.project.model_copy(deep=True)
            done = []
            for point_id, choix, texte in specs:
                comparison = run_compare(trial, partner, questionnaires)
                done.append(record(trial, questionnaires, comparison, point_id, choix, texte, day))
            store.project = trial
            store.save()
            for recorded in done:
                print_recorded(console, recorded)
            return
        from partenariat.convergence import interactive

        interactive(store, questionnaires, partner, day, console)


def note_gaps_in_project(
    err: Console, path: Path, result: Any, questionnaires: Questionnaires
) -> list[str]:
    """``compare``'s side effect: the gaps noted in the project (a clause confirmed with the
    partner falls back to « À discuter »); the clauses taken back. A project locked by another
    wizard, or that cannot be written, does not stop the comparison: the gaps are noted next time.
    """
    from rich.markup import escape

    from partenariat.convergence import record_partner_gaps
    from partenariat.errors import ProjectLockedError, StorageError

    try:
        noted, _cleared = record_partner_gaps(path, result, questionnaires)
    except (ProjectLockedError, StorageError) as exc:
        err.print(
            f"[yellow]Écarts non notés dans le projet[/] ({escape(exc.message.splitlines()[0])}) : "
            "relancez la comparaison une fois le projet libre."
        )
        return []
    return list(noted)
