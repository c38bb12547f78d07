"""Each DOCX converts to PDF with LibreOffice, with a sensible number of pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT, hostile_data, write_project
from partenariat.export import export_documents

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé : conversion PDF non testée"
)


def page_count(pdf: Path) -> int:
    """Count pages without a PDF library: pdfinfo when present, else the page objects."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
        match = re.search(r"^Pages:\s+(\d+)", out, flags=re.M)
        assert match
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def to_pdf(docx_files: list[Path], folder: Path) -> None:
    profile = folder / "lo-profile"
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )


@pytest.mark.parametrize(
    ("case", "limits"),
    [
        (
            "complet",
            {
                "document-de-cadrage": (4, 12),
                "checklist-convention": (8, 25),
                # the timeline picture and every dated event (payments, actions, legal deadlines)
                "plan-de-suivi": (3, 10),
            },
        ),
        # the 20 000-character unbroken word sits in a narrow column: many pages, but one table
        (
            "hostile",
            {
                "document-de-cadrage": (6, 70),
                "checklist-convention": (8, 40),
                "plan-de-suivi": (2, 12),
            },
        ),
    ],
)
def test_pdf_pages(tmp_path: Path, case: str, limits: dict[str, tuple[int, int]]) -> None:
    project = FULL_PROJECT if case == "complet" else write_project(tmp_path, hostile_data())
    result = export_documents(project, tmp_path / "out", formats=["docx"])
    to_pdf(result.files, tmp_path / "out")
    for doc_id in DOCUMENT_IDS:
        pages = page_count(tmp_path / "out" / f"{doc_id}.pdf")
        low, high = limits[doc_id]
        assert low <= pages <= high, (case, doc_id, pages)
