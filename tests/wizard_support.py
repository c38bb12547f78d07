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


def run_cli(
    *args: str, cwd: Path, stdin: str | None = None, real: bool = False
) -> subprocess.CompletedProcess[str]:
    """The program as a user runs it, no terminal attached: ``cli.main`` called in this process
    (its return value is the exit code), or with ``real`` the installed program in a subprocess
    (for what only a separate process shows: locks held by another process, the entry point).

    ``PARTENARIAT_TESTS_SUBPROCESS=1`` runs every call in a subprocess, as the suite once did:
    the same tests, to measure what running them in-process saves (README, Développement)."""
    if real or os.environ.get("PARTENARIAT_TESTS_SUBPROCESS") == "1":
        env = {**os.environ, **CLI_ENV}
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
    return _in_process(list(args), cwd, stdin or "")


CLI_ENV = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}


def _in_process(args: list[str], cwd: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    import io

    from partenariat.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = {name: os.environ.get(name) for name in CLI_ENV}
    saved_cwd, saved_stdin = Path.cwd(), sys.stdin
    os.environ.update(CLI_ENV)
    try:
        os.chdir(cwd)
        sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["partenariat", *args], code, out.getvalue(), err.getvalue())


def write_questionnaire(folder: Path, etape: int, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = (
        f"etape: {etape}\ntitre: Étape d'essai {etape}\nobjet: Objet de l'essai.\n"
        "a_retenir: Retenir ceci.\nsource: Essai\nquestions:\n"
    )
    (folder / f"etape-{etape}-essai.yaml").write_text(head + body, encoding="utf-8")
