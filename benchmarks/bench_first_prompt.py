"""Time to the first question on screen: ``partenariat init`` against copier on a tiny template.

    python benchmarks/bench_first_prompt.py [--runs 7]

Both run in a pseudo-terminal (pexpect) and both ask through questionary / prompt_toolkit: the
clock stops when the first question's text is drawn. The two commands run alternately, the
medians are compared. copier is no dependency of partenariat: without it the comparison is
skipped and said so. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

CPR = "\x1b[6n"  # prompt_toolkit asks the terminal for the cursor position first
CPR_REPLY = "\x1b[1;1R"
ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR")},
    "TERM": "xterm-256color",
    "COLUMNS": "120",
    "LINES": "50",
}
TEMPLATE = """\
nom_du_projet:
  type: str
  help: Nom du projet
"""


def _first_question(command: list[str], cwd: Path, text: str) -> float:
    """Seconds from the start of ``command`` to ``text`` on its screen."""
    start = time.perf_counter()
    child = pexpect.spawn(
        command[0],
        command[1:],
        cwd=str(cwd),
        env=ENV,
        dimensions=(50, 120),
        encoding="utf-8",
        timeout=30,
    )
    try:
        while True:
            index = child.expect_exact([CPR, text])
            if index == 1:
                return time.perf_counter() - start
            child.send(CPR_REPLY)
    finally:
        child.terminate(force=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    copier = Path(sys.executable).parent / "copier"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        template = root / "modele"
        template.mkdir()
        (template / "copier.yml").write_text(TEMPLATE, encoding="utf-8")
        (template / "LISEZMOI.md.jinja").write_text("# {{ nom_du_projet }}\n", encoding="utf-8")
        ours_cmd = [sys.executable, "-m", "partenariat", "init"]
        copier_cmd = [str(copier), "copy", str(template), str(root / "sortie")]
        ours, theirs = [], []
        for i in range(args.runs + 1):  # the first round warms the caches and writes bytecode
            folder = root / f"projet-{i}"
            folder.mkdir()
            ours.append(_first_question(ours_cmd, folder, "Qui remplit ce projet"))
            if copier.exists():
                theirs.append(_first_question(copier_cmd, root, "Nom du projet"))
        ours, theirs = ours[1:], theirs[1:]
    m_ours = statistics.median(ours)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs (medians)")
    if not theirs:
        print(
            f"partenariat init : première question {m_ours * 1000:8.1f} ms   "
            "(copier absent : pip install copier pour comparer)"
        )
        return
    m_theirs = statistics.median(theirs)
    print(
        f"partenariat init : première question {m_ours * 1000:8.1f} ms   "
        f"copier (modèle d'une question) {m_theirs * 1000:8.1f} ms   "
        f"ratio {m_ours / m_theirs:5.2f}   (objectif : au plus 1,00)"
    )


if __name__ == "__main__":
    main()
