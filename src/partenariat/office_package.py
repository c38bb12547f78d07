"""Finishing pandoc's DOCX and ODT archives: what pandoc cannot be told to write.

Table rows may not break across pages (Word and LibreOffice otherwise leave half a row, often an
empty one, at the top of the next page); the ODT gets the table grid pandoc leaves out; dates,
author and keywords are pinned in the properties and on every zip entry, so that the same project
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from partenariat import house_style


def escape(text: str) -> str:
    """XML text escaping; xml.sax.saxutils is imported here, when a package is rewritten,
    because it imports urllib, http and ssl (8 ms of every export, Markdown only included)."""
    from xml.sax.saxutils import escape as sax_escape

    return sax_escape(text)


# Zip entries cannot be dated before 1980 (MS-DOS dates).
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
ZIP_END = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)


def as_utc(stamp: dt.datetime | None) -> dt.datetime | None:
    """A naive date is read as UTC, so that the bytes do not depend on the machine's time zone."""
    if stamp is None:
        return None
    stamp = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.timezone.utc)
    return min(max(stamp.astimezone(dt.timezone.utc).replace(microsecond=0), ZIP_EPOCH), ZIP_END)


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
    utc = as_utc(date)
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
