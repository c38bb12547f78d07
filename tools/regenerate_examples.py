"""Re-export the documents of every example project into examples/<name>/documents.

Run from the repository root after changing a template, the clause catalogue or a questionnaire:

    python tools/regenerate_examples.py

For one example this is the same as
``partenariat export --project examples/<name>/partenariat.yaml --output examples/<name>/documents
--format docx --force`` (Markdown and DOCX). tests/test_examples.py fails until the committed
documents match a fresh export.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FORMATS = ("md", "docx")


def regenerate(examples: Path = EXAMPLES) -> list[Path]:
    """Export every example; files left over from an older export are removed first."""
    from partenariat.export import MANIFEST, export_documents

    written: list[Path] = []
    for project in sorted(examples.glob("*/partenariat.yaml")):
        output = project.parent / "documents"
        if output.is_dir():
            for old in output.iterdir():
                if old.is_file() and (old.suffix in (".md", ".docx") or old.name == MANIFEST):
                    old.unlink()
        result = export_documents(project, output, formats=FORMATS, force=True)
        written.extend(result.files)
    return written


def main() -> int:
    written = regenerate()
    for path in written:
        print(f"écrit : {path.relative_to(ROOT)}")
    if not written:
        print(f"Aucun projet d'exemple dans {EXAMPLES}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
