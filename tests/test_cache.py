"""The cache of loaded questionnaires: read for the same bytes and code, never for edited ones,
and made of plain JSON that runs nothing when read."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from partenariat import cache
from partenariat.clause_catalogue import _load_catalogue, load_catalogue
from partenariat.errors import InvalidFileError
from partenariat.questionnaire import _load_dir, load_questionnaires
from partenariat.resources import questionnaires_dir, templates_dir

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


@pytest.fixture
def holiday_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _holiday_entry(folder: Path, year: int) -> Path:
    entries = list(folder.glob(f"feries-FR-{year}-*.json"))
    assert len(entries) == 1
    return entries[0]


def test_public_holidays_are_the_packages_and_kept_as_a_list_of_dates(holiday_cache: Path) -> None:
    import datetime as dt

    import holidays

    for year in (2026, 2027, 2030):
        days = cache.public_holidays("FR", year)
        assert days == frozenset(holidays.country_holidays("FR", years=year))
        assert dt.date(year, 7, 14) in days and dt.date(year, 12, 25) in days
        stored = json.loads(_holiday_entry(holiday_cache, year).read_text(encoding="utf-8"))
        assert stored == sorted(day.isoformat() for day in days)


def test_stored_public_holidays_are_read_back(holiday_cache: Path) -> None:
    import datetime as dt

    cache.public_holidays("FR", 2027)
    entry = _holiday_entry(holiday_cache, 2027)
    # Mark the entry: only a call that really reads it can lose 14 July.
    entry.write_text(json.dumps(["2027-01-01", "2027-12-25"]), encoding="utf-8")
    assert cache.public_holidays("FR", 2027) == {dt.date(2027, 1, 1), dt.date(2027, 12, 25)}


@pytest.mark.parametrize(
    "damage", [b"not json", b"{}", b'["2027-13-01"]', b'["2026-07-14"]', b"[1]", b"\xff"]
)
def test_a_damaged_holiday_entry_is_only_a_miss(holiday_cache: Path, damage: bytes) -> None:
    import holidays

    cache.public_holidays("FR", 2027)
    entry = _holiday_entry(holiday_cache, 2027)
    entry.write_bytes(damage)
    assert cache.public_holidays("FR", 2027) == frozenset(
        holidays.country_holidays("FR", years=2027)
    )
    assert json.loads(entry.read_text(encoding="utf-8"))[0] == "2027-01-01"  # rewritten


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "clauses.yaml"
    shutil.copyfile(templates_dir() / "clauses.yaml", target)
    _load_catalogue.cache_clear()
    return target


def _catalogue_entry() -> Path:
    entries = list(cache.cache_dir().glob("clauses-*.json"))
    assert len(entries) == 1
    return entries[0]


def test_the_clause_catalogue_is_read_back_from_the_cache_and_equals_a_fresh_load(
    catalogue: Path,
) -> None:
    fresh = load_catalogue(catalogue)
    entry = _catalogue_entry()
    _load_catalogue.cache_clear()
    assert load_catalogue(catalogue).model_dump() == fresh.model_dump()
    # Mark the stored entry: only a load that really reads the cache can see the mark.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["clauses"][0]["titre"] = "Titre lu dans le cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    _load_catalogue.cache_clear()
    assert load_catalogue(catalogue).clauses[0].titre == "Titre lu dans le cache"


def test_an_edited_catalogue_is_checked_again(catalogue: Path) -> None:
    load_catalogue(catalogue)
    text = catalogue.read_text(encoding="utf-8")
    assert "sans_objet_si: " in text
    catalogue.write_text(text.replace("sans_objet_si: ", "sans_objet_si: (( ", 1), encoding="utf-8")
    _load_catalogue.cache_clear()
    with pytest.raises(InvalidFileError) as info:
        load_catalogue(catalogue)
    assert "expression invalide" in info.value.message


@pytest.mark.parametrize("damage", [b"not json", b'{"clauses": "x"}', b"[]", b"\xff\xfe"])
def test_a_damaged_catalogue_entry_is_only_a_miss(catalogue: Path, damage: bytes) -> None:
    fresh = load_catalogue(catalogue)
    _catalogue_entry().write_bytes(damage)
    _load_catalogue.cache_clear()
    assert load_catalogue(catalogue).model_dump() == fresh.model_dump()


def test_kept_computes_once_then_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One read-or-compute for every kind of content: a miss computes and stores, a hit reads
    back what ``restore`` accepts, a refused entry is computed again."""
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "source.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    def restore(data: object) -> dict[str, int] | None:
        return data if isinstance(data, dict) and isinstance(data.get("n"), int) else None

    def get() -> dict[str, int]:
        return cache.kept("essai", [source], 1 << 10, compute, dict, restore)

    assert get() == {"n": 1}
    assert get() == {"n": 1} and len(calls) == 1  # read back, not computed
    (entry,) = cache.cache_dir().glob("essai-*.json")
    entry.write_text('{"n": "x"}', encoding="utf-8")
    assert get() == {"n": 2}  # refused by restore: computed again and stored
    assert get() == {"n": 2} and len(calls) == 2
    source.write_text("a: 2\n", encoding="utf-8")
    assert get() == {"n": 3}  # other bytes: another entry


def test_kept_prunes_old_entries_of_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "source.yaml"
    for i in range(cache.KEEP_PER_KIND + 3):
        source.write_text(f"a: {i}\n", encoding="utf-8")
        cache.kept("essai", [source], 1 << 10, lambda i=i: i, lambda v: v, lambda d: None)
    cache.store("autre-1.json", 1)
    names = [p.name for p in cache.cache_dir().iterdir()]
    assert sum(n.startswith("essai-") for n in names) == cache.KEEP_PER_KIND
    assert "autre-1.json" in names
