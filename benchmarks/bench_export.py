"""Export timings against a same-run baseline (a bare pandoc conversion of the same Markdown).

Run:  python benchmarks/bench_export.py [PROJECT] [--before DIR]

``--before DIR``: the export command of another source tree (e.g. ``git archive main src
questionnaires templates`` unpacked) is timed in the same run, for a before/after.
Prints absolute times and ratios; asserts nothing about time (machines differ).
"""

from __future__ import annotations

import argparse
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
# ``partenariat`` run with the compiled templates ignored (templates compiled at run time).
COMPILING = (
    "import sys; import partenariat.precompiled as p; p.compiled_dir = lambda templates: None; "
    "from partenariat.cli import main; sys.argv[0] = 'partenariat'; sys.exit(main())"
)
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

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", default=DEFAULT_PROJECT)
    parser.add_argument("--before", type=Path, help="another source tree, timed alike")
    args = parser.parse_args()
    project = args.project
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
        # The same command with the shipped compiled templates set aside: Jinja compiles them in
        # the process, as every export did before compiled_templates/ (the figure before/after).
        uncompiled = [sys.executable, "-c", COMPILING, *cli[3:]]
        uncompiled_time = best_of(
            lambda: subprocess.run(
                [*uncompiled, "--output", str(out / "cli2")],
                check=True,
                capture_output=True,
                env=ENV,
            )
        )
        before_time = None
        if args.before is not None:
            old_env = {**ENV, "PYTHONPATH": str(args.before / "src")}
            before_time = best_of(
                lambda: subprocess.run(
                    [*cli, "--output", str(out / "cli3")],
                    check=True,
                    capture_output=True,
                    env=old_env,
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
        f"  même commande, modèles compilés à l'exécution {uncompiled_time * 1000:8.1f} ms  "
        f"ratio {uncompiled_time / baseline:5.2f}  (avant compiled_templates/)"
    )
    if before_time is not None:
        print(
            f"  même commande, arbre --before {before_time * 1000:8.1f} ms  "
            f"ratio {before_time / baseline:5.2f}"
        )
    print(
        f"export tous formats (md/docx/odt/html) {all_time * 1000:8.1f} ms  ratio {ratio_all:5.2f}"
    )
    print("(ratios par rapport à la base ; « tous formats » : 9 conversions pandoc sur 2 fils)")
    print("objectif : export Markdown, commande <= 2 x la base")
    return 0


if __name__ == "__main__":
    sys.exit(main())
