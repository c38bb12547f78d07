"""« Agreed means agreed »: clause levels that tell the truth, confirmations recorded in the
project, commitments under the party that makes them, nothing internal in the partner's copy,
« À compléter » exactly where an answer is missing. Each test starts from a project that showed
the defect (the committed examples, edited) and checks that it is fixed."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from partenariat.analysis import analyse
from partenariat.answers import active_questions, build_context, step_scope
from partenariat.checklist import checklist, count_by_level
from partenariat.clause_catalogue import load_clauses
from partenariat.project import load_project, parse_project
from partenariat.questionnaire import load_questionnaires
from partenariat.render import (
    DOCUMENTS,
    Missing,
    build_render_context,
    make_environment,
    render_document,
)
from partenariat.rules import evaluate
from wizard_support import EXAMPLE_ASSOCIATION, EXAMPLE_ENTREPRISE, run_cli

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Every template but the internal note goes to the partner (the documents and their parts).
PARTNER_TEMPLATES = tuple(
    sorted(p.name for p in TEMPLATES.glob("*.j2") if p.name != "note-interne.md.j2")
)
# Answers that Python code, not a template, writes into a partner's document: the follow-up
# calendar (the plan's dated table) and the tax simulation of the framing document (tax.py).
RENDERED_BY_CALENDAR = {
    (7, "bilans_intermediaires"),
    (4, "ca_ht_entreprise"),
    (4, "effectif_entreprise"),
    (4, "ca_ht_entreprise_estime"),
    (4, "effectif_entreprise_estime"),
}
EXAMPLES = tuple(sorted(EXAMPLE_ENTREPRISE.parents[1].glob("*/partenariat.yaml")))


def ok(result: Any, code: int = 0) -> str:
    text = str(result.stdout + result.stderr)
    assert result.returncode == code, text
    assert "Traceback" not in text, text
    return text


def load_data(path: Path) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(path.read_text(encoding="utf-8")))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "partenariat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def statuses(data: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    project = load_project(write(tmp_path, data))
    questionnaires = load_questionnaires()
    ctx = build_context(project, questionnaires)
    found = evaluate(project, questionnaires, context=ctx)
    return {c.id: c for c in checklist(project, questionnaires, ctx, Missing(), found)}


def rendered(path: Path, doc_id: str) -> str:
    project = load_project(path)
    context = build_render_context(analyse(project, load_questionnaires()))
    return render_document(doc_id, context, make_environment()).markdown


def plain(markdown: str) -> str:
    """The rendered text as a reader sees it: no escapes, ordinary spaces, one line."""
    text = markdown.replace("\\\n", " ").replace("\\", "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


# -- clause levels ---------------------------------------------------------------------------------
def test_a_no_where_a_vigilance_point_needs_the_clause_is_to_discuss(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ASSOCIATION)
    e5 = data["etapes"]["5"]["reponses"]
    e5["confidentialite"] = False
    e5.pop("confidentialite_perimetre", None)
    assert data["etapes"]["5"]["reponses"]["donnees_personnelles"] == "echangees"
    found = statuses(data, tmp_path)
    assert found["confidentialite"].necessaire_par  # personal data exchanged, no clause
    assert found["confidentialite"].statut == "a_discuter"
    # whatever the rules say, no clause needed by an open vigilance point shows better
    for clause in found.values():
        if clause.necessaire_par:
            assert clause.statut == "a_discuter", clause.id


def test_deferring_answers_keep_the_clause_to_discuss(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    data["etapes"]["5"]["reponses"]["donnees_personnelles"] = "a_definir"
    data["etapes"]["4"]["reponses"]["flux"][0]["tva"] = "a_verifier"
    data["etapes"]["5"]["reponses"]["propriete_intellectuelle"] = "À définir."
    found = statuses(data, tmp_path)
    for clause_id in ("donnees_personnelles", "modalites_financieres", "propriete_intellectuelle"):
        assert found[clause_id].statut == "a_discuter", clause_id
        assert found[clause_id].en_attente, clause_id


def test_nothing_is_agreed_with_the_partner_without_a_recorded_confirmation(
    tmp_path: Path,
) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    data.pop("confirmations", None)
    found = statuses(data, tmp_path)
    assert not [c for c in found.values() if c.statut == "convenu"]
    assert count_by_level(list(found.values()))["principe_retenu"] > 0


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_each_example_shows_every_level_and_the_summary_counts_them(example: Path) -> None:
    project = load_project(example)
    questionnaires = load_questionnaires()
    ctx = build_context(project, questionnaires)
    found = checklist(
        project, questionnaires, ctx, Missing(), evaluate(project, questionnaires, context=ctx)
    )
    counts = count_by_level(found)
    assert all(counts[level] >= 1 for level in counts), counts
    text = rendered(example, "checklist-convention")
    for label, level in (
        ("Convenu avec le partenaire", "convenu"),
        ("Principe retenu", "principe_retenu"),
        ("À discuter", "a_discuter"),
        ("Sans objet", "sans_objet"),
    ):
        assert f"| {label} | {counts[level]} |" in text


def test_a_confirmation_stops_counting_once_its_answers_change(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    assert statuses(data, tmp_path)["objectifs_programme"].statut == "convenu"
    data["etapes"]["4"]["reponses"]["objectifs_communs"][0]["intitule"] += " (texte revu)"
    found = statuses(data, tmp_path)["objectifs_programme"]
    assert found.statut == "principe_retenu"
    assert found.confirmation_perimee


# -- partenariat convenir --------------------------------------------------------------------------
def test_convenir_records_the_clause_and_the_date(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    data.pop("confirmations", None)
    path = write(tmp_path, data)
    text = ok(run_cli("convenir", "preambule", "--le", "12/11/2026", "-p", str(path), cwd=tmp_path))
    assert "12 novembre 2026" in text
    project = load_project(path)
    assert [(c.clause, c.le) for c in project.confirmations] == [
        ("preambule", dt.date(2026, 11, 12))
    ]
    assert "| 2.2 | Préambule | Convenu avec le partenaire |" in rendered(
        path, "checklist-convention"
    )


def test_convenir_refuses_a_clause_with_missing_or_deferred_answers(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    data.pop("confirmations", None)
    data["etapes"]["5"]["reponses"]["donnees_personnelles"] = "a_definir"
    del data["etapes"]["4"]["reponses"]["resiliation_anticipee"]
    path = write(tmp_path, data)
    before = path.read_bytes()
    result = run_cli(
        "convenir", "donnees_personnelles", "resiliation", "-p", str(path), cwd=tmp_path
    )
    text = ok(result, 1)
    assert "Impossible de noter ces clauses comme convenues" in text
    assert "réponse(s) en attente : Étape 5 – Données personnelles (RGPD)" in text
    assert "réponse(s) manquante(s) : Étape 4 – " in text
    assert "Rien n'a été enregistré" in text
    assert path.read_bytes() == before


def test_convenir_unknown_clause_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, load_data(EXAMPLE_ENTREPRISE))
    text = ok(run_cli("convenir", "confidentiallite", "-p", str(path), cwd=tmp_path), 2)
    assert "Clause inconnue : « confidentiallite »" in text


def test_hand_edited_confirmation_of_an_unknown_clause_is_reported_with_its_line(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, load_data(EXAMPLE_ENTREPRISE))
    text = path.read_text(encoding="utf-8").replace("- clause: objet\n", "- clause: objett\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("- clause: objett") + 1
    before = path.read_bytes()
    for command in (("status",), ("export",), ("convenir", "parties")):
        out = ok(run_cli(*command, "-p", str(path), cwd=tmp_path), 1)
        assert f"ligne {line} : confirmation d'une clause inconnue « objett »" in out
    assert path.read_bytes() == before


def test_check_counts_clauses_not_yet_agreed_once_step_5_is_done(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ASSOCIATION)
    path = write(tmp_path, data)
    text = ok(run_cli("check", "-p", str(path), cwd=tmp_path))
    assert re.search(r"Clauses de la convention : \d+ sur \d+ pas encore convenue", text)
    data["etapes"]["5"]["statut"] = "en_cours"
    path = write(tmp_path, data)
    text = ok(run_cli("check", "-p", str(path), cwd=tmp_path))
    assert "Clauses de la convention" not in text


# -- commitments per party -------------------------------------------------------------------------
def test_commitments_are_listed_under_the_party_that_makes_them(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    found = statuses(data, tmp_path)
    e4 = data["etapes"]["4"]["reponses"]
    for party, clause_id in (
        ("entreprise", "engagements_entreprise"),
        ("association", "engagements_association"),
    ):
        clause = found[clause_id]
        shown = " ".join(el.texte for el in clause.elements)
        from partenariat.views import flow_links

        # a means that a money flow states is in that flow, not repeated (test_lawyer_review)
        in_flows = {
            id(e4[list_id][i]) for list_id, i in flow_links(e4) if list_id == "moyens_humains"
        }
        for item in e4["moyens_humains"] + e4["moyens_techniques"]:
            text = item.get("description") or item.get("expertise")
            if id(item) in in_flows:
                assert text not in shown, (clause_id, text)
                continue
            assert (text in shown) == (item["apporte_par"] == party), (clause_id, text)
        # expectations are not commitments
        assert e4["attentes_entreprise"][:40] not in shown
        assert e4["attentes_association"][:40] not in shown
    framing = plain(rendered(EXAMPLE_ENTREPRISE, "document-de-cadrage"))
    company = framing[
        framing.index("8.1 Engagements de l'entreprise") : framing.index("8.2 Engagements")
    ]
    association = framing[framing.index("8.2 Engagements") : framing.index("8.3 ")]
    for item in e4["autres_engagements"]:
        words = " ".join(item["description"].split())
        assert (words in company) == (item["partie"] == "entreprise")
        assert (words in association) == (item["partie"] == "association")


# -- every question reaches a document or is internal ----------------------------------------------
def _partner_references() -> set[tuple[int, str]]:
    """(step, id) of every answer a partner's document prints or depends on: references in the
    templates (``lisible.etapeN.x``, ``reponse.etapeN.x`` and their aliases) and the answers
    each clause of the checklist reads."""
    found: set[tuple[int, str]] = set()
    for name in PARTNER_TEMPLATES:
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        aliases = {
            a: int(n) for a, n in re.findall(r"set (\w+) = (?:lisible|reponse)\.etape(\d)\b", text)
        }
        found |= {
            (int(n), q) for n, q in re.findall(r"(?:lisible|reponse)\.etape(\d)\.(\w+)", text)
        }
        found |= {(int(n), q) for n, q in re.findall(r"lisible\.etape(\d)\[\"(\w+)\"\]", text)}
        for alias, n in aliases.items():
            found |= {(n, q) for q in re.findall(rf"\b{alias}\.(\w+)", text)}
            found |= {(n, q) for q in re.findall(r"\(\"(\w+)\", \"[^\"]+\"\)", text)}
    for clause in load_clauses():
        for path in clause.reponses:
            head, _, qid = path.partition(".")
            found.add((int(head[5:]), qid))
    return found | RENDERED_BY_CALENDAR


def test_every_question_reaches_a_document_or_is_internal() -> None:
    references = _partner_references()
    # A fact asked once and shown again elsewhere (``reprise``) reaches the partner through
    # the place that shows it.
    for m, quest in load_questionnaires().etapes.items():
        for q in quest.questions:
            if q.reprise and (m, q.id) in references:
                head, _, qid = q.reprise.partition(".")
                references.add((int(head[5:]), qid))
    lost = [
        f"étape {n} : {q.id}"
        for n, quest in load_questionnaires().etapes.items()
        for q in quest.questions
        if not q.interne and (n, q.id) not in references
    ]
    assert not lost, "questions ni rendues ni internes : " + ", ".join(lost)


SUMMARY_TYPES = ("texte", "choix", "date", "montant", "duree", "nombre", "oui_non")


def test_every_sub_question_of_a_shared_list_reaches_a_document() -> None:
    """An item's answer shows where a template names it (``a.intitule``), or in the checklist's
    one-line summary of an item (its short answers) when a clause reads the list."""
    text = " ".join((TEMPLATES / name).read_text(encoding="utf-8") for name in PARTNER_TEMPLATES)
    clause_paths = {path for clause in load_clauses() for path in clause.reponses}
    lost = []
    for n, quest in load_questionnaires().etapes.items():
        for q in quest.questions:
            if q.type != "liste" or q.interne or (n, q.id) in RENDERED_BY_CALENDAR:
                continue
            for sub in q.sous_questions:
                named = re.search(rf"\.{sub.id}\b", text) is not None
                summarised = f"etape{n}.{q.id}" in clause_paths and sub.type in SUMMARY_TYPES
                if not (named or summarised):
                    lost.append(f"étape {n} : {q.id}.{sub.id}")
    assert not lost, lost


def test_no_partner_template_prints_an_internal_question() -> None:
    references = _partner_references() - RENDERED_BY_CALENDAR
    leaks = [
        f"étape {n} : {q.id}"
        for n, quest in load_questionnaires().etapes.items()
        for q in quest.questions
        if q.interne and (n, q.id) in references
    ]
    assert not leaks


TEXT_TYPES = ("texte", "texte_long")


def _texts(value: Any, q: Any) -> list[str]:
    """The written lines (12 characters or more) of an answer, sub-answers of a list included."""
    if q.type in TEXT_TYPES and isinstance(value, str):
        return [" ".join(line.split()) for line in value.split("\n") if len(line.strip()) >= 12]
    if q.type == "liste" and isinstance(value, list):
        subs = {sub.id: sub for sub in q.sous_questions}
        return [
            text
            for item in value
            if isinstance(item, dict)
            for key, sub_value in item.items()
            if key in subs
            for text in _texts(sub_value, subs[key])
        ]
    return []


def _internal_texts(path: Path) -> list[str]:
    """Every internal written answer, except what the user also wrote in a shared answer (a
    candidate named again in step 6, the parties' own names): that the user chose to share."""
    project = load_project(path)
    internal: list[str] = []
    shared = " ".join(filter(None, (project.organisation.nom, project.partenaire.nom)))
    for n, quest in load_questionnaires().etapes.items():
        answers = project.answers(n)
        for q in quest.questions:
            if q.id not in answers:
                continue
            if q.interne:
                internal += _texts(answers[q.id], q)
            else:
                shared += " " + " ".join(" ".join(str(answers[q.id]).split()).split())
    return [t for t in internal if t not in shared]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_partners_export_holds_no_internal_answer(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    ok(run_cli("export", "-p", str(example), "-o", str(out), cwd=tmp_path))
    written = sorted(p.name for p in out.glob("*.md"))
    assert "note-interne.md" not in written
    texts = _internal_texts(example)
    assert len(texts) > 20  # the examples do fill their introspection and their candidates
    for name in written:
        shown = plain((out / name).read_text(encoding="utf-8"))
        leaked = [t for t in texts if t in shown]
        assert not leaked, (name, leaked)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_internal_note_is_written_on_request_and_says_so(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    ok(run_cli("export", "--interne", "-p", str(example), "-o", str(out), cwd=tmp_path))
    note = (out / "note-interne.md").read_text(encoding="utf-8")
    shown = plain(note)
    assert 'title: "Note interne : ne pas transmettre au partenaire"' in shown
    for text in _internal_texts(example):
        assert text in shown, text
    assert "/ 100" in shown  # the candidates' scores moved here
    out2 = tmp_path / "seule"
    ok(run_cli("export", "-d", "note-interne", "-p", str(example), "-o", str(out2), cwd=tmp_path))
    assert sorted(p.name for p in out2.glob("*.md")) == ["note-interne.md"]
    assert "note-interne" in DOCUMENTS


# -- « À compléter » -----------------------------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_a_complete_example_has_nothing_to_complete(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    text = ok(run_cli("export", "--interne", "-p", str(example), "-o", str(out), cwd=tmp_path))
    assert "à compléter" not in text
    for doc in out.glob("*.md"):
        assert "À compléter**" not in doc.read_text(encoding="utf-8"), doc.name


def test_export_lists_every_missing_answer_it_marks(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    e7 = data["etapes"]["7"]["reponses"]
    e7["indicateurs"] = [i for i in e7["indicateurs"] if i["axe"] != "couts_benefices"]
    del data["etapes"]["4"]["reponses"]["procedure_alerte"]
    path = write(tmp_path, data)
    out = tmp_path / "docs"
    text = ok(run_cli("export", "-p", str(path), "-o", str(out), cwd=tmp_path))
    marked = sum(
        (out / f"{d}.md").read_text(encoding="utf-8").count("**À compléter**")
        for d in ("document-de-cadrage", "checklist-convention", "plan-de-suivi")
    )
    assert marked > 0
    alert = "    - Étape 4 – Procédure d’alerte et de conciliation"
    costs = "    - Étape 7 – Indicateurs de l'axe « Coûts et bénéfices du partenariat »"
    for doc in ("document-de-cadrage", "checklist-convention"):
        assert f"{doc} : 1 élément(s) à compléter\n{alert}\n" in text, text
    assert f"plan-de-suivi : 1 élément(s) à compléter\n{costs}\n" in text, text


# -- numbers ---------------------------------------------------------------------------------------
def test_scores_read_the_same_in_check_and_in_the_internal_note(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    ok(run_cli("export", "--interne", "-p", str(EXAMPLE_ENTREPRISE), "-o", str(out), cwd=tmp_path))
    note = plain((out / "note-interne.md").read_text(encoding="utf-8"))
    check = " ".join(ok(run_cli("check", "-p", str(EXAMPLE_ENTREPRISE), cwd=tmp_path)).split())
    scores = re.findall(r"\d+ / 100", note)
    assert scores
    for score in scores:
        assert score in check.replace("\u202f", " ").replace("\u00a0", " ")


def test_a_project_without_confirmations_keeps_its_file_layout(tmp_path: Path) -> None:
    data = load_data(EXAMPLE_ENTREPRISE)
    data.pop("confirmations", None)
    path = write(tmp_path, data)
    from partenariat.project import dump_project

    assert "confirmations" not in dump_project(parse_project(path.read_text("utf-8"), path))


NUMERIC = ("montant", "date", "duree", "nombre", "grille")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_numbers_read_the_same_in_review_tables_and_documents(example: Path) -> None:
    """Amounts, dates, durations, counts and grid notes: ``show`` and the wizard's review tables
    (values.format_value) print what the documents print (render.Lisible)."""
    from partenariat.render import Lisible
    from partenariat.values import format_value

    project = load_project(example)
    checked = 0
    for n, quest in load_questionnaires().etapes.items():
        answers = project.answers(n)
        for q in quest.questions:
            if q.id not in answers:
                continue
            pairs = [(q, answers[q.id])]
            if q.type == "liste" and isinstance(answers[q.id], list):
                subs = {sub.id: sub for sub in q.sous_questions}
                pairs = [
                    (subs[k], v) for item in answers[q.id] for k, v in item.items() if k in subs
                ]
            for question, value in pairs:
                if question.type not in NUMERIC or value is None:
                    continue
                review = format_value(question, value, project.profil).replace("\u00a0", " ")
                document = Lisible(value, question, "", Missing()).texte.replace("\u00a0", " ")
                assert review == document, (question.id, review, document)
                checked += 1
    assert checked > 10


def test_json_check_counts_the_clauses(tmp_path: Path) -> None:
    import json

    text = ok(run_cli("check", "--format", "json", "-p", str(EXAMPLE_ENTREPRISE), cwd=tmp_path))
    counts = json.loads(text)["clauses"]
    assert set(counts) == {"sans_objet", "a_discuter", "principe_retenu", "convenu"}
    assert counts["convenu"] >= 1 and sum(counts.values()) == len(load_clauses())


@pytest.mark.parametrize("value", ["demain", "31/02/2026", "01/01/2099"])
def test_convenir_bad_dates(value: str, tmp_path: Path) -> None:
    path = write(tmp_path, load_data(EXAMPLE_ENTREPRISE))
    before = path.read_bytes()
    text = ok(run_cli("convenir", "preambule", "--le", value, "-p", str(path), cwd=tmp_path), 2)
    assert "Date de confirmation" in text
    assert path.read_bytes() == before


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_optional_answers_left_empty_are_not_to_complete(example: Path) -> None:
    """A complete project whose optional answers were all skipped still expects nothing."""
    data = load_data(example)
    questionnaires = load_questionnaires()
    for n, quest in questionnaires.etapes.items():
        answers = data["etapes"][str(n)]["reponses"]
        for q in quest.questions:
            if not q.obligatoire and q.id in answers:
                answers[q.id] = None
            if q.type == "liste" and isinstance(answers.get(q.id), list):
                for item in answers[q.id]:
                    for sub in q.sous_questions:
                        if not sub.obligatoire and sub.id in item:
                            item[sub.id] = None
    # Skipping an optional answer may bring up another optional question (no turnover known at
    # step 3: the association's budget is asked at step 4): it is skipped in turn.
    while True:
        project = parse_project(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), example)
        scope = build_context(project, questionnaires)
        brought_up = [
            (n, q.id)
            for n, quest in questionnaires.etapes.items()
            for q in active_questions(
                quest, step_scope(scope, n, project.answers(n)), project.profil
            )
            if not q.obligatoire and q.id not in project.answers(n)
        ]
        if not brought_up:
            break
        for n, qid in brought_up:
            data["etapes"][str(n)]["reponses"][qid] = None
    context = build_render_context(analyse(project, questionnaires))
    env = make_environment()
    for doc_id in DOCUMENTS:
        document = render_document(doc_id, context, env)
        assert document.missing == [], (doc_id, document.missing)
        assert "**À compléter**" not in document.markdown, doc_id


def test_each_missing_required_answer_is_marked_and_listed() -> None:
    """Remove one required answer at a time from a complete project: the documents mark it
    « À compléter » and name it in what export lists (and mark nothing they do not list)."""
    questionnaires = load_questionnaires()
    env = make_environment()
    base = load_data(EXAMPLE_ASSOCIATION)
    checked = 0
    for n in (4, 5, 6, 7):
        for q in questionnaires.etapes[n].questions:
            if not q.obligatoire or q.id not in base["etapes"][str(n)]["reponses"]:
                continue
            data = copy.deepcopy(base)
            del data["etapes"][str(n)]["reponses"][q.id]
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            context = build_render_context(analyse(parse_project(text, EXAMPLE_ASSOCIATION), questionnaires))
            labels: list[str] = []
            for doc_id in DOCUMENTS:
                document = render_document(doc_id, context, env)
                assert bool(document.missing) == ("**À compléter**" in document.markdown), doc_id
                labels += document.missing
            assert any(q.label in label for label in labels), (n, q.id, labels)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_confirmation_of_the_examples_still_holds(example: Path) -> None:
    """Confirmed answers unchanged since (a party's share of a list included): « Convenu »."""
    project = load_project(example)
    questionnaires = load_questionnaires()
    ctx = build_context(project, questionnaires)
    found = {
        c.id: c
        for c in checklist(
            project, questionnaires, ctx, Missing(), evaluate(project, questionnaires, context=ctx)
        )
    }
    assert project.confirmations
    for confirmation in project.confirmations:
        assert found[confirmation.clause].statut == "convenu", confirmation.clause
