"""The comparison points (questionnaires/comparaison.yaml): which answers of the company meet which
answers of the association, how to compare them, which clauses an agreement settles. Every
reference is checked at load: a misspelt id must not compare silently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from partenariat.model_defaults import empty_list

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.questionnaire import Questionnaires

POINTS_WHAT = "Points de comparaison"
_PATH = re.compile(r"^etape[1-7]\.[a-z][a-z0-9_]*$")


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    libelle: str = Field(min_length=1)
    etape: int = Field(ge=1, le=7)
    entreprise: list[str] = Field(min_length=1)
    association: list[str] = Field(min_length=1)
    comparer: Literal["egal", "liste"] = "egal"
    partie: Literal["entreprise", "association"] | None = None
    clauses: list[str] = Field(default_factory=empty_list)
    question: str | None = None

    @field_validator("entreprise", "association")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        for path in value:
            if not _PATH.match(path):
                raise ValueError(
                    f"chemin de réponse invalide « {path} » (attendu : etapeN.identifiant)"
                )
        return value

    @model_validator(mode="after")
    def _party_for_lists(self) -> Point:
        if self.partie and self.comparer != "liste":
            raise ValueError("« partie » ne s'emploie qu'avec « comparer: liste »")
        return self

    def side(self, profil: str) -> list[str]:
        return self.entreprise if profil == "entreprise" else self.association


class Points(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    points: list[Point] = Field(min_length=1)

    @field_validator("points")
    @classmethod
    def _unique(cls, value: list[Point]) -> list[Point]:
        from partenariat.yamlio import first_repeat

        repeated = first_repeat(point.id for point in value)
        if repeated is not None:
            raise ValueError(f"point « {repeated} » en double")
        return value


def points_path() -> Path:
    from partenariat.resources import questionnaires_dir

    return questionnaires_dir() / "comparaison.yaml"


def load_points(questionnaires: Questionnaires, path: Path | None = None) -> list[Point]:
    """The comparison points, every reference checked: a misspelt id must not compare silently.
    Read once per process and file version (``agenda`` checks each project's agreements)."""
    from partenariat.yamlio import file_version

    path = path or points_path()
    return list(_load_points(questionnaires, path, file_version(path)))


@lru_cache(maxsize=4)
def _load_points(
    questionnaires: Questionnaires, path: Path, stamp: tuple[int, int]
) -> tuple[Point, ...]:
    from partenariat.clause_catalogue import load_clauses
    from partenariat.errors import InvalidFileError
    from partenariat.yamlio import load_yaml, validate

    data, lines = load_yaml(path, POINTS_WHAT)
    model = validate(Points, data, path, lines, POINTS_WHAT)
    known_clauses = {c.id for c in load_clauses()}
    errors: list[tuple[int | None, str]] = []
    for i, point in enumerate(model.points):
        for profil in ("entreprise", "association"):
            for j, ref in enumerate(point.side(profil)):
                q = questionnaires.find(ref)
                where = lines.line_for(("points", i, profil, j))
                if q is None:
                    errors.append((where, f"point « {point.id} » : question « {ref} » inconnue"))
                elif not q.visible_for(profil):
                    errors.append(
                        (where, f"point « {point.id} » : « {ref} » n'est pas posée côté {profil}")
                    )
                elif point.comparer == "liste" and q.type != "liste":
                    errors.append(
                        (where, f"point « {point.id} » : « {ref} » n'est pas une liste répétée")
                    )
        for j, clause in enumerate(point.clauses):
            if clause not in known_clauses:
                errors.append(
                    (
                        lines.line_for(("points", i, "clauses", j)),
                        f"point « {point.id} » : clause « {clause} » inconnue",
                    )
                )
    if errors:
        raise InvalidFileError(path, errors, POINTS_WHAT)
    return tuple(model.points)


def agreement_errors(
    project: Project, questionnaires: Questionnaires
) -> list[tuple[int | None, str]]:
    """Hand-edited agreements naming a comparison point that does not exist, with their lines."""
    from partenariat.project import unknown_references

    return unknown_references(
        project,
        "accords",
        "point",
        {point.id for point in load_points(questionnaires)},
        "accord sur un point de comparaison inconnu « {} » (voir les points avec "
        "« partenariat compare »)",
    )


