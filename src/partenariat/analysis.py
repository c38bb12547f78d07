"""Everything a project's answers imply, computed once: findings, ranking, readiness, dates.

Data flows one way: the project is loaded, its answers become the context expressions see, this
module draws the conclusions, and the commands print them (``status``, ``check``, ``show``) or the
renderer writes them into documents (``export``). Nothing downstream runs a rule or a ranking
again: each reads the one ``Analysis``.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.answers import StepProgress
    from partenariat.ics import ProjectEvents
    from partenariat.project import Project
    from partenariat.questionnaire import Question, Questionnaires
    from partenariat.rules import Finding, RuleSet, StepReadiness
    from partenariat.schedule import Calendar
    from partenariat.selection import Ranking
    from partenariat.settings import Settings
    from partenariat.tax import Simulation


class Analysis:
    """A project with what follows from its answers, each part computed on first use, once."""

    def __init__(
        self, project: Project, questionnaires: Questionnaires, rules: RuleSet | None = None
    ) -> None:
        from partenariat.answers import build_context

        self.project = project
        self.questionnaires = questionnaires
        self.path: Path | None = None  # the project file, when read from one
        self._rules = rules
        # answers to active questions only, as conditions, rules and templates see them
        self.context: dict[str, Any] = build_context(project, questionnaires)

    @cached_property
    def progress(self) -> list[StepProgress]:
        from partenariat.answers import step_progress

        return step_progress(self.project, self.questionnaires, self.context)

    @cached_property
    def ranking(self) -> Ranking:
        from partenariat.selection import rank_candidates

        return rank_candidates(self.project, self.questionnaires, self.context)

    @cached_property
    def rules(self) -> RuleSet:
        from partenariat.rules import load_rules

        return self._rules or load_rules(questionnaires=self.questionnaires)

    @cached_property
    def findings(self) -> list[Finding]:
        """Every rule's finding and step 3's selection warnings, by step, severity, id."""
        from partenariat.rules import evaluate

        return evaluate(
            self.project,
            self.questionnaires,
            self.rules,
            context=self.context,
            ranking=self.ranking,
            finances=self.finances,
        )

    @cached_property
    def settings(self) -> Settings:
        """The dated fiscal figures (``questionnaires/reglages-fiscaux.yaml``)."""
        from partenariat.settings import load_settings

        return load_settings()

    @cached_property
    def finances(self) -> dict[str, Any]:
        """Totals of the money flows, read by rules and documents (``finances.total_dons``…)."""
        from partenariat import tax

        return tax.finances(self.context, self.settings)

    @cached_property
    def simulation(self) -> Simulation | None:
        """The year-by-year mécénat simulation, or None when no gift is split by year."""
        from partenariat.tax import simulation_for

        return simulation_for(self.context, self.settings)

    @cached_property
    def active(self) -> dict[int, dict[str, Question]]:
        """The questions that apply to this project, by step and id: read by the checklist and
        by the internal note alike, computed once."""
        from partenariat.clause_answers import active_ids

        return active_ids(self.project, self.questionnaires, self.context)

    @cached_property
    def clauses(self) -> list[Any]:
        """The convention's clauses with their level (``checklist``), from the findings."""
        from partenariat.checklist import checklist
        from partenariat.views import Missing

        return checklist(
            self.project, self.questionnaires, self.context, Missing(), self.findings, self.active
        )

    @property
    def clause_counts(self) -> dict[str, int] | None:
        """Clauses per level once step 5 (the convention) is done; None before."""
        from partenariat.checklist import count_by_level

        state = self.project.etapes.get("5")
        if state is None or state.statut != "terminee":
            return None
        return count_by_level(self.clauses)

    @cached_property
    def readiness(self) -> list[StepReadiness]:
        from partenariat.rules import readiness

        return readiness(self.project, self.questionnaires, self.findings, self.progress)

    @cached_property
    def schedule(self) -> Calendar:
        """Every dated event the answers imply (``schedule.build_calendar``), computed once for
        the documents, the ICS file and the agenda alike."""
        from partenariat.schedule import build_calendar

        return build_calendar(self.context)

    @cached_property
    def calendar_variables(self) -> dict[str, Any]:
        """The dated calendar as the documents show it (rows, picture block, sources, warnings)."""
        from partenariat.timeline import calendar_variables

        return calendar_variables(self.context, self.project, self.schedule)

    @cached_property
    def project_events(self) -> ProjectEvents:
        """The dated events with what a calendar entry needs (identity, referents): the ICS."""
        from partenariat.ics import project_events

        return project_events(self.project, self.context, self.schedule)

    @property
    def calendar(self) -> list[Any]:
        """Dated follow-up events, from the convention's start to its end (the table's rows)."""
        return list(self.calendar_variables["calendrier"])

    @property
    def end_of_convention(self) -> dt.date | None:
        """The convention's last day (inclusive rule)."""
        end: dt.date | None = self.calendar_variables["fin_convention"]
        return end

    @property
    def blocking(self) -> bool:
        return any(f.bloquant for f in self.findings)


def analyse(
    project: Project, questionnaires: Questionnaires, rules: RuleSet | None = None
) -> Analysis:
    """The analysis of ``project``; its parts are computed when first read, then kept."""
    return Analysis(project, questionnaires, rules)


def load_and_analyse(path: Any) -> Analysis:
    """The project at ``path``, its answers checked against their questions, analysed."""
    from partenariat.answers import verify
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires

    project = load_project(Path(path))
    questionnaires = load_questionnaires()
    verify(project, questionnaires)  # a hand-edited answer is named with its line, not analysed
    analysis = analyse(project, questionnaires)
    analysis.path = Path(path)
    return analysis
