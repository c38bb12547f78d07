"""Export a project's documents: render the Markdown, convert it, write every file atomically.

A manifest in the output folder remembers the checksum of each file written, so that an export
never silently overwrites a document someone has edited since (unless ``force``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partenariat import atomic
from partenariat.errors import ExportConflictError, StorageError, UsageError, describe_os_error
from partenariat.vocabulary import (
    ALL_DOCUMENT_IDS,
    CALENDAR_FILE,
    DOCUMENT_IDS,
    FORMATS,
    INTERNAL_IDS,
    PARTNER_IDS,
)

if TYPE_CHECKING:
    from partenariat.convert import Conversion, ConversionError

MANIFEST = ".partenariat-export.json"


@dataclass
class ExportResult:
    files: list[Path] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)
    # With --format ics: how many dated events the calendar holds (0: empty calendar).
    evenements_calendrier: int | None = None
    avertissements_calendrier: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(output_dir: Path) -> dict[str, str]:
    path = output_dir / MANIFEST
    if not path.is_file():  # absent, or something odd (a pipe would block the read)
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("fichiers") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _check_choice(values: Iterable[str], allowed: tuple[str, ...], what: str) -> list[str]:
    chosen: list[str] = []
    for value in values:
        value = value.strip().lower().lstrip(".")
        if value not in allowed:
            raise UsageError(f"{what} inconnu : « {value} ». Possibles : {', '.join(allowed)}.")
        if value not in chosen:
            chosen.append(value)
    if not chosen:
        raise UsageError(f"Aucun {what.lower()} demandé.")
    return chosen


def export_documents(
    project_path: Path,
    output_dir: Path,
    formats: Iterable[str] = ("md",),
    documents: Iterable[str] | None = None,
    reference_doc: Path | Sequence[Path] | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    internal: bool = False,
    partner: Path | None = None,
) -> ExportResult:
    """Write the chosen documents in the chosen formats into ``output_dir``.

    By default the three documents for the partner; ``internal`` adds the « Note interne ».

    The same project always gives the same bytes, in every format (documents, file properties
    and archive entries are dated by the project's last change; for the PDF, see pdf.py).
    Raises ExportConflictError, before writing anything, if a file to replace was modified since
    the last export and ``force`` is false. ``reference_doc``: a .docx and/or an .odt whose
    styles the documents take. When a PDF is asked for and LibreOffice is absent, every other
    format is written, then PdfUnavailableError says so and how to install it.
    """
    from partenariat.analysis import analyse
    from partenariat.answers import verify
    from partenariat.content_checks import check_content
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.render import build_render_context, make_environment, render_document

    fmts = _check_choice(formats, FORMATS, "Format")
    docs = _check_choice(
        documents if documents is not None else DOCUMENT_IDS, ALL_DOCUMENT_IDS, "Document"
    )
    if internal:
        docs += [d for d in INTERNAL_IDS if d not in docs]
    if partner is not None:
        docs += [d for d in PARTNER_IDS if d not in docs]
    elif any(d in PARTNER_IDS for d in docs):
        raise UsageError(
            "La note de dialogue compare deux projets : indiquez le fichier du partenaire "
            "avec --partenaire FICHIER."
        )
    # The converters (pandoc, LibreOffice) are imported only when a format needs them: a
    # Markdown export is the one a user runs again and again.
    references: Mapping[str, Path] = {}
    if reference_doc is not None:
        from partenariat.convert import references_by_format

        if isinstance(reference_doc, (str, Path)):
            references = references_by_format([Path(reference_doc)])
        else:
            references = references_by_format(Path(r) for r in reference_doc)
    soffice = None
    if "pdf" in fmts:
        from partenariat.pdf import find_soffice

        soffice = find_soffice()
    pdf_missing = "pdf" in fmts and soffice is None
    if pdf_missing:
        fmts = [fmt for fmt in fmts if fmt != "pdf"]
    say = progress or (lambda _message: None)

    project = load_project(Path(project_path))
    questionnaires = load_questionnaires()
    # Ids read by the code, the clauses and the templates: only the export reads them all.
    check_content(questionnaires)
    verify(project, questionnaires)  # a hand-edited answer is named with its line, not rendered
    analysis = analyse(project, questionnaires)
    render_context = build_render_context(analysis)
    if partner is not None:
        from partenariat.comparison import compare
        from partenariat.dialogue import dialogue_variables
        from partenariat.sharing import load_partner

        comparison = compare(project, load_partner(Path(partner), questionnaires), questionnaires)
        render_context.variables["dialogue"] = dialogue_variables(comparison)
    env = make_environment()
    rendered = []
    for doc_id in docs:
        say(f"Rédaction : {doc_id}")
        rendered.append(render_document(doc_id, render_context, env))
    subject, keywords = _properties(project)
    author = project.organisation.nom or ""

    documents_formats = [f for f in fmts if f != "ics"]
    targets = [output_dir / f"{r.id}.{fmt}" for r in rendered for fmt in documents_formats]
    if "ics" in fmts:
        targets.append(output_dir / CALENDAR_FILE)
    created = _make_folder(output_dir)
    _remove_leftovers(output_dir)
    written: list[Path] = []
    try:
        _check_targets(targets)
        manifest = _read_manifest(output_dir)
        if not force:
            conflicts = [t for t in targets if t.exists() and manifest.get(t.name) != _sha256(t)]
            if conflicts:
                names = "\n".join(f"  - {c}" for c in conflicts)
                raise ExportConflictError(
                    "Ces fichiers ont été modifiés depuis le dernier export (ou n'en viennent pas) :\n"
                    f"{names}\nRien n'a été écrit. Renommez-les pour garder vos modifications, "
                    "ou relancez avec --force pour les remplacer."
                )

        temporaries: list[tuple[Path, Path]] = []
        calendar_events: int | None = None
        current = output_dir  # the file being written, to name it if the disk refuses
        try:
            jobs = []
            picture = _timeline_picture(render_context.variables, rendered, documents_formats, say)
            for doc in rendered:
                for fmt in documents_formats:
                    final = current = output_dir / f"{doc.id}.{fmt}"
                    tmp = atomic.temporary_beside(final, suffix=f".tmp.{fmt}")
                    temporaries.append((tmp, final))
                    if fmt == "md":
                        tmp.write_bytes(doc.markdown.encode("utf-8"))
                    else:
                        from partenariat.convert import Conversion
                        from partenariat.timeline_picture import replace_gantt_with_picture

                        jobs.append(
                            Conversion(
                                replace_gantt_with_picture(doc.markdown, picture),
                                fmt,
                                tmp,
                                doc.titre,
                                project.mis_a_jour,
                                subject=subject,
                                keywords=keywords,
                                author=author,
                            )
                        )
            if "ics" in fmts:
                from partenariat.ics import project_ics

                say("Calendrier : calendrier.ics")
                final = current = output_dir / CALENDAR_FILE
                tmp = atomic.temporary_beside(final, suffix=".tmp.ics")
                temporaries.append((tmp, final))
                ics_bytes, count = project_ics(analysis.project_events)
                tmp.write_bytes(ics_bytes)
                calendar_events = count
            pdf_failure = None
            to_write = temporaries
            if jobs:
                from partenariat.convert import convert_all

                current = output_dir
                say(f"Conversion : {len(jobs)} fichier(s)")
                others = [job for job in jobs if job.fmt != "pdf"]
                convert_all(others, reference_doc=references, progress=say)
                pdf_failure = _make_pdfs(
                    [job for job in jobs if job.fmt == "pdf"], references, say, soffice
                )
                if pdf_failure is not None:  # the other formats are still written
                    to_write = [
                        (tmp, final) for tmp, final in temporaries if final.suffix != ".pdf"
                    ]
            for tmp, final in to_write:
                current = final
                atomic.replace(tmp, final)
                manifest[final.name] = _sha256(final)
                written.append(final)
                say(f"Écrit : {final}")
        except OSError as exc:
            done = (
                "Aucun document n'a été remplacé."
                if not written
                else f"{len(written)} document(s) déjà remplacé(s), les autres sont intacts."
            )
            raise StorageError(
                f"Impossible d'écrire {current} : {describe_os_error(exc)}.\n{done}"
            ) from None
        finally:
            for tmp, _final in temporaries:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            if written:
                data = {"outil": "partenariat", "fichiers": dict(sorted(manifest.items()))}
                # Unwritable, only the next export's edit check suffers: it will ask for --force.
                with contextlib.suppress(OSError):
                    atomic.write(
                        output_dir / MANIFEST,
                        (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode(),
                    )
    except BaseException:
        if created and not written:  # a failed export leaves no empty folder behind
            with contextlib.suppress(OSError):
                output_dir.rmdir()
        raise
    names = "\n".join(f"  - {path}" for path in written) or "  (aucun)"
    if pdf_missing:
        from partenariat.pdf import PdfUnavailableError, install_hint

        raise PdfUnavailableError(
            "LibreOffice n'est pas installé : les PDF n'ont pas été produits.\n"
            f"Les autres formats demandés ont été écrits :\n{names}\n{install_hint()}"
        )
    if pdf_failure is not None:
        from partenariat.convert import ConversionError

        raise ConversionError(
            f"{pdf_failure.message}\nLes autres formats demandés ont été écrits :\n{names}\n"
            "Vous pouvez aussi ouvrir le fichier ODT ou DOCX et l'exporter en PDF depuis "
            "votre traitement de texte."
        )
    return ExportResult(
        files=written,
        missing={r.id: r.missing for r in rendered},
        evenements_calendrier=calendar_events,
        avertissements_calendrier=list(
            render_context.variables.get("avertissements_calendrier") or []
        ),
    )


def _timeline_picture(
    variables: dict[str, Any],
    rendered: list[Any],
    formats: list[str],
    say: Callable[[str], None],
) -> bytes | None:
    """The timeline PNG, drawn once, only when a converted follow-up plan needs it."""
    if not any(f != "md" for f in formats):
        return None
    from partenariat.timeline import MERMAID_START

    if not any(MERMAID_START in r.markdown for r in rendered):
        return None
    from partenariat.timeline_picture import draw_png

    say("Frise chronologique")
    return draw_png(variables["calendrier_complet"], variables)


# A temporary older than this comes from an export that was killed: a running one writes and
# renames its files within minutes (each conversion has its own time limit, see convert.py).
LEFTOVER_AGE_SECONDS = 3600


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary files a killed export left in ``folder`` (atomic.temporary_beside's
    names for a document: ``.NAME.XXXXXXXX.tmp.FORMAT``), once they are an hour old: another
    export running into the same folder keeps its own."""
    import re
    import time

    pattern = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp\.(?:" + "|".join(FORMATS) + r")")
    limit = time.time() - LEFTOVER_AGE_SECONDS
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not pattern.fullmatch(name):
            continue
        path = folder / name
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                path.unlink()


def _make_folder(folder: Path) -> bool:
    """Create the output folder; True when it did not exist (so a failure can remove it)."""
    existed = folder.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"Impossible de créer le dossier {folder} : {describe_os_error(exc)}."
        ) from None
    return not existed


