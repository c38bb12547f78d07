"""Every id content names is checked at load: one misspelling of each kind, named with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partenariat import content_checks, jinja_reads
from partenariat.errors import InvalidFileError
from partenariat.questionnaire import Questionnaires, _load_dir, load_questionnaires
from partenariat.render import templates_dir
from partenariat.resources import questionnaires_dir
from partenariat.rules import load_rules


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), target)
    _load_dir.cache_clear()
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new``; return the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def _refused(folder: Path) -> str:
    with pytest.raises(InvalidFileError) as info:
        load_questionnaires(folder)
    return info.value.message


def test_the_bundled_content_names_only_existing_ids() -> None:
    quest = load_questionnaires()
    assert content_checks.check_python_ids(quest) == []
    content_checks.check_content(quest)  # raises on any problem
    load_rules(questionnaires=quest)


def test_a_misspelt_bare_id_in_a_condition(folder: Path) -> None:
    line = _edit(folder / "etape-3-partenaire.yaml", 'si: "exclu"', 'si: "exclus"')
    message = _refused(folder)
    assert f"etape-3-partenaire.yaml, ligne {line} :" in message
    assert "nom inconnu « exclus » (vouliez-vous dire « exclu » ?)" in message


def test_a_misspelt_id_of_another_step_in_a_computed_default(folder: Path) -> None:
    line = _edit(
        folder / "etape-4-contenu.yaml",
        'defaut_expr: "etape2.date_lancement_prevue"',
        'defaut_expr: "etape2.date_lancement_prevu"',
    )
    message = _refused(folder)
    assert f"etape-4-contenu.yaml, ligne {line} : question « date_debut », defaut_expr" in message
    assert "aucune question « date_lancement_prevu » à l'étape 2" in message


def test_a_step_that_does_not_exist(folder: Path) -> None:
    _edit(folder / "etape-3-partenaire.yaml", 'si: "charte_ethique"', 'si: "etape9.x"')
    assert "nom inconnu « etape9 »" in _refused(folder)


def test_every_misspelling_is_reported_at_once_across_files(folder: Path) -> None:
    first = _edit(folder / "etape-3-partenaire.yaml", 'si: "exclu"', 'si: "exclus"')
    second = _edit(
        folder / "etape-7-evaluation.yaml",
        'defaut_expr: "ajouter_mois(etape6.date_lancement, 9)"',
        'defaut_expr: "ajouter_mois(etape6.date_lancemnt, 9)"',
    )
    message = _refused(folder)
    assert f"etape-3-partenaire.yaml, ligne {first}" in message
    assert f"etape-7-evaluation.yaml, ligne {second}" in message


def test_choix_de_and_choix_parmi_name_existing_questions(folder: Path) -> None:
    step1 = folder / "etape-1-introspection.yaml"
    de = _edit(step1, "choix_de: objectifs", "choix_de: objectif")
    parmi = _edit(step1, "choix_parmi: categories", "choix_parmi: etape1.categorie")
    message = _refused(folder)
    assert (
        f"ligne {de} : question « objectifs_prioritaires » : aucune question « objectif »"
        in message
    )
    assert f"ligne {parmi}" in message
    assert "aucune question « categorie » à l'étape 1" in message


def test_a_sub_question_condition_sees_its_siblings(folder: Path) -> None:
    _edit(folder / "etape-3-partenaire.yaml", 'si: "exclu"', 'si: "nom and exclu"')
    assert sorted(load_questionnaires(folder).etapes) == list(range(1, 8))
    _load_dir.cache_clear()
    # a sibling of another list is not in scope
    _edit(folder / "etape-3-partenaire.yaml", 'si: "nom and exclu"', 'si: "critere and exclu"')
    assert "nom inconnu « critere »" in _refused(folder)


# --- rules ---------------------------------------------------------------------------------------


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    target = tmp_path / "regles.yaml"
    shutil.copy(questionnaires_dir() / "regles.yaml", target)
    return target


def _rules_refused(path: Path) -> str:
    with pytest.raises(InvalidFileError) as info:
        load_rules(path)
    return info.value.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "correspondances(tables.objectifs_categories[profil]",
            "correspondances(tables.objectif_categories[profil]",
            "variables.categories_visees : aucune table « objectif_categories »",
        ),
        (
            "libelle('etape1.objectifs', etape1.objectifs_prioritaires)",
            "libelle('etape1.objectif', etape1.objectifs_prioritaires)",
            "message : libelle('etape1.objectif') : aucune question « objectif » à l'étape 1",
        ),
        (
            "libelle('etape1.categories', etape1.categorie_principale)",
            "libelle('etape1.categories', etape1.categorie_principal)",
            "message : aucune question « categorie_principal » à l'étape 1",
        ),
    ],
)
def test_a_misspelt_id_in_a_rule(rules_file: Path, old: str, new: str, expected: str) -> None:
    line = _edit(rules_file, old, new)
    message = _rules_refused(rules_file)
    assert expected in message
    assert "règle « coherence_categorie_principale »" in message
    # the line of the field (a folded message is reported at its first line)
    assert any(f"ligne {n} :" in message for n in range(line - 6, line + 1)), message


def test_a_misspelt_id_in_a_rule_condition(rules_file: Path) -> None:
    text = rules_file.read_text(encoding="utf-8")
    old = next(
        line for line in text.splitlines() if line.startswith('    si: "') and "etape" in line
    )
    name = next(
        r
        for r in jinja_reads.expression_reads(old.split("si: ", 1)[1].strip('"'))
        if r.path[0].startswith("etape") and len(r.path) > 1
    )
    new = old.replace(f"{name.path[0]}.{name.path[1]}", f"{name.path[0]}.{name.path[1]}x", 1)
    line = _edit(rules_file, old, new)
    message = _rules_refused(rules_file)
    assert f"ligne {line} :" in message
    assert f"aucune question « {name.path[1]}x »" in message


def test_a_rule_variable_is_known_only_after_its_definition(rules_file: Path) -> None:
    _edit(rules_file, '\n    si: "', '\n    si: "pas_une_variable or ')
    assert "nom inconnu « pas_une_variable »" in _rules_refused(rules_file)


def test_a_rule_naming_an_unknown_clause(rules_file: Path) -> None:
    text = rules_file.read_text(encoding="utf-8")
    start = text.index("    clauses: [", text.index("\nregles:"))
    old = text[start : text.index("\n", start)]
    line = _edit(rules_file, old, "    clauses: [confidentialites]")
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_rule_clauses(load_questionnaires(), rules_file)
    message = info.value.message
    assert "aucune clause « confidentialites » au catalogue" in message
    assert "(vouliez-vous dire « confidentialite » ?)" in message
    assert any(f"ligne {n} :" in message for n in range(line - 40, line)), message


# --- clauses, templates, Python ------------------------------------------------------------------


def test_a_misspelt_answer_of_a_clause(tmp_path: Path) -> None:
    target = tmp_path / "clauses.yaml"
    shutil.copy(templates_dir() / "clauses.yaml", target)
    line = _edit(target, "etape5.complementarites", "etape5.complementarite")
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_clauses(load_questionnaires(), target)
    assert f"clauses.yaml, ligne {line} :" in info.value.message
    assert "aucune question « complementarite » à l'étape 5" in info.value.message


def test_a_misspelt_id_in_a_clause_condition(tmp_path: Path) -> None:
    target = tmp_path / "clauses.yaml"
    shutil.copy(templates_dir() / "clauses.yaml", target)
    text = target.read_text(encoding="utf-8")
    old = next(x for x in text.splitlines() if x.startswith('    sans_objet_si: "'))
    line = _edit(target, old, '    sans_objet_si: "etape4.pas_de_question"')
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_clauses(load_questionnaires(), target)
    assert f"ligne {line} :" in info.value.message
    assert "sans_objet_si : aucune question « pas_de_question » à l'étape 4" in info.value.message


def test_a_misspelt_id_in_a_document_template(tmp_path: Path) -> None:
    target = tmp_path / "templates"
    shutil.copytree(templates_dir(), target)
    plan = target / "plan-de-suivi.md.j2"
    line = _edit(plan, "e6.equipe_suivi", "e6.equipe_du_suivi")
    loop = _edit(
        target / "document-de-cadrage.md.j2",
        "{{ a.porteur | cellule }}",
        "{{ a.porteurs | cellule }}",
    )
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_templates(load_questionnaires(), target)
    message = info.value.message
    assert f"plan-de-suivi.md.j2, ligne {line} :" in message
    assert "aucune question « equipe_du_suivi » à l'étape 6" in message
    assert f"document-de-cadrage.md.j2, ligne {loop} :" in message
    assert "aucune sous-question « porteurs » dans « etape4.actions »" in message


def test_an_evaluation_axis_that_step_7_does_not_offer(tmp_path: Path) -> None:
    target = tmp_path / "axes-evaluation.yaml"
    shutil.copy(templates_dir() / "axes-evaluation.yaml", target)
    line = _edit(target, "perimetre: couts_benefices", "perimetre: cout_benefices")
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_axes(load_questionnaires(), target)
    assert f"axes-evaluation.yaml, ligne {line} :" in info.value.message
    assert "ce n'est pas un choix de etape7.perimetre_evaluation" in info.value.message


def test_an_id_left_in_python_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    quest: Questionnaires = load_questionnaires()
    monkeypatch.setitem(content_checks.PYTHON_IDS, "calendrier", ("etape4.date_debutt",))
    problems = content_checks.check_python_ids(quest)
    assert problems == [
        "calendrier lit « etape4.date_debutt » : aucune question « date_debutt » à l'étape 4 "
        "(vouliez-vous dire « date_debut » ?)"
    ]
    with pytest.raises(InvalidFileError):
        content_checks._check_content(quest)  # the check itself, not its cached verdict


def test_an_id_tested_as_text_against_a_step(tmp_path: Path) -> None:
    target = tmp_path / "templates"
    shutil.copytree(templates_dir(), target)
    line = _edit(
        target / "plan-de-suivi.md.j2",
        '"traduction_documents" in etape6',
        '"traduction_document" in etape6',
    )
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_templates(load_questionnaires(), target)
    assert f"ligne {line} :" in info.value.message
    assert "aucune question « traduction_document » à l'étape 6" in info.value.message


def test_reads_follow_aliases_and_loops() -> None:
    source = (
        "{% set e4 = lisible.etape4 %}{% for a in e4.actions %}{{ a.intitule }}{% endfor %}"
        "{% for a in e4.referents %}{{ a.nom }}{% endfor %}{{ a.libre }}"
    )
    paths = {".".join(r.path) for r in jinja_reads.template_reads(source)}
    assert "lisible.etape4.actions.[].intitule" in paths
    assert "lisible.etape4.referents.[].nom" in paths
    # outside its loop, « a » no longer stands for an item of the last list
    assert not any(p.endswith(".libre") for p in paths)


# Modules that read answers by id: every id they name must be declared in PYTHON_IDS.
ANSWER_READERS = (
    "selection.py",
    "render.py",
    "views.py",
    "analysis.py",
    "display.py",
    "rules.py",
    "tax.py",
    "flows.py",
)
# Names of the documents' context that are also question ids (not read as answers there).
CONTEXT_NAMES = {"calendrier"}


def test_ids_in_python_are_all_declared() -> None:
    import ast
    import typing

    from partenariat.questionnaire import QuestionType

    quest = load_questionnaires()
    ids = {q.id for step in quest.etapes.values() for q in step.questions}
    ids |= {
        s.id for step in quest.etapes.values() for q in step.questions for s in q.sous_questions
    }
    ids -= set(typing.get_args(QuestionType))  # « montant » is a type as well as an answer
    declared = {p.split(".")[-1] for paths in content_checks.PYTHON_IDS.values() for p in paths}
    declared |= CONTEXT_NAMES
    src = Path(content_checks.__file__).resolve().parent
    for name in ANSWER_READERS:
        tree = ast.parse((src / name).read_text(encoding="utf-8"))
        texts = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
        assert not (texts & ids) - declared, name


def test_an_unknown_filter_is_refused_at_load(folder: Path) -> None:
    """Parsing alone does not look filters up: a misspelt one must not wait for evaluation."""
    line = _edit(folder / "etape-3-partenaire.yaml", 'si: "exclu"', 'si: "exclu | bool"')
    message = _refused(folder)
    assert f"etape-3-partenaire.yaml, ligne {line} :" in message
    assert "No filter named 'bool'" in message


def test_an_unknown_filter_in_a_document_template(tmp_path: Path) -> None:
    target = tmp_path / "templates"
    shutil.copytree(templates_dir(), target)
    line = _edit(target / "plan-de-suivi.md.j2", "| cellule", "| celule")
    with pytest.raises(InvalidFileError) as info:
        content_checks.check_templates(load_questionnaires(), target)
    assert f"plan-de-suivi.md.j2, ligne {line} : modèle invalide : No filter named 'celule'." in (
        info.value.message
    )


def test_selection_findings_name_known_codes_and_variables(tmp_path: Path) -> None:
    from partenariat.selection_wording import FINDINGS_FILE, load_findings

    target = tmp_path / FINDINGS_FILE
    shutil.copy(questionnaires_dir() / FINDINGS_FILE, target)
    line = _edit(target, "de {{ noms }}. Demandez-les", "de {{ nom }}. Demandez-les")
    code = _edit(target, "code: retenu_ecarte", "code: retenu_ecart")
    with pytest.raises(InvalidFileError) as info:
        load_findings(target)
    message = info.value.message
    assert "variable « nom » inconnue (variables : noms, plusieurs)" in message
    assert any(f"ligne {n} :" in message for n in range(line - 3, line + 1)), message
    assert f"ligne {code} : code « retenu_ecart » inconnu" in message
    assert "constat « retenu_ecarte » absent" in message


def test_a_shareable_default_that_copies_an_internal_answer(folder: Path) -> None:
    """The partner's « attentes » once defaulted to the internal step-2 notes about them."""
    line = _edit(
        folder / "etape-4-contenu.yaml",
        "defaut_expr: \"etape1.attentes if profil == 'entreprise' else none\"",
        "defaut_expr: \"etape1.attentes if profil == 'entreprise' else etape2.attentes_partenaire\"",
    )
    message = _refused(folder)
    assert (
        f"etape-4-contenu.yaml, ligne {line} : question « attentes_entreprise », defaut_expr : "
        "reprend « etape2.attentes_partenaire », une réponse interne"
    ) in message


