"""The document templates compiled to Python ahead of time, shipped like the package's own code.

Jinja compiles every template it loads: about 60 ms of each export, in every new process. Its
own bytecode cache would store marshal data in a folder the user can write, which this project
never loads. Instead ``tools/compile_templates.py`` writes the compiled templates as plain Python
modules into ``compiled_templates/`` (committed, and shipped in the wheel under
``partenariat/_data/compiled_templates``); they are imported like any module of the package.

They are used only when their manifest's fingerprint equals the one computed now from the
template files, the modules whose code shapes the compiled output (the French typography
extension, the environment's settings) and the Jinja version: an edited template, an edited
extension or another Jinja simply means compiling at run time, as before. tests/test_precompiled.py
fails until the committed modules match a fresh compilation.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment

MANIFEST = "manifest.json"
FORMAT = 1
# The modules whose code decides what a compiled template holds.
SHAPERS = ("precompiled.py", "render.py", "markdown.py", "french.py")
SUFFIX = ".j2"


def fingerprint(templates: Path) -> str:
    """A hash of the templates, of the code that compiles them and of the Jinja version."""
    import jinja2

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}|jinja2 {jinja2.__version__}".encode())
    for path in sorted(templates.glob(f"*{SUFFIX}")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in SHAPERS:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def compiled_dir(templates: Path) -> Path | None:
    """The shipped compiled templates when they were compiled from exactly these ``templates``
    by this code and this Jinja; None otherwise (the caller compiles at run time)."""
    from partenariat.resources import compiled_templates_dir

    folder = compiled_templates_dir()
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        current = fingerprint(templates)
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("empreinte") != current:
        return None
    return folder


def loader(templates: Path, bundled: bool) -> BaseLoader:
    """The compiled modules of the ``bundled`` templates when current, else the template files."""
    from jinja2 import FileSystemLoader, ModuleLoader

    compiled = compiled_dir(templates) if bundled else None
    if compiled is not None:
        return ModuleLoader(str(compiled))
    return FileSystemLoader(str(templates))


def write(target: Path, env: Environment, templates: Path) -> list[str]:
    """Compile every template of ``templates`` with ``env`` into ``target`` (emptied first)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    env.compile_templates(
        str(target),
        filter_func=lambda name: name.endswith(SUFFIX),
        zip=None,
        ignore_errors=False,
    )
    names = sorted(p.name for p in templates.glob(f"*{SUFFIX}"))
    manifest = {"empreinte": fingerprint(templates), "modeles": names}
    (target / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return names
