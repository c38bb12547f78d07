"""Command line: parse, call the worker modules, print. Errors become exit codes here, only here.

Heavy libraries (questionary, jinja2, pydantic models, pandoc) are imported inside the commands so
that ``partenariat --help`` starts as fast as a bare typer application.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

from partenariat import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from partenariat.project import ProjectStore
    from partenariat.questionnaire import Questionnaires
    from partenariat.wizard import AnswersFile


class _FrenchHelp:
    """The help screens in French: usage line, help option, section titles."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Affiche cette aide et quitte."
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Utilisation : ")

    def get_help(self, ctx: Any) -> str:
        text: str = super().get_help(ctx)  # type: ignore[misc]
        # Arguments are all text: the type adds nothing for a reader; « required » in French.
        return (
            text.replace(" <str>", "")
            .replace(" <list[str]>", " " * len(" <list[str]>"))  # keeps the columns
            .replace("[required]", "[obligatoire]")
        )


class _Command(_FrenchHelp, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPTIONS]"
        super().__init__(*args, **kwargs)


class _Group(_FrenchHelp, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["subcommand_metavar"] = "COMMANDE [ARGUMENTS]..."
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commandes"):
                formatter.write_dl(rows)


app = typer.Typer(
    name="partenariat",
    cls=_Group,
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


def _load(path: Path) -> tuple[Any, Questionnaires]:
    """The project and the questionnaires, the answers checked against their questions."""
    from partenariat.answers import verify
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires

    proj = load_project(path)
    questionnaires = load_questionnaires()
    verify(proj, questionnaires)
    return proj, questionnaires


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
    from partenariat.export import ALL_DOCUMENT_IDS

    return [d for d in ALL_DOCUMENT_IDS if d.startswith(incomplete)]


def _complete_format(incomplete: str) -> list[str]:
    from partenariat.export import FORMATS

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


def _require_terminal(answers: str | None, no_input: bool) -> bool:
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
        from partenariat.rules import evaluate

        return [f for f in evaluate(store.project, questionnaires) if f.etape == n]

    return findings


def _run_steps(
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

    console = _console()
    wizard = Wizard(
        store, questionnaires, TerminalPrompter(console), _findings_for(store, questionnaires)
    )
    wizard.run(first, review=review, source=source, no_input=no_input, whole_project=whole_project)


# -- commands -------------------------------------------------------------------------------------
@app.command(cls=_Command)
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
    from partenariat.wizard import load_answers_file

    no_input = _require_terminal(answers, no_input)
    questionnaires = load_questionnaires()
    path = Path(project) if project is not None else Path(folder or Path.cwd()) / DEFAULT_NAME
    answers_path = _optional_path(answers)
    source = load_answers_file(answers_path, questionnaires) if answers_path else None
    header: dict[str, Any] = source.header if source else {}
    profil = profil or header.get("profil")
    organisation = organisation or (header.get("organisation") or {}).get("nom")
    partenaire = partenaire or (header.get("partenaire") or {}).get("nom")
    ensure_new(path)  # before asking anything
    if no_input:
        if profil not in ("entreprise", "association") or not organisation:
            raise UsageError(
                "Avec --no-input, indiquez --profil (entreprise ou association) et --organisation NOM "
                "(ou mettez-les dans le fichier de réponses)."
            )
    else:
        profil, organisation, partenaire = _ask_identity(profil, organisation, partenaire)
    if profil not in ("entreprise", "association"):
        raise UsageError(f"Profil « {profil} » inconnu : entreprise ou association.")
    with create_project(path, new_project(profil, organisation or "", partenaire)) as store:
        _console().print(f"Projet créé : [bold]{path}[/]")
        _run_steps(
            store,
            questionnaires,
            1,
            review=False,
            source=source,
            no_input=no_input,
            whole_project=True,
        )


def _ask_identity(
    profil: str | None, organisation: str | None, partenaire: str | None
) -> tuple[str, str, str | None]:
    """The three facts ``init`` needs, asked through the same prompts as the questionnaires."""
    from partenariat.prompter import TerminalPrompter
    from partenariat.questionnaire import Question

    prompter = TerminalPrompter(_console())
    if profil is None:
        q = Question.model_validate(
            {
                "id": "profil",
                "type": "choix",
                "question": "Qui remplit ce projet ?",
                "aide": "Les étapes 1 et 3 diffèrent selon le côté ; les étapes 4 à 7 décrivent le partenariat commun.",
                "choix": [
                    {
                        "valeur": "entreprise",
                        "libelle": "Une entreprise (quelle que soit sa taille)",
                    },
                    {"valeur": "association", "libelle": "Une association ou ONG"},
                ],
            }
        )
        profil = prompter.ask(q, None, None, "", None, "Nouveau projet · 1 sur 3")
    if not organisation:
        q = Question.model_validate(
            {"id": "organisation", "type": "texte", "question": "Nom de votre organisation ?"}
        )
        organisation = prompter.ask(q, None, None, profil or "", None, "Nouveau projet · 2 sur 3")
    if partenaire is None:
        q = Question.model_validate(
            {
                "id": "partenaire",
                "type": "texte",
                "obligatoire": False,
                "question": "Nom du partenaire envisagé ?",
                "aide": "Laissez vide si vous ne l'avez pas encore choisi : l'étape 3 vous y aidera.",
            }
        )
        partenaire = prompter.ask(q, None, None, profil or "", None, "Nouveau projet · 3 sur 3")
    return str(profil), str(organisation), partenaire


@app.command(cls=_Command)
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
    from partenariat.wizard import load_answers_file

    n = _step_number(numero)
    path = _project_path(project)
    no_input = _require_terminal(answers, no_input)
    questionnaires = load_questionnaires()
    answers_path = _optional_path(answers)
    source = load_answers_file(answers_path, questionnaires) if answers_path else None
    with open_project(path) as store:
        verify(store.project, questionnaires)
        _run_steps(
            store,
            questionnaires,
            n,
            review=review,
            source=source,
            no_input=no_input,
            whole_project=False,
        )


@app.command(cls=_Command)
def status(project: str | None = ProjectOption) -> None:
    """Où en est le projet : les sept étapes, les réponses, les points de vigilance."""
    from partenariat.answers import build_context, step_progress
    from partenariat.display import print_status

    path = _project_path(project)
    proj, questionnaires = _load(path)
    context = build_context(proj, questionnaires)
    progress = step_progress(proj, questionnaires, context)
    counts: dict[int, dict[str, int]] = {}
    from partenariat.rules import evaluate

    findings = evaluate(proj, questionnaires, context=context)
    for f in findings:
        per_step = counts.setdefault(f.etape, {})
        per_step[f.severite] = per_step.get(f.severite, 0) + 1
    console = _console()
    print_status(console, proj, str(path), progress, counts)
    clause_counts = _clause_counts(proj, questionnaires, findings)
    if clause_counts is not None:
        _print_clause_counts(console, clause_counts)


@app.command(cls=_Command)
def show(
    numero: str | None = typer.Argument(
        None, metavar="[N]", help="Une étape (par défaut : toutes).", autocompletion=_complete_step
    ),
    project: str | None = ProjectOption,
) -> None:
    """Affiche les réponses, lisibles."""
    from partenariat.answers import build_context
    from partenariat.display import print_answers

    steps = [_step_number(numero)] if numero is not None else list(range(1, 8))
    path = _project_path(project)
    proj, questionnaires = _load(path)
    print_answers(_console(), proj, questionnaires, build_context(proj, questionnaires), steps)


@app.command(cls=_Command)
def check(
    project: str | None = ProjectOption,
    format: str = typer.Option(
        "table",
        "--format",
        metavar="FORMAT",
        show_default=False,
        help="table (lisible, par défaut) ou json (pour les scripts).",
    ),
) -> None:
    """Vérifie la cohérence, les risques, le calendrier et la complétude ; code 1 si un point bloque."""
    from partenariat.errors import UsageError
    from partenariat.rules import evaluate, findings_as_json, readiness

    if format not in ("table", "json"):
        raise UsageError(f"Format « {format} » inconnu : table ou json.")
    path = _project_path(project)
    proj, questionnaires = _load(path)
    findings = evaluate(proj, questionnaires)
    ready = readiness(proj, questionnaires, findings)
    counts = _clause_counts(proj, questionnaires, findings)
    if format == "json":
        typer.echo(findings_as_json(findings, ready, clauses=counts))
    else:
        from partenariat.display import print_findings

        console = _console()
        print_findings(console, findings, ready)
        _print_simulation(console, proj, questionnaires)
        _print_ranking(console, proj, questionnaires)
        if counts is not None:
            _print_clause_counts(console, counts)
    if any(f.severite == "bloquant" for f in findings):
        raise typer.Exit(1)


def _clause_counts(proj: Any, questionnaires: Questionnaires, findings: Any) -> Any:
    """Clauses per level once step 5 (the convention) is done; None before."""
    state = proj.etapes.get("5")
    if state is None or state.statut != "terminee":
        return None
    from partenariat.answers import build_context
    from partenariat.checklist import checklist, count_by_level
    from partenariat.render import Missing

    ctx = build_context(proj, questionnaires)
    return count_by_level(checklist(proj, questionnaires, ctx, Missing(), findings))


def _print_clause_counts(console: Console, counts: dict[str, int]) -> None:
    from partenariat.checklist import NOT_AGREED
    from partenariat.display import clause_counts_line

    total = sum(counts.values()) - counts.get("sans_objet", 0)
    open_ = sum(counts.get(level, 0) for level in NOT_AGREED)
    style = "yellow" if open_ else "green"
    console.print(
        f"[bold]Clauses de la convention :[/] [{style}]{open_} sur {total} "
        "pas encore convenue(s) avec le partenaire[/]"
    )
    console.print("  " + clause_counts_line(counts))
    if open_:
        console.print("  Le détail : partenariat convenir")


def _print_simulation(console: Console, proj: Any, questionnaires: Questionnaires) -> None:
    from partenariat.answers import build_context
    from partenariat.display import print_simulation
    from partenariat.tax import simulation_for

    simulation = simulation_for(build_context(proj, questionnaires))
    if simulation is not None:
        print_simulation(console, simulation)


def _print_ranking(console: Console, proj: Any, questionnaires: Questionnaires) -> None:
    from partenariat.display import print_ranking
    from partenariat.selection import rank_candidates

    print_ranking(console, rank_candidates(proj, questionnaires))


@app.command(cls=_Command)
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
    from partenariat.answers import verify
    from partenariat.checklist import confirm, withdraw
    from partenariat.errors import UsageError
    from partenariat.project import open_project
    from partenariat.questionnaire import load_questionnaires

    path = _project_path(project)
    if not clauses:
        if annuler or le or avec:
            raise UsageError("Indiquez les clauses concernées : partenariat convenir CLAUSE...")
        proj, questionnaires = _load(path)
        _print_clauses(proj, questionnaires)
        return
    day = _confirmation_day(le)
    questionnaires = load_questionnaires()
    console = _console()
    with open_project(path) as store:
        verify(store.project, questionnaires)
        if annuler:
            removed = withdraw(store.project, clauses)
            store.save()
            if removed:
                console.print("Confirmation retirée : " + ", ".join(removed))
            else:
                console.print("Aucune de ces clauses n'était notée comme convenue.")
            return
        done = confirm(store.project, questionnaires, clauses, day, avec)
        store.save()
    from partenariat.french import date_fr

    for clause in done:
        console.print(
            f"Convenu avec le partenaire le {date_fr(day)} : {clause.id} ({clause.titre})"
        )


def _confirmation_day(value: str | None) -> Any:
    import datetime as dt

    from partenariat.errors import UsageError
    from partenariat.values import AnswerError, parse_date

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


def _print_clauses(proj: Any, questionnaires: Questionnaires) -> None:
    from partenariat.answers import build_context
    from partenariat.checklist import checklist, count_by_level
    from partenariat.display import print_clauses
    from partenariat.render import Missing
    from partenariat.rules import evaluate

    ctx = build_context(proj, questionnaires)
    statuses = checklist(
        proj, questionnaires, ctx, Missing(), evaluate(proj, questionnaires, context=ctx)
    )
    print_clauses(_console(), statuses, count_by_level(statuses))


@app.command(cls=_Command)
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
        help="md (toujours), docx, odt, html, pdf (avec LibreOffice) ; répétable ou séparé par des virgules.",
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
            "note-interne."
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
) -> None:
    """Produit les documents pour le partenaire (Markdown, et DOCX, ODT, HTML ou PDF avec --format) ; --interne ajoute la note interne."""
    path = _project_path(project)
    target = Path(output) if output else path.parent / "documents"
    _export(path, target, formats, documents, [Path(r) for r in reference_doc], force, interne)


def _export(
    path: Path,
    output: Path,
    formats: list[str],
    documents: list[str],
    reference_doc: list[Path],
    force: bool,
    internal: bool = False,
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
        )
    console.print("[bold]Documents écrits :[/]")
    for file in result.files:
        console.print(f"  {file}")
    for doc, missing in result.missing.items():
        if missing:
            console.print(f"[yellow]{doc} : {len(missing)} élément(s) à compléter[/]")
            # by step, each item once (a document may need the same answer in several places)
            for item in sorted(dict.fromkeys(missing), key=lambda text: text.split("–")[0]):
                console.print(f"    - {item}")


@app.command(cls=_Command)
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
_CLICK_MESSAGES = {
    "NoSuchOption": "Option inconnue",
    "BadParameter": "Valeur invalide",
    "MissingParameter": "Paramètre manquant",
    "BadOptionUsage": "Option mal employée",
    "UsageError": "Commande incorrecte",
}


@app.command(cls=_Command)
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


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors print a French message and exit non-zero, never a traceback."""
    import os

    from partenariat.errors import PartenariatError

    if COMPLETE_VAR in os.environ:  # the shell asks for completions: typer answers
        from typer._completion_classes import completion_init

        completion_init()
    try:
        code = app(args=argv, prog_name="partenariat", standalone_mode=False)
    except PartenariatError as exc:
        _console(stderr=True).print(
            exc.message, style="red", markup=False, highlight=False, soft_wrap=True
        )
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        typer.echo("Interrompu.", err=True)
        sys.exit(130)
    except typer.TyperException as exc:  # the command-line parser's usage errors
        label = _CLICK_MESSAGES.get(type(exc).__name__, "Erreur")
        detail = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        if type(exc).__name__ == "NoSuchOption":
            detail = str(getattr(exc, "option_name", detail))
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(detail)
            sys.exit(0)
        typer.echo(f"{label} : {detail}\nAide : partenariat --help", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    except Exception as exc:  # a bug: say so plainly, keep the details for the report
        report = _write_crash_report(exc)
        typer.echo(
            f"Erreur inattendue de partenariat ({type(exc).__name__} : {exc}).\n"
            f"Les réponses déjà enregistrées sont intactes. Détails pour signaler le problème : {report}",
            err=True,
        )
        sys.exit(70)
    if isinstance(code, int) and code:
        sys.exit(code)


def _write_crash_report(exc: BaseException) -> str:
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", prefix="partenariat-erreur-", suffix=".txt", delete=False
        ) as handle:
            handle.write(f"partenariat {__version__}\n")
            handle.write("".join(traceback.format_exception(exc)))
            return handle.name
    except OSError:
        return "(rapport impossible à écrire)"
