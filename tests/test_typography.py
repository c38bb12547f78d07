"""French typography of the tool's own text: the typographic apostrophe (’) in every prose field
of the content files, as in the documents' templates. Answers (users' and the examples') are never
touched: they come out as typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# The content files whose prose is typeset.
TYPESET_FILES = (
    "questionnaires/comparaison.yaml",
    "questionnaires/constats-selection.yaml",
    "questionnaires/etape-1-introspection.yaml",
    "questionnaires/etape-2-dialogue.yaml",
    "questionnaires/etape-3-partenaire.yaml",
    "questionnaires/etape-4-contenu.yaml",
    "questionnaires/etape-5-formalisation.yaml",
    "questionnaires/etape-6-mise-en-oeuvre.yaml",
    "questionnaires/etape-7-evaluation.yaml",
    "questionnaires/nouveau-projet.yaml",
    "questionnaires/reglages-fiscaux.yaml",
    "questionnaires/regles.yaml",
    "templates/axes-evaluation.yaml",
    "templates/calendrier.yaml",
    "templates/clauses.yaml",
)
# Content files not typeset yet, each with why; every other YAML file of questionnaires/ and
# templates/ must be in TYPESET_FILES.
NOT_YET_TYPESET: dict[str, str] = {}

# The keys whose values are French prose shown on screen or in a document. Ids, values, conditions
# (si, present_si, defaut_expr…), patterns (motif) and texts matched against answers
# (textes_en_attente) are not prose.
PROSE_FIELDS = frozenset(
    {
        "question",
        "titre_court",
        "aide",
        "libelle",
        "objet",
        "a_retenir",
        "titre",
        "message",
        "message_present",
        "message_motif",
        "source",
        "unite",
        "nom",
        "pluriel",
        "ce_qu_il_faut_regler",
        "a_preparer",
        "intitule",
    }
)

STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def _prose(node: yaml.Node, key: str | None = None) -> Iterator[tuple[str, int, str]]:
    """(field, line, text) for every prose scalar under ``node``."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _prose(v, str(k.value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _prose(item, key)
    elif isinstance(node, yaml.ScalarNode) and key in PROSE_FIELDS:
        yield key, node.start_mark.line + 1, str(node.value)


def straight_apostrophes(path: Path) -> list[str]:
    """Each prose field of ``path`` holding a straight apostrophe between letters, with its line."""
    node = yaml.compose(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{line} ({field}) : {text[max(0, m.start() - 20) : m.end() + 20]!r}"
        for field, line, text in (_prose(node) if node is not None else ())
        for m in [STRAIGHT_APOSTROPHE.search(text)]
        if m
    ]


def test_every_content_file_is_typeset_or_says_why_not() -> None:
    found = {
        str(p.relative_to(ROOT))
        for folder in ("questionnaires", "templates")
        for p in (ROOT / folder).glob("*.yaml")
    }
    assert found == set(TYPESET_FILES) | set(NOT_YET_TYPESET)
    assert not set(TYPESET_FILES) & set(NOT_YET_TYPESET)


@pytest.mark.parametrize("name", TYPESET_FILES)
def test_prose_uses_the_typographic_apostrophe(name: str) -> None:
    assert straight_apostrophes(ROOT / name) == []


def test_a_straight_apostrophe_in_prose_is_found(tmp_path: Path) -> None:
    """The check can fail: prose in a block scalar, a flow mapping and a list item is read, while
    ids, conditions and comments are left alone."""
    path = tmp_path / "etape.yaml"
    path.write_text(
        "# l'en-tête d'un commentaire\n"
        "questions:\n"
        "  - id: l_entreprise\n"
        "    si: \"profil == 'entreprise'\"\n"
        "    question: Qu’attendez-vous ?\n"
        "    aide: >-\n"
        "      Une aide\n"
        "      d'une ligne.\n"
        "    choix:\n"
        "      - {valeur: a, libelle: L'autre}\n"
        "      - {valeur: b, libelle: Aujourd’hui}\n",
        encoding="utf-8",
    )
    found = straight_apostrophes(path)
    assert [f.split(" :")[0] for f in found] == ["etape.yaml:6 (aide)", "etape.yaml:10 (libelle)"]


def test_nest_guillemets_leaves_a_text_without_quotes_as_is_and_nests_the_others() -> None:
    from partenariat.markdown import nest_guillemets

    for text in ("Réunion de suivi", "Bilan : 3 actions", "fin » seule", "  espaces  "):
        assert nest_guillemets(text) is text  # returned untouched, not rebuilt
    assert nest_guillemets("« Module « A » »") == "« Module “A” »"
    assert nest_guillemets("Module “ A ”") == "Module “A”"  # inner quotes tightened
    assert nest_guillemets("« a » et « b »") == "« a » et « b »"


def test_typeset_and_clean_text_on_texts_with_and_without_what_they_change() -> None:
    from partenariat.markdown import clean_text, typeset

    assert typeset("l'accord du 1er mars, 1re année") == "l\u2019accord du 1^er^ mars, 1^re^ année"
    assert typeset("Rien à changer") == "Rien à changer"
    assert typeset("Article 12 : 1 000 €") == "Article 12 : 1 000 €"
    assert clean_text("  a   b \t c  \n\n d") == ["a b c", "d"]
    assert clean_text("a b") == ["a b"]
