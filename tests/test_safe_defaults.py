"""A default that could decide for the person is not offered (issue 14).

Yes/no questions never default (checked at load, see ``questionnaire_checks._default_problems``). A choice
may default only for a reason written here: a new default on a choice fails this test until
someone says why pressing Entrée on it decides nothing the person has not said.
"""

from __future__ import annotations

from partenariat.questionnaire import load_questionnaires

# (step, question or sub-question id) → why its default decides nothing for the person.
REASONED = {
    (
        1,
        "organisation_type",
    ): "computed from the headcount and turnover just given (decree 2008-1354)",
    (3, "partenaire_type"): "computed from the partner's headcount and turnover (decree 2008-1354)",
    (1, "nature_projet"): "a fact the person knows; « nouveau » is shown and read in the menu",
    (3, "ponderation_criteres"): "weights of the tool's own ranking, internal, « 1 » = neutral",
    (4, "sens"): "the direction of a flow, shown next to the amount the person types",
    (5, "forme_juridique"): "proposed from the flows the person entered (forme_proposee)",
    (5, "type_mecenat"): "read from the flows the person entered (types_mecenat)",
    (6, "niveau_responsable"): "follows the territory answered at step 4",
    (6, "ressources_mobilisees"): "follows the means answered at step 4",
    (6, "moment_communication_externe"): "the guide's advice: after first results, the safe choice",
    (6, "contenu_reporting"): "the guide's three reporting items, each can be unticked",
    (7, "objectifs_evaluation"): "the guide's two purposes of an evaluation",
    (7, "perimetre_evaluation"): "the guide's three axes, untick for a reason",
    (7, "decision_issue"): "« À décider »: the default is to decide nothing",
}


def _decisions() -> list[tuple[int, str, object, object]]:
    found = []
    for n, quest in load_questionnaires().etapes.items():
        for q in quest.questions:
            for x in (q, *q.sous_questions):
                if x.type in ("oui_non", "choix", "choix_multiples", "grille"):
                    found.append((n, x.id, x.defaut, x.defaut_expr))
    return found


def _deferring() -> set[tuple[int, str]]:
    """Choices whose default puts off the decision (« À vérifier », « À définir »: ``differe``)."""
    found = set()
    for n, quest in load_questionnaires().etapes.items():
        for q in quest.questions:
            for x in (q, *q.sous_questions):
                if x.type == "choix" and any(c.differe and c.valeur == x.defaut for c in x.choix):
                    found.add((n, x.id))
    return found


# A single choice with no default puts the cursor on its first option: where that option would
# assert something unchecked (a tax ruling obtained, powers verified, the framing document
# agreed), the question defaults to the answer that decides nothing.
SAFE_ANSWER = {
    (1, "decision"): "approfondir",
    (2, "non_concurrence_evoquee"): "non",
    (4, "tva"): "a_verifier",
    (4, "eligibilite_association"): "a_verifier",
    (5, "donnees_personnelles"): "a_definir",
    (5, "pouvoir_signataires"): "non",
    (5, "document_cadrage_valide"): "non",
    (6, "representants_salaries"): "pas_encore",
}


def test_an_unchecked_fact_is_never_the_answer_entree_gives() -> None:
    for n, qid, literal, computed in _decisions():
        if (n, qid) in SAFE_ANSWER:
            assert literal == SAFE_ANSWER[(n, qid)] and not computed, (n, qid, literal)


def test_no_decision_defaults_without_a_reason() -> None:
    defaulted = {(n, qid) for n, qid, d, e in _decisions() if d is not None or e}
    defaulted -= _deferring() | set(SAFE_ANSWER)
    unexplained = sorted(defaulted - set(REASONED))
    assert not unexplained, f"défauts qui décident sans raison écrite : {unexplained}"
    # the list says only what is true: a default removed leaves no stale reason behind
    assert not set(REASONED) - defaulted


def test_step_5_clauses_and_exclusions_start_undecided() -> None:
    """The clauses of the convention (confidentiality, exclusivity, force majeure, anti-corruption,
    amendments, conditions, annexes…) and step 3's « Écartez-vous cette organisation ? »."""
    undecided = {(n, qid) for n, qid, d, e in _decisions() if d is None and not e}
    for qid in (
        "confidentialite",
        "non_concurrence",
        "exclusivite",
        "liberte_expression_ong",
        "force_majeure",
        "anticorruption",
        "modification_avenant",
        "recu_fiscal",
        "conditions_suspensives",
        "annexes",
        "annexes_rang",
        "dispositions_diverses",
    ):
        assert (5, qid) in undecided, qid
    assert (3, "exclu") in undecided
    assert (4, "comite_pilotage") in undecided


def test_a_company_category_is_derived_from_its_figures() -> None:
    """Headcount and turnover are asked once, as figures; the size category (PME, ETI, grande
    entreprise) is then proposed from them (decree 2008-1354, art. 3), for either side."""
    from partenariat.answers import compute_default

    quests = load_questionnaires()
    own = quests[1].question("organisation_type")
    partner = quests[3].question("partenaire_type")
    assert own is not None and partner is not None
    cases = [
        (65, 8_000_000, "pme"),
        (249, 50_000_000, "pme"),
        (250, 8_000_000, "eti"),
        (200, 60_000_000, "eti"),
        (4_999, 1_500_000_000, "eti"),
        (5_000, 900_000_000, "grande_entreprise"),
        (800, 2_000_000_000, "grande_entreprise"),
    ]
    for people, turnover, expected in cases:
        scope = {"profil": "entreprise", "organisation_effectif": people}
        assert compute_default(own, {**scope, "organisation_budget": turnover}) == expected
        scope = {"profil": "association", "partenaire_effectif": people}
        assert compute_default(partner, {**scope, "partenaire_budget": turnover}) == expected
    # an association's own type, or a figure missing: nothing is proposed
    assert compute_default(own, {"profil": "association", "organisation_effectif": 5}) is None
    assert compute_default(own, {"profil": "entreprise", "organisation_effectif": 65}) is None
