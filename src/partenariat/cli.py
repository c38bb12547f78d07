"""Command line: parse, call the worker modules, print. Errors become exit codes here, only here.

Heavy libraries (questionary, jinja2, pydantic models, pandoc) are imported inside the commands so
that ``partenariat --help`` starts as fast as a bare typer application.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from partenariat import __version__
from partenariat.helpscreens import CLICK_MESSAGES, FrenchCommand, FrenchGroup, french_click
from partenariat.session import ask_identity, require_terminal, run_steps, write_crash_report

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


# -- shell completion (typer's own, driven by _PARTENARIAT_COMPLETE) ---------------------------
COMPLETE_VAR = "_PARTENARIAT_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell")
STEP_NAMES = (
    "introspection",
    "dialogue",
    "choix du partenaire",
    "contenu du partenariat",
    "formalisation",
    "mise en œuvre",
    "évaluation",
)


def _complete_step(incomplete: str) -> list[tuple[str, str]]:
    return [(str(n), name) for n, name in enumerate(STEP_NAMES, 1) if str(n).startswith(incomplete)]


def _complete_document(incomplete: str) -> list[str]:
    from partenariat.vocabulary import ALL_DOCUMENT_IDS

    return [d for d in ALL_DOCUMENT_IDS if d.startswith(incomplete)]


def _complete_format(incomplete: str) -> list[str]:
    from partenariat.vocabulary import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete)]


def _complete_shell(incomplete: str) -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


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
    """Refuse a report format other than those of ``CHECK_FORMATS``, in French."""
    from partenariat.errors import UsageError
    from partenariat.vocabulary import CHECK_FORMATS

    if value not in CHECK_FORMATS:
        raise UsageError(f"Format « {value} » inconnu : {' ou '.join(CHECK_FORMATS)}.")


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
    from partenariat.errors import UsageError
    from partenariat.project import DEFAULT_NAME, create_project, ensure_new, new_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.vocabulary import PROFILS
    from partenariat.wizard import check_answers_file, load_answers_file

    no_input = require_terminal(answers, no_input)
    questionnaires = load_questionnaires()
    path = Path(project) if project is not None else Path(folder or Path.cwd()) / DEFAULT_NAME
    answers_path = _optional_path(answers)
    source = load_answers_file(answers_path, questionnaires) if answers_path else None
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
        profil, organisation, partenaire = ask_identity(
            _console(), profil, organisation, partenaire
        )
    if profil not in PROFILS:
        raise UsageError(f"Profil « {profil} » inconnu : entreprise ou association.")
    fresh = new_project(profil, organisation or "", partenaire)
    if source is not None and checked != profil:
        check_answers_file(source, questionnaires, fresh)  # all or nothing: errors create nothing
    with create_project(path, fresh) as store:
        _console().print(f"Projet créé : [bold]{path}[/]")
        run_steps(
            _console(),
            store,
            questionnaires,
            1,
            review=False,
            source=source,
            no_input=no_input,
            whole_project=True,
        )


@app.command(cls=FrenchCommand)
def step(
    numero: str = typer.Argument(
        ..., metavar="N", help="Numéro de l'étape, de 1 à 7.", autocompletion=_complete_step
    ),
    project: str | None = ProjectOption,
    review: bool = typer.Option(
        False, "--review", help="Reposer toutes les questions, réponses actuelles par défaut."
    ),
    answers: str | None = AnswersOption,
    no_input: bool = NoInputOption,
) -> None:
    """Lance l'étape N, ou la reprend là où elle s'est arrêtée."""
    from partenariat.answers import verify
    from partenariat.project import open_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import check_answers_file, load_answers_file

    n = _step_number(numero)
    path = _project_path(project)
    no_input = require_terminal(answers, no_input)
    questionnaires = load_questionnaires()
    answers_path = _optional_path(answers)
    source = load_answers_file(answers_path, questionnaires) if answers_path else None
    with open_project(path) as store:
        verify(store.project, questionnaires)
        if source is not None:
            check_answers_file(source, questionnaires, store.project)
        run_steps(
            _console(),
            store,
            questionnaires,
            n,
            review=review,
            source=source,
            no_input=no_input,
            whole_project=False,
        )


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
        None, metavar="[N]", help="Une étape (par défaut : toutes).", autocompletion=_complete_step
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
    _report_format(format)
    analysis = _analysis(project)
    if format == "json":
        from partenariat.rules import findings_as_json

        simulation = analysis.simulation
        typer.echo(
            findings_as_json(
                analysis.findings,
                analysis.readiness,
                clauses=analysis.clause_counts,
                simulation=simulation.as_dict() if simulation is not None else None,
            )
        )
    else:
        from partenariat.display import print_findings, print_ranking

        console = _console()
        print_findings(console, analysis.findings, analysis.readiness)
        if analysis.simulation is not None:
            from partenariat.display import print_simulation

            print_simulation(console, analysis.simulation)
        print_ranking(console, analysis.ranking)
        if analysis.clause_counts is not None:
            from partenariat.display import print_clause_counts

            print_clause_counts(console, analysis.clause_counts)
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


def _load(path: Path) -> tuple[Any, Any]:
    """The project and the questionnaires, the answers checked against their questions."""
    from partenariat.answers import verify
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires

    proj = load_project(path)
    questionnaires = load_questionnaires()
    verify(proj, questionnaires)
    return proj, questionnaires


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
    from partenariat.project import atomic_write, dump_project
    from partenariat.sharing import shared_project, short

    path = _project_path(project)
    proj, questionnaires = _load(path)
    shared = shared_project(proj, questionnaires)
    target = (
        Path(output) if output else path.parent / f"partage-{_slug(proj.organisation.nom)}.yaml"
    )
    if target.resolve() == path.resolve():
        from partenariat.errors import UsageError

        raise UsageError(
            "Le fichier partagé ne peut pas remplacer le projet : choisissez un autre nom."
        )
    try:
        atomic_write(target, dump_project(shared).encode("utf-8"))
    except OSError as exc:
        from partenariat.errors import StorageError

        raise StorageError(
            f"Impossible d'écrire le fichier partagé {target} : {exc.strerror or exc}."
        ) from None
    assert shared.partage is not None
    console = _console()
    console.print(f"Fichier partagé écrit : [bold]{target}[/]")
    console.print(
        f"Empreinte {short(shared.partage.empreinte)} ; les réponses internes n'y figurent pas. "
        "Le partenaire le lit avec : partenariat compare FICHIER"
    )


def _slug(name: str | None) -> str:
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-") or "organisation"


def _comparison(path: Path, partner_file: str) -> Any:
    from partenariat.comparison import compare as run_compare
    from partenariat.sharing import load_partner

    proj, questionnaires = _load(path)
    partner = load_partner(Path(partner_file), questionnaires)
    return run_compare(proj, partner, questionnaires), questionnaires


@app.command(cls=FrenchCommand)
def compare(
    fichier: str = typer.Argument(
        ..., metavar="FICHIER", help="Fichier partagé par le partenaire (ou son projet complet)."
    ),
    project: str | None = ProjectOption,
    format: str = ReportFormatOption,
) -> None:
    """Confronte votre projet à celui du partenaire, point par point ; code 1 s'il reste un écart."""
    _report_format(format)
    path = _project_path(project)
    result, questionnaires = _comparison(path, fichier)
    from partenariat.convergence import record_partner_gaps

    # A clause confirmed with the partner falls back when the partner's file now differs on it.
    from partenariat.errors import ProjectLockedError, StorageError

    try:
        noted, _cleared = record_partner_gaps(path, result, questionnaires)
    except (ProjectLockedError, StorageError) as exc:
        from rich.markup import escape

        noted = []
        _console(stderr=True).print(
            f"[yellow]Écarts non notés dans le projet[/] ({escape(exc.message.splitlines()[0])}) : "
            "relancez la comparaison une fois le projet libre."
        )
    if format == "json":
        from partenariat.comparison import as_json

        typer.echo(as_json(result))
    else:
        from partenariat.display import print_comparison

        titles = {n: q.titre for n, q in questionnaires.etapes.items()}
        print_comparison(_console(), result, titles)
        from partenariat.display import print_partner_gaps

        print_partner_gaps(_console(), noted)
    if result.diverge:
        raise typer.Exit(1)


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
    from partenariat.answers import verify
    from partenariat.comparison import compare as run_compare
    from partenariat.convergence import parse_spec, record
    from partenariat.project import open_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.sharing import load_partner

    path = _project_path(project)
    from partenariat.session import confirmation_day

    day = confirmation_day(le)
    specs = [parse_spec(spec) for spec in accords]
    import sys

    if not specs and not (sys.stdin.isatty() and sys.stdout.isatty()):
        from partenariat.errors import NoTerminalError

        raise NoTerminalError(
            "Pas de terminal interactif : les points ne peuvent pas être demandés un à un.\n"
            "Lancez la commande dans un terminal, ou indiquez les accords avec "
            "--accord POINT=nous|partenaire|valeur:TEXTE."
        )
    questionnaires = load_questionnaires()
    partner = load_partner(Path(fichier), questionnaires)
    from partenariat.comparison import check_pair
    from partenariat.project import load_project

    check_pair(load_project(path), partner)  # before the project is opened for writing
    console = _console()
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


