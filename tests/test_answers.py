"""Which questions apply, what counts as answered, and what expressions and documents see."""

from __future__ import annotations

from typing import Any

import pytest

from partenariat.answers import active_questions as active
from partenariat.answers import (
    allowed_values,
    base_context,
    build_context,
    compute_default,
    is_answered,
    missing_in_item,
    step_progress,
    step_scope,
)
from partenariat.project import Project, new_project
from partenariat.questionnaire import Question, Questionnaires, load_questionnaires


@pytest.fixture(scope="module")
def qs() -> Questionnaires:
    return load_questionnaires()


def make(profil: str = "entreprise", **steps: dict[str, Any]) -> Project:
    proj = new_project(profil, "Acme", "Les Amis")
    for key, answers in steps.items():
        proj.step(int(key.removeprefix("e"))).reponses.update(answers)
    return proj


def ids(qs: Questionnaires, proj: Project, n: int) -> list[str]:
    context = build_context(proj, qs)
    scope = step_scope(context, n, proj.answers(n))
    return [q.id for q in active(qs[n], scope, proj.profil)]


def test_base_context(qs: Questionnaires) -> None:
    proj = make()
    context = build_context(proj, qs)
    assert context["profil"] == "entreprise"
    assert context["organisation"] == {"nom": "Acme"}
    assert context["partenaire"] == {"nom": "Les Amis"}
    assert context["projet"]["format"] == 2
    assert context["projet"]["mis_a_jour"] == proj.mis_a_jour.date().isoformat()
    assert [f"etape{n}" in context for n in range(1, 8)] == [True] * 7
    assert base_context(proj)["profil"] == "entreprise"


def test_condition_shows_and_hides_questions(qs: Questionnaires) -> None:
    hidden = ids(qs, make(e1={"decision": "renoncer"}), 1)
    assert "parties_prenantes_a_informer" not in hidden
    assert "communication_decision" not in hidden
    shown = ids(qs, make(e1={"decision": "engager"}), 1)
    assert "parties_prenantes_a_informer" in shown and "communication_decision" in shown
    assert "autres_parties_prenantes" not in shown
    more = ids(qs, make(e1={"decision": "engager", "parties_prenantes_a_informer": ["autres"]}), 1)
    assert "autres_parties_prenantes" in more


def test_conditions_across_steps(qs: Questionnaires) -> None:
    assert "validation_reseau_ong" not in ids(qs, make(), 5)
    proj = make(e4={"perimetre_geographique": "international"})
    assert "validation_reseau_ong" in ids(qs, proj, 5)
    assert "traduction_documents" in ids(qs, proj, 6)


def test_profile_hides_questions(qs: Questionnaires) -> None:
    assert "politique_rse" in ids(qs, make("entreprise"), 1)
    assert "politique_rse" not in ids(qs, make("association"), 1)
    assert "criteres_identification" in ids(qs, make("entreprise"), 3)
    assert "ciblage_objectifs" not in ids(qs, make("entreprise"), 3)
    assert "ciblage_objectifs" in ids(qs, make("association"), 3)


def test_build_context_drops_answers_of_inactive_questions(qs: Questionnaires) -> None:
    proj = make(
        e1={
            "decision": "renoncer",
            "parties_prenantes_a_informer": ["salaries"],
            "enjeux": "Des enjeux",
        },
        e4={"contribution_financiere": False, "montant_contribution": 5000},
    )
    context = build_context(proj, qs)
    assert context["etape1"] == {"decision": "renoncer", "enjeux": "Des enjeux"}
    assert context["etape4"] == {"contribution_financiere": False}
    # the answers stay in the file
    assert proj.answers(1)["parties_prenantes_a_informer"] == ["salaries"]
    assert proj.answers(4)["montant_contribution"] == 5000


def test_build_context_drops_other_profile_answers(qs: Questionnaires) -> None:
    proj = make("association", e1={"politique_rse": "Notre politique", "enjeux": "E"})
    assert "politique_rse" not in build_context(proj, qs)["etape1"]


def test_step_progress_counts_required_active_questions(qs: Questionnaires) -> None:
    proj = make(e1={"enjeux": "E", "decision": "renoncer", "politique_rse": None})
    first = step_progress(proj, qs)[0]
    assert first.etape == 1 and first.statut == "a_faire"
    required = [q for q in qs[1].questions if q.obligatoire and not q.si]
    assert first.obligatoires == len(required)
    assert first.repondues == 2
    assert {q.id for q in first.manquantes} == {q.id for q in required} - {"enjeux", "decision"}
    engaged = make(e1={"enjeux": "E", "decision": "engager"})
    assert step_progress(engaged, qs)[0].obligatoires == first.obligatoires + 2
    assert len(step_progress(proj, qs)) == 7