def test_an_internal_answer_read_to_decide_or_to_compute_is_no_copy(folder: Path) -> None:
    # read in the test of « … if … else … », or through a function: nothing internal is copied
    _edit(
        folder / "etape-4-contenu.yaml",
        "defaut_expr: \"etape1.attentes if profil == 'entreprise' else none\"",
        'defaut_expr: "etape1.attentes if etape2.attentes_partenaire else none"',
    )
    _edit(
        folder / "etape-2-dialogue.yaml",
        'defaut_expr: "ajouter_mois(date_debut_recherche,',
        'defaut_expr: "ajouter_mois(date_debut_recherche or etape1.attentes,',
    )
    load_questionnaires(folder)
    assert jinja_reads.copied_paths("ajouter_mois(a, 9) if b == 1 else (c or d) ~ e|upper") == [
        ("c",),
        ("d",),
        ("e",),
    ]


def test_a_shareable_question_showing_an_internal_answer_again(folder: Path) -> None:
    line = _edit(
        folder / "etape-6-mise-en-oeuvre.yaml",
        "reprise: etape2.date_lancement_prevue",
        "reprise: etape2.attentes_partenaire",
    )
    message = _refused(folder)
    assert (
        f"etape-6-mise-en-oeuvre.yaml, ligne {line} : question « date_lancement », reprise"
        in message
    )


