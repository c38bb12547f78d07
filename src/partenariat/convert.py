"""Markdown to DOCX, ODT and HTML through pandoc (shipped by pypandoc-binary), and to PDF
through LibreOffice when it is installed.

Pandoc does the typesetting; the look of the DOCX and of the ODT comes from reference documents
(templates/reference.docx and templates/reference.odt, both rebuilt by tools/make_reference_docx.py
from ``house_style``), which a user may replace with their own organisation's styles
(``--reference-doc``, a .docx and/or an .odt).

Files are reproducible: pandoc runs with SOURCE_DATE_EPOCH set to the project's last change, and
the DOCX/ODT archives are rewritten with that date in their properties and on every zip entry.
The rewrite also forbids table rows to break across pages (Word and LibreOffice otherwise leave
half a row, often an empty one, at the top of the next page) and, in the ODT, draws the table grid
that pandoc leaves out. A PDF is LibreOffice's rendering of the ODT (or of the DOCX when only a
Word reference was given); its creation date and identifiers, which LibreOffice takes from the
clock, are rewritten to the project's date so that the same project gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from partenariat import house_style
from partenariat.errors import PartenariatError, UsageError
from partenariat.vocabulary import FORMATS

PANDOC_FORMATS = {"docx": "docx", "odt": "odt", "html": "html5"}
# The formats a reference document can style, by file extension.
REFERENCE_FORMATS = {".docx": "docx", ".odt": "odt"}
# LibreOffice: the first start of a fresh profile takes a few seconds, then each document one or
# two; a conversion still running after this many seconds is stopped and named.
PDF_TIMEOUT_START = 120
PDF_TIMEOUT_PER_DOCUMENT = 60
# Pandoc's Markdown, minus the extensions that would reinterpret plain text: ``smart`` would turn
# an answer's « -- », « ... » and straight quotes into dashes, ellipses and curly quotes, and an
# answer must come out exactly as it was written. ``superscript`` stays on for the tool's own
# « 1^er^ » (typeset by markdown.typeset); an answer's ``^`` is escaped, so it is never read so.
INPUT_FORMAT = (
    "markdown-implicit_figures-citations-raw_tex-raw_html-tex_math_dollars-subscript-smart"
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
    """Pandoc or LibreOffice could not produce a document."""


class PdfUnavailableError(PartenariatError):
    """PDF asked for, LibreOffice absent: the other formats are written, the PDF is not."""


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


def find_soffice() -> str | None:
    """LibreOffice's command-line program: on the PATH, else where its installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    return next((str(c) for c in candidates if c.is_file()), None)


def install_hint() -> str:
    """How to install LibreOffice, in French, for the usual systems."""
    return (
        "Pour produire les PDF, installez LibreOffice puis relancez la commande :\n"
        "  - Debian, Ubuntu : sudo apt-get install libreoffice-writer\n"
        "  - Fedora : sudo dnf install libreoffice-writer\n"
        "  - macOS : brew install --cask libreoffice (ou https://fr.libreoffice.org)\n"
        "  - Windows : https://fr.libreoffice.org/download/telecharger-libreoffice/\n"
        "L'outil cherche le programme soffice dans le PATH (et, sous macOS et Windows, "
        "à l'emplacement d'installation habituel)."
    )


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


def _set_odt_author(meta_xml: str, author: str) -> str:
    """meta:initial-creator / dc:creator of an ODT's meta.xml (the PDF's Author)."""
    return re.sub(
        r"(<(meta:initial-creator|dc:creator)>)[^<]*(</\2>)",
        lambda m: f"{m.group(1)}{escape(author)}{m.group(3)}",
        meta_xml,
    )


def _set_odt_keywords(meta_xml: str, keywords: Sequence[str]) -> str:
    """One meta:keyword per organisation (the PDF's Keywords)."""
    words = "".join(f"<meta:keyword>{escape(word)}</meta:keyword>" for word in keywords)
    return re.sub(
        r"<meta:keyword\s*/>|<meta:keyword>[^<]*</meta:keyword>",
        lambda _m: words,
        meta_xml,
        count=1,
    )


