"""What the commands print once their work is done: ``check`` and ``compare`` (a table for
people or JSON for scripts), the shared file, a recorded agreement, the demo's files.

The CLI maps options to these calls; the tables themselves are drawn by ``display``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from partenariat.analysis import Analysis
    from partenariat.comparison import Comparison
    from partenariat.export import ExportResult
    from partenariat.project import Project
    from partenariat.questionnaire import Questionnaires


def check_report_format(value: str) -> None:
    """Refuse a report format other than those of ``CHECK_FORMATS``, in French."""
    from partenariat.errors import UsageError
    from partenariat.vocabulary import CHECK_FORMATS

    if value not in CHECK_FORMATS:
        raise UsageError(f"Format « {value} » inconnu : {' ou '.join(CHECK_FORMATS)}.")


def print_check(console: Console, analysis: Analysis, format: str) -> None:
    """``check``'s report: findings, simulation, ranking and clause levels (or the same as JSON)."""
    if format == "json":
        from partenariat.rules import findings_as_json

        simulation = analysis.simulation
        text = findings_as_json(
            analysis.findings,
            analysis.readiness,
            clauses=analysis.clause_counts,
            simulation=simulation.as_dict() if simulation is not None else None,
        )
        # Written as text on sys.stdout (not typer.echo, which may reach for the binary buffer
        # beneath): report_cache keeps a copy of what went through sys.stdout.
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    from partenariat.display import print_findings, print_ranking

    print_findings(console, analysis.findings, analysis.readiness)
    if analysis.simulation is not None:
        from partenariat.display import print_simulation

        print_simulation(console, analysis.simulation)
    print_ranking(console, analysis.ranking)
    if analysis.clause_counts is not None:
        from partenariat.display import print_clause_counts

        print_clause_counts(console, analysis.clause_counts)


def print_compare(
    console: Console,
    result: Comparison,
    questionnaires: Questionnaires,
    format: str,
    noted: Sequence[str] = (),
) -> None:
    """``compare``'s report: tables by step and the clauses it took back (``noted``), or JSON."""
    if format == "json":
        from partenariat.comparison import as_json

        typer.echo(as_json(result))
        return
    from partenariat.display import print_comparison, print_partner_gaps

    titles = {n: q.titre for n, q in questionnaires.etapes.items()}
    print_comparison(console, result, titles)
    print_partner_gaps(console, noted)


def print_shared(console: Console, target: Path, shared: Project) -> None:
    """Where ``partage`` wrote the file for the partner, and its fingerprint."""
    from partenariat.sharing import short

    assert shared.partage is not None
    console.print(f"Fichier partagé écrit : [bold]{target}[/]")
    console.print(
        f"Empreinte {short(shared.partage.empreinte)} ; les réponses internes n'y figurent pas. "
        "Le partenaire le lit avec : partenariat compare FICHIER"
    )


def print_recorded(console: Console, recorded: Any) -> None:
    """One agreement noted by ``converger``, and the clauses it confirmed or left pending."""
    from rich.markup import escape

    console.print(
        f"[green]Convenu :[/] {escape(recorded.point.libelle)} → {escape(recorded.valeur or '—')}"
    )
    for clause in recorded.clauses_convenues:
        console.print(f"  Clause « {escape(clause)} » : Convenu avec le partenaire")
    for pending in recorded.clauses_en_attente:
        console.print(f"  [yellow]Clause pas encore convenue[/] : {escape(pending)}")


def print_demo(console: Console, results: dict[str, ExportResult], formats: list[str]) -> None:
    """The files ``demo`` wrote, example by example, and how to open them."""
    pdf_note = (
        ""
        if "pdf" in formats
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
