"""The example projects: complete, flagged by the rules, and their committed documents up to date.

examples/<name>/documents holds what `partenariat export` writes for each example (Markdown and
DOCX). A template change that is not re-exported fails here, with the command that regenerates
the files.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from docs_support import DOCUMENT_IDS
from partenariat.answers import active_questions, allowed_values, build_context, step_scope
from partenariat.export import MANIFEST, _sha256, export_documents
from partenariat.expressions import is_true
from partenariat.project import Project, load_project
from partenariat.questionnaire import Question, Questionnaires, load_questionnaires
from partenariat.render import markdown_escape

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/partenariat.yaml"))


def regenerate_hint(name: str) -> str:
    return (
        f"Les documents de l'exemple « {name} » ne correspondent plus à un nouvel export. "
        "Régénérez-les avec : "
        f"partenariat export --project examples/{name}/partenariat.yaml "
        f"--output examples/{name}/documents --format docx --force "
        "(ou, pour tous les exemples : python tools/regenerate_examples.py)"
    )


def zip_content(path: Path) -> list[tuple[str, tuple[int, ...], int, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [
            (i.filename, i.date_time, i.compress_type, archive.read(i)) for i in archive.infolist()
        ]


def test_there_are_examples() -> None:
    assert NAMES == [
        "cooperation-insertion",
        "mecenat-competences",
        "mecenat-competences-association",
        "mecenat-pur",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_committed_documents_match_a_fresh_export(name: str, tmp_path: Path) -> None:
    hint = regenerate_hint(name)
    committed_dir = EXAMPLES / name / "documents"
    assert committed_dir.is_dir(), hint
    export_documents(EXAMPLES / name / "partenariat.yaml", tmp_path, formats=("md", "docx"))
    fresh = {p.name: p for p in tmp_path.iterdir() if p.is_file()}
    committed = {p.name: p for p in committed_dir.iterdir() if p.is_file()}
    expected = {f"{d}.{ext}" for d in DOCUMENT_IDS for ext in ("md", "docx")} | {MANIFEST}
    assert set(fresh) == expected
    assert set(committed) == expected, hint
    for file_name in sorted(expected - {MANIFEST}):
        new, old = fresh[file_name].read_bytes(), committed[file_name].read_bytes()
        if new == old:
            continue
        # Deflate output may differ between zlib builds: then the archives must still hold the
        # same entries, in the same order, with the same dates and the same content.
        assert file_name.endswith(".docx"), f"{file_name} : {hint}"
        assert zip_content(fresh[file_name]) == zip_content(committed[file_name]), (
            f"{file_name} : {hint}"
        )
    # The committed manifest describes the committed files, so that re-exporting over them
    # without --force is not taken for a conflict.
    manifest = json.loads(committed[MANIFEST].read_text(encoding="utf-8"))
    assert manifest["fichiers"] == {
        f: _sha256(committed[f]) for f in sorted(expected - {MANIFEST})
    }, hint


@pytest.mark.parametrize("name", NAMES)
def test_example_is_complete_and_flagged(name: str) -> None:
    """All seven steps done, and the rules raise a point the document de cadrage shows."""
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.rules import evaluate

    project = load_project(EXAMPLES / name / "partenariat.yaml")
    statuses = {n: project.etapes[str(n)].statut for n in range(1, 8) if str(n) in project.etapes}
    assert statuses == {n: "terminee" for n in range(1, 8)}
    findings = evaluate(project, load_questionnaires())
    # the shared document lists the blocking points and warnings (advice stays in `check`)
    shown = [f for f in findings if f.severite in ("bloquant", "avertissement")]
    assert shown, f"{name}: aucun point bloquant ni avertissement relevé"
    cadrage = (EXAMPLES / name / "documents" / "document-de-cadrage.md").read_text(encoding="utf-8")
    assert "# 15. Points de vigilance" in cadrage, regenerate_hint(name)
    section = cadrage.split("# 15. Points de vigilance", 1)[1]
    for finding in shown:
        assert markdown_escape(finding.titre, "cell") in section, (
            f"{name}: « {finding.titre} » absent de la section Points de vigilance. "
            + regenerate_hint(name)
        )


# --------------------------------------------------------------------------------------------
# Every stored answer is one its side would be asked


def _stray_choices(q: Question, value: Any, profil: str, scope: dict[str, Any]) -> list[str]:
    """The options in ``value`` that ``q`` never offers to ``profil`` (choice ``profil``,
    ``choix_parmi``)."""
    if q.type not in ("choix", "choix_multiples", "grille") or not q.choix:
        return []
    offered = {c.valeur for c in q.choices_for(profil)}
    kept = allowed_values(q, scope)
    if kept is not None:
        offered &= set(kept)
    if q.type == "grille":
        picked = list(value) if isinstance(value, dict) else []
    else:
        picked = value if isinstance(value, list) else [value]
    return [str(v) for v in picked if v is not None and v not in offered]


def stray_answers(project: Project, questionnaires: Questionnaires) -> list[str]:
    """Answers the wizard would never ask this project's side: an unknown id, a question hidden
    by its ``profil`` or its ``si`` given the other answers, an option not offered to this side,
    a list item's sub-answer whose sub-question does not apply. Copies of a ``reprise`` question
    kept in the step that shows it are asked answers (the wizard writes them)."""
    context = build_context(project, questionnaires)
    found: list[str] = []
    for n, quest in questionnaires.etapes.items():
        raw = project.answers(n)
        scope = step_scope(context, n, raw)
        active = {q.id: q for q in active_questions(quest, scope, project.profil)}
        known = {q.id for q in quest.questions}
        for qid, value in raw.items():
            where = f"etape{n}.{qid}"
            if qid not in known:
                found.append(f"{where} : aucune question de ce nom")
                continue
            q = active.get(qid)
            if q is None:
                found.append(f"{where} : question jamais posée au profil {project.profil}")
                continue
            found += [
                f"{where} : option « {v} » jamais proposée au profil {project.profil}"
                for v in _stray_choices(q, value, project.profil, scope)
            ]
            if q.type != "liste" or not isinstance(value, list):
                continue
            subs = {sub.id: sub for sub in q.sous_questions}
            for i, item in enumerate(value, 1):
                item_scope = {**scope, **item}
                for sid, sub_value in item.items():
                    sub = subs.get(sid)
                    asked = sub is not None and sub.visible_for(project.profil)
                    if sub is None or not (asked and is_true(sub.si, item_scope)):
                        found.append(f"{where}[{i}].{sid} : sous-question jamais posée")
                    else:
                        found += [
                            f"{where}[{i}].{sid} : option « {v} » jamais proposée"
                            for v in _stray_choices(sub, sub_value, project.profil, item_scope)
                        ]
    return found


@pytest.mark.parametrize("name", NAMES)
def test_example_stores_only_answers_its_side_is_asked(name: str) -> None:
    project = load_project(EXAMPLES / name / "partenariat.yaml")
    assert stray_answers(project, load_questionnaires()) == []


def test_a_stray_answer_in_an_example_is_found(tmp_path: Path) -> None:
    """The check above can fail: a company-side answer, an option and a sub-answer planted in
    the association's example are each named."""
    import yaml

    source = EXAMPLES / "mecenat-competences-association" / "partenariat.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    step1, step4 = data["etapes"]["1"]["reponses"], data["etapes"]["4"]["reponses"]
    step4["ca_ht_entreprise"] = 92_000_000  # company side only
    step4["reponse_inventee"] = "x"
    step1["objectifs"] = [*step1["objectifs"], "rh"]  # a company's objective
    step4["flux"][0]["sous_question_inventee"] = 1
    path = tmp_path / "partenariat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = stray_answers(load_project(path), load_questionnaires())
    assert any(f.startswith("etape4.ca_ht_entreprise : question jamais posée") for f in found)
    assert any(f.startswith("etape4.reponse_inventee : aucune question") for f in found)
    assert any(f.startswith("etape1.objectifs : option « rh »") for f in found)
    assert any(f.startswith("etape4.flux[1].sous_question_inventee") for f in found)
    assert len(found) == 4, found
