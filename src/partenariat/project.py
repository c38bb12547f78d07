"""The project file: schema, safe loading, atomic saving, backup and the one-wizard-at-a-time lock.

Users judge the tool first by "it never loses an answer": every save writes a temporary file,
flushes it to disk and renames it over the old one, so a crash, a full disk or a killed process
leaves either the old or the new file, never half of one. A file that cannot be read is never
written over. Saving (the atomic writes, the backup) is in ``saving``, the file's text in
``serialisation``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from partenariat import __version__
from partenariat.errors import (
    InvalidFileError,
    ProjectLockedError,
    ProjectNotFoundError,
)
from partenariat.location import DEFAULT_NAME, find_project
from partenariat.model_defaults import empty_dict, empty_list
from partenariat.saving import (
    ProjectStore,
    ProjectTooLargeError,
    atomic_write,
    backup_path,
    exists_error,
    now,
    real_path,
    remove_leftovers,
    storage_error,
)
from partenariat.serialisation import dump_project
from partenariat.vocabulary import STATUT_LABELS, STEPS, Profil, Statut
from partenariat.yamlio import LineMap, parse_yaml, read_text, validate

# Saving lives in ``saving`` and the file's text in ``serialisation``; these names stay
# importable from here, where callers have always found them.
__all__ = [
    "DEFAULT_NAME",
    "STATUT_LABELS",
    "STEPS",
    "ProjectStore",
    "ProjectTooLargeError",
    "Statut",
    "atomic_write",
    "backup_path",
    "dump_project",
    "find_project",
    "now",
    "real_path",
    "remove_leftovers",
]

FORMAT_VERSION = 2


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _sane_stamp(value: dt.datetime | None) -> dt.datetime | None:
    # Same years as the answers (values.FIRST_YEAR…LAST_YEAR): every command can date with it.
    if value is not None and not 1900 <= value.year <= 2200:
        raise ValueError(f"l'année {value.year} semble erronée (attendu entre 1900 et 2200)")
    return value


class Partie(_Model):
    nom: str | None = Field(default=None, max_length=2000)  # MAX_NAME


class EtatEtape(_Model):
    statut: Statut = "a_faire"
    mis_a_jour: dt.datetime | None = None
    reponses: dict[str, Any] = Field(default_factory=empty_dict)
    # Answers to ask again: an earlier answer they depended on (condition, computed default)
    # has changed since. Kept in the file so that quitting does not forget them.
    a_revoir: list[str] = Field(default_factory=empty_list)

    _stamp = field_validator("mis_a_jour")(_sane_stamp)


class EcartPartenaire(_Model):
    """What a later comparison found: the partner's file differs on points a confirmation covers.

    Written by ``partenariat compare`` on the clause's last confirmation; while it is there the
    clause is « À discuter », never « Convenu » (see checklist.py). A new agreement on those
    points (``converger``) or a comparison that no longer shows them clears it.
    """

    le: dt.date
    fichier_partenaire: str
    points: list[str] = Field(min_length=1)


class Confirmation(_Model):
    """A clause confirmed with the partner: which one, when, with whom, on which answers.

    ``empreinte`` fingerprints the answers the clause read when it was confirmed: if they change
    afterwards, the confirmation no longer covers them and the clause falls back to « Principe
    retenu » (see checklist.py).
    """

    clause: str
    le: dt.date
    avec: str | None = None
    empreinte: str | None = None
    # Set when the confirmation comes from a point agreed after a comparison (``converger``):
    # the fingerprint of the partner's file the agreement was reached on.
    fichier_partenaire: str | None = None
    # Set by ``compare`` when the partner's file differs on a point the clause reads.
    ecart: EcartPartenaire | None = None


class Partage(_Model):
    """What a shared file is: the partner's view of a project, with the project's fingerprint.

    Present only in a file written by ``partenariat partage``; ``empreinte`` is the sha256 of the
    canonical shared content, so a hand-edited shared file is recognised (see sharing.py).
    """

    nature: str = "fichier partagé avec le partenaire"  # what the file is, said in French
    de: str
    le: dt.datetime
    empreinte: str = Field(pattern=r"^[0-9a-f]{64}$")


class Accord(_Model):
    """A point of the comparison agreed with the partner (``partenariat converger``).

    ``nous`` and ``partenaire`` keep each side's value once the agreement was recorded, so that a
    later comparison shows which side changed since.
    """

    point: str
    valeur: Any = None
    le: dt.date
    fichier_partenaire: str
    nous: Any = None
    partenaire: Any = None


class Project(_Model):
    format: int = FORMAT_VERSION
    outil: str = f"partenariat {__version__}"
    profil: Profil
    organisation: Partie
    partenaire: Partie = Field(default_factory=Partie)
    cree_le: dt.datetime
    mis_a_jour: dt.datetime
    etapes: dict[str, EtatEtape] = Field(default_factory=empty_dict)
    confirmations: list[Confirmation] = Field(default_factory=empty_list)
    accords: list[Accord] = Field(default_factory=empty_list)
    partage: Partage | None = None
    # Where the project was read from, to name lines when an answer turns out invalid.
    _source: tuple[Path, LineMap] | None = PrivateAttr(default=None)
    # Read from an older format and converted in memory (see partenariat.migration).
    _migrated: bool = PrivateAttr(default=False)

    _stamps = field_validator("cree_le", "mis_a_jour")(_sane_stamp)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value > FORMAT_VERSION:
            raise ValueError(
                f"format {value} créé par une version plus récente de partenariat "
                f"(cette version lit le format {FORMAT_VERSION}) : mettez partenariat à jour"
            )
        if value < 1:
            raise ValueError("numéro de format invalide")
        return value

    @field_validator("etapes", mode="before")
    @classmethod
    def _step_keys_as_text(cls, value: Any) -> Any:
        # « 1: » written by hand is the integer 1 in YAML; the file's own form is '1'.
        if isinstance(value, dict):
            return {
                str(k) if isinstance(k, int) and not isinstance(k, bool) else k: v
                for k, v in value.items()
            }
        return value

    @field_validator("etapes")
    @classmethod
    def _known_steps(cls, value: dict[str, EtatEtape]) -> dict[str, EtatEtape]:
        for key in value:
            if key not in {str(n) for n in STEPS}:
                raise ValueError(f"étape « {key} » inconnue (1 à 7)")
        return value

    def step(self, n: int) -> EtatEtape:
        return self.etapes.setdefault(str(n), EtatEtape())

    def answers(self, n: int) -> dict[str, Any]:
        state = self.etapes.get(str(n))
        return state.reponses if state else {}


MAX_NAME = 2000


def _name(value: str | None, what: str) -> str | None:
    """An organisation's name on one line, without control characters, of a sane length."""
    from partenariat.errors import UsageError

    if value is None:
        return None
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", value).split())
    if len(text) > MAX_NAME:
        raise UsageError(f"Nom {what} trop long ({len(text)} caractères, {MAX_NAME} au plus).")
    return text or None


