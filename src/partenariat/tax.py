"""Year-by-year simulation of the company's mécénat tax reduction (CGI art. 238 bis).

A multi-year gift is not one reduction of 60 % of the total: each fiscal year has its own
ceiling (20 000 € or 5 ‰ of turnover excluding VAT, whichever is higher), the rate falls to 40 %
above 2 M€ of gifts in the year (except for bodies helping people in difficulty), and the part
above the ceiling is carried forward over the five following years, after that year's own
gifts. Partners plan budgets on these figures; showing them year by year, each with its source,
is what lets a reader check them. It remains an indicative simulation, not a tax opinion.

Assumptions, stated in every document that shows the table: the fiscal year is the calendar
year; the turnover given applies to every year; the reduced rate applies to the part of the
year's retained gifts above the threshold; the tax due is assumed large enough to absorb the
reduction (the carry-forward of a reduction larger than the tax due is not simulated).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from partenariat import flows
from partenariat.settings import Figure, Settings, load_settings

LABEL = "simulation indicative, à faire confirmer"
FIGURES_USED = (
    "taux_reduction_mecenat",
    "taux_reduction_mecenat_au_dela",
    "seuil_taux_reduit",
    "plafond_dons_montant",
    "plafond_dons_part_ca",
    "report_excedent_annees",
)


@dataclass
class YearRow:
    annee: int
    dons: float
    plafond: float
    retenu_annee: float
    retenu_report: float
    base: float
    reduction: float
    excedent: float
    report_restant: float
    perdu: float
    sources: list[Figure] = field(default_factory=list)

    @property
    def annee_reglages(self) -> int:
        return self.sources[0].annee if self.sources else self.annee

    @property
    def extrapolee(self) -> bool:
        return any(f.extrapolee for f in self.sources)


@dataclass
class Simulation:
    lignes: list[YearRow]
    chiffre_affaires: float | None
    personnes_en_difficulte: bool
    libelle: str = LABEL

    @property
    def total_dons(self) -> float:
        return sum(r.dons for r in self.lignes)

    @property
    def total_reduction(self) -> float:
        return sum(r.reduction for r in self.lignes)

    @property
    def total_perdu(self) -> float:
        return sum(r.perdu for r in self.lignes)

    @property
    def report_final(self) -> float:
        return self.lignes[-1].report_restant if self.lignes else 0.0

    def as_dict(self) -> dict[str, Any]:
        """For ``check --format json``: each year's figures, the settings year they come from,
        and each figure's source and checked date (a script must be able to cite them too)."""
        return {
            "libelle": self.libelle,
            "chiffre_affaires": self.chiffre_affaires,
            "lignes": [
                {
                    "exercice": r.annee,
                    "chiffres_de": r.annee_reglages,
                    "dons": r.dons,
                    "plafond": r.plafond,
                    "dons_retenus": r.retenu_annee,
                    "report_utilise": r.retenu_report,
                    "reduction": r.reduction,
                    "reste_a_reporter": r.report_restant,
                    "perdu": r.perdu,
                }
                for r in self.lignes
            ],
            "total_reduction": self.total_reduction,
            "sources": [
                {
                    "chiffre": f.id,
                    "annee": f.annee,
                    "valeur_retenue": f.valeur,
                    "reference_legale": f.source,
                    "verifie_le": f.verifie_le.isoformat(),
                }
                for f in self.sources
            ],
        }

    @property
    def sources(self) -> list[Figure]:
        """Each figure used, once per (figure, year of settings)."""
        seen: dict[tuple[str, int], Figure] = {}
        for row in self.lignes:
            for fig in row.sources:
                # The year it stands in for is said once, beside the table.
                seen.setdefault((fig.id, fig.annee), replace(fig, annee_demandee=None))
        return list(seen.values())

    @property
    def annees_extrapolees(self) -> list[int]:
        return [r.annee for r in self.lignes if r.extrapolee]


def _cents(value: float) -> float:
    return round(value + 0.0, 2)


