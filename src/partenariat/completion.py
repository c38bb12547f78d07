"""Shell completion (the Tab key): what each argument can complete to, and the shell's script.

typer answers the shell itself when ``_PARTENARIAT_COMPLETE`` is set; this module only says
which steps, documents, formats, clauses and shells exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

COMPLETE_VAR = "_PARTENARIAT_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell")
STEP_NAMES = (
    "introspection",
    "dialogue",
    "choix du partenaire",
    "contenu du partenariat",
    "formalisation",
    "mise en œuvre",
    "évaluation",
)


def complete_step(incomplete: str) -> list[tuple[str, str]]:
    return [(str(n), name) for n, name in enumerate(STEP_NAMES, 1) if str(n).startswith(incomplete)]


def complete_document(incomplete: str) -> list[str]:
    from partenariat.vocabulary import ALL_DOCUMENT_IDS

    return [d for d in ALL_DOCUMENT_IDS if d.startswith(incomplete)]


def complete_format(incomplete: str) -> list[str]:
    from partenariat.vocabulary import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete)]


def complete_clause(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The clause ids of the catalogue (templates/clauses.yaml), each with its title, but those
    already typed on the line: ``partenariat convenir`` takes ids, never file names."""
    from partenariat.clause_catalogue import load_clauses
    from partenariat.errors import PartenariatError

    try:
        clauses = load_clauses()
    except PartenariatError:  # a broken catalogue: no completion (the command itself says why)
        return []
    typed = set((getattr(ctx, "params", None) or {}).get("clauses") or ())
    return [(c.id, c.titre) for c in clauses if c.id.startswith(incomplete) and c.id not in typed]


def complete_shell(incomplete: str) -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


def completion_script(shell: str | None, environ_shell: str) -> str:
    """The script to source for ``shell`` (by default the one running), or a French refusal."""
    from typer._completion_shared import get_completion_script

    from partenariat.errors import UsageError

    name = shell or Path(environ_shell).name or "bash"
    if name not in SHELLS:
        raise UsageError(
            f"Shell non pris en charge : « {name} ». Indiquez-en un : {', '.join(SHELLS)}."
        )
    return get_completion_script(prog_name="partenariat", complete_var=COMPLETE_VAR, shell=name)
