"""Two organisations, one partnership: partage, compare, converger and the note de dialogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from partenariat.comparison import compare, load_points
from partenariat.project import load_project
from partenariat.questionnaire import load_questionnaires
from partenariat.sharing import content_fingerprint, load_partner, shared_project
from partner_support import ASSOCIATION, COMPANY, EXAMPLES, build_pair
from wizard_support import run_cli

QUESTS = load_questionnaires()


def sp(text: str) -> str:
    """French typography puts no-break spaces in amounts and durations; tests read plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


# Every compared point of the test pair (company's side), as the comparison must classify it.
EXPECTED = {
    "attentes_entreprise": "ecart",
    "attentes_association": "ecart",
    "objectifs_recherches": "hors_echange",
    "attentes_du_partenaire": "hors_echange",
    "non_concurrence_evoquee": "hors_echange",
    "criteres_exclusion": "hors_echange",
    "categorie": "accord",
    "perimetre": "accord",
    "objectifs_communs": "accord",
    "moyens_entreprise": "accord",
    "moyens_association": "accord",
    "expertises_entreprise": "accord",
    "expertises_association": "accord",
    "contribution_financiere": "accord",
    "flux": "ecart",
    "echeancier": "ecart",
    "date_debut": "accord",
    "duree": "ecart",
    "renouvellement": "accord",
    "comite_pilotage": "accord",
    "forme_juridique": "accord",
    "liberte_expression": "accord",
    "non_concurrence": "ecart",
    "exclusivite": "accord",
    "confidentialite": "accord",
    "donnees_personnelles": "accord",
    "date_signature": "ecart",
    "rythme_comite": "ecart",
    "rythme_reporting": "a_renseigner",
    "moment_communication": "ecart",
    "date_lancement": "accord",
    "evaluateur": "a_renseigner",
    "date_evaluation_finale": "accord",
}


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return build_pair(tmp_path)


def share(project: Path, target: Path) -> Path:
    done = run_cli("partage", "--project", str(project), "--output", str(target), cwd=target.parent)
    assert done.returncode == 0, done.stderr
    return target


def test_every_point_is_classified_as_expected(pair: tuple[Path, Path]) -> None:
    company, association = pair
    result = compare(load_project(company), load_partner(association, QUESTS), QUESTS)
    assert {r.point.id: r.statut for r in result.resultats} == EXPECTED
    assert {r.point.id for r in result.resultats} == {p.id for p in load_points(QUESTS)}
    by_id = {r.point.id: r for r in result.resultats}
    assert by_id["rythme_reporting"].silencieux == ["partenaire"]
    assert by_id["evaluateur"].silencieux == ["nous"]
    # Both values shown, formatted in French.
    assert (sp(by_id["duree"].nous.texte), sp(by_id["duree"].partenaire.texte)) == (
        "36 mois (3 ans)",
        "24 mois (2 ans)",
    )
    # Two lists that differ: each side shows its own items only, and counts the shared ones.
    theirs, ours = sp(by_id["flux"].partenaire.texte), sp(by_id["flux"].nous.texte)
    assert "120 000 €" in theirs and "90 000 €" in ours
    # Each side's schedule adds up to its own amount: 3 × 40 000 € against 3 × 30 000 €.
    assert "40 000 €" in sp(by_id["echeancier"].partenaire.texte)
    assert "30 000 €" in sp(by_id["echeancier"].nous.texte)
    assert "Mécénat de compétences" not in theirs + ours
    assert theirs.endswith("(et 2 éléments en commun)")


def test_the_same_pair_seen_from_the_association(pair: tuple[Path, Path]) -> None:
    company, association = pair
    result = compare(load_project(association), load_partner(company, QUESTS), QUESTS)
    statuses = {r.point.id: r.statut for r in result.resultats}
    assert statuses == EXPECTED
    by_id = {r.point.id: r for r in result.resultats}
    assert by_id["evaluateur"].silencieux == ["partenaire"]


