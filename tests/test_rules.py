"""The vigilance rules of regles.yaml: each one fires on a project that calls for it and stays
silent otherwise; the file is checked with line numbers; check's data (readiness, JSON) is right.

Projects are built with the real Project model and evaluated against the real questionnaires, so
a question renamed or hidden by a condition breaks the rule that relies on it here.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from partenariat.analysis import analyse
from partenariat.errors import InvalidFileError
from partenariat.project import Project, load_project, new_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from partenariat.render import load_clauses
from partenariat.rules import (
    Finding,
    RuleSet,
    evaluate,
    findings_as_json,
    group_findings,
    load_rules,
    readiness,
)

Answers = dict[int, dict[str, Any]]

# The clause ids rules may name are those of the convention checklist's catalogue.
CLAUSE_IDS = {clause.id for clause in load_clauses()}


@pytest.fixture(scope="module")
def quest() -> Questionnaires:
    return load_questionnaires()


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


def make_project(profil: str, answers: Answers) -> Project:
    project = new_project(profil, "Organisation test", "Partenaire test")
    for step, values in answers.items():
        project.step(step).reponses.update(values)
    return project


def run(
    profil: str, answers: Answers, quest: Questionnaires, rules: RuleSet | None = None
) -> list[Finding]:
    return evaluate(make_project(profil, answers), quest, rules)


def flow(nature: str, montant: float, **extra: Any) -> dict[str, Any]:
    """One step-4 flow, from the company to the association, all in 2027 unless told."""
    return {
        "nature": nature,
        "sens": "entreprise_vers_association",
        "description": f"Flux {nature}",
        "montant": montant,
        "montants_annuels": {"2027": montant},
        "tva": "hors_champ",
        **extra,
    }


def with_flows(*flows: dict[str, Any], **answers: Any) -> dict[str, Any]:
    return {"contribution_financiere": True, "flux": list(flows), **answers}


def by_id(findings: list[Finding], rule_id: str) -> Finding | None:
    return next((f for f in findings if f.id == rule_id), None)


ENGAGER = {"decision": "engager"}

# (rule id, profil, answers that trigger it, answers that do not)
CASES: list[tuple[str, str, Answers, Answers]] = [
    (
        "coherence_categorie_principale",
        "entreprise",
        {
            1: {
                "objectifs": ["rh", "innover"],
                "objectifs_prioritaires": ["rh"],
                "categories": ["cooperation_economique"],
                "categorie_principale": "cooperation_economique",
            }
        },
        {
            1: {
                "objectifs": ["rh", "innover"],
                "objectifs_prioritaires": ["rh"],
                "categories": ["mecenat"],
                "categorie_principale": "mecenat",
            }
        },
    ),
    (
        "coherence_categorie_partenariat",
        "entreprise",
        {
            1: {"objectifs": ["innover"], "objectifs_prioritaires": ["innover"]},
            4: {"categorie_partenariat": "mecenat"},
        },
        {
            1: {"objectifs": ["innover"], "objectifs_prioritaires": ["innover"]},
            4: {"categorie_partenariat": "innovation_societale"},
        },
    ),
    (
        "risque_fuite_information",
        "association",
        {1: {"risques_percus": ["fuite_information"]}},
        {1: {"risques_percus": ["temps_argent"]}, 5: {"donnees_personnelles": "aucune"}},
    ),
    (
        "risque_independance",
        "association",
        {1: {"risques_percus": ["independance"]}},
        {1: {"risques_percus": ["washing"]}, 5: {"exclusivite": "sectorielle"}},
    ),
    (
        "risque_washing",
        "association",
        {1: {"risques_percus": ["washing"]}},
        {1: {"risques_percus": ["independance"]}},
    ),
    (
        "risque_temps_argent",
        "entreprise",
        {1: {"risques_percus": ["temps_argent"]}},
        {1: {"risques_percus": ["reputation"]}},
    ),
    (
        "risque_defaillance_projet",
        "entreprise",
        {1: {"risques_percus": ["defaillance_projet"]}},
        {
            1: {"risques_percus": ["temps_argent"]},
            4: with_flows(flow("don_numeraire", 20000)),
        },
    ),
    (
        "risque_mauvais_partenaire",
        "entreprise",
        {1: {"risques_percus": ["mauvais_partenaire"]}},
        {1: {"risques_percus": ["defaillance_projet"]}},
    ),
    (
        "risque_reputation",
        "association",
        {1: {"risques_percus": ["reputation"]}},
        {1: {"risques_percus": ["temps_argent"]}},
    ),
    (
        "risque_critiques_publiques",
        "entreprise",
        {1: {"risques_percus": ["campagnes"]}},
        {1: {"risques_percus": ["reputation"]}},
    ),
    (
        "risque_desaccord_interne",
        "association",
        {1: {"risques_percus": ["desaccord_interne"]}},
        {1: {"risques_percus": ["exposition"]}},
    ),
    (
        "risque_dialogue_social",
        "entreprise",
        {4: {"beneficiaires": ["salaries"]}},
        {4: {"beneficiaires": ["salaries"]}, 6: {"representants_salaries": "sans_objet"}},
    ),
    (
        "lancement_avant_recherche",
        "entreprise",
        {2: {"date_debut_recherche": "2026-06-01", "date_lancement_prevue": "2026-01-01"}},
        {2: {"date_debut_recherche": "2026-06-01", "date_lancement_prevue": "2027-03-01"}},
    ),
    (
        "delai_preparation",
        "entreprise",
        {2: {"date_debut_recherche": "2026-01-10", "date_lancement_prevue": "2026-04-01"}},
        {2: {"date_debut_recherche": "2026-01-10", "date_lancement_prevue": "2026-10-01"}},
    ),
    (
        "evaluation_avant_premiers_resultats",
        "entreprise",
        {6: {"date_lancement": "2026-01-01"}, 7: {"date_premiers_resultats": "2026-06-01"}},
        {
            6: {"date_lancement": "2026-01-01"},
            7: {
                "date_premiers_resultats": "2026-12-01",
                "bilans_intermediaires": [{"date": "2026-11-01", "objet": "Bilan d'étape"}],
            },
        },
    ),
    (
        "comite_trop_espace",
        "entreprise",
        {
            4: {"partenariat_structurant": True, "comite_pilotage": True},
            6: {"periodicite_comite_mois": 6},
        },
        {
            4: {"partenariat_structurant": False, "comite_pilotage": True},
            6: {"periodicite_comite_mois": 6},
        },
    ),
    (
        "preavis_superieur_duree",
        "entreprise",
        {4: {"duree_mois": 12, "renouvellement": "tacite", "preavis_non_renouvellement_mois": 12}},
        {4: {"duree_mois": 12, "renouvellement": "tacite", "preavis_non_renouvellement_mois": 3}},
    ),
    (
        "evaluation_finale_apres_preavis",
        "entreprise",
        {
            4: {
                "date_debut": "2026-01-01",
                "duree_mois": 36,
                "renouvellement": "expres",
                "preavis_non_renouvellement_mois": 3,
            },
            7: {"date_evaluation_finale": "2028-12-15"},
        },
        {
            4: {
                "date_debut": "2026-01-01",
                "duree_mois": 36,
                "renouvellement": "expres",
                "preavis_non_renouvellement_mois": 3,
            },
            7: {"date_evaluation_finale": "2028-09-01"},
        },
    ),
    (
        "signature_apres_lancement",
        "association",
        {2: {"date_lancement_prevue": "2026-04-01"}, 5: {"date_signature_prevue": "2026-05-01"}},
        {2: {"date_lancement_prevue": "2026-04-01"}, 5: {"date_signature_prevue": "2026-03-01"}},
    ),
    (
        "structurant_duree_courte",
        "entreprise",
        {4: {"partenariat_structurant": True, "duree_mois": 12}},
        {4: {"partenariat_structurant": True, "duree_mois": 36}},
    ),
    (
        "structurant_sans_comite",
        "entreprise",
        {4: {"partenariat_structurant": True, "comite_pilotage": False}},
        {4: {"partenariat_structurant": True, "comite_pilotage": True}},
    ),
    (
        "financement_incomplet",
        "entreprise",
        {4: {"contribution_financiere": True}},
        {4: with_flows(flow("don_numeraire", 10000))},
    ),
    (
        "tva_a_verifier",
        "association",
        {4: with_flows(flow("prestation", 5000, tva="a_verifier"))},
        {4: with_flows(flow("prestation", 5000, tva="soumis"))},
    ),
    (
        "don_hors_forme_mecenat",
        "entreprise",
        {4: with_flows(flow("don_numeraire", 10000)), 5: {"forme_juridique": "contrat_parrainage"}},
        {
            4: with_flows(flow("don_numeraire", 10000)),
            5: {"forme_juridique": "convention_partenariat"},
        },
    ),
    (
        "tva_commercial_hors_champ",
        "association",
        {4: with_flows(flow("parrainage", 8000, tva="hors_champ"))},
        {4: with_flows(flow("parrainage", 8000, tva="soumis"))},
    ),
    (
        "avantage_commercial_mecenat",
        "entreprise",
        {4: with_flows(flow("don_numeraire", 10000)), 5: {"exclusivite": "sectorielle"}},
        {
            4: with_flows(flow("don_numeraire", 10000), avantage_commercial=False),
            5: {"exclusivite": "aucune"},
        },
    ),
    (
        "relation_commerciale_meme_partenaire",
        "entreprise",
        {4: with_flows(flow("don_numeraire", 10000), flow("prestation", 4000, tva="soumis"))},
        {4: with_flows(flow("don_numeraire", 10000), relation_commerciale=False)},
    ),
    (
        "don_programme_international",
        "association",
        {
            4: {
                **with_flows(flow("don_numeraire", 10000)),
                "perimetre_geographique": "international",
            }
        },
        {4: {**with_flows(flow("prestation", 10000)), "perimetre_geographique": "international"}},
    ),
    (
        "competences_sans_mise_a_disposition",
        "entreprise",
        {
            4: with_flows(flow("mecenat_competences", 20000)),
            5: {"mise_a_disposition_salaries": False},
        },
        {
            4: with_flows(flow("mecenat_competences", 20000)),
            5: {"mise_a_disposition_salaries": True},
        },
    ),
    (
        "salaire_competences_plafond",
        "entreprise",
        # 2027 is past the last known year: the 2026 ceiling (3 × 4 005 € = 12 015 €) applies.
        {4: with_flows(flow("mecenat_competences", 20000, salaire_mensuel_max=12100))},
        {4: with_flows(flow("mecenat_competences", 20000, salaire_mensuel_max=12015))},
    ),
    (
        "sapin2_applicable",
        "entreprise",
        {
            4: with_flows(
                flow("don_numeraire", 10000), effectif_entreprise=500, ca_ht_entreprise=100_000_001
            )
        },
        {
            4: with_flows(
                flow("don_numeraire", 10000), effectif_entreprise=499, ca_ht_entreprise=100_000_001
            )
        },
    ),
    (
        "cse_non_informe",
        "entreprise",
        {
            4: with_flows(
                flow("mecenat_competences", 5000), representants_personnel=True, cse_informe=False
            )
        },
        {
            4: with_flows(
                flow("mecenat_competences", 5000), representants_personnel=True, cse_informe=True
            )
        },
    ),
    (
        "association_non_eligible",
        "association",
        {
            4: with_flows(
                flow("don_numeraire", 5000),
                deduction_fiscale=True,
                eligibilite_association="non_eligible",
            )
        },
        {
            4: with_flows(
                flow("don_numeraire", 5000),
                deduction_fiscale=True,
                eligibilite_association="rescrit",
            )
        },
    ),
    (
        "eligibilite_a_confirmer",
        "association",
        {4: with_flows(flow("don_numeraire", 5000), eligibilite_association="a_verifier")},
        {4: with_flows(flow("don_numeraire", 5000), eligibilite_association="utilite_publique")},
    ),
    (
        "seuil_commissaire_aux_comptes",
        "association",
        {4: with_flows(flow("don_numeraire", 60000), dons_annuels_association=93000)},
        {4: with_flows(flow("don_numeraire", 60000), dons_annuels_association=92999)},
    ),
    (
        "franchise_impots_commerciaux",
        "association",
        # 2027 uses the latest known franchise (78 596 €).
        {
            4: with_flows(
                flow("parrainage", 20000, tva="soumis"), recettes_lucratives_association=58597
            )
        },
        {
            4: with_flows(
                flow("parrainage", 20000, tva="soumis"), recettes_lucratives_association=58596
            )
        },
    ),
    (
        "dependance_association",
        "association",
        {4: with_flows(flow("don_numeraire", 60000), budget_association=100000)},
        {4: with_flows(flow("don_numeraire", 60000), budget_association=120000)},
    ),
    (  # the association's budget asked once: its own profile, step 1
        "dependance_association",
        "association",
        {1: {"organisation_budget": 100000}, 4: with_flows(flow("don_numeraire", 60000))},
        {1: {"organisation_budget": 120000}, 4: with_flows(flow("don_numeraire", 60000))},
    ),
    (  # the company's view: the partner's profile, step 3
        "dependance_association",
        "entreprise",
        {3: {"partenaire_budget": 100000}, 4: with_flows(flow("don_numeraire", 60000))},
        {3: {"partenaire_budget": 120000}, 4: with_flows(flow("don_numeraire", 60000))},
    ),
    (
        "declaration_recus_manquante",
        "association",
        {4: with_flows(flow("don_numeraire", 5000), declaration_recus=False)},
        {4: with_flows(flow("don_numeraire", 5000), declaration_recus=True)},
    ),
    (
        "international_sans_declinaison",
        "entreprise",
        {4: {"perimetre_geographique": "international"}},
        {
            4: {
                "perimetre_geographique": "international",
                "declinaison_locale": "Chaque filiale signe une convention avec le bureau local.",
            }
        },
    ),
    (
        "sans_procedure_litiges",
        "entreprise",
        {4: {"perimetre_geographique": "local"}},
        {
            4: {
                "perimetre_geographique": "local",
                "procedure_alerte": "Alerte écrite aux référents, réunion sous quinze jours.",
            }
        },
    ),
    (
        "referent_manquant",
        "association",
        {
            4: {
                "referents": [
                    {"partie": "association", "nom": "Ana Martin", "fonction": "Directrice"}
                ]
            }
        },
        {
            4: {
                "referents": [
                    {"partie": "association", "nom": "Ana Martin", "fonction": "Directrice"},
                    {"partie": "entreprise", "nom": "Luc Bernard", "fonction": "Responsable RSE"},
                ]
            }
        },
    ),
    (
        "non_concurrence_tardive",
        "entreprise",
        {2: {"non_concurrence_evoquee": "non"}, 5: {"non_concurrence": True}},
        {2: {"non_concurrence_evoquee": "oui"}, 5: {"non_concurrence": True}},
    ),
    (
        "communication_des_signature",
        "entreprise",
        {6: {"moment_communication_externe": "des_signature"}},
        {6: {"moment_communication_externe": "apres_premiers_resultats"}},
    ),
    (
        "sans_contrat_transparence",
        "association",
        {5: {"forme_juridique": "sans_contrat"}},
        {
            5: {
                "forme_juridique": "sans_contrat",
                "transparence_sans_contrat": "Comptes rendus partagés après chaque réunion.",
            }
        },
    ),
    (
        "engagement_direction_absent",
        "entreprise",
        {5: {"engagement_direction": False}},
        {5: {"engagement_direction": True}},
    ),
    (
        "validation_reseau_ong_absente",
        "association",
        {4: {"perimetre_geographique": "international"}, 5: {"validation_reseau_ong": False}},
        {4: {"perimetre_geographique": "international"}, 5: {"validation_reseau_ong": True}},
    ),
    (
        "contreparties_disproportionnees",
        "association",
        # Whatever the title: a partnership convention holding a gift in cash and in kind.
        {
            4: with_flows(
                flow("don_numeraire", 6000), flow("don_nature", 4000), flow("prestation", 9000)
            ),
            5: {
                "forme_juridique": "convention_partenariat",
                "contreparties": [{"description": "Logo sur le site", "valeur": 2501}],
            },
        },
        {
            4: with_flows(
                flow("don_numeraire", 6000), flow("don_nature", 4000), flow("prestation", 9000)
            ),
            5: {
                "forme_juridique": "convention_partenariat",
                "contreparties": [{"description": "Logo sur le site", "valeur": 2500}],
            },
        },
    ),
    (
        "attentes_non_acceptees",
        "entreprise",
        {2: {"attentes_acceptees": False}},
        {2: {"attentes_acceptees": True}},
    ),
    (
        "evaluation_interne_seulement",
        "entreprise",
        {4: {"partenariat_structurant": True}, 7: {"evaluateur": "interne"}},
        {4: {"partenariat_structurant": True}, 7: {"evaluateur": "conjointe"}},
    ),
    (
        "decision_renoncer",
        "association",
        {1: {"decision": "renoncer"}},
        {1: {"decision": "engager"}},
    ),
    (
        "renouvellement_sans_evaluation",
        "association",
        {1: {"nature_projet": "renouvellement", "evaluation_precedente": False}},
        {1: {"nature_projet": "renouvellement", "evaluation_precedente": True}},
    ),
    (
        "pouvoir_signataires_non_verifie",
        "entreprise",
        {5: {"pouvoir_signataires": "en_partie"}},
        {5: {"pouvoir_signataires": "oui"}},
    ),
    (
        "interet_general_forme_juridique",
        "entreprise",
        {5: {"partenaire_forme_juridique": "Association loi 1901 d'Intérêt Général"}},
        {
            5: {
                "partenaire_forme_juridique": "Association régie par la loi du 1er juillet 1901, "
                "déclarée à la préfecture du Rhône"
            }
        },
    ),
    (
        "pret_main_oeuvre_incomplet",
        "entreprise",
        {
            5: {
                "forme_juridique": "convention_mecenat",
                "type_mecenat": ["competences"],
                "mise_a_disposition_forme": "pret_main_oeuvre",
                "mise_a_disposition_formalites": ["accord_salarie", "avenant"],
            }
        },
        {
            5: {
                "forme_juridique": "convention_mecenat",
                "type_mecenat": ["competences"],
                "mise_a_disposition_forme": "pret_main_oeuvre",
                "mise_a_disposition_formalites": [
                    "accord_salarie",
                    "convention_mise_a_disposition",
                    "avenant",
                    "cse",
                ],
            }
        },
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "profil", "trigger", "quiet"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_fires_and_stays_quiet(
    rule_id: str,
    profil: str,
    trigger: Answers,
    quiet: Answers,
    quest: Questionnaires,
    rules: RuleSet,
) -> None:
    fired = by_id(run(profil, trigger, quest, rules), rule_id)
    assert fired is not None, f"{rule_id} should fire"
    rule = next(r for r in rules.regles if r.id == rule_id)
    assert fired.etape == rule.etape
    assert fired.outline == rule.outline and fired.clauses == rule.clauses
    assert fired.message and "{" not in fired.message and "  " not in fired.message
    assert "n'a pas pu être évaluée" not in fired.message
    assert by_id(run(profil, quiet, quest, rules), rule_id) is None, f"{rule_id} should stay quiet"


def test_every_rule_is_covered_by_a_case(rules: RuleSet) -> None:
    assert {r.id for r in rules.regles} == {c[0] for c in CASES}


def test_an_empty_project_has_no_rule_finding(quest: Questionnaires) -> None:
    for profil in ("entreprise", "association"):
        assert run(profil, {}, quest) == []


# --- Coherence --------------------------------------------------------------------------------


def test_coherence_names_the_kinds_the_objectives_point_to(quest: Questionnaires) -> None:
    findings = run(
        "association",
        {
            1: {
                "objectifs": ["financement"],
                "objectifs_prioritaires": ["financement"],
                "categories": ["innovation_societale"],
                "categorie_principale": "innovation_societale",
            }
        },
        quest,
    )
    found = by_id(findings, "coherence_categorie_principale")
    assert found is not None and found.outline[0] == "C1.coherence"
    categories = quest.find("etape1.categories")
    assert categories is not None
    assert categories.choice_label("mecenat") in found.message
    two = run(
        "entreprise",
        {
            1: {
                "objectifs": ["rh"],
                "objectifs_prioritaires": ["rh"],
                "categories": ["innovation_societale"],
                "categorie_principale": "innovation_societale",
            }
        },
        quest,
    )
    both = by_id(two, "coherence_categorie_partenariat") or by_id(
        two, "coherence_categorie_principale"
    )
    assert both is not None
    expected = [categories.choice_label(v) for v in ("mecenat", "pratiques_responsables")]
    assert f"{expected[0]} ou {expected[1]}" in both.message


def test_step4_category_takes_over_from_step1(quest: Questionnaires) -> None:
    step1 = {
        "objectifs": ["rh"],
        "objectifs_prioritaires": ["rh"],
        "categories": ["cooperation_economique"],
        "categorie_principale": "cooperation_economique",
    }
    findings = run("entreprise", {1: step1, 4: {"categorie_partenariat": "mecenat"}}, quest)
    assert by_id(findings, "coherence_categorie_principale") is None
    assert by_id(findings, "coherence_categorie_partenariat") is None
    findings = run(
        "entreprise", {1: step1, 4: {"categorie_partenariat": "innovation_societale"}}, quest
    )
    assert by_id(findings, "coherence_categorie_partenariat") is not None


def test_objective_mapping_is_data(tmp_path: Path, quest: Questionnaires) -> None:
    text = load_rules().path.read_text(encoding="utf-8")
    changed = text.replace("rh: [mecenat, pratiques_responsables]", "rh: [cooperation_economique]")
    assert changed != text
    path = tmp_path / "regles.yaml"
    path.write_text(changed, encoding="utf-8")
    step1 = {
        "objectifs": ["rh"],
        "objectifs_prioritaires": ["rh"],
        "categories": ["cooperation_economique"],
        "categorie_principale": "cooperation_economique",
    }
    assert by_id(run("entreprise", {1: step1}, quest), "coherence_categorie_principale") is not None
    assert (
        by_id(
            run("entreprise", {1: step1}, quest, load_rules(path)), "coherence_categorie_principale"
        )
        is None
    )


# --- Risks and whether the convention answers them ----------------------------------------------

# (rule id, profil, answers making the risk likely, answers that put its answer in the convention)
COVERED: list[tuple[str, str, Answers, Answers]] = [
    (
        "risque_fuite_information",
        "association",
        {1: {"risques_percus": ["fuite_information"]}},
        {5: {"confidentialite": True, "confidentialite_perimetre": "Tout."}},
    ),
    (
        "risque_independance",
        "association",
        {1: {"risques_percus": ["independance"]}},
        {5: {"liberte_expression_ong": True, "exclusivite": "aucune"}},
    ),
    (
        "risque_washing",
        "association",
        {1: {"risques_percus": ["washing"]}},
        {
            5: {"usage_marques": "Accord écrit préalable."},
            6: {"moment_communication_externe": "apres_premiers_resultats"},
        },
    ),
    (
        "risque_temps_argent",
        "entreprise",
        {1: {"risques_percus": ["temps_argent"]}},
        {4: {"resiliation_anticipee": "Préavis de trois mois.", "modalites_fin": "Bilan partagé."}},
    ),
    (
        "risque_defaillance_projet",
        "entreprise",
        {1: {"risques_percus": ["defaillance_projet"]}},
        {
            4: {
                "resiliation_anticipee": "Préavis de trois mois.",
                "contribution_financiere": True,
                "flux": [flow("don_numeraire", 20000)],
                "versement_conditionne": True,
            }
        },
    ),
    (
        "risque_mauvais_partenaire",
        "entreprise",
        {1: {"risques_percus": ["mauvais_partenaire"]}},
        {
            3: {
                "candidats": [
                    {"nom": "A", "rencontre": True, "exclu": False},
                    {"nom": "B", "rencontre": True, "exclu": False},
                ]
            },
            5: {"anticorruption": True},
        },
    ),
    (
        "risque_reputation",
        "association",
        {1: {"risques_percus": ["reputation"]}},
        {
            4: {"procedure_alerte": "Alerte aux référents."},
            5: {"usage_marques": "Accord écrit préalable."},
        },
    ),
    (
        "risque_critiques_publiques",
        "association",
        {1: {"risques_percus": ["exposition"]}},
        {4: {"procedure_alerte": "Alerte aux référents."}, 5: {"liberte_expression_ong": True}},
    ),
    (
        "risque_desaccord_interne",
        "association",
        {1: {"risques_percus": ["desaccord_interne"], **ENGAGER}},
        {1: {"parties_prenantes_a_informer": ["conseil_administration", "adherents"]}},
    ),
    (
        "risque_dialogue_social",
        "entreprise",
        {1: {"risques_percus": ["dialogue_social"]}},
        {6: {"representants_salaries": "associes"}},
    ),
]


def merged(base: Answers, extra: Answers) -> Answers:
    result = {step: dict(values) for step, values in base.items()}
    for step, values in extra.items():
        result.setdefault(step, {}).update(values)
    return result


@pytest.mark.parametrize(
    ("rule_id", "profil", "risk", "cover"), COVERED, ids=[c[0] for c in COVERED]
)
def test_risk_answered_by_the_convention(
    rule_id: str, profil: str, risk: Answers, cover: Answers, quest: Questionnaires, rules: RuleSet
) -> None:
    rule = next(r for r in rules.regles if r.id == rule_id)
    covered = by_id(run(profil, merged(risk, cover), quest, rules), rule_id)
    assert covered is not None and covered.clause_presente is True
    assert covered.severite == (rule.severite_present or "conseil")
    uncovered = by_id(run(profil, risk, quest, rules), rule_id)
    assert uncovered is not None and uncovered.clause_presente is False
    assert uncovered.severite == rule.severite
    assert covered.message != uncovered.message
    assert "{" not in covered.message


def test_every_risk_rule_has_a_coverage_case(rules: RuleSet) -> None:
    assert {r.id for r in rules.regles if r.present_si} == {c[0] for c in COVERED}


def test_risks_can_follow_from_other_answers(quest: Questionnaires) -> None:
    leaks = by_id(
        run("entreprise", {5: {"donnees_personnelles": "echangees"}}, quest),
        "risque_fuite_information",
    )
    assert leaks is not None and "confidentialité" in leaks.message
    total = by_id(
        run("entreprise", {5: {"exclusivite": "totale", "liberte_expression_ong": True}}, quest),
        "risque_independance",
    )
    assert (
        total is not None
        and total.clause_presente is False
        and "exclusivité totale" in total.message
    )
    money = by_id(
        run(
            "entreprise",
            {4: with_flows(flow("don_numeraire", 80000))},
            quest,
        ),
        "risque_defaillance_projet",
    )
    assert money is not None and "80" in money.message and "versements" in money.message


def test_side_specific_rules_respect_the_profile(quest: Questionnaires) -> None:
    answers: Answers = {1: {"risques_percus": ["mauvais_partenaire", "desaccord_interne"]}}
    ent = run("entreprise", answers, quest)
    asso = run("association", answers, quest)
    assert by_id(ent, "risque_mauvais_partenaire") and not by_id(asso, "risque_mauvais_partenaire")
    assert by_id(asso, "risque_desaccord_interne") and not by_id(ent, "risque_desaccord_interne")


# --- Timing ---------------------------------------------------------------------------------------


def test_preparation_uses_the_actual_launch_date_first(quest: Questionnaires) -> None:
    answers: Answers = {
        2: {"date_debut_recherche": "2026-01-10", "date_lancement_prevue": "2026-12-01"},
        6: {"date_lancement": "2026-03-01"},
    }
    found = by_id(run("entreprise", answers, quest), "delai_preparation")
    assert found is not None and "1er mars 2026" in found.message and "1 mois" in found.message


def test_early_review_of_results_counts_as_evaluation(quest: Questionnaires) -> None:
    answers: Answers = {
        6: {"date_lancement": "2026-01-01"},
        7: {
            "date_premiers_resultats": "2026-12-01",
            "bilans_intermediaires": [
                {"date": "2026-04-01", "nature": "resultats", "objet": "Premier bilan"}
            ],
        },
    }
    found = by_id(run("entreprise", answers, quest), "evaluation_avant_premiers_resultats")
    assert found is not None and "1er avril 2026" in found.message and "3 mois" in found.message


def test_committee_limit_depends_on_amount(quest: Questionnaires) -> None:
    big = {
        4: with_flows(flow("don_numeraire", 200000)),
        6: {"periodicite_comite_mois": 6},
    }
    small = {
        4: with_flows(flow("don_numeraire", 5000)),
        6: {"periodicite_comite_mois": 6},
    }
    assert by_id(run("entreprise", big, quest), "comite_trop_espace") is not None
    assert by_id(run("entreprise", small, quest), "comite_trop_espace") is None
    rare = {6: {"periodicite_comite_mois": 12}}
    assert by_id(run("entreprise", rare, quest), "comite_trop_espace") is not None


def test_notice_without_renewal_is_not_checked(quest: Questionnaires) -> None:
    answers: Answers = {
        4: {"duree_mois": 12, "renouvellement": "aucun", "preavis_non_renouvellement_mois": 12}
    }
    assert by_id(run("entreprise", answers, quest), "preavis_superieur_duree") is None


def test_notice_longer_than_convention_blocks(quest: Questionnaires) -> None:
    answers: Answers = {
        4: {"duree_mois": 12, "renouvellement": "tacite", "preavis_non_renouvellement_mois": 18}
    }
    found = by_id(run("entreprise", answers, quest), "preavis_superieur_duree")
    assert (
        found is not None
        and found.severite == "bloquant"
        and found.clauses == ["duree_renouvellement"]
    )


# --- Completeness ------------------------------------------------------------------------------


def test_flows_never_described_are_named(quest: Questionnaires) -> None:
    found = by_id(
        run("entreprise", {4: {"contribution_financiere": True}}, quest), "financement_incomplet"
    )
    assert found is not None and "aucun flux" in found.message


def test_receipt_and_counterparts_follow_the_flows_not_the_title(quest: Questionnaires) -> None:
    from partenariat.render import build_render_context, render_document

    gift_in_partnership = make_project(
        "entreprise",
        {
            4: with_flows(flow("don_numeraire", 30000), flow("prestation", 5000, tva="soumis")),
            5: {"forme_juridique": "convention_partenariat"},
        },
    )
    doc = render_document("checklist-convention", build_render_context(analyse(gift_in_partnership, quest)))
    assert "repères fiscaux" in doc.markdown
    clauses = {
        c.id: c for c in build_render_context(analyse(gift_in_partnership, quest)).variables["clauses"]
    }
    assert clauses["recu_fiscal"].statut != "sans_objet"
    assert clauses["contreparties"].statut != "sans_objet"
    paid_only = make_project("entreprise", {4: with_flows(flow("prestation", 5000, tva="soumis"))})
    clauses = {c.id: c for c in build_render_context(analyse(paid_only, quest)).variables["clauses"]}
    assert clauses["recu_fiscal"].statut == "sans_objet"


def test_missing_referent_side_is_named(quest: Questionnaires) -> None:
    answers: Answers = {
        4: {"referents": [{"partie": "entreprise", "nom": "Luc Bernard", "fonction": "RSE"}]}
    }
    found = by_id(run("entreprise", answers, quest), "referent_manquant")
    assert found is not None and "l’association" in found.message and found.severite == "bloquant"


def test_non_compete_not_checked_without_clause(quest: Questionnaires) -> None:
    answers: Answers = {2: {"non_concurrence_evoquee": "non"}, 5: {"non_concurrence": False}}
    assert by_id(run("entreprise", answers, quest), "non_concurrence_tardive") is None


def test_hidden_answers_do_not_trigger_rules(quest: Questionnaires) -> None:
    # flux is only asked with a financial contribution: a stale answer counts nowhere.
    answers: Answers = {
        4: {"contribution_financiere": False, "flux": [flow("prestation", 10, tva="a_verifier")]}
    }
    assert by_id(run("entreprise", answers, quest), "tva_a_verifier") is None


# --- Step 3 selection warnings become findings --------------------------------------------------


def test_selection_warnings_become_findings(quest: Questionnaires) -> None:
    answers: Answers = {
        3: {
            "criteres_exclusion_demandes": False,
            "candidats": [
                {
                    "nom": "Vigie Climat",
                    "rencontre": True,
                    "critique_passee": True,
                    "exclu": True,
                    "motif_exclusion": "Campagne contre nous en 2024",
                    "evaluation": {},
                },
                {
                    "nom": "Terre Solidaire",
                    "rencontre": True,
                    "critique_passee": False,
                    "exclu": False,
                    "criteres_exclusion_connus": True,
                    "evaluation": {},
                },
            ],
        }
    }
    findings = run("entreprise", answers, quest)
    conflict = by_id(findings, "selection.conflit")
    assert conflict is not None and conflict.etape == 3 and conflict.outline == ["E3.conflit"]
    assert "Vigie Climat" in conflict.message
    asked = by_id(findings, "selection.exclusion_non_demandee")
    assert asked is not None and asked.outline == ["E3.exclusion"]
    calm: Answers = {
        3: {"criteres_exclusion_demandes": True, "candidats": [answers[3]["candidats"][1]]}
    }
    quiet = run("entreprise", calm, quest)
    assert not [f for f in quiet if f.id.startswith("selection.")]


def test_rules_see_the_ranking(tmp_path: Path, quest: Questionnaires) -> None:
    path = tmp_path / "regles.yaml"
    path.write_text(
        textwrap.dedent("""\
        version: 1
        regles:
          - id: un_seul_candidat
            severite: conseil
            etape: 3
            titre: Un seul candidat
            si: "selection.candidats | length == 1"
            message: "Comparez au moins deux candidats ; {{ selection.candidats[0].nom }} est seul."
            outline: [E3.choix]
        """),
        encoding="utf-8",
    )
    answers: Answers = {
        3: {"candidats": [{"nom": "Terre Solidaire", "rencontre": True, "exclu": False}]}
    }
    found = by_id(run("entreprise", answers, quest, load_rules(path)), "un_seul_candidat")
    assert found is not None and "Terre Solidaire est seul" in found.message


# --- Order, grouping, failures -----------------------------------------------------------------


def test_findings_are_sorted_by_step_severity_id(quest: Questionnaires) -> None:
    answers: Answers = {
        1: {"risques_percus": ["temps_argent", "reputation"], "decision": "renoncer"},
        2: {"date_debut_recherche": "2026-01-10", "date_lancement_prevue": "2026-04-01"},
        4: {
            "duree_mois": 12,
            "renouvellement": "tacite",
            "preavis_non_renouvellement_mois": 12,
            "partenariat_structurant": True,
            "comite_pilotage": False,
        },
    }
    findings = run("entreprise", answers, quest)
    order = {"bloquant": 0, "avertissement": 1, "conseil": 2}
    keys = [(f.etape, order[f.severite], f.id) for f in findings]
    assert keys == sorted(keys) and len(keys) >= 5
    grouped = group_findings(findings)
    assert list(grouped) == sorted(grouped)
    assert next(iter(grouped[4])) == "bloquant"


def test_a_failing_rule_becomes_a_finding_naming_it(tmp_path: Path, quest: Questionnaires) -> None:
    path = tmp_path / "regles.yaml"
    path.write_text(
        textwrap.dedent("""\
        version: 1
        regles:
          - id: correcte
            severite: conseil
            etape: 4
            titre: Correcte
            si: "etape4.duree_mois"
            message: Durée renseignée.
            outline: [E4.duree]
          - id: fragile
            severite: bloquant
            etape: 4
            titre: Fragile
            si: "etape4.duree_mois > 'douze'"
            message: Jamais affiché.
            outline: [E4.duree]
        """),
        encoding="utf-8",
    )
    findings = run("entreprise", {4: {"duree_mois": 12}}, quest, load_rules(path))
    broken = by_id(findings, "fragile")
    assert broken is not None and broken.severite == "avertissement"
    assert "regles.yaml, ligne 10" in broken.message and "« fragile »" in broken.message
    assert by_id(findings, "correcte") is not None


# --- The rules file ------------------------------------------------------------------------------


def test_bundled_rules_load(rules: RuleSet) -> None:
    assert len(rules.regles) >= 30
    assert rules.path.name == "regles.yaml"
    assert all(rules.line_of(r.id) for r in rules.regles)


def test_bundled_rules_cite_known_clauses(rules: RuleSet) -> None:
    for rule in rules.regles:
        unknown = set(rule.clauses) - CLAUSE_IDS
        assert not unknown, f"{rule.id} cites unknown clauses {unknown}"


def test_rules_file_has_a_french_header_for_authors(rules: RuleSet) -> None:
    head = rules.path.read_text(encoding="utf-8").split("\nversion:")[0]
    assert head.startswith("#") and "present_si" in head and "severite" in head and "règle" in head


BROKEN = """\
version: 1
regles:
  - id: bonne
    severite: conseil
    etape: 1
    titre: Bonne
    si: "etape1.decision == 'renoncer'"
    message: Rien à dire.
    outline: [E1.decision]
  - id: bonne
    severite: critique
    etape: 9
    titre: Doublon
    si: "etape1.decision =="
    message: "Texte {{ non ferme"
    outline: [E1.decision]
    inconnu: 1
  - id: sans_message
    severite: conseil
    etape: 2
    titre: Sans message
    si: "true"
    outline: [E2.avant]
