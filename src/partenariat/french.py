"""French typography for documents and messages: dates, amounts, durations, rhythms.

One place for the rules of convention-reference §4 (« 1er avril 2027 », « 12 500 € » with a narrow
no-break space between thousands and a no-break space before €), used by the prompts, the rules'
messages and the documents alike.
"""

from __future__ import annotations

from typing import Any

from partenariat.expressions import to_date

NBSP = "\u00a0"
NNBSP = "\u202f"
MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _is_missing(value: Any) -> bool:
    """None, empty text or list, or a template's undefined value (falsy and not a number)."""
    if isinstance(value, (int, float)):
        return False
    return not value


def date_fr(value: Any) -> str:
    """« 26 novembre 2026 », « 1er avril 2027 »; an unreadable value is returned as is."""
    day = to_date(value)
    if day is None:
        return "" if _is_missing(value) else str(value)
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTH_NAMES[day.month - 1]} {day.year}"


def _group(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NNBSP.join(groups)


def nombre_fr(value: Any) -> str:
    """« 12 500 », « 1 250,5 »: narrow no-break spaces between thousands, decimal comma."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).replace(",", "."))
        except ValueError:
            return str(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    if float(value).is_integer():
        return sign + _group(str(int(value)))
    whole, _, frac = f"{value:.2f}".partition(".")
    frac = frac.rstrip("0")
    return sign + _group(whole) + ("," + frac if frac else "")


def euros(value: Any) -> str:
    """« 12 500 € », « 1 250,50 € » (cents always shown when there are some)."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).replace(NNBSP, "").replace(" ", "").replace(",", "."))
        except ValueError:
            return str(value)
    sign = "-" if value < 0 else ""
    cents = round(abs(value) * 100)
    whole, rest = divmod(cents, 100)
    text = sign + _group(str(whole)) + (f",{rest:02d}" if rest else "")
    return f"{text}{NBSP}€"


def _months(value: Any) -> int | str:
    """A number of months, or the text to show as is ("" when missing, the value if unreadable)."""
    if _is_missing(value) or isinstance(value, bool):
        return ""
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def mois(value: Any) -> str:
    """« 36 mois (3 ans) », « 18 mois », « 1 mois »."""
    months = _months(value)
    if isinstance(months, str):
        return months
    text = f"{months}{NBSP}mois"
    if months >= 12 and months % 12 == 0:
        years = months // 12
        text += f" ({years}{NBSP}an{'s' if years > 1 else ''})"
    return text


def rythme(value: Any) -> str:
    """A periodicity in months: « tous les 3 mois », « chaque mois », « chaque année », « tous les 2 ans »."""
    months = _months(value)
    if isinstance(months, str):
        return months
    if months == 1:
        return "chaque mois"
    if months == 12:
        return "chaque année"
    if months > 12 and months % 12 == 0:
        return f"tous les {months // 12}{NBSP}ans"
    return f"tous les {months}{NBSP}mois"


def note_sur_100(score: float) -> str:
    """A candidate's score as every screen and document shows it: « 86 / 100 » (half up)."""
    from decimal import ROUND_HALF_UP, Decimal

    whole = int(Decimal(str(score)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{nombre_fr(whole)} / 100"


def montant_en_lettres(value: Any) -> str:
    """« quatre-vingt-dix mille euros », « deux millions d'euros », « un euro et cinquante centimes ».

    A convention states its amounts in figures and in words (convention-reference §4); the words
    come from num2words (French cardinal numbers, 1990 spelling rules aside), the currency and
    its agreement (« euro » singular below two, « d'euros » after a round million) from here.
    """
    if _is_missing(value) or isinstance(value, bool):
        return ""
    try:
        amount = float(str(value).replace(NNBSP, "").replace(" ", "").replace(",", "."))
    except ValueError:
        return ""
    if amount < 0 or amount != amount or amount in (float("inf"), float("-inf")):
        return ""
    from num2words import num2words  # type: ignore[import-untyped]

    cents = round(amount * 100)
    whole, rest = divmod(cents, 100)
    words = num2words(whole, lang="fr")
    if whole >= 1_000_000 and whole % 1_000_000 == 0:
        unit = "d'euros"
    else:
        unit = "euro" if whole < 2 else "euros"
    text = f"{words} {unit}"
    if rest:
        text += f" et {num2words(rest, lang='fr')} {'centime' if rest < 2 else 'centimes'}"
    return text
