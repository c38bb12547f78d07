"""Read YAML safely (no aliases, bounded size, UTF-8) and keep each value's line for error messages.

Every file the tool reads goes through here, so a bad file is always reported with its name and
line, and all schema errors at once.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from partenariat.errors import InvalidFileError, describe_os_error

MAX_BYTES = 5 * 1024 * 1024
# Numbers beyond this are typing slips (1e400, a pasted identifier): every reader of the data
# (French formatting, sums, dates) then works on exact, finite values.
MAX_NUMBER = 10**15
_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "timestamp", "map", "seq")
}

Loc = tuple[str | int, ...]


H = TypeVar("H", bound=Hashable)


def repeats(ids: Iterable[H]) -> list[tuple[int, H]]:
    """Each (position, id) of an id already met before it in ``ids``: a content file names each
    of its entries (questions, choices, sections, rules, clauses, codes) once."""
    seen: set[H] = set()
    found: list[tuple[int, H]] = []
    for position, id_ in enumerate(ids):
        if id_ in seen:
            found.append((position, id_))
        seen.add(id_)
    return found


def first_repeat(ids: Iterable[str]) -> str | None:
    """The first id met twice in ``ids`` (for a validator that reports one error)."""
    found = repeats(ids)
    return found[0][1] if found else None


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
_CLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TOO_BIG = "nombre trop grand (un million de milliards au plus)"


class _Problem(yaml.constructor.ConstructorError):
    """A problem this module words itself, in French."""

    def __init__(self, problem: str, node: yaml.Node) -> None:
        super().__init__(None, None, problem, node.start_mark)


def _number_problem(value: Any, literal: str) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and math.isnan(value):
        return "« .nan » n'est pas un nombre"
    if isinstance(value, float) and math.isinf(value) and literal.lstrip("+-").startswith("."):
        return "nombre infini (.inf) refusé"
    if isinstance(value, (int, float)) and abs(value) > MAX_NUMBER:
        return _TOO_BIG
    return None


class _BaseLoader(_CLoader):  # type: ignore[misc]
    """The safe loader, minus what no file of this tool needs and what would crash later.

    PyYAML turns an impossible date (``2027-02-30``), an explicit ``!!int x`` or a 5,000-digit
    number into a bare Python exception with no position; here each becomes a marked error
    (hence a line), and only plain YAML types are accepted (no ``!!binary``, ``!!set``…).
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag == "tag:yaml.org,2002:value" and isinstance(node, yaml.ScalarNode):
            return str(node.value)  # YAML 1.1 reads a lone « = » as a "value key": it is text
        if node.tag not in _ALLOWED_TAGS:
            raise _Problem(f"étiquette YAML « {node.tag} » non acceptée", node)
        literal = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if node.tag.endswith(":int") and len(literal) > 40:  # int() refuses 4,300+ digits
            raise _Problem(_TOO_BIG, node)
        try:
            value = super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            raise _Problem(_constructor_problem(node), node) from None
        problem = _number_problem(value, literal)
        if problem is not None:
            raise _Problem(problem, node)
        return value


def _constructor_problem(node: yaml.Node) -> str:
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "timestamp":
        return (
            f"date impossible « {text} » (mois de 1 à 12, jour existant dans le mois ; "
            "mettez la valeur entre guillemets si ce n'est pas une date)"
        )
    names = {"int": "un nombre entier", "float": "un nombre", "bool": "oui/non (true/false)"}
    return f"« {text} » n'est pas {names.get(kind, 'une valeur valide')}"


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


def _walk(
    node: yaml.Node, loc: Loc, lines: LineMap, seen: set[int], errors: list[tuple[int, str]]
) -> None:
    # The composer turns an alias into a second reference to the anchored node: meeting a
    # collection node twice means an alias (which would also allow "billion laughs" expansion).
    if id(node) in seen:
        raise _AliasError(node.start_mark.line + 1)
    seen.add(id(node))
    lines.add(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = key_node.start_mark.line + 1
            if isinstance(key_node, yaml.ScalarNode):
                # « 1: » and « '1': » are the same step for the tool: compared as text.
                if key in keys:
                    errors.append(
                        (
                            line,
                            f"clé « {key} » en double (déjà à la ligne {keys[key]}) : "
                            "gardez-en une seule",
                        )
                    )
                else:
                    keys[key] = line
            lines.add((*loc, key), line)
            _walk(value_node, (*loc, key), lines, seen, errors)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, (*loc, i), lines, seen, errors)


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
    "expected <document start>": "indentation incohérente",
    "expected <block end>": "indentation incohérente",
    "expected the node content": "valeur attendue",
    "found unknown escape character": (
        "caractère d'échappement inconnu entre guillemets doubles "
        "(doublez la barre oblique « \\\\ » ou utilisez des apostrophes)"
    ),
    "found a tab character": "tabulation dans l'indentation (utilisez des espaces)",
    "found unhashable key": "clé invalide (une liste ou un ensemble ne peut pas servir de clé)",
    "found incompatible YAML document": "version de YAML non prise en charge (%YAML)",
    "found unknown directive name": "directive YAML inconnue (ligne commençant par « % »)",
    "but found another document": "un seul document est attendu (retirez la ligne « --- »)",
    "found duplicate anchor": "ancre YAML (&nom) en double",
    "found undefined tag handle": "étiquette YAML inconnue",
    "expected alphabetic or numeric character": "nom d'ancre ou d'étiquette YAML invalide",
    "expected a comment or a line break": "texte inattendu en fin de valeur (fin de ligne attendue)",
    "expected chomping or indentation indicators": "indicateur de bloc « | » ou « > » mal formé",
    "expected indentation indicator": "indicateur de bloc « | » ou « > » mal formé",
    "found an indentation indicator equal to 0": "indicateur de bloc « | » ou « > » mal formé",
    "expected ' '": "espace attendue",
    "expected URI": "étiquette YAML mal formée",
    "found unexpected ':'": "deux-points inattendu (mettez le texte entre guillemets)",
    "expected a mapping node": "un ensemble de champs (clé : valeur) est attendu",
    "expected a sequence node": "une liste est attendue",
    "expected a scalar node": "une valeur simple est attendue",
}


