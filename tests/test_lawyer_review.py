"""What a French lawyer's review of the documents found, each point fixed and kept fixed.

Each test starts from the committed examples (the pair of test_partner.py where two sides are
needed) and fails on the defect the review saw.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from partenariat.analysis import analyse
from partenariat.clause_catalogue import load_clauses
from partenariat.clause_remarks import schedule_mismatch
from partenariat.confirmations import confirm
from partenariat.errors import ClauseNotReadyError
from partenariat.project import load_project
from partenariat.questionnaire import load_questionnaires
from partenariat.render import build_render_context, make_environment, render_document
from partner_support import ASSOCIATION, COMPANY, EXAMPLES, build_pair, write
from wizard_support import run_cli

QUESTS = load_questionnaires()


def sp(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


def ok(result: Any, code: int = 0) -> str:
    text = str(result.stdout + result.stderr)
    assert result.returncode == code, text
    assert "Traceback" not in text, text
    return text


def share(project: Path, target: Path) -> Path:
    ok(run_cli("partage", "--project", str(project), "--output", str(target), cwd=target.parent))
    return target


def clause_section(markdown: str, titre: str) -> str:
    """The checklist's section of one clause, as plain text."""
    text = sp(markdown)
    start = text.index(f" {titre} **État")
    end = text.find(" ## 2.", start)
    return text[start : end if end > 0 else None].strip()


def levels(path: Path) -> dict[str, str]:
    return {c.id: c.statut for c in analyse(load_project(path), QUESTS).clauses}


# -- 1. a confirmed clause falls back when the partner's file differs ------------------------------
def test_a_confirmed_clause_falls_back_when_a_later_comparison_shows_a_gap(
    tmp_path: Path,
) -> None:
    company, association = build_pair(tmp_path)
    shared = share(association, tmp_path / "partage-asso.yaml")
    ok(
        run_cli(
            "converger", str(shared), "-p", str(company), "--le", "2026-11-30",
            "--accord", "flux=partenaire", "--accord", "echeancier=partenaire", cwd=tmp_path,
        )
    )  # fmt: skip
    assert levels(company)["modalites_financieres"] == "convenu"
    # The partner then lowers its gift: 105 000 € in three payments of 35 000 €.
    partner = load_project(association)
    partner.etapes["4"].reponses["flux"][0]["montant"] = 105000
    partner.etapes["4"].reponses["flux"][0]["montants_annuels"] = {
        "2027": 35000, "2028": 35000, "2029": 35000,
    }  # fmt: skip
    for payment in partner.etapes["4"].reponses["echeancier"]:
        payment["montant"] = 35000
    write(partner, association)
    shared2 = share(association, tmp_path / "partage-asso-2.yaml")
    compared = ok(run_cli("compare", str(shared2), "-p", str(company), cwd=tmp_path), 1)
    assert "modalites_financieres" in sp(compared)
    assert "ne sont plus « Convenu avec le partenaire »" in sp(compared)
    project = load_project(company)
    gap = {c.clause: c for c in project.confirmations}["modalites_financieres"].ecart
    assert gap is not None and gap.points
    # The checklist, « convenir » and « status » all say it.
    found = analyse(project, QUESTS)
    clause = {c.id: c for c in found.clauses}["modalites_financieres"]
    assert clause.statut == "a_discuter"
    assert any("le fichier du partenaire" in reason for reason in clause.obstacles())
    text = render_document(
        "checklist-convention", build_render_context(found), make_environment()
    ).markdown
    section = clause_section(text, "Modalités financières")
    assert section.startswith("Modalités financières **État : À discuter**")
    assert "Le fichier du partenaire diffère" in section
    listing = ok(run_cli("convenir", "-p", str(company), cwd=tmp_path))
    row = sp(listing[listing.index("modalites_financieres") :])
    assert row.split("│")[2].strip().startswith("À discuter"), row
    # « convenir » alone cannot put it back: the partner's file says otherwise.
    refused = run_cli("convenir", "modalites_financieres", "-p", str(company), cwd=tmp_path)
    assert refused.returncode != 0 and "diffère" in sp(refused.stderr)
    # A new agreement on the partner's values settles it again, and the note goes.
    ok(
        run_cli(
            "converger", str(shared2), "-p", str(company), "--le", "2026-12-01",
            "--accord", "flux=partenaire", "--accord", "echeancier=partenaire", cwd=tmp_path,
        )
    )  # fmt: skip
    assert levels(company)["modalites_financieres"] == "convenu"


