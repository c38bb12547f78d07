"""Rebuild templates/reference.docx and templates/reference.odt: the styles pandoc applies.

Run from the repository root:  python tools/make_reference_docx.py
Both start from pandoc's own default reference (so every style pandoc uses exists) and take every
font, colour, size, spacing and page measure from one source, ``partenariat.house_style``: a
sober sans-serif font, coloured headings, a table style with a shaded header row, A4 pages and
« Page N sur M » in the footer. The ODT's table grid is not a style pandoc lets a reference
carry; office_package.py draws it at export time from the same values. Rebuilding gives the same
bytes.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates" / "reference.docx"
OUT_ODT = ROOT / "templates" / "reference.odt"

sys.path.insert(0, str(ROOT / "src"))
from partenariat import house_style as hs  # noqa: E402

FONT = hs.FONT
TEXT = hs.TEXT
ACCENT = hs.ACCENT
ACCENT_LIGHT = hs.ACCENT_LIGHT
BORDER = hs.BORDER


def _twips(points: float) -> int:
    return round(points * 20)


def _eighths(points: float) -> int:
    return round(points * 8)


def pandoc_default_reference() -> bytes:
    import pypandoc

    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    )
    return result.stdout


def _set_font(
    style, size: float | None = None, bold: bool | None = None, color: str | None = None
) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style.font
    font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = RGBColor.from_string(color)
        color_el = rpr.find(qn("w:color"))
        if color_el is not None:
            for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                color_el.attrib.pop(qn(attr), None)


def _table_style(doc) -> None:
    """Pandoc gives every table the style "Table": borders, padding, a shaded header row."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    style = doc.styles["Table"]
    el = style.element
    vertical, horizontal = _twips(hs.CELL_PADDING_VERTICAL), _twips(hs.CELL_PADDING_HORIZONTAL)
    for child in list(el):
        if child.tag in (
            qn("w:tblPr"),
            qn("w:tblStylePr"),
            qn("w:rPr"),
            qn("w:pPr"),
            qn("w:trPr"),
            qn("w:tcPr"),
        ):
            el.remove(child)
    el.append(
        parse_xml(
            f"<w:pPr {nsdecls('w')}>"
            f'<w:spacing w:before="{_twips(hs.TABLE_SPACE)}" w:after="{_twips(hs.TABLE_SPACE)}" '
            f'w:line="{round(hs.TABLE_LINE * 240)}" w:lineRule="auto"/></w:pPr>'
        )
    )
    half_points = round(hs.TABLE_SIZE * 2)
    el.append(
        parse_xml(
            f'<w:rPr {nsdecls("w")}><w:sz w:val="{half_points}"/>'
            f'<w:szCs w:val="{half_points}"/></w:rPr>'
        )
    )
    el.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            '<w:tblInd w:w="0" w:type="dxa"/>'
            "<w:tblBorders>"
            f'<w:top w:val="single" w:sz="{_eighths(hs.RULE)}" w:space="0" w:color="{BORDER}"/>'
            f'<w:left w:val="single" w:sz="{_eighths(hs.RULE)}" w:space="0" w:color="{BORDER}"/>'
            f'<w:bottom w:val="single" w:sz="{_eighths(hs.RULE)}" w:space="0" w:color="{BORDER}"/>'
            f'<w:right w:val="single" w:sz="{_eighths(hs.RULE)}" w:space="0" w:color="{BORDER}"/>'
            f'<w:insideH w:val="single" w:sz="{_eighths(hs.RULE)}" w:space="0" w:color="{BORDER}"/>'
            f'<w:insideV w:val="single" w:sz="{_eighths(hs.RULE)}" w:space="0" w:color="{BORDER}"/>'
            "</w:tblBorders>"
            f'<w:tblCellMar><w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
            f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/>'
            "</w:tblCellMar>"
            "</w:tblPr>"
        )
    )
    el.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
            f'<w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>'
            "<w:trPr><w:tblHeader/></w:trPr>"
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT_LIGHT}"/>'
            f'<w:tcBorders><w:bottom w:val="single" w:sz="{_eighths(hs.HEADER_RULE)}" w:space="0" w:color="{ACCENT}"/>'
            "</w:tcBorders></w:tcPr>"
            "</w:tblStylePr>"
        )
    )
    el.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="band2Horz">'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F3F7FA"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )


