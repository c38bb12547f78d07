"""Reading what a person types: dates, numbers, durations and rhythms, amounts per year; and the
bounds every answer keeps (checked at entry and again when a project file is read).

The answer types in ``values`` build on these; ``agenda --depuis`` and ``convenir --le`` read
their dates with the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from partenariat import french

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "décembre": 12,
}
YES = {"oui", "o", "yes", "y", "vrai", "true", "1"}
NO = {"non", "n", "no", "faux", "false", "0"}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# Bounds of what every command can read back and render (French formatting, sums, calendars,
# documents). Checked at entry and again when a project file is read, with the same messages.
MAX_AMOUNT = 10**12  # a thousand billion euros: anything above is a typing slip
MAX_NUMBER = 10**12
MAX_MONTHS = 1200  # a hundred years
FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_TEXT = 20_000  # a one-line answer (a long one pasted from elsewhere still fits)
MAX_LONG_TEXT = 50_000  # about twenty-five pages
# Issue 12 measures projects with 1,000 items in a list (a company screening many associations,
# a programme with many actions): the tool must stay usable there, and the bound only keeps a
# hand-edited file from growing past what the saves, the tables and the documents can handle
# (bench_scale.py measures them at this size). The file's own size limit (yamlio.MAX_BYTES)
# still applies.
MAX_ITEMS = 1000


class AnswerError(ValueError):
    """A value that does not fit its question; the message is shown and the question asked again."""


def clean_text(text: str, multiline: bool) -> str:
    # YAML reads U+0085, U+2028 and U+2029 as line breaks: they are made plain ones here, so
    # that the text saved is the text read back
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x85", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split("\n"))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def parse_date(raw: str) -> dt.date:
    text = SPACES.sub(" ", raw.strip().lower())
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
        if m:
            d, mo, y = (int(g) for g in m.groups())
            y += 2000 if y < 100 else 0
        else:
            m = re.fullmatch(r"(?:le )?(\d{1,2})(?:er)? ([a-zéû]+)\.? (\d{4})", text)
            if not m or m.group(2) not in MONTHS:
                raise AnswerError(
                    f"« {short_text(raw)} » n'est pas une date reconnue. "
                    "Écrivez par exemple 26/11/2026, 2026-11-26 ou 26 novembre 2026."
                )
            d, mo, y = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
    try:
        day = dt.date(y, mo, d)
    except (ValueError, OverflowError):
        raise AnswerError(f"Le {d:02d}/{mo:02d}/{y} n'existe pas dans le calendrier.") from None
    return check_year(day)


def check_year(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise AnswerError(
            f"L'année {day.year} semble erronée (attendu entre {FIRST_YEAR} et {LAST_YEAR})."
        )
    return day


def parse_number(raw: str, what: str = "un nombre") -> float:
    text = SPACES.sub("", raw.strip()).replace("€", "").replace("EUR", "").replace("eur", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        # « 1.250 » or « 12.345 »: three digits after a dot are thousands (cents have two)
        text = text.replace(".", "")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        raise AnswerError(
            f"« {short_text(raw)} » n'est pas {what}. Écrivez des chiffres, par exemple 12 500 ou 12,5."
        )
    return float(text)  # may be huge or infinite: the bounds are the question's (with its unit)


def short_text(raw: str, width: int = 60) -> str:
    text = raw.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def too_big(limit: int, unit: str = "") -> str:
    return f"Valeur trop grande : {french.nombre_fr(limit)}{unit} au plus."


YEARLY_EXAMPLE = "2027 : 30 000 ; 2028 : 30 000"


def parse_yearly(raw: str) -> dict[str, float]:
    """« 2027 : 30 000 ; 2028 : 15 000 » (or one year per line) → {"2027": 30000, …}."""
    result: dict[str, float] = {}
    for part in re.split(r"[;\n]+", raw):
        if not part.strip():
            continue
        m = re.fullmatch(r"\s*(\d{4})\s*[:=]\s*(.+?)\s*", part)
        if not m:
            raise AnswerError(
                f"« {part.strip()} » : écrivez l'année, deux-points et le montant, "
                f"par exemple « {YEARLY_EXAMPLE} »."
            )
        if m.group(1) in result:
            raise AnswerError(f"L'année {m.group(1)} est indiquée deux fois.")
        result[m.group(1)] = parse_number(m.group(2), "un montant")
    return result


def tidy_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# A rhythm said the way people say it: « tous les 6 mois », « chaque trimestre », « semestriel ».
RHYTHM_WORDS = {
    "mois": 1,
    "mensuel": 1,
    "mensuelle": 1,
    "bimestre": 2,
    "bimestriel": 2,
    "bimestrielle": 2,
    "trimestre": 3,
    "trimestriel": 3,
    "trimestrielle": 3,
    "semestre": 6,
    "semestriel": 6,
    "semestrielle": 6,
    "an": 12,
    "ans": 12,
    "année": 12,
    "annuel": 12,
    "annuelle": 12,
}
RHYTHM_PREFIX = re.compile(r"^(?:tous les|toutes les|chaque|une fois par|1 fois par|par) ")


def parse_months(raw: str) -> int:
    text = SPACES.sub(" ", raw.strip().lower())
    text = RHYTHM_PREFIX.sub("", text).strip()
    if text in RHYTHM_WORDS:
        return RHYTHM_WORDS[text]
    text = text.removesuffix("s") if text in ("trimestres", "semestres") else text
    if text in RHYTHM_WORDS:
        return RHYTHM_WORDS[text]
    if re.fullmatch(r"\d+", text):
        if len(text.lstrip("0")) > 6:
            raise AnswerError(too_long_duration())
        return int(text)
    m = re.fullmatch(r"(?:(\d+(?:[.,]5)?) ?ans?)?(?:(?: et)? ?(\d+) ?mois)?", text)
    if not text or not m or not (m.group(1) or m.group(2)):
        raise AnswerError(
            f"« {short_text(raw)} » n'est pas une durée reconnue. Écrivez par exemple 18, 18 mois ou 3 ans."
        )
    if len(text) > 40:
        raise AnswerError(too_long_duration())
    years = float((m.group(1) or "0").replace(",", "."))
    return round(years * 12) + int(m.group(2) or 0)


def too_long_duration() -> str:
    return f"Durée trop longue : {MAX_MONTHS} mois ({MAX_MONTHS // 12} ans) au plus."


# A stored value shown back in a text field, in the form the user would type it.
def date_input(value: Any) -> str:
    """A stored date shown back in a text field as the user types it: « 26/11/2026 »."""
    text = str(value)
    return f"{text[8:10]}/{text[5:7]}/{text[0:4]}" if len(text) >= 10 else text


def amount_input(value: Any) -> str:
    """« 1250,5 »: no thousands separator, decimals only when there are cents."""
    if isinstance(value, (int, float)):
        return f"{value:.2f}".replace(".", ",").removesuffix(",00")
    return str(value)


def yearly_input(value: Any) -> str:
    if isinstance(value, dict):
        return " ; ".join(f"{k} : {amount_input(v)}" for k, v in value.items())
    return str(value)
