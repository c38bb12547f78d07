"""What the « Note de dialogue » shows of a comparison: agreements, gaps as questions, silences.

Only values the comparison itself shows reach the note: a point « hors échange » is named, never
its value, so the note can be handed to the partner like the other documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.comparison import Comparison, PointResult


def _question(r: PointResult) -> str:
    return r.point.question or f"{r.point.libelle} : quelle valeur retenir ?"


def dialogue_variables(comparison: Comparison) -> dict[str, Any]:
    """The note's variables, in the points' order (steps, then the order of comparaison.yaml)."""
    from partenariat.french import date_fr
    from partenariat.sharing import short

    nous = comparison.nous.organisation.nom or "Notre organisation"
    partner = comparison.partenaire
    them = partner.nom
    names = {"nous": nous, "partenaire": them}
    results = sorted(comparison.resultats, key=lambda r: r.point.etape)

    def convenu(r: PointResult) -> str:
        if r.accord is None or r.changements:
            return ""
        return f"convenu le {date_fr(r.accord.le)}"

    accords = [
        {
            "etape": r.point.etape,
            "libelle": r.point.libelle,
            "valeur": r.nous.texte if r.nous.etat != "silence" else r.partenaire.texte,
            "convenu": convenu(r),
        }
        for r in results
        if r.statut == "accord"
    ]
    ecarts = [
        {
            "etape": r.point.etape,
            "libelle": r.point.libelle,
            "question": _question(r),
            "nous": r.nous.texte,
            "partenaire": r.partenaire.texte,
            "accord_du": date_fr(r.accord.le) if r.accord else "",
            "modifie": " et ".join(names[w] for w in r.changements),
        }
        for r in results
        if r.statut == "ecart"
    ]
    silences = [
        {
            "nom": names[who],
            "points": [
                {"etape": r.point.etape, "libelle": r.point.libelle}
                for r in results
                if r.statut == "a_renseigner" and who in r.silencieux
            ],
        }
        for who in ("nous", "partenaire")
    ]
    return {
        "nous": nous,
        "partenaire": them,
        "nature": "fichier partagé" if partner.partage else "projet complet",
        "partenaire_date": date_fr(partner.project.mis_a_jour),
        "empreinte": short(partner.empreinte),
        "totaux": comparison.totaux(),
        "accords": accords,
        "ecarts": ecarts,
        "a_renseigner": silences,
        "hors_echange": [
            {"etape": r.point.etape, "libelle": r.point.libelle}
            for r in results
            if r.statut == "hors_echange"
        ],
    }