def test_a_shareable_sub_question_copying_an_internal_list(folder: Path) -> None:
    path = folder / "etape-4-contenu.yaml"
    line = _edit(
        path,
        "        defaut: entreprise_vers_association\n",
        '        defaut_expr: "etape3.candidats"\n',
    )
    message = _refused(folder)
    assert f"etape-4-contenu.yaml, ligne {line} :" in message
    assert "reprend « etape3.candidats », une réponse interne" in message


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (
            "etape-5-formalisation.yaml",
            "    outline: [E5.confidentialite]\n",
            "    outline: [E5.confidentialite]\n    defaut: true\n",
        ),
        (
            "etape-5-formalisation.yaml",
            "    outline: [E5.confidentialite]\n",
            '    outline: [E5.confidentialite]\n    defaut_expr: "etape4.contribution_financiere"\n',
        ),
    ],
)
def test_a_yes_no_question_never_defaults(folder: Path, file: str, old: str, new: str) -> None:
    """A default would put the cursor on « Oui » (or « Non »): Entrée would sign a clause."""
    line = _edit(folder / file, old, new) + 1
    message = _refused(folder)
    assert (
        f"{file}, ligne {line} : question « confidentialite » : une question oui/non n'a pas"
        in message
    )


def test_selection_reasons_are_wording_checked_at_load(tmp_path: Path) -> None:
    """The candidates' reasons are content too: a misspelt code or variable is named."""
    from partenariat.selection_wording import FINDINGS_FILE, load_findings

    target = tmp_path / FINDINGS_FILE
    shutil.copy(questionnaires_dir() / FINDINGS_FILE, target)
    line = _edit(target, "Points forts : {{ criteres }}.", "Points forts : {{ critere }}.")
    code = _edit(target, "code: pas_rencontre", "code: pas_rencontree")
    with pytest.raises(InvalidFileError) as info:
        load_findings(target)
    message = info.value.message
    assert f"ligne {line} : « points_forts » : variable « critere » inconnue" in message
    assert f"ligne {code} : code « pas_rencontree » inconnu" in message
    assert "raison « pas_rencontre » absente" in message
