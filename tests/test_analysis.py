"""Data flows one way: the analysis is computed once and the renderer only reads it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from docs_support import FULL_PROJECT
from partenariat import rules, selection
from partenariat.analysis import load_and_analyse
from partenariat.export import export_documents

SRC = Path(__file__).resolve().parents[1] / "src" / "partenariat"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", ["render.py", "views.py", "markdown.py"])
def test_the_renderer_never_runs_rules_or_the_ranking(module: str) -> None:
    imported = _imported_modules(SRC / module)
    assert "partenariat.rules" not in imported
    assert "partenariat.selection" not in imported


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Wrap the real function (it still runs) to count how often it is called."""
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_an_export_ranks_and_evaluates_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ranked = _count_calls(monkeypatch, selection, "rank_candidates")
    evaluated = _count_calls(monkeypatch, rules, "evaluate")
    export_documents(FULL_PROJECT, tmp_path)
    assert (len(ranked), len(evaluated)) == (1, 1)


def test_the_analysis_keeps_what_it_computed() -> None:
    analysis = load_and_analyse(FULL_PROJECT)
    assert analysis.findings is analysis.findings
    assert analysis.ranking is analysis.ranking
    assert [r.etape for r in analysis.readiness] == list(range(1, 8))
    counted = sum(r.bloquants + r.avertissements + r.conseils for r in analysis.readiness)
    assert counted == len(analysis.findings)


def test_an_export_with_the_internal_note_finds_the_active_questions_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partenariat import clause_answers

    found = _count_calls(monkeypatch, clause_answers, "active_ids")
    export_documents(FULL_PROJECT, tmp_path, internal=True)
    assert len(found) == 1  # the checklist and the internal note share the analysis's
    note = (tmp_path / "note-interne.md").read_text(encoding="utf-8")
    assert "# 1. Étape 1" in note  # the internal answers of step 1 are there


def test_the_shared_active_questions_give_the_checklist_it_computes_alone() -> None:
    from partenariat.checklist import checklist
    from partenariat.clause_answers import active_ids
    from partenariat.views import Missing

    analysis = load_and_analyse(FULL_PROJECT)
    project, quest, ctx = analysis.project, analysis.questionnaires, analysis.context
    assert analysis.active == active_ids(project, quest, ctx)
    alone = checklist(project, quest, ctx, Missing(), analysis.findings)
    assert [(c.id, c.statut, c.manquantes) for c in alone] == [
        (c.id, c.statut, c.manquantes) for c in analysis.clauses
    ]