def _check_targets(targets: list[Path]) -> None:
    taken = [t for t in targets if t.exists() and not t.is_file()]
    if taken:
        names = "\n".join(f"  - {t}" for t in taken)
        raise StorageError(
            "Ces noms de documents sont pris par des dossiers (ou autre chose qu'un fichier) :\n"
            f"{names}\nRien n'a été écrit. Renommez-les ou choisissez un autre dossier (--output)."
        )


def _make_pdfs(
    jobs: list[Conversion],
    references: Mapping[str, Path],
    say: Callable[[str], None],
    soffice: str | None,
) -> ConversionError | None:
    """The PDFs, made after the other formats: a LibreOffice failure is returned, not raised,
    so that the other formats are written all the same."""
    from partenariat.convert import ConversionError, convert_all

    if not jobs:
        return None
    try:
        convert_all(jobs, reference_doc=references, progress=say, soffice=soffice)
    except ConversionError as exc:
        return exc
    return None


def _properties(project: Any) -> tuple[str, tuple[str, ...]]:
    """The subject and keywords of the files' properties: the partnership and its organisations."""
    entreprise, association = (
        (project.organisation.nom, project.partenaire.nom)
        if project.profil == "entreprise"
        else (project.partenaire.nom, project.organisation.nom)
    )
    subject = (
        f"Partenariat entre {entreprise or 'une entreprise à désigner'} "
        f"et {association or 'une association à désigner'}"
    )
    return subject, tuple(name for name in (entreprise, association) if name)


