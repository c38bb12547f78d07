"""Export timings against a same-run baseline (a bare pandoc conversion of the same Markdown).

Run:  python benchmarks/bench_export.py [PROJECT] [--runs N] [--before DIR]

``--before DIR``: the export command of another source tree (e.g. ``git archive main src
questionnaires templates compiled_templates`` unpacked) is timed in the same rounds, for a
before/after. The machines are shared and noisy: the fresh-process commands are run alternately
with the pandoc baseline, round after round, and medians are compared. The last table splits one
fresh export command into its phases (what to cut next). The order of the jobs turns from one
round to the next, so that none always follows the same one. Prints absolute times and ratios;
asserts nothing about time (machines differ).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from baselines import ENV

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
# A typer application as small as can be, running one command typed as export's first two
# options are: what typer itself costs such a command (baselines.MINIMAL_TYPER runs status).
MINIMAL_TYPER = '''
import typer
app = typer.Typer(add_completion=False)
@app.command()
def export(project: str = "partenariat.yaml", force: bool = False) -> None:
    """Minimal command."""
    typer.echo(project)
@app.command()
def other() -> None:
    """Second command, so that typer builds a group as partenariat does."""
app()
'''

# One export command in a fresh process, each phase timed (the functions export_documents calls
# are wrapped where it imports them from; the CLI's own work is what remains around them).
PHASES = r"""
import functools, sys, time
start = time.perf_counter()
times = {}
def timed(module, name, label):
    func = getattr(module, name)
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + time.perf_counter() - t
    setattr(module, name, wrapper)
import typer
times["python + import typer"] = time.perf_counter() - start
from partenariat import cli
def body_started():
    times["typer: parse and coerce options"] = time.perf_counter() - start - sum(times.values())
for command in cli.app.registered_commands:
    if command.callback.__name__ == "export":
        callback = command.callback
        def export(*args, __callback=callback, **kwargs):
            body_started()
            t = time.perf_counter()
            import partenariat.export as E, partenariat.render as R, partenariat.analysis as A
            import partenariat.project as P, partenariat.questionnaire as Q
            import partenariat.content_checks as C, partenariat.answers as S
            times["imports of the export path"] = time.perf_counter() - t
            timed(P, "load_project", "load_project")
            timed(Q, "load_questionnaires", "load_questionnaires (JSON cache)")
            timed(C, "check_content", "check_content")
            timed(S, "verify", "verify")
            timed(A, "analyse", "analyse (answers context)")
            timed(R, "build_render_context", "build_render_context (findings, ranking, calendar)")
            timed(R, "render_document", "render_document x 3")
            timed(E, "export_documents", "export_documents (all of the above, writing, manifest)")
            return __callback(*args, **kwargs)
        functools.update_wrapper(export, callback)  # typer reads the options from its signature
        command.callback = export
code = cli.main(sys.argv[1:])
total = time.perf_counter() - start
inner = [k for k in times if k.startswith(("load_", "check_", "verify", "analyse", "build_", "render_"))]
times["export_documents: writing, manifest, the rest"] = times.pop(
    "export_documents (all of the above, writing, manifest)") - sum(times[k] for k in inner)
times["CLI after typer: console, spinner, report"] = total - sum(times.values())
for label, value in times.items():
    print(f"{value * 1000:8.1f}|{label}", file=sys.stderr)