def test_compare_cli_table_json_and_exit_codes(pair: tuple[Path, Path], tmp_path: Path) -> None:
    company, association = pair
    shared = share(association, tmp_path / "partage-asso.yaml")
    table = run_cli("compare", str(shared), "--project", str(company), cwd=tmp_path)
    assert table.returncode == 1, table.stderr
    for text in ("Étape 4", "Durée de la", "24 mois (2 ans)", "Écart", "Hors échange"):
        assert text in sp(table.stdout)
    as_json = run_cli("compare", str(shared), "-p", str(company), "--format", "json", cwd=tmp_path)
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert {p["id"]: p["statut"] for p in data["points"]} == EXPECTED
    assert data["partenaire"]["fichier_partage"] is True
    assert data["partenaire"]["empreinte"] == load_partner(shared, QUESTS).empreinte
    hidden = [p for p in data["points"] if p["statut"] == "hors_echange"]
    assert hidden and all(p["nous"] is None and p["partenaire"] is None for p in hidden)
    # The association takes over the company's steps 4 to 7 and its expectations: no gap left.
    same = load_project(company)
    other = load_project(association)
    for n in ("4", "5", "6", "7"):
        other.etapes[n] = same.etapes[n].model_copy(deep=True)
    other.etapes["1"].reponses["attentes"] = same.answers(4)["attentes_association"]
    other.etapes["4"].reponses["attentes_entreprise"] = same.answers(1)["attentes"]
    from partner_support import write

    mirror = write(other, tmp_path / "miroir.yaml")
    quiet = run_cli("compare", str(mirror), "-p", str(company), "--format", "json", cwd=tmp_path)
    data = json.loads(quiet.stdout)
    assert not [p for p in data["points"] if p["statut"] == "ecart"], data
    assert quiet.returncode == 0


def test_shared_file_is_stable_readable_and_says_what_it_is(tmp_path: Path) -> None:
    first = share(COMPANY, tmp_path / "a.yaml").read_bytes()
    second = share(COMPANY, tmp_path / "b.yaml").read_bytes()
    assert first == second  # dated by the project's last change, not by the clock
    text = first.decode()
    assert text.startswith("# Fichier partagé avec le partenaire par Castelnef")
    assert text.splitlines()[2] == "partage:"
    partner = load_partner(tmp_path / "a.yaml", QUESTS)
    assert partner.partage and partner.project.partage is not None
    assert partner.project.partage.le == load_project(COMPANY).mis_a_jour
    assert partner.empreinte == content_fingerprint(partner.project)
    # A whole project is named by the fingerprint its shared file would carry.
    assert load_partner(COMPANY, QUESTS).empreinte == partner.empreinte


