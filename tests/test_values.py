"""What a person types becomes the right stored value, or a French message: dates, amounts,
durations, numbers, choices, lists; and values are shown back in French typography."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partenariat.parsing import clean_text, parse_date, parse_months, parse_number
from partenariat.questionnaire import Question
from partenariat.values import (
    AnswerError,
    check_value,
    format_amount,
    format_date,
    format_months,
    format_value,
    parse_text_answer,
)

NNBSP = "\u202f"
NBSP = "\u00a0"


def q(**fields: Any) -> Question:
    base: dict[str, Any] = {"id": "x", "type": "texte", "question": "Question ?"}
    base.update(fields)
    return Question.model_validate(base)


# -- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("26/11/2026", dt.date(2026, 11, 26)),
        ("2026-11-26", dt.date(2026, 11, 26)),
        ("26 novembre 2026", dt.date(2026, 11, 26)),
        ("1er avril 2027", dt.date(2027, 4, 1)),
        ("le 1er avril 2027", dt.date(2027, 4, 1)),
        ("3 août 2026", dt.date(2026, 8, 3)),
        ("3 aout 2026", dt.date(2026, 8, 3)),
        ("12 Décembre 2026", dt.date(2026, 12, 12)),
        ("5.3.2027", dt.date(2027, 3, 5)),
        ("5/3/27", dt.date(2027, 3, 5)),
        ("  26/11/2026  ", dt.date(2026, 11, 26)),
        ("26\u00a0novembre\u00a02026", dt.date(2026, 11, 26)),
        ("29/02/2028", dt.date(2028, 2, 29)),
    ],
)
def test_parse_date_accepts_french_forms(raw: str, expected: dt.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("31/02/2026", "n'existe pas"),
        ("29/02/2027", "n'existe pas"),
        ("2026-13-01", "n'existe pas"),
        ("32 janvier 2026", "n'existe pas"),
        ("demain", "n'est pas une date reconnue"),
        ("26 brumaire 2026", "n'est pas une date reconnue"),
        ("", "n'est pas une date reconnue"),
        ("26/11", "n'est pas une date reconnue"),
        ("01/01/1850", "semble erronée"),
    ],
)
def test_parse_date_refuses_with_french_message(raw: str, fragment: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_date(raw)
    assert fragment in str(info.value)


def test_date_answer_is_stored_as_iso() -> None:
    question = q(type="date")
    assert parse_text_answer(question, "1er avril 2027") == "2027-04-01"
    assert check_value(question, dt.date(2026, 11, 26)) == "2026-11-26"
    assert check_value(question, dt.datetime(2026, 11, 26, 10, 5)) == "2026-11-26"
    assert check_value(question, "26/11/2026") == "2026-11-26"
    assert parse_text_answer(question, "   ") is None
    with pytest.raises(AnswerError):
        parse_text_answer(question, "31/02/2026")


# -- amounts and numbers ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 500", 12500),
        ("12\u202f500", 12500),
        ("12\u00a0500", 12500),
        ("12 500,50 €", 12500.5),
        ("12500,50€", 12500.5),
        ("1.250,50", 1250.5),
        ("1,250.50", 1250.5),
        ("12500.5", 12500.5),
        ("1.250.000", 1250000),
        ("90000 EUR", 90000),
        ("0", 0),
    ],
)
def test_amount_forms(raw: str, expected: float) -> None:
    value = parse_text_answer(q(type="montant"), raw)
    assert value == expected
    if float(expected).is_integer():
        assert isinstance(value, int), "whole amounts are stored as integers"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("-5", "ne peut pas être négatif"),
        ("-1 200,00 €", "ne peut pas être négatif"),
        ("douze", "n'est pas un montant"),
        ("12 500,505", "deux décimales"),
        ("12,345", "deux décimales"),
        ("12,5,3", "n'est pas un montant"),
        ("€", "n'est pas un montant"),
    ],
)
def test_amount_refused(raw: str, fragment: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_text_answer(q(type="montant"), raw)
    assert fragment in str(info.value)


def test_amount_values_from_a_file() -> None:
    question = q(type="montant")
    assert check_value(question, 30000) == 30000
    assert check_value(question, 1250.5) == 1250.5
    assert check_value(question, "12 500") == 12500
    for bad in (-5, True, float("nan"), float("inf"), [1]):
        with pytest.raises(AnswerError):
            check_value(question, bad)


def test_amount_bounds() -> None:
    question = q(type="montant", min=100, max=1000)
    assert check_value(question, 500) == 500
    with pytest.raises(AnswerError, match="au moins 100 €"):
        check_value(question, 99)
    with pytest.raises(AnswerError, match="au plus 1000 €"):
        check_value(question, 1001)


def test_number_accepts_decimals_and_refuses_text() -> None:
    question = q(type="nombre", unite="jours", min=0, max=365)
    assert parse_text_answer(question, "12,5") == 12.5
    assert parse_text_answer(question, "12") == 12
    assert check_value(question, "3") == 3
    with pytest.raises(AnswerError, match="n'est pas un nombre"):
        parse_text_answer(question, "douze")
    with pytest.raises(AnswerError, match="au plus 365 jours"):
        parse_text_answer(question, "400")
    with pytest.raises(AnswerError, match="au moins 0 jours"):
        parse_text_answer(question, "-1")
    with pytest.raises(AnswerError):
        check_value(question, True)


def test_parse_number_message_is_french() -> None:
    with pytest.raises(AnswerError) as info:
        parse_number("abc")
    assert "Écrivez des chiffres" in str(info.value)


# -- durations --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "months"),
    [
        ("18", 18),
        ("18 mois", 18),
        ("18mois", 18),
        ("3 ans", 36),
        ("1 an", 12),
        ("1 an et 6 mois", 18),
        ("2 ans 3 mois", 27),
        ("1,5 an", 18),
        ("1.5 ans", 18),
        ("  24 MOIS ", 24),
    ],
)
def test_durations(raw: str, months: int) -> None:
    assert parse_months(raw) == months
    assert parse_text_answer(q(type="duree"), raw) == months


@pytest.mark.parametrize("raw", ["douze", "trois ans", "18 semaines", "et", "-3"])
def test_duration_refused(raw: str) -> None:
    with pytest.raises(AnswerError):
        parse_text_answer(q(type="duree"), raw)


def test_duration_values_from_a_file() -> None:
    question = q(type="duree", min=1, max=120)
    assert check_value(question, 36) == 36
    assert check_value(question, "3 ans") == 36
    with pytest.raises(AnswerError, match="mois entiers"):
        check_value(question, 1.5)
    with pytest.raises(AnswerError, match="au plus 120 mois"):
        check_value(question, 121)
    with pytest.raises(AnswerError, match="négative"):
        check_value(q(type="duree"), -2)


# -- text, yes/no, choices, grids, lists ------------------------------------------------------
def test_text_is_cleaned_and_kept_literal() -> None:
    assert check_value(q(), "  Bonjour \x07 ") == "Bonjour"
    assert check_value(q(), "ligne 1\nligne 2") == "ligne 1 ligne 2"
    assert check_value(q(type="texte_long"), "a  \r\nb\n") == "a\nb"
    assert check_value(q(), "{{ 7*7 }}") == "{{ 7*7 }}"
    assert check_value(q(), "   ") is None
    assert check_value(q(), 12) == "12"
    assert clean_text("a\rb", multiline=True) == "a\nb"
    with pytest.raises(AnswerError, match="Un texte est attendu"):
        check_value(q(), ["a"])


def test_text_length_and_pattern() -> None:
    question = q(min=3, max=5, motif=r"[A-Z]+", message_motif="Majuscules seulement.")
    assert check_value(question, "ABCD") == "ABCD"
    with pytest.raises(AnswerError, match="au moins 3"):
        check_value(question, "AB")
    with pytest.raises(AnswerError, match="au plus 5"):
        check_value(question, "ABCDEF")
    with pytest.raises(AnswerError, match="Majuscules seulement"):
        check_value(question, "abcd")


def test_empty_required_text_gives_none() -> None:
    # Emptiness is reported by the prompt (REQUIRED_MESSAGE) or by --no-input (missing list).
    assert parse_text_answer(q(), "") is None


@pytest.mark.parametrize(("raw", "expected"), [("oui", True), ("Non", False), ("o", True)])
def test_yes_no(raw: str, expected: bool) -> None:
    assert check_value(q(type="oui_non"), raw) is expected


def test_yes_no_refused() -> None:
    with pytest.raises(AnswerError, match="oui ou par non"):
        check_value(q(type="oui_non"), "peut-être")


CHOICES = [
    {"valeur": "local", "libelle": "Local"},
    {"valeur": "national", "libelle": "National"},
    {"valeur": "ent", "libelle": "Réservé entreprise", "profil": ["entreprise"]},
]


def test_choice_by_value_or_label_and_profile() -> None:
    question = q(type="choix", choix=CHOICES)
    assert check_value(question, "local") == "local"
    assert check_value(question, "national ") == "national"
    assert check_value(question, "NATIONAL") == "national"
    assert check_value(question, "ent", "entreprise") == "ent"
    with pytest.raises(AnswerError, match="n'est pas un choix possible"):
        check_value(question, "ent", "association")
    with pytest.raises(AnswerError, match="n'est pas un choix possible"):
        check_value(question, "lune")
    with pytest.raises(AnswerError):
        check_value(question, "national", allowed=["local"])


def test_a_label_typed_with_a_straight_apostrophe_is_the_typeset_choice() -> None:
    """The questionnaires write labels with ’; a keyboard gives ': an answers file or a value
    typed for ``partenariat converger`` names the choice either way."""
    from partenariat.convergence import parse_new_value
    from partenariat.questionnaire import load_questionnaires

    question = q(type="choix", choix=[{"valeur": "pret", "libelle": "Prêt de main-d’œuvre"}])
    assert check_value(question, "prêt de main-d'œuvre") == "pret"
    assert check_value(question, "Prêt de main-d’œuvre") == "pret"
    # every bundled label carrying ’ is found from its straight-apostrophe spelling
    checked = 0
    for quest in load_questionnaires().etapes.values():
        for one in quest.questions:
            if one.type not in ("choix", "choix_multiples"):
                continue
            for c in one.choix:
                if "’" in c.libelle:
                    typed = c.libelle.replace("’", "'")
                    profil = (c.profil or one.profil or ["entreprise"])[0]
                    expected = c.valeur if one.type == "choix" else [c.valeur]
                    assert check_value(one, typed, profil) == expected, (one.id, typed)
                    assert parse_new_value(one, typed, profil) == expected, (one.id, typed)
                    checked += 1
    assert checked > 5


def test_multiple_choices_deduplicated_and_bounded() -> None:
    question = q(type="choix_multiples", choix=CHOICES, min=1, max=2)
    assert check_value(question, ["local", "local", "national"]) == ["local", "national"]
    assert check_value(question, "local") == ["local"]
    with pytest.raises(AnswerError, match="au plus 2"):
        check_value(question, ["local", "national", "ent"], "entreprise")
    with pytest.raises(AnswerError, match="au moins 1"):
        check_value(question, [])


def test_grid_rows_and_notes() -> None:
    question = q(type="grille", choix=CHOICES[:2], min=0, max=3)
    assert check_value(question, {"local": 2, "national": "3"}) == {"local": 2, "national": 3}
    with pytest.raises(AnswerError, match="entre 0 et 3"):
        check_value(question, {"local": 4})
    with pytest.raises(AnswerError, match="n'est pas une ligne"):
        check_value(question, {"mars": 1})
    with pytest.raises(AnswerError, match="Une note par ligne"):
        check_value(question, [1, 2])


def test_list_items_checked_field_by_field() -> None:
    question = q(
        type="liste",
        element={"nom": "versement", "genre": "m", "pluriel": "versements"},
        sous_questions=[
            {"id": "date", "type": "date", "question": "Date ?"},
            {"id": "montant", "type": "montant", "question": "Montant ?"},
        ],
    )
    value = check_value(question, [{"date": "1er avril 2027", "montant": "12 500"}])
    assert value == [{"date": "2027-04-01", "montant": 12500}]
    with pytest.raises(AnswerError, match="Élément 1, Montant"):
        check_value(question, [{"date": "2027-04-01", "montant": -5}])
    with pytest.raises(AnswerError, match="champ « couleur » inconnu"):
        check_value(question, [{"couleur": "bleu"}])
    with pytest.raises(AnswerError, match="liste d'éléments"):
        check_value(question, "un versement")
    with pytest.raises(AnswerError, match="L'élément 1"):
        check_value(question, ["texte"])


# -- display ----------------------------------------------------------------------------------
def test_format_amount_french_typography() -> None:
    assert format_amount(12500) == f"12{NNBSP}500{NBSP}€"
    assert format_amount(1250.5) == f"1{NNBSP}250,50{NBSP}€"
    assert format_amount(1250000) == f"1{NNBSP}250{NNBSP}000{NBSP}€"
    assert format_amount(90) == f"90{NBSP}€"
    assert format_amount("n/a") == "n/a"


def test_format_date_with_premier() -> None:
    assert format_date("2027-04-01") == "1er avril 2027"
    assert format_date("2026-11-26") == "26 novembre 2026"
    assert format_date("2026-08-02") == "2 août 2026"
    assert format_date("pas une date") == "pas une date"


def test_format_months_and_values() -> None:
    # no-break spaces keep the number with its unit, as in the documents
    assert format_months(18) == f"18{NBSP}mois"
    assert format_months(36) == f"36{NBSP}mois (3{NBSP}ans)"
    assert format_months(12) == f"12{NBSP}mois (1{NBSP}an)"
    assert format_value(q(), None) == "—"
    assert format_value(q(), "{{ 7*7 }}") == "{{ 7*7 }}"


def test_the_terminal_formats_answers_as_the_documents_do() -> None:
    """One French formatting for ``show``, review tables and documents (issue: « 1250.5 jours »,
    « Alpha, Beta », « oui » in the terminal against the documents' forms)."""
    assert format_value(q(type="oui_non"), True) == "Oui"
    assert format_value(q(type="oui_non"), False) == "Non"
    assert format_value(q(type="choix", choix=CHOICES), "local") == "Local"
    assert format_value(q(type="choix_multiples", choix=CHOICES), ["local", "national"]) == (
        "Local et national"
    )
    assert format_value(q(type="nombre", unite="jours"), 1250.5) == f"1{NNBSP}250,5 jours"
    assert format_value(q(type="nombre", unite="jours"), 0) == "0 jours"
    assert format_value(q(), "{{ 7*7 }}") == "{{ 7*7 }}"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1.250", 1250), ("12.345", 12345), ("1.250,50", 1250.5)]
)
def test_dot_before_three_digits_is_a_thousands_separator(raw: str, expected: float) -> None:
    # Cents have two digits: « 1.250 » written by a French user means one thousand two hundred fifty.
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["1 an et", "et 6 mois"])
def test_incomplete_durations_are_refused(raw: str) -> None:
    with pytest.raises(AnswerError, match="durée"):
        parse_months(raw)


