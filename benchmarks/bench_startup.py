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
from collections.abc import Callable
from pathlib import Path

from baselines import ENV, MINIMAL_TYPER

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"


def _time(
    cmd: list[str], env: dict[str, str] | None = None, prepare: Callable[[], None] | None = None
) -> float:
    if prepare is not None:
        prepare()
    start = time.perf_counter()
    subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV
    )
    return time.perf_counter() - start


def _before_env(before: Path | None) -> dict[str, str] | None:
    """The environment that runs another source tree's partenariat (``--before``), or None."""
    if before is None:
        return None
    return {**ENV, "PYTHONPATH": str(before / "src")}


def _compare(
    label: str,
    cmd: list[str],
    baseline: list[str],
    runs: int,
    name: str,
    before: dict[str, str] | None = None,
    prepare: Callable[[], None] | None = None,
) -> float:
    """Median time of ``cmd`` against ``baseline``, run alternately; prints both and the ratio.
    With ``before``, the same command from the other source tree is timed in the same rounds."""
    ours, base, old = [], [], []
    _time(cmd, prepare=prepare), _time(baseline)  # warm the file cache (and write the bytecode)
    if before is not None:
        _time(cmd, before, prepare)
    for _ in range(runs):
        ours.append(_time(cmd, prepare=prepare))
        base.append(_time(baseline))
        if before is not None:
            old.append(_time(cmd, before, prepare))
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    line = (
        f"{label:<44} {m_ours * 1000:8.1f} ms   {name:<14} {m_base * 1000:8.1f} ms   "
        f"ratio {m_ours / m_base:5.2f}"
    )
    if old:
        m_old = statistics.median(old)
        line += f"   (before: {m_old * 1000:6.1f} ms, ratio {m_old / m_base:5.2f})"
    print(line)
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
        f"{'autosave of a full project':<44} {m_save * 1000:8.1f} ms   "
        f"baseline {m_raw * 1000:8.1f} ms   ratio {m_save / m_raw:5.2f}"
        "   (baseline: one atomic write of the same bytes; the save also writes the backup)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--before",
        type=Path,
        help="another source tree (e.g. `git archive main src questionnaires templates` "
        "unpacked) whose commands are timed in the same rounds, for a before/after",
    )
    args = parser.parse_args()
    before = _before_env(args.before)
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
            before,
        )
        # A report run again on an unchanged project is replayed (report_cache); the first one
        # after an answer changed computes everything: each run below edits a copy first.
        changed = Path(tmp) / "modifie" / "partenariat.yaml"
        changed.parent.mkdir()
        changed.write_bytes(EXAMPLE.read_bytes())
        edits = iter(range(1_000_000))

        def edit() -> None:
            with changed.open("a", encoding="utf-8") as handle:
                handle.write(f"# modification {next(edits)}\n")

        commands = {
            "status": ([*env_cmd, "status", "--project", str(EXAMPLE)], None),
            "check": ([*env_cmd, "check", "--project", str(EXAMPLE)], None),
            "status, after a change": ([*env_cmd, "status", "--project", str(changed)], edit),
            "check, after a change": ([*env_cmd, "check", "--project", str(changed)], edit),
        }
        copier = _copier()
        for name, (cmd, prepare) in commands.items():
            _compare(
                f"partenariat {name}",
                cmd,
                [py, str(minimal), "status"],
                args.runs,
                typer_app,
                before,
                prepare,
            )
            if copier is not None:
                _compare(
                    f"partenariat {name}", cmd, copier, args.runs, "copier --help", prepare=prepare
                )
        if copier is None:
            print("copier --help: copier is not installed here (pip install copier), not compared")
    print(
        "aims: --help <= 0.6 x typer app; status, check <= 1.3 x typer app, <= 0.7 x copier\n"
        "(« after a change »: the first report after an answer changed, computed in full; the\n"
        "others: the same report again, replayed while the project and the code are unchanged)"
    )
    _autosave(max(args.runs, 20))


if __name__ == "__main__":
    main()
