"""A first ``status`` / ``check`` after an edit: no kept report to replay, content caches warm.

Each run reads a copy of the example project with one more distinct YAML comment line (the
project's bytes differ, so ``report_cache`` has nothing to replay, while the questionnaires, rules
and parsed expressions are read from the per-user cache as after any first run). Runs alternate
with a minimal typer application running one typed command (what typer alone costs) and, with
``--before DIR``, with another source tree's command; medians are compared. Prints times and
ratios; asserts nothing.

    python benchmarks/bench_first_report.py [--runs 11] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
MINIMAL_TYPER = '''
import typer
app = typer.Typer(add_completion=False)
@app.command()
def status(project: str = "partenariat.yaml") -> None:
    """Minimal command."""
    typer.echo(project)
@app.command()
def other() -> None:
    """Second command, so that typer builds a group as partenariat does."""
app()
'''


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--before", type=Path, help="another source tree, timed alike")
    args = parser.parse_args()
    envs = {"now": ENV}
    if args.before is not None:
        envs["before"] = {**ENV, "PYTHONPATH": str(args.before / "src")}
    text = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        minimal = folder / "minimal_typer.py"
        minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
        baseline = [sys.executable, str(minimal), "status"]
        counter = 0

        def fresh_copy() -> Path:
            nonlocal counter
            counter += 1
            path = folder / f"p{counter}" / "partenariat.yaml"
            path.parent.mkdir()
            path.write_text(f"{text}# édition {counter}\n", encoding="utf-8")
            return path

        print(f"{args.runs} runs each, medians; python {sys.version.split()[0]}, {os.cpu_count()} cores")
        for command in ("status", "check"):
            samples: dict[str, list[float]] = {name: [] for name in [*envs, "typer"]}
            for env in envs.values():  # warm: bytecode, content caches of each tree
                _time([sys.executable, "-m", "partenariat", command, "-p", str(fresh_copy())], env)
            for _ in range(args.runs):
                samples["typer"].append(_time(baseline, ENV))
                for name, env in envs.items():
                    cmd = [sys.executable, "-m", "partenariat", command, "-p", str(fresh_copy())]
                    samples[name].append(_time(cmd, env))
            base = statistics.median(samples["typer"])
            line = f"first {command:<6} (edited project) "
            for name in envs:
                value = statistics.median(samples[name])
                line += f"  {name}: {value * 1000:6.1f} ms ({value / base:4.2f} x typer app)"
            print(line + f"   typer app: {base * 1000:6.1f} ms")
    print("aim (issue 12): status, check <= 1.3 x a minimal typer app")


if __name__ == "__main__":
    main()
