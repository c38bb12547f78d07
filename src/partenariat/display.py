"""Tables the CLI prints: progress of the seven steps, the answers, the findings of the checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from partenariat.answers import active_questions, step_scope
from partenariat.french import nombre_fr, note_sur_100
from partenariat.project import Project
from partenariat.questionnaire import Question, Questionnaires
from partenariat.values import format_value
from partenariat.vocabulary import (
    PROFIL_LABELS,
    SEVERITES,
    SEVERITY_LABELS,
    SEVERITY_PLURALS,
    SEVERITY_STYLES,
    STATUT_LABELS,
)

if TYPE_CHECKING:
    from rich.console import Console

    from partenariat.rules import StepReadiness

STATUS_STYLES = {"a_faire": "dim", "en_cours": "yellow", "terminee": "green"}


def format_stamp(stamp: dt.datetime | None) -> str:
    if stamp is None:
        return "—"
    return stamp.strftime("%d/%m/%Y %H:%M")


def next_step(progress: Sequence[StepReadiness]) -> int | None:
    for p in progress:
        if p.statut != "terminee":
            return p.etape
    return None


def print_status(
    console: Console,
    project: Project,
    path: str,
    progress: Sequence[StepReadiness],
) -> None:
    from rich.table import Table

    partner = project.partenaire.nom or "partenaire à choisir"
    side = PROFIL_LABELS.get(project.profil, project.profil)
    console.print(f"[bold]{_esc(project.organisation.nom or '')}[/] ({side}) · {_esc(partner)}")
    console.print(f"[dim]{_esc(path)}[/]")
    table = Table(show_lines=False)
    table.add_column("Étape", justify="right")
    table.add_column("Titre")
    table.add_column("Statut")
    table.add_column("Réponses", justify="right")
    table.add_column("Vigilance")
    table.add_column("Modifiée le")
    for p in progress:
        c = {"bloquant": p.bloquants, "avertissement": p.avertissements, "conseil": p.conseils}
        vigilance = [
            f"[{SEVERITY_STYLES[s]}]{c[s]} {SEVERITY_LABELS[s].lower()}{'s' if c[s] > 1 else ''}[/]"
            for s in SEVERITES
            if c.get(s)
        ]
        style = STATUS_STYLES.get(p.statut, "")
        state = project.etapes.get(str(p.etape))
        stale = len(state.a_revoir) if state else 0
        table.add_row(
            str(p.etape),
            _esc(p.titre),
            f"[{style}]{STATUT_LABELS.get(p.statut, p.statut)}[/]"
            + (f" · [yellow]{stale} à revoir[/]" if stale else ""),
            f"{p.repondues} / {p.obligatoires}",
            ", ".join(vigilance) or "—",
            format_stamp(p.progress.mis_a_jour),
        )
    console.print(table)
    stale_steps = [
        n for n, state in sorted(project.etapes.items(), key=lambda e: int(e[0])) if state.a_revoir
    ]
    if stale_steps:
        total = sum(len(project.etapes[n].a_revoir) for n in stale_steps)
        console.print(
            f"[yellow]{total} réponse{'s' if total > 1 else ''} à revoir[/] : une réponse dont "
            f"elle{'s' if total > 1 else ''} dépend{'ent' if total > 1 else ''} a changé. "
            f"Reprenez : [bold]partenariat step {stale_steps[0]}[/]"
        )
    following = next_step(progress)
    if following is None:
        console.print(
            "Toutes les étapes sont terminées. Produisez les documents : [bold]partenariat export[/]"
        )
    else:
        verb = "Reprendre" if progress[following - 1].statut == "en_cours" else "Étape suivante"
        console.print(f"{verb} : [bold]partenariat step {following}[/]")


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _render_value(q: Question, value: Any, profil: str) -> str:
    if q.type == "liste" and isinstance(value, list):
        if not value:
            return "—"
        blocks = []
        for i, item in enumerate(value, 1):
            parts = [
                f"{sub.label} : {format_value(sub, item.get(sub.id), profil)}"
                for sub in q.sous_questions
                if sub.id in item and sub.visible_for(profil)
            ]
            blocks.append(f"{q.noun.numero(i)} — " + " ; ".join(parts))
        return "\n".join(blocks)
    return format_value(q, value, profil)


def print_answers(
    console: Console,
    project: Project,
    questionnaires: Questionnaires,
    context: dict[str, Any],
    steps: Sequence[int],
) -> None:
    from rich.table import Table

    for n in steps:
        quest = questionnaires[n]
        answers = project.answers(n)
        state = project.etapes.get(str(n))
        status = STATUT_LABELS.get(state.statut if state else "a_faire", "")
        table = Table(
            title=f"Étape {n} · {quest.titre} ({status})",
            show_lines=True,
            expand=True,
            title_justify="left",
        )
        table.add_column("Question", ratio=2, min_width=16, overflow="fold")
        table.add_column("Réponse", ratio=3, min_width=24, overflow="fold")
        for q in active_questions(quest, step_scope(context, n, answers), project.profil):
            value = answers.get(q.id)
            shown = (
                _render_value(q, value, project.profil) if q.id in answers else "[dim]à répondre[/]"
            )
            table.add_row(_esc(q.label), shown if q.id not in answers else _esc(shown))
        console.print(table)


def print_findings(console: Console, findings: Sequence[Any], readiness: Sequence[Any]) -> None:
    from rich.table import Table

    summary = Table(title="Préparation par étape", title_justify="left")
    summary.add_column("Étape", justify="right")
    summary.add_column("Titre")
    summary.add_column("Réponses", justify="right")
    for s in SEVERITES:
        summary.add_column(SEVERITY_PLURALS[s], justify="right")
    for r in readiness:
        summary.add_row(
            str(r.etape),
            _esc(r.titre),
            f"{r.repondues} / {r.obligatoires}",
            f"[bold red]{r.bloquants}[/]" if r.bloquants else "0",
            str(r.avertissements),
            str(r.conseils),
        )
    console.print(summary)
    if not findings:
        console.print("[green]Aucun point de vigilance.[/]")
        return
    table = Table(title="Points de vigilance", show_lines=True, expand=True, title_justify="left")
    table.add_column("Étape", justify="right", no_wrap=True)
    table.add_column("Niveau", no_wrap=True)
    table.add_column("Constat et conseil", ratio=4)
    table.add_column("Source", ratio=1, overflow="fold")
    for f in findings:
        style = SEVERITY_STYLES.get(f.severite, "")
        text = (
            f"[bold]{_esc(f.titre)}[/]\n{_esc(f.message)}"
            if getattr(f, "titre", "")
            else _esc(f.message)
        )
        table.add_row(
            str(f.etape),
            f"[{style}]{SEVERITY_LABELS.get(f.severite, f.severite)}[/]",
            text,
            _esc(", ".join(getattr(f, "outline", []) or [])),
        )
    console.print(table)


RANKING_ROWS = 20  # a longer table is read by no one; the framing document has the full ranking


def print_ranking(console: Console, ranking: Any, rows: int = RANKING_ROWS) -> None:
    """Step 3's candidates, best first, with the reasons behind each score.

    Beyond ``rows`` candidates only the best ones (and the one retained) are drawn, then a count
    of the others: drawing a thousand wrapped rows took most of ``check``'s time.
    """
    if not ranking.candidats:
        return
    from rich.table import Table

    shown = [c for i, c in enumerate(ranking.candidats) if i < rows or c.retenu]
    table = Table(
        title="Partenaires pressentis (étape 3)", show_lines=True, expand=True, title_justify="left"
    )
    table.add_column("Rang", justify="right", no_wrap=True)
    table.add_column("Candidat")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Raisons", ratio=3)
    for c in shown:
        rank = str(c.rang) if c.rang else "écarté"
        name = _esc(c.nom) + (" [green](retenu)[/]" if c.retenu else "")
        table.add_row(rank, name, note_sur_100(c.score), _esc("\n".join(c.raisons)))
    console.print(table)
    hidden = len(ranking.candidats) - len(shown)
    if hidden:
        console.print(
            f"… et {nombre_fr(hidden)} autre{'s' if hidden > 1 else ''} candidat"
            f"{'s' if hidden > 1 else ''}, moins bien classé{'s' if hidden > 1 else ''} "
            "(classement complet : document de cadrage, partenariat export)."
        )


def print_export(result: Any) -> None:
    """The files an export wrote, then per document what it still shows as « À compléter ».

    Plain lines through typer's echo, in colour on a terminal only (none when piped, nor with
    NO_COLOR set): rich's console takes 13 ms to import, as long as writing the three Markdown
    documents, for lines that need neither a table nor a wrap.
    """
    import os

    import typer

    color = False if os.environ.get("NO_COLOR") else None

    def say(text: str, style: str | None = None) -> None:
        typer.secho(text, fg="yellow" if style == "yellow" else None, bold=style == "bold", color=color)

    say("Documents écrits :", "bold")
    for file in result.files:
        say(f"  {file}")
    if getattr(result, "evenements_calendrier", None) == 0:
        say(
            "Calendrier vide : aucune date n'est encore connue. Renseignez la date "
            "d'entrée en vigueur et la durée (étape 4), la signature (étape 5) ou le lancement "
            "(étape 6).",
            "yellow",
        )
    for warning in getattr(result, "avertissements_calendrier", None) or []:
        say(f"Calendrier : {warning}", "yellow")
    for doc, missing in result.missing.items():
        if missing:
            say(f"{doc} : {len(missing)} élément(s) à compléter", "yellow")
            # by step, each item once (a document may need the same answer in several places)
            for item in sorted(dict.fromkeys(missing), key=lambda text: text.split("–")[0]):
                say(f"    - {item}")


def print_simulation(console: Console, simulation: Any) -> None:
    """The company's mécénat reduction year by year, with the figures' years and sources."""
    from rich.table import Table

    from partenariat.french import euros

    table = Table(
        title=f"Réduction d'impôt mécénat, exercice par exercice ({simulation.libelle})",
        title_justify="left",
    )
    for header in ("Exercice", "Dons", "Plafond", "Retenus", "Report", "Réduction", "Reste"):
        table.add_column(
            header, justify="left" if header == "Exercice" else "right", no_wrap=header != "Exercice"
        )
    for row in simulation.lignes:
        year = str(row.annee) + ("*" if row.extrapolee else "")
        # Without the turnover the ceiling is only the fixed floor: nothing is shown as lost.
        lost = row.perdu and simulation.chiffre_affaires
        rest = euros(row.report_restant) + (f", {euros(row.perdu)} perdus" if lost else "")
        table.add_row(
            year,
            euros(row.dons),
            euros(row.plafond),
            euros(row.retenu_annee),
            euros(row.retenu_report),
            euros(row.reduction),
            rest,
        )
    table.add_row("Total", euros(simulation.total_dons), "", "", "", euros(simulation.total_reduction), "")
    console.print(table)
    turnover = (
        f"chiffre d'affaires HT de {euros(simulation.chiffre_affaires)}"
        if simulation.chiffre_affaires
        else "chiffre d'affaires inconnu : simulation non significative (plafond fixe seul, "
        "réductions minimales, reports maximaux, aucun don présenté comme perdu)"
    )
    console.print(f"Hypothèses : exercice = année civile ; {turnover}.", style="dim")
    if simulation.annees_extrapolees:
        last = simulation.lignes[-1].annee_reglages
        console.print(
            f"* Exercice postérieur aux réglages connus : chiffres {last} repris, à vérifier.",
            style="dim",
        )
    for fig in simulation.sources:
        console.print(f"- {fig.libelle} : {fig.mention}", style="dim", markup=False)


CLAUSE_STYLES = {
    "sans_objet": "dim",
    "a_discuter": "yellow",
    "principe_retenu": "cyan",
    "convenu": "green",
}


def print_clauses(console: Console, clauses: Sequence[Any], counts: dict[str, int]) -> None:
    """The convention's clauses with their level; the ids are what ``convenir`` takes."""
    from rich.table import Table

    from partenariat.checklist import CLAUSE_STATUS
    from partenariat.french import date_fr

    table = Table(title="Clauses de la convention", title_justify="left", expand=True)
    table.add_column("Identifiant", no_wrap=True)
    table.add_column("Clause", ratio=2)
    table.add_column("État", ratio=2)
    for c in clauses:
        state = CLAUSE_STATUS[c.statut]
        if c.confirmation is not None:
            state += f" (le {date_fr(c.confirmation.le)}"
            if c.confirmation.fichier_partenaire:
                state += f", fichier du partenaire {c.confirmation.fichier_partenaire[:12]}"
            state += ")"
        reasons = c.obstacles() if c.statut == "a_discuter" else []
        detail = ("\n" + "\n".join(reasons)) if reasons else ""
        style = CLAUSE_STYLES.get(c.statut, "")
        table.add_row(c.id, _esc(c.titre), f"[{style}]{_esc(state)}[/]" + _esc(detail))
    console.print(table)
    console.print(clause_counts_line(counts))
    console.print(
        "Pour noter une clause convenue avec le partenaire : partenariat convenir CLAUSE "
        "[--le DATE] [--avec NOM]"
    )


