"""Re-export the documents of every example project into examples/<name>/documents.

Run from the repository root after changing a template, the clause catalogue or a questionnaire:

    python tools/regenerate_examples.py

For one example this is the same as
``partenariat export --project examples/<name>/partenariat.yaml --output examples/<name>/documents
--format docx --force`` (Markdown and DOCX). Each example also gets the file it would send its
partner (``partenariat partage``, examples/<name>/partage.yaml), and an example that declares its
partner's example in PARTNERS gets the « Note de dialogue » in examples/<name>/dialogue.
tests/test_examples.py fails until the committed files match a fresh export.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FORMATS = ("md", "docx")
SHARED = "partage.yaml"
DIALOGUE = "dialogue"
# The two sides of one partnership: example → the partner's example whose shared file it reads.
PARTNERS = {"mecenat-competences-association": "mecenat-competences"}


def _clear(folder: Path) -> None:
    from partenariat.export import MANIFEST

    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_file() and (old.suffix in (".md", ".docx") or old.name == MANIFEST):
                old.unlink()


def write_shared(project: Path) -> Path:
    """The example's shared file, as ``partenariat partage`` writes it."""
    from partenariat import atomic
    from partenariat.answers import verify
    from partenariat.project import dump_project, load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.sharing import shared_project

    questionnaires = load_questionnaires()
    proj = load_project(project)
    verify(proj, questionnaires)
    target = project.parent / SHARED
    atomic.write(target, dump_project(shared_project(proj, questionnaires)).encode("utf-8"))
    return target


def regenerate(examples: Path = EXAMPLES) -> list[Path]:
    """Export every example; files left over from an older export are removed first."""
    from partenariat.export import export_documents

    written: list[Path] = []
    projects = sorted(examples.glob("*/partenariat.yaml"))
    for project in projects:
        written.append(write_shared(project))
    for project in projects:
        output = project.parent / "documents"
        _clear(output)
        result = export_documents(project, output, formats=FORMATS, force=True)
        written.extend(result.files)
        partner = PARTNERS.get(project.parent.name)
        if partner:
            dialogue = project.parent / DIALOGUE
            _clear(dialogue)
            result = export_documents(
                project,
                dialogue,
                formats=FORMATS,
                documents=["note-de-dialogue"],
                force=True,
                partner=examples / partner / SHARED,
            )
            written.extend(result.files)
    return written


def main() -> int:
    # The templates first: the shipped compiled templates follow an edited template (see
    # tools/compile_templates.py), and the examples are then rendered from them.
    from compile_templates import main as compile_templates

    compile_templates()
    written = regenerate()
    for path in written:
        print(f"écrit : {path.relative_to(ROOT)}")
    if not written:
        print(f"Aucun projet d'exemple dans {EXAMPLES}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
