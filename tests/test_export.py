"""Export: files written atomically, manifest, conflicts, formats, partial projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT, partial_data, write_project
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
    assert messages


def test_unknown_format_or_document(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_documents(FULL_PROJECT, tmp_path, formats=["pdf"])
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
    if not examples:
        pytest.skip("no example project bundled yet")
    results = demo(tmp_path)
    assert sorted(results) == examples
    for name, result in results.items():
        assert len(result.files) == 12, name
        assert all(p.is_file() and p.stat().st_size > 0 for p in result.files)


@pytest.mark.parametrize("name", ["cooperation-insertion", "mecenat-competences"])
def test_examples_render_in_strict_mode(name: str) -> None:
    from partenariat import render
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.resources import examples_dir

    path = examples_dir() / name / "partenariat.yaml"
    if not path.is_file():
        pytest.skip(f"example {name} not bundled")
    ctx = render.build_render_context(load_project(path), load_questionnaires(), strict=True)
    env = render.make_environment(strict=True)
    for doc_id in DOCUMENT_IDS:
        assert "None" not in render.render_document(doc_id, ctx, env).markdown
