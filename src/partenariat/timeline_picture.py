"""The timeline as a picture for DOCX, ODT and HTML, drawn with matplotlib.

The picture must survive a black-and-white printer: every kind of event has its own marker shape
and every period its own hatching, in shades of grey, never colour alone. It must also be the
same bytes for the same project (no date, software name or random id in the PNG), so a re-export
does not look like a change. matplotlib is imported only when a picture is drawn.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from partenariat.french import date_fr
from partenariat.label_fitting import two_lines
from partenariat.timeline import MERMAID_START, ROW_WIDTH, Mark, timeline_items

if TYPE_CHECKING:
    from partenariat.schedule import Calendar

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
FIGURE_ALT = "Frise chronologique du partenariat"


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
