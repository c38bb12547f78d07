"""Every DOCX opens with python-docx, has its headings and tables, and no template residue."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT, hostile_data, partial_data, write_project
from partenariat.export import export_documents


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("docx")
    hostile = write_project(base, hostile_data(), "hostile.yaml")
    partial = write_project(base, partial_data(), "partiel.yaml")
    folders = {}
    for name, project in (("complet", FULL_PROJECT), ("hostile", hostile), ("partiel", partial)):
        export_documents(project, base / name, formats=["docx"])
        folders[name] = base / name
    return folders


@pytest.mark.parametrize("case", ["complet", "hostile", "partiel"])
def test_docx_structure(exported: dict[str, Path], case: str) -> None:
    from docx import Document

    for doc_id in DOCUMENT_IDS:
        path = exported[case] / f"{doc_id}.docx"
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            minidom.parseString(archive.read("word/document.xml"))  # well-formed XML
        doc = Document(str(path))
        headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert any(h.startswith("1. ") for h in headings), (case, doc_id)
        assert doc.tables, (case, doc_id)
        assert doc.paragraphs[0].style.name == "Title"
        text = all_text(doc)
        for residue in ("{{", "{%", "None"):
            if case == "hostile" and residue in ("{{", "{%"):
                continue  # the hostile answers contain these characters on purpose
            assert residue not in text, (case, doc_id, residue)
        if case == "complet":
            assert "À compléter" not in text.replace("\u00a0", " ").replace("« À compléter »", "")
        if case == "partiel":
            assert "À compléter" in text


def test_hostile_text_survives_literally(exported: dict[str, Path]) -> None:
    from docx import Document

    doc = Document(str(exported["hostile"] / "document-de-cadrage.docx"))
    text = all_text(doc)
    assert "</w:t>" in text and "]]>" in text and "{{ 7*7 }}" in text
    assert "*gras*" in text
    # the 20 000-character description and pilot are kept whole, the tables keep their columns
    assert any(len(p.text) >= 19000 for p in doc.paragraphs)
    actions = next(t for t in doc.tables if t.rows[0].cells[1].text == "Action")
    assert len(actions.columns) == 6 and len(actions.rows) == 3
    assert len(actions.rows[2].cells[3].text) == 20000


def test_keep_rows_whole_merges_row_properties() -> None:
    from partenariat.office_package import keep_rows_whole

    xml = (
        '<w:tbl><w:tr><w:trPr><w:tblHeader w:val="on" /></w:trPr><w:tc/></w:tr>'
        "<w:tr><w:tc/></w:tr><w:tr><w:trPr /><w:tc/></w:tr></w:tbl>"
    )
    out = keep_rows_whole(xml)
    assert out == (
        '<w:tbl><w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="on" /></w:trPr><w:tc/></w:tr>'
        "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr>"
        "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr></w:tbl>"
    )
    assert keep_rows_whole(out) == out


@pytest.mark.parametrize("case", ["complet", "hostile", "partiel"])
def test_table_rows_never_split_across_pages(exported: dict[str, Path], case: str) -> None:
    """Every row carries cantSplit; header rows keep repeating on each page."""
    import re

    for doc_id in DOCUMENT_IDS:
        with zipfile.ZipFile(exported[case] / f"{doc_id}.docx") as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        rows = re.findall(r"<w:tr>(.*?)</w:tr>", xml, flags=re.S)
        assert rows, (case, doc_id)
        assert all(r.startswith("<w:trPr><w:cantSplit/>") for r in rows), (case, doc_id)
        headers = [r for r in rows if "<w:tblHeader" in r]
        assert headers or case == "partiel", (case, doc_id)
        assert all(
            r.startswith('<w:trPr><w:cantSplit/><w:tblHeader w:val="on" /></w:trPr>')
            for r in headers
        ), (case, doc_id)
