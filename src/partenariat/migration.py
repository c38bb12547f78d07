"""Reading older project formats: format 1 had one ``forme_soutien`` and one amount in step 4.

Format 2 records each money flow (``etape4.flux``). A format-1 file is converted in memory when
read, so every command works on it; the first command that writes the project keeps the
original bytes beside it (``partenariat.yaml.format1``) before saving the new format, so
nothing the user typed is lost even if the conversion guessed wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CURRENT = 2
# Format 1 ``forme_soutien`` → format 2 flow nature.
_NATURES = {
    "don": "don_numeraire",
    "pret": "pret_argent",
    "prise_participation": "pret_argent",
    "prestation": "prestation",
    "parrainage": "parrainage",
}
_TVA = {"hors_champ": "hors_champ", "assujetti": "soumis", "a_verifier": "a_verifier"}
_OLD_KEYS = ("montant_contribution", "forme_soutien", "regime_tva")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".format1")


def needs_migration(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format", 1) == 1


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Format-1 data (as read from YAML) → format-2 data; the input is not modified."""
    result = dict(data)
    result["format"] = CURRENT
    steps = data.get("etapes")
    if not isinstance(steps, dict):
        return result
    steps = dict(steps)
    result["etapes"] = steps
    key = next((k for k in steps if str(k) == "4"), None)
    state = steps.get(key) if key is not None else None
    if not isinstance(state, dict) or not isinstance(state.get("reponses"), dict):
        return result
    answers = dict(state["reponses"])
    steps[key] = {**state, "reponses": answers}
    old = {k: answers.pop(k) for k in _OLD_KEYS if k in answers}
    if not answers.get("contribution_financiere") or "flux" in answers:
        return result
    flow: dict[str, Any] = {"sens": "entreprise_vers_association"}
    nature = _NATURES.get(str(old.get("forme_soutien")))
    if nature:
        flow["nature"] = nature
    flow["description"] = (
        "Prise de participation (titres associatifs)"
        if old.get("forme_soutien") == "prise_participation"
        else "Contribution financière (reprise du format 1)"
    )
    amount = old.get("montant_contribution")
    if isinstance(amount, (int, float)) and not isinstance(amount, bool):
        flow["montant"] = amount
        split = _split_by_year(answers, amount)
        if split:
            flow["montants_annuels"] = split
    tva = _TVA.get(str(old.get("regime_tva")))
    if tva:
        flow["tva"] = tva
    answers["flux"] = [flow]
    return result


def _split_by_year(answers: dict[str, Any], amount: float) -> dict[str, Any] | None:
    """Per-year split from the payment schedule when it adds up, else the start year."""
    by_year: dict[str, float] = {}
    for payment in answers.get("echeancier") or []:
        if not isinstance(payment, dict):
            return None
        day, value = payment.get("date"), payment.get("montant")
        if not isinstance(day, str) or not day[:4].isdigit() or not isinstance(value, (int, float)):
            return None
        by_year[day[:4]] = by_year.get(day[:4], 0) + value
    if by_year and round(sum(by_year.values()), 2) == round(float(amount), 2):
        return dict(sorted(by_year.items()))
    start = answers.get("date_debut")
    if not by_year and isinstance(start, str) and start[:4].isdigit():
        return {start[:4]: amount}
    return None


# Headcounts were once asked as ranges (steps 1 and 3) and again as exact figures (step 4);
# they are now asked once, as a figure, where first needed. A range is replaced by the exact
# figure step 4 holds for the same organisation; without one it cannot become a figure and is
# removed (the question is optional and asked again), the original file being kept beside.
HEADCOUNT_RANGES = frozenset({"moins_10", "de_10_a_49", "de_50_a_249", "de_250_a_4999", "plus_5000"})
_HEADCOUNTS = (  # (step, range question, its exact figure in step 4, profile that fills both)
    ("1", "organisation_effectif", "effectif_entreprise", "entreprise"),
    ("3", "partenaire_effectif", "effectif_entreprise_estime", "association"),
)


def upgrade_headcounts(data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Ranges → exact figures, as described above; (data, whether anything changed). The input
    is not modified."""
    steps = data.get("etapes")
    if not isinstance(steps, dict):
        return data, False

    def answers_of(n: str) -> dict[str, Any] | None:
        state = next((v for k, v in steps.items() if str(k) == n), None)
        answers = state.get("reponses") if isinstance(state, dict) else None
        return answers if isinstance(answers, dict) else None

    step4 = answers_of("4") or {}
    changes: dict[str, dict[str, Any]] = {}
    for n, qid, exact_id, profil in _HEADCOUNTS:
        answers = answers_of(n)
        if answers is None or answers.get(qid) not in HEADCOUNT_RANGES:
            continue
        exact = step4.get(exact_id) if data.get("profil") == profil else None
        fixed = {k: v for k, v in answers.items() if k != qid}
        if isinstance(exact, (int, float)) and not isinstance(exact, bool):
            fixed[qid] = exact
        changes[n] = fixed
    if not changes:
        return data, False
    result = dict(data)
    result["etapes"] = {
        k: ({**v, "reponses": changes[str(k)]} if str(k) in changes else v)
        for k, v in steps.items()
    }
    return result, True
