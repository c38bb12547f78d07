"""One agenda over many partnerships: what falls due in the next days, across every project found.

A company or an association runs ten or thirty partnerships; nobody opens thirty projects to know
what is due next month. A project that cannot be read is named and skipped: it never hides the
others. The cost is one project read and one calendar computed per project (linear).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partenariat.errors import PartenariatError, UsageError
from partenariat.vocabulary import PARTY_LABELS

if TYPE_CHECKING:
    from rich.console import Console

    from partenariat.ics import ProjectEvents
    from partenariat.questionnaire import Questionnaires
    from partenariat.schedule import CalendarEvent

PROJECT_NAME = "partenariat.yaml"
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


def parse_day(text: str | None) -> dt.date:
    """``--depuis``: an ISO or French date; today when absent."""
    if text is None:
        return dt.date.today()
    from partenariat.parsing import AnswerError, parse_date

    try:
        day = parse_date(text)
    except (AnswerError, ValueError):
        raise UsageError(
            f"Date invalide pour --depuis : « {text} ». Exemple : 2027-03-01 ou 1/03/2027."
        ) from None
    return day


def find_projects(roots: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Every ``partenariat.yaml`` under ``roots`` (hidden folders skipped), sorted; and problems."""
    found: list[Path] = []
    problems: list[str] = []
    for root in roots:
        if root.is_file():
            found.append(root)
            continue
        if not root.is_dir():
            problems.append(f"{root} : dossier introuvable.")
            continue
        for folder, dirs, files in os.walk(root, onerror=None):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS
            )
            if PROJECT_NAME in files:
                found.append(Path(folder) / PROJECT_NAME)
    unique = sorted({p.resolve(): p for p in found}.values(), key=lambda p: str(p))
    return unique, problems


@dataclass
class DueItem:
    date: dt.date
    partenariat: str
    projet: Path
    event: CalendarEvent
    etape: int | None


