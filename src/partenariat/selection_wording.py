"""What step 3's ranking says, as content (questionnaires/constats-selection.yaml): the findings
about the selection (« Association écartée après l'avoir critiqué »…) and the reasons given for
each candidate (« Points forts : … »). The ranking decides when each applies; the file says how
it reads. Every code and every variable a message reads is checked at load, with its line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from partenariat.vocabulary import Severite

# The findings the ranking can raise, with the variables their message may use; their
# wording, severity and sources are content: questionnaires/constats-selection.yaml.
CODES: dict[str, tuple[str, ...]] = {
    "ponderation_nulle": (),
    "conflit": ("noms", "plusieurs"),
    "exclusion_non_demandee": (),
    "criteres_exclusion_inconnus": ("noms", "plusieurs"),
    "retenu_hors_comparaison": ("nom",),
    "retenu_ecarte": ("nom",),
    "retenu_non_premier": ("nom", "rang", "score", "premier", "score_premier"),
}
# What the ranking says of each candidate, with the variables each sentence may use.
REASON_CODES: dict[str, tuple[str, ...]] = {
    "ecarte": ("motif",),
    "points_forts": ("criteres",),
    "points_faibles": ("criteres",),
    "non_evalue": ("criteres",),
    "pas_rencontre": (),
    "critique_passee": (),
}
FINDINGS_FILE = "constats-selection.yaml"


def load_findings(path: Path | None = None) -> dict[str, Any]:
    """The step-3 findings of ``constats-selection.yaml``, by code (the file checked whole)."""
    return _load_selection_wording(path)[0]


def load_reasons(path: Path | None = None) -> dict[str, Any]:
    """What the ranking says of each candidate (``raisons``), by code (the file checked whole)."""
    return _load_selection_wording(path)[1]


@lru_cache(maxsize=1)
def _wording_models() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    class Constat(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        code: str
        severite: Severite
        outline: list[str] = Field(min_length=1)
        titre: str = Field(min_length=1)
        message: str = Field(min_length=1)

    class Raison(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        code: str
        message: str = Field(min_length=1)

    class Constats(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        raisons: list[Raison]
        constats: list[Constat]

    return Constats


@lru_cache(maxsize=4)
def _load_selection_wording(path: Path | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``constats-selection.yaml``, checked: every code once, messages reading only their
    variables; the findings and the reasons, by code.

    Kept between runs for the same bytes and code (a JSON entry of ``cache``, read back through
    the same models): checking what every message reads parses it through Jinja, half of the
    ranking's time in a new process.
    """
    from partenariat import cache
    from partenariat.resources import questionnaires_dir
    from partenariat.yamlio import MAX_BYTES

    path = path or questionnaires_dir() / FINDINGS_FILE
    parsed = cache.kept(
        "constats",
        [path],
        MAX_BYTES,
        lambda: _read_and_check(path),
        lambda result: result.model_dump(mode="json", exclude_defaults=True),
        _from_cache,
    )
    found = {c.code: c for c in parsed.constats}
    return found, {r.code: r for r in parsed.raisons}


def _from_cache(data: Any) -> Any | None:
    """The checked wording from a cache entry (plain JSON, validated by the same models), or
    None; an entry that does not hold every code exactly once is not used."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        return None
    try:
        parsed = _wording_models().model_validate(data)
    except ValidationError:
        return None
    for section, known in (("raisons", REASON_CODES), ("constats", CODES)):
        codes = [entry.code for entry in getattr(parsed, section)]
        if sorted(codes) != sorted(known):
            return None
    return parsed


def _read_and_check(path: Path) -> Any:
    from partenariat.errors import InvalidFileError
    from partenariat.jinja_reads import template_reads
    from partenariat.yamlio import load_yaml, repeats, validate

    what = "Constats du choix du partenaire"
    data, lines = load_yaml(path, what)
    parsed = validate(_wording_models(), data, path, lines, what)
    errors: list[tuple[int | None, str]] = []
    for section, known in (("raisons", REASON_CODES), ("constats", CODES)):
        entries = getattr(parsed, section)
        for i, code in repeats(entry.code for entry in entries):
            errors.append((lines.line_for((section, i, "code")), f"code « {code} » en double"))
        for i, entry in enumerate(entries):
            if entry.code not in known:
                line = lines.line_for((section, i, "code"))
                errors.append((line, f"code « {entry.code} » inconnu ({', '.join(known)})"))
                continue
            try:
                reads = template_reads(entry.message)
            except Exception as exc:  # a syntax error, named with its line
                errors.append(
                    (lines.line_for((section, i, "message")), f"message invalide : {exc}")
                )
                continue
            allowed = set(known[entry.code])
            for read in reads:
                if read.path[0] not in allowed:
                    errors.append(
                        (
                            lines.line_for((section, i, "message")),
                            f"« {entry.code} » : variable « {read.path[0]} » inconnue "
                            f"(variables : {', '.join(sorted(allowed)) or 'aucune'})",
                        )
                    )
        absent = "raison « {} » absente" if section == "raisons" else "constat « {} » absent"
        written = {entry.code for entry in entries}
        errors += [(None, absent.format(code)) for code in known if code not in written]
    if errors:
        raise InvalidFileError(path, errors, what)
    return parsed


@lru_cache(maxsize=64)
def _reason_template(code: str) -> Any:
    """A reason's message, compiled once per process (a ranking may hold 1,000 candidates), and
    only when a candidate needs it (walked from its kept tree, or compiled by Jinja: a fifth of a
    millisecond each)."""
    from partenariat.expressions import environment
    from partenariat.template_walk import compile_template

    return compile_template(environment(), load_reasons()[code].message)


def reason(code: str, **variables: Any) -> str:
    """One sentence of what the ranking says of a candidate (``raisons`` in the findings file)."""
    text: str = _reason_template(code).render(**variables)
    return text
