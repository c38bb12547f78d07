"""The calendar data and the ranking's wording, kept between runs: read back for the same bytes and
code, equal to a fresh load, checked again when edited, and a damaged entry is only a miss."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from partenariat import cache, calendar_data, selection_wording
from partenariat.errors import InvalidFileError, PartenariatError
from partenariat.resources import questionnaires_dir, templates_dir


def _clear() -> None:
    calendar_data._load_calendar_data.cache_clear()
    selection_wording._load_selection_wording.cache_clear()
    selection_wording._reason_template.cache_clear()


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    calendar = tmp_path / "calendrier.yaml"
    wording = tmp_path / selection_wording.FINDINGS_FILE
    shutil.copy(templates_dir() / "calendrier.yaml", calendar)
    shutil.copy(questionnaires_dir() / selection_wording.FINDINGS_FILE, wording)
    _clear()
    yield calendar, wording
    _clear()


def _entry(kind: str) -> Path:
    entries = list(cache.cache_dir().glob(f"{kind}-*.json"))
    assert len(entries) == 1, entries
    return entries[0]


def _calendar(path: Path) -> Any:
    return calendar_data.load_calendar_data(path)


def _wording(path: Path) -> Any:
    return selection_wording._load_selection_wording(path)


def test_cached_calendar_data_equals_a_fresh_load_and_is_what_is_read(copies: Any) -> None:
    calendar, _ = copies
    fresh = _calendar(calendar)
    _clear()
    assert _calendar(calendar) == fresh
    entry = _entry("calendrier")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["echeances"]["signature"]["libelle"] = "Libellé lu dans le cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    _clear()
    assert _calendar(calendar).echeances["signature"].libelle == "Libellé lu dans le cache"


def test_cached_wording_equals_a_fresh_load_and_is_what_is_read(copies: Any) -> None:
    _, wording = copies
    fresh = _wording(wording)
    _clear()
    assert _wording(wording) == fresh
    entry = _entry("constats")
    data = json.loads(entry.read_text(encoding="utf-8"))
    reason = next(r for r in data["raisons"] if r["code"] == "pas_rencontre")
    reason["message"] = "Phrase lue dans le cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    _clear()
    assert _wording(wording)[1]["pas_rencontre"].message == "Phrase lue dans le cache"


@pytest.mark.parametrize("damage", [b"not json", b"[]", b"{}", b"\xff\xfe"])
@pytest.mark.parametrize("kind", ["calendrier", "constats"])
def test_a_damaged_entry_is_only_a_miss(copies: Any, kind: str, damage: bytes) -> None:
    calendar, wording = copies
    load: Callable[[], Any] = (
        (lambda: _calendar(calendar)) if kind == "calendrier" else (lambda: _wording(wording))
    )
    fresh = load()
    _entry(kind).write_bytes(damage)
    _clear()
    assert load() == fresh
    assert json.loads(_entry(kind).read_text(encoding="utf-8"))  # written again, whole


def test_a_wording_entry_missing_a_code_is_not_used(copies: Any) -> None:
    _, wording = copies
    fresh = _wording(wording)
    entry = _entry("constats")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["raisons"] = [r for r in data["raisons"] if r["code"] != "ecarte"]
    entry.write_text(json.dumps(data), encoding="utf-8")
    _clear()
    assert _wording(wording) == fresh


def test_an_edited_calendar_is_checked_again(copies: Any) -> None:
    calendar, _ = copies
    _calendar(calendar)
    text = calendar.read_text(encoding="utf-8")
    calendar.write_text(text.replace("pays: FR", "pays: France", 1), encoding="utf-8")
    _clear()
    with pytest.raises(PartenariatError) as info:
        _calendar(calendar)
    assert "calendrier.yaml" in info.value.message


def test_an_edited_wording_is_checked_again(copies: Any) -> None:
    _, wording = copies
    _wording(wording)
    text = wording.read_text(encoding="utf-8")
    assert "code: pas_rencontre" in text
    wording.write_text(text.replace("code: pas_rencontre", "code: pas_rencontree", 1), "utf-8")
    _clear()
    with pytest.raises(InvalidFileError) as info:
        _wording(wording)
    assert "pas_rencontree" in info.value.message


@pytest.fixture
def settings_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from partenariat import settings

    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / settings.SETTINGS_NAME
    shutil.copy(settings.settings_path(), path)
    settings._load.cache_clear()
    yield path
    settings._load.cache_clear()


def test_cached_settings_equal_a_fresh_load_and_are_what_is_read(settings_copy: Path) -> None:
    from partenariat import settings

    fresh = settings.load_settings(settings_copy)
    settings._load.cache_clear()
    again = settings.load_settings(settings_copy)
    assert again == fresh and again is not fresh
    entry = _entry("reglages")
    data = json.loads(entry.read_text(encoding="utf-8"))
    year = next(iter(data["annees"]))
    key = next(iter(data["libelles"]))
    data["annees"][year][key]["source"] = "Source lue dans le cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    settings._load.cache_clear()
    assert settings.load_settings(settings_copy).annees[int(year)][key].source == (
        "Source lue dans le cache"
    )


SETTINGS_DAMAGE: list[Callable[[dict[str, Any]], None]] = [
    lambda d: d.clear(),
    lambda d: d.update(annees=[]),
    lambda d: d["libelles"].update(inconnu=["Inconnu", "litres"]),
    lambda d: d["libelles"].update({next(iter(d["libelles"])): [12, "euros"]}),
    lambda d: d["libelles"].update({next(iter(d["libelles"])): "euros"}),
    lambda d: next(iter(d["annees"].values())).popitem(),
    lambda d: d["annees"].update({"2O27": d["annees"].popitem()[1]}),
    lambda d: next(iter(next(iter(d["annees"].values())).values())).update(valeur=-1),
    lambda d: next(iter(next(iter(d["annees"].values())).values())).update(verifie_le="hier"),
    lambda d: next(iter(next(iter(d["annees"].values())).values())).update(a_verifier="non"),
]


@pytest.mark.parametrize("damage", SETTINGS_DAMAGE)
def test_a_damaged_settings_entry_is_only_a_miss(
    settings_copy: Path, damage: Callable[[dict[str, Any]], None]
) -> None:
    from partenariat import settings

    fresh = settings.load_settings(settings_copy)
    entry = _entry("reglages")
    data = json.loads(entry.read_text(encoding="utf-8"))
    damage(data)
    entry.write_text(json.dumps(data), encoding="utf-8")
    settings._load.cache_clear()
    assert settings.load_settings(settings_copy) == fresh


def test_rules_and_questionnaires_read_back_equal_fresh_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Entries leave out the values equal to their defaults: validation puts them back.
    from partenariat import questionnaire, ruleset
    from partenariat.clause_catalogue import _load_catalogue, load_catalogue

    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), folder)
    questionnaire._load_dir.cache_clear()
    ruleset._load.cache_clear()
    _load_catalogue.cache_clear()
    fresh_q = questionnaire.load_questionnaires(folder)
    fresh_r = ruleset.load_rules(folder / "regles.yaml", fresh_q)
    fresh_c = load_catalogue()
    assert _entry("questionnaires") and _entry("regles")
    questionnaire._load_dir.cache_clear()
    ruleset._load.cache_clear()
    _load_catalogue.cache_clear()
    cached_q = questionnaire.load_questionnaires(folder)
    cached_r = ruleset.load_rules(folder / "regles.yaml", cached_q)
    cached_c = load_catalogue()
    assert cached_q is not fresh_q and cached_q.etapes == fresh_q.etapes
    assert cached_r is not fresh_r and cached_r.regles == fresh_r.regles
    assert cached_r.tables == fresh_r.tables
    assert cached_c is not fresh_c and cached_c == fresh_c
    _load_catalogue.cache_clear()
    questionnaire._load_dir.cache_clear()
    ruleset._load.cache_clear()
