"""The clause catalogue (templates/clauses.yaml): its schema and its loading.

The catalogue is content: which clauses a convention may carry, which answers settle each one,
when one is irrelevant. Kept apart from the clause levels (checklist.py) because the content
checks, the comparison points and the confirmations read the catalogue without computing any
level. Loaded once per file version.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from partenariat.cache import CHECKED

CATALOGUE = "Catalogue des clauses"


MAX_BYTES = 1 << 22


@lru_cache(maxsize=1)
def _clause_models() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

    from partenariat.model_defaults import empty_list

    class Clause(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
        titre: str = Field(min_length=1)
        ce_qu_il_faut_regler: str = Field(min_length=1)
        outline: list[str] = Field(default_factory=empty_list)
        reponses: list[str] = Field(default_factory=empty_list)
        partie: Literal["entreprise", "association"] | None = None
        sans_objet_si: str | None = None
        oui_suffit: bool = False
        source: str = Field(min_length=1)

        @field_validator("reponses")
        @classmethod
        def _paths(cls, value: list[str]) -> list[str]:
            for path in value:
                if not re.fullmatch(r"etape[1-7]\.[a-z][a-z0-9_]*", path):
                    raise ValueError(
                        f"chemin de réponse invalide « {path} » (attendu : etapeN.identifiant)"
                    )
            return value

        @field_validator("sans_objet_si")
        @classmethod
        def _expression(cls, value: str | None, info: ValidationInfo) -> str | None:
            if value and not (info.context or {}).get(CHECKED):
                from partenariat.expressions import check_syntax

                problem = check_syntax(value)
                if problem:
                    raise ValueError(problem)
            return value

    class Catalogue(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        textes_en_attente: list[str] = Field(default_factory=empty_list)
        clauses: list[Clause] = Field(min_length=1)

        @field_validator("clauses")
        @classmethod
        def _unique(cls, value: list[Clause]) -> list[Clause]:
            from partenariat.yamlio import first_repeat

            repeated = first_repeat(clause.id for clause in value)
            if repeated is not None:
                raise ValueError(f"clause « {repeated} » en double")
            return value

    return Catalogue


def load_catalogue(path: Path | None = None) -> Any:
    """The clause catalogue, validated; errors come with their line numbers. Read once per file
    version (``agenda`` checks each project's confirmations against it)."""
    from partenariat.resources import templates_dir
    from partenariat.yamlio import file_version

    path = path or templates_dir() / "clauses.yaml"
    return _load_catalogue(path, file_version(path))


@lru_cache(maxsize=4)
def _load_catalogue(path: Path, stamp: tuple[int, int]) -> Any:
    """Read, validated, and kept between runs for the same bytes (a JSON entry of ``cache``):
    parsing every ``sans_objet_si`` and reading the YAML with its lines is a tenth of a
    ``status``."""
    from partenariat.yamlio import load_kept

    return load_kept("clauses", path, _clause_models(), CATALOGUE, MAX_BYTES)


def load_clauses(path: Path | None = None) -> list[Any]:
    """The catalogue's clauses, in article order."""
    return list(load_catalogue(path).clauses)
