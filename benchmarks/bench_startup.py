"""Start-up and autosave benchmarks, as ratios against baselines measured in the same run.

The machines are shared and noisy: each command is run alternately with its baseline, several
times, and the medians are compared. Nothing here asserts a time; it prints what it measured.

    python benchmarks/bench_startup.py [--runs 15]
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


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _compare(label: str, cmd: list[str], baseline: list[str], runs: int) -> None:
    ours, base = [], []
    _time(cmd), _time(baseline)  # warm the file cache
    for _ in range(runs):
        ours.append(_time(cmd))
        base.append(_time(baseline))
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(
        f"{label:<34} {m_ours * 1000:8.1f} ms   baseline {m_base * 1000:8.1f} ms   ratio {m_ours / m_base:5.2f}"
    )


def _autosave(runs: int) -> None:
    from partenariat.project import ProjectStore, atomic_write, dump_project, load_project

    project = load_project(EXAMPLE)
    text = dump_project(project).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "partenariat.yaml"
        path.write_bytes(text)
        store = ProjectStore(path, project, text.decode("utf-8"))
        saves, raw = [], []
        for i in range(runs):
            project.step(1).reponses["enjeux"] = f"réponse {i}"
            start = time.perf_counter()
            store.save()
            saves.append(time.perf_counter() - start)
            start = time.perf_counter()
            atomic_write(Path(tmp) / "raw.yaml", text)
            raw.append(time.perf_counter() - start)
    m_save, m_raw = statistics.median(saves), statistics.median(raw)
    print(
        f"{'autosave of a full project':<34} {m_save * 1000:8.1f} ms   "
        f"baseline {m_raw * 1000:8.1f} ms   ratio {m_save / m_raw:5.2f}"
        "   (baseline: one atomic write of the same bytes; the save also writes the backup)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_typer.py"
        minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
        py = sys.executable
        env_cmd = [py, "-m", "partenariat"]
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each (medians)"
        )
        _compare(
            "partenariat --help", [*env_cmd, "--help"], [py, str(minimal), "--help"], args.runs
        )
        _compare(
            "partenariat status (full example)",
            [*env_cmd, "status", "--project", str(EXAMPLE)],
            [py, str(minimal), "status"],
            args.runs,
        )
    _autosave(max(args.runs, 20))


if __name__ == "__main__":
    main()
