"""The follow-up calendar as an iCalendar file (RFC 5545) for Outlook, Google Agenda, Thunderbird.

Re-importing after a change must update the events, not duplicate them: each event's UID comes
from the project's identity (organisation, partner, creation) plus the event's kind and rank, never
from its date. DTSTAMP is the project's last change, so the same project gives the same bytes.
Meetings and reports with a rhythm are one recurring event (RRULE); an occurrence moved off a
weekend or a public holiday is written as an override of that occurrence (RECURRENCE-ID), which
every common calendar understands.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partenariat.french import date_fr

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.schedule import Calendar, CalendarEvent

PRODID = "-//partenariat//Calendrier de suivi du partenariat//FR"
UID_DOMAIN = "partenariat.invalid"
PERIODIC = ("comite", "reunion_suivi", "reporting")


@dataclass
class ProjectEvents:
    """One project's dated events, with what the calendar entries need to know of the project."""

    identite: str
    partenariat: str
    dtstamp: dt.datetime
    events: Sequence[CalendarEvent]
    participants: list[tuple[str, str]]  # (name, e-mail)
    avertissements: list[str]


def project_identity(project: Project) -> str:
    """A stable id of the project: who, with whom, created when (never its dates of events)."""
    key = "\x1f".join(
        [
            project.profil,
            project.organisation.nom or "",
            project.partenaire.nom or "",
            project.cree_le.isoformat(),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def partnership_name(project: Project) -> str:
    a, b = project.organisation.nom or "?", project.partenaire.nom or "partenaire à désigner"
    return f"{a} – {b}"


def referents(ctx: dict[str, Any]) -> list[tuple[str, str]]:
    """Referents with a usable e-mail address (others are simply not invited)."""
    result: list[tuple[str, str]] = []
    for item in (ctx.get("etape4") or {}).get("referents") or []:
        if not isinstance(item, dict):
            continue
        mail = str(item.get("courriel") or "").strip()
        if "@" not in mail or any(c.isspace() or c in "<>\"'" for c in mail):
            continue
        result.append((str(item.get("nom") or "").strip(), mail))
    return result


def project_events(project: Project, ctx: dict[str, Any], calendar: Calendar) -> ProjectEvents:
    """One project's events for a calendar file, from the calendar its analysis built."""
    return ProjectEvents(
        project_identity(project),
        partnership_name(project),
        project.mis_a_jour,
        calendar.events,
        referents(ctx),
        calendar.avertissements,
    )


def _uid(identity: str, kind: str, index: int) -> str:
    return f"{identity}-{kind}-{index}@{UID_DOMAIN}"


def _utc(stamp: dt.datetime) -> dt.datetime:
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.astimezone(dt.timezone.utc).replace(microsecond=0)


def _description(ev: CalendarEvent, partnership: str) -> str:
    lines = [f"Partenariat : {partnership}"]
    if ev.detail:
        lines.append(f"À préparer : {ev.detail}")
    who = {"entreprise": "l'entreprise", "association": "l'association"}.get(ev.partie)
    if who:
        lines.append(f"Qui agit : {who}")
    if ev.deplacee and ev.date_calculee is not None:
        lines.append(
            f"Date calculée : {date_fr(ev.date_calculee)}, déplacée sur un jour ouvré."
        )
    if ev.source:
        lines.append(f"Source : {ev.source}")
    if ev.repere_pratique:
        lines.append("Repère pratique de l'outil, pas un délai légal.")
    return "\n".join(lines)


def _vevent(pe: ProjectEvents, ev: CalendarEvent, uid: str) -> Any:
    from icalendar import Alarm, Event, vCalAddress, vText

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(pe.dtstamp))
    event.add("dtstart", ev.date)
    event.add("dtend", ev.date + dt.timedelta(days=1))
    event.add("summary", f"{ev.evenement} – {pe.partenariat}")
    event.add("description", _description(ev, pe.partenariat))
    event.add("categories", ["Partenariat"])
    event.add("transp", "TRANSPARENT")
    for name, mail in pe.participants:
        attendee = vCalAddress(f"mailto:{mail}")
        if name:
            attendee.params["cn"] = vText(name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    if ev.rappel_jours:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Dans {ev.rappel_jours} jours : {ev.evenement}")
        alarm.add("trigger", dt.timedelta(days=-ev.rappel_jours))
        event.add_component(alarm)
    return event


def _series(pe: ProjectEvents, kind: str, occurrences: list[CalendarEvent]) -> list[Any]:
    """One recurring event for a rhythm; moved occurrences as overrides (RECURRENCE-ID)."""
    first = occurrences[0]
    origin, months = first.origine, first.periode_mois
    nominal = [ev.date_calculee or ev.date for ev in occurrences]
    expected = None
    if origin is not None and months and origin.day <= 28:
        from partenariat.expressions import add_months

        expected = [add_months(origin, months * ev.numero) for ev in occurrences]
    uid = _uid(pe.identite, kind, 0)
    if expected != nominal or expected is None or [ev.numero for ev in occurrences] != list(
        range(1, len(occurrences) + 1)
    ):
        # Not a plain monthly rhythm (a 29th–31st, a gap): one event per occurrence.
        return [_vevent(pe, ev, _uid(pe.identite, kind, ev.numero)) for ev in occurrences]
    master_src = occurrences[0]
    master = _vevent(pe, master_src, uid)
    master.pop("dtstart")
    master.pop("dtend")
    master.add("dtstart", nominal[0])
    master.add("dtend", nominal[0] + dt.timedelta(days=1))
    master.add("rrule", {"freq": "monthly", "interval": months, "count": len(occurrences)})
    out = [master]
    for ev, day in zip(occurrences, nominal, strict=True):
        if ev.date != day:
            override = _vevent(pe, ev, uid)
            override.add("recurrence-id", day)
            out.append(override)
    return out


def build_calendar_ics(projects: Iterable[ProjectEvents], name: str) -> bytes:
    """An iCalendar file holding the events of ``projects``."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for pe in projects:
        periodic: dict[str, list[CalendarEvent]] = {}
        for ev in pe.events:
            if ev.type in PERIODIC and ev.periode_mois:
                periodic.setdefault(ev.type, []).append(ev)
                continue
            cal.add_component(_vevent(pe, ev, _uid(pe.identite, ev.type, ev.numero)))
        for kind, occurrences in periodic.items():
            for component in _series(pe, kind, occurrences):
                cal.add_component(component)
    data: bytes = cal.to_ical()
    return data


def project_ics(pe: ProjectEvents) -> tuple[bytes, int]:
    """The ICS of one project and its number of dated events (0: an empty but valid calendar)."""
    return build_calendar_ics([pe], f"Partenariat {pe.partenariat}"), len(pe.events)
