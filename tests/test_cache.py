"""The cache of loaded questionnaires: used for the same bytes, never for edited ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partenariat import cache
from partenariat.errors import InvalidFileError
from partenariat.questionnaire import _load_dir, load_questionnaires
from partenariat.resources import questionnaires_dir


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), target)
    _load_dir.cache_clear()
    return target


def test_same_bytes_are_loaded_from_the_cache(folder: Path) -> None:
    first = load_questionnaires(folder)
    entries = list(cache.cache_dir().glob("questionnaires-*.pickle"))
    assert len(entries) == 1
    _load_dir.cache_clear()
    second = load_questionnaires(folder)
    assert second is not first  # a new object, read back from the cache entry
    assert second[4].question("duree_mois") == first[4].question("duree_mois")


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


def test_a_damaged_cache_entry_is_only_a_miss(folder: Path) -> None:
    load_questionnaires(folder)
    for entry in cache.cache_dir().glob("questionnaires-*.pickle"):
        entry.write_bytes(b"not a pickle")
    _load_dir.cache_clear()
    assert sorted(load_questionnaires(folder).etapes) == list(range(1, 8))
