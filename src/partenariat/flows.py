"""The money and in-kind flows of step 4 (``etape4.flux``): what French law makes of each.

A partnership rarely has one flow; a gift, skills, equipment and a paid service each have their
own tax and VAT treatment. The whole tax position (receipt, counterparts, reduction, VAT,
commercial taxes) follows from the flows, never from the title chosen for the convention.
"""

from __future__ import annotations

from typing import Any

# Natures of flow, as stored in ``etape4.flux[].nature``.
DON_NUMERAIRE = "don_numeraire"
DON_NATURE = "don_nature"
MECENAT_COMPETENCES = "mecenat_competences"
PARRAINAGE = "parrainage"
PRESTATION = "prestation"
PRET_MATERIEL = "pret_materiel_locaux"
MISE_A_DISPOSITION = "mise_a_disposition_personnel"
PRET_ARGENT = "pret_argent"

# Gifts that may open the company's tax reduction (CGI art. 238 bis).
MECENAT = frozenset({DON_NUMERAIRE, DON_NATURE, MECENAT_COMPETENCES})
# Paid operations: in the scope of VAT, possibly of commercial taxes for the association.
COMMERCIAL = frozenset({PARRAINAGE, PRESTATION})
STAFF = frozenset({MECENAT_COMPETENCES, MISE_A_DISPOSITION})
COMPANY_TO_ASSOCIATION = "entreprise_vers_association"

# The convention form each kind of flow calls for (step 5 ``forme_juridique``).
FORM_MECENAT = "convention_mecenat"
FORM_PARRAINAGE = "contrat_parrainage"
FORM_PARTENARIAT = "convention_partenariat"


def as_flows(value: Any) -> list[dict[str, Any]]:
    """The flows as a list of dicts, whatever was stored (absent, None, hand-edited)."""
    if not isinstance(value, list):
        return []
    return [f for f in value if isinstance(f, dict)]


def natures(value: Any) -> list[str]:
    """Natures present, in order of first appearance."""
    seen: list[str] = []
    for flow in as_flows(value):
        nature = flow.get("nature")
        if isinstance(nature, str) and nature not in seen:
            seen.append(nature)
    return seen


def is_gift(flow: dict[str, Any]) -> bool:
    """A gift from the company to the association: what a tax receipt may cover."""
    return flow.get("nature") in MECENAT and flow.get("sens", COMPANY_TO_ASSOCIATION) == (
        COMPANY_TO_ASSOCIATION
    )


def gifts(value: Any) -> list[dict[str, Any]]:
    return [f for f in as_flows(value) if is_gift(f)]


def amount(flow: dict[str, Any]) -> float:
    raw = flow.get("montant")
    return float(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else 0.0


def by_year(flow: dict[str, Any]) -> dict[int, float]:
    """The flow's amount per calendar year; a flow without split counts in no year."""
    raw = flow.get("montants_annuels")
    result: dict[int, float] = {}
    if isinstance(raw, dict):
        for year, value in raw.items():
            try:
                y = int(year)
            except (TypeError, ValueError):
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                result[y] = result.get(y, 0.0) + float(value)
    return dict(sorted(result.items()))


def total(value: Any, kinds: frozenset[str] | None = None) -> float:
    return sum(amount(f) for f in as_flows(value) if kinds is None or f.get("nature") in kinds)


def gift_total(value: Any) -> float:
    return sum(amount(f) for f in gifts(value))


def proposed_form(value: Any) -> str | None:
    """The convention form the flows call for: mécénat only, parrainage only, or a partnership
    convention that may hold a mécénat part."""
    kinds = set(natures(value))
    if not kinds:
        return None
    if kinds <= MECENAT:
        return FORM_MECENAT
    if kinds == {PARRAINAGE}:
        return FORM_PARRAINAGE
    return FORM_PARTENARIAT


def mecenat_types(value: Any) -> list[str]:
    """Step 5 ``type_mecenat`` values the gifts call for."""
    mapping = {DON_NUMERAIRE: "numeraire", DON_NATURE: "nature", MECENAT_COMPETENCES: "competences"}
    return [mapping[n] for n in natures(gifts(value)) if n in mapping]
