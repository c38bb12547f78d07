"""The follow-up calendar: every dated event a project's answers imply, in order.

Kept apart from the rendering so that the documents, the ICS export and the agenda over many
projects compute the same dates from the same answers. What a reader sees of an event (its label,
what to prepare, its reminder, the source of a legal deadline) is data, in templates/calendrier.yaml;
this module only computes dates.

Two rules a practitioner checks:
- a convention of N months starting on day D ends the day before D + N months (the inclusive
  rule: 36 months from 4 January 2027 end on 3 January 2030);
- a computed date (a meeting, a report, a notice deadline) never falls on a weekend or a French
  public holiday: meetings move to the next working day, deadlines to the previous one so that
  nobody misses them. Dates the answers fix are never moved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from partenariat.calendar_data import Band, load_calendar_data
from partenariat.expressions import add_months, to_date
from partenariat.french import euros, mois
from partenariat.workdays import nth_working_day_after, shift

MAX_PERIODIC_EVENTS = 60
# Dates outside these years are typing mistakes (or hand edits); they are named and left out.
FIRST_YEAR, LAST_YEAR = 1900, 2200


# --------------------------------------------------------------------------------------------
# Events


@dataclass
class CalendarEvent:
    date: dt.date
    evenement: str
    detail: str
    ordre: int = 5
    # The kind (a key of calendrier.yaml, or a legal deadline's id) and its rank among the events
    # of that kind: with the project's identity they make the calendar entry's stable UID.
    type: str = ""
    numero: int = 0
    partie: str = "commun"
    rappel_jours: int | None = None
    source: str = ""
    repere_pratique: bool = False
    # The date the rule gave before it was moved off a weekend or a public holiday.
    date_calculee: dt.date | None = None
    # A periodic event (meetings, reports): its rhythm in months, counted from ``origine``.
    periode_mois: int | None = None
    origine: dt.date | None = None
    frise: Band = "actions"
    legal: bool = False

    @property
    def deplacee(self) -> bool:
        return self.date_calculee is not None and self.date_calculee != self.date


@dataclass
class Calendar:
    """Every dated event, and what could not be dated (named, never silently dropped)."""

    events: list[CalendarEvent] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def anniversary(day: dt.date, months: int) -> dt.date:
    """Day D + N months; when that day does not exist (31 April, 29 February 2029), the first of
    the next month, so that a period started on a month's last days still covers whole months."""
    target = add_months(day, months)
    if target.day != day.day:  # clamped: the day does not exist in that month
        return target + dt.timedelta(days=1)
    return target


def end_of_convention(ctx: dict[str, Any]) -> dt.date | None:
    """The convention's last day: N months from day D end the day before D + N months
    (36 months from 4 January 2027 end on 3 January 2030; 12 months from 29 February 2028 end on
    28 February 2029)."""
    e4 = ctx.get("etape4") or {}
    debut, duree = to_date(e4.get("date_debut")), _number(e4.get("duree_mois"))
    if debut is None or duree is None or duree < 1 or not _in_range(debut):
        return None
    try:
        return last_day(debut, duree)
    except (ValueError, OverflowError):
        return None


def last_day(start: dt.date, months: int) -> dt.date:
    """N months from day D end the day before D + N months (the inclusive rule)."""
    return anniversary(start, months) - dt.timedelta(days=1)


def notice_limit(end: dt.date, months: int) -> dt.date:
    """The last day to give an N-month notice before ``end`` (the convention's last day): the
    notice must reach the partner N months before the day after the end, so by the day before
    (end + 1 day − N months). Moved to a working day by the calendar's ``jour_ouvre`` rule."""
    return anniversary(end + dt.timedelta(days=1), -months) - dt.timedelta(days=1)


def _in_range(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


_FIELD = re.compile(r"\{([a-z_]+)\}")


def _fill(text: str, values: dict[str, Any]) -> str:
    from partenariat.markdown import nest_guillemets

    # an answer between the template's guillemets keeps its own as « … “…” » (typography)
    return nest_guillemets(_FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), text))


