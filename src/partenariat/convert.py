"""Markdown to DOCX, ODT and HTML through pandoc (shipped by pypandoc-binary).

Pandoc does the typesetting; the look of the DOCX comes from a reference document
(templates/reference.docx, rebuilt by tools/make_reference_docx.py), which a user may replace with
their own organisation's styles (``--reference-doc``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from partenariat.errors import PartenariatError

FORMATS = ("md", "docx", "odt", "html")
PANDOC_FORMATS = {"docx": "docx", "odt": "odt", "html": "html5"}
# Pandoc's Markdown, minus the extensions that would reinterpret plain text.
INPUT_FORMAT = (
    "markdown-implicit_figures-citations-raw_tex-raw_html-tex_math_dollars-superscript-subscript"
)
WORKERS = 2

HTML_CSS = """
body { font-family: "Segoe UI", Arial, "Liberation Sans", sans-serif; color: #1f2933;
       max-width: 52em; margin: 2em auto; padding: 0 1.5em; line-height: 1.5; }
h1, h2, h3 { color: #1f4e79; line-height: 1.25; }
h1 { border-bottom: 2px solid #1f4e79; padding-bottom: .2em; margin-top: 1.8em; }
header h1.title { border: none; font-size: 2em; }
p.subtitle { font-size: 1.2em; color: #3e5c76; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th { background: #1f4e79; color: #fff; text-align: left; }
th, td { border: 1px solid #c5d3e0; padding: .35em .6em; vertical-align: top;
         overflow-wrap: anywhere; }
tr:nth-child(even) td { background: #f3f7fa; }
@media print { body { max-width: none; } }
"""


class ConversionError(PartenariatError):
    """Pandoc could not produce a document."""


@dataclass(frozen=True)
class Conversion:
    """One Markdown text to convert into one file."""

    markdown: str
    fmt: str
    output: Path
    title: str


def default_reference_doc(fmt: str = "docx") -> Path | None:
    """The bundled reference document for ``fmt`` (None when there is none)."""
    from partenariat.render import templates_dir

    path = templates_dir() / f"reference.{fmt}"
    return path if path.is_file() else None


def pandoc_args(
    fmt: str, title: str, reference_doc: Path | None, css_file: Path | None
) -> list[str]:
    # --columns: every table row is then "wide", so pandoc keeps the column proportions written
    # in the Markdown separator lines and tables span the text width in Word and LibreOffice.
    args = [
        "--standalone",
        "--columns=30",
        "--metadata=lang:fr-FR",
        f"--metadata=pagetitle:{title}",
    ]
    if fmt in ("docx", "odt"):
        reference = reference_doc if fmt == "docx" and reference_doc else default_reference_doc(fmt)
        if reference is not None:
            args.append(f"--reference-doc={reference}")
    if fmt == "html" and css_file is not None:
        args.append(f"--include-in-header={css_file}")
    return args


def convert(
    job: Conversion, reference_doc: Path | None = None, css_file: Path | None = None
) -> Path:
    """Write ``job.output`` from ``job.markdown`` (the caller makes the write atomic)."""
    import pypandoc

    if job.fmt not in PANDOC_FORMATS:
        raise ConversionError(
            f"Format inconnu : {job.fmt} (formats possibles : {', '.join(FORMATS)})."
        )
    if reference_doc is not None and not reference_doc.is_file():
        raise ConversionError(f"Document de référence introuvable : {reference_doc}")
    try:
        pypandoc.convert_text(
            job.markdown,
            PANDOC_FORMATS[job.fmt],
            format=INPUT_FORMAT,
            outputfile=str(job.output),
            extra_args=pandoc_args(job.fmt, job.title, reference_doc, css_file),
            sandbox=True,
            verify_format=False,
        )
    except (RuntimeError, OSError) as exc:
        raise ConversionError(
            f"La conversion en {job.fmt.upper()} de « {job.title} » a échoué : {exc}"
        ) from None
    return job.output


def convert_all(
    jobs: Iterable[Conversion],
    reference_doc: Path | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = WORKERS,
) -> list[Path]:
    """Run the conversions in parallel (pandoc is a separate process: threads are enough)."""
    import tempfile

    jobs = list(jobs)
    with tempfile.TemporaryDirectory(prefix="partenariat-css-") as tmp:
        css_file = Path(tmp) / "style.html"
        css_file.write_text(f"<style>{HTML_CSS}</style>\n", encoding="utf-8")

        def one(job: Conversion) -> Path:
            path = convert(job, reference_doc, css_file)
            if progress is not None:
                progress(f"{job.fmt.upper()} : {os.path.basename(job.output)}")
            return path

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            return list(pool.map(one, jobs))
