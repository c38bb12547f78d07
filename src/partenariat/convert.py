"""Markdown to DOCX, ODT and HTML through pandoc (shipped by pypandoc-binary).

Pandoc does the typesetting; the look of the DOCX comes from a reference document
(templates/reference.docx, rebuilt by tools/make_reference_docx.py), which a user may replace with
their own organisation's styles (``--reference-doc``).

Files are reproducible: pandoc runs with SOURCE_DATE_EPOCH set to the project's last change, and
the DOCX/ODT archives are rewritten with that date in their properties and on every zip entry.
The DOCX rewrite also forbids table rows to break across pages (Word and LibreOffice otherwise
leave half a row, often an empty one, at the top of the next page).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from partenariat.errors import PartenariatError

FORMATS = ("md", "docx", "odt", "html")
PANDOC_FORMATS = {"docx": "docx", "odt": "odt", "html": "html5"}
# Pandoc's Markdown, minus the extensions that would reinterpret plain text: ``smart`` would turn
# an answer's « -- », « ... » and straight quotes into dashes, ellipses and curly quotes, and an
# answer must come out exactly as it was written.
INPUT_FORMAT = (
    "markdown-implicit_figures-citations-raw_tex-raw_html-tex_math_dollars-superscript-subscript"
    "-smart"
)
WORKERS = 2
PANDOC_TIMEOUT = 300
# Zip entries cannot be dated before 1980 (MS-DOS dates).
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
ZIP_END = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)

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
    # The project's last change: dates the file (properties, zip entries) for reproducible bytes.
    date: dt.datetime | None = None


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


def _utc(stamp: dt.datetime | None) -> dt.datetime | None:
    """A naive date is read as UTC, so that the bytes do not depend on the machine's time zone."""
    if stamp is None:
        return None
    stamp = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.timezone.utc)
    return min(max(stamp.astimezone(dt.timezone.utc).replace(microsecond=0), ZIP_EPOCH), ZIP_END)


def pandoc_environment(stamp: dt.datetime | None) -> dict[str, str]:
    """The environment of one pandoc run: SOURCE_DATE_EPOCH pins every date pandoc would write."""
    env = dict(os.environ)
    utc = _utc(stamp)
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
    job: Conversion, reference_doc: Path | None = None, css_file: Path | None = None
) -> Path:
    """Write ``job.output`` from ``job.markdown`` (the caller makes the write atomic)."""
    if job.fmt not in PANDOC_FORMATS:
        raise ConversionError(
            f"Format inconnu : {job.fmt} (formats possibles : {', '.join(FORMATS)})."
        )
    if reference_doc is not None and not reference_doc.is_file():
        raise ConversionError(f"Document de référence introuvable : {reference_doc}")
    _run_pandoc(job, pandoc_args(job.fmt, job.title, reference_doc, css_file))
    if job.fmt in ("docx", "odt"):
        try:
            rewrite_package(job.output, job.fmt, job.date)
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


# --------------------------------------------------------------------------------------------
# Post-processing of the DOCX and ODT archives

_ROW = re.compile(r"<w:tr(?:\s[^>]*)?>(?:<w:trPr\s*/>|<w:trPr>)?")
_CANT_SPLIT = "<w:cantSplit/>"


def _row_properties(match: re.Match[str]) -> str:
    text = match.group(0)
    start = text[: text.index(">") + 1]  # the <w:tr ...> tag itself
    if text.endswith("<w:trPr>"):
        return f"{start}<w:trPr>{_CANT_SPLIT}"
    return f"{start}<w:trPr>{_CANT_SPLIT}</w:trPr>"


def keep_rows_whole(document_xml: str) -> str:
    """Give every table row ``<w:cantSplit/>``, keeping the row properties it already has.

    The row properties are a choice group, so ``cantSplit`` may come first. Idempotent.
    """
    if _CANT_SPLIT in document_xml or "<w:cantSplit " in document_xml:
        document_xml = re.sub(r"<w:cantSplit(?:\s[^>]*)?/>", "", document_xml)
        document_xml = re.sub(r"<w:trPr>\s*</w:trPr>", "", document_xml)
    return _ROW.sub(_row_properties, document_xml)


def _set_core_dates(core_xml: str, stamp: str) -> str:
    """dcterms:created / dcterms:modified of docProps/core.xml (ISO 8601, UTC)."""
    return re.sub(
        r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)",
        lambda m: f"{m.group(1)}{stamp}{m.group(2)}",
        core_xml,
    )


def _set_odt_dates(meta_xml: str, stamp: str) -> str:
    """meta:creation-date / dc:date of an ODT's meta.xml."""
    return re.sub(
        r"(<(meta:creation-date|dc:date)>)[^<]*(</\2>)",
        lambda m: f"{m.group(1)}{stamp}{m.group(3)}",
        meta_xml,
    )


def rewrite_package(path: Path, fmt: str, date: dt.datetime | None) -> None:
    """Rewrite a DOCX/ODT in place: rows kept whole (DOCX), dates pinned, same entry order.

    Every entry keeps its name, order and compression; each gets the project's date (or pandoc's
    fixed 1980-01-01 when there is none), so the same project gives the same bytes.
    """
    utc = _utc(date)
    stamp = utc.strftime("%Y-%m-%dT%H:%M:%SZ") if utc is not None else None
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    tmp = path.with_name(path.name + ".rewrite")
    try:
        with zipfile.ZipFile(tmp, "w") as target:
            for info, data in entries:
                if fmt == "docx" and info.filename == "word/document.xml":
                    data = keep_rows_whole(data.decode("utf-8")).encode("utf-8")
                elif stamp and fmt == "docx" and info.filename == "docProps/core.xml":
                    data = _set_core_dates(data.decode("utf-8"), stamp).encode("utf-8")
                elif stamp and fmt == "odt" and info.filename == "meta.xml":
                    data = _set_odt_dates(data.decode("utf-8"), stamp).encode("utf-8")
                when = utc.timetuple()[:6] if utc is not None else (1980, 1, 1, 0, 0, 0)
                entry = zipfile.ZipInfo(info.filename, date_time=when)
                entry.compress_type = info.compress_type
                entry.external_attr = info.external_attr
                entry.create_system = 3
                target.writestr(entry, data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


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
