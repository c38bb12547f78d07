"""Redraw docs/apercu-*.png, the first page of each document shown in the README.

Run from the repository root (needs LibreOffice and poppler's pdftoppm):

    python tools/make_readme_pictures.py

Exports the « mécénat de compétences » example as PDF, then draws page 1 of each document at
40 dpi: small enough to commit, large enough to see the layout. docs/ is not in the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"


def main() -> int:
    from partenariat.export import DOCUMENT_IDS, export_documents

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm absent : installez poppler-utils", file=sys.stderr)
        return 1
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        export_documents(EXAMPLE, Path(tmp), formats=["pdf"])
        for doc_id in DOCUMENT_IDS:
            target = DOCS / f"apercu-{doc_id}"
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "40",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(Path(tmp) / f"{doc_id}.pdf"),
                    str(target),
                ],
                check=True,
            )
            print(f"écrit : {target.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