print(f"{total * 1000:8.1f}|total (after the interpreter's own start)", file=sys.stderr)
sys.exit(code)
"""


def best_of(func: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def run(cmd: list[str], env: dict[str, str] | None = None) -> Callable[[], object]:
    return lambda: subprocess.run(cmd, check=True, capture_output=True, env=env or ENV)


def phases(cmd: list[str], runs: int) -> None:
    """Median of each phase of the export command over ``runs`` fresh processes."""
    samples: dict[str, list[float]] = {}
    walls: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PHASES, *cmd], capture_output=True, text=True, env=ENV
        )
        walls.append((time.perf_counter() - start) * 1000)
        for line in done.stderr.splitlines():
            value, _, label = line.partition("|")
            try:
                number = float(value)
            except ValueError:
                continue
            samples.setdefault(label, []).append(number)
    print(f"phases of one export command (medians of {runs} fresh processes, ms):")
    for label, values in samples.items():
        print(f"  {statistics.median(values):8.1f}  {label}")
    totals = samples.get("total (after the interpreter's own start)")
    if totals:
        wall = statistics.median(walls)
        print(f"  {wall:8.1f}  wall time of the process")
        rest = wall - statistics.median(totals)
        print(f"  {rest:8.1f}  of which the interpreter's start and exit (wall - total)")


def main() -> int:
    import pypandoc

    from partenariat.export import export_documents

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", default=DEFAULT_PROJECT)
    parser.add_argument("--runs", type=int, default=9, help="rounds of the fresh-process timings")
    parser.add_argument("--before", type=Path, help="another source tree, timed alike")
    args = parser.parse_args()
    project = args.project
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        export_documents(project, out / "warm", formats=["md"])  # imports, caches
        markdown = (out / "warm" / "document-de-cadrage.md").read_text(encoding="utf-8")

        def pandoc() -> None:
            pypandoc.convert_text(
                markdown, "docx", format="markdown", outputfile=str(out / "base.docx")
            )

        md_time = best_of(lambda: export_documents(project, out / "md", formats=["md"], force=True))
        all_time = best_of(
            lambda: export_documents(
                project, out / "all", formats=["md", "docx", "odt", "html"], force=True
            )
        )
        # What a user waits for: a fresh process (imports, loading, no template compiled yet).
        args_cli = ["export", "--project", str(project), "--force", "--output"]
        cli = [sys.executable, "-m", "partenariat", *args_cli, str(out / "cli")]
        # The same command with the shipped compiled templates set aside: Jinja compiles them in
        # the process, as every export did before compiled_templates/ (the figure before/after).
        uncompiled = [sys.executable, "-c", COMPILING, *args_cli, str(out / "cli2")]
        minimal = out / "minimal_typer.py"
        minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
        typer_app = [sys.executable, str(minimal), "export", "--project", str(project), "--force"]
        jobs: dict[str, Callable[[], object]] = {
            "base": pandoc,
            "cli": run(cli),
            "uncompiled": run(uncompiled),
            "typer": run(typer_app),
        }
        if args.before is not None:
            old_env = {**ENV, "PYTHONPATH": str(args.before / "src")}
            jobs["before"] = run(
                [sys.executable, "-m", "partenariat", *args_cli, str(out / "cli3")], old_env
            )
        for job in jobs.values():  # warm the file cache, write the bytecode and the caches
            job()
        samples: dict[str, list[float]] = {name: [] for name in jobs}
        names = list(jobs)
        for round_ in range(args.runs):
            # Each round starts with the next job: a command that always ran right after the
            # pandoc baseline (its memory, its caches) or after a light one would be favoured.
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(timed(jobs[name]))
        median = {name: statistics.median(values) for name, values in samples.items()}

        baseline = median["base"]
        ratio_md, ratio_all = md_time / baseline, all_time / baseline
        print(
            f"{args.runs} rounds, medians; python {sys.version.split()[0]}, {os.cpu_count()} cores"
        )
        print(f"base : une conversion pandoc Markdown → DOCX  {baseline * 1000:8.1f} ms")
        print(
            f"export Markdown (3 documents, même processus)  {md_time * 1000:8.1f} ms  "
            f"ratio {ratio_md:5.2f}"
        )
        print(
            f"export Markdown, commande (processus neuf) {median['cli'] * 1000:8.1f} ms  "
            f"ratio {median['cli'] / baseline:5.2f}"
        )
        print(
            f"  même commande, modèles compilés à l'exécution {median['uncompiled'] * 1000:8.1f} ms  "
            f"ratio {median['uncompiled'] / baseline:5.2f}  (avant compiled_templates/)"
        )
        if "before" in median:
            print(
                f"  même commande, arbre --before {median['before'] * 1000:8.1f} ms  "
                f"ratio {median['before'] / baseline:5.2f}"
            )
        print(
            f"  application typer minimale, une commande typée {median['typer'] * 1000:8.1f} ms  "
            f"ratio {median['typer'] / baseline:5.2f}  (ce que coûte typer seul)"
        )
        print(
            f"export tous formats (md/docx/odt/html) {all_time * 1000:8.1f} ms  "
            f"ratio {ratio_all:5.2f}"
        )
        print("(ratios par rapport à la base ; « tous formats » : 9 conversions pandoc sur 2 fils)")
        print("objectif : export Markdown, commande <= 2 x la base")
        phases([*args_cli, str(out / "phases")], args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