class _Builder:
    def __init__(self, data: Any, ctx: dict[str, Any]) -> None:
        self.data = data
        self.ctx = ctx
        self.country = data.jours_feries.pays
        self.calendar = Calendar()

    def date(self, value: Any, what: str) -> dt.date | None:
        """An answered date, or None; an out-of-range date is named and left out."""
        day = to_date(value)
        if day is None:
            if isinstance(value, str) and value.strip():
                self.calendar.avertissements.append(f"{what} : date illisible « {value} », ignorée.")
            return None
        if not _in_range(day):
            self.calendar.avertissements.append(
                f"{what} : date hors limites ({day.isoformat()}), ignorée."
            )
            return None
        return day

    def add(
        self,
        kind: str,
        day: dt.date,
        numero: int = 0,
        values: dict[str, Any] | None = None,
        detail: str | None = None,
        periode: int | None = None,
        origine: dt.date | None = None,
    ) -> CalendarEvent:
        k = self.data.echeances[kind]
        values = values or {}
        moved = shift(day, k.jour_ouvre, self.country)
        event = CalendarEvent(
            date=moved,
            evenement=_fill(k.libelle, values),
            detail=_fill(k.a_preparer, values) if detail is None else detail,
            ordre=k.ordre,
            type=kind,
            numero=numero,
            partie=k.partie,
            rappel_jours=k.rappel_jours,
            date_calculee=day if k.jour_ouvre != "tel_quel" else None,
            periode_mois=periode,
            origine=origine,
            frise=k.frise,
        )
        self.calendar.events.append(event)
        return event

    def legal(self, rule: Any, day: dt.date, numero: int, values: dict[str, Any]) -> None:
        moved = shift(day, rule.jour_ouvre, self.country)
        self.calendar.events.append(
            CalendarEvent(
                date=moved,
                evenement=_fill(rule.libelle, values),
                detail=_fill(rule.a_preparer, values),
                ordre=20,
                type=rule.id,
                numero=numero,
                partie=rule.partie,
                rappel_jours=rule.rappel_jours,
                source=f"{rule.source} (état {rule.annee})",
                repere_pratique=rule.repere_pratique,
                date_calculee=day,
                frise="obligations",
                legal=True,
            )
        )


def build_calendar(ctx: dict[str, Any], data: Any | None = None) -> Calendar:
    """Every dated event of a project (unmerged: one per meeting, report, payment…), in order."""
    data = data or load_calendar_data()
    b = _Builder(data, ctx)
    e4, e5, e6, e7 = (ctx.get(f"etape{n}") or {} for n in (4, 5, 6, 7))

    debut = b.date(e4.get("date_debut"), "Date d'entrée en vigueur")
    fin = end_of_convention(ctx) if debut else None
    signature = b.date(e5.get("date_signature_prevue"), "Date de signature prévue")
    lancement = b.date(e6.get("date_lancement"), "Date de lancement") or debut
    if signature:
        b.add("signature", signature)
    if debut:
        b.add("entree_en_vigueur", debut)
    if lancement:
        b.add("lancement", lancement)

    payments: list[tuple[int, dt.date, Any]] = []
    for i, item in enumerate(e4.get("echeancier") or [], start=1):
        if not isinstance(item, dict):
            continue
        day = b.date(item.get("date"), f"Versement n° {i}")
        if day is None:
            continue
        amount = item.get("montant")
        condition = str(item.get("condition") or "").strip()
        k = data.echeances["versement"]
        detail = f"Condition : {condition}" if condition else k.a_preparer
        b.add(
            "versement",
            day,
            i,
            {"numero": i, "montant": euros(amount) if amount is not None else "montant à préciser"},
            detail=detail,
        )
        payments.append((i, day, amount))

    for i, action in enumerate(e4.get("actions") or [], start=1):
        if not isinstance(action, dict):
            continue
        title = str(action.get("intitule") or f"action {i}").strip()
        start = b.date(action.get("date_debut"), f"Action « {title} », début")
        end = b.date(action.get("date_fin"), f"Action « {title} », fin")
        if start:
            b.add("debut_action", start, i, {"intitule": title})
        if end:
            b.add("fin_action", end, i, {"intitule": title})

    horizon = fin or (add_months(lancement, 36) if lancement else None)

    def periodic(period: Any, kind: str) -> None:
        months = _number(period)
        if not lancement or not horizon or months is None or months < 1:
            return
        for k in range(1, MAX_PERIODIC_EVENTS + 1):
            day = add_months(lancement, months * k)
            if day > horizon:
                break
            b.add(kind, day, k, periode=months, origine=lancement)

    meeting = "comite" if e4.get("comite_pilotage") else "reunion_suivi"
    periodic(e6.get("periodicite_comite_mois"), meeting)
    periodic(e6.get("periodicite_reporting_mois"), "reporting")

    for i, bilan in enumerate(e7.get("bilans_intermediaires") or [], start=1):
        if isinstance(bilan, dict):
            day = b.date(bilan.get("date"), f"Bilan intermédiaire n° {i}")
            if day:
                objet = str(bilan.get("objet") or "").strip()
                b.add("bilan", day, i, detail=objet or None)
    day = b.date(e6.get("date_communication_externe"), "Date de communication externe")
    if day:
        b.add("communication_externe", day)
    day = b.date(e7.get("date_premiers_resultats"), "Date des premiers résultats")
    if day:
        b.add("premiers_resultats", day)

    preavis = _number(e4.get("preavis_non_renouvellement_mois"))
    if fin and preavis is not None and preavis >= 0:
        kind = {"tacite": "preavis_tacite", "expres": "preavis_expres"}.get(
            str(e4.get("renouvellement")), "preavis_fin"
        )
        b.add(kind, notice_limit(fin, preavis), values={"mois": mois(preavis)})
    day = b.date(e7.get("date_evaluation_finale"), "Date de l'évaluation finale")
    if day:
        b.add("evaluation_finale", day)
    if fin:
        b.add("fin_convention", fin)

    _legal_deadlines(b, ctx, payments, debut, fin)
    b.calendar.events.sort(key=lambda ev: (ev.date, ev.ordre, ev.type, ev.numero, ev.evenement))
    return b.calendar


