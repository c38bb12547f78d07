"""The bundled questionnaires load; a broken questionnaire is refused with every error and its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partenariat.errors import InvalidFileError
from partenariat.expressions import check_syntax, evaluate, is_true
from partenariat.questionnaire import (
    Questionnaires,
    load_questionnaire,
    load_questionnaires,
)
from partenariat.questionnaire_checks import ID_PATTERN, RESERVED_IDS
from partenariat.resources import questionnaires_dir

HEAD = """\
etape: 1
titre: Test
objet: Objet
a_retenir: Retenir
source: Source
questions:
"""

BROKEN = (
    HEAD
    + """\
  - id: nom
    type: texte
    question: Nom ?
  - id: nom
    type: texte
    question: Encore ?
  - id: genre
    type: texte
    question: Genre ?
  - id: perimetre
    type: choix
    question: Périmètre ?
  - id: condition
    type: texte
    question: Condition ?
    si: "perimetre == == 'x'"
  - id: reprise
    type: choix
    question: Reprise ?
    choix_de: inconnue
  - id: groupe
    type: liste
    question: Groupe ?
    sous_questions:
      - id: interne
        type: liste
        question: Interne ?
        sous_questions:
          - id: a
            type: texte
            question: A ?
  - id: items
    type: texte
    question: Réservé ?
