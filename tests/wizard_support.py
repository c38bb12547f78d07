"""Shared helpers for the wizard-foundation tests: a read-only folder, small questionnaires."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE_ENTREPRISE = EXAMPLES / "mecenat-competences" / "partenariat.yaml"
EXAMPLE_ASSOCIATION = EXAMPLES / "cooperation-insertion" / "partenariat.yaml"


def _blocked(folder: Path) -> bool:
    probe = folder / ".probe-ecriture"
    try:
        probe.write_text("x", encoding="utf-8")
    except OSError:
        return True
    probe.unlink()
    return False


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new files: chmod 555, or (as root, where chmod does not bind)
    the immutable attribute; skip the test when neither works here."""
    mode = folder.stat().st_mode
    undo: list[str] = []
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        undo.append("chmod")
    elif shutil.which("chattr"):
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        if done.returncode == 0:
            undo.append("chattr")
    try:
        if not undo or not _blocked(folder):
            pytest.skip(
                "cannot make a folder read-only here (running as root without a working "
                "`chattr +i`: chmod 555 does not stop root)"
            )
        yield
    finally:
        if "chattr" in undo:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        if "chmod" in undo:
            os.chmod(folder, mode)


def run_cli(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real installed program, as a user would run it (no terminal attached)."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-m", "partenariat", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin if stdin is not None else "",
        env=env,
        timeout=60,
        check=False,
    )


def write_questionnaire(folder: Path, etape: int, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = (
        f"etape: {etape}\ntitre: Étape d'essai {etape}\nobjet: Objet de l'essai.\n"
        "a_retenir: Retenir ceci.\nsource: Essai\nquestions:\n"
    )
    (folder / f"etape-{etape}-essai.yaml").write_text(head + body, encoding="utf-8")