def print_partner_gaps(console: Console, clauses: Sequence[str]) -> None:
    """Clauses that a comparison took back from « Convenu avec le partenaire »."""
    if not clauses:
        return
    console.print(
        "[yellow]Clauses qui ne sont plus « Convenu avec le partenaire »[/] (le fichier du "
        "partenaire diffère sur un point qu'elles couvrent ; elles repassent « À discuter ») : "
        + ", ".join(_esc(c) for c in clauses)
        + ". Réglez ces écarts avec : partenariat converger FICHIER"
    )


def clause_counts_line(counts: dict[str, int]) -> str:
    """« Convenu avec le partenaire : 3 · Principe retenu : 20 · … » in the scorecard's order."""
    from partenariat.checklist import CLAUSE_STATUS

    order = ("convenu", "principe_retenu", "a_discuter", "sans_objet")
    return " · ".join(f"{CLAUSE_STATUS[level]} : {counts.get(level, 0)}" for level in order)


COMPARISON_STYLES = {
    "accord": "green",
    "ecart": "red",
    "a_renseigner": "yellow",
    "hors_echange": "dim",
}


def print_comparison(console: Console, comparison: Any, titles: dict[int, str]) -> None:
    """The comparison as one table per step: each side's value and the verdict, in French."""
    from rich.table import Table

    from partenariat.comparison import STATUTS, accord_label
    from partenariat.sharing import short

    ours = comparison.nous.organisation.nom or "Nous"
    partner = comparison.partenaire
    theirs = partner.nom
    kind = "fichier partagé" if partner.partage else "projet complet"
    console.print(
        f"[bold]Comparaison :[/] {_esc(ours)} ({comparison.nous.profil}) et {_esc(theirs)} "
        f"({partner.project.profil}) — {kind} {_esc(str(partner.path))}, "
        f"empreinte {short(partner.empreinte)}"
    )
    steps = sorted({r.point.etape for r in comparison.resultats})
    for n in steps:
        table = Table(title=f"Étape {n} : {titles.get(n, '')}", title_justify="left", expand=True)
        table.add_column("Point", ratio=2, overflow="fold")
        table.add_column(ours, ratio=3)
        table.add_column(theirs, ratio=3)
        table.add_column("Résultat", ratio=2)
        for r in comparison.resultats:
            if r.point.etape != n:
                continue
            style = COMPARISON_STYLES[r.statut]
            verdict = f"[{style}]{STATUTS[r.statut]}[/]"
            if r.statut == "a_renseigner":
                who = [ours if w == "nous" else theirs for w in r.silencieux]
                verdict += _esc(" par " + " et ".join(who))
            if r.accord is not None and not r.changements:
                verdict += "\n" + _esc(accord_label(r.accord))
            elif r.accord is not None:
                sides = [ours if w == "nous" else theirs for w in r.changements]
                verdict += "\n" + _esc(
                    f"modifié depuis l'accord du {_date(r.accord.le)} : côté " + " et ".join(sides)
                )
            # The id under the label: what « converger --accord POINT=… » takes.
            label = f"{_esc(r.point.libelle)}\n[dim]{_esc(r.point.id)}[/]"
            table.add_row(label, _side_text(r.nous), _side_text(r.partenaire), verdict)
        console.print(table)
    totals = comparison.totaux()
    console.print(" · ".join(f"{STATUTS[k]} : {totals[k]}" for k in STATUTS))
    if comparison.diverge:
        console.print(
            "Pour noter un point convenu avec le partenaire : partenariat converger "
            f"{_esc(str(partner.path))} [--accord POINT=nous|partenaire|valeur:TEXTE]"
        )


def _date(value: Any) -> str:
    from partenariat.french import date_fr

    return date_fr(value)


def _side_text(side: Any) -> str:
    if side.etat == "interne":
        return "[dim](non communiqué)[/]"
    if side.etat == "silence":
        return "[yellow]non renseigné[/]"
    return _esc(side.texte)


def print_clause_counts(console: Console, counts: dict[str, int]) -> None:
    """How many clauses are not yet agreed with the partner, then the count per level."""
    from partenariat.checklist import NOT_AGREED

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
