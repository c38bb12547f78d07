"""The partnership at a glance: a timeline picture for DOCX/ODT/HTML, a Mermaid gantt for Markdown.

The picture must survive a black-and-white printer: every kind of event has its own marker shape
and every period its own hatching, in shades of grey, never colour alone. It must also be the
same bytes for the same project (no date, software name or random id in the PNG), so a re-export
does not look like a change. matplotlib is imported only when a picture is drawn.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from partenariat.french import date_fr
from partenariat.label_fitting import shorten, two_lines

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.schedule import Calendar, CalendarEvent

MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
PARTIES = {"entreprise": "Entreprise", "association": "Association", "commun": "Les deux"}
MERMAID_START = "```mermaid"
FIGURE_ALT = "Frise chronologique du partenariat"
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
    text = " ".join(_MERMAID_UNSAFE.sub(" ", text).split())
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


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
# Picture (DOCX, ODT, HTML)

def _french_month(value: float, _pos: Any = None) -> str:
    import matplotlib.dates

    mdates: Any = matplotlib.dates
    day = mdates.num2date(value)
    return f"{MONTHS_SHORT[day.month - 1]}\n{day.year}"


# Marks of one row closer than this share of the time axis would overlap: they are drawn one
# above the other (a marker is about 2 % of the axis wide).
CROWDED_SHARE = 0.03
# How far (in rows) such marks move up or down from their row's line.
STAGGER = 0.2
# The rows whose marks are named beside them, with their date: the two dates a reader looks for
# first (signature and entry into force), often a few weeks apart.
NAMED_ROWS = ("Signature",)


def mark_offsets(marks: list[Mark], span_days: float) -> list[float]:
    """For each mark, how far (in rows) it is drawn above (+) or below (-) its row's line.

    Marks of a row that would overlap (closer than ``CROWDED_SHARE`` of the axis) are staggered,
    the earlier above; so are all the marks of a row in ``NAMED_ROWS``, whose names beside them
    would otherwise run over the next mark."""
    offsets = [0.0] * len(marks)
    near = max(1.0, span_days * CROWDED_SHARE)
    by_row: dict[str, list[int]] = {}
    for i, m in enumerate(marks):
        by_row.setdefault(m.row, []).append(i)
    for row, indexes in by_row.items():
        indexes.sort(key=lambda i: (marks[i].day, i))
        clusters: list[list[int]] = []
        for i in indexes:
            last = clusters[-1][-1] if clusters else None
            together = row in NAMED_ROWS or (
                last is not None and (marks[i].day - marks[last].day).days <= near
            )
            if clusters and together:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        for cluster in clusters:
            if len(cluster) < 2 or (
                row not in NAMED_ROWS
                and len({(marks[i].day, marks[i].marker) for i in cluster}) == 1
            ):
                continue  # alone, or the same marker on the same day: nothing to tell apart
            levels = (STAGGER, -STAGGER) if len(cluster) == 2 else (STAGGER, 0.0, -STAGGER)
            for k, i in enumerate(cluster):
                offsets[i] = levels[k % len(levels)]
    return offsets


def mark_name(m: Mark) -> str:
    """The name written beside a mark of a ``NAMED_ROWS`` row: « Signature le 15 décembre 2026 »."""
    return f"{m.legend} le {date_fr(m.day)}"


@contextmanager
def timeline_figure(calendar: Calendar, ctx: dict[str, Any]) -> Iterator[Any]:
    """The timeline as a matplotlib figure (None when nothing is dated), drawn under the house
    settings, which must still hold when it is saved; closed on leaving."""
    bars, marks, rows = timeline_items(calendar, ctx)
    if not bars and not marks:
        yield None
        return
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.dates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    mdates: Any = matplotlib.dates

    with matplotlib.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "hatch.linewidth": 0.6,
            "svg.hashsalt": "partenariat",
            "path.simplify": False,
        }
    ):
        labels = [two_lines(row, ROW_WIDTH) for row in reversed(rows)]
        # A row whose name takes two lines needs room for them.
        height = 1.0 + (0.42 if any("\n" in label for label in labels) else 0.32) * len(rows)
        fig, ax = plt.subplots(figsize=(7.0, height), dpi=150)
        try:
            index = {row: len(rows) - 1 - i for i, row in enumerate(rows)}
            for b in bars:
                y = index[b.row]
                start = mdates.date2num(b.start)
                width = max(mdates.date2num(b.end) - start, 1.0)
                ax.barh(
                    y,
                    width,
                    left=start,
                    height=0.5,
                    color="#e6e6e6",
                    edgecolor="#000000",
                    hatch=b.hatch,
                    linewidth=0.6,
                )
            days = [d for b in bars for d in (b.start, b.end)] + [m.day for m in marks]
            span = (max(days) - min(days)).days
            offsets = mark_offsets(marks, span)
            legend: dict[str, Line2D] = {}
            for m, offset in zip(marks, offsets, strict=True):
                height_of_mark = index[m.row] + offset
                face = "#000000" if m.marker in ("x", "|", "P", "v") else "#707070"
                ax.plot(
                    [mdates.date2num(m.day)],
                    [height_of_mark],
                    marker=m.marker,
                    markersize=11 if m.marker == "|" else 6,
                    markeredgewidth=2 if m.marker == "|" else 1,
                    color=face,
                    markeredgecolor="#000000",
                    linestyle="none",
                    label=m.legend,
                )
                if m.row in NAMED_ROWS:
                    ax.text(
                        mdates.date2num(m.day) + max(4.0, span * 0.02),
                        height_of_mark,
                        mark_name(m),
                        va="center",
                        ha="left",
                        fontsize=7,
                    )
                legend.setdefault(
                    m.legend,
                    Line2D(
                        [],
                        [],
                        marker=m.marker,
                        color="#000000",
                        markerfacecolor="#404040",
                        linestyle="none",
                        markersize=5,
                        label=m.legend,
                    ),
                )
            ax.set_yticks(range(len(rows)))
            ax.set_yticklabels(labels)
            ax.set_ylim(-0.7, len(rows) - 0.3)
            ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
            ax.xaxis.set_major_formatter(_french_month)
            ax.grid(axis="x", color="#b0b0b0", linewidth=0.4, linestyle=":")
            ax.set_axisbelow(True)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            handles: list[Any] = list(legend.values())
            if any(b.hatch == "///" for b in bars):
                handles.insert(0, Patch(facecolor="#e6e6e6", edgecolor="#000000", hatch="///", label="Préparation"))
            if any(b.hatch == "..." for b in bars):
                handles.insert(0, Patch(facecolor="#e6e6e6", edgecolor="#000000", hatch="...", label="Action"))
            ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.5, -0.08 - 0.45 / height),
                ncol=4,
                frameon=False,
                fontsize=7,
            )
            fig.tight_layout()
            yield fig
        finally:
            plt.close(fig)


def draw_png(calendar: Calendar, ctx: dict[str, Any]) -> bytes | None:
    """The timeline as PNG bytes (None when nothing is dated); same project, same bytes."""
    with timeline_figure(calendar, ctx) as fig:
        if fig is None:
            return None
        out = io.BytesIO()
        fig.savefig(out, format="png", metadata={"Software": None}, bbox_inches="tight")
        return out.getvalue()


def png_markdown(png: bytes) -> str:
    """The picture as a Markdown image with a data URI (pandoc runs sandboxed: no file to read)."""
    data = base64.b64encode(png).decode("ascii")
    return f"![{FIGURE_ALT}](data:image/png;base64,{data}){{width=100%}}"


def replace_gantt_with_picture(markdown: str, png: bytes | None) -> str:
    """For DOCX/ODT/HTML: the Mermaid block becomes the picture (or disappears without one)."""
    start = markdown.find(MERMAID_START + "\n")
    if start < 0:
        return markdown
    end = markdown.find("\n```", start + len(MERMAID_START))
    if end < 0:
        return markdown
    image = png_markdown(png) if png else ""
    return markdown[:start] + image + markdown[end + len("\n```") :]


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
        "parties_calendrier": PARTIES,
    }


def describe(ev: CalendarEvent) -> str:
    """One line: « 3 janvier 2030 – Fin de la convention (dernier jour) »."""
    return f"{date_fr(ev.date)} – {ev.evenement}"