def _set_core_properties(core_xml: str, author: str, keywords: Sequence[str]) -> str:
    """dc:creator and cp:keywords of a DOCX's docProps/core.xml."""
    if author:
        core_xml = re.sub(
            r"<dc:creator\s*/>|<dc:creator>[^<]*</dc:creator>",
            lambda _m: f"<dc:creator>{escape(author)}</dc:creator>",
            core_xml,
            count=1,
        )
    if keywords:
        core_xml = re.sub(
            r"<cp:keywords\s*/>|<cp:keywords>[^<]*</cp:keywords>",
            lambda _m: f"<cp:keywords>{escape(', '.join(keywords))}</cp:keywords>",
            core_xml,
            count=1,
        )
    return core_xml


# pandoc writes every ODT table cell with one of these two automatic styles, without borders.
_ODT_CELL_STYLE = re.compile(
    r'(<style:style style:name="(TableHeaderRowCell|TableRowCell)" style:family="table-cell">\s*)'
    r"<style:table-cell-properties\b[^>]*/>"
)
_ODT_ROW_STYLE = "TableRowWhole"
_ODT_TABLE = re.compile(
    r'<table:table table:name="[^"]*" table:style-name="([^"]+)">(.*?)</table:table>', re.S
)
_ODT_TABLE_STYLE = re.compile(
    r'<style:style style:name="([^"]+)" style:family="table">\s*<style:table-properties '
)
_KEEP_TABLE = '<style:table-properties style:may-break-between-rows="false" '
SHORT_TABLE_ROWS = 8
# beyond this much text a table may not fit on a page: kept whole, it would leave its heading
# alone on the page before
SHORT_TABLE_CHARACTERS = 2500
_ODT_ADJACENT_TABLES = re.compile(r"</table:table>\s*<table:table ")
_ODT_ROW = re.compile(r"<table:table-row(?=[\s>])(?![^>]*table:style-name)")


def finish_odt_content(content_xml: str) -> str:
    """The ODT tables as the DOCX ones: bordered grid, shaded header, rows kept whole.

    Header rows stay in ``table:table-header-rows``, which LibreOffice repeats on every page.
    Idempotent.
    """

    def cell(match: re.Match[str]) -> str:
        header = match.group(2) == "TableHeaderRowCell"
        props = house_style.odt_cell_properties(header)
        return f"{match.group(1)}<style:table-cell-properties {props} />"

    content_xml = _ODT_CELL_STYLE.sub(cell, content_xml)
    # A short table stays on one page: split, it would leave its header row alone at the
    # bottom of a page, which LibreOffice allows (Word moves the table).
    short = {
        match.group(1)
        for match in _ODT_TABLE.finditer(content_xml)
        if match.group(2).count("<table:table-row") <= SHORT_TABLE_ROWS
        and len(re.sub(r"<[^>]*>", "", match.group(2))) <= SHORT_TABLE_CHARACTERS
    }
    content_xml = _ODT_TABLE_STYLE.sub(
        lambda m: (
            m.group(0).replace("<style:table-properties ", _KEEP_TABLE, 1)
            if m.group(1) in short and "may-break-between-rows" not in m.group(0)
            else m.group(0)
        ),
        content_xml,
    )
    if f'style:name="{_ODT_ROW_STYLE}"' not in content_xml:
        row_style = (
            f'<style:style style:name="{_ODT_ROW_STYLE}" style:family="table-row">'
            '<style:table-row-properties fo:keep-together="always" /></style:style>'
        )
        content_xml = content_xml.replace(
            "</office:automatic-styles>", f"{row_style}\n  </office:automatic-styles>", 1
        )
    content_xml = _ODT_ROW.sub(f'<table:table-row table:style-name="{_ODT_ROW_STYLE}"', content_xml)
    # Two tables in a row would touch and read as one: Word keeps a paragraph between them.
    return _ODT_ADJACENT_TABLES.sub(
        '</table:table>\n<text:p text:style-name="Text_20_body" />\n<table:table ', content_xml
    )


