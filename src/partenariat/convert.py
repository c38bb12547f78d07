"""Markdown to DOCX, ODT and HTML through pandoc (shipped by pypandoc-binary), and to PDF
through LibreOffice when it is installed.

Pandoc does the typesetting; the look of the DOCX and of the ODT comes from reference documents
(templates/reference.docx and templates/reference.odt, both rebuilt by tools/make_reference_docx.py
from ``house_style``), which a user may replace with their own organisation's styles
(``--reference-doc``, a .docx and/or an .odt).

Files are reproducible: pandoc runs with SOURCE_DATE_EPOCH set to the project's last change, and
the DOCX/ODT archives are then finished by ``office_package`` (dates, rows kept whole, the ODT's
table grid). PDF jobs are handed to ``pdf`` (LibreOffice) once pandoc has written their source.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from partenariat.errors import PartenariatError, UsageError
from partenariat.office_package import as_utc, rewrite_package
from partenariat.vocabulary import FORMATS

PANDOC_FORMATS = {"docx": "docx", "odt": "odt", "html": "html5"}
# The formats a reference document can style, by file extension.
REFERENCE_FORMATS = {".docx": "docx", ".odt": "odt"}
# Pandoc's Markdown, minus the extensions that would reinterpret plain text: ``smart`` would turn
# an answer's « -- », « ... » and straight quotes into dashes, ellipses and curly quotes, and an
# answer must come out exactly as it was written. ``superscript`` stays on for the tool's own
# « 1^er^ » (typeset by markdown.typeset); an answer's ``^`` is escaped, so it is never read so.
INPUT_FORMAT = (
    "markdown-implicit_figures-citations-raw_tex-raw_html-tex_math_dollars-subscript-smart"
)
WORKERS = 2
PANDOC_TIMEOUT = 300

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
    """Pandoc or LibreOffice could not produce a document."""


@dataclass(frozen=True)
class Conversion:
    """One Markdown text to convert into one file."""

    markdown: str
    fmt: str
    output: Path
    title: str
    # The project's last change: dates the file (properties, zip entries) for reproducible bytes.
    date: dt.datetime | None = None
    # Document properties: what the partnership is about, and the organisations it names.
    subject: str = ""
    keywords: tuple[str, ...] = ()
    author: str = ""


def references_by_format(paths: Iterable[Path]) -> dict[str, Path]:
    """The reference documents given by the user, by the format they style (.docx, .odt).

    Each must exist and be a document of its kind; one per format.
    """
    chosen: dict[str, Path] = {}
    for path in paths:
        path = Path(path)
        fmt = REFERENCE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise UsageError(
                f"Document de référence « {path} » : extension inconnue. Donnez un document "
                "Word (.docx) et/ou OpenDocument (.odt) dont reprendre les styles."
            )
        if fmt in chosen:
            raise UsageError(
                f"Deux documents de référence {fmt.upper()} : {chosen[fmt]} et {path}. "
                "Donnez-en un seul par format."
            )
        if not path.is_file():
            raise UsageError(f"Document de référence introuvable : {path}")
        member = "word/styles.xml" if fmt == "docx" else "styles.xml"
        try:
            with zipfile.ZipFile(path) as archive:
                archive.getinfo(member)
        except (OSError, zipfile.BadZipFile, KeyError):
            raise UsageError(
                f"Document de référence illisible : {path} n'est pas un document "
                f"{'Word' if fmt == 'docx' else 'OpenDocument texte'} valide."
            ) from None
        chosen[fmt] = path
    return chosen


def pdf_source_format(references: Mapping[str, Path]) -> str:
    """What LibreOffice renders as PDF: the ODT (its own format), or the DOCX when the user's
    styles come only as a Word reference."""
    return "docx" if "docx" in references and "odt" not in references else "odt"


def default_reference_doc(fmt: str = "docx") -> Path | None:
    """The bundled reference document for ``fmt`` (None when there is none)."""
    from partenariat.render import templates_dir

    path = templates_dir() / f"reference.{fmt}"
    return path if path.is_file() else None


def pandoc_args(
    fmt: str,
    title: str,
    reference_doc: Path | Mapping[str, Path] | None,
    css_file: Path | None,
    job: Conversion | None = None,
) -> list[str]:
    # --columns: every table row is then "wide", so pandoc keeps the column proportions written
    # in the Markdown separator lines and tables span the text width in Word and LibreOffice.
    args = [
        "--standalone",
        "--columns=30",
        "--metadata=lang:fr-FR",
        f"--metadata=pagetitle:{title}",
    ]
    if job is not None and job.subject and fmt in ("docx", "odt"):
        args.append(f"--metadata=subject:{job.subject}")
    if fmt in ("docx", "odt"):
        references = _as_mapping(reference_doc)
        reference = references.get(fmt) or default_reference_doc(fmt)
        if reference is not None:
            args.append(f"--reference-doc={reference}")
    if fmt == "html" and css_file is not None:
        args.append(f"--include-in-header={css_file}")
    return args


def _as_mapping(reference_doc: Path | Mapping[str, Path] | None) -> Mapping[str, Path]:
    """A single reference document styles the DOCX (the historical ``--reference-doc``)."""
    if reference_doc is None:
        return {}
    if isinstance(reference_doc, Mapping):
        return reference_doc
    return {REFERENCE_FORMATS.get(Path(reference_doc).suffix.lower(), "docx"): Path(reference_doc)}


def pandoc_environment(stamp: dt.datetime | None) -> dict[str, str]:
    """The environment of one pandoc run: SOURCE_DATE_EPOCH pins every date pandoc would write."""
    env = dict(os.environ)
    utc = as_utc(stamp)
    if utc is not None:
        env["SOURCE_DATE_EPOCH"] = str(int(utc.timestamp()))
    if "HOME" not in env:
        import tempfile

        env["HOME"] = tempfile.gettempdir()
    return env


def _run_pandoc(job: Conversion, args: list[str]) -> None:
    import pypandoc

    command = [
        pypandoc.get_pandoc_path(),
        f"--from={INPUT_FORMAT}",
        f"--to={PANDOC_FORMATS[job.fmt]}",
        f"--output={job.output}",
        "--sandbox",
        *args,
    ]
    try:
        result = subprocess.run(
            command,
            input=job.markdown.encode("utf-8"),
            capture_output=True,
            env=pandoc_environment(job.date),
            timeout=PANDOC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ConversionError(
            f"La conversion en {job.fmt.upper()} de « {job.title} » a échoué : {exc}"
        ) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", errors="replace").strip()
        raise ConversionError(
            f"La conversion en {job.fmt.upper()} de « {job.title} » a échoué : {_pandoc_problem(detail)}"
        )


_PANDOC_PROBLEMS = {
    "No space left on device": "le disque est plein",
    "Disk quota exceeded": "le quota de disque est atteint",
    "Read-only file system": "le disque ou le dossier est en lecture seule",
    "Permission denied": "écriture refusée (droits insuffisants)",
    "does not exist": "fichier introuvable",
    "Did not find end of central directory": "le document de référence n'est pas un document Word",
}


def _pandoc_problem(detail: str) -> str:
    """Pandoc speaks English: the usual system causes in French, the rest kept for a report."""
    for english, french in _PANDOC_PROBLEMS.items():
        if english in detail:
            return french
    return f"erreur de pandoc ({detail[:300]})"


def convert(
    job: Conversion,
    reference_doc: Path | Mapping[str, Path] | None = None,
    css_file: Path | None = None,
) -> Path:
    """Write ``job.output`` from ``job.markdown`` (the caller makes the write atomic)."""
    if job.fmt not in PANDOC_FORMATS:
        raise ConversionError(
            f"Format inconnu : {job.fmt} (formats possibles : {', '.join(FORMATS)})."
        )
    for reference in _as_mapping(reference_doc).values():
        if not reference.is_file():
            raise ConversionError(f"Document de référence introuvable : {reference}")
    _run_pandoc(job, pandoc_args(job.fmt, job.title, reference_doc, css_file, job))
    if job.fmt in ("docx", "odt"):
        try:
            rewrite_package(job.output, job.fmt, job.date, job.author, job.keywords)
        except OSError as exc:
            from partenariat.errors import describe_os_error

            raise ConversionError(
                f"La finition du fichier {job.fmt.upper()} de « {job.title} » a échoué : "
                f"{describe_os_error(exc)}"
            ) from None
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise ConversionError(
                f"La finition du fichier {job.fmt.upper()} de « {job.title} » a échoué ({exc})"
            ) from None
    return job.output


def convert_all(
    jobs: Iterable[Conversion],
    reference_doc: Path | Mapping[str, Path] | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = WORKERS,
    soffice: str | None = None,
) -> list[Path]:
    """Run the conversions in parallel (pandoc is a separate process: threads are enough).

    PDF jobs first get an ODT (or DOCX, see ``pdf_source_format``) written by pandoc in a private
    folder; LibreOffice then converts them all in one run (``soffice``: its program).
    """
    from partenariat.pdf import PdfUnavailableError, find_soffice, install_hint, to_pdf

    jobs = list(jobs)
    pdf_jobs = [job for job in jobs if job.fmt == "pdf"]
    if pdf_jobs and soffice is None:
        soffice = find_soffice()
        if soffice is None:
            raise PdfUnavailableError("LibreOffice n'est pas installé.\n" + install_hint())
    references = _as_mapping(reference_doc)
    with tempfile.TemporaryDirectory(prefix="partenariat-") as tmp:
        folder = Path(tmp)
        css_file = folder / "style.html"
        css_file.write_text(f"<style>{HTML_CSS}</style>\n", encoding="utf-8")
        source_fmt = pdf_source_format(references)
        sources = [
            replace(job, fmt=source_fmt, output=folder / f"{index:02d}.{source_fmt}")
            for index, job in enumerate(pdf_jobs)
        ]

        def one(job: Conversion) -> Path:
            path = convert(job, references, css_file)
            if progress is not None and job.fmt != "pdf" and job.output.parent != folder:
                progress(f"{job.fmt.upper()} : {os.path.basename(job.output)}")
            return path

        pandoc_jobs = [job for job in jobs if job.fmt != "pdf"] + sources
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(one, pandoc_jobs))
        if pdf_jobs:
            assert soffice is not None
            if progress is not None:
                progress(f"PDF : {len(pdf_jobs)} document(s) par LibreOffice")
            to_pdf(
                soffice,
                [(source.output, job) for source, job in zip(sources, pdf_jobs, strict=True)],
                folder / "pdf",
                folder / "profil-libreoffice",
            )
    return [job.output for job in jobs]


