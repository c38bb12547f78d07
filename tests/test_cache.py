"""The cache of loaded questionnaires: read for the same bytes and code, never for edited ones,
and made of plain JSON that runs nothing when read."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from partenariat import cache
from partenariat.errors import InvalidFileError
from partenariat.questionnaire import _load_dir, load_questionnaires
from partenariat.resources import questionnaires_dir

SRC = Path(cache.__file__).resolve().parent


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), target)
    _load_dir.cache_clear()
    return target


def _entry() -> Path:
    entries = list(cache.cache_dir().glob("questionnaires-*.json"))
    assert len(entries) == 1
    return entries[0]


def test_same_bytes_are_read_back_from_the_cache(folder: Path) -> None:
    first = load_questionnaires(folder)
    entry = _entry()
    # Mark the stored entry: only a load that really reads the cache can see the mark.
    data = json.loads(entry.read_text(encoding="utf-8"))
    step4 = next(step for step in data if step["etape"] == 4)
    step4["titre"] = "Titre lu dans le cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    _load_dir.cache_clear()
    second = load_questionnaires(folder)
    assert second[4].titre == "Titre lu dans le cache"
    assert second[4].question("duree_mois") == first[4].question("duree_mois")


def test_a_cached_load_equals_a_fresh_one(folder: Path) -> None:
    fresh = load_questionnaires(folder)
    _load_dir.cache_clear()
    cached = load_questionnaires(folder)
    assert cached is not fresh
    assert {n: q for n, q in cached.etapes.items()} == fresh.etapes


def test_an_edited_file_is_checked_again(folder: Path) -> None:
    load_questionnaires(folder)
    step = folder / "etape-2-dialogue.yaml"
    step.write_text(
        step.read_text(encoding="utf-8").replace("type: date", "type: calendrier", 1),
        encoding="utf-8",
    )
    _load_dir.cache_clear()
    with pytest.raises(InvalidFileError) as info:
        load_questionnaires(folder)
    assert "etape-2-dialogue.yaml" in info.value.message


@pytest.mark.parametrize("damage", [b"not json", b'[{"etape": "x"}]', b"{}", b"\xff\xfe"])
def test_a_damaged_or_foreign_entry_is_only_a_miss(folder: Path, damage: bytes) -> None:
    fresh = load_questionnaires(folder)
    _entry().write_bytes(damage)
    _load_dir.cache_clear()
    again = load_questionnaires(folder)
    assert again.etapes == fresh.etapes
    assert json.loads(_entry().read_text(encoding="utf-8"))[0]["etape"] == 1  # rewritten


def test_changed_loader_code_gets_a_new_entry(tmp_path: Path) -> None:
    for name in cache.PRODUCERS:
        shutil.copy(SRC / name, tmp_path / name)
    before = cache.code_fingerprint.__wrapped__(tmp_path)
    (tmp_path / "questionnaire.py").write_text(
        (tmp_path / "questionnaire.py").read_text(encoding="utf-8") + "\n# changed\n",
        encoding="utf-8",
    )
    assert cache.code_fingerprint.__wrapped__(tmp_path) != before
    assert cache.code_fingerprint.__wrapped__(SRC) == cache.code_fingerprint()


def test_no_module_loads_pickle_or_marshal() -> None:
    for path in SRC.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not {"pickle", "marshal", "shelve", "dill"} & set(names), path.name