def print_recorded(console: Console, recorded: Any) -> None:
    from rich.markup import escape

    console.print(
        f"[green]Convenu :[/] {escape(recorded.point.libelle)} → {escape(recorded.valeur or '—')}"
    )
    for clause in recorded.clauses_convenues:
        console.print(f"  Clause « {escape(clause)} » : Convenu avec le partenaire")
    for pending in recorded.clauses_en_attente:
        console.print(f"  [yellow]Clause pas encore convenue[/] : {escape(pending)}")


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
        autocompletion=_complete_format,
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
        autocompletion=_complete_document,
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
    path = _project_path(project)
    target = Path(output) if output else path.parent / "documents"
    _export(
        path,
        target,
        formats,
        documents,
        [Path(r) for r in reference_doc],
        force,
        interne,
        _optional_path(partenaire),
    )


def _export(
    path: Path,
    output: Path,
    formats: list[str],
    documents: list[str],
    reference_doc: list[Path],
    force: bool,
    internal: bool = False,
    partner: Path | None = None,
) -> None:
    from partenariat.export import export_documents

    # « --format docx,odt » and « --format docx --format odt » alike; Markdown is always written.
    wanted = ["md"] + [f.strip() for item in formats for f in item.split(",") if f.strip()]
    console = _console()
    with console.status("Production des documents…") as status:
        result = export_documents(
            path,
            output,
            formats=wanted,
            documents=documents or None,
            reference_doc=reference_doc or None,
            force=force,
            progress=status.update,
            internal=internal,
            partner=partner,
        )
    from partenariat.display import print_export

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

    console = _console()
    with console.status("Production des documents d'exemple…"):
        results = run_demo(Path(output))
    pdf_note = (
        ""
        if "pdf" in demo_formats()
        else " (PDF non produits : LibreOffice n'est pas installé ; voir le README)"
    )
    for name, result in results.items():
        console.print(f"[bold]Exemple « {name} » :[/]")
        for file in result.files:
            console.print(f"  {file}")
    console.print(
        "Ouvrez les fichiers .docx ou .odt dans votre traitement de texte, les .pdf dans une "
        f"visionneuse, ou les .md dans un éditeur{pdf_note}. "
        "Pour votre propre projet : [bold]partenariat init[/]"
    )


