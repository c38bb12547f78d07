"""Rendering: French formatting, Markdown escaping, the three templates, the clause catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docs_support import DOCUMENT_IDS, FULL_PROJECT, hostile_data, partial_data, write_project
from partenariat import render
from partenariat.analysis import analyse
from partenariat.errors import InvalidFileError
from partenariat.project import load_project
from partenariat.questionnaire import load_questionnaires

NNBSP, NBSP = "\u202f", "\u00a0"


def rendered(path: Path, strict: bool = True) -> dict[str, render.RenderedDocument]:
    project = load_project(path)
    ctx = render.build_render_context(analyse(project, load_questionnaires()), strict=strict)
    env = render.make_environment(strict=strict)
    return {d: render.render_document(d, ctx, env) for d in DOCUMENT_IDS}


@pytest.fixture(scope="module")
def full() -> dict[str, render.RenderedDocument]:
    return rendered(FULL_PROJECT)


def test_date_fr() -> None:
    assert render.date_fr("2026-11-26") == "26 novembre 2026"
    assert render.date_fr("2027-04-01") == "1er avril 2027"
    assert render.date_fr(None) == ""


def test_euros_and_numbers() -> None:
    assert render.euros(12500) == f"12{NNBSP}500{NBSP}€"
    assert render.euros(1250.5) == f"1{NNBSP}250,50{NBSP}€"
    assert render.euros(999) == f"999{NBSP}€"
    assert render.euros(1234567.891) == f"1{NNBSP}234{NNBSP}567,89{NBSP}€"
    assert render.nombre_fr(12.5) == "12,5"


def test_rythme() -> None:
    assert render.rythme(3) == f"tous les 3{NBSP}mois"
    assert render.rythme(1) == "chaque mois"
    assert render.rythme(12) == "chaque année"
    assert render.rythme(24) == f"tous les 2{NBSP}ans"
    assert render.rythme(18) == f"tous les 18{NBSP}mois"
    assert render.rythme(None) == ""


def test_mois_oui_non_liste() -> None:
    assert render.mois(36) == f"36{NBSP}mois (3{NBSP}ans)"
    assert render.mois(18) == f"18{NBSP}mois"
    assert render.mois(1) == f"1{NBSP}mois"
    assert render.mois(12) == f"12{NBSP}mois (1{NBSP}an)"
    assert render.oui_non(True) == "Oui" and render.oui_non(False) == "Non"
    assert render.liste_fr(["a", "b", "c"]) == "a, b et c"
    assert render.liste_fr(["a"]) == "a"
    assert render.liste_fr([]) == ""


def test_escape_specials_and_line_starts() -> None:
    text = render.markdown_escape("a*b_c [x](y) <t> # | ~ ^ $ @ & {z} \\")
    for special in "*_[]<>#|~^$@&{}":
        assert f"\\{special}" in text
    assert render.markdown_escape("- item") == "\\- item"
    assert render.markdown_escape("+ item") == "\\+ item"
    assert render.markdown_escape("> quote") == "\\> quote"
    assert render.markdown_escape("12. point") == "12\\. point"
    assert render.markdown_escape("    indented") == "indented"


def test_escape_controls_and_line_breaks() -> None:
    text = render.markdown_escape("a\x00\x07\x1b\x1fb\r\nc\n\n\nd")
    assert text == "ab\\\nc\\\nd"
    assert render.markdown_escape("a\nb", "cell") == f"a{NBSP}; b"
    assert "\n" not in render.markdown_escape("a\nb\nc", "cell")


def test_french_spacing() -> None:
    assert (
        render.markdown_escape("Note : oui ? « mot »")
        == f"Note{NBSP}: oui{NBSP}? «{NBSP}mot{NBSP}»"
    )


def test_full_project_has_no_missing_items(full: dict[str, render.RenderedDocument]) -> None:
    for doc in full.values():
        assert doc.missing == [], (doc.id, doc.missing)
        assert "À compléter" not in doc.markdown.replace(NBSP, " ").replace("« À compléter »", "")
        assert "None" not in doc.markdown
        assert "{{" not in doc.markdown and "{%" not in doc.markdown


def test_title_block(full: dict[str, render.RenderedDocument]) -> None:
    for doc in full.values():
        head = doc.markdown[:1200]
        # the title as the template writes it: typographic apostrophe (« d’évaluation »)
        assert f'title: "{doc.titre}"'.replace("'", "\u2019") in head
        assert "Boulangeries Martin SAS" in head and "Les Jardins Solidaires" in head
        assert "26 novembre 2026" in head  # the project's last change, not today
        assert "| **Établi par** | Boulangeries Martin SAS |" in head
        if doc.id == "document-de-cadrage":  # the status says whether both sides validated it
            status = "| **Statut** | Projet ; validation par les deux partenaires : En cours"
            assert status in head.replace(NBSP, " ")
        else:
            assert "| **Statut** | Projet, à valider par les deux parties |" in head
        # a key/value block: an empty header row, so that pandoc writes no header
        assert "\n| | |\n|---" in head and "Rubrique" not in head
        # the tool's version moves to the closing note
        assert "partenariat 0.1.0" not in head and "partenariat 0.1.0" in doc.markdown[-400:]


def test_periodicities_read_as_rhythms(full: dict[str, render.RenderedDocument]) -> None:
    """A « how often » answer reads « tous les 3 mois », never « Fréquence : 3 mois »."""
    text = "\n".join(d.markdown for d in full.values()).replace(NBSP, " ")
    assert "tous les 6 mois" in text  # periodicite_comite_mois: 6
    assert not re.search(r"(Fréquence|Rythme|Périodicité)[^\n]*\*\* \d+ mois", text)
    assert "tous les tous les" not in text
    plan = full["plan-de-suivi"].markdown.replace(NBSP, " ")
    assert "- **Rythme :** chaque année" in plan


def test_no_double_colon_labels(full: dict[str, render.RenderedDocument]) -> None:
    """« Label : sous-titre : » reads badly: a label holds at most one colon, its own."""
    for doc in full.values():
        for label in re.findall(r"\*\*([^*\n]+?)\*\*", doc.markdown):
            assert label.count(":") <= 1, (doc.id, label)


def test_template_prose_has_french_spacing(full: dict[str, render.RenderedDocument]) -> None:
    """No breaking space before « : ; ! ? » nor inside guillemets in the documents."""
    for doc in full.values():
        body = doc.markdown.split("\n---\n", 1)[1]
        assert not re.search(r" [:;!?»]", body), doc.id
        assert "« " not in body, doc.id


def test_ranking_and_exclusion_motives_only_in_the_internal_note(tmp_path: Path) -> None:
    """The candidates, their scores and why one was set aside are one side's deliberations: the
    framing document (sent to the partner) shows none of them, the « Note interne » shows all."""
    from partenariat.resources import examples_dir

    path = examples_dir() / "mecenat-competences" / "partenariat.yaml"
    md = rendered(path)["document-de-cadrage"].markdown
    assert "Choix du partenaire" not in md and "/ 100" not in md
    assert "Codéclic Loire" not in md and "conflit d'intérêts" not in md.lower()
    project = load_project(path)
    ctx = render.build_render_context(analyse(project, load_questionnaires()), strict=True)
    note = render.render_document("note-interne", ctx, render.make_environment(strict=True))
    text = note.markdown.replace(NBSP, " ")
    assert "| 1 | Tremplin Octet | 83 / 100 | Partenaire retenu |" in text
    assert "| – | Codéclic Loire |" in text and "Conflit d'intérêts" in text


def test_numbered_headings(full: dict[str, render.RenderedDocument]) -> None:
    cadrage = full["document-de-cadrage"].markdown
    numbers = [int(n) for n in re.findall(r"^# (\d+)\. ", cadrage, flags=re.M)]
    assert numbers == list(range(1, 16))
    assert "# 15. Points de vigilance" in cadrage


def test_cadrage_content(full: dict[str, render.RenderedDocument]) -> None:
    md = full["document-de-cadrage"].markdown
    assert f"45{NNBSP}000{NBSP}€" in md
    assert f"15{NNBSP}000,50{NBSP}€" in md
    assert "1er mars 2027" in md
    assert f"36{NBSP}mois (3{NBSP}ans)" in md
    assert "| 1 | Collecte des invendus |" in md


def test_checklist_follows_catalogue_order(full: dict[str, render.RenderedDocument]) -> None:
    clauses = Path(__file__).parents[1] / "templates" / "clauses.yaml"
    ids = [c.id for c in render.load_clauses(clauses)]
    expected = [
        "parties",
        "preambule",
        "objet",
        "objectifs_programme",
        "perimetre",
        "beneficiaires",
        "engagements_entreprise",
        "engagements_association",
        "moyens",
        "pret_biens",
        "mise_a_disposition_personnel",
        "modalites_financieres",
        "affectation_fonds",
        "recu_fiscal",
        "contreparties",
        "compte_rendu_fonds",
        "referents_gouvernance",
        "engagement_direction",
        "cadre_local",
        "mise_en_oeuvre",
        "suivi_evaluation",
        "communication_marques",
        "droit_image_publics",
        "liberte_expression",
        "exclusivite",
        "propriete_intellectuelle",
        "confidentialite",
        "donnees_personnelles",
        "non_concurrence",
        "anticorruption",
        "assurances_responsabilite",
        "conditions_suspensives",
        "duree_renouvellement",
        "force_majeure",
        "resiliation",
        "fin_de_projet",
        "modification_avenant",
        "dispositions_diverses",
        "annexes",
        "litiges",
    ]
    assert ids == expected
    md = full["checklist-convention"].markdown.replace("\u2019", "'")
    titles = [c.titre.replace("\u2019", "'") for c in render.load_clauses(clauses)]
    positions = [md.index(f"## 2.{i} {t}") for i, t in enumerate(titles, start=1)]
    assert positions == sorted(positions)
    assert "## 2.29 Non-concurrence" in md and "État : Sans objet" in md.replace(NBSP, " ")


def test_clause_answer_paths_exist() -> None:
    questionnaires = load_questionnaires()
    for clause in render.load_clauses():
        for path in clause.reponses:
            assert questionnaires.find(path) is not None, (clause.id, path)


def test_mecenat_facts_only_for_mecenat(
    full: dict[str, render.RenderedDocument], tmp_path: Path
) -> None:
    md = full["checklist-convention"].markdown
    assert "(chiffres 2026, à vérifier chaque année)" in md
    assert (
        f"60{NBSP}%" in md
        and "16216" in md
        and f"20{NNBSP}000{NBSP}€" in md
        and "5 ‰" in md.replace(NBSP, " ")
    )
    from docs_support import load_data

    data = load_data()
    # Only paid flows: no gift, so no receipt and no mécénat facts, whatever the title.
    data["etapes"]["4"]["reponses"]["flux"][0]["nature"] = "prestation"
    data["etapes"]["4"]["reponses"]["flux"][0]["tva"] = "soumis"
    other = rendered(write_project(tmp_path, data))["checklist-convention"].markdown
    assert "16216" not in other.split("# 2. Clauses")[1].split("Reçu fiscal")[0]
    assert "repères fiscaux" not in other


def test_findings_mark_clauses(full: dict[str, render.RenderedDocument]) -> None:
    """A clause a finding asks for says so, with the finding's title, under its own heading;
    the others say nothing of the kind."""
    from partenariat.analysis import load_and_analyse

    md = full["checklist-convention"].markdown.replace(NBSP, " ").replace("\u2019", "'")
    analysis = load_and_analyse(FULL_PROJECT)
    asking = {(f.titre, c) for f in analysis.findings for c in f.clauses}
    marked_somewhere = False
    for clause in analysis.clauses:
        title = clause.titre.replace("\u2019", "'")
        section = md.split(f" {title}\n", 1)[1].split("\n## ", 1)[0]
        lines = [line for line in section.splitlines() if "Rendue nécessaire par" in line]
        if not clause.necessaire_par:
            assert not lines, clause.id
            continue
        marked_somewhere = True
        for reason in clause.necessaire_par:
            assert reason.replace("\u2019", "'") in lines[0], (clause.id, reason)
            # every reason shown is a finding that names this clause
            assert any(reason.startswith(title) for title, c in asking if c == clause.id), reason
    assert marked_somewhere  # the full project fires rules that ask for clauses


def test_calendar_notice_date(full: dict[str, render.RenderedDocument]) -> None:
    md = full["plan-de-suivi"].markdown
    # 36 months from 1 January 2027 end on 31 December 2029; a 3-month notice must be given by
    # 30 September 2029, a Sunday: the deadline moves back to Friday 28 September.
    assert "| 28 septembre 2029 | Date limite pour décider du renouvellement |" in md
    assert "| 31 décembre 2029 | Fin de la convention (dernier jour) |" in md
    # a meeting computed on Sunday 4 July 2027 is held on Monday 5 July
    assert "| 5 juillet 2027 | Réunion du comité de pilotage |" in md
    section = md.index(f"## Indicateurs{NBSP}: Valeur du partenariat pour l\u2019entreprise")
    assert md.index("| Salariés impliqués |") > section


def test_partial_project_renders_markers(tmp_path: Path) -> None:
    docs = rendered(write_project(tmp_path, partial_data()))
    for doc in docs.values():
        assert "**À compléter**" in doc.markdown
        assert doc.missing, doc.id
        assert "None" not in doc.markdown
        assert not re.search(r"^\s*[-*]\s*$", doc.markdown, flags=re.M), "empty bullet"
    # an empty list is named by its step and its question's short title
    assert "Étape 4 – Programme d’actions" in docs["document-de-cadrage"].missing


def test_answers_are_never_template_code(tmp_path: Path) -> None:
    docs = rendered(write_project(tmp_path, hostile_data()))
    md = docs["document-de-cadrage"].markdown
    assert "49" not in md.split("# 2.")[1].split("# 3.")[0]
    assert "\\{\\{ 7\\*7 \\}\\}" in md
    assert "</w:t>" not in md and "\\</w:t\\>" in md


def test_hostile_tables_stay_tables(tmp_path: Path) -> None:
    import json

    import pypandoc

    from partenariat.convert import INPUT_FORMAT

    docs = rendered(write_project(tmp_path, hostile_data()))
    for doc in docs.values():
        separators = len(re.findall(r"^\|-", doc.markdown, flags=re.M))
        ast = json.loads(pypandoc.convert_text(doc.markdown, "json", format=INPUT_FORMAT))
        tables = [b for b in ast["blocks"] if b["t"] == "Table"]
        assert len(tables) == separators, doc.id


def test_same_project_same_bytes(tmp_path: Path) -> None:
    first = rendered(FULL_PROJECT)
    second = rendered(FULL_PROJECT)
    for doc_id in DOCUMENT_IDS:
        assert first[doc_id].markdown.encode() == second[doc_id].markdown.encode()


def test_template_typo_fails_in_strict_mode() -> None:
    from jinja2 import UndefinedError

    project = load_project(FULL_PROJECT)
    ctx = render.build_render_context(analyse(project, load_questionnaires()), strict=True)
    env = render.make_environment(strict=True)
    with pytest.raises(UndefinedError):
        env.from_string("{{ lisible.etape4.perimetre_geograhique }}").render(ctx.variables)
    with pytest.raises(UndefinedError):
        env.from_string("{{ lisibel.etape4 }}").render(ctx.variables)
    lax = render.build_render_context(analyse(project, load_questionnaires()), strict=False)
    out = (
        render.make_environment().from_string("{{ lisible.etape4.inconnue }}").render(lax.variables)
    )
    assert out == "**À compléter**"


def test_invalid_clause_catalogue_reports_lines(tmp_path: Path) -> None:
    bad = tmp_path / "clauses.yaml"
    bad.write_text(
        "clauses:\n  - id: parties\n    titre: Parties\n    ce_qu_il_faut_regler: x\n"
        "    reponses: [etape9.nope]\n    source: s\n  - id: objet\n    titre: Objet\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFileError) as info:
        render.load_clauses(bad)
    lines = [line for line, _ in info.value.errors]
    assert 5 in lines and 7 in lines


def test_meeting_and_report_on_the_same_day_make_one_row() -> None:
    ctx = {
        "etape4": {"date_debut": "2027-01-04", "duree_mois": 12, "comite_pilotage": True},
        "etape6": {"periodicite_comite_mois": 3, "periodicite_reporting_mois": 6},
    }
    events = render.follow_up_calendar(ctx)
    periodic = [ev.date for ev in events if ev.type in ("comite", "reporting", "reunion_et_reporting")]
    # 4 April, 4 July (a Sunday: Monday 5 July), 4 October 2027; the convention ends on 3 January 2028
    assert len(periodic) == len(set(periodic)) == 3
    merged = [ev for ev in events if ev.evenement.endswith("et reporting")]
    assert [ev.date.isoformat() for ev in merged] == ["2027-07-05"]
    assert merged[0].evenement == "Réunion du comité de pilotage et reporting"


def _escaped_line_by_line(value: object, mode: str) -> str:
    """markdown_escape without its shortcut for plain words: every rule on every line."""
    from partenariat.markdown import _escape_line, clean_text

    lines = [_escape_line(line) for line in clean_text(value)]
    joiner = {"cell": "\u00a0; ", "inline": " "}.get(mode, "\\\n")
    return joiner.join(lines)


def test_plain_words_skip_the_escaping_rules_with_the_same_result() -> None:
    import random

    from partenariat.markdown import _PLAIN, markdown_escape

    pieces = [
        "a", "Z", "é", "Œ", "7", "42", " ", "  ", "\u00a0", "\u202f", "\t", "\n", "\r", "'", "’",
        ",", ".", ")", "(", "-", "+", "€", "%", ":", ";", "!", "?", "«", "»", "n°", "N°", "*",
        "_", "#", "|", "\\", "`", "[", "<", "&", "$", "1er", "iv", "x.", "\x07", "\u2028", "_a",
        "/", "\u2013", "\u2026", "\u2192", "‰", "°", "ii", "1)", "a.", "(i)", "12.",
    ]  # fmt: skip
    generator = random.Random(12)
    samples = ["Oui", "Les deux", "15\u202f000\u00a0€", "l'école", "-5", "1.", "a) b", "x "]
    samples += [
        "".join(generator.choice(pieces) for _ in range(generator.randint(1, 8)))
        for _ in range(20_000)
    ]
    shortcut = 0
    for text in samples:
        for mode in ("paragraph", "cell", "inline"):
            assert markdown_escape(text, mode) == _escaped_line_by_line(text, mode), repr(text)
        shortcut += bool(_PLAIN.fullmatch(text))
    assert 300 < shortcut < len(samples) // 2  # both paths were taken many times
    assert markdown_escape(12500) == "12500" and markdown_escape(-3) == "\\-3"