def simulate(
    gifts_by_year: dict[int, float],
    turnover: float | None,
    people_in_difficulty: bool = False,
    settings: Settings | None = None,
) -> Simulation:
    """The reduction year by year, carrying the excess over the ceiling forward."""
    settings = settings or load_settings()
    years = sorted(y for y, v in gifts_by_year.items() if v > 0)
    rows: list[YearRow] = []
    if not years:
        return Simulation(rows, turnover, people_in_difficulty)
    carried: list[list[float]] = []  # [origin year, amount left], oldest first
    year = years[0]
    while True:
        figs = {key: settings.figure(key, year) for key in FIGURES_USED}
        horizon = int(figs["report_excedent_annees"].valeur)
        lost = 0.0
        for entry in list(carried):
            if year - entry[0] > horizon:
                lost += entry[1]
                carried.remove(entry)
        gifts = float(gifts_by_year.get(year, 0.0))
        ceiling = figs["plafond_dons_montant"].valeur
        if turnover:
            ceiling = max(ceiling, figs["plafond_dons_part_ca"].valeur * turnover)
        ceiling = _cents(ceiling)
        room = ceiling
        own = min(gifts, room)
        room -= own
        from_carry = 0.0
        for entry in carried:
            take = min(entry[1], room)
            entry[1] -= take
            room -= take
            from_carry += take
        carried = [e for e in carried if e[1] > 0.005]
        excess = _cents(gifts - own)
        if excess > 0:
            carried.append([year, excess])
        base = _cents(own + from_carry)
        threshold = figs["seuil_taux_reduit"].valeur
        rate = figs["taux_reduction_mecenat"].valeur
        if people_in_difficulty:
            reduction = base * rate
        else:
            reduction = min(base, threshold) * rate + max(0.0, base - threshold) * (
                figs["taux_reduction_mecenat_au_dela"].valeur
            )
        rows.append(
            YearRow(
                annee=year,
                dons=_cents(gifts),
                plafond=ceiling,
                retenu_annee=_cents(own),
                retenu_report=_cents(from_carry),
                base=base,
                reduction=_cents(reduction),
                excedent=excess,
                report_restant=_cents(sum(e[1] for e in carried)),
                perdu=_cents(lost),
                sources=list(figs.values()),
            )
        )
        year += 1
        if year > years[-1] and not carried:
            break
    return Simulation(rows, turnover, people_in_difficulty)


def turnover_from(step4: dict[str, Any]) -> float | None:
    for key in ("ca_ht_entreprise", "ca_ht_entreprise_estime"):
        value = step4.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return float(value)
    return None


def gifts_by_year(flux: Any) -> dict[int, float]:
    result: dict[int, float] = {}
    for flow in flows.gifts(flux):
        for year, amount in flows.by_year(flow).items():
            result[year] = result.get(year, 0.0) + amount
    return dict(sorted(result.items()))


def simulation_for(context: dict[str, Any], settings: Settings | None = None) -> Simulation | None:
    """The simulation for a project's answers, or None when no gift is split by year."""
    step4 = context.get("etape4") or {}
    by_year = gifts_by_year(step4.get("flux"))
    if not by_year:
        return None
    return simulate(
        by_year,
        turnover_from(step4),
        bool(step4.get("aide_personnes_difficulte")),
        settings,
    )


def reference_year(context: dict[str, Any], settings: Settings) -> int:
    """The year whose figures rules and help texts quote: the convention's start, else the
    first year of a flow, else the latest year of the settings."""
    step4 = context.get("etape4") or {}
    start = step4.get("date_debut")
    if isinstance(start, str) and start[:4].isdigit():
        return int(start[:4])
    years = [y for f in flows.as_flows(step4.get("flux")) for y in flows.by_year(f)]
    return min(years) if years else settings.last_year


def finances(context: dict[str, Any], settings: Settings | None = None) -> dict[str, Any]:
    """Totals of the flows that rules and documents read (``finances.total_dons``…)."""
    settings = settings or load_settings()
    step4 = context.get("etape4") or {}
    flux = flows.as_flows(step4.get("flux"))
    outgoing = [
        f
        for f in flux
        if f.get("sens", flows.COMPANY_TO_ASSOCIATION) == flows.COMPANY_TO_ASSOCIATION
    ]
    gifts_year = gifts_by_year(flux)
    commercial_year: dict[int, float] = {}
    support_year: dict[int, float] = {}
    for flow in outgoing:
        for year, value in flows.by_year(flow).items():
            support_year[year] = support_year.get(year, 0.0) + value
            if flow.get("nature") in flows.COMMERCIAL:
                commercial_year[year] = commercial_year.get(year, 0.0) + value
    sim = simulation_for(context, settings)
    year = reference_year(context, settings)
    return {
        "total": sum(flows.amount(f) for f in outgoing),
        "total_dons": flows.gift_total(flux),
        "dons_par_annee": gifts_year,
        "dons_annuels_max": max(gifts_year.values(), default=0.0),
        "commercial_annuel_max": max(commercial_year.values(), default=0.0),
        "soutien_annuel_max": max(support_year.values(), default=0.0),
        "natures": flows.natures(flux),
        "a_mecenat": bool(flows.gifts(flux)),
        "chiffre_affaires": turnover_from(step4),
        "effectif": next(
            (
                step4[k]
                for k in ("effectif_entreprise", "effectif_entreprise_estime")
                if isinstance(step4.get(k), (int, float))
            ),
            None,
        ),
        "simulation": sim,
        "annee_reference": year,
        "annee_reglages": settings.year_used(year),
    }
