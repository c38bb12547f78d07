"""Command line: parse, call the worker modules, print. Errors become exit codes here, only here.

Heavy libraries (questionary, jinja2, pydantic models, pandoc) are imported inside the commands so
that ``partenariat --help`` starts as fast as a bare typer application.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from partenariat import __version__, options
from partenariat.completion import COMPLETE_VAR
from partenariat.errors import write_crash_report
from partenariat.helpscreens import FrenchCommand, FrenchGroup, usage_message
from partenariat.session import require_terminal

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from partenariat.analysis import Analysis


app = typer.Typer(
    name="partenariat",
    cls=FrenchGroup,
    help=(
        "Assistant pour construire un partenariat stratégique entre une association/ONG et une "
        "entreprise, étape par étape (méthode du guide ORSE / Le RAMEAU, 2012), et produire le "
        "document de cadrage, la checklist de convention et le plan de suivi."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"partenariat {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Affiche la version."
    ),
) -> None:
    """Assistant partenariat ONG-entreprise."""


# -- shared helpers -------------------------------------------------------------------------------
def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    # No emoji codes: « :coeur: » in an organisation's name stays as typed (and rich's table
    # of codes, 2.5 ms to import, is never read).
    return Console(stderr=stderr, highlight=False, emoji=False)


def _project_path(project: str | None) -> Path:
    from partenariat.location import find_project

    return Path(project) if project is not None else find_project()


def _optional_path(value: str | None) -> Path | None:
    # Options are typed as text: typer's Path conversion costs a tenth of a second at start-up.
    return Path(value) if value else None


def _analysis(project: str | None) -> Analysis:
    from partenariat.analysis import load_and_analyse

    return load_and_analyse(_project_path(project))


def _replayable(command: str, path: Path, settings: list[str], report: Callable[[], int]) -> None:
    """Run a read-only report, or print it again as kept when nothing it reads has changed."""
    from partenariat import report_cache

    code = report_cache.run(command, path, settings, report)
    if code:
        raise typer.Exit(code)


def _step_number(value: str) -> int:
    from partenariat.errors import UsageError

    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 7:
        raise UsageError(
            f"Numéro d'étape invalide : « {value} ». La méthode compte sept étapes : indiquez un nombre de 1 à 7."
        )
    return int(text)


# -- commands -------------------------------------------------------------------------------------
def _report_format(value: str) -> None:
    from partenariat.reports import check_report_format

    check_report_format(value)


@app.command(cls=FrenchCommand)
def init(
    folder: str | None = options.INIT_FOLDER,
    project: str | None = options.PROJECT,
    profil: str | None = options.INIT_PROFIL,
    organisation: str | None = options.INIT_ORGANISATION,
    partenaire: str | None = options.INIT_PARTENAIRE,
    answers: str | None = options.ANSWERS,
    no_input: bool = options.NO_INPUT,
) -> None:
    """Crée un projet, puis lance l'étape 1 et propose d'enchaîner les suivantes."""
    from partenariat.project import DEFAULT_NAME
    from partenariat.session import start_project

    no_input = require_terminal(answers, no_input)
    path = Path(project) if project is not None else Path(folder or Path.cwd()) / DEFAULT_NAME
    start_project(
        _console(), path, profil, organisation, partenaire, _optional_path(answers), no_input
    )


@app.command(cls=FrenchCommand)
def step(
    numero: str = options.STEP_NUMERO,
    project: str | None = options.PROJECT,
    review: bool = options.STEP_REVIEW,
    answers: str | None = options.ANSWERS,
    no_input: bool = options.NO_INPUT,
) -> None:
    """Lance l'étape N, ou la reprend là où elle s'est arrêtée."""
    from partenariat.session import resume_step

    n = _step_number(numero)
    path = _project_path(project)
    no_input = require_terminal(answers, no_input)
    resume_step(_console(), path, n, review, _optional_path(answers), no_input)


@app.command(cls=FrenchCommand)
def status(project: str | None = options.PROJECT) -> None:
    """Où en est le projet : les sept étapes, les réponses, les points de vigilance."""
    path = _project_path(project)

    def report() -> int:
        from partenariat.display import print_clause_counts, print_status

        analysis = _analysis(str(path))
        console = _console()
        print_status(console, analysis.project, str(analysis.path), analysis.readiness)
        if analysis.clause_counts is not None:
            print_clause_counts(console, analysis.clause_counts)
        return 0

    _replayable("status", path, [], report)


@app.command(cls=FrenchCommand)
def show(
    numero: str | None = options.SHOW_NUMERO,
    project: str | None = options.PROJECT,
) -> None:
    """Affiche les réponses, lisibles."""
    from partenariat.display import print_answers

    steps = [_step_number(numero)] if numero is not None else list(range(1, 8))
    analysis = _analysis(project)
    print_answers(_console(), analysis.project, analysis.questionnaires, analysis.context, steps)


@app.command(cls=FrenchCommand)
def check(
    project: str | None = options.PROJECT,
    format: str = options.REPORT_FORMAT,
) -> None:
    """Vérifie la cohérence, les risques, le calendrier et la complétude ; code 1 si un point bloque."""
    from partenariat.errors import ExitCode

    _report_format(format)
    path = _project_path(project)

    def report() -> int:
        from partenariat.reports import print_check

        analysis = _analysis(str(path))
        print_check(_console(), analysis, format)
        return ExitCode.PROBLEM if analysis.blocking else ExitCode.OK

    _replayable("check", path, [format], report)


@app.command(cls=FrenchCommand)
def convenir(
    clauses: list[str] = options.CONVENIR_CLAUSES,
    project: str | None = options.PROJECT,
    le: str | None = options.CONVENIR_LE,
    avec: str | None = options.CONVENIR_AVEC,
    annuler: bool = options.CONVENIR_ANNULER,
) -> None:
    """Note des clauses comme convenues avec le partenaire (état « Convenu avec le partenaire »)."""
    from partenariat.errors import UsageError
    from partenariat.session import confirm_clauses, confirmation_day

    if not clauses:
        if annuler or le or avec:
            raise UsageError("Indiquez les clauses concernées : partenariat convenir CLAUSE...")
        from partenariat.checklist import count_by_level
        from partenariat.display import print_clauses

        analysis = _analysis(project)
        print_clauses(_console(), analysis.clauses, count_by_level(analysis.clauses))
        return
    day = None if annuler else confirmation_day(le)
    confirm_clauses(_console(), _project_path(project), clauses, day, avec)


@app.command(cls=FrenchCommand)
def partage(
    project: str | None = options.PROJECT,
    output: str | None = options.PARTAGE_OUTPUT,
) -> None:
    """Écrit le fichier à envoyer au partenaire : les seules réponses transmissibles, avec leur empreinte."""
    from partenariat.reports import print_shared
    from partenariat.sharing import write_shared_file

    target, shared = write_shared_file(_project_path(project), _optional_path(output))
    print_shared(_console(), target, shared)


@app.command(cls=FrenchCommand)
def compare(
    fichier: str = options.COMPARE_FICHIER,
    project: str | None = options.PROJECT,
    format: str = options.REPORT_FORMAT,
) -> None:
    """Confronte votre projet à celui du partenaire, point par point ; code 1 s'il reste un écart."""
    from partenariat.comparison import compare_with_file
    from partenariat.reports import print_compare
    from partenariat.session import note_gaps_in_project

    _report_format(format)
    path = _project_path(project)
    result, questionnaires = compare_with_file(path, Path(fichier))
    # A clause confirmed with the partner falls back when the partner's file now differs on it.
    noted = note_gaps_in_project(_console(stderr=True), path, result, questionnaires)
    print_compare(_console(), result, questionnaires, format, noted)
    if result.diverge:
        from partenariat.errors import ExitCode

        raise typer.Exit(ExitCode.PROBLEM)