def _legal_deadlines(
    b: _Builder,
    ctx: dict[str, Any],
    payments: list[tuple[int, dt.date, Any]],
    debut: dt.date | None,
    fin: dt.date | None,
) -> None:
    from partenariat.expressions import is_true

    for rule in b.data.echeances_legales:
        if not is_true(rule.si, ctx):
            continue
        r = rule.regle
        if r.type == "apres_versement":
            for i, day, _amount in payments:
                b.legal(rule, day + dt.timedelta(days=r.jours or 0), i, {"numero": i})
        elif r.type in ("jour_ouvre_apres", "date_annuelle"):
            for year in _years(r.annees, ctx, payments, debut, fin):
                month = r.mois or 1
                anchor = dt.date(year + 1, month, min(r.jour or 1, _month_days(year + 1, month)))
                day = (
                    nth_working_day_after(anchor, r.rang or 1, b.country)
                    if r.type == "jour_ouvre_apres"
                    else anchor
                )
                b.legal(rule, day, year, {"annee": year})


def _years(
    which: str,
    ctx: dict[str, Any],
    payments: list[tuple[int, dt.date, Any]],
    debut: dt.date | None,
    fin: dt.date | None,
) -> list[int]:
    """The calendar years an annual deadline follows (the year of the gift, not of the filing)."""
    from partenariat import flows

    paid = {day.year for _i, day, _amount in payments}
    items = flows.as_flows((ctx.get("etape4") or {}).get("flux"))
    if which == "dons":
        items = [f for f in items if flows.is_gift(f)]
    elif which == "dons_en_nature":
        items = [f for f in items if flows.is_gift(f) and f.get("nature") != "don_numeraire"]
    years = {y for f in items for y in flows.by_year(f) if FIRST_YEAR <= y <= LAST_YEAR}
    if which in ("versements", "dons", "flux"):
        years |= paid
    if not years and which != "dons_en_nature" and debut and fin:
        years = set(range(debut.year, fin.year + 1))
    return sorted(years)


def _month_days(year: int, month: int) -> int:
    return (add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)).day


def _merge_meeting_and_reporting(
    events: list[CalendarEvent], data: Any | None = None
) -> list[CalendarEvent]:
    """A meeting and a report due the same day make one row: the report is presented there."""
    merged: list[CalendarEvent] = []
    for ev in events:
        previous = merged[-1] if merged else None
        if (
            previous
            and previous.date == ev.date
            and previous.type in ("comite", "reunion_suivi")
            and ev.type == "reporting"
        ):
            kind = (data or load_calendar_data()).echeances["reunion_et_reporting"]
            merged[-1] = CalendarEvent(
                ev.date,
                _fill(kind.libelle, {"libelle_reunion": previous.evenement}),
                kind.a_preparer,
                kind.ordre,
                type="reunion_et_reporting",
                numero=previous.numero,
                partie=kind.partie,
                rappel_jours=previous.rappel_jours,
                date_calculee=previous.date_calculee,
                frise=kind.frise,
            )
        else:
            merged.append(ev)
    return merged


def follow_up_calendar(ctx: dict[str, Any]) -> list[CalendarEvent]:
    """Dated milestones from signature to the end of the convention, one row per day and event."""
    return _merge_meeting_and_reporting(build_calendar(ctx).events)
