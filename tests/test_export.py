"""Export: files written atomically, manifest, conflicts, formats, partial projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT, load_data, partial_data, write_project
from partenariat.analysis import analyse
from partenariat.errors import ExportConflictError, PartenariatError, UsageError
from partenariat.export import MANIFEST, export_documents


def test_markdown_export_is_byte_identical(tmp_path: Path) -> None:
    first = export_documents(FULL_PROJECT, tmp_path / "a")
    second = export_documents(FULL_PROJECT, tmp_path / "b")
    assert [p.name for p in first.files] == [f"{d}.md" for d in DOCUMENT_IDS]
    for a, b in zip(first.files, second.files, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert first.missing == {d: [] for d in DOCUMENT_IDS}


def test_reexport_same_folder_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_documents(FULL_PROJECT, out)
    before = (out / "plan-de-suivi.md").read_bytes()
    export_documents(FULL_PROJECT, out)  # unchanged files: no conflict
    assert (out / "plan-de-suivi.md").read_bytes() == before
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["fichiers"]) == {f"{d}.md" for d in DOCUMENT_IDS}
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or ".tmp." in p.name]


def test_refuses_to_overwrite_edited_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_documents(FULL_PROJECT, out)
    edited = out / "document-de-cadrage.md"
    edited.write_text("mes notes", encoding="utf-8")
    with pytest.raises(ExportConflictError) as info:
        export_documents(FULL_PROJECT, out)
    assert isinstance(info.value, PartenariatError)
    assert "document-de-cadrage.md" in info.value.message
    assert edited.read_text(encoding="utf-8") == "mes notes"
    export_documents(FULL_PROJECT, out, force=True)
    assert edited.read_text(encoding="utf-8").startswith("---")


def test_refuses_foreign_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "plan-de-suivi.md").write_text("autre chose", encoding="utf-8")
    with pytest.raises(ExportConflictError):
        export_documents(FULL_PROJECT, out, documents=["plan-de-suivi"])


def test_all_formats_and_progress(tmp_path: Path) -> None:
    messages: list[str] = []
    result = export_documents(
        FULL_PROJECT,
        tmp_path,
        formats=["md", "docx", "odt", "html"],
        documents=["plan-de-suivi"],
        progress=messages.append,
    )
    assert sorted(p.suffix for p in result.files) == [".docx", ".html", ".md", ".odt"]
    for path in result.files:
        assert path.stat().st_size > 1000
    html = (tmp_path / "plan-de-suivi.html").read_text(encoding="utf-8")
    assert "<html" in html and 'lang="fr-FR"' in html and "<style>" in html
    # the progress callback hears each stage, in order, and each file written
    assert messages[0] == "Rédaction : plan-de-suivi"
    converting = messages.index("Conversion : 3 fichier(s)")
    written = [m for m in messages if m.startswith("Écrit : ")]
    assert sorted(written) == sorted(f"Écrit : {p}" for p in result.files)
    assert messages.index(written[0]) > converting


def test_unknown_format_or_document(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_documents(FULL_PROJECT, tmp_path, formats=["rtf"])
    with pytest.raises(UsageError):
        export_documents(FULL_PROJECT, tmp_path, documents=["contrat"])
    with pytest.raises(UsageError):
        export_documents(
            FULL_PROJECT, tmp_path, formats=["docx"], reference_doc=tmp_path / "absent.docx"
        )


def test_partial_project_exports_with_markers(tmp_path: Path) -> None:
    project = write_project(tmp_path, partial_data())
    result = export_documents(project, tmp_path / "out", formats=["md", "docx"])
    assert len(result.files) == 6
    for doc_id in DOCUMENT_IDS:
        assert result.missing[doc_id], doc_id
        text = (tmp_path / "out" / f"{doc_id}.md").read_text(encoding="utf-8")
        assert "**À compléter**" in text


def test_hand_edited_invalid_answer_is_named_and_nothing_written(tmp_path: Path) -> None:
    data = load_data()
    data["etapes"]["4"]["reponses"]["date_debut"] = "demain"
    project = write_project(tmp_path, data)
    with pytest.raises(PartenariatError) as info:
        export_documents(project, tmp_path / "out")
    assert "date_debut" in info.value.message and "ligne" in info.value.message
    assert not (tmp_path / "out").exists()


def test_reference_doc_override(tmp_path: Path) -> None:
    from docx import Document

    ref = tmp_path / "ref.docx"
    doc = Document(str(Path(__file__).parents[1] / "templates" / "reference.docx"))
    doc.styles["Heading 1"].font.name = "Courier New"
    doc.save(str(ref))
    result = export_documents(
        FULL_PROJECT,
        tmp_path / "out",
        formats=["docx"],
        documents=["plan-de-suivi"],
        reference_doc=ref,
    )
    out = Document(str(result.files[0]))
    assert out.styles["Heading 1"].font.name == "Courier New"


def test_demo_exports_every_example(tmp_path: Path) -> None:
    from partenariat.export import demo
    from partenariat.resources import examples_dir

    examples = sorted(p.parent.name for p in examples_dir().glob("*/partenariat.yaml"))
    assert {"cooperation-insertion", "mecenat-competences"} <= set(examples)
    from partenariat.export import demo_formats
    from partenariat.pdf import find_soffice

    results = demo(tmp_path)
    assert sorted(results) == examples
    # six formats with LibreOffice (PDF), five without (the calendar is one of them)
    assert len(demo_formats()) == (6 if find_soffice() else 5)
    for name, result in results.items():
        # three documents in each document format, and the calendar
        assert len(result.files) == 3 * (len(demo_formats()) - 1) + 1, name
        assert all(p.is_file() and p.stat().st_size > 0 for p in result.files)
        assert (tmp_path / name / "calendrier.ics").is_file()


@pytest.mark.parametrize("name", ["cooperation-insertion", "mecenat-competences"])
def test_examples_render_in_strict_mode(name: str) -> None:
    from partenariat import render
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.resources import examples_dir

    path = examples_dir() / name / "partenariat.yaml"
    ctx = render.build_render_context(
        analyse(load_project(path), load_questionnaires()), strict=True
    )
    env = render.make_environment(strict=True)
    for doc_id in DOCUMENT_IDS:
        assert "None" not in render.render_document(doc_id, ctx, env).markdown


def test_every_format_is_reproducible(tmp_path: Path) -> None:
    """Same project, two exports a moment apart: the same bytes in every format."""
    import time
    import zipfile

    formats = ["md", "docx", "odt", "html", "ics"]
    first = export_documents(FULL_PROJECT, tmp_path / "a", formats=formats)
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    second = export_documents(FULL_PROJECT, tmp_path / "b", formats=formats)
    assert len(first.files) == 13
    for a, b in zip(first.files, second.files, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    # dated by the project's last change (2026-11-26T10:15:00+01:00), in UTC
    with zipfile.ZipFile(tmp_path / "a" / "plan-de-suivi.docx") as docx:
        assert docx.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in docx.infolist()} == {(2026, 11, 26, 9, 15, 0)}
        core = docx.read("docProps/core.xml").decode()
        assert core.count("2026-11-26T09:15:00Z") == 2 and "1970" not in core
    with zipfile.ZipFile(tmp_path / "a" / "plan-de-suivi.odt") as odt:
        first_entry = odt.infolist()[0]
        assert first_entry.filename == "mimetype"
        assert first_entry.compress_type == zipfile.ZIP_STORED  # ODF requires it
        assert "<dc:date>2026-11-26T09:15:00Z</dc:date>" in odt.read("meta.xml").decode()


def test_document_dates_follow_the_project(tmp_path: Path) -> None:
    import zipfile

    data = load_data()
    data["mis_a_jour"] = "2027-02-03T08:00:00+00:00"
    project = write_project(tmp_path, data)
    export_documents(project, tmp_path / "out", formats=["docx"], documents=["plan-de-suivi"])
    with zipfile.ZipFile(tmp_path / "out" / "plan-de-suivi.docx") as docx:
        assert "2027-02-03T08:00:00Z" in docx.read("docProps/core.xml").decode()


def test_pandoc_environment_pins_the_date() -> None:
    import datetime as dt

    from partenariat.convert import pandoc_environment

    paris = dt.timezone(dt.timedelta(hours=1))
    stamp = dt.datetime(2026, 11, 26, 10, 15, tzinfo=paris)
    assert pandoc_environment(stamp)["SOURCE_DATE_EPOCH"] == str(int(stamp.timestamp()))
    naive = dt.datetime(2026, 11, 26, 9, 15)  # read as UTC, whatever the machine's zone
    assert pandoc_environment(naive)["SOURCE_DATE_EPOCH"] == str(int(stamp.timestamp()))


def test_exported_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Temporary files are private (0600); the documents written must not stay so."""
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    result = export_documents(FULL_PROJECT, tmp_path, formats=["md", "docx"])
    for path in [*result.files, tmp_path / MANIFEST]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path.name