@dataclass
class AgendaResult:
    depuis: dt.date
    jusqu_au: dt.date
    echeances: list[DueItem] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)
    projets: list[ProjectEvents] = field(default_factory=list)
    # Read but incomplete for a calendar (no referent with an e-mail: events without attendees).
    remarques: list[str] = field(default_factory=list)

    @property
    def nombre_evenements(self) -> int:
        return sum(len(p.events) for p in self.projets)

    def as_json(self) -> str:
        data = {
            "depuis": self.depuis.isoformat(),
            "jusqu_au": self.jusqu_au.isoformat(),
            "projets_lus": len(self.projets),
            "echeances": [
                {
                    "date": item.date.isoformat(),
                    "partenariat": item.partenariat,
                    "projet": str(item.projet),
                    "echeance": item.event.evenement,
                    "type": item.event.type,
                    "etape": item.etape,
                    "qui": item.event.partie,
                    "a_preparer": item.event.detail,
                    "source": item.event.source or None,
                }
                for item in self.echeances
            ],
            "ignores": self.ignores,
            "remarques": self.remarques,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def as_ics(self) -> bytes:
        from partenariat.ics import build_calendar_ics

        return build_calendar_ics(self.projets, "Agenda des partenariats")


def _steps() -> dict[str, int]:
    from partenariat.calendar_data import load_calendar_data

    data = load_calendar_data()
    steps = {kind: k.etape for kind, k in data.echeances.items()}
    steps.update({rule.id: rule.etape for rule in data.echeances_legales})
    return steps


def _read(path: Path, questionnaires: Questionnaires) -> tuple[ProjectEvents, list[str]]:
    """One project's events, read as every command reads a project: its answers checked against
    their questions (a hand-edited answer is named, never dated), then analysed."""
    from partenariat.analysis import analyse
    from partenariat.answers import verify
    from partenariat.project import load_project

    project = load_project(path)
    verify(project, questionnaires)
    pe = analyse(project, questionnaires).project_events
    notes = [f"{path} : {w}" for w in pe.avertissements]
    return pe, notes


def _reason(message: str) -> str:
    """The first problem of an error message, without the file name the caller already gives."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if len(lines) > 1:
        first = lines[1].lstrip("- ")
        first = re.sub(r"^[^,:]+\.yaml, ", "", first)
        more = len(lines) - 2
        return first + (f" ; et {more} autre(s) problème(s)" if more > 0 else "")
    return lines[0] if lines else "erreur inconnue"


def _read_one(path: Path) -> tuple[Path, ProjectEvents | None, list[str]]:
    """One project, its events and notes; a project that cannot be read gives its reason."""
    from partenariat.questionnaire import load_questionnaires

    try:
        pe, notes = _read(path, load_questionnaires())
    except PartenariatError as exc:
        return path, None, [f"{path} : projet illisible, ignoré ({_reason(exc.message)})"]
    except (OSError, ValueError, OverflowError, RecursionError) as exc:
        return path, None, [f"{path} : projet illisible, ignoré ({exc})"]
    return path, pe, notes


# Below this many projects, starting worker processes costs more than it saves.
PARALLEL_FROM = 64


def _iter_projects(paths: Sequence[Path]) -> Iterator[tuple[Path, ProjectEvents | None, list[str]]]:
    """Read the projects, on every core when there are many (each project is independent)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from map(_read_one, paths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        yield from map(_read_one, paths)
        return
    chunk = max(1, len(paths) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_read_one, paths, chunksize=chunk)


def collect(roots: Sequence[Path], start: dt.date, days: int) -> AgendaResult:
    """Read every project under ``roots`` and keep the events from ``start`` to ``start + days``."""
    from partenariat.questionnaire import load_questionnaires
    from partenariat.schedule import _merge_meeting_and_reporting

    paths, problems = find_projects(roots)
    end = start + dt.timedelta(days=days)
    result = AgendaResult(start, end, ignores=list(problems))
    if not paths:
        where = ", ".join(str(r) for r in roots)
        details = "".join(f"\n  - {p}" for p in problems)
        raise UsageError(f"Aucun projet ({PROJECT_NAME}) trouvé dans : {where}.{details}")
    load_questionnaires()  # a broken questionnaire stops here, once, before any worker starts
    steps = _steps()
    seen: dict[str, Path] = {}
    for path, pe, notes in _iter_projects(paths):
        result.ignores.extend(notes)
        if pe is None:
            continue
        if pe.identite in seen:
            # A copy of the same project (a backup, the partner's file): its entries get their
            # own UIDs so that one does not replace the other in a calendar.
            result.remarques.append(
                f"{path} : même partenariat que {seen[pe.identite]} (une copie ?) ; "
                "ses échéances sont listées à part."
            )
            pe.identite = hashlib.sha256(f"{pe.identite}\x1f{path}".encode()).hexdigest()[:20]
        seen[pe.identite] = path
        result.projets.append(pe)
        if not pe.events:
            result.remarques.append(f"{path} : aucune date encore connue, rien à afficher.")
        elif not pe.participants:
            result.remarques.append(
                f"{path} : aucun référent avec une adresse électronique (étape 4) : "
                "ses échéances n'auront pas d'invités dans le calendrier."
            )
        for ev in _merge_meeting_and_reporting(list(pe.events)):
            if start <= ev.date <= end:
                result.echeances.append(DueItem(ev.date, pe.partenariat, path, ev, steps.get(ev.type)))
    result.echeances.sort(key=lambda i: (i.date, i.partenariat, i.event.ordre, i.event.evenement))
    return result


def print_agenda(console: Console, result: AgendaResult) -> None:
    from rich.table import Table

    from partenariat.french import date_fr

    title = (
        f"Échéances du {date_fr(result.depuis)} au {date_fr(result.jusqu_au)} "
        f"({len(result.projets)} partenariat(s) lu(s))"
    )
    if not result.echeances:
        console.print(f"{title} : aucune échéance.")
        return
    table = Table(title=title, title_justify="left", show_lines=False, expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Partenariat", ratio=2)
    table.add_column("Étape", justify="right", no_wrap=True)
    table.add_column("Échéance", ratio=3)
    table.add_column("Qui", no_wrap=True)
    for item in result.echeances:
        table.add_row(
            date_fr(item.date),
            item.partenariat,
            str(item.etape) if item.etape else "",
            item.event.evenement,
            PARTY_LABELS.get(item.event.partie, ""),
        )
    console.print(table)


def run_agenda(
    roots: list[Path],
    jours: int,
    fmt: str,
    output: str | None,
    depuis: str | None,
    console: Any,
    err: Any,
) -> None:
    """``partenariat agenda``: collect the due dates, then print them or write one calendar."""
    from partenariat.errors import UsageError

    if fmt not in ("table", "json", "ics"):
        raise UsageError(f"Format « {fmt} » inconnu : table, json ou ics.")
    if not 0 <= jours <= 3660:
        raise UsageError(f"--jours {jours} : indiquez un nombre de jours entre 0 et 3660.")
    result = collect(roots, parse_day(depuis), jours)
    for skipped in result.ignores:
        err.print(f"Ignoré : {skipped}", style="yellow", markup=False, highlight=False)
    if fmt == "ics":
        for note in result.remarques:
            err.print(f"Remarque : {note}", style="yellow", markup=False, highlight=False)
    if fmt == "json":
        import sys

        sys.stdout.write(result.as_json() + "\n")
    elif fmt == "ics":
        from partenariat import atomic

        target = Path(output) if output else Path.cwd() / "agenda.ics"
        try:
            atomic.write(target, result.as_ics())
        except OSError as exc:
            raise UsageError(f"Impossible d'écrire {target} : {exc.strerror}") from None
        console.print(
            f"Calendrier écrit : {target} ({result.nombre_evenements} échéance(s) de "
            f"{len(result.projets)} partenariat(s))",
            markup=False,
            highlight=False,
        )
    else:
        print_agenda(console, result)
