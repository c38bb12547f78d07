"""What the answers imply for a clause beyond its level: contradictions between answers (a payment
schedule that does not add up to the money flows) and remarks for the drafting (which annexes
bind the parties).

Kept apart from the levels (checklist.py): each check here is a lawyer's reading of the answers,
and a new one is added without touching how a level is decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.questionnaire import Question


# Flows paid in money, which the payment schedule (etape4.echeancier) spreads over dates.
CASH_NATURES = ("don_numeraire", "parrainage", "prestation", "pret_argent")


def schedule_mismatch(step4: dict[str, Any]) -> str | None:
    """Why the payment schedule and the money flows of step 4 disagree, in French (None: they agree).

    A convention whose amount in words says one sum and whose schedule adds up to another is the
    first thing a lawyer sends back: the financial clause cannot be settled, nor agreed, so.
    """
    from partenariat import flows
    from partenariat.french import euros

    schedule = step4.get("echeancier")
    if not isinstance(schedule, list) or not schedule:
        return None
    paid = [
        f
        for f in flows.as_flows(step4.get("flux"))
        if f.get("nature") in CASH_NATURES
        and f.get("sens", flows.COMPANY_TO_ASSOCIATION) == flows.COMPANY_TO_ASSOCIATION
        and isinstance(f.get("montant"), (int, float))
    ]
    amounts: list[float] = [
        float(item["montant"])
        for item in schedule
        if isinstance(item, dict) and isinstance(item.get("montant"), (int, float))
    ]
    if not paid or not amounts:
        return None
    flows_total = sum(float(f["montant"]) for f in paid)
    gifts_total = sum(float(f["montant"]) for f in paid if f.get("nature") == "don_numeraire")
    schedule_total = sum(amounts)
    # The schedule spreads either every payment in money, or the cash gifts alone (a paid
    # service is then settled on its invoices): it must add up to one of the two.
    if any(abs(total - schedule_total) < 0.005 for total in (flows_total, gifts_total)):
        return None
    against = (
        f"les dons en numéraire totalisent {euros(gifts_total)}"
        if gifts_total
        else f"les flux versés en argent par l'entreprise totalisent {euros(flows_total)}"
    )
    if gifts_total and abs(gifts_total - flows_total) >= 0.005:
        against += f" (et l'ensemble des flux versés en argent {euros(flows_total)})"
    return (
        f"l'échéancier des versements totalise {euros(schedule_total)} alors que {against} : "
        "mettez l'un ou l'autre à jour (partenariat step 4) avant de régler la clause"
    )


def inconsistencies(ctx: dict[str, Any]) -> dict[str, list[str]]:
    """Contradictions between answers, by the clause they keep from being settled."""
    found: dict[str, list[str]] = {}
    mismatch = schedule_mismatch(ctx.get("etape4") or {})
    if mismatch:
        found["modalites_financieres"] = [mismatch]
    return found


# The framing document records each side's analysis and its vigilance points: annexed as
# « partie intégrante », all of it would bind the parties.
NON_CONTRACTUAL_ANNEXES = ("document_cadrage",)


def annex_remarks(active: dict[int, dict[str, Question]], ctx: dict[str, Any]) -> list[str]:
    """Which annexes bind the parties, and what is cited as a reference only."""
    q = active.get(5, {}).get("annexes")
    chosen = (ctx.get("etape5") or {}).get("annexes")
    if q is None or not isinstance(chosen, list) or not chosen:
        return []
    from partenariat.french import liste_fr

    labels = {c.valeur: c.libelle for c in q.choix}
    binding = [labels.get(v, v) for v in chosen if v not in NON_CONTRACTUAL_ANNEXES]
    remarks = []
    if binding:
        remarks.append(
            "Annexes qui font partie intégrante de la convention, à le dire dans un article : "
            + liste_fr(binding)
            + "."
        )
    if any(v in NON_CONTRACTUAL_ANNEXES for v in chosen):
        remarks.append(
            "Le document de cadrage n'est pas annexé comme partie intégrante : ses analyses et ses "
            "points de vigilance deviendraient des obligations. Le préambule peut le citer comme "
            "document de référence, sans valeur contractuelle (repère pratique de partenariat)."
        )
    return remarks