"""


def test_broken_rules_file_reports_every_error_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "regles.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_rules(path)
    errors = info.value.errors
    lines = {line for line, _ in errors}
    texts = " | ".join(text for _, text in errors)
    assert 10 in lines and "en double" in texts  # duplicate id
    assert 11 in lines  # unknown severity
    assert 12 in lines  # etape out of range
    assert 14 in lines and "expression invalide" in texts
    assert 15 in lines and "message invalide" in texts
    assert 17 in lines and "champ inconnu" in texts
    assert any(
        line and line >= 18 for line, text in errors if "message" in text and "absent" in text
    )
    assert str(path) in info.value.message and "ligne" in info.value.message


def test_reserved_prefix_and_present_pair(tmp_path: Path) -> None:
    path = tmp_path / "regles.yaml"
    path.write_text(
        textwrap.dedent("""\
        version: 1
        regles:
          - id: selection.maison
            severite: conseil
            etape: 3
            titre: T
            si: "true"
            message: M
            message_present: N
            outline: [E3.choix]
        """),
        encoding="utf-8",
    )
    with pytest.raises(InvalidFileError) as info:
        load_rules(path)
    texts = " | ".join(t for _, t in info.value.errors)
    assert "selection." in texts and "present_si" in texts


def test_rules_file_refuses_aliases(tmp_path: Path) -> None:
    path = tmp_path / "regles.yaml"
    path.write_text("version: 1\ntables: &t {a: 1}\nautre: *t\nregles: []\n", encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_rules(path)
    assert info.value.errors[0][0] == 3


# --- Readiness and JSON --------------------------------------------------------------------------


def test_readiness_counts_active_required_questions_for_the_profile(quest: Questionnaires) -> None:
    ent = make_project("entreprise", {3: {"criteres_exclusion_demandes": True}})
    asso = make_project("association", {})
    r_ent = {r.etape: r for r in readiness(ent, quest, evaluate(ent, quest))}
    r_asso = {r.etape: r for r in readiness(asso, quest, evaluate(asso, quest))}
    assert sorted(r_ent) == list(range(1, 8))
    assert r_ent[3].obligatoires != r_asso[3].obligatoires  # step 3 differs by side
    assert r_ent[3].repondues == 1 and r_asso[3].repondues == 0
    assert r_asso[3].obligatoires == len(r_asso[3].manquantes)
    # a conditional question counts only once its condition holds
    plain = make_project("entreprise", {4: {"perimetre_geographique": "local"}})
    wide = make_project("entreprise", {4: {"perimetre_geographique": "international"}})
    n_plain = {r.etape: r for r in readiness(plain, quest, [])}[4].obligatoires
    n_wide = {r.etape: r for r in readiness(wide, quest, [])}[4].obligatoires
    assert n_wide == n_plain + 1


def test_readiness_counts_findings_per_step(quest: Questionnaires) -> None:
    project = make_project(
        "entreprise",
        {
            4: {
                "duree_mois": 12,
                "renouvellement": "tacite",
                "preavis_non_renouvellement_mois": 12,
                "partenariat_structurant": True,
                "comite_pilotage": False,
            },
        },
    )
    findings = evaluate(project, quest)
    step4 = {r.etape: r for r in readiness(project, quest, findings)}[4]
    assert (
        step4.bloquants
        == sum(1 for f in findings if f.etape == 4 and f.severite == "bloquant")
        >= 1
    )
    assert (
        step4.avertissements
        == sum(1 for f in findings if f.etape == 4 and f.severite == "avertissement")
        >= 1
    )
    assert step4.conseils == sum(1 for f in findings if f.etape == 4 and f.severite == "conseil")
    assert step4.statut == "a_faire" and not step4.prete


def test_findings_as_json(quest: Questionnaires, tmp_path: Path) -> None:
    project_file = tmp_path / "partenariat.yaml"
    project_file.write_text(
        textwrap.dedent("""\
        format: 1
        profil: association
        organisation: {nom: Les Jardins Partagés}
        partenaire: {nom: Maraîchers Réunis}
        cree_le: 2026-01-05T10:00:00+01:00
        mis_a_jour: 2026-01-05T10:00:00+01:00
        etapes:
          "6":
            statut: en_cours
            reponses: {moment_communication_externe: des_signature}
          "4":
            statut: en_cours
            reponses:
              referents:
                - {partie: association, nom: Ana Martin, fonction: Directrice}
        """),
        encoding="utf-8",
    )
    project = load_project(project_file)
    findings = evaluate(project, quest)
    text = findings_as_json(findings, readiness(project, quest, findings))
    assert "é" in text  # ensure_ascii off
    data = json.loads(text)
    assert list(data) == ["format", "bloquant", "totaux", "etapes", "constats"]
    assert data["bloquant"] is True
    assert [e["etape"] for e in data["etapes"]] == list(range(1, 8))
    assert set(data["etapes"][0]) == {
        "etape",
        "titre",
        "statut",
        "repondues",
        "obligatoires",
        "bloquants",
        "avertissements",
        "conseils",
        "manquantes",
        "prete",
    }
    ids = [c["id"] for c in data["constats"]]
    assert "communication_des_signature" in ids and "referent_manquant" in ids
    first = data["constats"][0]
    assert set(first) == {
        "id",
        "severite",
        "etape",
        "titre",
        "message",
        "outline",
        "clauses",
        "clause_presente",
    }
    assert data["totaux"]["bloquants"] == sum(
        1 for c in data["constats"] if c["severite"] == "bloquant"
    )
    assert {e["etape"]: e["statut"] for e in data["etapes"]}[6] == "en_cours"


def test_final_evaluation_is_compared_with_the_notice_limit_the_calendar_prints(
    quest: Questionnaires,
) -> None:
    # 36 months from 1 January 2027 end on 31 December 2029; a 3-month notice must be given by
    # 30 September 2029, a Sunday, so by Friday 28 September (as the follow-up plan says).
    # « Start + 36 months − 3 months » would read 1 October and miss an evaluation on the 30th.
    answers: Answers = {
        4: {
            "date_debut": "2027-01-01",
            "duree_mois": 36,
            "renouvellement": "tacite",
            "preavis_non_renouvellement_mois": 3,
        },
        7: {"date_evaluation_finale": "2029-09-30"},
    }
    (finding,) = [
        f for f in run("entreprise", answers, quest) if f.id == "evaluation_finale_apres_preavis"
    ]
    assert "28 septembre 2029" in finding.message
    answers[7] = {"date_evaluation_finale": "2029-09-28"}
    ids = {f.id for f in run("entreprise", answers, quest)}
    assert "evaluation_finale_apres_preavis" not in ids