def rewrite_package(
    path: Path,
    fmt: str,
    date: dt.datetime | None,
    author: str = "",
    keywords: Sequence[str] = (),
) -> None:
    """Rewrite a DOCX/ODT in place: rows kept whole, ODT table grid, dates pinned.

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
                elif fmt == "docx" and info.filename == "docProps/core.xml":
                    core = data.decode("utf-8")
                    core = _set_core_dates(core, stamp) if stamp else core
                    data = _set_core_properties(core, author, keywords).encode("utf-8")
                elif fmt == "odt" and info.filename == "content.xml":
                    data = finish_odt_content(data.decode("utf-8")).encode("utf-8")
                elif fmt == "odt" and info.filename == "meta.xml":
                    meta = data.decode("utf-8")
                    meta = _set_odt_dates(meta, stamp) if stamp else meta
                    meta = _set_odt_author(meta, author) if author else meta
                    meta = _set_odt_keywords(meta, keywords) if keywords else meta
                    data = meta.encode("utf-8")
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
    reference_doc: Path | Mapping[str, Path] | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = WORKERS,
    soffice: str | None = None,
) -> list[Path]:
    """Run the conversions in parallel (pandoc is a separate process: threads are enough).

    PDF jobs first get an ODT (or DOCX, see ``pdf_source_format``) written by pandoc in a private
    folder; LibreOffice then converts them all in one run (``soffice``: its program).
    """
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


# --------------------------------------------------------------------------------------------
# PDF through LibreOffice


def pdf_timeout(count: int) -> int:
    return PDF_TIMEOUT_START + PDF_TIMEOUT_PER_DOCUMENT * count


def to_pdf(
    soffice: str,
    items: Sequence[tuple[Path, Conversion]],
    out_dir: Path,
    profile: Path,
    timeout: float | None = None,
) -> None:
    """Convert every source file to PDF in one LibreOffice run, then give each its job's output.

    LibreOffice runs headless with a private profile (two exports at once do not collide, the
    user's own LibreOffice is not touched) and in a process group of its own, stopped whole when
    it outlives ``timeout``. A failure names the document; no output is written for a document
    whose PDF is missing or unreadable.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    limit = timeout if timeout is not None else pdf_timeout(len(items))
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *(str(source) for source, _job in items),
    ]
    env = dict(os.environ)
    env["TZ"] = "UTC"  # LibreOffice writes its clock's time zone into the PDF dates
    env.setdefault("HOME", tempfile.gettempdir())
    detail = ""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=os.name != "nt",
        )
    except OSError as exc:
        raise ConversionError(
            f"LibreOffice ({soffice}) n'a pas pu être lancé : {exc.strerror or exc}"
        ) from None
    try:
        output, _ = process.communicate(timeout=limit)
        detail = output.decode("utf-8", errors="replace").strip()
    except subprocess.TimeoutExpired:
        _stop(process)
        first = _first_missing(items, out_dir)
        raise ConversionError(
            f"La conversion en PDF de « {first} » par LibreOffice n'a pas abouti en "
            f"{limit:g} secondes : elle a été arrêtée et aucun PDF n'a été écrit."
        ) from None
    finally:
        if process.poll() is None:
            _stop(process)
    for source, job in items:
        produced = out_dir / f"{source.stem}.pdf"
        try:
            data = produced.read_bytes()
        except OSError:
            data = b""
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            reason = f" ({detail})" if detail and process.returncode else ""
            raise ConversionError(
                f"La conversion en PDF de « {job.title} » par LibreOffice a échoué{reason} : "
                "aucun PDF n'a été écrit."
            )
        job.output.write_bytes(normalise_pdf(data, job.date))


def _first_missing(items: Sequence[tuple[Path, Conversion]], out_dir: Path) -> str:
    """LibreOffice converts in order: the first document without its PDF is the one it was on."""
    for source, job in items:
        if not (out_dir / f"{source.stem}.pdf").is_file():
            return job.title
    return items[-1][1].title


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and its children (soffice starts soffice.bin), then reap it."""
    with contextlib.suppress(OSError):
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def normalise_pdf(data: bytes, date: dt.datetime | None) -> bytes:
    """LibreOffice's PDF with the project's date instead of the clock's, and identifiers derived
    from the content instead of from the clock.

    Every replacement keeps its length, so the cross-reference offsets stay right.
    """
    utc = _utc(date) or ZIP_EPOCH
    stamp = utc.strftime("%Y%m%d%H%M%S").encode("ascii")
    data = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + stamp, data)

    def blank(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        for group in match.groups():
            text = text.replace(group, b"0" * len(group))
        return text

    blanked = _PDF_CHECKSUM.sub(blank, _PDF_ID.sub(blank, data))
    digest = hashlib.md5(blanked, usedforsecurity=False).hexdigest().upper().encode("ascii")

    def fill(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        for group in match.groups():
            text = text.replace(group, (digest * 2)[: len(group)])
        return text

    return _PDF_CHECKSUM.sub(fill, _PDF_ID.sub(fill, blanked))
