"""Rebuild templates/reference.docx: the styles pandoc applies to every DOCX it writes.

Run from the repository root:  python tools/make_reference_docx.py
Starts from pandoc's own default reference (so every style pandoc uses exists), then sets a sober
sans-serif font, coloured headings, a table style with a shaded header row and page numbers in
the footer. The result is deterministic apart from the timestamps Word stores in docProps.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

FONT = "Arial"
TEXT = "1F2933"
ACCENT = "1F4E79"
ACCENT_LIGHT = "DCE6F0"
BORDER = "A9BCD0"
OUT = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"


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
            '<w:spacing w:before="40" w:after="40" w:line="260" w:lineRule="auto"/></w:pPr>'
        )
    )
    el.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>'))
    el.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            '<w:tblInd w:w="0" w:type="dxa"/>'
            "<w:tblBorders>"
            f'<w:top w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            f'<w:left w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            f'<w:right w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            f'<w:insideV w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            "</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
            '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
    el.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
            f'<w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr>'
            "<w:trPr><w:tblHeader/></w:trPr>"
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT_LIGHT}"/>'
            f'<w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>'
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

    def run(text: str | None = None, field: str | None = None) -> None:
        r = para.add_run(text or "")
        r.font.size = Pt(8.5)
        r.font.color.rgb = RGBColor.from_string("52606D")
        r.font.name = FONT
        if field:
            r._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
            r2 = para.add_run()
            r2.font.size = Pt(8.5)
            r2._r.append(
                parse_xml(
                    f'<w:instrText {nsdecls("w")} xml:space="preserve"> {field} </w:instrText>'
                )
            )
            r3 = para.add_run()
            r3._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
            r4 = para.add_run("1")
            r4.font.size = Pt(8.5)
            r5 = para.add_run()
            r5._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))

    run("Page ")
    run(field="PAGE")
    run(" sur ")
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
    _set_font(styles["Normal"], size=10.5, color=TEXT)
    for name in ("Body Text", "First Paragraph"):
        fmt = styles[name].paragraph_format
        # space before also separates a paragraph from the table above it (tables have none)
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(4)
        fmt.line_spacing = 1.15
    sizes = {"Heading 1": 15, "Heading 2": 12.5, "Heading 3": 11, "Heading 4": 10.5}
    for name, size in sizes.items():
        _set_font(styles[name], size=size, bold=True, color=ACCENT)
        fmt = styles[name].paragraph_format
        fmt.space_before = Pt(16 if name == "Heading 1" else 10)
        fmt.space_after = Pt(4)
        fmt.keep_with_next = True
    _set_font(styles["Title"], size=22, bold=True, color=ACCENT)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    styles["Title"].paragraph_format.space_after = Pt(4)
    _set_font(styles["Subtitle"], size=13, bold=False, color="3E5C76")
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name in ("Date", "Author"):
        _set_font(styles[name], size=10.5, color="52606D")
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _table_style(doc)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        section.footer_distance = Cm(1.0)
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


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build(pandoc_default_reference()))
    print(f"écrit : {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
