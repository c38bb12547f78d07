"""The example projects: complete, flagged by the rules, and their committed documents up to date.

examples/<name>/documents holds what `partenariat export` writes for each example (Markdown and
DOCX). A template change that is not re-exported fails here, with the command that regenerates
the files.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from docs_support import DOCUMENT_IDS
from partenariat.export import MANIFEST, _sha256, export_documents
from partenariat.render import markdown_escape

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/partenariat.yaml"))


def regenerate_hint(name: str) -> str:
    return (
        f"Les documents de l'exemple « {name} » ne correspondent plus à un nouvel export. "
        "Régénérez-les avec : "
        f"partenariat export --project examples/{name}/partenariat.yaml "
        f"--output examples/{name}/documents --format docx --force "
        "(ou, pour tous les exemples : python tools/regenerate_examples.py)"
    )


def zip_content(path: Path) -> list[tuple[str, tuple[int, ...], int, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [
            (i.filename, i.date_time, i.compress_type, archive.read(i)) for i in archive.infolist()
        ]


def test_there_are_examples() -> None:
    assert NAMES == [
        "cooperation-insertion",
        "mecenat-competences",
        "mecenat-competences-association",
        "mecenat-pur",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_committed_documents_match_a_fresh_export(name: str, tmp_path: Path) -> None:
    hint = regenerate_hint(name)
    committed_dir = EXAMPLES / name / "documents"
    assert committed_dir.is_dir(), hint
    export_documents(EXAMPLES / name / "partenariat.yaml", tmp_path, formats=("md", "docx"))
    fresh = {p.name: p for p in tmp_path.iterdir() if p.is_file()}
    committed = {p.name: p for p in committed_dir.iterdir() if p.is_file()}
    expected = {f"{d}.{ext}" for d in DOCUMENT_IDS for ext in ("md", "docx")} | {MANIFEST}
    assert set(fresh) == expected
    assert set(committed) == expected, hint
    for file_name in sorted(expected - {MANIFEST}):
        new, old = fresh[file_name].read_bytes(), committed[file_name].read_bytes()
        if new == old:
            continue
        # Deflate output may differ between zlib builds: then the archives must still hold the
        # same entries, in the same order, with the same dates and the same content.
        assert file_name.endswith(".docx"), f"{file_name} : {hint}"
        assert zip_content(fresh[file_name]) == zip_content(committed[file_name]), (
            f"{file_name} : {hint}"
        )
    # The committed manifest describes the committed files, so that re-exporting over them
    # without --force is not taken for a conflict.
    manifest = json.loads(committed[MANIFEST].read_text(encoding="utf-8"))
    assert manifest["fichiers"] == {
        f: _sha256(committed[f]) for f in sorted(expected - {MANIFEST})
    }, hint


@pytest.mark.parametrize("name", NAMES)
def test_example_is_complete_and_flagged(name: str) -> None:
    """All seven steps done, and the rules raise a point the document de cadrage shows."""
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.rules import evaluate

    project = load_project(EXAMPLES / name / "partenariat.yaml")
    statuses = {n: project.etapes[str(n)].statut for n in range(1, 8) if str(n) in project.etapes}
    assert statuses == {n: "terminee" for n in range(1, 8)}
    findings = evaluate(project, load_questionnaires())
    # the shared document lists the blocking points and warnings (advice stays in `check`)
    shown = [f for f in findings if f.severite in ("bloquant", "avertissement")]
    assert shown, f"{name}: aucun point bloquant ni avertissement relevé"
    cadrage = (EXAMPLES / name / "documents" / "document-de-cadrage.md").read_text(encoding="utf-8")
    assert "# 15. Points de vigilance" in cadrage, regenerate_hint(name)
    section = cadrage.split("# 15. Points de vigilance", 1)[1]
    for finding in shown:
        assert markdown_escape(finding.titre, "cell") in section, (
            f"{name}: « {finding.titre} » absent de la section Points de vigilance. "
            + regenerate_hint(name)
        )