def _footer_page_numbers(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt, RGBColor

    section = doc.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    para.text = ""
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def styled_run(text: str = ""):  # type: ignore[no-untyped-def]
        # every run of the footer, field characters included: LibreOffice sizes a field's
        # result by the run that opens it
        r = para.add_run(text)
        r.font.size = Pt(hs.FOOTER_SIZE)
        r.font.color.rgb = RGBColor.from_string(hs.MUTED)
        r.font.name = FONT
        return r

    def run(text: str | None = None, field: str | None = None) -> None:
        r = styled_run(text or "")
        if field:
            r._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
            styled_run()._r.append(
                parse_xml(
                    f'<w:instrText {nsdecls("w")} xml:space="preserve"> {field} </w:instrText>'
                )
            )
            styled_run()._r.append(
                parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>')
            )
            styled_run("1")
            styled_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))

    run(hs.FOOTER_WORDS[0])
    run(field="PAGE")
    run(hs.FOOTER_WORDS[1])
    run(field="NUMPAGES")


def build(default_reference: bytes) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document(io.BytesIO(default_reference))
    styles = doc.styles
    for name in (
        "Normal",
        "Body Text",
        "First Paragraph",
        "Compact",
        "Block Text",
        "Footnote Text",
    ):
        if name in [s.name for s in styles]:
            _set_font(styles[name], color=TEXT)
    _set_font(styles["Normal"], size=hs.BODY_SIZE, color=TEXT)
    for name in ("Body Text", "First Paragraph"):
        fmt = styles[name].paragraph_format
        # space before also separates a paragraph from the table above it (tables have none)
        fmt.space_before = Pt(hs.BODY_SPACE_BEFORE)
        fmt.space_after = Pt(hs.BODY_SPACE_AFTER)
        fmt.line_spacing = hs.BODY_LINE
    for level, size in hs.HEADING_SIZES.items():
        name = f"Heading {level}"
        _set_font(styles[name], size=size, bold=True, color=ACCENT)
        fmt = styles[name].paragraph_format
        fmt.space_before = Pt(hs.HEADING_SPACE_BEFORE[level])
        fmt.space_after = Pt(hs.HEADING_SPACE_AFTER)
        fmt.keep_with_next = True
    _set_font(styles["Title"], size=hs.TITLE_SIZE, bold=True, color=ACCENT)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    styles["Title"].paragraph_format.space_after = Pt(hs.TITLE_SPACE_AFTER)
    _set_font(styles["Subtitle"], size=hs.SUBTITLE_SIZE, bold=False, color=hs.SUBTITLE)
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name in ("Date", "Author"):
        _set_font(styles[name], size=hs.BODY_SIZE, bold=hs.DATE_BOLD, color=hs.MUTED)
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _table_style(doc)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(hs.PAGE_HEIGHT), Cm(hs.PAGE_WIDTH)
        section.left_margin, section.right_margin = Cm(hs.MARGIN_LEFT), Cm(hs.MARGIN_RIGHT)
        section.top_margin, section.bottom_margin = Cm(hs.MARGIN_TOP), Cm(hs.MARGIN_BOTTOM)
        section.footer_distance = Cm(hs.FOOTER_DISTANCE)
    _footer_page_numbers(doc)
    out = io.BytesIO()
    doc.save(out)
    return _normalise_zip(out.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Fixed timestamps and order so that rebuilding gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The reference ODT: pandoc's own default, restyled with the same house_style values.

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def pandoc_default_reference_odt() -> bytes:
    import pypandoc

    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.odt"],
        check=True,
        capture_output=True,
    )
    return result.stdout


def _pt(value: float) -> str:
    return f"{value:g}pt"


def _cm(value: float) -> str:
    return f"{value:g}cm"


