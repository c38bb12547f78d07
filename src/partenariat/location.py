"""Where the project file is, found without loading anything heavy.

``status`` and ``check`` look for the project before anything else (to replay a report, see
``report_cache``): finding it must not import the project's pydantic models.
"""

from __future__ import annotations

from pathlib import Path

from partenariat.errors import ProjectNotFoundError

DEFAULT_NAME = "partenariat.yaml"


def find_project(start: Path | None = None) -> Path:
    """``partenariat.yaml`` here or in a parent folder, as git finds its repository."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_NAME
        if candidate.is_file():
            return candidate
    raise ProjectNotFoundError(
        f"Aucun projet ({DEFAULT_NAME}) dans ce dossier ni dans ses parents.\n"
        "Créez-en un avec « partenariat init » ou indiquez-le avec --project CHEMIN."
    )
