"""Command line: parse, call the worker modules, print. Errors become exit codes here, only here.

Heavy libraries (questionary, jinja2, pydantic models, pandoc) are imported inside the commands so
that ``partenariat --help`` starts as fast as a bare typer application.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from partenariat import __version__
from partenariat.completion import (
    COMPLETE_VAR,
    complete_document,
    complete_format,
    complete_shell,
    complete_step,
)
from partenariat.helpscreens import FrenchCommand, FrenchGroup, usage_message
from partenariat.session import require_terminal, write_crash_report

if TYPE_CHECKING:
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

ProjectOption = typer.Option(
    None,
    "--project",
    "-p",
    metavar="CHEMIN",
    help="Fichier projet (par défaut : partenariat.yaml ici ou dans un dossier parent).",
)
# ``check`` and ``compare`` print a report: a table for people or JSON for scripts.
ReportFormatOption = typer.Option(
    "table",
    "--format",
    metavar="FORMAT",
    show_default=False,
    help="table (lisible, par défaut) ou json (pour les scripts).",
)
AnswersOption = typer.Option(
    None,
    "--answers",
    metavar="FICHIER",
    help="Fichier YAML de réponses préparées (même forme que le projet : etapes → N → reponses).",
)
NoInputOption = typer.Option(
    False,
    "--no-input",
    help="Ne rien demander : valeurs par défaut pour le reste, ou liste des réponses manquantes.",
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

    return Console(stderr=stderr, highlight=False)


def _project_path(project: str | None) -> Path:
    from partenariat.project import find_project

    return Path(project) if project is not None else find_project()


def _optional_path(value: str | None) -> Path | None:
    # Options are typed as text: typer's Path conversion costs a tenth of a second at start-up.
    return Path(value) if value else None


def _analysis(project: str | None) -> Analysis:
    from partenariat.analysis import load_and_analyse

    return load_and_analyse(_project_path(project))


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
    folder: str | None = typer.Argument(
        None, metavar="[DOSSIER]", help="Dossier du projet (par défaut : le dossier courant)."
    ),
    project: str | None = ProjectOption,
    profil: str | None = typer.Option(
        None,
        "--profil",
        metavar="PROFIL",
        help="Qui remplit le projet : entreprise ou association.",
    ),
    organisation: str | None = typer.Option(
        None, "--organisation", metavar="NOM", help="Nom de votre organisation."
    ),
    partenaire: str | None = typer.Option(
        None, "--partenaire", metavar="NOM", help="Nom du partenaire envisagé, s'il est connu."
    ),
    answers: str | None = AnswersOption,
    no_input: bool = NoInputOption,
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
    numero: str = typer.Argument(
        ..., metavar="N", help="Numéro de l'étape, de 1 à 7.", autocompletion=complete_step
    ),
    project: str | None = ProjectOption,
    review: bool = typer.Option(
        False, "--review", help="Reposer toutes les questions, réponses actuelles par défaut."
    ),
    answers: str | None = AnswersOption,
    no_input: bool = NoInputOption,
) -> None:
    """Lance l'étape N, ou la reprend là où elle s'est arrêtée."""
    from partenariat.session import resume_step

    n = _step_number(numero)
    path = _project_path(project)
    no_input = require_terminal(answers, no_input)
    resume_step(_console(), path, n, review, _optional_path(answers), no_input)


@app.command(cls=FrenchCommand)
def status(project: str | None = ProjectOption) -> None:
    """Où en est le projet : les sept étapes, les réponses, les points de vigilance."""
    from partenariat.display import print_status

    analysis = _analysis(project)
    console = _console()
    print_status(console, analysis.project, str(analysis.path), analysis.readiness)
    if analysis.clause_counts is not None:
        from partenariat.display import print_clause_counts

        print_clause_counts(console, analysis.clause_counts)


@app.command(cls=FrenchCommand)
def show(
    numero: str | None = typer.Argument(
        None, metavar="[N]", help="Une étape (par défaut : toutes).", autocompletion=complete_step
    ),
    project: str | None = ProjectOption,
) -> None:
    """Affiche les réponses, lisibles."""
    from partenariat.display import print_answers

    steps = [_step_number(numero)] if numero is not None else list(range(1, 8))
    analysis = _analysis(project)
    print_answers(_console(), analysis.project, analysis.questionnaires, analysis.context, steps)


@app.command(cls=FrenchCommand)
def check(
    project: str | None = ProjectOption,
    format: str = ReportFormatOption,
) -> None:
    """Vérifie la cohérence, les risques, le calendrier et la complétude ; code 1 si un point bloque."""
    from partenariat.reports import print_check

    _report_format(format)
    analysis = _analysis(project)
    print_check(_console(), analysis, format)
    if analysis.blocking:
        from partenariat.errors import ExitCode

        raise typer.Exit(ExitCode.PROBLEM)


@app.command(cls=FrenchCommand)
def convenir(
    clauses: list[str] = typer.Argument(
        None,
        metavar="CLAUSE",
        show_default=False,
        help="Identifiants des clauses confirmées (sans argument : la liste des clauses et leur état).",
    ),
    project: str | None = ProjectOption,
    le: str | None = typer.Option(
        None,
        "--le",
        metavar="DATE",
        help="Date de la confirmation (par défaut : aujourd'hui).",
    ),
    avec: str | None = typer.Option(
        None, "--avec", metavar="NOM", help="Avec qui, côté partenaire (facultatif)."
    ),
    annuler: bool = typer.Option(
        False,
        "--annuler",
        help="Retirer la confirmation de ces clauses (le partenaire revient dessus).",
    ),
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
    project: str | None = ProjectOption,
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FICHIER",
        help="Fichier à écrire (par défaut : partage-ORGANISATION.yaml à côté du projet).",
    ),
) -> None:
    """Écrit le fichier à envoyer au partenaire : les seules réponses transmissibles, avec leur empreinte."""
    from partenariat.sharing import short, write_shared_file

    target, shared = write_shared_file(_project_path(project), _optional_path(output))
    assert shared.partage is not None
    console = _console()
    console.print(f"Fichier partagé écrit : [bold]{target}[/]")
    console.print(
        f"Empreinte {short(shared.partage.empreinte)} ; les réponses internes n'y figurent pas. "
        "Le partenaire le lit avec : partenariat compare FICHIER"
    )


@app.command(cls=FrenchCommand)
def compare(
    fichier: str = typer.Argument(
        ..., metavar="FICHIER", help="Fichier partagé par le partenaire (ou son projet complet)."
    ),
    project: str | None = ProjectOption,
    format: str = ReportFormatOption,
) -> None:
    """Confronte votre projet à celui du partenaire, point par point ; code 1 s'il reste un écart."""
    from partenariat.comparison import compare_with_file
    from partenariat.reports import print_compare

    _report_format(format)
    result, questionnaires = compare_with_file(_project_path(project), Path(fichier))
    print_compare(_console(), result, questionnaires, format)
    if result.diverge:
        from partenariat.errors import ExitCode

        raise typer.Exit(ExitCode.PROBLEM)


