"""tests/BAD_INPUTS.md lists the bad inputs the suite covers: at least a hundred, and every test it
cites exists (a renamed or deleted test would otherwise leave the list promising what nobody
checks)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
LIST = TESTS / "BAD_INPUTS.md"
REFERENCE = re.compile(r"`([^`]+)`")


def _rows() -> list[list[str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[0] != "Saisie incorrecte":
                rows.append(cells)
    return rows


def _tests_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def _references(cell: str) -> list[tuple[str, str, str | None]]:
    """(file, test, parameter id) for each test named in a cell; a bare ``test_x`` after a
    ``file::test`` belongs to the same file."""
    found: list[tuple[str, str, str | None]] = []
    current: str | None = None
    for token in REFERENCE.findall(cell):
        if re.fullmatch(r"test_\w+\.py", token):  # a whole test file
            current = token
            found.append((token, "", None))
            continue
        m = re.fullmatch(r"(?:(test_\w+\.py)::)?(test_\w+)(?:\[(.+)\])?(?:\s*\(.*\))?", token)
        if not m:
            continue
        file, name, param = m.groups()
        current = file or current
        assert current is not None, f"« {token} » : fichier de test non précisé"
        found.append((current, name, param))
    return found


def test_at_least_a_hundred_bad_inputs_each_with_a_test() -> None:
    rows = _rows()
    assert len(rows) >= 100, len(rows)
    for cells in rows:
        assert len(cells) == 3, cells
        assert _references(cells[2]), f"aucun test pour « {cells[0]} »"


def test_every_cited_test_exists() -> None:
    missing = []
    cache: dict[str, set[str]] = {}
    for cells in _rows():
        for file, name, param in _references(cells[2]):
            path = TESTS / file
            if not path.is_file():
                missing.append(f"{file} (fichier absent) pour « {cells[0]} »")
                continue
            names = cache.setdefault(file, _tests_of(path))
            if not name:
                assert names, f"{file} : aucun test"
            elif name not in names:
                missing.append(f"{file}::{name} pour « {cells[0]} »")
            elif param is not None and f'"{param}"' not in path.read_text(encoding="utf-8"):
                missing.append(f"{file}::{name}[{param}] (cas absent) pour « {cells[0]} »")
    assert not missing, "\n".join(missing)
