"""The dated fiscal settings: every figure of tax and social law the tool uses, year by year.

Figures change with each finance act; a reader who checks a document must see which year's
figure was used, where it comes from and when it was last verified. Keeping them in one data
file (``questionnaires/reglages-fiscaux.yaml``) means a yearly update is an edit of that file,
checked here with file and line, never a change of code or templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from partenariat.errors import InvalidFileError
from partenariat.resources import questionnaires_dir
from partenariat.yamlio import read_text

SETTINGS_NAME = "reglages-fiscaux.yaml"
WHAT = "Réglages fiscaux"
UNITS = frozenset({"euros", "taux", "annees", "personnes", "nombre"})
FIGURE_FIELDS = frozenset({"valeur", "source", "verifie_le", "a_verifier"})


@dataclass(frozen=True)
class Figure:
    """One figure for one year, with what a reader needs to check it."""

    id: str
    annee: int
    valeur: float
    source: str
    verifie_le: dt.date
    a_verifier: bool
    libelle: str
    unite: str
    # The year the figure was asked for, when it is later than the last known year.
    annee_demandee: int | None = None

    @property
    def extrapolee(self) -> bool:
        return self.annee_demandee is not None and self.annee_demandee != self.annee

    @property
    def mention(self) -> str:
        """« CGI art. 238 bis, chiffre 2026 vérifié le 20/11/2026 », with any caveat."""
        note = f"chiffre {self.annee} vérifié le {self.verifie_le.strftime('%d/%m/%Y')}"
        if self.extrapolee:
            note += f", dernière année connue, repris pour {self.annee_demandee}"
        if self.a_verifier:
            note += ", à vérifier"
        return f"{self.source}, {note}"


@dataclass(frozen=True)
class Settings:
    path: Path
    libelles: dict[str, tuple[str, str]]
    annees: dict[int, dict[str, Figure]]

    @property
    def first_year(self) -> int:
        return min(self.annees)

    @property
    def last_year(self) -> int:
        return max(self.annees)

    def year_used(self, year: int) -> int:
        """The year whose figures apply to ``year``: itself, else the nearest known one."""
        if year in self.annees:
            return year
        return self.last_year if year > self.last_year else self.first_year

    def figure(self, key: str, year: int) -> Figure:
        used = self.year_used(year)
        fig = self.annees[used][key]
        if used != year:
            return Figure(**{**fig.__dict__, "annee_demandee": year})
        return fig

    def value(self, key: str, year: int) -> float:
        return self.figure(key, year).valeur

    def as_table(self, year: int) -> dict[str, float]:
        """All figures of a year as plain numbers, for rules and question help texts."""
        return {key: self.value(key, year) for key in self.libelles}


class _Lines:
    def __init__(self) -> None:
        self.map: dict[tuple[str, ...], int] = {}

    def line(self, *loc: Any) -> int | None:
        key = tuple(str(p) for p in loc)
        while key:
            if key in self.map:
                return self.map[key]
            key = key[:-1]
        return None


# libyaml's parser when PyYAML has it: the pure-Python one took 30 ms of each ``status``.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, path: Path) -> tuple[Any, _Lines]:
    """Parse with duplicate keys refused (PyYAML would keep the last one silently)."""
    errors: list[tuple[int | None, str]] = []
    lines = _Lines()
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InvalidFileError(
            path,
            [(mark.line + 1 if mark else None, f"YAML illisible : {exc.problem or exc}")],
            WHAT,
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidFileError(path, [(None, f"YAML illisible : {exc}")], WHAT) from None

    def walk(n: yaml.Node, loc: tuple[str, ...]) -> None:
        lines.map.setdefault(loc, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in n.value:
                key = str(key_node.value)
                if key in seen:
                    errors.append(
                        (
                            key_node.start_mark.line + 1,
                            f"clé « {key} » en double ({'.'.join(loc) or 'racine'})",
                        )
                    )
                seen.add(key)
                lines.map.setdefault((*loc, key), key_node.start_mark.line + 1)
                walk(value_node, (*loc, key))
        elif isinstance(n, yaml.SequenceNode):
            for i, child in enumerate(n.value):
                walk(child, (*loc, str(i)))

    if node is None:
        raise InvalidFileError(path, [(None, "fichier vide")], WHAT)
    walk(node, ())
    if errors:
        raise InvalidFileError(path, errors, WHAT)
    return yaml.load(text, Loader=_LOADER), lines


def parse_settings(text: str, path: Path) -> Settings:
    data, lines = _compose(text, path)
    errors: list[tuple[int | None, str]] = []
    if not isinstance(data, dict):
        raise InvalidFileError(
            path, [(1, "un ensemble de champs (clé : valeur) est attendu")], WHAT
        )
    for key in data:
        if key not in ("version", "chiffres", "annees"):
            errors.append((lines.line(key), f"champ « {key} » inconnu"))
    if data.get("version") != 1:
        errors.append((lines.line("version"), "version 1 attendue"))
    libelles: dict[str, tuple[str, str]] = {}
    chiffres = data.get("chiffres")
    if not isinstance(chiffres, dict) or not chiffres:
        errors.append((lines.line("chiffres"), "la liste des chiffres (« chiffres: ») manque"))
        chiffres = {}
    for key, spec in chiffres.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("libelle"), str):
            errors.append((lines.line("chiffres", key), f"« {key} » : libellé manquant"))
            continue
        if spec.get("unite") not in UNITS:
            errors.append(
                (
                    lines.line("chiffres", key, "unite"),
                    f"« {key} » : unité attendue parmi {', '.join(sorted(UNITS))}",
                )
            )
            continue
        libelles[str(key)] = (spec["libelle"], spec["unite"])
    annees_raw = data.get("annees")
    annees: dict[int, dict[str, Figure]] = {}
    if not isinstance(annees_raw, dict) or not annees_raw:
        errors.append((lines.line("annees"), "aucune année (« annees: ») dans le fichier"))
        annees_raw = {}
    years: list[int] = []
    for year, figures in annees_raw.items():
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            errors.append(
                (lines.line("annees", year), f"« {year} » n'est pas une année (2000 à 2100)")
            )
            continue
        years.append(year)
        if not isinstance(figures, dict):
            errors.append(
                (lines.line("annees", year), f"{year} : un ensemble de chiffres est attendu")
            )
            continue
        annees[year] = {}
        for key in libelles:
            if key not in figures:
                errors.append((lines.line("annees", year), f"{year} : chiffre « {key} » absent"))
        for key, fig in figures.items():
            where = lines.line("annees", year, key)
            if key not in libelles:
                errors.append(
                    (where, f"{year} : chiffre « {key} » inconnu (absent de « chiffres: »)")
                )
                continue
            problem, figure = _figure(str(key), year, fig, libelles[str(key)])
            if problem:
                errors.append((where, f"{year}, « {key} » : {problem}"))
            elif figure:
                annees[year][str(key)] = figure
    if years:
        gaps = sorted(set(range(min(years), max(years) + 1)) - set(years))
        for gap in gaps:
            errors.append(
                (lines.line("annees"), f"année {gap} manquante entre {min(years)} et {max(years)}")
            )
    if errors:
        raise InvalidFileError(path, sorted(errors, key=lambda e: e[0] or 0), WHAT)
    return Settings(path, libelles, annees)


def _figure(
    key: str, year: int, raw: Any, spec: tuple[str, str]
) -> tuple[str | None, Figure | None]:
    if not isinstance(raw, dict):
        return "un ensemble {valeur, source, verifie_le} est attendu", None
    unknown = set(raw) - FIGURE_FIELDS
    if unknown:
        return f"champ « {sorted(unknown)[0]} » inconnu", None
    value = raw.get("valeur")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return "valeur numérique attendue", None
    if value < 0:
        return "une valeur ne peut pas être négative", None
    if spec[1] == "taux" and value > 1:
        return f"taux de {value} supérieur à 100 % (écrivez 0.60 pour 60 %)", None
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        return "source manquante (article, BOFiP, décret et date)", None
    checked = raw.get("verifie_le")
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        return "date de vérification (verifie_le: AAAA-MM-JJ) manquante ou invalide", None
    flag = raw.get("a_verifier", False)
    if not isinstance(flag, bool):
        return "a_verifier vaut true ou false", None
    return None, Figure(key, year, float(value), source.strip(), checked, flag, spec[0], spec[1])


def settings_path() -> Path:
    return questionnaires_dir() / SETTINGS_NAME


@lru_cache(maxsize=4)
def _load(path: Path) -> Settings:
    """Read and checked, then kept between runs for the same bytes and code (a JSON entry of
    ``cache``): reading the YAML twice (its lines, then its values) was most of the time."""
    from partenariat import cache
    from partenariat.yamlio import MAX_BYTES

    return cache.kept(
        "reglages",
        [path],
        MAX_BYTES,
        lambda: parse_settings(read_text(path, WHAT), path),
        _as_data,
        lambda data: _from_cache(data, path),
    )


def _as_data(settings: Settings) -> dict[str, Any]:
    return {
        "libelles": {key: list(label) for key, label in settings.libelles.items()},
        "annees": {
            str(year): {
                key: {
                    "valeur": fig.valeur,
                    "source": fig.source,
                    "verifie_le": fig.verifie_le.isoformat(),
                    "a_verifier": fig.a_verifier,
                }
                for key, fig in figures.items()
            }
            for year, figures in settings.annees.items()
        },
    }


def _from_cache(data: Any, path: Path) -> Settings | None:
    """The settings of a cache entry, each figure checked as when read from the file; None for
    anything else (the file is read again)."""
    try:
        libelles = {
            key: (label, unit)
            for key, (label, unit) in data["libelles"].items()
            if isinstance(label, str) and unit in UNITS
        }
        annees: dict[int, dict[str, Figure]] = {}
        for year_text, figures in data["annees"].items():
            year = int(year_text)
            if str(year) != year_text or set(figures) != set(libelles):
                return None
            annees[year] = {}
            for key, raw in figures.items():
                raw = {**raw, "verifie_le": dt.date.fromisoformat(raw["verifie_le"])}
                problem, figure = _figure(key, year, raw, libelles[key])
                if problem or figure is None:
                    return None
                annees[year][key] = figure
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    if not libelles or not annees or len(libelles) != len(data["libelles"]):
        return None
    return Settings(path, libelles, annees)


def load_settings(path: Path | None = None) -> Settings:
    """The bundled settings (or ``path``), checked; cached per file for the process."""
    return _load((path or settings_path()).resolve())
