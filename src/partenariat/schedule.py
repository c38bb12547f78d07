"""The follow-up calendar: every dated event a project's answers imply, in order.

Kept apart from the rendering so that the documents, the ICS export and the agenda over many
projects compute the same dates from the same answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from partenariat.expressions import to_date
from partenariat.french import mois


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


MAX_PERIODIC_EVENTS = 60


@dataclass
class CalendarEvent:
    date: dt.date
    evenement: str
    detail: str
    ordre: int = 5


def end_of_convention(ctx: dict[str, Any]) -> dt.date | None:
    e4 = ctx.get("etape4") or {}
    debut, duree = to_date(e4.get("date_debut")), e4.get("duree_mois")
    if debut is None or isinstance(duree, bool) or not isinstance(duree, (int, float)):
        return None
    return add_months(debut, int(duree))


def follow_up_calendar(ctx: dict[str, Any]) -> list[CalendarEvent]:
    """Dated milestones from launch to the end of the convention, in order."""
    e4, e6, e7 = (ctx.get(f"etape{n}") or {} for n in (4, 6, 7))
    debut = to_date(e4.get("date_debut"))
    lancement = to_date(e6.get("date_lancement")) or debut
    duree = e4.get("duree_mois")
    fin = (
        add_months(debut, int(duree))
        if debut and isinstance(duree, (int, float)) and not isinstance(duree, bool)
        else None
    )
    events: list[CalendarEvent] = []
    if debut:
        events.append(CalendarEvent(debut, "Entrée en vigueur de la convention", "", 0))
    if lancement:
        events.append(CalendarEvent(lancement, "Lancement opérationnel", "", 1))
    horizon = fin or (add_months(lancement, 36) if lancement else None)

    def periodic(period: Any, label: str, detail: str, ordre: int) -> None:
        if (
            not lancement
            or not horizon
            or not isinstance(period, (int, float))
            or isinstance(period, bool)
            or period < 1
        ):
            return
        for k in range(1, MAX_PERIODIC_EVENTS + 1):
            day = add_months(lancement, int(period) * k)
            if day >= horizon:
                break
            events.append(CalendarEvent(day, label, detail, ordre))

    instance = "Réunion du comité de pilotage" if e4.get("comite_pilotage") else "Réunion de suivi"
    periodic(
        e6.get("periodicite_comite_mois"), instance, "Point d'avancement, décisions d'ajustement", 4
    )
    periodic(e6.get("periodicite_reporting_mois"), "Reporting", "Envoi du rapport d'avancement", 5)

    def dated(value: Any, label: str, detail: str, ordre: int) -> None:
        day = to_date(value)
        if day is not None:
            events.append(CalendarEvent(day, label, detail, ordre))

    for bilan in e7.get("bilans_intermediaires") or []:
        if isinstance(bilan, dict):
            dated(bilan.get("date"), "Bilan intermédiaire", str(bilan.get("objet") or ""), 3)
    dated(e6.get("date_communication_externe"), "Communication externe", "", 6)
    dated(
        e7.get("date_premiers_resultats"),
        "Premiers résultats attendus",
        "Premier point sur les indicateurs",
        2,
    )
    preavis = e4.get("preavis_non_renouvellement_mois")
    if fin and isinstance(preavis, (int, float)) and not isinstance(preavis, bool):
        renouvellement = e4.get("renouvellement")
        label = {
            "tacite": "Date limite pour dénoncer la reconduction tacite",
            "expres": "Date limite pour décider du renouvellement",
        }.get(str(renouvellement), "Date limite du préavis de fin")
        events.append(
            CalendarEvent(
                add_months(fin, -int(preavis)),
                label,
                f"Préavis de {mois(preavis)} avant la fin de la convention",
                7,
            )
        )
    dated(
        e7.get("date_evaluation_finale"),
        "Évaluation finale",
        "Décision : renouveler, modifier ou mettre fin",
        8,
    )
    if fin:
        events.append(CalendarEvent(fin, "Échéance de la convention", "", 9))
    events.sort(key=lambda ev: (ev.date, ev.ordre, ev.evenement))
    return _merge_meeting_and_reporting(events)


def _merge_meeting_and_reporting(events: list[CalendarEvent]) -> list[CalendarEvent]:
    """A meeting and a report due the same day make one row: the report is presented there."""
    merged: list[CalendarEvent] = []
    for ev in events:
        previous = merged[-1] if merged else None
        if previous and previous.date == ev.date and (previous.ordre, ev.ordre) == (4, 5):
            merged[-1] = CalendarEvent(
                ev.date,
                f"{previous.evenement} et reporting",
                "Rapport d'avancement présenté en réunion, décisions d'ajustement",
                4,
            )
        else:
            merged.append(ev)
    return merged
