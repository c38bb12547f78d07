"""The look of the documents, written once for every format that carries styles.

tools/make_reference_docx.py builds both templates/reference.docx and templates/reference.odt from
these values, and office_package.py gives the ODT tables the same grid at export time (pandoc
writes the ODT table cells as automatic styles, which no reference document can reach). Changing
a value here and rerunning the tool keeps the DOCX, the ODT and therefore the PDF alike.
"""

from __future__ import annotations

FONT = "Arial"
# Colours, as RRGGBB.
TEXT = "1F2933"
ACCENT = "1F4E79"
ACCENT_LIGHT = "DCE6F0"
SUBTITLE = "3E5C76"
MUTED = "52606D"
BORDER = "A9BCD0"

# Font sizes in points.
BODY_SIZE = 10.5
DATE_BOLD = True  # pandoc's DOCX Date style inherits the title's weight
# A table cell's paragraphs carry pandoc's "Compact" style (Body Text, tighter), which Word and
# LibreOffice put above the DOCX table style: cells are set as compact body text, and so is the ODT.
TABLE_SIZE = BODY_SIZE
FOOTER_SIZE = 8.5
TITLE_SIZE = 22.0
SUBTITLE_SIZE = 13.0
HEADING_SIZES = {1: 15.0, 2: 12.5, 3: 11.0, 4: 10.5}

# Paragraph spacing in points; line spacing as a multiple of the single line.
BODY_SPACE_BEFORE = 6.0
BODY_SPACE_AFTER = 4.0
BODY_LINE = 1.15
HEADING_SPACE_BEFORE = {1: 16.0, 2: 10.0, 3: 10.0, 4: 10.0}
HEADING_SPACE_AFTER = 4.0
TITLE_SPACE_AFTER = 4.0
TABLE_SPACE = 1.8  # before and after each paragraph of a cell (pandoc's Compact: 36 twips)
TABLE_LINE = BODY_LINE

# Table grid, in points: cell padding, rule widths.
CELL_PADDING_VERTICAL = 2.0
CELL_PADDING_HORIZONTAL = 5.0
RULE = 0.5
HEADER_RULE = 1.0

# Page (A4), in centimetres. The footer sits FOOTER_DISTANCE from the bottom edge; the text
# stops MARGIN_BOTTOM from it.
PAGE_WIDTH = 21.0
PAGE_HEIGHT = 29.7
MARGIN_LEFT = MARGIN_RIGHT = 2.2
MARGIN_TOP = MARGIN_BOTTOM = 2.0
FOOTER_DISTANCE = 1.0

# « Page N sur M »: the words around the two page fields.
FOOTER_WORDS = ("Page ", " sur ")


def odt_cell_properties(header: bool) -> str:
    """The ODF table-cell properties of a header or body cell (borders, padding, shading)."""
    rule = f"{RULE}pt solid #{BORDER}"
    props = [
        f'fo:padding-top="{CELL_PADDING_VERTICAL}pt"',
        f'fo:padding-bottom="{CELL_PADDING_VERTICAL}pt"',
        f'fo:padding-left="{CELL_PADDING_HORIZONTAL}pt"',
        f'fo:padding-right="{CELL_PADDING_HORIZONTAL}pt"',
        f'fo:border-left="{rule}"',
        f'fo:border-right="{rule}"',
        f'fo:border-top="{rule}"',
    ]
    if header:
        props.append(f'fo:border-bottom="{HEADER_RULE}pt solid #{ACCENT}"')
        props.append(f'fo:background-color="#{ACCENT_LIGHT}"')
    else:
        props.append(f'fo:border-bottom="{rule}"')
    return " ".join(props)