@app.command(cls=FrenchCommand)
def converger(
    fichier: str = typer.Argument(
        ..., metavar="FICHIER", help="Fichier partagé par le partenaire (ou son projet complet)."
    ),
    project: str | None = ProjectOption,
    accords: list[str] = typer.Option(
        [],
        "--accord",
        metavar="POINT=VALEUR",
        show_default=False,
        help="Sans questions : POINT=nous, POINT=partenaire ou POINT=valeur:TEXTE ; répétable.",
    ),
    le: str | None = typer.Option(
        None, "--le", metavar="DATE", help="Date de l'accord (par défaut : aujourd'hui)."
    ),
) -> None:
    """Note, point par point, la valeur convenue avec le partenaire après une comparaison."""
    from partenariat.session import converge

    converge(_console(), _project_path(project), Path(fichier), accords, le)


@app.command(cls=FrenchCommand)
def export(
    project: str | None = ProjectOption,
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="DOSSIER",
        help="Dossier de sortie (par défaut : documents/ à côté du projet).",
    ),
    formats: list[str] = typer.Option(
        ["md"],
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        help="md (toujours), docx, odt, html, pdf (avec LibreOffice), ics (calendrier) ; répétable ou séparé par des virgules.",
        autocompletion=complete_format,
    ),
    documents: list[str] = typer.Option(
        [],
        "--document",
        "-d",
        metavar="DOCUMENT",
        show_default=False,
        help=(
            "document-de-cadrage, checklist-convention, plan-de-suivi (par défaut : les trois), "
            "note-interne, note-de-dialogue (avec --partenaire)."
        ),
        autocompletion=complete_document,
    ),
    interne: bool = typer.Option(
        False,
        "--interne",
        help="Ajouter la note interne (à ne pas transmettre au partenaire).",
    ),
    reference_doc: list[str] = typer.Option(
        [],
        "--reference-doc",
        metavar="FICHIER",
        show_default=False,
        help="Document Word (.docx) et/ou OpenDocument (.odt) dont reprendre les styles ; répétable.",
    ),
    force: bool = typer.Option(
        False, "--force", help="Remplacer même un fichier modifié depuis le dernier export."
    ),
    partenaire: str | None = typer.Option(
        None,
        "--partenaire",
        metavar="FICHIER",
        help="Fichier partagé par le partenaire : ajoute la note de dialogue.",
    ),
) -> None:
    """Produit les documents pour le partenaire (Markdown, et DOCX, ODT, HTML, PDF ou le calendrier ICS avec --format) ; --interne ajoute la note interne."""
    from partenariat.display import print_export
    from partenariat.export import export_documents, requested_formats

    path = _project_path(project)
    console = _console()
    with console.status("Production des documents…") as progress:
        result = export_documents(
            path,
            Path(output) if output else path.parent / "documents",
            formats=requested_formats(formats),
            documents=documents or None,
            reference_doc=[Path(r) for r in reference_doc] or None,
            force=force,
            progress=progress.update,
            internal=interne,
            partner=_optional_path(partenaire),
        )
    print_export(console, result)