def new_project(profil: str, organisation: str, partenaire: str | None) -> Project:
    organisation = _name(organisation, "de l'organisation") or ""
    partenaire = _name(partenaire, "du partenaire")
    stamp = now()
    return Project.model_validate(
        {
            "profil": profil,
            "organisation": {"nom": organisation},
            "partenaire": {"nom": partenaire or None},
            "cree_le": stamp,
            "mis_a_jour": stamp,
        }
    )


def parse_project(text: str, path: Path) -> Project:
    data, lines = parse_yaml(text, path, "Projet")
    if not isinstance(data, dict):
        raise InvalidFileError(
            path, [(1, "le projet doit être un ensemble de champs (clé : valeur)")], "Projet"
        )
    _check_format_first(data, path, lines)
    from partenariat import migration

    migrated = migration.needs_migration(data)
    if migrated:
        data = migration.migrate(data)
    data, upgraded = migration.upgrade_headcounts(data)  # headcount ranges → figures
    migrated = migrated or upgraded
    project = validate(Project, data, path, lines, "Projet")
    project._source = (path, lines)
    project._migrated = migrated
    return project


def _check_format_first(data: dict[str, Any], path: Path, lines: LineMap) -> None:
    # A newer format may have any layout: say "update partenariat" rather than list odd errors.
    version = data.get("format")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise InvalidFileError(
            path,
            [
                (
                    lines.line_for(("format",)),
                    f"format {version} créé par une version plus récente de "
                    f"partenariat (celle-ci lit le format {FORMAT_VERSION}) : mettez partenariat à jour",
                )
            ],
            "Projet",
        )