def _internal_values(project: Any) -> list[tuple[str, str]]:
    """(question, text) of every internal answer worth searching for in a file."""
    found: list[tuple[str, str]] = []

    def leaves(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [s for v in value for s in leaves(v)]
        if isinstance(value, dict):
            return [s for v in value.values() for s in leaves(v)]
        return []

    # Names of the two organisations are in the file's header, shareable by nature.
    shared_texts = {project.organisation.nom or "", project.partenaire.nom or ""}
    for n, quest in QUESTS.etapes.items():
        for q in quest.questions:
            value = project.answers(n).get(q.id)
            if value is None:
                continue
            if q.interne:
                # Typed text only: a choice's stored value (« representants_salaries ») may
                # also be a question id elsewhere in the file.
                found += [
                    (f"etape{n}.{q.id}", s)
                    for s in leaves(value)
                    if len(s) >= 12 and " " in s.strip()
                ]
            else:
                shared_texts.update(leaves(value))
    # A text that also is a shareable answer (a name, say) may rightly be in the file.
    return [(qid, s) for qid, s in found if not any(s in t for t in shared_texts)]


@pytest.mark.parametrize(
    "example", sorted(p.parent.name for p in EXAMPLES.glob("*/partenariat.yaml"))
)
def test_shared_files_of_the_examples_hold_no_internal_answer(example: str, tmp_path: Path) -> None:
    project_path = EXAMPLES / example / "partenariat.yaml"
    project = load_project(project_path)
    internal = _internal_values(project)
    assert len(internal) >= 5  # the examples do keep things to themselves
    fresh = share(project_path, tmp_path / "partage.yaml").read_text(encoding="utf-8")
    committed = (EXAMPLES / example / "partage.yaml").read_text(encoding="utf-8")
    assert committed == fresh, "python tools/regenerate_examples.py"
    for qid, value in internal:
        # YAML folds long lines: search the file's answers, then the raw text for short values.
        assert value not in fresh, f"{qid} reaches the partner"
        assert " ".join(value.split()) not in " ".join(fresh.split()), f"{qid} reaches the partner"
    shared = load_project(tmp_path / "partage.yaml")
    for n, quest in QUESTS.etapes.items():
        for q in quest.questions:
            if q.interne:
                assert q.id not in shared.answers(n), f"etape{n}.{q.id}"


def test_internal_sub_answer_of_a_shared_list_stays_home() -> None:
    from partenariat.sharing import shareable_answers

    for quest in QUESTS.etapes.values():
        for q in quest.questions:
            for sub in q.sous_questions:
                if sub.interne and not q.interne:
                    answers = shareable_answers(load_project(COMPANY), QUESTS)
                    items = answers[quest.etape].get(q.id) or []
                    assert all(sub.id not in item for item in items)


# -- bad partner files -----------------------------------------------------------------------
def _bad(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _refused(tmp_path: Path, partner: Path, *needles: str) -> str:
    project = tmp_path / "nous.yaml"
    if not project.exists():
        project.write_bytes(COMPANY.read_bytes())
    before = project.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    done = run_cli("compare", str(partner), "--project", str(project), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in done.stderr, done.stderr
    converge = run_cli(
        "converger", str(partner), "-p", str(project), "--accord", "duree=nous", cwd=tmp_path
    )
    assert converge.returncode == 1, converge.stderr
    assert project.read_bytes() == before  # nothing written
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before
    return done.stderr


def test_missing_partner_file(tmp_path: Path) -> None:
    _refused(tmp_path, tmp_path / "absent.yaml", "Fichier du partenaire invalide", "introuvable")


def test_corrupt_partner_file_is_named_with_its_line(tmp_path: Path) -> None:
    bad = _bad(tmp_path, "casse.yaml", "profil: association\norganisation: [\n  nom: x\n")
    _refused(tmp_path, bad, "casse.yaml, ligne")


def test_oversized_partner_file(tmp_path: Path) -> None:
    from partenariat.yamlio import MAX_BYTES

    bad = _bad(tmp_path, "enorme.yaml", "# " + "x" * (MAX_BYTES + 10) + "\n")
    _refused(tmp_path, bad, "trop volumineux")


def test_partner_file_from_a_newer_format(tmp_path: Path) -> None:
    import re

    text = re.sub(r"(?m)^format: \d+$", "format: 9", ASSOCIATION.read_text(encoding="utf-8"))
    assert "format: 9" in text
    bad = _bad(tmp_path, "futur.yaml", text)
    err = _refused(tmp_path, bad, "futur.yaml, ligne", "plus récente")
    assert "mettez partenariat à jour" in err


def test_hand_edited_shared_file_no_longer_matches_its_fingerprint(tmp_path: Path) -> None:
    shared = share(ASSOCIATION, tmp_path / "partage.yaml")
    text = shared.read_text(encoding="utf-8").replace("duree_mois: 36", "duree_mois: 12")
    assert "duree_mois: 12" in text
    shared.write_text(text, encoding="utf-8")
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith("empreinte:")
    )
    _refused(tmp_path, shared, f"partage.yaml, ligne {line}", "empreinte ne correspond plus")


def test_partner_file_with_an_invalid_answer(tmp_path: Path) -> None:
    text = ASSOCIATION.read_text(encoding="utf-8").replace("duree_mois: 36", "duree_mois: beaucoup")
    bad = _bad(tmp_path, "faux.yaml", text)
    _refused(tmp_path, bad, "faux.yaml, ligne", "duree_mois")


def test_partner_file_with_python_tags_is_not_evaluated(tmp_path: Path) -> None:
    bad = _bad(tmp_path, "tag.yaml", "profil: !!python/object/apply:os.system ['touch pirate']\n")
    _refused(tmp_path, bad, "tag.yaml")
    assert not (tmp_path / "pirate").exists()


def test_two_projects_of_the_same_side_are_refused(tmp_path: Path) -> None:
    err = _refused(tmp_path, COMPANY, "Comparaison impossible", "côté entreprise")
    assert "pas deux entreprises" in err


def test_organisations_naming_different_partners_are_refused(tmp_path: Path) -> None:
    other = EXAMPLES / "cooperation-insertion" / "partenariat.yaml"
    err = _refused(tmp_path, other, "Comparaison impossible", "pas le même partenariat")
    assert "Réseau Chantiers Passerelle Occitanie" in err


# -- converge --------------------------------------------------------------------------------
def test_converge_records_agreements_confirms_clauses_and_tracks_changes(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    company, association = pair
    shared = share(association, tmp_path / "partage-asso.yaml")
    fingerprint = load_partner(shared, QUESTS).empreinte
    done = run_cli(
        "converger", str(shared), "-p", str(company), "--le", "2026-11-30",
        "--accord", "flux=partenaire",
        "--accord", "echeancier=partenaire",
        "--accord", "moment_communication=valeur:Après les premiers résultats",
        "--accord", "duree=nous",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Clause « modalites_financieres » : Convenu avec le partenaire" in done.stdout
    project = load_project(company)
    # The partner's value and the new one became our answers.
    assert project.answers(4)["flux"][0]["montant"] == 120000
    assert project.answers(6)["moment_communication_externe"] == "apres_premiers_resultats"
    assert [a.point for a in project.accords] == [
        "flux", "echeancier", "moment_communication", "duree",
    ]  # fmt: skip
    assert all(a.fichier_partenaire == fingerprint for a in project.accords)
    confirmation = {c.clause: c for c in project.confirmations}["modalites_financieres"]
    assert confirmation.fichier_partenaire == fingerprint
    assert str(confirmation.le) == "2026-11-30"
    # The checklist says it.
    listing = run_cli("convenir", "-p", str(company), cwd=tmp_path)
    row = next(line for line in listing.stdout.splitlines() if "modalites_financieres" in line)
    assert "Convenu avec le partenaire" in row
    exported = run_cli("export", "-p", str(company), "-o", str(tmp_path / "docs"), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    checklist = (tmp_path / "docs" / "checklist-convention.md").read_text(encoding="utf-8")
    assert (
        "**État : Convenu avec le partenaire** (le 30 novembre 2026, avec Tremplin Octet, "
        f"d'après le fichier du partenaire d'empreinte {fingerprint[:12]})"
    ) in sp(checklist)
    # duree: agreed on our 36 months, the partner still says 24 → accord, as recorded.
    data = json.loads(
        run_cli("compare", str(shared), "-p", str(company), "--format", "json", cwd=tmp_path).stdout
    )
    points = {p["id"]: p for p in data["points"]}
    for pid in ("flux", "echeancier", "moment_communication", "duree"):
        assert points[pid]["statut"] == "accord"
        assert points[pid]["accord_du"] == "2026-11-30"
    # Later the partner changes the duration: the comparison shows who changed since.
    partner_project = load_project(association)
    partner_project.etapes["4"].reponses["duree_mois"] = 30
    from partner_support import write

    write(partner_project, association)
    shared2 = share(association, tmp_path / "partage-asso-2.yaml")
    data = json.loads(
        run_cli(
            "compare", str(shared2), "-p", str(company), "--format", "json", cwd=tmp_path
        ).stdout
    )
    points = {p["id"]: p for p in data["points"]}
    assert points["duree"]["statut"] == "ecart"
    assert points["duree"]["modifie_depuis_accord"] == ["partenaire"]
    assert points["flux"]["statut"] == "accord"


def test_converge_refuses_what_cannot_be_agreed_and_writes_nothing(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    company, association = pair
    before = company.read_bytes()
    cases = {
        "objectifs_recherches=nous": "hors échange",
        "evaluateur=nous": "ne donne pas encore de valeur",
        "inconnu=nous": "Point inconnu",
        "duree=valeur:bientôt": "valeur refusée",
        "duree": "Accord mal écrit",
        "attentes_entreprise=partenaire": "ne lit pas les mêmes réponses",
        "flux=valeur:100000": "réunit plusieurs réponses ou une liste",
    }
    for spec, needle in cases.items():
        done = run_cli(
            "converger", str(association), "-p", str(company),
            "--accord", "duree=nous", "--accord", spec, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode != 0, spec
        assert needle in done.stderr, (spec, done.stderr)
        assert company.read_bytes() == before, spec


def test_a_clause_waits_for_all_its_points(pair: tuple[Path, Path], tmp_path: Path) -> None:
    company, association = pair
    done = run_cli(
        "converger", str(association), "-p", str(company), "--accord", "date_debut=nous",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # duree_renouvellement also reads the duration, still a gap: not confirmed.
    assert "duree_renouvellement : attend l'accord sur Durée de la convention" in " ".join(
        done.stdout.split()
    )
    assert "duree_renouvellement" not in {c.clause for c in load_project(company).confirmations} - {
        c.clause for c in load_project(COMPANY).confirmations
    }


# -- note de dialogue ------------------------------------------------------------------------
def test_note_de_dialogue(pair: tuple[Path, Path], tmp_path: Path) -> None:
    company, association = pair
    shared = share(association, tmp_path / "partage-asso.yaml")
    out = tmp_path / "docs"
    done = run_cli(
        "export", "-p", str(company), "--partenaire", str(shared), "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.glob("*.md"))
    assert "note-de-dialogue.md" in names and "document-de-cadrage.md" in names
    note = sp((out / "note-de-dialogue.md").read_text(encoding="utf-8"))
    assert "# 1. Points d'accord" in note
    assert "Pour quelle durée la convention est-elle conclue ?" in note
    assert "36 mois (3 ans)" in note and "24 mois (2 ans)" in note
    assert "Tremplin Octet :**\n\n- Rythme du reporting (étape 6)" in note
    assert "Castelnef Ingénierie \\& Numérique :**\n\n- Qui évalue le partenariat (étape 7)" in note
    assert "Critères d'exclusion (étape 3)" in note
    for _qid, value in _internal_values(load_project(company)) + _internal_values(
        load_project(association)
    ):
        assert " ".join(value.split())[:40] not in " ".join(note.split())
    # Without the partner's file there is nothing to compare.
    alone = run_cli(
        "export", "-p", str(company), "-d", "note-de-dialogue", "-o", str(out), cwd=tmp_path
    )
    assert alone.returncode != 0 and "--partenaire" in alone.stderr


def test_committed_note_de_dialogue_is_current(tmp_path: Path) -> None:
    from partenariat.export import export_documents

    folder = EXAMPLES / "mecenat-competences-association"
    export_documents(
        folder / "partenariat.yaml",
        tmp_path,
        formats=("md",),
        documents=["note-de-dialogue"],
        partner=EXAMPLES / "mecenat-competences" / "partage.yaml",
    )
    fresh = (tmp_path / "note-de-dialogue.md").read_text(encoding="utf-8")
    committed = (folder / "dialogue" / "note-de-dialogue.md").read_text(encoding="utf-8")
    assert fresh == committed, "python tools/regenerate_examples.py"
    committed = sp(committed)
    assert "# 2. Écarts" in committed and "## 2.1." in committed
    assert "| 4 | Durée de la convention | 36 mois (3 ans) |" in committed


def test_shared_project_keeps_the_steps_state() -> None:
    project = load_project(COMPANY)
    shared = shared_project(project, QUESTS)
    assert {k: v.statut for k, v in shared.etapes.items()} == {
        k: v.statut for k, v in project.etapes.items()
    }
    assert shared.confirmations == [] and shared.accords == []


def test_a_shared_file_is_read_never_answered(tmp_path: Path) -> None:
    shared = share(COMPANY, tmp_path / "partage.yaml")
    before = shared.read_bytes()
    done = run_cli("step", "4", "--no-input", "-p", str(shared), cwd=tmp_path)
    assert done.returncode == 2
    assert "fichier partagé par Castelnef" in done.stderr and "Traceback" not in done.stderr
    assert shared.read_bytes() == before
    load_partner(shared, QUESTS)  # still matches its fingerprint


def test_interactive_converge_needs_a_terminal(pair: tuple[Path, Path], tmp_path: Path) -> None:
    company, association = pair
    done = run_cli("converger", str(association), "-p", str(company), cwd=tmp_path)
    assert done.returncode == 2
    assert "--accord POINT=" in done.stderr


def test_a_new_value_given_interactively(pair: tuple[Path, Path]) -> None:
    """What the interactive converger sends after asking each answer of the point in turn."""
    from partenariat.convergence import record

    company, association = pair
    project = load_project(company)
    comparison = compare(project, load_partner(association, QUESTS), QUESTS)
    done = record(project, QUESTS, comparison, "duree", "autre", nouvelle={"etape4.duree_mois": 30})
    assert project.answers(4)["duree_mois"] == 30
    assert "30 mois" in sp(done.valeur)
    assert project.accords[-1].nous == {"etape4.duree_mois": 30}
    assert project.accords[-1].partenaire == {"etape4.duree_mois": 24}


def test_a_clause_is_confirmed_once_for_two_agreed_points(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    company, association = pair
    before = len(load_project(company).confirmations)
    done = run_cli(
        "converger", str(association), "-p", str(company),
        "--accord", "categorie=nous", "--accord", "forme_juridique=nous",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = load_project(company).confirmations
    # « objet » reads both points: confirmed once (it was already, in the example, on older answers
    # or not at all), never twice for the same answers.
    new = after[before:]
    assert [c.clause for c in new].count("objet") <= 1
    assert "objet" in {c.clause for c in after}


def test_hand_edited_agreement_on_an_unknown_point_is_reported_with_its_line(
    tmp_path: Path,
) -> None:
    source = EXAMPLES / "mecenat-competences-association" / "partenariat.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "- point: categorie\n", "- point: categoriee\n", 1
    )
    assert "- point: categoriee\n" in text
    path = tmp_path / "partenariat.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("- point: categoriee") + 1
    before = path.read_bytes()
    for command in (("status",), ("export",)):
        result = run_cli(*command, "-p", str(path), cwd=tmp_path)
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert f"ligne {line} : accord sur un point de comparaison inconnu « categoriee »" in out
    assert path.read_bytes() == before