"""
)


@pytest.fixture(scope="module")
def bundled() -> Questionnaires:
    return load_questionnaires()


def test_every_bundled_questionnaire_loads(bundled: Questionnaires) -> None:
    assert sorted(bundled.etapes) == [1, 2, 3, 4, 5, 6, 7]
    files = sorted(questionnaires_dir().glob("etape-*.yaml"))
    assert len(files) == 7
    for path in files:
        quest = load_questionnaire(path)
        assert quest.questions, path
        ids = [q.id for q in quest.questions]
        assert len(ids) == len(set(ids)), path
        for q in quest.questions:
            assert ID_PATTERN.match(q.id) and q.id not in RESERVED_IDS
            assert q.question.strip()
            for sub in q.sous_questions:
                assert sub.type != "liste"


def test_bundled_contract_ids(bundled: Questionnaires) -> None:
    # A few ids of the binding contract (plan/ids.md) that templates and rules rely on.
    for path in (
        "etape1.objectifs",
        "etape1.decision",
        "etape2.date_lancement_prevue",
        "etape3.candidats",
        "etape4.perimetre_geographique",
        "etape4.flux",
        "etape4.echeancier",
        "etape5.forme_juridique",
        "etape6.date_lancement",
        "etape7.indicateurs",
    ):
        assert bundled.find(path) is not None, path
    assert bundled.find("etape9.x") is None
    assert bundled.find("nimportequoi") is None
    flux = bundled[4].question("flux")
    assert flux is not None and flux.type == "liste"
    types = {sub.id: sub.type for sub in flux.sous_questions}
    assert types["montant"] == "montant" and types["montants_annuels"] == "montants_annuels"


def test_choix_de_copies_the_rows(bundled: Questionnaires) -> None:
    candidats = bundled[3].question("candidats")
    ponderation = bundled[3].question("ponderation_criteres")
    assert candidats is not None and ponderation is not None
    evaluation = next(s for s in candidats.sous_questions if s.id == "evaluation")
    assert [c.valeur for c in evaluation.choix] == [c.valeur for c in ponderation.choix]


def test_choix_parmi_copies_the_options(bundled: Questionnaires) -> None:
    prio = bundled[1].question("objectifs_prioritaires")
    objectifs = bundled[1].question("objectifs")
    assert prio is not None and objectifs is not None
    assert prio.choix == objectifs.choix


def test_every_expression_of_the_bundle_compiles(bundled: Questionnaires) -> None:
    for quest in bundled.etapes.values():
        for q in quest.questions:
            for sub in [q, *q.sous_questions]:
                for expr in (sub.si, sub.defaut_expr):
                    if expr:
                        assert check_syntax(expr) is None, expr


def test_broken_questionnaire_reports_all_errors_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "etape-1-test.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_questionnaire(path)
    errors = dict(info.value.errors)
    assert errors[10] == "identifiant « nom » en double"
    assert "« perimetre »" in errors[16] and "« choix »" in errors[16]
    assert "expression invalide" in errors[22]
    assert "aucune question « inconnue »" in errors[26]
    assert "une liste ne peut pas contenir une autre liste" in errors[32]
    assert "identifiant réservé" in errors[38]
    message = info.value.message
    assert message.startswith(f"Questionnaire invalide : {path}")
    for line in (10, 16, 22, 26, 32, 38):
        assert f"etape-1-test.yaml, ligne {line} :" in message


def test_bad_type_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "etape-1-test.yaml"
    path.write_text(HEAD + "  - id: genre\n    type: couleur\n    question: Genre ?\n", "utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_questionnaire(path)
    assert info.value.errors[0][0] == 8
    assert "questions.0.type : valeur non autorisée" in info.value.errors[0][1]


def test_bad_type_and_semantic_errors_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "etape-1-test.yaml"
    broken = BROKEN.replace("  - id: genre\n    type: texte", "  - id: genre\n    type: couleur")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_questionnaire(path)
    lines = {line for line, _ in info.value.errors}
    assert {10, 14, 38} <= lines


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            "  - id: Nom\n    type: texte\n    question: Q\n",
            "identifiant invalide",
        ),
        (
            "  - id: a\n    type: texte\n    question: Q\n    choix:\n"
            "      - {valeur: x, libelle: X}\n",
            "ne prend pas de choix",
        ),
        (
            "  - id: a\n    type: choix\n    question: Q\n    choix:\n"
            "      - {valeur: x, libelle: X}\n      - {valeur: x, libelle: Y}\n",
            "valeur « x » en double",
        ),
        ("  - id: a\n    type: liste\n    question: Q\n", "besoin de sous-questions"),
        (
            "  - id: a\n    type: nombre\n    question: Q\n    motif: '[a-z]'\n",
            "réservé au type texte",
        ),
        (
            "  - id: a\n    type: texte\n    question: Q\n    motif: '[a-z'\n",
            "expression régulière invalide",
        ),
        ("  - id: a\n    type: nombre\n    question: Q\n    min: 5\n    max: 1\n", "min est plus"),
        (
            "  - id: a\n    type: date\n    question: Q\n    defaut: x\n    defaut_expr: y\n",
            "ne vont pas ensemble",
        ),
        (
            "  - id: a\n    type: texte\n    question: Q\n    choix_parmi: b\n",
            "réservé aux types choix",
        ),
        ("  - id: a\n    type: texte\n    question: Q\n    couleur: bleu\n", "champ inconnu"),
        ("  - id: a\n    type: texte\n", "champ obligatoire absent"),
        (
            "  - id: a\n    type: liste\n    question: Q\n"
            "    element: {nom: action, genre: f, pluriel: actions}\n    sous_questions:\n"
            "      - {id: b, type: texte, question: B}\n      - {id: b, type: texte, question: C}\n",
            "sous-question « b » en double",
        ),
    ],
)
def test_each_questionnaire_mistake_is_named(tmp_path: Path, body: str, fragment: str) -> None:
    path = tmp_path / "etape-1-test.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_questionnaire(path)
    assert fragment in info.value.message
    assert all(line is not None and line >= 7 for line, _ in info.value.errors)


def test_aliases_refused_in_questionnaire(tmp_path: Path) -> None:
    path = tmp_path / "etape-1-test.yaml"
    path.write_text(
        HEAD + "  - &q\n    id: a\n    type: texte\n    question: Q\n  - *q\n", encoding="utf-8"
    )
    with pytest.raises(InvalidFileError, match="alias"):
        load_questionnaire(path)


def test_folder_with_two_broken_files_names_both(tmp_path: Path) -> None:
    (tmp_path / "etape-1-a.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "etape-2-b.yaml").write_text(
        HEAD.replace("etape: 1", "etape: 2") + "  - id: a\n    type: nombre\n", encoding="utf-8"
    )
    with pytest.raises(InvalidFileError) as info:
        load_questionnaires(tmp_path)
    assert "etape-1-a.yaml, ligne 10" in info.value.message
    assert "etape-2-b.yaml, ligne 7" in info.value.message


def test_duplicate_step_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError, match="aucun questionnaire"):
        load_questionnaires(tmp_path)
    ok = HEAD + "  - id: a\n    type: texte\n    question: Q\n"
    (tmp_path / "etape-1-a.yaml").write_text(ok, encoding="utf-8")
    (tmp_path / "etape-1-b.yaml").write_text(ok, encoding="utf-8")
    with pytest.raises(InvalidFileError, match="l'étape 1 est déjà définie"):
        load_questionnaires(tmp_path)


def test_a_copy_of_the_bundle_loads_and_an_edit_is_checked(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    shutil.copytree(questionnaires_dir(), folder)
    assert sorted(load_questionnaires(folder).etapes) == list(range(1, 8))
    step4 = folder / "etape-4-contenu.yaml"
    step4.write_text(
        step4.read_text(encoding="utf-8").replace(
            "  - id: zones\n", '  - id: zones\n    si: "perimetre_geographique =="\n', 1
        ),
        encoding="utf-8",
    )
    other = tmp_path / "q2"
    shutil.copytree(folder, other)
    with pytest.raises(InvalidFileError) as info:
        load_questionnaires(other)
    assert "etape-4-contenu.yaml, ligne" in info.value.message
    assert "expression invalide" in info.value.message


def test_expressions_sandboxed_and_lenient() -> None:
    context = {"perimetre": "international", "etape1": {"objectifs": ["rh"]}}
    assert is_true("perimetre == 'international'", context)
    assert is_true(None, context)
    assert not is_true("etape4.contribution_financiere", context)
    assert not is_true("inconnu", context)
    assert evaluate("'rh' in etape1.objectifs", context) is True
    assert evaluate("ajouter_mois('2026-01-31', 1)", {}) == "2026-02-28"
    assert evaluate("ajouter_mois(etape2.date, 9)", {}) is None
    assert evaluate("mois_entre('2026-01-15', '2026-07-14')", {}) == 5
    from partenariat.expressions import ExpressionError

    with pytest.raises(ExpressionError):
        evaluate("''.__class__.__mro__[1].__subclasses__()", {})
    assert check_syntax("a ==") is not None
