"""Step 3's comparison of candidate partners: weights, scores, ranking, reasons and warnings."""

from __future__ import annotations

import json
from typing import Any

import pytest

from partenariat.project import Project, new_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from partenariat.selection import Ranking, rank_candidates

COMPANY_CRITERIA = [
    "competences_resultats",
    "changement_echelle",
    "constance_credibilite",
    "gestion_professionnelle",
    "ressources_multilaterales",
    "independance",
    "dialogue_metier",
    "visibilite_internationale",
]
NGO_CRITERIA = ["confiance", "egalite", "reflexion", "dialogue_direction", "valeurs_partagees"]


@pytest.fixture(scope="module")
def quest() -> Questionnaires:
    return load_questionnaires()


def project(profil: str, step3: dict[str, Any]) -> Project:
    p = new_project(profil, "Organisation test", None)
    p.step(3).reponses.update(step3)
    return p


def rank(profil: str, step3: dict[str, Any], quest: Questionnaires) -> Ranking:
    return rank_candidates(project(profil, step3), quest)


def weights(**given: int) -> dict[str, int]:
    return {c: given.get(c, 0) for c in COMPANY_CRITERIA}


def candidate(nom: str, notes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"nom": nom, "rencontre": True, "exclu": False, "evaluation": notes, **extra}


def test_criteria_rows_depend_on_the_profile(quest: Questionnaires) -> None:
    ent = rank("entreprise", {}, quest)
    asso = rank("association", {}, quest)
    assert [c.id for c in ent.criteres] == COMPANY_CRITERIA
    assert [c.id for c in asso.criteres] == NGO_CRITERIA
    assert all(c.poids == 1 for c in ent.criteres)  # the questionnaire's default weight
    assert all(c.libelle and c.libelle != c.id for c in asso.criteres)
    assert ent.candidats == [] and ent.avertissements == []


def test_weighted_score_and_ranking(quest: Questionnaires) -> None:
    step3 = {
        "ponderation_criteres": weights(competences_resultats=3, independance=2),
        "candidats": [
            candidate(
                "Beta",
                {"competences_resultats": 2, "independance": 4, "visibilite_internationale": 5},
            ),
            candidate("Alpha", {"competences_resultats": 5, "independance": 5}),
            candidate("Gamma", {"competences_resultats": 4, "independance": 1}),
            candidate("Aardvark", {"competences_resultats": 4, "independance": 1}),
        ],
    }
    result = rank("entreprise", step3, quest)
    # Beta: (3*2 + 2*4) / (5*5) = 56 %: a weight of 0 makes visibility count for nothing.
    # Gamma and Aardvark: (3*4 + 2*1) / 25 = 56 % too: ties are broken by name.
    assert [(c.nom, c.score) for c in result.candidats] == [
        ("Alpha", 100.0),
        ("Aardvark", 56.0),
        ("Beta", 56.0),
        ("Gamma", 56.0),
    ]
    assert [c.rang for c in result.candidats] == [1, 2, 3, 4]
    alpha = result.candidats[0]
    detail = {d.critere: d for d in alpha.details}
    assert (
        detail["competences_resultats"].points == 15 and detail["competences_resultats"].poids == 3
    )
    assert any(r.startswith("Points forts") and "Compétences" in r for r in alpha.raisons)
    gamma = result.candidats[3]
    assert any(
        r.startswith("Points faibles") and "Indépendance (1 / 5)" in r for r in gamma.raisons
    )


def test_association_scores_companies_on_its_own_criteria(quest: Questionnaires) -> None:
    step3 = {
        "ponderation_criteres": {
            "confiance": 3,
            "valeurs_partagees": 1,
            "egalite": 0,
            "reflexion": 0,
            "dialogue_direction": 0,
        },
        "candidats": [
            candidate(
                "Maraîchers Réunis",
                {"confiance": 5, "valeurs_partagees": 0, "competences_resultats": 5},
            )
        ],
    }
    result = rank("association", step3, quest)
    only = result.candidats[0]
    assert only.score == 75.0  # (3*5 + 1*0) / (4*5); a company-side row is ignored
    assert {d.critere for d in only.details} == set(NGO_CRITERIA)
    assert only.critique_passee is None


def test_missing_notes_count_zero_and_are_reported(quest: Questionnaires) -> None:
    step3 = {"candidats": [candidate("Delta", {"competences_resultats": 5}, rencontre=False)]}
    result = rank("entreprise", step3, quest)
    delta = result.candidats[0]
    assert delta.score == 12.5  # 5 / (8 criteria × 5), all weights at their default of 1
    assert any(r.startswith("Non évalué sur") for r in delta.raisons)
    assert any(r.startswith("Pas encore rencontré") for r in delta.raisons)
    assert delta.rencontre is False


def test_excluded_candidates_come_last_with_their_motive(quest: Questionnaires) -> None:
    step3 = {
        "candidats": [
            candidate(
                "Exclue",
                {c: 5 for c in COMPANY_CRITERIA},
                exclu=True,
                motif_exclusion="Hors de notre territoire",
            ),
            candidate("Gardée", {"competences_resultats": 1}),
        ],
    }
    result = rank("entreprise", step3, quest)
    assert [c.nom for c in result.candidats] == ["Gardée", "Exclue"]
    excluded = result.candidats[1]
    assert excluded.exclu and excluded.rang is None and excluded.score == 100.0
    assert excluded.motif_exclusion == "Hors de notre territoire"
    assert excluded.raisons[0] == "Écarté : Hors de notre territoire."


