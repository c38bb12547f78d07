"""Record, point by point, the value both organisations agreed on after a comparison.

An agreement is written into our answers when it is the partner's value or a new one (so our
documents say what was agreed), kept in the project with the date, each side's value and the
fingerprint of the partner's file, and it confirms the clauses the point settles, but only once
every point of such a clause is in agreement: « Convenu avec le partenaire » never covers a gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from partenariat.errors import ClauseNotReadyError, UsageError

if TYPE_CHECKING:
    from partenariat.comparison import Comparison, PointResult
    from partenariat.comparison_points import Point
    from partenariat.project import Project
    from partenariat.questionnaire import Questionnaires

Choix = Literal["nous", "partenaire", "autre"]


@dataclass
class Recorded:
    point: Point
    valeur: str
    clauses_convenues: list[str] = field(default_factory=list)
    clauses_en_attente: list[str] = field(default_factory=list)


def parse_spec(spec: str) -> tuple[str, Choix, str | None]:
    """« duree=nous », « duree=partenaire », « duree=valeur:24 mois » as given on the command line."""
    point, sep, rest = spec.partition("=")
    point, rest = point.strip(), rest.strip()
    if not sep or not point or not rest:
        raise UsageError(
            f"Accord mal écrit : « {spec} ». Forme attendue : POINT=nous, POINT=partenaire "
            "ou POINT=valeur:TEXTE."
        )
    if rest in ("nous", "partenaire"):
        return point, rest, None  # type: ignore[return-value]
    if rest.startswith("valeur:") and rest[len("valeur:") :].strip():
        return point, "autre", rest[len("valeur:") :].strip()
    raise UsageError(
        f"Accord mal écrit : « {spec} ». Après « = » : nous, partenaire ou valeur:TEXTE."
    )


def _symmetric(point: Point) -> bool:
    return point.entreprise == point.association


def can_take_new_value(point: Point, typed: bool = False) -> bool:
    """A new value can be given for a point that reads the same plain answers on each side;
    typed on the command line (``valeur:TEXTE``), only when it reads one answer."""
    plain = _symmetric(point) and point.comparer == "egal"
    return plain and (len(point.entreprise) == 1 or not typed)


def record(
    project: Project,
    questionnaires: Questionnaires,
    comparison: Comparison,
    point_id: str,
    choix: Choix,
    texte: str | None = None,
    day: dt.date | None = None,
    nouvelle: Any = None,
) -> Recorded:
    """Record one agreement in ``project`` (the caller saves); refuse what cannot be agreed."""
    from partenariat.comparison import compare
    from partenariat.project import Accord

    day = day or dt.date.today()
    result = comparison.point(point_id)
    if result is None:
        known = ", ".join(r.point.id for r in comparison.resultats)
        raise UsageError(f"Point inconnu : « {point_id} ». Points comparés : {known}.")
    point = result.point
    if result.statut == "hors_echange":
        raise UsageError(
            f"« {point.libelle} » est hors échange : une des deux organisations garde cette "
            "réponse pour elle ; il n'y a rien à convenir ici."
        )
    source = {"nous": result.nous, "partenaire": result.partenaire}.get(choix)
    if source is not None and source.etat == "silence":
        who = "votre projet" if choix == "nous" else "le fichier du partenaire"
        raise UsageError(
            f"« {point.libelle} » : {who} ne donne pas encore de valeur à retenir. "
            "Choisissez l'autre valeur ou saisissez-en une (POINT=valeur:TEXTE)."
        )
    profil = project.profil
    ours_refs = point.side(profil)
    if choix == "nous":
        agreed = dict(result.nous.valeurs)
        shown = result.nous.texte
    elif choix == "partenaire":
        if not _symmetric(point):
            raise UsageError(
                f"« {point.libelle} » ne lit pas les mêmes réponses des deux côtés : retenez "
                "votre valeur après l'avoir mise à jour (partenariat step "
                f"{ours_refs[0][5]}), ou celle du partenaire telle quelle n'est pas reportable."
            )
        agreed = dict(result.partenaire.valeurs)
        shown = result.partenaire.texte
    else:
        if not can_take_new_value(point, typed=nouvelle is None):
            how = (
                "répondez-y dans « partenariat converger FICHIER » sans --accord (une question "
                "par réponse)"
                if can_take_new_value(point)
                else f"modifiez-les avec « partenariat step {ours_refs[0][5]} »"
            )
            raise UsageError(
                f"« {point.libelle} » réunit plusieurs réponses ou une liste : {how}, "
                "ou retenez la valeur de l'un des deux côtés."
            )
        from partenariat.values import AnswerError, check_value, format_value

        given = nouvelle if isinstance(nouvelle, dict) else {ours_refs[0]: nouvelle}
        agreed = {}
        parts = []
        for ref in ours_refs:
            q = questionnaires.find(ref)
            assert q is not None
            try:
                if nouvelle is not None:
                    value = check_value(q, given.get(ref), profil)
                else:
                    value = check_value(q, parse_new_value(q, texte or "", profil), profil)
                if value in (None, "", []) and ref == ours_refs[0]:
                    raise AnswerError("une valeur est nécessaire")
            except AnswerError as exc:
                raise UsageError(f"« {point.libelle} » : valeur refusée ({exc}).") from None
            agreed[ref] = value
            text = format_value(q, value, profil)
            parts.append(f"{q.label} : {text}" if len(ours_refs) > 1 else text)
        shown = " ; ".join(parts)
    if choix != "nous":
        _write_answers(project, questionnaires, agreed)
    after = compare(project, comparison.partenaire, questionnaires)
    mine = after.point(point_id)
    assert mine is not None
    project.accords.append(
        Accord(
            point=point.id,
            valeur=agreed,
            le=day,
            fichier_partenaire=comparison.partenaire.empreinte,
            nous=mine.nous.valeurs,
            partenaire=mine.partenaire.valeurs,
        )
    )
    recorded = Recorded(point, shown)
    _confirm_clauses(project, questionnaires, comparison, point, day, recorded)
    return recorded


def parse_new_value(q: Any, text: str, profil: str) -> Any:
    """A value typed on the command line: the choices by their value or their label."""
    from partenariat.french import label_key
    from partenariat.values import AnswerError, parse_text_answer

    if q.type not in ("choix", "choix_multiples"):
        return parse_text_answer(q, text)
    options = q.choices_for(profil)

    def one(raw: str) -> str:
        key = label_key(raw)
        for c in options:
            if key in (c.valeur.casefold(), label_key(c.libelle)):
                return str(c.valeur)
        possible = ", ".join(c.valeur for c in options)
        raise AnswerError(f"« {raw} » n'est pas un choix possible ({possible})")

    if q.type == "choix":
        return one(text)
    return [one(part) for part in text.split(",") if part.strip()]


def _write_answers(
    project: Project, questionnaires: Questionnaires, values: dict[str, Any]
) -> None:
    from partenariat.project import now

    stamp = now()
    for ref, value in values.items():
        if value is None:
            continue  # a question that does not apply on that side
        n = int(ref[5])
        qid = ref.split(".", 1)[1]
        state = project.step(n)
        state.reponses[qid] = value
        state.mis_a_jour = stamp


def _confirm_clauses(
    project: Project,
    questionnaires: Questionnaires,
    comparison: Comparison,
    point: Point,
    day: dt.date,
    recorded: Recorded,
) -> None:
    """Confirm each clause of the point once all the points that feed it are agreed."""
    from partenariat.analysis import analyse
    from partenariat.answers import build_context
    from partenariat.comparison import compare
    from partenariat.confirmations import clause_values, confirm, fingerprint, latest_confirmations

    if not point.clauses:
        return
    now = compare(project, comparison.partenaire, questionnaires)
    for clause in point.clauses:
        feeding = [r for r in now.resultats if clause in r.point.clauses]
        pending = [r.point.libelle for r in feeding if r.statut != "accord"]
        if pending:
            recorded.clauses_en_attente.append(
                f"{clause} : attend l'accord sur " + " ; ".join(pending)
            )
            continue
        current = latest_confirmations(project).get(clause)
        if current is not None and current.ecart is not None:
            current.ecart = None  # every point the partner's file differed on is now agreed
        if current is not None and current.empreinte == fingerprint(
            clause_values(project, questionnaires, build_context(project, questionnaires), clause)
        ):
            continue  # already agreed on these very answers: one confirmation is enough
        try:
            confirm(analyse(project, questionnaires), [clause], day, comparison.partenaire.nom)
        except ClauseNotReadyError as exc:
            reason = exc.message.split("\n")[1].strip(" -") if "\n" in exc.message else exc.message
            recorded.clauses_en_attente.append(reason)
            continue
        project.confirmations[-1].fichier_partenaire = comparison.partenaire.empreinte
        recorded.clauses_convenues.append(clause)


def note_partner_gaps(
    project: Project, comparison: Comparison, day: dt.date
) -> tuple[list[str], list[str]]:
    """On each clause's last confirmation, note the points where the partner's file now differs.

    A clause confirmed with the partner (``convenir`` or ``converger``) is no longer « Convenu »
    once the partner's file says something else on an answer it covers: the checklist and
    ``status`` show it « À discuter », saying which points differ. A comparison that no longer
    shows those gaps clears the note. Returns the clauses noted and those cleared.
    """
    from partenariat.confirmations import latest_confirmations
    from partenariat.project import EcartPartenaire

    gaps: dict[str, list[str]] = {}
    compared: set[str] = set()
    for result in comparison.resultats:
        for clause in result.point.clauses:
            compared.add(clause)
            if result.statut == "ecart":
                gaps.setdefault(clause, []).append(result.point.libelle)
    noted: list[str] = []
    cleared: list[str] = []
    fichier = comparison.partenaire.empreinte
    for clause, confirmation in latest_confirmations(project).items():
        points = gaps.get(clause)
        if points:
            old = confirmation.ecart
            if old is None or (old.points, old.fichier_partenaire) != (points, fichier):
                confirmation.ecart = EcartPartenaire(
                    le=day, fichier_partenaire=fichier, points=points
                )
                noted.append(clause)
        elif confirmation.ecart is not None and clause in compared:
            confirmation.ecart = None
            cleared.append(clause)
    return noted, cleared


def record_partner_gaps(path: Any, comparison: Comparison, questionnaires: Questionnaires) -> Any:
    """``compare``'s side effect: the gaps it found noted in the project file, saved at once.

    Returns the clauses noted and cleared; nothing is written when nothing changes.
    """
    from partenariat.comparison import compare, today
    from partenariat.project import open_project

    with open_project(path) as store:
        fresh = compare(store.project, comparison.partenaire, questionnaires)
        noted, cleared = note_partner_gaps(store.project, fresh, today())
        if noted or cleared:
            store.save()
    return noted, cleared


def open_points(comparison: Comparison) -> list[PointResult]:
    """What there is to converge on: the gaps, and the silences one side can already fill."""
    return [
        r
        for r in comparison.resultats
        if r.statut == "ecart" or (r.statut == "a_renseigner" and len(r.silencieux) == 1)
    ]


def interactive(
    store: Any, questionnaires: Questionnaires, partner: Any, day: dt.date, console: Any
) -> None:
    """Ask, one point at a time, which value was agreed; each agreement is saved at once.

    Ctrl-C or Ctrl-D stops between two points: what was recorded before is already on disk.
    """
    from partenariat.comparison import compare
    from partenariat.errors import WizardInterrupted

    todo = [r.point.id for r in open_points(compare(store.project, partner, questionnaires))]
    if not todo:
        console.print("Aucun écart à régler avec ce fichier du partenaire.")
        return
    try:
        _ask_points(store, questionnaires, partner, day, console, todo)
    except WizardInterrupted as exc:
        raise WizardInterrupted(
            "Interrompu. Les accords déjà notés sont enregistrés ; reprenez avec "
            f"« partenariat converger {partner.path} »."
        ) from exc


def _ask_points(
    store: Any,
    questionnaires: Questionnaires,
    partner: Any,
    day: dt.date,
    console: Any,
    todo: list[str],
) -> None:
    from rich.markup import escape

    from partenariat.comparison import compare
    from partenariat.prompter import TerminalPrompter
    from partenariat.questionnaire import Question
    from partenariat.reports import print_recorded

    prompter = TerminalPrompter(console)
    ours = store.project.organisation.nom or "nous"
    for i, point_id in enumerate(todo, start=1):
        comparison = compare(store.project, partner, questionnaires)
        result = comparison.point(point_id)
        if result is None or result not in open_points(comparison):
            continue
        point = result.point
        options: list[dict[str, str]] = []
        if result.nous.etat != "silence":
            options.append(
                {"valeur": "nous", "libelle": f"Notre valeur ({ours}) : {_cut(result.nous.texte)}"}
            )
        if result.partenaire.etat != "silence" and _symmetric(point):
            options.append(
                {
                    "valeur": "partenaire",
                    "libelle": f"Celle de {partner.nom} : {_cut(result.partenaire.texte)}",
                }
            )
        if can_take_new_value(point):
            options.append({"valeur": "autre", "libelle": "Une autre valeur, à saisir"})
        options.append({"valeur": "passer", "libelle": "Pas encore convenu : passer"})
        options.append({"valeur": "arreter", "libelle": "Arrêter ici"})
        menu = Question.model_validate(
            {
                "id": "accord",
                "type": "choix",
                "question": f"{point.libelle} : quelle valeur avez-vous convenue ?",
                "aide": point.question,
                "choix": options,
            }
        )
        console.print()
        for name, side in ((ours, result.nous), (partner.nom, result.partenaire)):
            shown = side.texte if side.etat != "silence" else "non renseigné"
            console.print(f"[bold]{escape(name)} :[/] {escape(shown)}")
        choice = prompter.ask(
            menu, None, None, store.project.profil, None, f"Point {i} sur {len(todo)}"
        )
        if choice == "arreter":
            break
        if choice == "passer":
            continue
        nouvelle = None
        if choice == "autre":
            # One question at a time, our current answer as the starting value.
            nouvelle = {}
            for ref in point.side(store.project.profil):
                q = questionnaires.find(ref)
                assert q is not None
                current = result.nous.valeurs.get(ref)
                nouvelle[ref] = prompter.ask(
                    q, current, None, store.project.profil, None, point.libelle
                )
        try:
            recorded = record(
                store.project,
                questionnaires,
                comparison,
                point_id,
                choice,
                day=day,
                nouvelle=nouvelle,
            )
        except UsageError as exc:
            console.print(f"[yellow]{escape(exc.message)}[/]")
            continue
        store.save()
        print_recorded(console, recorded)
    console.print("Les accords notés sont enregistrés. Le point : partenariat compare FICHIER")


def _cut(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