@app.command(cls=FrenchCommand)
def agenda(
    folders: list[str] = typer.Argument(
        None,
        metavar="DOSSIER",
        show_default=False,
        help="Dossiers où chercher les projets (partenariat.yaml), sous-dossiers compris ; par défaut : le dossier courant.",
    ),
    jours: int = typer.Option(
        30,
        "--jours",
        "-j",
        metavar="N",
        show_default=False,
        help="Échéances des N prochains jours (30 par défaut).",
    ),
    format: str = typer.Option(
        "table",
        "--format",
        metavar="FORMAT",
        show_default=False,
        help="table (lisible, par défaut), json (pour les scripts) ou ics (un calendrier pour tous).",
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FICHIER",
        help="Avec --format ics : fichier à écrire (par défaut : agenda.ics ici).",
    ),
    depuis: str | None = typer.Option(
        None,
        "--depuis",
        metavar="DATE",
        help="Premier jour de la période (par défaut : aujourd'hui), par exemple 2027-03-01.",
    ),
) -> None:
    """Ce qui arrive à échéance dans tous les partenariats des dossiers donnés, par date."""
    from partenariat.agenda import run_agenda

    roots = [Path(f) for f in folders] if folders else [Path.cwd()]
    run_agenda(roots, jours, format, output, depuis, _console(), _console(stderr=True))


@app.command(cls=FrenchCommand)
def demo(
    output: str = typer.Argument(
        "partenariat-demo",
        metavar="[DOSSIER]",
        show_default=False,
        help="Dossier où écrire les documents d'exemple (par défaut : partenariat-demo).",
    ),
) -> None:
    """Produit les documents du projet d'exemple fourni, sans rien demander."""
    from partenariat.export import demo as run_demo
    from partenariat.export import demo_formats
    from partenariat.reports import print_demo

    console = _console()
    with console.status("Production des documents d'exemple…"):
        results = run_demo(Path(output))
    print_demo(console, results, list(demo_formats()))


# -- entry point ----------------------------------------------------------------------------------
@app.command(cls=FrenchCommand)
def completion(
    shell: str | None = typer.Argument(
        None,
        metavar="[SHELL]",
        help="bash, zsh, fish ou powershell (par défaut : le shell en cours).",
        autocompletion=complete_shell,
    ),
) -> None:
    """Affiche le script de complétion (touche Tab) pour votre shell : voir le README."""
    import os

    from partenariat.completion import completion_script

    typer.echo(completion_script(shell, os.environ.get("SHELL", "")))


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