# -- entry point ----------------------------------------------------------------------------------
@app.command(cls=FrenchCommand)
def completion(
    shell: str | None = typer.Argument(
        None,
        metavar="[SHELL]",
        help="bash, zsh, fish ou powershell (par défaut : le shell en cours).",
        autocompletion=_complete_shell,
    ),
) -> None:
    """Affiche le script de complétion (touche Tab) pour votre shell : voir le README."""
    import os

    from typer._completion_shared import get_completion_script

    from partenariat.errors import UsageError

    name = shell or Path(os.environ.get("SHELL", "")).name or "bash"
    if name not in SHELLS:
        raise UsageError(
            f"Shell non pris en charge : « {name} ». Indiquez-en un : {', '.join(SHELLS)}."
        )
    typer.echo(
        get_completion_script(prog_name="partenariat", complete_var=COMPLETE_VAR, shell=name)
    )


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
        label = CLICK_MESSAGES.get(type(exc).__name__, "Erreur")
        detail = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(detail)
            return ExitCode.OK
        if type(exc).__name__ == "NoSuchOption":
            detail = str(getattr(exc, "option_name", detail))
            close = sorted(getattr(exc, "possibilities", None) or [])
            if close:
                detail += " (vouliez-vous dire " + " ou ".join(f"« {c} »" for c in close) + " ?)"
        else:
            detail = french_click(detail)
        typer.echo(f"{label} : {detail}\nAide : partenariat --help", err=True)
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except Exception as exc:  # a bug: say so plainly, keep the details for the report
        report = write_crash_report(exc)
        typer.echo(
            f"Erreur inattendue de partenariat ({type(exc).__name__} : {exc}).\n"
            f"Les réponses déjà enregistrées sont intactes. Détails pour signaler le problème : {report}",
            err=True,
        )
        return ExitCode.BUG
    return int(code) if isinstance(code, int) else ExitCode.OK