@app.command(cls=FrenchCommand)
def converger(
    fichier: str = options.CONVERGER_FICHIER,
    project: str | None = options.PROJECT,
    accords: list[str] = options.CONVERGER_ACCORDS,
    le: str | None = options.CONVERGER_LE,
) -> None:
    """Note, point par point, la valeur convenue avec le partenaire après une comparaison."""
    from partenariat.session import converge

    converge(_console(), _project_path(project), Path(fichier), accords, le)


@app.command(cls=FrenchCommand)
def export(
    project: str | None = options.PROJECT,
    output: str | None = options.EXPORT_OUTPUT,
    formats: list[str] = options.EXPORT_FORMATS,
    documents: list[str] = options.EXPORT_DOCUMENTS,
    interne: bool = options.EXPORT_INTERNE,
    reference_doc: list[str] = options.EXPORT_REFERENCE_DOC,
    force: bool = options.EXPORT_FORCE,
    partenaire: str | None = options.EXPORT_PARTENAIRE,
) -> None:
    """Produit les documents pour le partenaire (Markdown, et DOCX, ODT, HTML, PDF ou le calendrier ICS avec --format) ; --interne ajoute la note interne."""
    import sys
    from contextlib import nullcontext

    from partenariat.display import print_export
    from partenariat.export import export_documents, requested_formats

    path = _project_path(project)
    chosen = requested_formats(formats)
    # A spinner for the conversions (pandoc, LibreOffice: seconds), on a terminal only: the
    # Markdown alone is written in a tenth of a second, less than rich takes to import and its
    # live display to start and stop.
    slow = sys.stdout.isatty() and any(f != "md" for f in chosen)
    spinner = _console().status("Production des documents…") if slow else nullcontext()
    with spinner as progress:
        result = export_documents(
            path,
            Path(output) if output else path.parent / "documents",
            formats=chosen,
            documents=documents or None,
            reference_doc=[Path(r) for r in reference_doc] or None,
            force=force,
            progress=progress.update if progress is not None else None,
            internal=interne,
            partner=_optional_path(partenaire),
        )
    print_export(result)


