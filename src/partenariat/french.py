"""French typography for documents and messages: dates, amounts, durations, rhythms.

One place for the rules of convention-reference §4 (« 1er avril 2027 », « 12 500 € » with a narrow
no-break space between thousands and a no-break space before €), used by the prompts, the rules'
messages and the documents alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from partenariat.expressions import to_date

if TYPE_CHECKING:
    from partenariat.memo_cache import Memo
    from partenariat.questionnaire import Question

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


def is_missing(value: Any) -> bool:
    """The one reading of « no answer »: None, empty text, list or table, or a template's
    undefined value; a number or a yes/no is an answer even when it is 0 or false."""
    if isinstance(value, (int, float)):
        return False
    return not value


_is_missing = is_missing


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


def taux_fr(value: Any) -> str:
    """A rate stored as a fraction as French text: 0.6 → « 60 % », 0.005 → « 5 ‰ »."""
    if 0 < float(value) < 0.01:
        return f"{nombre_fr(round(float(value) * 1000, 2))}{NBSP}‰"
    return f"{nombre_fr(round(float(value) * 100, 2))}{NBSP}%"


def oui_non(value: Any) -> str:
    """« Oui » / « Non »; nothing for a missing answer."""
    if is_missing(value):
        return ""
    return "Oui" if value is True or str(value).lower() in ("true", "oui", "1") else "Non"


def label_key(text: str) -> str:
    """A choice's label as typed or as written: case, runs of spaces and the apostrophe's shape
    (’ in the questionnaires, ' on most keyboards) do not tell two labels apart."""
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _lower_first(text: str) -> str:
    """« Moyens humains » → « moyens humains », but leave « RSE », « ISO 26000 » alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def liste_fr(items: Iterable[Any], continuer: bool = False, liaison: str = "et") -> str:
    """« a, b et c » (or « a, b ou c »); ``continuer`` lowercases the items after the first."""
    values = [str(i) for i in items if not is_missing(i)]
    if continuer:
        values = values[:1] + [_lower_first(v) for v in values[1:]]
    if not values:
        return ""
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + f" {liaison} " + values[-1]


def is_periodicity(question: Question | None) -> bool:
    """A ``duree`` question that asks « how often » (declared ``periodicite``), not « how long »."""
    return question is not None and question.periodicite


# -- an answer's French lines, per type (``values.TYPES`` names which function reads which type) --
def unless_yes_no(
    lines: Callable[[Question, Any], list[str]],
) -> Callable[[Question, Any], list[str]]:
    """A yes/no stored where another type was expected still reads « Oui » / « Non »."""
    return lambda q, raw: [oui_non(raw)] if isinstance(raw, bool) else lines(q, raw)


def grid_lines(q: Question | None, raw: Any) -> list[str]:
    """One line per row of a grid: « Ancrage local : 4 / 5 »."""
    top = f" / {nombre_fr(q.max)}" if q is not None and q.max is not None else ""
    rows = raw.items() if isinstance(raw, dict) else []
    return [f"{q.choice_label(k) if q else k} : {nombre_fr(v)}{top}" for k, v in rows]


def other_lines(q: Question, raw: Any) -> list[str]:
    return grid_lines(q, raw) if isinstance(raw, dict) else [str(raw)]


def choice_lines(q: Question, raw: Any) -> list[str]:
    return [q.choice_label(raw)]


def choices_lines(q: Question, raw: Any) -> list[str]:
    return [q.choice_label(v) for v in (raw if isinstance(raw, list) else [raw])]


def duration_lines(q: Question, raw: Any) -> list[str]:
    return [rythme(raw) if is_periodicity(q) else mois(raw)]


def number_lines(q: Question, raw: Any) -> list[str]:
    return [nombre_fr(raw) + (f" {q.unite}" if q.unite else "")]


def yearly_lines(q: Question, raw: Any) -> list[str]:
    if not isinstance(raw, dict):
        return other_lines(q, raw)
    return [f"{k} : {euros(v)}" for k, v in raw.items()]


def list_lines(q: Question, raw: Any) -> list[str]:
    if not isinstance(raw, list):
        return other_lines(q, raw)
    return [item_summary(q, item) for item in raw]


def answer_lines(q: Question | None, raw: Any) -> list[str]:
    """An answer as French lines, by its question's type: what documents and terminal show."""
    if is_missing(raw):
        return []
    if q is not None:
        from partenariat.values import TYPES

        return TYPES[q.type].lines(q, raw)
    # a value without its question (a rule's message, a hand-made context): by its shape
    if isinstance(raw, list):
        return [str(v) for v in raw]
    if isinstance(raw, bool):
        return [oui_non(raw)]
    if isinstance(raw, dict):
        return grid_lines(None, raw)
    return [str(raw)]


def answer_text(q: Question | None, raw: Any) -> str:
    """An answer on one line: choices « a, b et c », grid rows joined by « ; »."""
    return join_lines(q, answer_lines(q, raw))


def join_lines(q: Question | None, lines: list[str]) -> str:
    """``answer_lines`` on one line, as the question's type reads best."""
    join = "lignes"
    if q is not None:
        from partenariat.values import TYPES

        join = TYPES[q.type].join
    if join == "liste":
        return liste_fr(lines, continuer=True)
    if join == "points":
        return f"{NBSP}; ".join(lines)
    return "\n".join(lines)


def item_summary(q: Question, item: Any) -> str:
    """One line for an item of a repeated group: its short answers joined by « – »."""
    from partenariat.values import TYPES

    if not isinstance(item, dict):
        return str(item)
    parts = [
        answer_text(sub, item.get(sub.id))
        for sub in q.sous_questions
        # one side's note on an item of a shared list never reaches the partner
        if not (sub.interne and not q.interne)
        and TYPES[sub.type].summary
        and not is_missing(item.get(sub.id))
    ]
    return " – ".join(parts) or q.noun.nom


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
    cents = round(amount * 100)
    whole, rest = divmod(cents, 100)
    words = cardinal_fr(whole)
    if whole >= 1_000_000 and whole % 1_000_000 == 0:
        unit = "d'euros"
    else:
        unit = "euro" if whole < 2 else "euros"
    text = f"{words} {unit}"
    if rest:
        text += f" et {cardinal_fr(rest)} {'centime' if rest < 2 else 'centimes'}"
    return text


def cardinal_fr(number: int) -> str:
    """``number`` in French words, as num2words spells it.

    Importing num2words builds the converters of its fifty languages (15 ms, as much as the rest
    of rendering a document): the words it gave are kept between runs, in a table named by its
    source files (``memo_cache``), so that a new export with the same amounts does not import it.
    """
    memo = _cardinal_memo()
    key = str(number)
    stored = memo.get(key) if memo is not None else None
    if isinstance(stored, str) and stored:
        return stored
    from num2words import num2words  # type: ignore[import-untyped]

    words: str = num2words(number, lang="fr")
    if memo is not None:
        memo.put(key, words)
    return words


@lru_cache(maxsize=1)
def _cardinal_memo() -> Memo | None:
    """The table of spelt numbers, named by num2words' French converter and what it calls."""
    from partenariat.cache import package_folder
    from partenariat.memo_cache import Memo

    here = package_folder("num2words")
    if here is None:
        return None
    names = ("__init__.py", "base.py", "compat.py", "currency.py", "utils.py", "lang_EU.py")
    return Memo("en-lettres", [here / name for name in (*names, "lang_FR.py")], 10_000)
