"""French that agrees: every sentence the wizard builds around a list's noun, for every list of
every questionnaire, and every question's own text, pass a small grammar check written for the
mistakes a reader saw on screen (« Ajouter un autre action », « 2 partenaire pressentis »,
« Qu'une entreprise pourrait-elle attendre », « signe-t-il ou elle »)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from partenariat.errors import InvalidFileError
from partenariat.prompter import list_sentences, more_message
from partenariat.questionnaire import Question, load_questionnaire, load_questionnaires

# Patterns of broken French, each with what it catches.
GRAMMAR = [
    # « Qu'une entreprise pourrait-elle attendre ? »: « que » cannot take a subject then an
    # inverted pronoun; « Qu'est-ce qu'une entreprise pourrait attendre ? » or « Que pourrait… ».
    (
        re.compile(r"^Qu['’](?!est-ce)\w*\b[^?]*-(?:t-)?(?:il|elle|ils|elles)\b"),
        "« Qu'… -il/-elle ? »",
    ),
    (re.compile(r"\b(?:il|elle) ou (?:il|elle)\b"), "« il ou elle » après une inversion"),
    (re.compile(r"\(e\)|\(s\)|\(es\)"), "accord laissé entre parenthèses"),
    (
        re.compile(
            r"(?<!ISO )(?<!étape )\b(?:[2-9]|[1-9]\d+) (?!(?:à|et|ou|au|de|du|en|par|pour|déjà)\b)[a-zà-ÿ]+(?<![sxz])\b"
        ),
        "pluriel oublié après un nombre",
    ),
    (re.compile(r"\b1 \w+s\b(?! \w)"), "singulier attendu après 1"),
    (re.compile(r"\s{2,}"), "espaces en double"),
    (re.compile(r"\S[?!;]"), "espace manquante avant ? ! ;"),
]


def grammar_problems(text: str) -> list[str]:
    return [name for pattern, name in GRAMMAR if pattern.search(text)]


def _all_questions() -> Iterator[tuple[int, Question]]:
    quests = load_questionnaires()
    for n, quest in quests.etapes.items():
        for q in quest.questions:
            yield n, q
            for sub in q.sous_questions:
                yield n, sub


def _lists() -> list[Question]:
    return [q for _, q in _all_questions() if q.type == "liste"]


def test_the_grammar_check_catches_the_mistakes_once_seen() -> None:
    for wrong in (
        "Qu'une entreprise pourrait-elle attendre de votre association ?",
        "Qu’une entreprise pourrait-elle attendre de votre association ?",
        "En quelle qualité votre signataire signe-t-il ou elle ?",
        "2 partenaire pressentis",
        "6 membre du comités",
        "Ajouter une action? ",
    ):
        assert grammar_problems(wrong), wrong
    for right in (
        "Qu'est-ce qu'une entreprise pourrait attendre de votre association ?",
        "Qu’est-ce qu’une entreprise pourrait attendre de votre association ?",
        "Ajouter une autre action ? (1 déjà saisie)",
        "2 partenaires pressentis",
    ):
        assert not grammar_problems(right), (right, grammar_problems(right))


def test_every_question_text_passes_the_grammar_check() -> None:
    problems = [
        (n, q.id, grammar_problems(q.question))
        for n, q in _all_questions()
        if grammar_problems(q.question)
    ]
    assert not problems


def test_every_list_declares_its_noun_and_every_sentence_agrees() -> None:
    lists = _lists()
    assert len(lists) >= 14
    for q in lists:
        assert q.element is not None, q.id
        noun = q.element
        sentences = list_sentences(q, "entreprise")
        for text in sentences:
            assert not grammar_problems(text), (q.id, text, grammar_problems(text))
        wrong_article = "un " if noun.feminin else "une "
        assert not any(f"{wrong_article}{noun.nom}" in s for s in sentences), (q.id, sentences)
        assert not any(f"{wrong_article}autre {noun.nom}" in s for s in sentences), q.id
        assert f"3 {noun.pluriel}" in " ".join(sentences), (q.id, sentences)
        assert f"1 {noun.nom}" in " ".join(sentences), (q.id, sentences)


@pytest.mark.parametrize(
    ("nom", "genre", "pluriel", "one", "three"),
    [
        (
            "action",
            "f",
            "actions",
            "Ajouter une autre action ? (1 déjà saisie)",
            "(3 déjà saisies)",
        ),
        (
            "objectif",
            "m",
            "objectifs",
            "Ajouter un autre objectif ? (1 déjà saisi)",
            "(3 déjà saisis)",
        ),
        (
            "partenaire pressenti",
            "m",
            "partenaires pressentis",
            "Ajouter un autre partenaire pressenti ? (1 déjà saisi)",
            "(3 déjà saisis)",
        ),
    ],
)
def test_more_message_agrees(nom: str, genre: str, pluriel: str, one: str, three: str) -> None:
    q = Question.model_validate(
        {
            "id": "liste_test",
            "type": "liste",
            "question": "Lesquels ?",
            "element": {"nom": nom, "genre": genre, "pluriel": pluriel},
            "sous_questions": [{"id": "nom", "type": "texte", "question": "Nom ?"}],
        }
    )
    assert more_message(q, 1) == one
    assert more_message(q, 3).endswith(three)
    assert q.noun.nombre(2) == f"2 {pluriel}"


def test_a_list_without_its_noun_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "etape-2-test.yaml"
    path.write_text(
        "etape: 2\ntitre: T\nobjet: O\na_retenir: A\nsource: S\nquestions:\n"
        "  - id: rencontres\n    type: liste\n    question: Lesquelles ?\n"
        "    sous_questions:\n      - {id: nom, type: texte, question: Nom ?}\n"
        "  - id: autres\n    type: liste\n    question: Lesquels ?\n"
        "    element: {nom: bilan, genre: x, pluriel: bilans}\n"
        "    sous_questions:\n      - {id: nom, type: texte, question: Nom ?}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFileError) as info:
        load_questionnaire(path)
    text = str(info.value)
    assert "ligne 15" in text and "genre" in text  # the invalid gender, with its line
    assert "déclare le nom de ses éléments" in text  # and, in the same report, the missing noun
