"""Compile the document templates into Python modules (compiled_templates/), shipped in the wheel.

Run from the repository root after changing a template, or render.py / markdown.py / french.py:

    python tools/compile_templates.py

An export uses these modules only while their fingerprint matches the templates and the code
(``partenariat.precompiled``); tests/test_precompiled.py fails until they are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from partenariat.precompiled import write
    from partenariat.render import make_environment

    templates = ROOT / "templates"
    names = write(ROOT / "compiled_templates", make_environment(templates), templates)
    print(f"{len(names)} modèles compilés dans compiled_templates/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
