"""The timeline: a Mermaid gantt in the Markdown, a picture in DOCX, ODT and HTML, readable in
black and white (no colour at all, one marker shape per kind of event), the same bytes each time."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from partenariat.export import export_documents
from partenariat.label_fitting import shorten, two_lines
from partenariat.timeline import ROW_WIDTH, mermaid_gantt, timeline_items
from partenariat.timeline_picture import draw_png, replace_gantt_with_picture

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"


def example_ctx() -> dict[str, Any]:
    from partenariat.answers import build_context
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires

    return build_context(load_project(EXAMPLE), load_questionnaires())


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("frise")
    export_documents(EXAMPLE, out, formats=["md", "docx", "odt", "html"], documents=["plan-de-suivi"])
    return out


def test_markdown_has_a_mermaid_gantt(exported: Path) -> None:
    md = (exported / "plan-de-suivi.md").read_text(encoding="utf-8")
    block = md[md.index("```mermaid") : md.index("```", md.index("```mermaid") + 3)]
    assert "\ngantt\n" in block and "dateFormat YYYY-MM-DD" in block
    for section in ("Préparation", "Signature", "Versements", "Pilotage", "Évaluation", "Renouvellement"):
        assert f"section {section}" in block
    # task names without the characters Mermaid reads as syntax
    for line in block.splitlines():
        if line.startswith("    ") and ": " in line and not line.strip().startswith(("title", "section")):
            name = line.strip().split(": ")[0]
            assert not re.search(r"[:;#]", name), line
    assert "Fin de la convention (dernier jour): milestone, 2030-01-03, 0d" in block


def test_picture_in_docx_odt_and_html(exported: Path) -> None:
    with zipfile.ZipFile(exported / "plan-de-suivi.docx") as docx:
        assert [n for n in docx.namelist() if n.startswith("word/media/")]
        assert "mermaid" not in docx.read("word/document.xml").decode()
    with zipfile.ZipFile(exported / "plan-de-suivi.odt") as odt:
        assert [n for n in odt.namelist() if n.startswith("Pictures/")]
    html = (exported / "plan-de-suivi.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html and "```mermaid" not in html
    assert 'alt="Frise chronologique du partenariat"' in html


def test_picture_is_grey_only_and_reproducible() -> None:
    from PIL import Image

    from partenariat.schedule import build_calendar

    ctx = example_ctx()
    first = draw_png(build_calendar(ctx), ctx)
    second = draw_png(build_calendar(ctx), ctx)
    assert first is not None and first == second
    image = Image.open(io.BytesIO(first)).convert("RGB")
    raw = image.tobytes()
    red, green, blue = raw[0::3], raw[1::3], raw[2::3]
    assert red == green == blue, "coloured pixels: a black-and-white printer would lose them"
    assert image.width > 800 and image.height > 300
    assert b"Software" not in first and b"matplotlib" not in first


def test_no_dates_no_picture_no_gantt() -> None:
    from partenariat.schedule import build_calendar

    calendar = build_calendar({})
    assert draw_png(calendar, {}) is None
    assert mermaid_gantt(calendar, {}) == ""
    assert replace_gantt_with_picture("texte\n", None) == "texte\n"


def test_gantt_block_becomes_the_picture() -> None:
    md = "avant\n\n```mermaid\ngantt\n    x: 2027-01-01, 1d\n```\n\naprès\n"
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
    )
    out = replace_gantt_with_picture(md, png)
    assert out.startswith("avant\n\n![Frise chronologique du partenariat](data:image/png;base64,")
    assert out.endswith("{width=100%}\n\naprès\n")
    assert replace_gantt_with_picture(md, None) == "avant\n\n\n\naprès\n"


def _words(text: str) -> list[str]:
    """The words of a label, without guillemets, brackets or the ellipsis a cut adds."""
    return [w for w in (w.strip("«»()“”…") for w in text.split()) if w]


def _reads_well(label: str, title: str) -> None:
    """Every word shown is a whole word of the title, and every guillemet opened is closed."""
    assert set(_words(label)) <= set(_words(title)), f"a word cut in the middle: {label!r}"
    assert label.count("«") == label.count("»"), f"guillemets left open: {label!r}"
    assert label.count("(") == label.count(")"), f"bracket left open: {label!r}"


TITLES = (
    "Ateliers « Métiers du numérique »",
    "Module « Préparer un entretien technique » pour les jeunes",
    "Parrainage de jeunes en formation qualifiante",
    "Réunion (comité « de pilotage annuel ») avec toutes les structures",
    "Formation « Les bases » puis « Un module très long qui dépasse largement »",
    "Sous-traitance de lots aux structures d'insertion",
)


@pytest.mark.parametrize("title", TITLES)
def test_shortened_names_cut_between_words_and_close_guillemets(title: str) -> None:
    for width in (20, ROW_WIDTH, 38):
        short = shorten(title, width)
        assert len(short) <= width and short.endswith(("…", "»", ")"))
        _reads_well(short, title)
    wrapped = two_lines(f"3. {title}", ROW_WIDTH)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and all(len(line) <= ROW_WIDTH for line in lines)
    _reads_well(wrapped, f"3. {title}")
    # a guillemet stays with the word it quotes, never alone at the end of a line
    assert not lines[0].rstrip().endswith("«") and not lines[1].lstrip().startswith("»")


def test_timeline_names_of_the_example_read_well() -> None:
    """The example's actions (« Ateliers « Métiers du numérique » »…): in the Markdown gantt
    and on the picture's rows, no word cut in the middle and no guillemet left open."""
    from partenariat.schedule import build_calendar

    ctx = example_ctx()
    titles = [a["intitule"] for a in ctx["etape4"]["actions"]]
    assert any("«" in t and len(t) > ROW_WIDTH - 3 for t in titles)  # the case worth testing
    rows_and_titles = " ".join(f"{n}. {t}" for n, t in enumerate(titles, start=1))
    whole = rows_and_titles + " Préparation Signature Versements Pilotage Évaluation"
    whole += " Renouvellement Obligations légales"
    gantt = mermaid_gantt(build_calendar(ctx), ctx)
    bodies = [line.strip() for line in gantt.splitlines() if line.startswith("    ")]
    named = [b.removeprefix("section ") for b in bodies if b.startswith("section ")]
    named += [b.split(": ")[0] for b in bodies if ": " in b and "milestone" not in b]
    assert len(named) > len(titles)
    for name in named:
        _reads_well(name, whole)
    _bars, _marks, rows = timeline_items(build_calendar(ctx), ctx)
    for row in rows:
        label = two_lines(row, ROW_WIDTH)
        assert all(len(line) <= ROW_WIDTH for line in label.split("\n"))
        _reads_well(label, row)
    labels = [two_lines(r, ROW_WIDTH) for r in rows]
    assert "1. Ateliers «\u00a0Métiers du\nnumérique\u00a0»" in labels