# --- Money flows: per-year amounts and their total -----------------------------------------------


def _flux() -> Question:
    from partenariat.questionnaire import load_questionnaires

    q = load_questionnaires()[4].question("flux")
    assert q is not None
    return q


def test_yearly_amounts_parsed_from_what_a_person_types() -> None:
    from partenariat.parsing import parse_yearly

    assert parse_yearly("2027 : 30 000 ; 2028 : 15 000,50") == {"2027": 30000, "2028": 15000.5}
    assert parse_yearly("2027=1000\n2028 = 2 000") == {"2027": 1000, "2028": 2000}


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("30 000", "écrivez l'année"),
        ("2027 : 1 000 ; 2027 : 2 000", "indiquée deux fois"),
        ("2027 : douze", "n'est pas un montant"),
        ("1999 : 100", "n'est pas une année"),
        ("2027 : -5", "ne peut pas être négatif"),
    ],
)
def test_yearly_amounts_refused(raw: str, fragment: str) -> None:
    split = next(s for s in _flux().sous_questions if s.id == "montants_annuels")
    with pytest.raises(AnswerError) as info:
        parse_text_answer(split, raw)
    assert fragment in str(info.value)


def test_flow_split_must_add_up_to_its_valuation() -> None:
    flux = _flux()
    item = {
        "nature": "don_numeraire",
        "sens": "entreprise_vers_association",
        "description": "Don",
        "montant": 1000,
        "montants_annuels": {"2027": 400, "2028": 500},
        "tva": "hors_champ",
    }
    with pytest.raises(AnswerError) as info:
        check_value(flux, [item])
    assert "Élément 1" in str(info.value) and "totalisent 900" in str(info.value)
    item["montants_annuels"] = {"2027": 400, "2028": 600}
    assert check_value(flux, [item])[0]["montants_annuels"] == {"2027": 400, "2028": 600}


