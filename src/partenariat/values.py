"""Turn what a person types (or writes in an answers file) into a stored value, or say why not.

One place for every type's rules, so the interactive prompts, the answers file and the checks on a
hand-edited project file accept and refuse exactly the same things, with the same French messages.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from partenariat import french
from partenariat.questionnaire import Question

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
                    f"« {_short(raw)} » n'est pas une date reconnue. "
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
            f"« {_short(raw)} » n'est pas {what}. Écrivez des chiffres, par exemple 12 500 ou 12,5."
        )
    return float(text)  # may be huge or infinite: the bounds are the question's (with its unit)


def _short(raw: str, width: int = 60) -> str:
    text = raw.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def _too_big(limit: int, unit: str = "") -> str:
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


def _tidy_number(value: float) -> int | float:
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
            raise AnswerError(_too_long_duration())
        return int(text)
    m = re.fullmatch(r"(?:(\d+(?:[.,]5)?) ?ans?)?(?:(?: et)? ?(\d+) ?mois)?", text)
    if not text or not m or not (m.group(1) or m.group(2)):
        raise AnswerError(
            f"« {_short(raw)} » n'est pas une durée reconnue. Écrivez par exemple 18, 18 mois ou 3 ans."
        )
    if len(text) > 40:
        raise AnswerError(_too_long_duration())
    years = float((m.group(1) or "0").replace(",", "."))
    return round(years * 12) + int(m.group(2) or 0)


def _too_long_duration() -> str:
    return f"Durée trop longue : {MAX_MONTHS} mois ({MAX_MONTHS // 12} ans) au plus."


def _bounds(q: Question, value: float, unit: str) -> None:
    if q.min is not None and value < q.min:
        raise AnswerError(f"La valeur doit être au moins {_tidy_number(q.min)}{unit}.")
    if q.max is not None and value > q.max:
        raise AnswerError(f"La valeur doit être au plus {_tidy_number(q.max)}{unit}.")


def parse_text_answer(q: Question, raw: str) -> Any:
    """What the interactive prompt typed, for the types typed as text. Empty means "no answer"."""
    if q.type in ("texte", "texte_long"):
        return check_value(q, raw)
    if not raw.strip():
        return None
    if q.type == "date":
        return check_value(q, parse_date(raw).isoformat())
    if q.type == "montant":
        return check_value(q, parse_number(raw, "un montant"))
    if q.type == "nombre":
        return check_value(q, parse_number(raw))
    if q.type == "duree":
        return check_value(q, parse_months(raw))
    if q.type == "oui_non":
        return check_value(q, raw)
    if q.type == "montants_annuels":
        return check_value(q, parse_yearly(raw))
    raise AnswerError(f"Le type « {q.type} » ne se saisit pas au clavier.")


def check_value(
    q: Question, value: Any, profil: str | None = None, allowed: list[str] | None = None
) -> Any:
    """Normalise ``value`` for ``q`` or raise AnswerError. None stays None (no answer)."""
    if value is None:
        return None
    checker = _CHECKERS[q.type]
    return checker(q, value, profil, allowed)


def _text(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise AnswerError("Un texte est attendu.")
    text = clean_text(value, multiline=q.type == "texte_long")
    if not text:
        return None
    cap = MAX_LONG_TEXT if q.type == "texte_long" else MAX_TEXT
    if len(text) > cap:
        raise AnswerError(
            f"Réponse trop longue ({len(text)} caractères, {cap} au plus) : raccourcissez-la "
            "ou gardez le détail dans un document à part."
        )
    if q.min is not None and len(text) < q.min:
        raise AnswerError(f"Le texte doit compter au moins {int(q.min)} caractères.")
    if q.max is not None and len(text) > q.max:
        raise AnswerError(f"Le texte doit compter au plus {int(q.max)} caractères.")
    if q.motif and not re.fullmatch(q.motif, text):
        raise AnswerError(q.message_motif or "Le texte n'a pas la forme attendue.")
    return text


def _choice(q: Question, value: Any, profil: str | None, allowed: list[str] | None) -> str:
    options = [c for c in q.choices_for(profil) if allowed is None or c.valeur in allowed]
    wanted = str(value).strip()
    for c in options:
        if wanted == c.valeur or wanted.lower() == c.libelle.lower():
            return c.valeur
    names = ", ".join(c.valeur for c in options)
    raise AnswerError(f"« {_short(wanted)} » n'est pas un choix possible ({names}).")


def _choices(q: Question, value: Any, profil: str | None, allowed: list[str] | None) -> list[str]:
    items = value if isinstance(value, list) else [value]
    result: list[str] = []
    for item in items:
        chosen = _choice(q, item, profil, allowed)
        if chosen not in result:
            result.append(chosen)
    if q.min is not None and len(result) < q.min:
        raise AnswerError(f"Choisissez au moins {int(q.min)} option(s).")
    if q.max is not None and len(result) > q.max:
        raise AnswerError(f"Choisissez au plus {int(q.max)} option(s).")
    if q.obligatoire and not result:
        raise AnswerError("Choisissez au moins une option.")
    return result


def _yes_no(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise AnswerError("Répondez par oui ou par non.")


def _numeric(q: Question, value: Any, what: str, limit: int = MAX_NUMBER, unit: str = "") -> float:
    if isinstance(value, bool):
        raise AnswerError(f"{what} est attendu.")
    if isinstance(value, str):
        value = parse_number(value, what.lower())
    if not isinstance(value, (int, float)):
        raise AnswerError(f"{what} est attendu.")
    if isinstance(value, float) and math.isnan(value):
        raise AnswerError(f"{what} est attendu.")
    # an int is compared before any float conversion: 10**400 has no float
    if (isinstance(value, float) and math.isinf(value)) or abs(value) > limit:
        raise AnswerError(_too_big(limit, unit))
    return float(value)


def _number(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> int | float:
    number = _numeric(q, value, "Un nombre")
    _bounds(q, number, f" {q.unite}" if q.unite else "")
    return _tidy_number(number)


def _amount(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> int | float:
    amount = _numeric(q, value, "Un montant", MAX_AMOUNT, " €")
    if amount < 0:
        raise AnswerError("Un montant ne peut pas être négatif.")
    if round(amount, 2) != amount:
        raise AnswerError("Un montant a au plus deux décimales (les centimes).")
    _bounds(q, amount, " €")
    return _tidy_number(amount)


def _duration(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> int:
    if isinstance(value, str):
        value = parse_months(value)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        raise AnswerError("Une durée en mois entiers est attendue (par exemple 18).")
    if value < 0:
        raise AnswerError("Une durée ne peut pas être négative.")
    if value > MAX_MONTHS:
        raise AnswerError(_too_long_duration())
    if value != int(value):
        raise AnswerError("Une durée en mois entiers est attendue (par exemple 18).")
    _bounds(q, value, " mois")
    return int(value)


def _date(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return check_year(value).isoformat()
    if isinstance(value, (dict, list)):
        raise AnswerError("Une date est attendue (par exemple 26/11/2026).")
    return parse_date(str(value)).isoformat()


def _grid(
    q: Question, value: Any, profil: str | None, _a: list[str] | None
) -> dict[str, int | float]:
    if not isinstance(value, dict):
        raise AnswerError("Une note par ligne est attendue (ligne : note).")
    rows = {c.valeur: c for c in q.choices_for(profil)}
    low = q.min if q.min is not None else 0
    high = q.max if q.max is not None else 5
    result: dict[str, int | float] = {}
    for key, note in value.items():
        if key not in rows:
            raise AnswerError(f"« {key} » n'est pas une ligne de cette grille ({', '.join(rows)}).")
        number = _numeric(q, note, "Une note")
        if not low <= number <= high:
            raise AnswerError(
                f"La note de « {rows[key].libelle} » doit être entre {_tidy_number(low)} et {_tidy_number(high)}."
            )
        result[key] = _tidy_number(number)
    return result


def _yearly(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> dict[str, Any]:
    if isinstance(value, str):
        value = parse_yearly(value)
    if not isinstance(value, dict):
        raise AnswerError(f"Un montant par année est attendu, par exemple « {YEARLY_EXAMPLE} ».")
    result: dict[str, Any] = {}
    for year, amount in value.items():
        text = str(year).strip()
        if (
            isinstance(year, bool)
            or not re.fullmatch(r"\d{4}", text)
            or not 2000 <= int(text) <= 2100
        ):
            raise AnswerError(f"« {year} » n'est pas une année (2000 à 2100).")
        number = _numeric(q, amount, "Un montant")
        if number < 0:
            raise AnswerError(f"Le montant de {text} ne peut pas être négatif.")
        if round(number, 2) != number:
            raise AnswerError(f"Le montant de {text} a au plus deux décimales (les centimes).")
        result[text] = _tidy_number(number)
    if q.obligatoire and not result:
        raise AnswerError(f"Indiquez au moins une année, par exemple « {YEARLY_EXAMPLE} ».")
    return dict(sorted(result.items()))


def check_item(q: Question, item: dict[str, Any]) -> None:
    """Checks across the answers of one list item (a per-year split against its total)."""
    for sub in q.sous_questions:
        if not sub.somme_de:
            continue
        split, expected = item.get(sub.id), item.get(sub.somme_de)
        if not isinstance(split, dict) or not isinstance(expected, (int, float)):
            continue
        got = sum(v for v in split.values() if isinstance(v, (int, float)))
        if round(got, 2) != round(float(expected), 2):
            target = next((s.label for s in q.sous_questions if s.id == sub.somme_de), sub.somme_de)
            raise AnswerError(
                f"{sub.label} : les années totalisent {french.euros(got)}, "
                f"mais « {target} » vaut {french.euros(expected)}. "
                "Corrigez la répartition (ou le montant) pour qu'ils concordent."
            )


def _list(
    q: Question, value: Any, profil: str | None, _a: list[str] | None
) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise AnswerError("Une liste d'éléments est attendue.")
    if len(value) > MAX_ITEMS:
        raise AnswerError(f"{french.nombre_fr(MAX_ITEMS)} éléments au plus.")
    items: list[dict[str, Any]] = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise AnswerError(f"L'élément {i} doit être un ensemble de champs (clé : valeur).")
        known = {s.id: s for s in q.sous_questions}
        clean: dict[str, Any] = {}
        for key, sub_value in item.items():
            if key not in known:
                raise AnswerError(f"Élément {i} : champ « {key} » inconnu ({', '.join(known)}).")
            try:
                clean[key] = check_value(known[key], sub_value, profil)
            except AnswerError as exc:
                raise AnswerError(f"Élément {i}, {known[key].label} : {exc}") from None
        try:
            check_item(q, clean)
        except AnswerError as exc:
            raise AnswerError(f"Élément {i}, {exc}") from None
        items.append(clean)
    if q.max is not None and len(items) > q.max:
        raise AnswerError(f"{int(q.max)} élément(s) au plus.")
    return items


_CHECKERS = {
    "texte": _text,
    "texte_long": _text,
    "choix": _choice,
    "choix_multiples": _choices,
    "oui_non": _yes_no,
    "nombre": _number,
    "montant": _amount,
    "duree": _duration,
    "date": _date,
    "grille": _grid,
    "liste": _list,
    "montants_annuels": _yearly,
}


# Kept under these names for the prompts and messages; the rules live in partenariat.french.
format_date = french.date_fr
format_amount = french.euros
format_months = french.mois


def format_value(q: Question, value: Any, profil: str | None = None) -> str:
    """A one-line French rendering for review tables and ``show``, as the documents write it
    (« 1 250,5 jours », « Alpha et Beta », « Oui »); a list is summarised by its items' names."""
    if french.is_missing(value):
        return "—"
    if q.type == "liste" and isinstance(value, list):
        names = [item_name(q, item, profil) for item in value if isinstance(item, dict)]
        return f"{q.noun.nombre(len(value))} : " + " ; ".join(names)
    return french.answer_text(q, value)


def item_name(q: Question, item: dict[str, Any], profil: str | None = None) -> str:
    """What names one item of a list in a summary, as a person reads it: its short answers up
    to the first text (« 29 janvier 2027 – 30 000 € », « L'entreprise – Deux chefs de projet »),
    labels rather than ids and French dates."""
    parts: list[str] = []
    for sub in q.sous_questions:
        value = item.get(sub.id)
        if sub.type not in ("texte", "choix", "date", "montant", "nombre", "duree"):
            continue
        if value in (None, "", []):
            continue
        parts.append(format_value(sub, value, profil))
        if sub.type == "texte":
            break
    return " – ".join(parts) or "?"
