"""The review at the end of a step: every answer in a table that wraps to the terminal's width,
the rule findings for the step, then the choice (validate, change an answer, save and quit)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from partenariat.questionnaire import Questionnaire
from partenariat.values import format_value
from partenariat.vocabulary import answer_path

if TYPE_CHECKING:
    from rich.console import Console

    from partenariat.prompter import ReviewRow


def review_choice(
    console: Console,
    choose: Callable[..., Any],
    quest: Questionnaire,
    rows: Sequence[ReviewRow],
    findings: Sequence[Any],
    profil: str,
    validee: bool = False,
) -> tuple[str, str | None]:
    """Show the step's answers as a table, then ask what to do: validate, change one, quit."""
    import questionary
    from rich.table import Table

    table = Table(
        title=f"Relecture · étape {quest.etape} · {quest.titre}", show_lines=False, expand=True
    )
    table.add_column("n°", justify="right", style="dim", no_wrap=True)
    # Ratios share the whole width; « fold » breaks a long word rather than squeezing a column.
    table.add_column("Question", ratio=2, min_width=16, overflow="fold")
    table.add_column("Réponse", ratio=3, min_width=24, overflow="fold")
    for row in rows:
        shown = (
            "[bold red]à compléter[/]"
            if row.manquante
            else _escape(format_value(row.question, row.valeur, profil))
        )
        if row.a_revoir and not row.manquante:
            shown = "[yellow]à revoir :[/] " + shown
        label = _escape(row.question.label)
        if row.question.reprise:  # asked once, elsewhere: say where it is changed
            home = answer_path(row.question.reprise)
            label += f" [dim](étape {home[0] if home else '?'})[/]"
        table.add_row(str(row.numero), label, shown)
    console.print()
    console.print(table)
    _print_findings(console, findings)
    missing = sum(1 for r in rows if r.manquante)
    choices = [
        questionary.Choice(title=review_first_choice(missing), value=("valider", None)),
        questionary.Choice(title="Modifier une réponse", value=("choisir", None)),
        questionary.Choice(title=review_quit_choice(missing, validee), value=("quitter", None)),
    ]
    action, _ = choose("Relecture : que voulez-vous faire ?", choices)
    if action != "choisir":
        return action, None
    picks = [
        questionary.Choice(title=f"{r.numero}. {r.question.label}", value=r.question.id)
        for r in rows
    ]
    picks.append(questionary.Choice(title="← Retour", value=None))
    qid: str | None = choose("Quelle réponse modifier ?", picks)
    return ("modifier", qid) if qid else ("revoir", None)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _print_findings(console: Console, findings: Sequence[Any]) -> None:
    if not findings:
        return
    from rich.text import Text

    from partenariat.vocabulary import SEVERITY_LABELS as labels
    from partenariat.vocabulary import SEVERITY_STYLES as styles

    console.print(Text("Points de vigilance pour cette étape", style="bold"))
    for f in findings:
        line = Text("  • ")
        line.append(f"{labels.get(f.severite, f.severite)} : ", style=styles.get(f.severite, ""))
        line.append(f"{f.titre}. " if getattr(f, "titre", "") else "")
        line.append(f.message)
        console.print(line)


def review_first_choice(missing: int) -> str:
    if not missing:
        return "Valider l'étape"
    if missing == 1:
        return "Compléter la réponse manquante"
    return f"Compléter les {missing} réponses manquantes"


def review_quit_choice(missing: int, validee: bool) -> str:
    """Leaving the review, said as it is: something left to do, a step left unvalidated, or a
    validated step that stays so."""
    if missing:
        return "Enregistrer et quitter (compléter plus tard)"
    if validee:
        return "Enregistrer et quitter (l'étape reste validée)"
    return "Enregistrer et quitter sans valider l'étape (valider plus tard)"
