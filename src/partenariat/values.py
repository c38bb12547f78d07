"""The answer types: how each one is checked, read from the keyboard, written in French and asked.

``TYPES`` is the one registry: the questionnaire schema accepts exactly its types, the prompts,
the answers file and the checks on a hand-edited project file go through its entries (so they
accept and refuse the same things, with the same French messages), and ``french.answer_lines``
writes an answer as the documents and the terminal show it. Adding a type is one entry.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from partenariat import french
from partenariat.parsing import (
    MAX_AMOUNT,
    MAX_ITEMS,
    MAX_LONG_TEXT,
    MAX_MONTHS,
    MAX_NUMBER,
    MAX_TEXT,
    NO,
    YEARLY_EXAMPLE,
    YES,
    amount_input,
    check_year,
    clean_text,
    date_input,
    parse_date,
    parse_months,
    parse_number,
    parse_yearly,
    short_text,
    tidy_number,
    too_big,
    too_long_duration,
    yearly_input,
)
from partenariat.parsing import AnswerError as AnswerError

if TYPE_CHECKING:
    from partenariat.questionnaire import Question


def _bounds(q: Question, value: float, unit: str) -> None:
    if q.min is not None and value < q.min:
        raise AnswerError(f"La valeur doit être au moins {tidy_number(q.min)}{unit}.")
    if q.max is not None and value > q.max:
        raise AnswerError(f"La valeur doit être au plus {tidy_number(q.max)}{unit}.")


def parse_text_answer(q: Question, raw: str) -> Any:
    """What the interactive prompt typed, for the types typed as text. Empty means "no answer"."""
    if not raw.strip():
        return None
    kind = TYPES[q.type]
    if kind.parse is None:
        raise AnswerError(f"Le type « {q.type} » ne se saisit pas au clavier.")
    return check_value(q, kind.parse(raw))


def check_value(
    q: Question, value: Any, profil: str | None = None, allowed: list[str] | None = None
) -> Any:
    """Normalise ``value`` for ``q`` or raise AnswerError. None stays None (no answer)."""
    if value is None:
        return None
    return TYPES[q.type].check(q, value, profil, allowed)


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
        if wanted == c.valeur or french.label_key(wanted) == french.label_key(c.libelle):
            return c.valeur
    names = ", ".join(c.valeur for c in options)
    raise AnswerError(f"« {short_text(wanted)} » n'est pas un choix possible ({names}).")


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
        raise AnswerError(too_big(limit, unit))
    return float(value)


def _number(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> int | float:
    number = _numeric(q, value, "Un nombre")
    _bounds(q, number, f" {q.unite}" if q.unite else "")
    return tidy_number(number)


def _amount(q: Question, value: Any, _p: str | None, _a: list[str] | None) -> int | float:
    amount = _numeric(q, value, "Un montant", MAX_AMOUNT, " €")
    if amount < 0:
        raise AnswerError("Un montant ne peut pas être négatif.")
    if round(amount, 2) != amount:
        raise AnswerError("Un montant a au plus deux décimales (les centimes).")
    _bounds(q, amount, " €")
    return tidy_number(amount)


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
        raise AnswerError(too_long_duration())
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
                f"La note de « {rows[key].libelle} » doit être entre {tidy_number(low)} et {tidy_number(high)}."
            )
        result[key] = tidy_number(number)
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
        result[text] = tidy_number(number)
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


# -- the registry --------------------------------------------------------------------------------
Prompt = Literal["texte", "choix", "cases", "oui_non", "grille", "liste"]


@dataclass(frozen=True)
class AnswerType:
    """Everything an answer type means, in one entry; adding a type is adding one entry here.

    The loaders accept exactly the types listed (``questionnaire.QuestionType``), the answers
    files and hand-edited projects go through ``check``, the prompts through ``parse`` and
    ``prompt``, the terminal and the documents through ``lines`` (``french.answer_lines``).
    """

    # stored value (or a value from a file) → normalised value, or AnswerError
    check: Callable[[Question, Any, str | None, list[str] | None], Any]
    # the French lines the documents and the terminal show
    lines: Callable[[Question, Any], list[str]]
    # which prompt asks it (« texte »: a text field read by ``parse``)
    prompt: Prompt
    # typed text → a value for ``check``; None: not typed at the keyboard
    parse: Callable[[str], Any] | None = None
    # the hint beside the text field
    hint: Callable[[Question], str] = lambda q: ""
    # a stored value shown back in the text field
    to_input: Callable[[Any], str] = str
    # how its lines read on one line: one per line, « a, b et c », or « ; »
    join: Literal["lignes", "liste", "points"] = "lignes"
    # takes a list of choices (``choix``, ``choix_de``)
    choices: bool = False
    # one of an item's short answers in a document's one-line summary of the item
    summary: bool = False
    # one of the answers that name an item in the review tables (up to the first text)
    names_item: bool = False


TYPES: dict[str, AnswerType] = {
    "texte": AnswerType(
        _text, french.unless_yes_no(french.other_lines), "texte", str, summary=True, names_item=True
    ),
    "texte_long": AnswerType(
        _text,
        french.unless_yes_no(french.other_lines),
        "texte",
        str,
        hint=lambda q: "(Entrée pour aller à la ligne ; Échap puis Entrée pour valider)",
    ),
    "choix": AnswerType(
        _choice, french.choice_lines, "choix", choices=True, summary=True, names_item=True
    ),
    "choix_multiples": AnswerType(_choices, french.choices_lines, "cases", join="liste", choices=True),
    "oui_non": AnswerType(
        _yes_no, lambda q, raw: [french.oui_non(raw)], "oui_non", str, summary=True
    ),
    "nombre": AnswerType(
        _number,
        french.unless_yes_no(french.number_lines),
        "texte",
        parse_number,
        hint=lambda q: f"({q.unite})" if q.unite else "",
        summary=True,
        names_item=True,
    ),
    "montant": AnswerType(
        _amount,
        french.unless_yes_no(lambda q, raw: [french.euros(raw)]),
        "texte",
        lambda raw: parse_number(raw, "un montant"),
        hint=lambda q: "(en euros)",
        to_input=amount_input,
        summary=True,
        names_item=True,
    ),
    "date": AnswerType(
        _date,
        french.unless_yes_no(lambda q, raw: [french.date_fr(raw)]),
        "texte",
        lambda raw: parse_date(raw).isoformat(),
        hint=lambda q: "(jj/mm/aaaa)",
        to_input=date_input,
        summary=True,
        names_item=True,
    ),
    "duree": AnswerType(
        _duration,
        french.unless_yes_no(french.duration_lines),
        "texte",
        parse_months,
        hint=lambda q: "(en mois, ou « 3 ans »)",
        summary=True,
        names_item=True,
    ),
    "grille": AnswerType(_grid, french.unless_yes_no(french.grid_lines), "grille", join="points", choices=True),
    "liste": AnswerType(_list, french.unless_yes_no(french.list_lines), "liste"),
    "montants_annuels": AnswerType(
        _yearly,
        french.unless_yes_no(french.yearly_lines),
        "texte",
        parse_yearly,
        hint=lambda q: f"(année : montant ; par exemple {YEARLY_EXAMPLE})",
        to_input=yearly_input,
        join="points",
    ),
}


def input_hint(q: Question) -> str:
    """The hint beside a text field (« (jj/mm/aaaa) »), by the question's type."""
    return TYPES[q.type].hint(q)


def as_input(q: Question, value: Any) -> str:
    """A stored value shown back in a text field, in the form the user would type it."""
    return TYPES[q.type].to_input(value)


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
        if not TYPES[sub.type].names_item:
            continue
        if value in (None, "", []):
            continue
        parts.append(format_value(sub, value, profil))
        if sub.type == "texte":
            break
    return " – ".join(parts) or "?"