def test_conflict_warning_when_a_critic_is_excluded(quest: Questionnaires) -> None:
    critic = candidate(
        "Vigie Climat", {}, critique_passee=True, exclu=True, motif_exclusion="Nous a attaqués"
    )
    result = rank("entreprise", {"candidats": [critic]}, quest)
    codes = {w.code: w for w in result.avertissements}
    assert "conflit" in codes
    assert codes["conflit"].outline == ["E3.conflit"] and codes["conflit"].candidats == [
        "Vigie Climat"
    ]
    assert "« Vigie Climat »" in codes["conflit"].message
    kept = candidate("Vigie Climat", {}, critique_passee=True, exclu=False)
    result = rank("entreprise", {"candidats": [kept]}, quest)
    assert "conflit" not in {w.code for w in result.avertissements}
    assert any("critiqué" in r for r in result.candidats[0].raisons)


def test_conflict_is_a_company_concern_only(quest: Questionnaires) -> None:
    critic = candidate(
        "Groupe X", {}, critique_passee=True, exclu=True, motif_exclusion="Secteur exclu"
    )
    result = rank("association", {"candidats": [critic]}, quest)
    assert result.avertissements == []


def test_exclusion_criteria_warnings(quest: Questionnaires) -> None:
    step3: dict[str, Any] = {
        "criteres_exclusion_demandes": False,
        "candidats": [
            candidate("Inconnue", {}, criteres_exclusion_connus=False),
            candidate("Connue", {}, criteres_exclusion_connus=True),
            candidate(
                "Écartée",
                {},
                criteres_exclusion_connus=False,
                exclu=True,
                motif_exclusion="Trop petite",
            ),
        ],
    }
    codes = {w.code: w for w in rank("entreprise", step3, quest).avertissements}
    assert codes["exclusion_non_demandee"].outline == ["E3.exclusion"]
    assert codes["criteres_exclusion_inconnus"].candidats == ["Inconnue"]
    step3["criteres_exclusion_demandes"] = True
    step3["candidats"] = [candidate("Connue", {}, criteres_exclusion_connus=True)]
    assert rank("entreprise", step3, quest).avertissements == []


def test_retained_partner_checks(quest: Questionnaires) -> None:
    base: dict[str, Any] = {
        "ponderation_criteres": weights(competences_resultats=3),
        "candidats": [
            candidate("Alpha", {"competences_resultats": 5}),
            candidate("Beta", {"competences_resultats": 2}),
        ],
    }
    second = rank("entreprise", {**base, "partenaire_retenu": "  beta "}, quest)
    assert [c.retenu for c in second.candidats] == [False, True]
    codes = {w.code: w for w in second.avertissements}
    assert (
        codes["retenu_non_premier"].severite == "conseil"
        and "2e" in codes["retenu_non_premier"].message
    )
    first = rank("entreprise", {**base, "partenaire_retenu": "Alpha"}, quest)
    assert first.avertissements == []
    elsewhere = rank("entreprise", {**base, "partenaire_retenu": "Oméga"}, quest)
    assert [w.code for w in elsewhere.avertissements] == ["retenu_hors_comparaison"]
    base["candidats"].append(candidate("Gamma", {}, exclu=True, motif_exclusion="Désistement"))
    excluded = rank("entreprise", {**base, "partenaire_retenu": "Gamma"}, quest)
    assert [w.code for w in excluded.avertissements] == ["retenu_ecarte"]


def test_all_zero_weights_warn(quest: Questionnaires) -> None:
    step3 = {
        "ponderation_criteres": weights(),
        "candidats": [candidate("Alpha", {"competences_resultats": 5})],
    }
    result = rank("entreprise", step3, quest)
    assert result.candidats[0].score == 0.0
    assert [w.code for w in result.avertissements] == ["ponderation_nulle"]


def test_ranking_is_plain_data(quest: Questionnaires) -> None:
    step3 = {"candidats": [candidate("Alpha", {"competences_resultats": 5})]}
    data = rank("entreprise", step3, quest).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text)["candidats"][0]["nom"] == "Alpha"
    assert set(data) == {"criteres", "candidats", "avertissements", "note_max"}
    assert data["note_max"] == 5


def test_malformed_items_are_ignored(quest: Questionnaires) -> None:
    step3 = {
        "candidats": ["pas un candidat", candidate("Alpha", {"competences_resultats": "cinq"})]
    }
    result = rank("entreprise", step3, quest)
    assert [c.nom for c in result.candidats] == ["Alpha"]
    assert result.candidats[0].score == 0.0


def test_ranking_as_plain_data_equals_asdict() -> None:
    """``to_dict`` skips ``asdict``'s deep copies: the data must stay the same."""
    from dataclasses import asdict

    from docs_support import FULL_PROJECT
    from partenariat.analysis import load_and_analyse

    ranking = load_and_analyse(FULL_PROJECT).ranking
    assert ranking.candidats  # a ranking with candidates, details and reasons
    assert ranking.to_dict() == asdict(ranking)