def test_status_counts_the_fallen_clause(tmp_path: Path) -> None:
    company, association = build_pair(tmp_path)
    # The company confirmed « exclusivite » by hand; the association's file now says otherwise.
    ok(run_cli("convenir", "exclusivite", "-p", str(company), "--le", "2026-11-30", cwd=tmp_path))
    before = sp(ok(run_cli("status", "-p", str(company), cwd=tmp_path)))
    partner = load_project(association)
    partner.etapes["5"].reponses["exclusivite"] = "sectorielle"
    write(partner, association)
    ok(run_cli("compare", str(association), "-p", str(company), cwd=tmp_path), 1)
    after = sp(ok(run_cli("status", "-p", str(company), cwd=tmp_path)))

    def count(text: str, label: str) -> int:
        return int(text.split(f"{label} : ", 1)[1].split()[0])

    assert (
        count(after, "Convenu avec le partenaire")
        == count(before, "Convenu avec le partenaire") - 1
    )
    assert count(after, "À discuter") == count(before, "À discuter") + 1


# -- 2. a bare « Oui » drafts nothing ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "clause"),
    [
        ("anticorruption_contenu", "anticorruption"),
        ("assurances_contenu", "assurances_responsabilite"),
        ("force_majeure_contenu", "force_majeure"),
    ],
)
def test_a_yes_without_its_content_is_to_complete(answer: str, clause: str, tmp_path: Path) -> None:
    data = yaml.safe_load(COMPANY.read_text(encoding="utf-8"))
    del data["etapes"]["5"]["reponses"][answer]
    path = tmp_path / "partenariat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = analyse(load_project(path), QUESTS)
    status = {c.id: c for c in found.clauses}[clause]
    assert status.statut == "a_discuter"
    assert any("Contenu de la clause" in label for label in status.manquantes)
    context = build_render_context(found)
    doc = render_document("checklist-convention", context, make_environment())
    section = clause_section(doc.markdown, status.titre)
    assert "**État : À discuter**" in section and "À compléter" in section
    assert any("Contenu de la clause" in label for label in doc.missing)


def test_every_clause_answered_by_yes_no_alone_says_a_yes_is_enough() -> None:
    """A clause whose answers are all yes/no either has « oui_suffit » (the question's wording is
    the clause) or shows « À discuter » until a content answer is added."""
    questions = {
        f"etape{n}.{q.id}": q for n, quest in QUESTS.etapes.items() for q in quest.questions
    }
    bare = [
        c.id
        for c in load_clauses()
        if c.reponses
        and all(questions[path].type == "oui_non" for path in c.reponses)
        and not c.oui_suffit
    ]
    assert bare == []


# -- 3. converger checks a money flow against its schedule ----------------------------------------
def test_converger_does_not_confirm_a_flow_its_schedule_contradicts(tmp_path: Path) -> None:
    company, association = build_pair(tmp_path)
    # The association's file as the review saw it: 120 000 € over a schedule of 3 × 30 000 €,
    # the same schedule as the company's, so only the flow's amount is a gap.
    partner = load_project(association)
    for payment in partner.etapes["4"].reponses["echeancier"]:
        payment["montant"] = 30000
    write(partner, association)
    shared = share(association, tmp_path / "partage-asso.yaml")
    before = {c.clause for c in load_project(company).confirmations}
    done = ok(
        run_cli(
            "converger", str(shared), "-p", str(company), "--accord", "flux=partenaire",
            cwd=tmp_path,
        )
    )  # fmt: skip
    text = sp(done)
    assert "Clause pas encore convenue" in text
    assert "l'échéancier des versements totalise 90 000 € alors que les dons en numéraire" in text
    assert "120 000 €" in text
    project = load_project(company)
    assert "modalites_financieres" not in {c.clause for c in project.confirmations} - before
    clause = {c.id: c for c in analyse(project, QUESTS).clauses}["modalites_financieres"]
    assert clause.statut == "a_discuter" and clause.incoherences
    # « convenir » refuses it too, in French, and writes nothing.
    saved = company.read_bytes()
    refused = run_cli("convenir", "modalites_financieres", "-p", str(company), cwd=tmp_path)
    assert refused.returncode != 0 and "échéancier" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert company.read_bytes() == saved