@app.command(cls=FrenchCommand)
def agenda(
    folders: list[str] = options.AGENDA_FOLDERS,
    jours: int = options.AGENDA_JOURS,
    format: str = options.AGENDA_FORMAT,
    output: str | None = options.AGENDA_OUTPUT,
    depuis: str | None = options.AGENDA_DEPUIS,
) -> None:
    """Ce qui arrive à échéance dans tous les partenariats des dossiers donnés, par date."""
    from partenariat.agenda import run_agenda

    roots = [Path(f) for f in folders] if folders else [Path.cwd()]
    run_agenda(roots, jours, format, output, depuis, _console(), _console(stderr=True))


@app.command(cls=FrenchCommand)
def demo(
    output: str = options.DEMO_OUTPUT,
) -> None:
    """Produit les documents du projet d'exemple fourni, sans rien demander."""
    from partenariat.export import demo as run_demo
    from partenariat.export import demo_formats
    from partenariat.reports import print_demo

    console = _console()
    with console.status("Production des documents d'exemple…"):
        results = run_demo(Path(output))
    print_demo(console, results, list(demo_formats()))


@app.command(cls=FrenchCommand)
def completion(
    shell: str | None = options.COMPLETION_SHELL,
) -> None:
    """Affiche le script de complétion (touche Tab) pour votre shell : voir le README."""
    import os

    from partenariat.completion import completion_script

    typer.echo(completion_script(shell, os.environ.get("SHELL", "")))


# -- entry point ----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; user errors print a French message, never a
    traceback. Every code comes from ``errors.ExitCode``."""
    import os

    from partenariat.errors import ExitCode, PartenariatError

    if COMPLETE_VAR in os.environ:  # the shell asks for completions: typer answers
        from typer._completion_classes import completion_init

        completion_init()
    try:
        code = app(args=argv, prog_name="partenariat", standalone_mode=False)
    except PartenariatError as exc:
        _console(stderr=True).print(
            exc.message, style="red", markup=False, highlight=False, soft_wrap=True
        )
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        typer.echo("Interrompu.", err=True)
        return ExitCode.INTERRUPTED
    except typer.TyperException as exc:  # the command-line parser's usage errors
        text, is_help = usage_message(exc)
        typer.echo(text, err=not is_help)
        return ExitCode.OK if is_help else int(getattr(exc, "exit_code", ExitCode.USAGE))
    except Exception as exc:  # a bug: say so plainly, keep the details for the report
        report = write_crash_report(exc)
        typer.echo(
            f"Erreur inattendue de partenariat ({type(exc).__name__} : {exc}).\n"
            f"Les réponses déjà enregistrées sont intactes. Détails pour signaler le problème : {report}",
            err=True,
        )
        return ExitCode.BUG
    return int(code) if isinstance(code, int) else ExitCode.OK