def load_project(path: Path) -> Project:
    return parse_project(read_text(path, "Projet"), path)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """One wizard per project file: the lock is taken on the real file, whatever path leads to it."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(real_path(path))), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ProjectLockedError(
            f"Le projet {path} est déjà ouvert par un autre assistant partenariat.\n"
            "Terminez ou interrompez l'autre session, puis relancez la commande."
        ) from None
    except OSError as exc:
        raise storage_error(path, exc) from None
    try:
        yield
    finally:
        lock.release()


def unknown_references(
    project: Project, field: str, key: str, known: set[str], message: str
) -> list[tuple[int | None, str]]:
    """Entries of a hand-editable list of the project (``confirmations``, ``accords``) whose
    ``key`` names nothing in ``known``, with their lines: such an entry would confirm nothing
    and say nothing. ``message`` is formatted with the unknown value."""
    lines = project._source[1] if project._source else None
    errors: list[tuple[int | None, str]] = []
    for i, entry in enumerate(getattr(project, field)):
        value = getattr(entry, key)
        if value not in known:
            line = lines.line_for((field, i, key)) if lines else None
            errors.append((line, message.format(value)))
    return errors


@contextlib.contextmanager
def open_project(path: Path) -> Iterator[ProjectStore]:
    """Lock, load and yield the project; the lock is released however the block ends."""
    if not os.path.lexists(path):
        raise ProjectNotFoundError(
            f"Projet introuvable : {path}\nCréez-le avec « partenariat init » ou vérifiez le chemin."
        )
    if not path.is_file():
        read_text(path, "Projet")  # names what it is (folder, device, pipe), before any lock file
    with _lock(path):
        text = read_text(path, "Projet")
        project = parse_project(text, path)
        remove_leftovers(real_path(path))
        if project.partage is not None:
            # Answering in a partner's shared file would break its fingerprint and mix the sides.
            from partenariat.errors import UsageError

            raise UsageError(
                f"{path} est le fichier partagé par {project.partage.de} : il se lit avec "
                "« partenariat compare », il ne se modifie pas. Indiquez votre propre projet."
            )
        store = ProjectStore(path, project, text)
        if project._migrated:
            _keep_original(store.target, text)
            store.save(touch=False)
        yield store


def _keep_original(path: Path, text: str) -> None:
    """Before the first save in a newer format, keep the file as it was (once)."""
    from partenariat import migration

    target = migration.backup_path(path)
    if target.exists():
        return
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise storage_error(target, exc) from None


def ensure_new(path: Path) -> None:
    """``init`` never replaces a project, readable or not (nor a dangling link in its place)."""
    if os.path.lexists(path) or os.path.lexists(real_path(path)):
        raise exists_error(path)


@contextlib.contextmanager
def create_project(path: Path, project: Project) -> Iterator[ProjectStore]:
    """Create a new project file (refusing to replace one) and yield it, locked.

    The lock comes first, then the existence check, and the first save links the file into
    place without replacing anything: of two simultaneous creations, one fails.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(path, exc) from None
    with _lock(path):
        ensure_new(path)
        store = ProjectStore(path, project, None)
        store.save(touch=False)
        yield store
