"""How a question reaches a person: questionary prompts in a terminal, one question at a time.

Each prompt is asked alone with ``unsafe_ask()`` so that Ctrl-C or Ctrl-D interrupts only the
question being typed: every earlier answer has already been saved by the wizard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from partenariat.errors import WizardInterrupted
from partenariat.questionnaire import Question, Questionnaire
from partenariat.review_table import review_first_choice, review_quit_choice  # noqa: F401 (re-exported)
from partenariat.values import (
    TYPES,
    AnswerError,
    as_input,
    check_value,
    format_value,
    input_hint,
    item_name,
    parse_text_answer,
)

if TYPE_CHECKING:
    from rich.console import Console

    from partenariat.screens import Screen

SKIP = "__passer__"
REQUIRED_MESSAGE = "Une réponse est nécessaire pour cette question."
UNDECIDED = "__a_choisir__"
UNDECIDED_TITLE = "— Choisissez : oui ou non ?"
UNDECIDED_MESSAGE = "Choisissez « Oui » ou « Non » avec les flèches, puis Entrée."


@dataclass
class ReviewRow:
    numero: int
    question: Question
    valeur: Any
    manquante: bool
    a_revoir: bool = False


@dataclass
class Finding:
    """What the review shows of a rule finding (the rules module gives richer objects)."""

    severite: str
    titre: str
    message: str


class Prompter(Protocol):
    """What the wizard needs from whoever answers; the terminal one and test doubles implement it."""

    def intro(self, quest: Questionnaire, answered: int, required: int) -> None: ...

    def ask(
        self,
        q: Question,
        current: Any,
        default: Any,
        profil: str,
        allowed: list[str] | None,
        where: str,
    ) -> Any: ...

    def ask_more(self, q: Question, count: int) -> bool: ...

    def form(self, screen: Screen) -> list[dict[str, Any]]: ...

    def list_menu(self, q: Question, items: list[dict[str, Any]]) -> tuple[str, int]: ...

    def review(
        self,
        quest: Questionnaire,
        rows: Sequence[ReviewRow],
        findings: Sequence[Any],
        profil: str,
        validee: bool = False,
    ) -> tuple[str, str | None]: ...

    def confirm(self, message: str, default: bool) -> bool: ...

    def notify(self, message: str, style: str = "") -> None: ...


class TerminalPrompter:
    """questionary prompts plus rich panels; ``input``/``output`` let tests drive a pipe."""

    def __init__(
        self, console: Console | None = None, input: Any = None, output: Any = None
    ) -> None:
        from rich.console import Console

        self.console = console or Console(highlight=False)
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    # -- helpers -------------------------------------------------------------------------------
    def _run(self, question: Any, menu: bool = False) -> Any:
        # Menus ignore Ctrl-D (text fields treat it as end of input): make it stop them too.
        if menu:
            from partenariat.questionary_french import bind_ctrl_d

            bind_ctrl_d(question)
        try:
            return question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise WizardInterrupted("Interrompu.") from None

    def _style(self) -> Any:
        from questionary import Style

        return Style(
            [
                ("qmark", "fg:#2a7ab0 bold"),
                ("question", "bold"),
                ("answer", "fg:#2a7ab0 bold"),
                ("pointer", "fg:#2a7ab0 bold"),
                ("highlighted", "fg:#2a7ab0 bold"),
                ("instruction", "fg:#777777 italic"),
            ]
        )

    def _message(self, text: str, instruction: str, short: str) -> tuple[str, str]:
        """questionary's prompt line must not wrap (a wrapped multiline prompt renders blank):
        when question and instruction do not fit on one line, print them above and keep it short."""
        width = self.console.width
        if "\n" not in text and len(text) + len(instruction) + 6 < width:
            return text, instruction
        from rich.text import Text

        self.console.print(Text(text, style="bold"))
        if instruction:
            self.console.print(Text(instruction, style="dim italic"))
        return short, ""

    def _choose(self, message: str, choices: list[Any], default: Any = None) -> Any:
        """A single-choice menu with French instructions (questionary's default is English)."""
        import questionary

        message, instruction = self._message(
            message, "(flèches pour choisir, Entrée pour valider)", "Votre choix"
        )
        values = [c.value if isinstance(c, questionary.Choice) else c for c in choices]
        while True:
            value = self._run(
                questionary.select(
                    message,
                    choices=choices,
                    default=default,
                    instruction=instruction or " ",
                    style=self._style(),
                    **self._io,
                ),
                menu=True,
            )
            # Échap then Entrée (how a form screen is saved) gives questionary's empty answer:
            # a menu is answered by one of its choices, so it is asked again.
            if value in values:
                return value
            self.console.print(
                "Choisissez une ligne avec les flèches, puis Entrée.", style="yellow"
            )

    def notify(self, message: str, style: str = "") -> None:
        self.console.print(message, style=style or None)

    def intro(self, quest: Questionnaire, answered: int, required: int) -> None:
        from rich.panel import Panel
        from rich.text import Text

        body = Text()
        body.append("De quoi s'agit-il ?\n", style="bold")
        body.append(quest.objet.strip() + "\n\n")
        body.append("À retenir : ", style="bold")
        body.append(quest.a_retenir.strip() + "\n\n")
        body.append(f"Source : {quest.source}", style="dim")
        if required:
            body.append(
                f"\nDéjà répondu : {answered} / {required} questions obligatoires", style="dim"
            )
        self.console.print(
            Panel(body, title=f"Étape {quest.etape} · {quest.titre}", border_style="cyan")
        )

    def _header(
        self, q: Question, where: str, profil: str = "", allowed: list[str] | None = None
    ) -> None:
        from rich.text import Text

        self.console.print()
        # one line, never cut by rich: the terminal folds it if it must
        self.console.print(Text(where, style="dim cyan"), soft_wrap=True)
        if q.aide:
            self.console.print(Text(q.aide.strip(), style="dim"))
        # Choice help is printed as a short glossary: the prompt's own footer cannot be translated.
        for c in q.choices_for(profil or None):
            if c.aide and q.type != "grille" and (allowed is None or c.valeur in allowed):
                line = Text("  • ", style="dim")
                line.append(c.libelle, style="dim bold")
                line.append(" : " + c.aide.strip(), style="dim")
                self.console.print(line)

    def ask(
        self,
        q: Question,
        current: Any,
        default: Any,
        profil: str,
        allowed: list[str] | None,
        where: str,
    ) -> Any:
        self._header(q, where, profil, allowed)  # only the choices offered are explained
        start = current if current is not None else default
        kind = TYPES[q.type].prompt
        if kind == "choix":
            return self._select(q, start, profil, allowed)
        if kind == "cases":
            return self._checkbox(q, start, profil, allowed)
        if kind == "oui_non":
            return self._yes_no(q, start)
        if kind == "grille":
            return self._grid(q, start, profil)
        return self._typed(q, start)

    def _typed(self, q: Question, start: Any) -> Any:
        import questionary

        def validate(text: str) -> bool | str:
            try:
                value = parse_text_answer(q, text)
            except AnswerError as exc:
                return str(exc)
            if value is None and q.obligatoire:
                return REQUIRED_MESSAGE
            return True

        default = "" if start is None else as_input(q, start)
        instruction = input_hint(q)
        if not q.obligatoire:
            instruction = (instruction + " (facultatif : laissez vide pour passer)").strip()
        message, instruction = self._message(q.question, instruction, "Réponse")
        text = self._run(
            questionary.text(
                message,
                default=default,
                validate=validate,
                multiline=q.type == "texte_long",
                # an empty instruction would bring back questionary's English default
                instruction=instruction or (" " if q.type == "texte_long" else None),
                style=self._style(),
                **self._io,
            )
        )
        return parse_text_answer(q, text)

    def _select(self, q: Question, start: Any, profil: str, allowed: list[str] | None) -> Any:
        options = [c for c in q.choices_for(profil) if allowed is None or c.valeur in allowed]
        return self._single(q, [(c.libelle, c.valeur) for c in options], start)

    def _single(
        self, q: Question, options: list[tuple[str, Any]], start: Any, undecided: bool = False
    ) -> Any:
        """One answer among ``options``; an optional question can be passed.

        ``undecided``: with no answer nor default, the cursor rests on « choisissez » rather
        than on the first option, so that pressing Entrée decides nothing for the person."""
        import questionary

        choices = [questionary.Choice(title=title, value=value) for title, value in options]
        if not q.obligatoire:
            choices.append(questionary.Choice(title="— Passer (sans réponse)", value=SKIP))
        if undecided and start is None:
            choices.insert(0, questionary.Choice(title=UNDECIDED_TITLE, value=UNDECIDED))
        default = next((c for c in choices if start is not None and c.value == start), None)
        value = self._choose(q.question, choices, default)
        while value == UNDECIDED:
            self.console.print(UNDECIDED_MESSAGE, style="yellow")
            value = self._choose(q.question, choices, default)
        return None if value == SKIP else value

    def _checkbox(self, q: Question, start: Any, profil: str, allowed: list[str] | None) -> Any:
        import questionary

        from partenariat.questionary_french import install_french_checkbox

        install_french_checkbox()
        options = [c for c in q.choices_for(profil) if allowed is None or c.valeur in allowed]
        chosen = set(start) if isinstance(start, list) else set()
        choices = [
            questionary.Choice(title=c.libelle, value=c.valeur, checked=c.valeur in chosen)
            for c in options
        ]

        def validate(selected: list[str]) -> bool | str:
            if not selected and not q.obligatoire:
                return True
            try:
                check_value(q, selected, profil, allowed)
            except AnswerError as exc:
                return str(exc)
            return True

        message, instruction = self._message(
            q.question, "(Espace pour cocher, Entrée pour valider)", "Cochez"
        )
        value = self._run(
            questionary.checkbox(
                message,
                choices=choices,
                validate=validate,
                # None would bring back questionary's English instruction
                instruction=instruction or " ",
                style=self._style(),
                **self._io,
            ),
            menu=True,
        )
        return value or (None if not q.obligatoire else value)

    def _yes_no(self, q: Question, start: Any) -> Any:
        return self._single(q, [("Oui", True), ("Non", False)], start, undecided=True)

    def _grid(self, q: Question, start: Any, profil: str) -> dict[str, Any]:
        import questionary

        low = int(q.min if q.min is not None else 0)
        high = int(q.max if q.max is not None else 5)
        current = dict(start) if isinstance(start, dict) else {}
        self.console.print(q.question, style="bold")
        result: dict[str, Any] = {}
        for row in q.choices_for(profil):
            choices = [questionary.Choice(title=str(n), value=n) for n in range(low, high + 1)]
            default_value = current.get(row.valeur)
            default = next((c for c in choices if c.value == default_value), None)
            result[row.valeur] = self._choose(f"{row.libelle} ({low} à {high})", choices, default)
        return result

    def ask_more(self, q: Question, count: int) -> bool:
        return self.confirm(more_message(q, count), default=False)

    def form(self, screen: Screen) -> list[dict[str, Any]]:
        """Several answers on one screen (a section's short questions, or a whole list)."""
        from partenariat.form_prompt import ask_form

        return ask_form(self.console, screen, self._io)

    def list_menu(self, q: Question, items: list[dict[str, Any]]) -> tuple[str, int]:
        import questionary

        noun = q.noun
        choices = [questionary.Choice(title=f"Ajouter {noun.un()}", value=("ajouter", -1))]
        for i, item in enumerate(items):
            name = item_name(q, item) if any(v not in (None, "", []) for v in item.values()) else ""
            name = name if name and name != "?" else noun.numero(i + 1)
            choices.append(questionary.Choice(title=f"Modifier : {name}", value=("modifier", i)))
            choices.append(questionary.Choice(title=f"Supprimer : {name}", value=("supprimer", i)))
        choices.append(questionary.Choice(title="Terminer", value=("terminer", -1)))
        action: tuple[str, int] = self._choose(f"{q.label} : que voulez-vous faire ?", choices)
        return action

    def confirm(self, message: str, default: bool) -> bool:
        import questionary

        choices = [
            questionary.Choice(title="Oui", value=True),
            questionary.Choice(title="Non", value=False),
        ]
        value: bool = self._choose(message, choices, choices[0] if default else choices[1])
        return value

    def review(
        self,
        quest: Questionnaire,
        rows: Sequence[ReviewRow],
        findings: Sequence[Any],
        profil: str,
        validee: bool = False,
    ) -> tuple[str, str | None]:
        """The review table and its menu; ``validee``: the step was validated before."""
        from partenariat.review_table import review_choice

        return review_choice(self.console, self._choose, quest, rows, findings, profil, validee)


def more_message(q: Question, count: int) -> str:
    """« Ajouter une autre action ? (1 déjà saisie) »: agreed with the list's declared noun."""
    noun = q.noun
    return f"Ajouter {noun.un_autre()} ? ({count} déjà {noun.accord('saisi', count)})"


def list_sentences(q: Question, profil: str | None = None) -> list[str]:
    """Every sentence the wizard builds around a list's noun, for a list of one and of three
    items: what the grammar test reads for every list of every questionnaire."""
    noun = q.noun
    one: list[dict[str, Any]] = [{}]
    three: list[dict[str, Any]] = [{}, {}, {}]
    return [
        f"Voulez-vous saisir {noun.un()} ?",
        more_message(q, 1),
        more_message(q, 3),
        f"Ajouter {noun.un()}",
        noun.numero(2),
        # the list's screen (form_prompt): its buttons and the count it asks for
        f"Supprimer : {noun.numero(2)}",
        f"Saisissez au moins {noun.nombre(2)}.",
        f"{noun.nombre(1)} {noun.accord('enregistré', 1)} avant l'interruption",
        f"{noun.nombre(2)} {noun.accord('enregistré', 2)} avant l'interruption",
        format_value(q, one, profil),
        format_value(q, three, profil),
    ]
