"""Shell completion of ``partenariat convenir``: clause ids from the catalogue, never file names."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from partenariat.clause_catalogue import load_clauses
from partenariat.completion import complete_clause


class _Ctx:
    def __init__(self, clauses: list[str]) -> None:
        self.params = {"clauses": clauses}


def test_clause_completion_lists_the_catalogue_with_titles() -> None:
    clauses = load_clauses()
    assert complete_clause(_Ctx([]), "") == [(c.id, c.titre) for c in clauses]
    assert [i for i, _ in complete_clause(_Ctx([]), "conf")] == ["confidentialite"]
    assert complete_clause(_Ctx([]), "pas_une_clause") == []


def test_clause_completion_leaves_out_the_clauses_already_typed() -> None:
    ids = [i for i, _ in complete_clause(_Ctx(["confidentialite", "parties"]), "")]
    assert "confidentialite" not in ids and "parties" not in ids
    assert "objet" in ids


def test_convenir_completes_clause_ids_in_a_real_bash(tmp_path: Path) -> None:
    """Installed as the README says, Tab after ``partenariat convenir`` offers clause ids, not the
    folder's files."""
    import pexpect

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    program = Path(sys.executable).parent / "partenariat"
    if not program.exists():
        pytest.skip("the partenariat command is not installed next to this Python")
    (tmp_path / "confidentialite-notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "objet.md").write_text("x", encoding="utf-8")
    env = {**os.environ, "PATH": f"{program.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PS1"] = "$ "
    shell = pexpect.spawn(
        bash, ["--norc", "--noprofile"], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20
    )
    shell.expect_exact("$ ")
    shell.sendline('eval "$(partenariat completion bash)"; echo pret')
    shell.expect_exact("pret")
    shell.expect_exact("$ ")
    # one clause starts with « confid »: completed in full, a file of that name is not offered
    shell.send("partenariat convenir confid\t")
    shell.expect_exact("convenir confidentialite ")
    shell.send("\x15")  # clear the line
    # several candidates: the second Tab lists clause ids, not objet.md
    shell.send("partenariat convenir obje\t\t")
    shell.expect(r"objectifs_programme\s+objet\s")
    shell.send("\x15echo fini\r")
    shell.expect_exact("fini")
    assert "objet.md" not in (shell.before or "")
    shell.send("exit\r")
    shell.expect(pexpect.EOF)
