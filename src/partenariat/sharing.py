"""What one organisation sends the other: the shareable answers, fingerprinted; and reading them.

The partner's file is untrusted input: it goes through the project loader (size bound, safe YAML,
schema, each answer checked against its question) and nothing in it is ever evaluated. A file
written by ``partenariat partage`` carries the sha256 of its canonical content, so a shared file
edited by hand (or truncated) is named instead of being compared as if it came from the partner.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.questionnaire import Question, Questionnaires

SHARED_WHAT = "Fichier du partenaire"


def _without_internal(q: Question, value: Any) -> Any:
    """A repeated group keeps its items but loses the sub-answers marked internal."""
    if q.type != "liste" or not isinstance(value, list):
        return value
    internal = {sub.id for sub in q.sous_questions if sub.interne}
    if not internal:
        return value
    return [
        {k: v for k, v in item.items() if k not in internal} if isinstance(item, dict) else item
        for item in value
    ]


def shareable_answers(
    project: Project, questionnaires: Questionnaires
) -> dict[int, dict[str, Any]]:
    """Per step, the answers of active questions that may reach the partner (never an internal one)."""
    from partenariat.answers import build_context

    ctx = build_context(project, questionnaires)
    result: dict[int, dict[str, Any]] = {}
    for n, quest in questionnaires.etapes.items():
        active = ctx.get(f"etape{n}") or {}
        kept: dict[str, Any] = {}
        for q in quest.questions:
            if q.interne or q.id not in active:
                continue
            kept[q.id] = _without_internal(q, active[q.id])
        result[n] = kept
    return result


def canonical_content(project: Project) -> str:
    """The shared content as one canonical text: what the fingerprint covers (not ``partage``)."""
    data = project.model_dump(mode="json", exclude={"partage", "outil"})
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_fingerprint(project: Project) -> str:
    return hashlib.sha256(canonical_content(project).encode("utf-8")).hexdigest()


def shared_project(project: Project, questionnaires: Questionnaires) -> Project:
    """The project as the partner may see it, dated by the project's last change.

    Same project, same bytes: nothing here depends on the clock or on the machine.
    """
    from partenariat.project import EtatEtape, Partage, Project

    answers = shareable_answers(project, questionnaires)
    etapes = {}
    for key in sorted(project.etapes, key=int):
        state = project.etapes[key]
        etapes[key] = EtatEtape(
            statut=state.statut, mis_a_jour=state.mis_a_jour, reponses=answers.get(int(key), {})
        )
    shared = Project(
        format=project.format,
        outil=project.outil,
        profil=project.profil,
        organisation=project.organisation.model_copy(),
        partenaire=project.partenaire.model_copy(),
        cree_le=project.cree_le,
        mis_a_jour=project.mis_a_jour,
        etapes=etapes,
    )
    shared.partage = Partage(
        de=project.organisation.nom or "",
        le=project.mis_a_jour,
        empreinte=content_fingerprint(shared),
    )
    return shared


@dataclass
class PartnerFile:
    """The partner's side as read: its project (shared or whole), and the fingerprint naming it."""

    path: Path
    project: Project
    empreinte: str
    partage: bool

    @property
    def nom(self) -> str:
        return self.project.organisation.nom or "le partenaire"


def load_partner(path: Path, questionnaires: Questionnaires) -> PartnerFile:
    """Read the partner's shared file or whole project through the project's own checks."""
    from partenariat.answers import verify
    from partenariat.errors import InvalidFileError
    from partenariat.project import parse_project
    from partenariat.yamlio import read_text

    try:
        project = parse_project(read_text(path, SHARED_WHAT), path)
    except InvalidFileError as exc:
        # Same errors, named as the partner's file: the user did not write it.
        raise InvalidFileError(exc.path, exc.errors, SHARED_WHAT) from None
    try:
        verify(project, questionnaires)
    except InvalidFileError as exc:
        raise InvalidFileError(exc.path, exc.errors, SHARED_WHAT) from None
    if project.partage is None:
        # A whole project: named by the fingerprint its shared file would carry.
        shared = shared_project(project, questionnaires)
        assert shared.partage is not None
        return PartnerFile(path, project, shared.partage.empreinte, False)
    actual = content_fingerprint(project)
    lines = project._source[1] if project._source else None
    # The header is not fingerprinted: it must say what the content says.
    header: list[tuple[int | None, str]] = []
    if project.partage.de != (project.organisation.nom or ""):
        header.append(
            (
                lines.line_for(("partage", "de")) if lines else None,
                f"« de » ({project.partage.de}) ne correspond pas à l'organisation du fichier "
                f"({project.organisation.nom})",
            )
        )
    if project.partage.le != project.mis_a_jour:
        header.append(
            (
                lines.line_for(("partage", "le")) if lines else None,
                "la date du partage ne correspond pas à la dernière modification du projet",
            )
        )
    if header:
        raise InvalidFileError(path, header, SHARED_WHAT)
    if actual != project.partage.empreinte:
        line = lines.line_for(("partage", "empreinte")) if lines else None
        raise InvalidFileError(
            path,
            [
                (
                    line,
                    "l'empreinte ne correspond plus au contenu : le fichier a été modifié depuis "
                    "« partenariat partage ». Demandez au partenaire de le partager à nouveau.",
                )
            ],
            SHARED_WHAT,
        )
    return PartnerFile(path, project, actual, True)


def short(fingerprint: str) -> str:
    """The first 12 hex digits: enough for a person to tell two files apart."""
    return fingerprint[:12]


def _slug(name: str | None) -> str:
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-") or "organisation"


def default_shared_path(path: Path, project: Project) -> Path:
    """``partage-ORGANISATION.yaml`` beside the project."""
    return path.parent / f"partage-{_slug(project.organisation.nom)}.yaml"


def write_shared_file(path: Path, output: Path | None) -> tuple[Path, Project]:
    """Write the file for the partner (``partenariat partage``); where it went and what it holds.

    The project's answers are checked first; the shared file never replaces the project.
    """
    from partenariat.answers import verify
    from partenariat.errors import StorageError, UsageError
    from partenariat.project import atomic_write, dump_project, load_project
    from partenariat.questionnaire import load_questionnaires

    proj = load_project(path)
    questionnaires = load_questionnaires()
    verify(proj, questionnaires)
    shared = shared_project(proj, questionnaires)
    target = output if output is not None else default_shared_path(path, proj)
    if target.resolve() == path.resolve():
        raise UsageError(
            "Le fichier partagé ne peut pas remplacer le projet : choisissez un autre nom."
        )
    try:
        atomic_write(target, dump_project(shared).encode("utf-8"))
    except OSError as exc:
        raise StorageError(
            f"Impossible d'écrire le fichier partagé {target} : {exc.strerror or exc}."
        ) from None
    return target, shared
