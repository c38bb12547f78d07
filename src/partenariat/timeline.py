"""The partnership at a glance: its periods and dated events as timeline rows, a Mermaid gantt
for Markdown, and the calendar's template variables.

The rows computed here are drawn twice: as a Mermaid gantt in the Markdown documents, and as a
picture in DOCX/ODT/HTML (``timeline_picture``), which replaces the gantt block there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from partenariat.french import date_fr
from partenariat.label_fitting import guillemet_spaces, shorten
from partenariat.vocabulary import PARTY_LABELS

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.schedule import Calendar, CalendarEvent

MERMAID_START = "```mermaid"
# Characters of a row name (« 3. Module … »): one line in the gantt, two in the picture.
ROW_WIDTH = 29


@dataclass(frozen=True)
class Bar:
    row: str
    label: str
    start: dt.date
    end: dt.date
    hatch: str


@dataclass(frozen=True)
class Mark:
    row: str
    label: str
    day: dt.date
    marker: str
    legend: str


# Marker per kind: the shape carries the meaning, so grey is enough.
_MARKS: dict[str, tuple[str, str, str]] = {
    # kind: (row, marker, legend)
    "signature": ("Signature", "v", "Signature"),
    "entree_en_vigueur": ("Signature", "D", "Entrée en vigueur"),
    "versement": ("Versements", "P", "Versement"),
    "comite": ("Pilotage", "o", "Réunion"),
    "reunion_suivi": ("Pilotage", "o", "Réunion"),
    "reunion_et_reporting": ("Pilotage", "o", "Réunion"),
    "reporting": ("Pilotage", "s", "Reporting"),
    "premiers_resultats": ("Évaluation", "*", "Premiers résultats"),
    "bilan": ("Évaluation", "^", "Bilan intermédiaire"),
    "evaluation_finale": ("Évaluation", "X", "Évaluation finale"),
    "preavis_tacite": ("Renouvellement", "<", "Date limite de décision"),
    "preavis_expres": ("Renouvellement", "<", "Date limite de décision"),
    "preavis_fin": ("Renouvellement", "<", "Date limite de décision"),
    "fin_convention": ("Renouvellement", "|", "Fin de la convention"),
}
_LEGAL = ("Obligations légales", "x", "Échéance légale ou fiscale")


def timeline_items(
    calendar: Calendar, ctx: dict[str, Any]
) -> tuple[list[Bar], list[Mark], list[str]]:
    """Bars (periods) and marks (one-day events), and the rows in display order."""
    from partenariat.expressions import to_date

    events = calendar.events
    bars: list[Bar] = []
    marks: list[Mark] = []
    by_type: dict[str, list[CalendarEvent]] = {}
    for ev in events:
        by_type.setdefault(ev.type, []).append(ev)
    first = min((ev.date for ev in events), default=None)
    search = to_date((ctx.get("etape2") or {}).get("date_debut_recherche"))
    signature = next(iter(by_type.get("signature", [])), None)
    start_conv = next(iter(by_type.get("entree_en_vigueur", [])), None)
    end_prep = signature or start_conv
    if search and end_prep and search < end_prep.date:
        bars.append(Bar("Préparation", "Préparation", search, end_prep.date, "///"))
    starts = {ev.numero: ev for ev in by_type.get("debut_action", [])}
    ends = {ev.numero: ev for ev in by_type.get("fin_action", [])}
    actions = (ctx.get("etape4") or {}).get("actions") or []
    for numero in sorted(set(starts) | set(ends)):
        item = actions[numero - 1] if 0 < numero <= len(actions) else {}
        title = str(item.get("intitule") or f"Action {numero}") if isinstance(item, dict) else ""
        start = starts.get(numero)
        end = ends.get(numero)
        a = start.date if start else (end.date if end else first)
        b = end.date if end else a
        if a is None or b is None:
            continue
        # The whole title: each output shortens or wraps it to its own width.
        row = f"{numero}. {' '.join(title.split())}"
        bars.append(Bar(row, shorten(title), min(a, b), max(a, b), "..."))
    for ev in events:
        if ev.type in ("debut_action", "fin_action", "lancement", "communication_externe"):
            continue
        row, marker, legend = _LEGAL if ev.legal else _MARKS.get(ev.type, ("", "", ""))
        if not row:
            continue
        marks.append(Mark(row, ev.evenement, ev.date, marker, legend))
    rows: list[str] = []
    order = ["Préparation", "Signature"]
    order += [b.row for b in bars if b.hatch == "..."]
    order += ["Versements", "Pilotage", "Évaluation", "Renouvellement", "Obligations légales"]
    used = {b.row for b in bars} | {m.row for m in marks}
    for row in order:
        if row in used and row not in rows:
            rows.append(row)
    return bars, marks, rows


# --------------------------------------------------------------------------------------------
# Mermaid (Markdown documents)

_MERMAID_UNSAFE = re.compile(r"[:;#\n\r`]")


def _mermaid_text(text: str) -> str:
    """A task name Mermaid accepts (no « : ; # »), with French no-break spaces."""
    return guillemet_spaces(" ".join(_MERMAID_UNSAFE.sub(" ", text).split()))


def mermaid_gantt(calendar: Calendar, ctx: dict[str, Any]) -> str:
    """A Mermaid ``gantt`` block (GitHub, GitLab and many editors draw it), or "" when empty."""
    bars, marks, rows = timeline_items(calendar, ctx)
    if not bars and not marks:
        return ""
    lines = [
        MERMAID_START,
        "gantt",
        "    title Frise du partenariat",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m/%Y",
    ]
    for row in rows:
        lines.append(f"    section {_mermaid_text(shorten(row, ROW_WIDTH))}")
        for b in bars:
            if b.row == row:
                days = max(1, (b.end - b.start).days + 1)
                lines.append(f"    {_mermaid_text(b.label)}: {b.start.isoformat()}, {days}d")
        for m in marks:
            if m.row == row:
                lines.append(
                    f"    {_mermaid_text(m.label)}: milestone, {m.day.isoformat()}, 0d"
                )
    lines.append("```")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# What the templates see


def calendar_variables(
    ctx: dict[str, Any], project: Project | None = None, calendar: Calendar | None = None
) -> dict[str, Any]:
    """Template variables of the dated calendar (table rows, picture block, sources, warnings);
    ``calendar``: the one the analysis already built (``Analysis.schedule``)."""
    from partenariat.calendar_data import load_calendar_data
    from partenariat.schedule import (
        _merge_meeting_and_reporting,
        build_calendar,
        end_of_convention,
    )

    data = load_calendar_data()
    if calendar is None:
        calendar = build_calendar(ctx, data)
    sources: dict[str, dict[str, str]] = {}
    for ev in calendar.events:
        if ev.legal and ev.type not in sources:
            rule = next(r for r in data.echeances_legales if r.id == ev.type)
            sources[ev.type] = {"libelle": rule.intitule, "source": ev.source}
    gantt = mermaid_gantt(calendar, ctx)
    return {
        "calendrier": _merge_meeting_and_reporting(calendar.events, data),
        "calendrier_complet": calendar,
        "fin_convention": end_of_convention(ctx),
        "frise": Markup(gantt),
        "sources_calendrier": list(sources.values()),
        "avertissements_calendrier": calendar.avertissements,
        "jours_feries_source": data.jours_feries.source,
        "parties_calendrier": PARTY_LABELS,
    }


def describe(ev: CalendarEvent) -> str:
    """One line: « 3 janvier 2030 – Fin de la convention (dernier jour) »."""
    return f"{date_fr(ev.date)} – {ev.evenement}"