def _font(
    size: float | None = None, color: str | None = None, bold: bool | None = None
) -> dict[str, str]:
    props = {
        "style:font-name": FONT,
        "style:font-name-asian": FONT,
        "style:font-name-complex": FONT,
    }
    if size is not None:
        props.update(
            {
                "fo:font-size": _pt(size),
                "style:font-size-asian": _pt(size),
                "style:font-size-complex": _pt(size),
            }
        )
    if color is not None:
        props["fo:color"] = f"#{color}"
    if bold is not None:
        weight = "bold" if bold else "normal"
        props.update(
            {
                "fo:font-weight": weight,
                "style:font-weight-asian": weight,
                "style:font-weight-complex": weight,
            }
        )
    return props


def _odt_style(styles, name: str, display: str | None = None, parent: str | None = None):  # type: ignore[no-untyped-def]
    """The paragraph style ``name`` of office:styles, created when pandoc's default lacks it."""
    for el in styles.iter(_q("style:style")):
        if el.get(_q("style:name")) == name and el.get(_q("style:family")) == "paragraph":
            return el
    from lxml import etree

    el = etree.SubElement(styles, _q("style:style"))
    el.set(_q("style:name"), name)
    if display:
        el.set(_q("style:display-name"), display)
    el.set(_q("style:family"), "paragraph")
    if parent:
        el.set(_q("style:parent-style-name"), parent)
    el.set(_q("style:class"), "chapter")
    return el


