"""Results kept between runs (parsed expressions, amounts in words): read back only for the same
code, plain JSON whose damaged parts are only a miss, and equal to what the uncached path gives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import nodes
from jinja2.parser import Parser

from partenariat import cache, expression_trees, expressions, french, interpret
from partenariat.export import export_documents
from partenariat.memo_cache import Memo

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/partenariat.yaml"))


def _fresh_process_state() -> None:
    """What a new process starts from: no table read yet, no expression compiled."""
    expression_trees._memo.cache_clear()
    french._cardinal_memo.cache_clear()
    expressions._compile.cache_clear()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    _fresh_process_state()
    yield tmp_path / "cache"
    _fresh_process_state()


def _parse(source: str) -> nodes.Expr:
    return Parser(expressions.environment(), source, state="variable").parse_expression()


def _outcome(function: Any, ctx: dict[str, Any]) -> tuple[str, Any]:
    try:
        return ("value", function(**ctx))
    except Exception as exc:  # the same failure is expected from both
        return ("error", type(exc).__name__)


def _entry(folder: Path, kind: str) -> Path:
    entries = list(folder.glob(f"{kind}-*.json"))
    assert len(entries) == 1, entries
    return entries[0]


def _export_all(out: Path) -> dict[str, bytes]:
    documents = {}
    for project in EXAMPLES:
        target = out / project.parent.name
        export_documents(project, target, formats=["md"], force=True)
        for path in sorted(target.glob("*.md")):
            documents[f"{project.parent.name}/{path.name}"] = path.read_bytes()
    return documents


def test_documents_from_stored_trees_equal_the_parsed_ones(folder: Path, tmp_path: Path) -> None:
    parsed = _export_all(tmp_path / "parsed")
    expression_trees._memo().save()  # what the first process writes when it ends
    table = json.loads(_entry(folder, "expressions").read_text(encoding="utf-8"))["table"]
    assert len(table) >= 100
    _fresh_process_state()
    kept: list[str] = []
    original = expression_trees.keep_tree
    expression_trees.keep_tree = lambda source, tree: kept.append(source)  # type: ignore[assignment]
    try:
        again = _export_all(tmp_path / "stored")
    finally:
        expression_trees.keep_tree = original  # type: ignore[assignment]
    assert again == parsed
    assert kept == []  # nothing was parsed and kept again: every tree came from the table


def test_every_kept_tree_is_the_parsed_one(folder: Path, tmp_path: Path) -> None:
    _export_all(tmp_path / "out")
    expression_trees._memo().save()
    table = json.loads(_entry(folder, "expressions").read_text(encoding="utf-8"))["table"]
    for source, data in table.items():
        assert data == expression_trees.to_data(_parse(source)), source
        assert isinstance(interpret.walk(expressions.environment(), data), interpret.Interpreted)


@pytest.mark.parametrize(
    "source",
    [
        "a == 1 and b != 'x'",
        "1e400 > a",
        "not (a or b) and -c < 2 ** 3",
        "x if y else z",
        "x if y",
        "a.b['c'] in [1, 2.5, none, true] and (1, 2)",
        "items | selectattr('partie', 'equalto', 'entreprise') | map(attribute='montant') | list",
        "mois_entre(debut, fin) >= 12",
        "a is sameas false",
        "'\\u00e9t\\u00e9 \\u00ab x \\u00bb'",
    ],
)
def test_a_tree_round_trips_through_json(source: str) -> None:
    env = expressions.environment()
    data = expression_trees.to_data(_parse(source))
    stored = json.loads(json.dumps(data))
    assert stored == data
    walked = interpret.walk(env, stored)
    compiled = env.compile_expression(source, undefined_to_none=True)
    for ctx in (
        {"a": 1, "b": "x", "c": 0, "x": "X", "y": 1, "z": "Z", "debut": "2027-01-01", "fin": "2028-03-01"},
        {"a": {"b": {"c": 2}}, "items": [{"partie": "entreprise", "montant": 3}, {"partie": "x"}]},
        {},
    ):
        expected = _outcome(compiled, ctx)
        if expected != ("error", "NameError"):  # Jinja compiles a folded 1e400 to « inf »
            assert _outcome(walked, ctx) == expected


def _store_a_marked_tree(folder: Path) -> None:
    """Evaluate « a == 1 » (its tree is kept), then replace the kept tree by « a == 2 »'s."""
    assert expressions.evaluate("a == 1", {"a": 1}) is True
    expression_trees._memo().save()
    entry = _entry(folder, "expressions")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["table"]["a == 1"] = expression_trees.to_data(_parse("a == 2"))
    entry.write_text(json.dumps(data), encoding="utf-8")


def test_a_marked_stored_tree_is_what_runs(folder: Path) -> None:
    # Only an evaluation that really reads the table can see the mark.
    _store_a_marked_tree(folder)
    _fresh_process_state()
    assert expressions.evaluate("a == 1", {"a": 2}) is True


def test_a_table_from_other_code_is_not_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_a_marked_tree(folder)
    # Another interpreter (an edited interpret.py): another fingerprint, another entry name.
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    _fresh_process_state()
    assert expressions.evaluate("a == 1", {"a": 2}) is False
    assert expressions.evaluate("a == 1", {"a": 1}) is True


