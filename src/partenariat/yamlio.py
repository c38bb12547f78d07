"""Read YAML safely (no aliases, bounded size, UTF-8) and keep each value's line for error messages.

Every file the tool reads goes through here, so a bad file is always reported with its name and
line, and all schema errors at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from partenariat.errors import InvalidFileError

MAX_BYTES = 5 * 1024 * 1024

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


def _text_loc(loc: Sequence[str | int]) -> tuple[str, ...]:
    # Keys are compared as text: « 1: » in YAML is the integer 1 in the data, "1" in the node.
    return tuple(str(part) for part in loc)


class LineMap:
    """Maps a path inside the document (keys and indexes) to its 1-based line."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, ...], int] = {}

    def add(self, loc: Loc, line: int) -> None:
        self._lines.setdefault(_text_loc(loc), line)

    def line_for(self, loc: Sequence[str | int]) -> int | None:
        """The line of ``loc`` or of its nearest known parent."""
        key = _text_loc(loc)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self._lines.get((), None)


# libyaml's C parser is ten times faster than the pure-Python one; it is in PyYAML's wheels.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _first_alias_line(text: str) -> int | None:
    """The line of the first alias (error path only: the pure-Python parser sees alias events)."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return int(event.start_mark.line) + 1
    except yaml.YAMLError:
        return None
    return None


def _walk(node: yaml.Node, loc: Loc, lines: LineMap, seen: set[int]) -> None:
    # The composer turns an alias into a second reference to the anchored node: meeting a
    # collection node twice means an alias (which would also allow "billion laughs" expansion).
    if id(node) in seen:
        raise _AliasError(node.start_mark.line + 1)
    seen.add(id(node))
    lines.add(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            lines.add((*loc, key), key_node.start_mark.line + 1)
            _walk(value_node, (*loc, key), lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, (*loc, i), lines, seen)


_YAML_PROBLEMS = {
    "mapping values are not allowed": "deux-points inattendu (mettez le texte entre guillemets)",
    "did not find expected key": "clé attendue (vérifiez l'indentation)",
    "could not find expected ':'": "deux-points « : » attendu après la clé",
    "found character that cannot start any token": "caractère inattendu en début de valeur (tabulation ?)",
    "did not find expected ',' or ']'": "liste entre crochets non fermée (« ] » manquant)",
    "did not find expected ',' or '}'": "ensemble entre accolades non fermé (« } » manquant)",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "did not find expected '-' indicator": "élément de liste « - » attendu (vérifiez l'indentation)",
    "found undefined alias": "alias YAML inconnu",
    "did not find expected node content": "valeur attendue",
    "expected <document start>, but found <block mapping start>": "indentation incohérente",
}


def _french_problem(problem: str) -> str:
    for english, french in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return french
    return problem


def read_text(path: Path, what: str = "Fichier") -> str:
    """Read a file as UTF-8 with a size bound, turning OS errors into user messages."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidFileError(
                path,
                [(None, f"fichier trop volumineux ({size} octets, {MAX_BYTES} au plus)")],
                what,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidFileError(path, [(None, "fichier introuvable")], what) from None
    except IsADirectoryError:
        raise InvalidFileError(path, [(None, "c'est un dossier, pas un fichier")], what) from None
    except PermissionError:
        raise InvalidFileError(
            path, [(None, "lecture refusée (droits insuffisants)")], what
        ) from None
    except OSError as exc:
        raise InvalidFileError(
            path, [(None, f"lecture impossible ({exc.strerror})")], what
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidFileError(
            path, [(line, "le fichier n'est pas encodé en UTF-8")], what
        ) from None


def parse_yaml(text: str, path: Path, what: str = "Fichier") -> tuple[Any, LineMap]:
    """Parse ``text`` (already read from ``path``) into plain data and its line map."""
    if "\x00" in text:
        raise InvalidFileError(path, [(None, "le fichier contient des caractères nuls")], what)
    try:
        loader = _BaseLoader(text)
        try:
            node = loader.get_single_node()
            lines = LineMap()
            if node is None:
                return None, lines
            _walk(node, (), lines, set())
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _AliasError as exc:
        problem = "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur"
        raise InvalidFileError(
            path, [(_first_alias_line(text) or exc.line, problem)], what
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = _french_problem(exc.problem or str(exc))
        raise InvalidFileError(path, [(line, f"YAML illisible : {problem}")], what) from None
    except yaml.YAMLError as exc:
        raise InvalidFileError(path, [(None, f"YAML illisible : {exc}")], what) from None
    except RecursionError:
        raise InvalidFileError(path, [(None, "structure YAML trop profonde")], what) from None
    return data, lines


def load_yaml(path: Path, what: str = "Fichier") -> tuple[Any, LineMap]:
    return parse_yaml(read_text(path, what), path, what)


_MESSAGES = {
    "missing": "champ obligatoire absent",
    "extra_forbidden": "champ inconnu",
    "string_type": "une chaîne de caractères est attendue",
    "int_type": "un nombre entier est attendu",
    "int_parsing": "un nombre entier est attendu",
    "float_type": "un nombre est attendu",
    "float_parsing": "un nombre est attendu",
    "bool_type": "oui/non (true/false) est attendu",
    "bool_parsing": "oui/non (true/false) est attendu",
    "list_type": "une liste est attendue",
    "dict_type": "un ensemble de champs (clé : valeur) est attendu",
    "model_type": "un ensemble de champs (clé : valeur) est attendu",
    "literal_error": "valeur non autorisée",
    "enum": "valeur non autorisée",
    "datetime_type": "une date et heure ISO est attendue",
    "datetime_parsing": "une date et heure ISO est attendue",
    "datetime_from_date_parsing": "une date et heure ISO est attendue",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
}


def describe_error(err: Any) -> str:
    """A French rendering of one pydantic error."""
    kind = err.get("type", "")
    loc = ".".join(str(p) for p in err.get("loc", ()) if not str(p).startswith("function-"))
    if kind == "value_error":
        text = str(err.get("ctx", {}).get("error", err.get("msg", "")))
    elif kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " ou ")
        text = f"valeur non autorisée (attendu : {expected})"
    else:
        text = _MESSAGES.get(kind, err.get("msg", "valeur invalide"))
    return f"{loc} : {text}" if loc else text


def validate(model: type[M], data: Any, path: Path, lines: LineMap, what: str = "Fichier") -> M:
    """Validate ``data`` against ``model``; report every error with its line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: list[tuple[int | None, str]] = []
        for err in exc.errors():
            loc = tuple(
                p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
            )
            errors.append((lines.line_for(loc), describe_error(err)))
        errors.sort(key=lambda e: e[0] or 0)
        raise InvalidFileError(path, errors, what) from None
