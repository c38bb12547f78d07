"""The project file's text: the whole project as YAML, and the same text rebuilt after one answer.

The wizard saves after every answer. Serialising the whole project each time made a save cost
about as much as the project is large (about 200 ms with 1,000 items in a list, quadratic over a
session that enters them). ``IncrementalDump`` gives exactly the text ``dump_project`` gives, but
keeps each answer's YAML (each item's, for a list of items) with a fingerprint of its value, and
serialises again only what changed since the last save; ``tests/test_serialisation.py`` compares
both texts over the examples and random edits. Writing the file (temporary file, fsync, rename,
backup) stays in ``project.ProjectStore``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.project import EtatEtape, Project

PROJECT_HEADER = (
    "# Projet partenariat : réponses de l'assistant (méthode ORSE / Le RAMEAU).\n"
    "# Fichier modifiable à la main ; il est vérifié à chaque lecture.\n"
)


def shared_header(project: Project) -> str:
    """A shared file says what it is first: a comment, then the field."""
    return (
        f"# Fichier partagé avec le partenaire par {project.organisation.nom} "
        "(partenariat partage) : seules les réponses transmissibles y figurent.\n"
        "# À lire avec « partenariat compare » ; toute modification à la main invalide son empreinte.\n"
    )


@lru_cache(maxsize=1)
def yaml_dumper() -> Any:
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        """Multi-line answers as literal blocks, so the file reads like the text that was typed."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def to_yaml(data: Any) -> str:
    import yaml

    return str(
        yaml.dump(data, Dumper=yaml_dumper(), allow_unicode=True, sort_keys=False, width=100)
    )


def _tidy_top(data: dict[str, Any]) -> None:
    """The project's own fields as the file writes them (the answers apart)."""
    for key in ("confirmations", "accords"):
        if not data.get(key):
            data.pop(key, None)  # a project without them keeps its old layout
    for confirmation in data.get("confirmations", []):
        for key in ("fichier_partenaire", "ecart"):
            if confirmation.get(key) is None:
                confirmation.pop(key, None)


def dump_project(project: Project) -> str:
    """The whole project file, serialised at once."""
    data = project.model_dump(mode="json", exclude_none=False)
    data["etapes"] = {k: data["etapes"][k] for k in sorted(data["etapes"], key=int)}
    for state in data["etapes"].values():
        if not state.get("a_revoir"):
            state.pop("a_revoir", None)
    _tidy_top(data)
    shared = data.pop("partage", None)
    if shared is not None:
        return shared_header(project) + to_yaml({"partage": shared, **data})
    return PROJECT_HEADER + to_yaml(data)


# Question ids as the loader accepts them: such a key is written on one line, ``id:``.
_PLAIN_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")


class _Unexpected(Exception):
    """The YAML emitter laid a fragment out otherwise than this module assumes."""


def _strip(text: str, lines: int, last: str) -> str:
    """``text`` without its first ``lines`` lines, the last of which must read ``last``."""
    parts = text.split("\n", lines)
    if len(parts) <= lines or parts[lines - 1] != last:
        raise _Unexpected(text[:200])
    return parts[lines]


class IncrementalDump:
    """``dump_project``'s text, serialising again only the answers changed since the last call.

    A fragment is reused when the JSON form of its value (``pydantic_core.to_json``, which tells
    ``1`` from ``1.0`` and from ``true``) is byte for byte the one it was written from, so the
    text is the one a whole serialisation gives. Fragments are serialised inside the same nesting
    as in the file (``etapes → N → reponses → id``), so that indentation and line folding match.
    """

    def __init__(self) -> None:
        # (step, question id) → (JSON of the value, text) or, for a list of items,
        # (None, [(JSON of the item, text), ...])
        self._answers: dict[tuple[str, str], tuple[bytes | None, Any]] = {}

    def dump(self, project: Project) -> str:
        if project.partage is not None:
            return dump_project(project)  # written once by ``partage``, never autosaved
        try:
            return self._dump(project)
        except _Unexpected:
            self._answers.clear()
            return dump_project(project)

    def _dump(self, project: Project) -> str:
        top = project.model_dump(mode="json", exclude_none=False, exclude={"etapes", "partage"})
        _tidy_top(top)
        head_keys = ("format", "outil", "profil", "organisation", "partenaire", "cree_le")
        parts = [PROJECT_HEADER, to_yaml({k: top.pop(k) for k in (*head_keys, "mis_a_jour")})]
        if not project.etapes:
            parts.append("etapes: {}\n")
        else:
            parts.append("etapes:\n")
            kept: dict[tuple[str, str], tuple[bytes | None, Any]] = {}
            for key in sorted(project.etapes, key=int):
                parts.append(self._step(key, project.etapes[key], kept))
            self._answers = kept
        if top:
            parts.append(to_yaml(top))
        return "".join(parts)

    def _step(
        self, key: str, state: EtatEtape, kept: dict[tuple[str, str], tuple[bytes | None, Any]]
    ) -> str:
        data = state.model_dump(mode="json", exclude={"reponses"})
        skeleton = {"statut": data["statut"], "mis_a_jour": data["mis_a_jour"], "reponses": {}}
        if data.get("a_revoir"):
            skeleton["a_revoir"] = data["a_revoir"]
        text = _strip(to_yaml({"etapes": {key: skeleton}}), 1, "etapes:")
        if not state.reponses:
            return text
        # statut and mis_a_jour are one line each: the first such line is the placeholder.
        before, marker, after = text.partition("\n    reponses: {}\n")
        if not marker:
            raise _Unexpected(text)
        answers = [self._answer(key, qid, value, kept) for qid, value in state.reponses.items()]
        return before + "\n    reponses:\n" + "".join(answers) + after

    def _answer(
        self,
        step: str,
        qid: str,
        value: Any,
        kept: dict[tuple[str, str], tuple[bytes | None, Any]],
    ) -> str:
        from pydantic_core import to_json, to_jsonable_python

        old = self._answers.get((step, qid))
        if (
            isinstance(value, list)
            and value
            and all(isinstance(item, dict) for item in value)
            and _PLAIN_ID.fullmatch(qid)
        ):
            previous = old[1] if old is not None and old[0] is None else []
            items: list[tuple[bytes, str]] = []
            for i, item in enumerate(value):
                fingerprint = to_json(item)
                if i < len(previous) and previous[i][0] == fingerprint:
                    items.append(previous[i])
                    continue
                wrapped = {"etapes": {step: {"reponses": {qid: [to_jsonable_python(item)]}}}}
                items.append((fingerprint, _strip(to_yaml(wrapped), 4, f"      {qid}:")))
            kept[(step, qid)] = (None, items)
            return f"      {qid}:\n" + "".join(text for _, text in items)
        fingerprint = to_json(value)
        if old is not None and old[0] == fingerprint:
            kept[(step, qid)] = old
            return str(old[1])
        wrapped = {"etapes": {step: {"reponses": {qid: to_jsonable_python(value)}}}}
        text = _strip(to_yaml(wrapped), 3, "    reponses:")
        kept[(step, qid)] = (fingerprint, text)
        return text
