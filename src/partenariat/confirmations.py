"""Confirmations with the partner: what « Convenu » rests on.

A confirmation records that a clause was agreed with the partner on the answers as they were
(their fingerprint); a changed answer or a partner's file that differs afterwards takes the
clause back to « À discuter ». Recording, withdrawing and checking confirmations live here; the
levels they lead to are computed in checklist.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from partenariat.clause_answers import active_ids, for_party
from partenariat.clause_catalogue import load_catalogue, load_clauses
from partenariat.vocabulary import answer_path

if TYPE_CHECKING:
    from partenariat.analysis import Analysis
    from partenariat.checklist import ClauseStatus
    from partenariat.project import Confirmation, EcartPartenaire, Project
    from partenariat.questionnaire import Questionnaires


def ecart_text(ecart: EcartPartenaire) -> str:
    """Why a confirmed clause is back to « À discuter », in French."""
    from partenariat.french import date_fr

    return (
        f"le fichier du partenaire (empreinte {ecart.fichier_partenaire[:12]}, comparé le "
        f"{date_fr(ecart.le)}) diffère sur : " + " ; ".join(ecart.points)
    )


def fingerprint(values: dict[str, Any]) -> str:
    """A short, stable digest of the answers a clause reads (which answers, which values)."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def latest_confirmations(project: Project) -> dict[str, Confirmation]:
    """The last confirmation recorded for each clause (the file keeps the history)."""
    latest: dict[str, Confirmation] = {}
    for confirmation in project.confirmations:
        latest[confirmation.clause] = confirmation
    return latest


def clause_values(
    project: Project, questionnaires: Questionnaires, ctx: dict[str, Any], clause_id: str
) -> dict[str, Any]:
    """The answers a clause reads now, as its fingerprint sees them."""
    catalogue = load_catalogue()
    active = active_ids(project, questionnaires, ctx)
    for clause in catalogue.clauses:
        if clause.id != clause_id:
            continue
        values: dict[str, Any] = {}
        for path in clause.reponses:
            n, qid = answer_path(path) or (0, "")
            q = active.get(n, {}).get(qid)
            if q is not None:
                answers = ctx.get(path.partition(".")[0]) or {}
                values[path] = for_party(answers.get(qid), q, clause.partie)
        return values
    raise KeyError(clause_id)


def confirmation_errors(project: Project) -> list[tuple[int | None, str]]:
    """Hand-edited confirmations naming a clause the catalogue does not know, with their lines."""
    if not project.confirmations:
        return []
    from partenariat.project import unknown_references

    return unknown_references(
        project,
        "confirmations",
        "clause",
        {clause.id for clause in load_clauses()},
        "confirmation d'une clause inconnue « {} » (voir la liste avec « partenariat convenir »)",
    )


def confirm(
    analysis: Analysis,
    clause_ids: Sequence[str],
    day: dt.date,
    avec: str | None = None,
) -> list[ClauseStatus]:
    """Record in ``analysis.project`` that these clauses were confirmed with the partner, or
    refuse them all.

    Refused (nothing recorded) when a clause is unknown, not applicable, or has an answer
    missing or deferred or an open vigilance point: « Convenu » must never hide a blank. The
    levels are those the analysis computed (``Analysis.clauses``), never computed again here.
    """
    from partenariat.errors import ClauseNotReadyError, UsageError
    from partenariat.project import Confirmation

    project, questionnaires, ctx = analysis.project, analysis.questionnaires, analysis.context
    statuses = {c.id: c for c in analysis.clauses}
    unknown = [cid for cid in clause_ids if cid not in statuses]
    if unknown:
        raise UsageError(
            "Clause inconnue : "
            + ", ".join(f"« {cid} »" for cid in unknown)
            + ".\nLa liste des clauses et de leur état : partenariat convenir"
        )
    refused = [
        f"  - {statuses[cid].id} ({statuses[cid].titre}) : " + " ; ".join(statuses[cid].obstacles())
        for cid in dict.fromkeys(clause_ids)
        if statuses[cid].obstacles()
    ]
    if refused:
        raise ClauseNotReadyError(
            "Impossible de noter ces clauses comme convenues avec le partenaire :\n"
            + "\n".join(refused)
            + "\nRien n'a été enregistré. Complétez ou tranchez ces réponses (partenariat step N), "
            "puis relancez la commande."
        )
    done: list[ClauseStatus] = []
    for cid in dict.fromkeys(clause_ids):
        project.confirmations.append(
            Confirmation(
                clause=cid,
                le=day,
                avec=avec or None,
                empreinte=fingerprint(clause_values(project, questionnaires, ctx, cid)),
            )
        )
        done.append(statuses[cid])
    return done


def withdraw(project: Project, clause_ids: Sequence[str]) -> list[str]:
    """Forget the confirmations of these clauses (the partner went back on them)."""
    from partenariat.errors import UsageError

    known = {c.id for c in load_clauses()}
    unknown = [cid for cid in clause_ids if cid not in known]
    if unknown:
        raise UsageError("Clause inconnue : " + ", ".join(f"« {cid} »" for cid in unknown) + ".")
    wanted = set(clause_ids)
    removed = sorted({c.clause for c in project.confirmations if c.clause in wanted})
    project.confirmations = [c for c in project.confirmations if c.clause not in wanted]
    return removed