def _french_problem(problem: str) -> str:
    """PyYAML's English problem in French; a problem already in French is kept."""
    for english, french in _YAML_PROBLEMS.items():
        if english in problem:
            return french
    if problem.isascii():
        return "syntaxe YAML incorrecte à cet endroit"
    return problem


def read_text(path: Path, what: str = "Fichier") -> str:
    """Read a regular file as UTF-8 with a size bound, turning OS errors into user messages.

    The file is opened without blocking and checked to be a regular file before anything is
    read: a named pipe would otherwise wait forever, and a device (``/dev/zero``) reports a
    size of 0 yet never ends.
    """
    from partenariat.bounded_read import NotARegularFile, TooBig, read_bounded

    try:
        data = read_bounded(path, MAX_BYTES)
    except NotARegularFile as exc:
        problem = (
            "c'est un dossier, pas un fichier"
            if exc.is_dir
            else "ce n'est pas un fichier ordinaire (périphérique, tube nommé ou prise)"
        )
        raise InvalidFileError(path, [(None, problem)], what) from None
    except TooBig as exc:
        raise _too_big(path, exc.size, what) from None
    except OSError as exc:
        raise InvalidFileError(path, [(None, describe_os_error(exc, reading=True))], what) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidFileError(
            path, [(line, "le fichier n'est pas encodé en UTF-8")], what
        ) from None


def _too_big(path: Path, size: int, what: str) -> InvalidFileError:
    return InvalidFileError(
        path, [(None, f"fichier trop volumineux ({size} octets, {MAX_BYTES} au plus)")], what
    )


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
            duplicates: list[tuple[int, str]] = []
            _walk(node, (), lines, set(), duplicates)
            if duplicates:
                raise InvalidFileError(path, list(duplicates), what)
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
        text = (
            str(exc.problem)
            if isinstance(exc, _Problem)
            else f"YAML illisible : {_french_problem(exc.problem or str(exc))}"
        )
        raise InvalidFileError(path, [(line, text)], what) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, the pure-Python reader in characters
        start = max(exc.position, 0)
        if _CLoader is yaml.SafeLoader:
            line = text[:start].count("\n") + 1
        else:
            line = text.encode("utf-8")[:start].count(b"\n") + 1
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        )
        problem = f"caractère de contrôle interdit (U+{code:04X}) : retirez-le"
        raise InvalidFileError(path, [(line, f"YAML illisible : {problem}")], what) from None
    except yaml.YAMLError:
        problem = "syntaxe YAML incorrecte"
        raise InvalidFileError(path, [(None, f"YAML illisible : {problem}")], what) from None
    except RecursionError:
        raise InvalidFileError(path, [(None, "structure YAML trop profonde")], what) from None
    return data, lines


def file_version(path: Path) -> tuple[int, int]:
    """What tells two versions of a file apart for a per-process cache (time and size); a missing
    file gets (0, 0) and its loader names the problem."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


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
    "string_too_long": "texte trop long",
    "string_too_short": "texte trop court",
    "timezone_aware": "une date et heure avec fuseau horaire est attendue",
    "date_type": "une date ISO est attendue",
    "date_parsing": "une date ISO est attendue",
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
        text = _MESSAGES.get(kind, "valeur invalide")  # pydantic's own text is English
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


def load_kept(kind: str, path: Path, model: type[M], what: str, max_bytes: int = MAX_BYTES) -> M:
    """``path`` read and validated by ``model`` (every error with its line), or read back from
    the cache entry its exact bytes and this code left (``cache.kept``). An entry goes through
    the same model, told by ``cache.CHECKED`` that the expressions in it were parsed when it was
    stored; anything the model refuses is a miss."""
    from partenariat import cache

    def read() -> M:
        data, lines = load_yaml(path, what)
        return validate(model, data, path, lines, what)

    def restore(data: Any) -> M | None:
        if not isinstance(data, dict):
            return None
        try:
            return model.model_validate(data, context={cache.CHECKED: True})
        except ValidationError:
            return None

    return cache.kept(
        kind,
        [path],
        max_bytes,
        read,
        lambda result: result.model_dump(mode="json", exclude_defaults=True),
        restore,
    )