@pytest.mark.parametrize("bad", [-5, 0])
def test_flow_valuation_negative_or_zero_is_refused(bad: int) -> None:
    with pytest.raises(AnswerError):
        check_value(_flux(), [{"nature": "don_nature", "montant": bad}])


def test_turnover_of_zero_is_refused_with_its_bound() -> None:
    from partenariat.questionnaire import load_questionnaires

    q = load_questionnaires()[4].question("ca_ht_entreprise")
    assert q is not None
    with pytest.raises(AnswerError) as info:
        parse_text_answer(q, "0")
    assert "au moins 1" in str(info.value)
    assert parse_text_answer(q, "8 000 000") == 8000000


def test_every_answer_type_is_declared_once_and_the_schema_accepts_exactly_those() -> None:
    import typing

    from partenariat.questionnaire import QuestionType
    from partenariat.values import TYPES

    assert typing.get_args(QuestionType) == tuple(TYPES)
    for name, kind in TYPES.items():
        # a type asked in a text field must say how to read what is typed
        assert kind.prompt != "texte" or kind.parse is not None, name
    with pytest.raises(ValueError, match="texte_long"):
        q(type="inconnu")


@pytest.mark.parametrize(
    ("fields", "stored"),
    [
        ({"type": "date"}, "2027-02-01"),
        ({"type": "montant"}, 1250.5),
        ({"type": "montant"}, 90000),
        ({"type": "nombre", "unite": "jours"}, 12.5),
        ({"type": "duree"}, 18),
        ({"type": "montants_annuels"}, {"2027": 30000, "2028": 15000.5}),
        ({"type": "texte"}, "Deux chefs de projet -- et ... « guillemets »"),
    ],
)
def test_a_stored_value_shown_in_its_field_reads_back_the_same(
    fields: dict[str, Any], stored: Any
) -> None:
    from partenariat.values import as_input

    question = q(**fields)
    assert parse_text_answer(question, as_input(question, stored)) == stored


def test_an_empty_field_is_no_answer_whatever_the_type() -> None:
    from partenariat.values import TYPES

    for name in TYPES:
        extra: dict[str, Any] = {}
        if TYPES[name].choices:
            extra["choix"] = [{"valeur": "a", "libelle": "A"}]
        if name == "liste":
            extra["sous_questions"] = [{"id": "nom", "type": "texte", "question": "Nom ?"}]
            extra["element"] = {"nom": "élément", "genre": "m", "pluriel": "éléments"}
        assert parse_text_answer(q(type=name, **extra), "  ") is None, name
    with pytest.raises(AnswerError, match="ne se saisit pas au clavier"):
        parse_text_answer(q(type="grille", choix=[{"valeur": "a", "libelle": "A"}]), "3")