def test_schedule_mismatch_reads_money_flows_only() -> None:
    step4 = {
        "flux": [
            {"nature": "don_numeraire", "sens": "entreprise_vers_association", "montant": 105000},
            {"nature": "mecenat_competences", "sens": "entreprise_vers_association", "montant": 5},
        ],
        "echeancier": [{"montant": 30000}, {"montant": 30000}, {"montant": 30000}],
    }
    assert "90 000" in sp(schedule_mismatch(step4) or "")
    step4["echeancier"].append({"montant": 15000})
    assert schedule_mismatch(step4) is None


# -- 4. the examples add up ------------------------------------------------------------------------
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*/partenariat.yaml")), ids=str)
def test_each_examples_schedule_adds_up_to_its_money_flows(example: Path) -> None:
    assert schedule_mismatch(load_project(example).answers(4)) is None


def test_association_example_says_the_same_amount_in_words_and_in_its_schedule() -> None:
    answers = load_project(ASSOCIATION).answers(4)
    gift = next(f for f in answers["flux"] if f["nature"] == "don_numeraire")
    assert gift["montant"] == sum(p["montant"] for p in answers["echeancier"]) == 120000
    markdown = (ASSOCIATION.parent / "documents" / "checklist-convention.md").read_text("utf-8")
    assert "120 000 € (cent vingt mille euros)" in sp(markdown)
    assert "40 000 €" in sp(markdown) and "– 30 000 € –" not in sp(markdown)


# -- 9. the clause levels are computed once, by the analysis ----------------------------------------
def _forced(analysis: Any, clause_id: str) -> Any:
    """The analysis with one clause's level set by hand, as if the analysis had found it."""
    clauses = [
        dataclasses.replace(c, statut="a_discuter", necessaire_par=["un point posé par le test"])
        if c.id == clause_id
        else c
        for c in analysis.clauses
    ]
    analysis.__dict__["clauses"] = clauses
    return analysis


def test_the_documents_read_the_levels_the_analysis_computed() -> None:
    analysis = _forced(analyse(load_project(COMPANY), QUESTS), "objet")
    rendered = {c.id: c for c in build_render_context(analysis).variables["clauses"]}
    assert rendered["objet"].statut == "a_discuter"
    assert rendered["objet"].necessaire_par == ["un point posé par le test"]


def test_confirm_reads_the_levels_the_analysis_computed() -> None:
    project = load_project(COMPANY)
    plain = analyse(copy.deepcopy(project), QUESTS)
    assert {c.id: c for c in plain.clauses}["objet"].statut in ("principe_retenu", "convenu")
    analysis = _forced(analyse(project, QUESTS), "objet")
    count = len(project.confirmations)
    with pytest.raises(ClauseNotReadyError, match="un point posé par le test"):
        confirm(analysis, ["objet"], dt.date(2026, 12, 1))
    assert len(project.confirmations) == count


def test_compare_json_still_parses_when_it_notes_a_gap(tmp_path: Path) -> None:
    company, association = build_pair(tmp_path)
    ok(run_cli("convenir", "exclusivite", "-p", str(company), cwd=tmp_path))
    partner = load_project(association)
    partner.etapes["5"].reponses["exclusivite"] = "sectorielle"
    write(partner, association)
    out = run_cli("compare", str(association), "-p", str(company), "--format", "json", cwd=tmp_path)
    assert json.loads(out.stdout)["points"]


# -- 6. the framing document is not a contractual annex --------------------------------------------
def test_the_framing_document_is_cited_not_annexed_as_part_of_the_convention() -> None:
    assert "document_cadrage" in load_project(COMPANY).answers(5)["annexes"]
    found = analyse(load_project(COMPANY), QUESTS)
    doc = render_document("checklist-convention", build_render_context(found), make_environment())
    section = clause_section(doc.markdown, "Annexes et ordre de priorité")
    binding = section.split("Annexes qui font partie intégrante de la convention", 1)[1]
    binding = binding.split(".", 1)[0]
    assert "Programme d'actions" in binding and "cadrage" not in binding
    assert "Le document de cadrage n'est pas annexé comme partie intégrante" in section
    assert "sans valeur contractuelle (repère pratique de partenariat)" in section


# -- 8. French typography of the templates' own text ------------------------------------------------
@pytest.fixture(scope="module")
def company_docs() -> dict[str, str]:
    found = analyse(load_project(COMPANY), QUESTS)
    context = build_render_context(found)
    env = make_environment()
    return {
        doc: render_document(doc, context, env).markdown
        for doc in ("checklist-convention", "document-de-cadrage", "plan-de-suivi")
    }