def _marks_and_names(ctx: dict[str, Any]) -> tuple[dict[str, tuple[float, float, float]], list[Any]]:
    """The picture drawn: each mark's centre and size in pixels by its legend (the first one of
    each kind), and the extents of the names written beside marks."""
    from matplotlib.lines import Line2D

    from partenariat.schedule import build_calendar
    from partenariat.timeline_picture import timeline_figure

    with timeline_figure(build_calendar(ctx), ctx) as fig:
        assert fig is not None
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        centres: dict[str, tuple[float, float, float]] = {}
        for line in ax.get_lines():
            if isinstance(line, Line2D) and line.get_marker() not in (None, "None", ""):
                x, y = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
                size = line.get_markersize() * fig.dpi / 72
                centres.setdefault(line.get_label(), (float(x), float(y), size))
        names = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    return centres, names


def test_signature_and_entry_into_force_weeks_apart_are_both_readable() -> None:
    """Signed on 10 December, in force on 4 January: the two marks of the « Signature » row do
    not overlap, and each is named with its date, the names apart from each other and from the
    other mark."""
    from partenariat.schedule import build_calendar

    ctx = example_ctx()
    days = {ev.type: ev.date for ev in build_calendar(ctx).events}
    assert 0 < (days["entree_en_vigueur"] - days["signature"]).days < 40  # a few weeks apart
    centres, names = _marks_and_names(ctx)
    sx, sy, size = centres["Signature"]
    ex, ey, _ = centres["Entrée en vigueur"]
    # centres at least one and a half marker apart: the shapes cannot touch
    assert ((sx - ex) ** 2 + (sy - ey) ** 2) ** 0.5 >= 1.5 * size
    assert sy > ey  # the earlier one above
    texts = dict(names)
    signature = texts["Signature le 10 décembre 2026"]
    entry = texts["Entrée en vigueur le 4 janvier 2027"]
    assert not signature.overlaps(entry)
    for text, (x, y, s) in ((signature, (ex, ey, size)), (entry, (sx, sy, size))):
        # no name runs over the other mark's box
        assert not (text.x0 < x + s / 2 and text.x1 > x - s / 2 and text.y0 < y + s / 2 and text.y1 > y - s / 2)


def test_marks_that_would_overlap_are_staggered() -> None:
    import datetime as dt

    from partenariat.timeline import Mark
    from partenariat.timeline_picture import STAGGER, mark_offsets

    day = dt.date(2027, 7, 1)
    marks = [
        Mark("Évaluation", "Premiers résultats", day, "*", "Premiers résultats"),
        Mark("Évaluation", "Bilan", day, "^", "Bilan intermédiaire"),
        Mark("Évaluation", "Bilan", day + dt.timedelta(days=200), "^", "Bilan intermédiaire"),
        Mark("Obligations légales", "A", day, "x", "Échéance"),
        Mark("Obligations légales", "B", day, "x", "Échéance"),  # same marker, same day
        Mark("Signature", "Signature", day, "v", "Signature"),
        Mark("Signature", "Entrée", day + dt.timedelta(days=300), "D", "Entrée en vigueur"),
    ]
    assert mark_offsets(marks, 1000) == [STAGGER, -STAGGER, 0.0, 0.0, 0.0, STAGGER, -STAGGER]
