"""The calendar's data, templates/calendrier.yaml: each kind of event (its label, what to prepare,
who acts, how it moves off a holiday, its band in the timeline) and the legal deadlines with their
sources. Validated at load, errors with their lines; read once per process.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from partenariat.cache import CHECKED
from partenariat.errors import PartenariatError

# The timeline's bands, top to bottom: where each kind of event is drawn (``frise``).
Band = Literal[
    "preparation",
    "signature",
    "actions",
    "pilotage",
    "evaluation",
    "renouvellement",
    "obligations",
]
BANDS: tuple[Band, ...] = get_args(Band)


class CalendarDataError(PartenariatError):
    """templates/calendrier.yaml cannot be used."""




@lru_cache(maxsize=1)
def _calendar_models() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

    from partenariat.model_defaults import empty_list

    Shift = Literal["suivant", "precedent", "tel_quel"]
    Party = Literal["entreprise", "association", "commun"]
    class Kind(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        libelle: str = Field(min_length=1)
        a_preparer: str = ""
        ordre: int = Field(ge=0, le=99)
        partie: Party
        rappel_jours: int | None = Field(default=None, ge=0, le=365)
        jour_ouvre: Shift
        frise: Band
        etape: int = Field(ge=1, le=7)

    class Rule(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        type: Literal["apres_versement", "jour_ouvre_apres", "date_annuelle"]
        jours: int | None = Field(default=None, ge=0, le=365)
        mois: int | None = Field(default=None, ge=1, le=12)
        jour: int | None = Field(default=None, ge=1, le=31)
        rang: int | None = Field(default=None, ge=1, le=20)
        # Which years an annual deadline follows: those of the payments, of the gifts (the
        # flows' split by year), of the gifts in kind or skills, or of every flow.
        annees: Literal["versements", "dons", "dons_en_nature", "flux"] = "versements"

    class Legal(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
        intitule: str = Field(min_length=1)
        libelle: str = Field(min_length=1)
        a_preparer: str = Field(min_length=1)
        partie: Party
        si: str = Field(min_length=1)
        regle: Rule
        repere_pratique: bool = False
        jour_ouvre: Shift
        rappel_jours: int | None = Field(default=None, ge=0, le=365)
        source: str = Field(min_length=1)
        annee: int = Field(ge=2000, le=2100)
        etape: int = Field(ge=1, le=7)

        @field_validator("si")
        @classmethod
        def _expression(cls, value: str, info: ValidationInfo) -> str:
            if (info.context or {}).get(CHECKED):
                return value
            from partenariat.expressions import check_syntax

            problem = check_syntax(value)
            if problem:
                raise ValueError(problem)
            return value

    class Holidays(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        pays: str = Field(pattern=r"^[A-Z]{2}$")
        source: str = Field(min_length=1)

    class CalendarData(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        verifie_le: dt.date
        jours_feries: Holidays
        echeances: dict[str, Kind]
        echeances_legales: list[Legal] = Field(default_factory=empty_list)

        @field_validator("echeances")
        @classmethod
        def _every_kind(cls, value: dict[str, Kind]) -> dict[str, Kind]:
            missing = [k for k in KINDS if k not in value]
            if missing:
                raise ValueError(f"sortes d'échéance absentes : {', '.join(missing)}")
            return value

    return CalendarData


# Event kinds the code produces; each must be described in calendrier.yaml.
KINDS = (
    "signature",
    "entree_en_vigueur",
    "lancement",
    "versement",
    "debut_action",
    "fin_action",
    "premiers_resultats",
    "bilan",
    "comite",
    "reunion_suivi",
    "reporting",
    "reunion_et_reporting",
    "communication_externe",
    "preavis_tacite",
    "preavis_expres",
    "preavis_fin",
    "evaluation_finale",
    "fin_convention",
)


def calendar_data_path() -> Path:
    from partenariat.resources import templates_dir

    return templates_dir() / "calendrier.yaml"


@lru_cache(maxsize=4)
def _load_calendar_data(path: Path, stamp: float) -> Any:
    """Read, validated, and kept between runs for the same bytes and code (a JSON entry of
    ``cache``, read back through the same models): reading the YAML with its lines was a
    third of the calendar's time in a new process."""
    from partenariat.yamlio import load_kept

    return load_kept("calendrier", path, _calendar_models(), "Calendrier")


def load_calendar_data(path: Path | None = None) -> Any:
    """The calendar data, validated (errors with their lines); read once per process."""
    path = path or calendar_data_path()
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = 0.0
    return _load_calendar_data(path, stamp)