def demo(
    output_dir: Path, force: bool = True, progress: Callable[[str], None] | None = None
) -> dict[str, ExportResult]:
    """Export every bundled example project, in all formats, into ``output_dir/<example>``.

    PDF included when LibreOffice is installed; without it the demo writes the other formats
    and says nothing more (``demo_formats`` tells the caller which formats were written).
    """
    from partenariat.resources import examples_dir

    results: dict[str, ExportResult] = {}
    folder = examples_dir()
    projects = sorted(folder.glob("*/partenariat.yaml")) if folder.is_dir() else []
    if not projects:
        raise UsageError(f"Aucun projet d'exemple trouvé dans {folder}.")
    for project in projects:
        name = project.parent.name
        results[name] = export_documents(
            project, output_dir / name, formats=demo_formats(), force=force, progress=progress
        )
    return results


def demo_formats() -> tuple[str, ...]:
    """Every format, PDF only when LibreOffice is there to make it."""
    from partenariat.pdf import find_soffice

    return FORMATS if find_soffice() is not None else tuple(f for f in FORMATS if f != "pdf")


def requested_formats(options: list[str]) -> list[str]:
    """The formats of ``--format``, repeated or comma-separated (« docx,odt »); Markdown always."""
    return ["md"] + [f.strip() for item in options for f in item.split(",") if f.strip()]
