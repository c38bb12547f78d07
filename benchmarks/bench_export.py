"""Export timings against a same-run baseline (a bare pandoc conversion of the same Markdown).

Run:  python benchmarks/bench_export.py [PROJECT]
Prints absolute times and ratios; asserts nothing about time (machines differ).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PROJECT = ROOT / "tests" / "data" / "projet-complet.yaml"
REPEAT = 3
# The command runs as from an installed wheel, whose bytecode pip compiled: even from a shell that
# sets PYTHONDONTWRITEBYTECODE (each run would then compile partenariat's modules again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_of(func, repeat: int = REPEAT) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    import pypandoc

    from partenariat.export import export_documents

    project = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PROJECT
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        export_documents(project, out / "warm", formats=["md"])  # imports, caches
        markdown = (out / "warm" / "document-de-cadrage.md").read_text(encoding="utf-8")

        baseline = best_of(
            lambda: pypandoc.convert_text(
                markdown, "docx", format="markdown", outputfile=str(out / "base.docx")
            )
        )
        md_time = best_of(lambda: export_documents(project, out / "md", formats=["md"], force=True))
        # What a user waits for: a fresh process (imports, loading, no template compiled yet).
        cli = [sys.executable, "-m", "partenariat", "export", "--project", str(project), "--force"]
        cli_time = best_of(
            lambda: subprocess.run(
                [*cli, "--output", str(out / "cli")], check=True, capture_output=True, env=ENV
            )
        )
        all_time = best_of(
            lambda: export_documents(
                project, out / "all", formats=["md", "docx", "odt", "html"], force=True
            )
        )

    ratio_md, ratio_all = md_time / baseline, all_time / baseline
    print(f"base : une conversion pandoc Markdown → DOCX  {baseline * 1000:8.1f} ms")
    print(f"export Markdown (3 documents)        {md_time * 1000:8.1f} ms  ratio {ratio_md:5.2f}")
    print(
        f"export Markdown, commande (processus neuf) {cli_time * 1000:8.1f} ms  "
        f"ratio {cli_time / baseline:5.2f}"
    )
    print(
        f"export tous formats (md/docx/odt/html) {all_time * 1000:8.1f} ms  ratio {ratio_all:5.2f}"
    )
    print("(ratios par rapport à la base ; « tous formats » : 9 conversions pandoc sur 2 fils)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