def test_hidden_answer_does_not_count(qs: Questionnaires) -> None:
    proj = make(e1={"decision": "renoncer", "communication_decision": "On le dira"})
    first = step_progress(proj, qs)[0]
    assert first.repondues == 1


def test_is_answered_rules() -> None:
    required = Question.model_validate({"id": "a", "type": "texte", "question": "Q"})
    optional = required.model_copy(update={"obligatoire": False})
    assert not is_answered(required, {})
    assert not is_answered(required, {"a": None})
    assert not is_answered(required, {"a": ""})
    assert is_answered(required, {"a": "x"})
    assert is_answered(optional, {"a": None})
    assert not is_answered(optional, {})


def test_list_counts_once_every_item_is_complete(qs: Questionnaires) -> None:
    actions = qs[4].question("actions")
    assert actions is not None
    full = {
        "intitule": "Atelier",
        "description": "D",
        "porteur": "conjoint",
        "pilote": "P",
        "date_debut": "2026-01-01",
        "date_fin": "2026-06-30",
    }
    assert is_answered(actions, {"actions": [full]})
    partial = dict(full)
    del partial["pilote"]
    assert not is_answered(actions, {"actions": [full, partial]})
    assert [q.id for q in missing_in_item(actions, partial, {}, "entreprise")] == ["pilote"]


def test_list_sub_question_conditions(qs: Questionnaires) -> None:
    candidats = qs[3].question("candidats")
    assert candidats is not None
    item = {
        "nom": "X",
        "presentation": None,
        "rencontre": True,
        "evaluation": {"confiance": 3},
        "exclu": False,
    }
    assert [q.id for q in missing_in_item(candidats, item, {}, "association")] == []
    excluded = {**item, "exclu": True}
    assert [q.id for q in missing_in_item(candidats, excluded, {}, "association")] == [
        "motif_exclusion"
    ]
    # entreprise sees two more sub-questions
    assert len(missing_in_item(candidats, item, {}, "entreprise")) == 2


def test_choix_parmi_limits_options(qs: Questionnaires) -> None:
    prio = qs[1].question("objectifs_prioritaires")
    assert prio is not None
    assert allowed_values(prio, {"objectifs": ["rh", "innover"]}) == ["rh", "innover"]
    assert allowed_values(prio, {"objectifs": []}) is None
    assert allowed_values(prio, {}) is None
    enjeux = qs[1].question("enjeux")
    assert enjeux is not None and allowed_values(enjeux, {"objectifs": ["rh"]}) is None


def test_literal_defaults(qs: Questionnaires) -> None:
    duree = qs[4].question("duree_mois")
    decision = qs[7].question("decision_issue")
    assert duree is not None and decision is not None
    assert compute_default(duree, {}) == 36
    assert compute_default(decision, {}) == "a_decider"


def test_computed_date_defaults(qs: Questionnaires) -> None:
    proj = make(
        e2={"date_debut_recherche": "2026-01-31"},
        e4={"date_debut": "2026-09-01", "duree_mois": 36},
        e6={"date_lancement": "2026-10-15"},
    )
    context = build_context(proj, qs)
    lancement = qs[2].question("date_lancement_prevue")
    assert lancement is not None
    assert compute_default(lancement, step_scope(context, 2, proj.answers(2))) == "2026-10-31"
    finale = qs[7].question("date_evaluation_finale")
    premiers = qs[7].question("date_premiers_resultats")
    assert finale is not None and premiers is not None
    scope7 = step_scope(context, 7, {})
    # 36 months from 1 September 2026 end on 31 August 2029 (a Friday); no notice: that day,
    # as the follow-up plan dates it (never the day after the convention's end).
    assert compute_default(finale, scope7) == "2029-08-31"
    assert compute_default(premiers, scope7) == "2027-07-15"
    # no start date yet: no default rather than an error
    assert compute_default(lancement, step_scope(build_context(make(), qs), 2, {})) is None


def test_computed_defaults_from_earlier_steps(qs: Questionnaires) -> None:
    proj = make(e1={"categories": ["mecenat"], "categorie_principale": "mecenat"})
    cat = qs[4].question("categorie_partenariat")
    assert cat is not None  # asked once, at step 1: step 4 shows it (see test_wizard_screens)
    assert cat.reprise == "etape1.categorie_principale" and cat.defaut_expr is None
    assert proj.answers(1)["categorie_principale"] == "mecenat"
    ressources = qs[6].question("ressources_mobilisees")
    assert ressources is not None
    with_money = make(e4={"contribution_financiere": True})
    scope = step_scope(build_context(with_money, qs), 6, {})
    assert compute_default(ressources, scope) == ["humains", "organisationnels", "financiers"]


def test_failing_default_expression_gives_no_default() -> None:
    q = Question.model_validate(
        {"id": "a", "type": "nombre", "question": "Q", "defaut_expr": "1 / 0"}
    )
    assert compute_default(q, {}) is None
