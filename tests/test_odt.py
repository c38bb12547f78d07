"""The ODT carries the DOCX's look: same styles, bordered tables, rows whole, « Page N sur M ».

These tests read the archives pandoc and the rewrite produce; test_pdf.py renders them.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT
from partenariat import house_style
from partenariat.errors import UsageError
from partenariat.export import export_documents
from wizard_support import run_cli

ROOT = Path(__file__).parents[1]
REFERENCE_ODT = ROOT / "templates" / "reference.odt"


@pytest.fixture(scope="module")
def odt_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("odt")
    export_documents(FULL_PROJECT, out, formats=["odt"])
    return out


def read(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def test_odt_tables_have_the_docx_grid(odt_folder: Path) -> None:
    for doc_id in DOCUMENT_IDS:
        content = read(odt_folder / f"{doc_id}.odt", "content.xml")
        minidom.parseString(content)  # well-formed after the rewrite
        assert 'fo:border="none"' not in content, doc_id
        header = re.search(
            r'style:name="TableHeaderRowCell".*?<style:table-cell-properties ([^>]*)/>',
            content,
            re.S,
        )
        assert header is not None
        assert f"#{house_style.ACCENT_LIGHT}" in header.group(1)  # shaded header
        assert f"solid #{house_style.BORDER}" in header.group(1)
        body = re.search(
            r'style:name="TableRowCell".*?<style:table-cell-properties ([^>]*)/>', content, re.S
        )
        assert body is not None and f'fo:border-bottom="0.5pt solid #{house_style.BORDER}"' in (
            body.group(1)
        )
        # every row kept whole; header rows in the block LibreOffice repeats on each page
        rows = re.findall(r"<table:table-row\b[^>]*>", content)
        assert rows and all('table:style-name="TableRowWhole"' in row for row in rows), doc_id
        assert 'fo:keep-together="always"' in content
        assert "<table:table-header-rows>" in content
        # two tables never touch
        assert not re.search(r"</table:table>\s*<table:table ", content)


def test_odt_styles_come_from_the_house_style(odt_folder: Path) -> None:
    styles = read(odt_folder / "plan-de-suivi.odt", "styles.xml")
    assert 'fo:page-width="21cm"' in styles and 'fo:page-height="29.7cm"' in styles
    assert f'style:font-name="{house_style.FONT}"' in styles
    title = re.search(r'style:name="Title".*?</style:style>', styles, re.S)
    assert title is not None and f'fo:color="#{house_style.ACCENT}"' in title.group(0)
    # « Page N sur M » in the footer
    footer = re.search(r"<style:footer>(.*?)</style:footer>", styles, re.S)
    assert footer is not None
    text = footer.group(1)
    assert "Page <text:page-number" in text and "</text:page-number> sur <text:page-count" in text


def test_odt_properties_and_dates(odt_folder: Path) -> None:
    meta = read(odt_folder / "document-de-cadrage.odt", "meta.xml")
    assert "<dc:title>Document de cadrage du partenariat</dc:title>" in meta
    assert "<dc:subject>Partenariat entre " in meta
    assert meta.count("<meta:keyword>") == 2
    assert "<meta:creation-date>" in meta and "<dc:creator>" in meta


def test_reference_odt_is_built_from_the_tool() -> None:
    """templates/reference.odt is what tools/make_reference_docx.py makes of house_style."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_reference_docx as tool
    finally:
        sys.path.remove(str(ROOT / "tools"))
    built = tool.build_odt(tool.pandoc_default_reference_odt())
    assert built == REFERENCE_ODT.read_bytes(), "rerun: python tools/make_reference_docx.py"
    assert (
        tool.build(tool.pandoc_default_reference())
        == (ROOT / "templates" / "reference.docx").read_bytes()
    )


def test_organisation_odt_reference_is_used(tmp_path: Path) -> None:
    """An organisation's own ODT styles the ODT, as --reference-doc does for the DOCX."""
    ref = tmp_path / "charte.odt"
    with zipfile.ZipFile(REFERENCE_ODT) as source, zipfile.ZipFile(ref, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "styles.xml":
                data = data.replace(b"#1F4E79", b"#8B0000")  # the organisation's red
            target.writestr(info, data)
    docx_ref = ROOT / "templates" / "reference.docx"
    result = export_documents(
        FULL_PROJECT,
        tmp_path / "out",
        formats=["odt", "docx"],
        documents=["plan-de-suivi"],
        reference_doc=[ref, docx_ref],
    )
    odt = next(p for p in result.files if p.suffix == ".odt")
    styles = read(odt, "styles.xml")
    assert "#8B0000" in styles and "#1F4E79" not in styles


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("charte.pdf", b"%PDF-1.4", "extension inconnue"),
        ("charte.odt", b"not a zip", "illisible"),
        ("absente.odt", None, "introuvable"),
    ],
)
def test_bad_reference_documents(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    ref = tmp_path / name
    if content is not None:
        ref.write_bytes(content)
    with pytest.raises(UsageError) as info:
        export_documents(FULL_PROJECT, tmp_path / "out", formats=["odt"], reference_doc=[ref])
    assert expected in info.value.message
    assert not (tmp_path / "out").exists()


def test_two_references_of_one_kind_are_refused(tmp_path: Path) -> None:
    ref = ROOT / "templates" / "reference.odt"
    with pytest.raises(UsageError) as info:
        export_documents(FULL_PROJECT, tmp_path, formats=["odt"], reference_doc=[ref, ref])
    assert "un seul par format" in info.value.message


def test_cli_takes_a_docx_and_an_odt_reference(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "export",
        "--project",
        str(FULL_PROJECT),
        "--output",
        str(out),
        "--format",
        "docx,odt",
        "--document",
        "plan-de-suivi",
        "--reference-doc",
        str(ROOT / "templates" / "reference.docx"),
        "--reference-doc",
        str(REFERENCE_ODT),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "plan-de-suivi.odt").is_file() and (out / "plan-de-suivi.docx").is_file()
    bad = run_cli(
        "export",
        "--project",
        str(FULL_PROJECT),
        "--output",
        str(tmp_path / "bad"),
        "--format",
        "odt",
        "--reference-doc",
        str(tmp_path / "charte.rtf"),
        cwd=tmp_path,
    )
    assert bad.returncode == 2 and "extension inconnue" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_pdf_comes_from_the_odt_unless_only_word_styles_are_given() -> None:
    from partenariat.convert import pdf_source_format

    docx, odt = ROOT / "templates" / "reference.docx", REFERENCE_ODT
    assert pdf_source_format({}) == "odt"
    assert pdf_source_format({"odt": odt}) == "odt"
    assert pdf_source_format({"docx": docx, "odt": odt}) == "odt"
    assert pdf_source_format({"docx": docx}) == "docx"  # the organisation's Word styles
