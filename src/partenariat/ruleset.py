"""The rule file ``regles.yaml``: its schema and a loader that checks everything it names.

Failure policy: a rule file that does not validate (schema, duplicate ids, an expression or a
message that does not compile, an id no question has) raises one ``InvalidFileError`` with every
problem and its line. A checked rule set is kept in the per-user cache (plain JSON, ``cache``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from partenariat import expressions
from partenariat.cache import CHECKED
from partenariat.errors import InvalidFileError
from partenariat.expressions import check_syntax
from partenariat.model_defaults import empty_dict, empty_list
from partenariat.questionnaire import Questionnaires
from partenariat.resources import questionnaires_dir
from partenariat.vocabulary import Profil, Severite
from partenariat.yamlio import LineMap, load_yaml, repeats, validate


def _message_env() -> Any:
    # The same sandbox as conditions.
    return expressions.environment()


RULES_FILE = "regles.yaml"
RULE_ID = re.compile(r"^[a-z][a-z0-9_.]*$")
WHAT = "Règles"


# --- File schema --------------------------------------------------------------------------------


def _checked(info: ValidationInfo) -> bool:
    """Read back from the cache: the same bytes already passed every check with this code."""
    return bool(info.context and info.context.get(CHECKED))


def _expression(value: str | None) -> str | None:
    if value is not None:
        problem = check_syntax(value)
        if problem:
            raise ValueError(problem)
    return value


def _template_problem(text: str) -> str | None:
    from jinja2 import TemplateSyntaxError

    try:
        _message_env().parse(text)
    except TemplateSyntaxError as exc:
        return f"message invalide (ligne {exc.lineno} du message) : {exc.message}"
    return None


class Regle(BaseModel):
    """One rule as written in ``regles.yaml`` (French keys: content authors edit the file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    severite: Severite
    etape: int = Field(ge=1, le=7)
    titre: str = Field(min_length=1)
    profil: list[Profil] | None = None
    variables: dict[str, str] = Field(default_factory=empty_dict)
    si: str = Field(min_length=1)
    present_si: str | None = None
    message: str = Field(min_length=1)
    message_present: str | None = None
    severite_present: Severite | None = None
    outline: list[str] = Field(min_length=1)
    clauses: list[str] = Field(default_factory=empty_list)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(
                "identifiant invalide (minuscules, chiffres, « _ » et « . », sans accent)"
            )
        if value.startswith("selection."):
            raise ValueError(
                "le préfixe « selection. » est réservé aux constats du choix du partenaire"
            )
        return value

    @field_validator("si", "present_si")
    @classmethod
    def _expr(cls, value: str | None, info: ValidationInfo) -> str | None:
        return value if _checked(info) else _expression(value)

    @field_validator("variables")
    @classmethod
    def _variables(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        if _checked(info):
            return value
        for name, expr in value.items():
            if not re.match(r"^[a-z_][a-z0-9_]*$", name):
                raise ValueError(f"variable « {name} » : nom invalide (minuscules, chiffres et _)")
            problem = check_syntax(expr)
            if problem:
                raise ValueError(f"variable « {name} » : {problem}")
        return value

    @field_validator("message", "message_present")
    @classmethod
    def _template(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not _checked(info):
            problem = _template_problem(value)
            if problem:
                raise ValueError(problem)
        return value


class FichierRegles(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    tables: dict[str, Any] = Field(default_factory=empty_dict)
    regles: list[Regle]


@dataclass
class RuleSet:
    """The loaded rules, with where each one is written (for error messages)."""

    regles: list[Regle]
    tables: dict[str, Any]
    path: Path
    lignes: dict[str, int] = field(default_factory=dict)

    def line_of(self, rule_id: str) -> int | None:
        return self.lignes.get(rule_id)


def _cross_checks(data: Any, lines: LineMap) -> list[tuple[int | None, str]]:
    """Checks across fields and rules, run on the raw data so they add to the schema errors."""
    if not isinstance(data, dict) or not isinstance(data.get("regles"), list):
        return []
    errors: list[tuple[int | None, str]] = []
    named = [
        (i, item["id"])
        for i, item in enumerate(data["regles"])
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]
    for position, rid in repeats(rid for _, rid in named):
        i = named[position][0]
        errors.append(
            (
                lines.line_for(("regles", i, "id")),
                f"regles.{i}.id : identifiant « {rid} » en double",
            )
        )
    for i, item in enumerate(data["regles"]):
        if not isinstance(item, dict):
            continue
        for key in ("message_present", "severite_present"):
            if key in item and not item.get("present_si"):
                errors.append(
                    (
                        lines.line_for(("regles", i, key)),
                        f"regles.{i}.{key} : demande aussi present_si",
                    )
                )
    return errors


def default_rules_path() -> Path:
    return questionnaires_dir() / RULES_FILE


def load_rules(path: Path | None = None, questionnaires: Questionnaires | None = None) -> RuleSet:
    """Load and check ``regles.yaml``; every problem is reported at once with its line.

    Every answer id a rule reads is looked up in ``questionnaires`` (the bundled ones by
    default): a misspelt id would otherwise make the rule silently never fire.
    """
    from partenariat.questionnaire import load_questionnaires

    return _load((path or default_rules_path()).resolve(), questionnaires or load_questionnaires())


def _reference_errors(
    parsed: FichierRegles, lines: LineMap, questionnaires: Questionnaires
) -> list[tuple[int | None, str]]:
    """Names read by each rule's variables, conditions and messages that do not exist."""
    from partenariat.jinja_reads import expression_reads, template_reads
    from partenariat.references import rule_scope

    errors: list[tuple[int | None, str]] = []
    for i, rule in enumerate(parsed.regles):
        defined: list[str] = []
        fields: list[tuple[tuple[str, ...], str, bool]] = []
        for name, expr in rule.variables.items():
            fields.append((("variables", name), expr, False))
        fields += [(("si",), rule.si, False)]
        if rule.present_si:
            fields.append((("present_si",), rule.present_si, False))
        fields.append((("message",), rule.message, True))
        if rule.message_present:
            fields.append((("message_present",), rule.message_present, True))
        for loc, source, is_template in fields:
            scope = rule_scope(questionnaires, parsed.tables, defined)
            found = template_reads(source) if is_template else expression_reads(source)
            for _line, message in scope.problems(found, f"règle « {rule.id} », {'.'.join(loc)}"):
                errors.append((lines.line_for(("regles", i, *loc)), message))
            if loc[0] == "variables":
                defined.append(loc[1])
    return errors


@lru_cache(maxsize=4)
def _load(path: Path, questionnaires: Questionnaires) -> RuleSet:
    # Checking every expression, message and id is most of the load: a rule file and questions
    # that passed with this code are read back from the cache (plain JSON, see ``cache``).
    from partenariat import cache
    from partenariat.questionnaire import QUESTIONNAIRE_GLOB
    from partenariat.yamlio import MAX_BYTES

    sources = [path, *sorted(questionnaires.directory.glob(QUESTIONNAIRE_GLOB))]
    return cache.kept(
        "regles",
        sources,
        MAX_BYTES,
        lambda: _load_checked(path, questionnaires),
        lambda result: {
            "regles": [r.model_dump(mode="json", exclude_defaults=True) for r in result.regles],
            "tables": result.tables,
            "lignes": result.lignes,
        },
        lambda data: _from_cache(data, path),
    )


def _from_cache(data: Any, path: Path) -> RuleSet | None:
    from pydantic import ValidationError

    if not isinstance(data, dict) or not isinstance(data.get("lignes"), dict):
        return None
    try:
        parsed = FichierRegles.model_validate(
            {"regles": data.get("regles"), "tables": data.get("tables")}, context={CHECKED: True}
        )
    except ValidationError:
        return None
    lignes = {str(k): v for k, v in data["lignes"].items() if isinstance(v, int)}
    return RuleSet(list(parsed.regles), dict(parsed.tables), path, lignes)


def _load_checked(path: Path, questionnaires: Questionnaires) -> RuleSet:
    data, lines = load_yaml(path, WHAT)
    errors = _cross_checks(data, lines)
    try:
        parsed = validate(FichierRegles, data, path, lines, WHAT)
    except InvalidFileError as exc:
        raise InvalidFileError(
            path, sorted(exc.errors + errors, key=lambda e: e[0] or 0), WHAT
        ) from None
    errors += _reference_errors(parsed, lines, questionnaires)
    if errors:
        raise InvalidFileError(path, sorted(errors, key=lambda e: e[0] or 0), WHAT)
    lignes = {r.id: lines.line_for(("regles", i)) or 0 for i, r in enumerate(parsed.regles)}
    return RuleSet(list(parsed.regles), dict(parsed.tables), path, lignes)
