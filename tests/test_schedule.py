"""The follow-up calendar: inclusive end dates, working days, every dated event the answers imply,
legal deadlines with their sources, and the calendar data file validated with its lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import holidays
import pytest

from partenariat.calendar_data import load_calendar_data
from partenariat.errors import InvalidFileError
from partenariat.schedule import (
    build_calendar,
    end_of_convention,
    follow_up_calendar,
)
from partenariat.workdays import is_working_day, nth_working_day_after

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def ctx_for(debut: str, duree: int, **more: Any) -> dict[str, Any]:
    e4 = {"date_debut": debut, "duree_mois": duree, **more.pop("etape4", {})}
    return {"etape4": e4, **more}


# -- inclusive end dates -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("debut", "duree", "fin"),
    [
        ("2027-01-04", 36, D(2030, 1, 3)),  # the case the review found (said 4 January 2030)
        ("2027-01-01", 36, D(2029, 12, 31)),
        ("2027-01-31", 1, D(2027, 2, 28)),  # month end into a short month
        ("2026-08-31", 6, D(2027, 2, 28)),
        ("2027-03-31", 1, D(2027, 4, 30)),
        ("2028-01-31", 1, D(2028, 2, 29)),  # leap year
        ("2028-02-29", 12, D(2029, 2, 28)),  # from a 29 February to a year without one
        ("2027-03-01", 12, D(2028, 2, 29)),  # ends on a 29 February
        ("2028-02-29", 48, D(2032, 2, 28)),  # back to a leap year: the day before 29 February
    ],
)
def test_end_date_is_the_day_before_the_anniversary(debut: str, duree: int, fin: D) -> None:
    assert end_of_convention(ctx_for(debut, duree)) == fin
    events = build_calendar(ctx_for(debut, duree)).events
    assert [ev.date for ev in events if ev.type == "fin_convention"] == [fin]


def test_no_end_without_start_or_duration() -> None:
    assert end_of_convention({}) is None
    assert end_of_convention(ctx_for("2027-01-04", 0)) is None
    assert end_of_convention({"etape4": {"date_debut": "2027-01-04"}}) is None


# -- working days --------------------------------------------------------------------------------
def test_public_holidays_come_from_the_library() -> None:
    # Ascension and Whit Monday move with Easter: no fixed list could hold them.
    assert not is_working_day(D(2027, 5, 6))  # Ascension 2027
    assert not is_working_day(D(2027, 5, 17))  # Lundi de Pentecôte 2027
    assert not is_working_day(D(2027, 7, 14))
    assert not is_working_day(D(2030, 1, 1))
    assert is_working_day(D(2027, 5, 7))
    assert nth_working_day_after(D(2028, 5, 1), 2) == D(2028, 5, 3)
    assert nth_working_day_after(D(2027, 5, 1), 2) == D(2027, 5, 4)  # 1 May 2027 is a Saturday


def test_meetings_move_to_the_next_working_day() -> None:
    # launch on 1 October 2027, a meeting every 3 months: 1 January 2028 is a Saturday and a
    # public holiday → Monday 3 January; 1 April 2028 is a Saturday → Monday 3 April.
    ctx = ctx_for(
        "2027-10-01",
        12,
        etape4={"comite_pilotage": True},
        etape6={"date_lancement": "2027-10-01", "periodicite_comite_mois": 3},
    )
    meetings = [ev for ev in build_calendar(ctx).events if ev.type == "comite"]
    assert [ev.date for ev in meetings] == [D(2028, 1, 3), D(2028, 4, 3), D(2028, 7, 3)]
    assert meetings[0].date_calculee == D(2028, 1, 1) and meetings[0].deplacee
    # 14 July 2027, a Wednesday and a holiday → Thursday 15 July
    ctx["etape6"] = {"date_lancement": "2027-04-14", "periodicite_comite_mois": 3}
    assert D(2027, 7, 15) in [ev.date for ev in build_calendar(ctx).events if ev.type == "comite"]


def test_notice_deadline_moves_back_so_nobody_misses_it() -> None:
    # 36 months from 1 January 2027 end on 31 December 2029; 3 months' notice → by 30 September
    # 2029, a Sunday → Friday 28 September.
    ctx = ctx_for(
        "2027-01-01",
        36,
        etape4={"renouvellement": "tacite", "preavis_non_renouvellement_mois": 3},
    )
    (notice,) = [ev for ev in build_calendar(ctx).events if ev.type == "preavis_tacite"]
    assert notice.date == D(2029, 9, 28)
    assert notice.evenement == "Date limite pour dénoncer la reconduction tacite"
    assert notice.rappel_jours == 15


COMPUTED = {"comite", "reunion_suivi", "reporting", "reunion_et_reporting"}
COMPUTED |= {"preavis_tacite", "preavis_expres", "preavis_fin"}


def test_computed_dates_never_fall_on_a_weekend_or_a_holiday() -> None:
    data = load_calendar_data()
    legal = {rule.id for rule in data.echeances_legales}
    fr = holidays.country_holidays("FR", years=range(2026, 2036))
    checked = 0
    start = D(2026, 1, 1)
    for offset in range(0, 730, 5):
        day = start + dt.timedelta(days=offset)
        ctx = ctx_for(
            day.isoformat(),
            24 + offset % 13,
            etape4={
                "comite_pilotage": offset % 2 == 0,
                "renouvellement": ["tacite", "expres", "aucun"][offset % 3],
                "preavis_non_renouvellement_mois": 1 + offset % 6,
                "deduction_fiscale": True,
                "contribution_financiere": True,
                "flux": [
                    {
                        "nature": nature,
                        "sens": "entreprise_vers_association",
                        "montant": 3000,
                        "montants_annuels": {str(day.year + k): 1000 for k in range(3)},
                    }
                    for nature in ("don_numeraire", "mecenat_competences")
                ],
                "echeancier": [
                    {"date": (day + dt.timedelta(days=k * 97)).isoformat(), "montant": 1000}
                    for k in range(3)
                ],
            },
            etape5={"recu_fiscal": True},
            etape6={
                "date_lancement": (day + dt.timedelta(days=offset % 11)).isoformat(),
                "periodicite_comite_mois": 1 + offset % 12,
                "periodicite_reporting_mois": 1 + (offset // 3) % 12,
            },
        )
        for ev in build_calendar(ctx).events:
            if ev.type in COMPUTED or ev.type in legal:
                assert ev.date.weekday() < 5, (ev.type, ev.date)
                assert ev.date not in fr, (ev.type, ev.date, fr.get(ev.date))
                checked += 1
    assert checked > 3000


# -- every dated event ---------------------------------------------------------------------------
def example_ctx(name: str) -> dict[str, Any]:
    from partenariat.answers import build_context
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires

    project = load_project(ROOT / "examples" / name / "partenariat.yaml")
    return build_context(project, load_questionnaires())


def test_signature_payments_and_actions_are_in_the_calendar() -> None:
    ctx = example_ctx("mecenat-competences")
    events = build_calendar(ctx).events
    kinds = [ev.type for ev in events]
    assert kinds.count("signature") == 1
    assert kinds.count("versement") == len(ctx["etape4"]["echeancier"]) == 3
    assert kinds.count("debut_action") == kinds.count("fin_action") == len(ctx["etape4"]["actions"])
    (first,) = [ev for ev in events if ev.type == "versement" and ev.numero == 1]
    assert first.evenement == "Versement n° 1 : 30\u202f000\u00a0€"
    assert [ev.date for ev in events] == sorted(ev.date for ev in events)


def test_legal_deadlines_follow_the_money_with_their_sources() -> None:
    events = build_calendar(example_ctx("mecenat-competences")).events
    legal = [ev for ev in events if ev.legal]
    kinds = {ev.type for ev in legal}
    assert kinds == {
        "recu_fiscal",  # one per payment of the gift in cash
        "recu_fiscal_nature",  # one a year for the gifts in kind and of skills
        "declaration_recus",
        "declaration_2069_rci",
        "assemblee_generale",
    }
    for ev in legal:
        assert "(état 2026)" in ev.source
        assert "CGI" in ev.source or "C. com." in ev.source
    # gifts of 2027 → returns due the second working day after 1 May 2028 (Wednesday 3 May)
    due = {(ev.type, ev.numero): ev.date for ev in legal}
    assert due[("declaration_2069_rci", 2027)] == D(2028, 5, 3)
    assert due[("declaration_recus", 2027)] == D(2028, 5, 3)
    # the gifts of 2027, 2028 and 2029 (the flows' split by year) give three returns each
    assert sorted(n for t, n in due if t == "declaration_2069_rci") == [2027, 2028, 2029]
    # the dates that are the tool's advice say so
    assert all(
        ev.repere_pratique
        for ev in legal
        if ev.type in ("assemblee_generale", "recu_fiscal", "recu_fiscal_nature")
    )


def test_no_tax_deadline_without_a_gift() -> None:
    # a paid service and a sponsorship: no receipt, no gift to declare; the association's accounts
    # still record the money
    ctx = ctx_for(
        "2027-01-04",
        24,
        etape4={
            "contribution_financiere": True,
            "deduction_fiscale": False,
            "flux": [
                {"nature": "prestation", "sens": "entreprise_vers_association", "montant": 5000},
                {"nature": "parrainage", "sens": "entreprise_vers_association", "montant": 5000},
            ],
            "echeancier": [{"date": "2027-02-01", "montant": 10000}],
        },
        etape5={"recu_fiscal": False},
    )
    kinds = {ev.type for ev in build_calendar(ctx).events if ev.legal}
    assert kinds == {"assemblee_generale"}


def test_a_project_without_dates_gives_an_empty_calendar() -> None:
    calendar = build_calendar({})
    assert calendar.events == [] and calendar.avertissements == []
    assert follow_up_calendar({"etape4": {"duree_mois": 36}}) == []


def test_out_of_range_dates_are_named_and_left_out() -> None:
    ctx = ctx_for(
        "1200-01-01",
        36,
        etape5={"date_signature_prevue": "9999-12-31"},
        etape6={"date_lancement": "2027-01-04", "periodicite_comite_mois": 3},
    )
    calendar = build_calendar(ctx)
    assert any("1200-01-01" in w for w in calendar.avertissements)
    assert any("9999-12-31" in w for w in calendar.avertissements)
    assert {ev.type for ev in calendar.events} >= {"lancement", "reunion_suivi"}
    assert all(1900 <= ev.date.year <= 2200 for ev in calendar.events)


# -- the data file -------------------------------------------------------------------------------
def test_invalid_calendar_data_is_reported_with_lines(tmp_path: Path) -> None:
    text = (ROOT / "templates" / "calendrier.yaml").read_text(encoding="utf-8")
    bad = text.replace("    jour_ouvre: suivant\n", "    jour_ouvre: lundi\n", 1)
    bad = bad.replace('si: "etape4.deduction_fiscale"', 'si: "etape4.deduction_fiscale and ("', 1)
    path = tmp_path / "calendrier.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_calendar_data(path)
    assert len(info.value.errors) == 2
    assert all(line for line, _text in info.value.errors)


@pytest.mark.parametrize(
    ("debut", "duree", "preavis"),
    [("2027-01-01", 36, 3), ("2027-01-04", 36, 6), ("2028-02-29", 12, 2), ("2027-03-31", 18, 1)],
)
def test_rules_read_the_same_end_and_notice_dates_as_the_calendar(
    debut: str, duree: int, preavis: int
) -> None:
    """A rule that compares a date with the convention's end or the notice limit must use the
    dates the follow-up plan prints, not « start + N months » (one day later, never moved)."""
    from partenariat.expressions import evaluate

    ctx = ctx_for(
        debut,
        duree,
        etape4={"renouvellement": "tacite", "preavis_non_renouvellement_mois": preavis},
    )
    events = build_calendar(ctx).events
    (notice,) = [ev for ev in events if ev.type == "preavis_tacite"]
    (end,) = [ev for ev in events if ev.type == "fin_convention"]
    fin = evaluate("fin_convention(etape4.date_debut, etape4.duree_mois)", ctx)
    assert fin == end.date.isoformat() == end_of_convention(ctx).isoformat()
    limite = evaluate(f"limite_preavis('{fin}', etape4.preavis_non_renouvellement_mois)", ctx)
    assert limite == notice.date.isoformat()