def test_the_templates_write_typographic_apostrophes_and_leave_answers_as_typed(
    company_docs: dict[str, str],
) -> None:
    checklist = company_docs["checklist-convention"]
    assert "Ce qu\u2019il faut régler" in checklist and "Ce qu'il faut régler" not in checklist
    assert "Engagements de l\u2019entreprise" in checklist  # a clause title from the catalogue
    # An answer keeps its straight apostrophe: it comes out as typed.
    answer = load_project(COMPANY).answers(4)["contribution_association"]
    assert "'" in answer
    assert answer.split(".")[0] in sp(company_docs["document-de-cadrage"]).replace("\u2019", "\x00")


def test_premier_is_a_superscript_in_the_tools_text(company_docs: dict[str, str]) -> None:
    checklist = company_docs["checklist-convention"]
    assert "loi du 1^er^ juillet 1901" in checklist
    assert "Cass. 1^re^ civ." in checklist
    plan = company_docs["plan-de-suivi"]
    assert "| 1^er^ février 2027 |" in sp(plan)


def test_nested_guillemets_read_english_quotes_inside(company_docs: dict[str, str]) -> None:
    plan = sp(company_docs["plan-de-suivi"])
    assert "Début de l'action « Module “Préparer un entretien technique” »" in plan
    table = [line for line in company_docs["plan-de-suivi"].splitlines() if line.startswith("| ")]
    for line in table:
        depth = 0
        for ch in line:
            depth += {"«": 1, "»": -1}.get(ch, 0)
            assert depth <= 1, line


def test_the_docx_sets_premier_as_a_superscript(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "docs"
    ok(run_cli("export", "-p", str(COMPANY), "-o", str(out), "--format", "docx", cwd=tmp_path))
    with zipfile.ZipFile(out / "checklist-convention.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert '<w:vertAlign w:val="superscript" />' in xml or 'w:val="superscript"' in xml
    assert "1^er^" not in xml and "juillet 1901" in xml


# -- 7. each commitment stated once ---------------------------------------------------------------
def test_a_means_a_flow_states_is_written_once_under_its_flow() -> None:
    from partenariat.views import flow_links

    answers = load_project(ASSOCIATION).answers(4)
    links = flow_links(answers)
    skills = next(
        i for i, f in enumerate(answers["flux"], 1) if f["nature"] == "mecenat_competences"
    )
    gift = next(i for i, f in enumerate(answers["flux"], 1) if f["nature"] == "don_nature")
    volunteers = next(
        i for i, m in enumerate(answers["moyens_humains"]) if "volontaires" in m["description"]
    )
    manager = next(
        i for i, m in enumerate(answers["moyens_humains"]) if "Chef de projet" in m["description"]
    )
    laptops = next(i for i, m in enumerate(answers["moyens_materiels"]) if m["mode"] == "don")
    assert links[("moyens_humains", volunteers)] == skills
    assert links[("moyens_materiels", laptops)] == gift
    assert ("moyens_humains", manager) not in links  # staff time, not the valued flow
    framing = sp((ASSOCIATION.parent / "documents" / "document-de-cadrage.md").read_text("utf-8"))
    section = framing[framing.index("## 8.1 ") : framing.index("## 8.3 ")]
    description = answers["moyens_humains"][volunteers]["description"]
    assert section.count(description) == 1
    assert f"**Moyens humains :** {description}" not in section
    assert "- moyens humains : " + description in section
    computers = answers["moyens_materiels"][laptops]["description"]
    assert section.count(computers) == 1 and "- matériel informatique : " + computers in section
    # The lent plateau of the cooperation example: once, under the loan flow.
    coop = sp(
        (EXAMPLES / "cooperation-insertion" / "documents" / "document-de-cadrage.md").read_text(
            "utf-8"
        )
    )
    assert coop.count("Plateau technique de formation du réseau à Toulouse") == 1
    # The checklist's commitments clause lists the flow, not the means again.
    found = analyse(load_project(ASSOCIATION), QUESTS)
    clause = {c.id: c for c in found.clauses}["engagements_entreprise"]
    shown = " ".join(el.texte for el in clause.elements)
    assert description not in shown and "Chef de projet" in shown
    assert any("ne sont pas répétés" in r for r in clause.remarques)
