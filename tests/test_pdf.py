"""PDF through LibreOffice: page counts, DOCX and ODT alike, properties, same bytes, failures.

The tests that render need LibreOffice (soffice) and say so when they are skipped; CI installs
it (.ci/run). The tests of what happens without it, or when it hangs, run everywhere.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT, hostile_data, write_project
from partenariat import pdf as pdf_tools
from partenariat.errors import PartenariatError
from partenariat.export import export_documents
from wizard_support import run_cli

SOFFICE = pdf_tools.find_soffice()
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé : rendu PDF non testé"
)
EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE_NAMES = ("cooperation-insertion", "mecenat-competences")


def page_count(pdf: Path) -> int:
    """Count pages without a PDF library: pdfinfo when present, else the page objects."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
        match = re.search(r"^Pages:\s+(\d+)", out, flags=re.M)
        assert match
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def render(files: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Render several documents in one LibreOffice run; keys name the PDFs (unique stems)."""
    sources = folder / "sources"
    sources.mkdir(parents=True)
    for key, path in files.items():
        shutil.copy(path, sources / f"{key}{path.suffix}")
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *sorted(str(p) for p in sources.iterdir()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {key: folder / f"{key}.pdf" for key in files}


@needs_soffice
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
    """DOCX and ODT of the same project both render, with a sensible number of pages each."""
    project = FULL_PROJECT if case == "complet" else write_project(tmp_path, hostile_data())
    result = export_documents(project, tmp_path / "out", formats=["docx", "odt"])
    pdfs = render(
        {f"{p.stem}-{p.suffix[1:]}": p for p in result.files if p.suffix != ".md"}, tmp_path
    )
    for doc_id in DOCUMENT_IDS:
        low, high = limits[doc_id]
        for fmt in ("docx", "odt"):
            pages = page_count(pdfs[f"{doc_id}-{fmt}"])
            assert low <= pages <= high, (case, doc_id, fmt, pages)


@pytest.fixture(scope="module")
def exported_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both examples exported with --format pdf (their ODT rendered by LibreOffice) and DOCX."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) n'est pas installé : rendu PDF non testé")
    base = tmp_path_factory.mktemp("pdf")
    for name in EXAMPLE_NAMES:
        export_documents(
            EXAMPLES / name / "partenariat.yaml", base / name, formats=["md", "docx", "pdf"]
        )
    return base


def header_words(markdown: str) -> set[str]:
    """The words of every table's header row (the line above a ``|---`` separator)."""
    lines = markdown.splitlines()
    words: set[str] = set()
    for above, line in itertools.pairwise(lines):
        if line.startswith("|-") and above.startswith("|"):
            words.update(w.strip("*") for w in above.replace("|", " ").split() if len(w) > 1)
    return words


def cut_words(pdf: Path, words: set[str]) -> list[str]:
    """The header words the PDF breaks over two lines (« Représenté / e par »)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) absent : texte du PDF non lu")
    text = subprocess.run(
        [pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [w for w in sorted(words) for cut in range(1, len(w)) if f"{w[:cut]}\n{w[cut:]}" in text]


@needs_soffice
def test_docx_and_odt_renderings_agree(exported_pdfs: Path, tmp_path: Path) -> None:
    """Every document of both examples: the DOCX and the ODT (the exported PDF) rendered by
    LibreOffice are within one page of each other, and neither cuts a header word."""
    docx = {
        f"{name}-{doc_id}": exported_pdfs / name / f"{doc_id}.docx"
        for name in EXAMPLE_NAMES
        for doc_id in DOCUMENT_IDS
    }
    rendered = render(docx, tmp_path)
    counts = {}
    cuts = {}
    for name in EXAMPLE_NAMES:
        for doc_id in DOCUMENT_IDS:
            from_docx = rendered[f"{name}-{doc_id}"]
            from_odt = exported_pdfs / name / f"{doc_id}.pdf"
            counts[(name, doc_id)] = (page_count(from_docx), page_count(from_odt))
            words = header_words((exported_pdfs / name / f"{doc_id}.md").read_text("utf-8"))
            assert len(words) >= 5, (name, doc_id)
            cuts[(name, doc_id)] = cut_words(from_docx, words) + cut_words(from_odt, words)
    assert all(abs(a - b) <= 1 for a, b in counts.values()), counts
    assert not any(cuts.values()), cuts


@needs_soffice
def test_pdf_properties(exported_pdfs: Path) -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo (poppler-utils) absent : propriétés du PDF non lues")
    info = subprocess.run(
        [pdfinfo, "-isodates", str(exported_pdfs / "mecenat-competences" / "plan-de-suivi.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fields = dict(re.findall(r"^(\w+):\s+(.*)$", info, flags=re.M))
    assert fields["Title"] == "Plan de suivi et d\u2019évaluation du partenariat"
    assert fields["Subject"] == (
        "Partenariat entre Castelnef Ingénierie & Numérique et Tremplin Octet"
    )
    assert fields["Keywords"] == "Castelnef Ingénierie & Numérique, Tremplin Octet"
    assert fields["Author"] == "Castelnef Ingénierie & Numérique"
    # the project's last change (2026-11-20T17:45:00+01:00), not the time of the export
    assert fields["CreationDate"].startswith("2026-11-20T16:45:00")
    assert fields["Pages"] == str(
        page_count(exported_pdfs / "mecenat-competences" / "plan-de-suivi.pdf")
    )


@needs_soffice
def test_same_project_same_pdf(exported_pdfs: Path, tmp_path: Path) -> None:
    """LibreOffice stamps the clock and a random identifier; the export rewrites both, so the
    same project gives the same pages, text and properties. (Not always the same bytes:
    LibreOffice 7.4 sometimes writes the embedded fonts' objects in another order, seen in CI.)"""
    pdfinfo, pdftotext = shutil.which("pdfinfo"), shutil.which("pdftotext")
    if pdfinfo is None or pdftotext is None:
        pytest.skip("pdfinfo / pdftotext (poppler-utils) absents : PDF non relu")
    project = EXAMPLES / "mecenat-competences" / "partenariat.yaml"
    again = export_documents(project, tmp_path, formats=["pdf"], documents=["plan-de-suivi"])
    pdf = next(p for p in again.files if p.suffix == ".pdf")
    first = exported_pdfs / "mecenat-competences" / "plan-de-suivi.pdf"

    def info(path: Path) -> list[str]:
        out = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True)
        return [line for line in out.stdout.splitlines() if not line.startswith("File size")]

    def text(path: Path) -> str:
        return subprocess.run(
            [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout

    assert info(pdf) == info(first)
    assert any(line.startswith("CreationDate:") and "2026" in line for line in info(pdf))
    assert text(pdf) == text(first)
    assert abs(len(pdf.read_bytes()) - len(first.read_bytes())) < 64


def test_normalise_pdf_keeps_offsets_and_is_stable() -> None:
    head = b"%PDF-1.6\n1 0 obj\n<</CreationDate(D:20261201152154Z')>>\nendobj\n"
    trailer = (
        b"trailer\n<</Size 2/ID [ <689B48AB7FDEE456DFDB017913A33E4D>\n"
        b"<689B48AB7FDEE456DFDB017913A33E4D> ]\n/DocChecksum /236ED18D87AF38D205D6ED162CDB8DE7\n>>\n"
        b"startxref\n0\n%%EOF\n"
    )
    other = trailer.replace(b"689B48AB", b"12345678").replace(b"236ED18D", b"ABCDEF01")
    import datetime as dt

    date = dt.datetime(2026, 11, 20, 17, 45, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    one = pdf_tools.normalise_pdf(head + trailer, date)
    two = pdf_tools.normalise_pdf(head.replace(b"152154", b"093000") + other, date)
    assert one == two and len(one) == len(head + trailer)
    assert b"/CreationDate(D:20261120164500Z')" in one
    assert b"689B48AB" not in one


def _fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in for a LibreOffice that hangs or fails: a real one cannot be made to on demand."""
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


@pytest.mark.skipif(os.name == "nt", reason="stand-in LibreOffice written as a shell script")
@pytest.mark.parametrize(
    ("body", "expected"),
    [("sleep 300", "n'a pas abouti en 3 secondes"), ("exit 1", "a échoué")],
)
def test_hanging_or_failing_libreoffice_names_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    fake = _fake_soffice(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(pdf_tools, "PDF_TIMEOUT_START", 2)
    monkeypatch.setattr(pdf_tools, "PDF_TIMEOUT_PER_DOCUMENT", 1)
    out = tmp_path / "out"
    with pytest.raises(PartenariatError) as info:
        export_documents(FULL_PROJECT, out, formats=["docx", "pdf"], documents=["plan-de-suivi"])
    message = info.value.message
    assert "« Plan de suivi et d'évaluation du partenariat »" in message
    assert expected in message
    # no PDF, no temporary file; the DOCX is written and listed
    assert sorted(p.name for p in out.iterdir()) == [
        ".partenariat-export.json",
        "plan-de-suivi.docx",
    ]
    assert str(out / "plan-de-suivi.docx") in message


def test_without_libreoffice_the_message_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice hidden from PATH: the other formats are written, a French message, code 1."""
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "out"
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli(
        "export",
        "--project",
        str(FULL_PROJECT),
        "--output",
        str(out),
        "--format",
        "docx,pdf",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    err = " ".join(result.stderr.split())  # the console wraps long lines
    assert "LibreOffice n'est pas installé : les PDF n'ont pas été produits." in err
    assert "sudo apt-get install libreoffice-writer" in err
    assert "Les autres formats demandés ont été écrits" in err
    assert "Traceback" not in result.stderr
    for doc_id in DOCUMENT_IDS:
        assert (out / f"{doc_id}.docx").is_file() and (out / f"{doc_id}.md").is_file()
        assert str(out / f"{doc_id}.docx") in err
        assert not (out / f"{doc_id}.pdf").exists()
