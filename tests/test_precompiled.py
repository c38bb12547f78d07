"""The templates shipped compiled to Python (compiled_templates/) are current and render the same
documents as the template files compiled at run time."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import FileSystemLoader, ModuleLoader

from docs_support import DOCUMENT_IDS, FULL_PROJECT
from partenariat import precompiled, render
from partenariat.analysis import load_and_analyse
from partenariat.resources import compiled_templates_dir, templates_dir

ROOT = Path(__file__).resolve().parents[1]


def test_committed_compiled_templates_are_current(tmp_path: Path) -> None:
    """Fails after a template (or the code shaping them) changed without
    ``python tools/compile_templates.py``."""
    fresh = tmp_path / "compiled"
    precompiled.write(fresh, render.make_environment(templates_dir()), templates_dir())
    committed = compiled_templates_dir()
    names = sorted(p.name for p in fresh.iterdir())
    assert sorted(p.name for p in committed.iterdir() if p.name != "__pycache__") == names
    stale = [n for n in names if (fresh / n).read_bytes() != (committed / n).read_bytes()]
    assert stale == [], "modèles compilés périmés : python tools/compile_templates.py"
    assert precompiled.compiled_dir(templates_dir()) == committed
    assert isinstance(render.make_environment().loader, ModuleLoader)


def test_changed_template_is_compiled_at_run_time(tmp_path: Path) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(templates_dir(), copy)
    assert precompiled.compiled_dir(copy) is not None  # same bytes, same fingerprint
    cadrage = copy / "document-de-cadrage.md.j2"
    cadrage.write_text(cadrage.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    assert precompiled.compiled_dir(copy) is None
    assert isinstance(precompiled.loader(copy, bundled=True), FileSystemLoader)


def test_compiled_and_runtime_templates_give_the_same_bytes() -> None:
    analysis = load_and_analyse(FULL_PROJECT)
    compiled = render.make_environment()
    runtime = render.make_environment(templates_dir())
    assert isinstance(compiled.loader, ModuleLoader)
    assert isinstance(runtime.loader, FileSystemLoader)
    for doc_id in [*DOCUMENT_IDS, "note-interne"]:
        a = render.render_document(doc_id, render.build_render_context(analysis), compiled)
        b = render.render_document(doc_id, render.build_render_context(analysis), runtime)
        assert a.markdown == b.markdown
        assert a.missing == b.missing


def test_compiled_templates_are_in_the_wheel() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"compiled_templates" = "partenariat/_data/compiled_templates"' in pyproject
