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


# An installed wheel comes with its bytecode compiled (pip does it), and a source checkout
# writes it on first run: the commands are measured that way, even from a shell that sets
# PYTHONDONTWRITEBYTECODE (each run would then compile partenariat's 40 modules again, ~50 ms).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def _compare(label: str, cmd: list[str], baseline: list[str], runs: int, name: str) -> float:
    """Median time of ``cmd`` against ``baseline``, run alternately; prints both and the ratio."""
    ours, base = [], []
    _time(cmd), _time(baseline)  # warm the file cache (and write the bytecode)
    for _ in range(runs):
        ours.append(_time(cmd))
        base.append(_time(baseline))
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(
        f"{label:<34} {m_ours * 1000:8.1f} ms   {name:<14} {m_base * 1000:8.1f} ms   "
        f"ratio {m_ours / m_base:5.2f}"
    )
    return m_ours / m_base


def _copier() -> list[str] | None:
    """``copier --help`` when copier is installed beside this Python (it is no dependency)."""
    script = Path(sys.executable).parent / "copier"
    return [str(script), "--help"] if script.exists() else None


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
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each "
            "(medians), bytecode written and reused"
            + (
                " (PYTHONDONTWRITEBYTECODE unset for the commands)"
                if "PYTHONDONTWRITEBYTECODE" in os.environ
                else ""
            )
        )
        typer_app = "typer app"
        _compare(
            "partenariat --help",
            [*env_cmd, "--help"],
            [py, str(minimal), "--help"],
            args.runs,
            typer_app,
        )
        commands = {
            "status": [*env_cmd, "status", "--project", str(EXAMPLE)],
            "check": [*env_cmd, "check", "--project", str(EXAMPLE)],
        }
        for name, cmd in commands.items():
            _compare(
                f"partenariat {name} (full example)",
                cmd,
                [py, str(minimal), "status"],
                args.runs,
                typer_app,
            )
        copier = _copier()
        if copier is None:
            print("copier --help: copier is not installed here (pip install copier), not compared")
        else:
            for name, cmd in commands.items():
                _compare(
                    f"partenariat {name} (full example)", cmd, copier, args.runs, "copier --help"
                )
    print("aims: --help <= 0.6 x typer app; status, check <= 1.3 x typer app, <= 0.7 x copier")
    _autosave(max(args.runs, 20))


if __name__ == "__main__":
    main()