STORED_DAMAGE: list[Any] = [
    "a == 2",  # not a node
    ["Name", 1, "a"],  # a field missing
    ["Name", 1, "a", "load", "extra"],
    ["Name", 1, 5, "load"],  # a name that is not a text
    ["Name", "1", "a", "load"],  # a line that is not a number
    ["ImportedName", 1, "os.system", "load"],  # a node the walker does not know
    ["Template", 1, []],
    ["Const", 1, {"not": "a constant"}],
    ["Compare", 1, ["Name", 1, "a", "load"], [["Name", 1, "b", "load"]]],  # not an Operand
    ["Getattr", 1, ["Name", 1, "a", "load"], ["Const", 1, "b"], "load"],  # attr not a text
    ["Call", 1, ["Name", 1, "f", "load"], "args", [], None, None],
    ["Not", 1, ["Keyword", 1, "k", ["Const", 1, 1]]],  # a keyword is no expression
    # well-formed trees that the walker would not run as Jinja does (never kept by this code)
    ["Name", 1, "a", "store"],
    ["Call", 1, ["Name", 1, "f", "load"], [], [["Keyword", 1, "k", ["Const", 1, 1]]], None, None],
    ["Call", 1, ["Getattr", 1, ["Name", 1, "a", "load"], "b", "load"], [], [], None, None],
    ["Test", 1, ["Name", 1, "a", "load"], "callable", [], [], None, None],
    ["Filter", 1, ["Name", 1, "a", "load"], "inconnu", [], [], None, None],
    ["Filter", 1, None, "list", [], [], None, None],
    ["Compare", 1, ["Name", 1, "a", "load"], [["Operand", None, "is", ["Const", 1, 1]]]],
]


@pytest.mark.parametrize("damage", STORED_DAMAGE)
def test_a_damaged_stored_tree_is_only_a_miss(folder: Path, damage: Any) -> None:
    assert expressions.evaluate("a == 1", {"a": 1}) is True
    expression_trees._memo().save()
    entry = _entry(folder, "expressions")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["table"]["a == 1"] = damage
    entry.write_text(json.dumps(data), encoding="utf-8")
    _fresh_process_state()
    assert interpret.stored(expressions.environment(), "a == 1") is None
    assert expression_trees.stored_data("a == 1") is None  # forgotten, replaced below
    assert expressions.evaluate("a == 1", {"a": 1}) is True
    assert expressions.evaluate("a == 1", {"a": 2}) is False


@pytest.mark.parametrize(
    "damage", [b"not json", b"[]", b'{"format": 1, "table": []}', b'{"format": 99, "table": {}}']
)
def test_a_damaged_table_is_only_a_miss(folder: Path, damage: bytes) -> None:
    assert expressions.evaluate("a == 1", {"a": 1}) is True
    expression_trees._memo().save()
    _entry(folder, "expressions").write_bytes(damage)
    _fresh_process_state()
    assert expressions.evaluate("a == 1", {"a": 1}) is True
    expression_trees._memo().save()  # written again, whole
    table = json.loads(_entry(folder, "expressions").read_text(encoding="utf-8"))["table"]
    assert "a == 1" in table


def test_compiled_expressions_are_not_kept(folder: Path) -> None:
    # Keyword arguments to a function go through Jinja's compiler: no tree to keep.
    source = "ajouter_mois(value='2027-01-31', months=1)"
    assert not isinstance(interpret.compile(expressions.environment(), source), interpret.Interpreted)
    assert expression_trees._memo().get(source) is None


def test_a_table_is_written_only_into_the_folder_it_was_read_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "first"))
    memo = Memo("essai", [])
    memo.put("cle", "valeur")
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "second"))
    memo.save()
    assert not (tmp_path / "second").exists()
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "first"))
    memo.save()
    assert json.loads(_entry(tmp_path / "first", "essai").read_text(encoding="utf-8")) == {
        "format": 1,
        "table": {"cle": "valeur"},
    }


def test_a_table_stops_growing_at_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    memo = Memo("essai", [], max_entries=3)
    for i in range(10):
        memo.put(str(i), i)
    memo.save()
    table = json.loads(_entry(tmp_path / "cache", "essai").read_text(encoding="utf-8"))["table"]
    assert table == {"0": 0, "1": 1, "2": 2}


def test_nothing_is_written_when_nothing_was_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    memo = Memo("essai", [])
    assert memo.get("cle") is None
    memo.save()
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("number", [0, 1, 17, 21, 71, 80, 99, 100, 101, 1_000, 45_000, 2_000_000])
def test_amounts_in_words_are_num2words_own(folder: Path, number: int) -> None:
    from num2words import num2words  # type: ignore[import-untyped]

    assert french.cardinal_fr(number) == num2words(number, lang="fr")
    french._cardinal_memo().save()
    _fresh_process_state()
    assert french.cardinal_fr(number) == num2words(number, lang="fr")  # read back


def test_stored_words_are_read_back_and_a_bad_value_is_a_miss(folder: Path) -> None:
    assert french.montant_en_lettres(45_000) == "quarante-cinq mille euros"
    french._cardinal_memo().save()
    entry = _entry(folder, "en-lettres")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["table"]["45000"] = "mot lu dans le cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    _fresh_process_state()
    assert french.montant_en_lettres(45_000) == "mot lu dans le cache euros"
    for bad in (None, 45000, "", ["quarante"]):
        data["table"]["45000"] = bad
        entry.write_text(json.dumps(data), encoding="utf-8")
        _fresh_process_state()
        assert french.montant_en_lettres(45_000) == "quarante-cinq mille euros"
