"""The words the tool uses for its fixed sets, each written once: severities, profiles, step
statuses, steps, documents, formats — their ids (in files and options) and their French labels.

Every module that needs one of these sets imports it from here, so that the terminal, the
documents, the JSON output and the option checks can never disagree.
"""

from __future__ import annotations

from typing import Literal

# Findings: what a rule or the ranking says about a project, in order of weight.
Severite = Literal["bloquant", "avertissement", "conseil"]
SEVERITES: tuple[Severite, ...] = ("bloquant", "avertissement", "conseil")
SEVERITY_ORDER: dict[str, int] = {s: i for i, s in enumerate(SEVERITES)}
SEVERITY_LABELS: dict[str, str] = {
    "bloquant": "Bloquant",
    "avertissement": "Avertissement",
    "conseil": "Conseil",
}
SEVERITY_STYLES: dict[str, str] = {
    "bloquant": "bold red",
    "avertissement": "yellow",
    "conseil": "cyan",
}
SEVERITY_PLURALS: dict[str, str] = {
    "bloquant": "Bloquants",
    "avertissement": "Avertissements",
    "conseil": "Conseils",
}

# Who fills the project in.
Profil = Literal["entreprise", "association"]
PROFILS: tuple[Profil, ...] = ("entreprise", "association")
PROFIL_LABELS: dict[str, str] = {"entreprise": "entreprise", "association": "association / ONG"}

# Who a dated event of the follow-up plan is for (``partie`` in ``templates/calendrier.yaml``).
PARTY_LABELS: dict[str, str] = {
    "entreprise": "Entreprise",
    "association": "Association",
    "commun": "Les deux",
}

# The seven steps of the method and where each one stands.
STEPS: tuple[int, ...] = tuple(range(1, 8))


def step_of(name: str) -> int | None:
    """N for ``etapeN``, the name under which conditions, rules, clauses and templates see a
    step's answers; None for any other name."""
    if name.startswith("etape") and name[5:].isdigit():
        return int(name[5:])
    return None


def answer_path(path: str) -> tuple[int, str] | None:
    """``etapeN.id`` as (N, id); None when ``path`` does not start with a step's name.

    Paths written in the content (``reprise``, ``apres``, a clause's ``reponses``) are checked
    at load; this reads them, in one place.
    """
    head, dot, qid = path.partition(".")
    n = step_of(head)
    return (n, qid) if n is not None and dot else None

Statut = Literal["a_faire", "en_cours", "terminee"]
STATUT_LABELS: dict[str, str] = {
    "a_faire": "à faire",
    "en_cours": "en cours",
    "terminee": "terminée",
}

# The documents ``export`` writes (id = template name) and their titles.
DOCUMENTS: dict[str, str] = {
    "document-de-cadrage": "Document de cadrage du partenariat",
    "checklist-convention": "Checklist de la convention de partenariat",
    "plan-de-suivi": "Plan de suivi et d'évaluation du partenariat",
    "note-interne": "Note interne : ne pas transmettre au partenaire",
}
# The documents meant for the partner (the default export), then the internal note, written only
# when asked for (``--interne`` or its id): what one organisation keeps to itself stays there.
INTERNAL_IDS: tuple[str, ...] = ("note-interne",)
DOCUMENT_IDS: tuple[str, ...] = tuple(d for d in DOCUMENTS if d not in INTERNAL_IDS)
# Written from two projects (``export --partenaire``): the comparison with the partner's file.
DIALOGUE_DOCUMENTS: dict[str, str] = {"note-de-dialogue": "Note de dialogue"}
PARTNER_IDS: tuple[str, ...] = tuple(DIALOGUE_DOCUMENTS)
ALL_DOCUMENT_IDS: tuple[str, ...] = DOCUMENT_IDS + INTERNAL_IDS + PARTNER_IDS

# Output formats: documents (Markdown always written) and ``check``'s report.
FORMATS: tuple[str, ...] = ("md", "docx", "odt", "html", "pdf", "ics")
# With --format ics: the follow-up calendar, one file beside the documents.
CALENDAR_FILE = "calendrier.ics"
CHECK_FORMATS: tuple[str, ...] = ("table", "json")
