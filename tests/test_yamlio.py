"""Every file is read safely (no aliases, bounded size, UTF-8) and every error carries its line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from partenariat.errors import InvalidFileError
from partenariat.yamlio import MAX_BYTES, LineMap, load_yaml, parse_yaml, read_text, validate


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_of_keys_and_items(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb:\n  c: deux\n  d:\n    - x\n    - y\n")
    data, lines = load_yaml(path)
    assert data == {"a": 1, "b": {"c": "deux", "d": ["x", "y"]}}
    assert lines.line_for(("a",)) == 1
    assert lines.line_for(("b", "c")) == 3
    assert lines.line_for(("b", "d", 1)) == 6
    # unknown paths fall back to their nearest known parent
    assert lines.line_for(("b", "c", "nope", 3)) == 3
    assert lines.line_for(()) == 1


def test_linemap_empty() -> None:
    assert LineMap().line_for(("x",)) is None


def test_aliases_refused_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a: &ancre\n  x: 1\nb: *ancre\n")
    with pytest.raises(InvalidFileError) as info:
        load_yaml(path)
    assert info.value.errors[0][0] == 3  # the alias's line: where the copy is to be made
    assert "alias" in info.value.message
    assert str(path) in info.value.message


def test_billion_laughs_refused(tmp_path: Path) -> None:
    text = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(InvalidFileError, match="alias"):
        load_yaml(write(tmp_path, text))


def test_file_over_5_mb_refused(tmp_path: Path) -> None:
    path = tmp_path / "gros.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1) + b"\n")
    with pytest.raises(InvalidFileError) as info:
        load_yaml(path)
    assert "trop volumineux" in info.value.message


def test_invalid_utf8_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: 2\nc: été\n".encode("latin-1"))
    with pytest.raises(InvalidFileError) as info:
        read_text(path)
    assert info.value.errors == [(3, "le fichier n'est pas encodé en UTF-8")]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffnom: Été\n".encode())
    assert load_yaml(path)[0] == {"nom": "Été"}


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: [1, 2\nb: 3\n", 2), ("a: 1\n  b: 2\n", 2), ("a: 1\na: {x\n", 3)],
)
def test_broken_yaml_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InvalidFileError) as info:
        load_yaml(path, "Projet")
    assert info.value.errors[0][0] == line
    assert "YAML illisible" in info.value.message
    assert info.value.message.startswith(f"Projet invalide : {path}")
    assert f"ligne {line}" in info.value.message


def test_null_bytes_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError, match="caractères nuls"):
        parse_yaml("a: 1\x00", tmp_path / "x.yaml")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError, match="introuvable"):
        load_yaml(tmp_path / "absent.yaml")
    with pytest.raises(InvalidFileError, match="dossier"):
        load_yaml(tmp_path)


def test_empty_document_is_none(tmp_path: Path) -> None:
    assert load_yaml(write(tmp_path, "# rien\n"))[0] is None


def test_deep_nesting_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InvalidFileError):
        load_yaml(path)


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n: int


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nom: str
    items: list[Inner]


def test_validate_reports_every_error_with_its_line(tmp_path: Path) -> None:
    text = "nom: X\nitems:\n  - n: 1\n  - n: deux\n  - n: 3\n    couleur: bleu\nextra: 1\n"
    path = write(tmp_path, text)
    data, lines = load_yaml(path)
    with pytest.raises(InvalidFileError) as info:
        validate(Outer, data, path, lines, "Exemple")
    errors = info.value.errors
    assert [line for line, _ in errors] == [4, 6, 7]
    assert "un nombre entier est attendu" in errors[0][1]
    assert "items.2.couleur : champ inconnu" in errors[1][1]
    assert "extra : champ inconnu" in errors[2][1]
    assert "Exemple invalide" in info.value.message


def test_validate_missing_field(tmp_path: Path) -> None:
    path = write(tmp_path, "items: []\n")
    data, lines = load_yaml(path)
    with pytest.raises(InvalidFileError) as info:
        validate(Outer, data, path, lines)
    assert info.value.errors == [(1, "nom : champ obligatoire absent")]


def test_validate_ok(tmp_path: Path) -> None:
    path = write(tmp_path, "nom: X\nitems: [{n: 1}]\n")
    data, lines = load_yaml(path)
    assert validate(Outer, data, path, lines).items[0].n == 1


def test_first_repeat_names_the_first_id_met_twice() -> None:
    from partenariat.yamlio import first_repeat

    assert first_repeat(["a", "b", "c"]) is None
    assert first_repeat(["a", "b", "a", "b"]) == "a"
    assert first_repeat(iter(["x", "y", "y"])) == "y"


def test_a_clause_or_a_comparison_point_named_twice_is_refused(tmp_path: Path) -> None:
    """The clause catalogue and the comparison points each name an entry once, checked at load."""
    from partenariat.clause_catalogue import load_catalogue
    from partenariat.comparison_points import load_points, points_path
    from partenariat.errors import InvalidFileError
    from partenariat.questionnaire import load_questionnaires
    from partenariat.resources import templates_dir

    clauses = yaml.safe_load((templates_dir() / "clauses.yaml").read_text(encoding="utf-8"))
    clauses["clauses"].append(copy.deepcopy(clauses["clauses"][0]))
    bad = tmp_path / "clauses.yaml"
    bad.write_text(yaml.safe_dump(clauses, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_catalogue(bad)
    assert f"clause « {clauses['clauses'][0]['id']} » en double" in str(caught.value)

    points = yaml.safe_load(points_path().read_text(encoding="utf-8"))
    points["points"].append(copy.deepcopy(points["points"][0]))
    bad = tmp_path / "comparaison.yaml"
    bad.write_text(yaml.safe_dump(points, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_points(load_questionnaires(), bad)
    assert f"point « {points['points'][0]['id']} » en double" in str(caught.value)