def _set_props(style, kind: str, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Merge ``values`` into the style's paragraph- or text-properties (created if absent)."""
    from lxml import etree

    tag = _q(f"style:{kind}-properties")
    props = style.find(tag)
    if props is None:
        props = etree.SubElement(style, tag)
        if kind == "paragraph":  # paragraph-properties come before text-properties
            style.remove(props)
            style.insert(0, props)
    for key, value in values.items():
        props.set(_q(key), value)


def _paragraph(
    space_before: float, space_after: float, line: float | None = None, **extra: str
) -> dict[str, str]:
    props = {
        "fo:margin-top": _pt(space_before),
        "fo:margin-bottom": _pt(space_after),
        "style:contextual-spacing": "false",
    }
    if line is not None:
        props["fo:line-height"] = f"{round(line * 100)}%"
    props.update({k.replace("__", ":").replace("_", "-"): v for k, v in extra.items()})
    return props


def restyle_odt_styles(xml: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    styles = root.find(_q("office:styles"))
    # the default paragraph style: font, colour, size, French
    for default in styles.findall(_q("style:default-style")):
        if default.get(_q("style:family")) == "paragraph":
            # Word's widow and orphan control, on by default in the DOCX
            _set_props(default, "paragraph", {"fo:widows": "2", "fo:orphans": "2"})
            _set_props(
                default,
                "text",
                {**_font(hs.BODY_SIZE, TEXT), "fo:language": "fr", "fo:country": "FR"},
            )
    _set_props(_odt_style(styles, "Standard"), "text", _font(hs.BODY_SIZE, TEXT))
    body = _odt_style(styles, "Text_20_body", "Text body", "Standard")
    _set_props(
        body, "paragraph", _paragraph(hs.BODY_SPACE_BEFORE, hs.BODY_SPACE_AFTER, hs.BODY_LINE)
    )
    heading = _odt_style(styles, "Heading", None, "Standard")
    _set_props(heading, "text", _font(color=ACCENT, bold=True))
    for level, size in hs.HEADING_SIZES.items():
        style = _odt_style(styles, f"Heading_20_{level}", f"Heading {level}", "Heading")
        _set_props(
            style,
            "paragraph",
            _paragraph(
                hs.HEADING_SPACE_BEFORE[level], hs.HEADING_SPACE_AFTER, fo__keep_with_next="always"
            ),
        )
        _set_props(
            style,
            "text",
            {
                **_font(size, ACCENT, True),
                "fo:font-style": "normal",
                "style:font-style-asian": "normal",
                "style:font-style-complex": "normal",
            },
        )
    title = _odt_style(styles, "Title", "Title", "Standard")
    _set_props(title, "paragraph", _paragraph(0, hs.TITLE_SPACE_AFTER, fo__text_align="start"))
    _set_props(title, "text", _font(hs.TITLE_SIZE, ACCENT, True))
    subtitle = _odt_style(styles, "Subtitle", "Subtitle", "Standard")
    _set_props(subtitle, "paragraph", _paragraph(0, hs.TITLE_SPACE_AFTER, fo__text_align="start"))
    _set_props(subtitle, "text", _font(hs.SUBTITLE_SIZE, hs.SUBTITLE, False))
    for name in ("Date", "Author"):
        style = _odt_style(styles, name, None, "Standard")
        _set_props(style, "paragraph", _paragraph(0, hs.BODY_SPACE_AFTER, fo__text_align="start"))
        _set_props(style, "text", _font(hs.BODY_SIZE, hs.MUTED, hs.DATE_BOLD))
    contents = _odt_style(styles, "Table_20_Contents", "Table Contents", "Standard")
    _set_props(
        contents,
        "paragraph",
        _paragraph(
            hs.TABLE_SPACE,
            hs.TABLE_SPACE,
            hs.TABLE_LINE,
            fo__margin_left="0cm",
            fo__margin_right="0cm",
        ),
    )
    _set_props(contents, "text", _font(hs.TABLE_SIZE, TEXT))
    table_heading = _odt_style(styles, "Table_20_Heading", "Table Heading", "Table_20_Contents")
    _set_props(table_heading, "paragraph", {"fo:margin-left": "0cm", "fo:margin-right": "0cm"})
    _set_props(table_heading, "text", _font(hs.TABLE_SIZE, ACCENT, True))
    footer = _odt_style(styles, "Footer", None, "Standard")
    _set_props(
        footer,
        "paragraph",
        {"fo:text-align": "center", "fo:margin-top": "0pt", "fo:margin-bottom": "0pt"},
    )
    _set_props(footer, "text", _font(hs.FOOTER_SIZE, hs.MUTED))
    _page_layout(root)
    _footer(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _page_layout(root) -> None:  # type: ignore[no-untyped-def]
    # ODF measures the bottom margin to the footer: the footer's height and spacing make up
    # the rest, so that the text stops MARGIN_BOTTOM from the edge as in the DOCX.
    layout = root.find(f"{_q('office:automatic-styles')}/{_q('style:page-layout')}")
    props = layout.find(_q("style:page-layout-properties"))
    for key, value in {
        "fo:page-width": _cm(hs.PAGE_WIDTH),
        "fo:page-height": _cm(hs.PAGE_HEIGHT),
        "fo:margin-top": _cm(hs.MARGIN_TOP),
        "fo:margin-bottom": _cm(hs.FOOTER_DISTANCE),
        "fo:margin-left": _cm(hs.MARGIN_LEFT),
        "fo:margin-right": _cm(hs.MARGIN_RIGHT),
    }.items():
        props.set(_q(key), value)
    footer_area = hs.MARGIN_BOTTOM - hs.FOOTER_DISTANCE
    footer_props = layout.find(f"{_q('style:footer-style')}/{_q('style:header-footer-properties')}")
    footer_props.set(_q("fo:min-height"), _cm(footer_area / 2))
    footer_props.set(_q("fo:margin-top"), _cm(footer_area / 2))


def _footer(root) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    master = root.find(f"{_q('office:master-styles')}/{_q('style:master-page')}")
    footer = master.find(_q("style:footer"))
    for child in list(footer):
        footer.remove(child)
    para = etree.SubElement(footer, _q("text:p"))
    para.set(_q("text:style-name"), "Footer")
    para.text = hs.FOOTER_WORDS[0]
    number = etree.SubElement(para, _q("text:page-number"))
    number.set(_q("text:select-page"), "current")
    number.text = "1"
    number.tail = hs.FOOTER_WORDS[1]
    count = etree.SubElement(para, _q("text:page-count"))
    count.text = "1"


def build_odt(default_reference: bytes) -> bytes:
    """pandoc's default reference ODT with restyled styles.xml; other entries untouched."""
    src = zipfile.ZipFile(io.BytesIO(default_reference))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():  # mimetype first and stored, as ODF requires
            data = src.read(info)
            if info.filename == "styles.xml":
                data = restyle_odt_styles(data)
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            dst.writestr(entry, data)
    return out.getvalue()


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build(pandoc_default_reference()))
    print(f"écrit : {OUT}")
    OUT_ODT.write_bytes(build_odt(pandoc_default_reference_odt()))
    print(f"écrit : {OUT_ODT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
