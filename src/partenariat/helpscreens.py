"""The command line's help screens and parser messages in French (typer/click speak English).

Kept apart from ``cli`` so that the CLI module is only the mapping of options to calls.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup


class _FrenchHelp:
    """The help screens in French: usage line, help option, section titles."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Affiche cette aide et quitte."
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Utilisation : ")

    def get_help(self, ctx: Any) -> str:
        text: str = super().get_help(ctx)  # type: ignore[misc]
        # Arguments are all text: the type adds nothing for a reader; « required » in French.
        return (
            text.replace(" <str>", "")
            .replace(" <list[str]>", " " * len(" <list[str]>"))  # keeps the columns
            .replace("[required]", "[obligatoire]")
        )


class FrenchCommand(_FrenchHelp, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPTIONS]"
        super().__init__(*args, **kwargs)


class FrenchGroup(_FrenchHelp, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["subcommand_metavar"] = "COMMANDE [ARGUMENTS]..."
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commandes"):
                formatter.write_dl(rows)


CLICK_MESSAGES = {
    "NoSuchOption": "Option inconnue",
    "BadParameter": "Valeur invalide",
    "MissingParameter": "Paramètre manquant",
    "BadOptionUsage": "Option mal employée",
    "UsageError": "Commande incorrecte",
}


CLICK_TEXTS = (
    (
        r"No such command '(.+?)'\.\s*Did you mean '(.+?)'\?",
        r"commande « \1 » inconnue. Vouliez-vous dire « \2 » ?",
    ),
    (r"No such command '(.+?)'\.", r"commande « \1 » inconnue."),
    (r"Missing argument '(.+?)'\.", r"argument « \1 » manquant."),
    (r"Missing option '(.+?)'\.", r"option « \1 » manquante."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", r"argument(s) en trop : \1"),
    (r"Option '(.+?)' requires an argument\.", r"l'option « \1 » attend une valeur."),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"l'option « \1 » attend \2 valeurs."),
    (r"Option '(.+?)' does not take a value\.", r"l'option « \1 » ne prend pas de valeur."),
    (r"Invalid value for '(.+?)': (.*)", r"valeur invalide pour « \1 »."),
    (r"Argument '(.+?)' takes (\d+) values\.", r"l'argument « \1 » attend \2 valeurs."),
)


def french_click(detail: str) -> str:
    """click's usage messages are English: the ones this command line can meet, in French."""
    import re

    for english, french in CLICK_TEXTS:
        m = re.fullmatch(english, detail.strip(), flags=re.DOTALL)
        if m:
            return m.expand(french)
    return "commande mal formée"


def usage_message(exc: Any) -> tuple[str, bool]:
    """A parser error (unknown option, missing argument…) in French, and whether it is the help
    screen shown for a bare command (printed on standard output, code 0)."""
    label = CLICK_MESSAGES.get(type(exc).__name__, "Erreur")
    detail = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if type(exc).__name__ == "NoArgsIsHelpError":
        return detail, True
    if type(exc).__name__ == "NoSuchOption":
        detail = str(getattr(exc, "option_name", detail))
        close = sorted(getattr(exc, "possibilities", None) or [])
        if close:
            detail += " (vouliez-vous dire " + " ou ".join(f"« {c} »" for c in close) + " ?)"
    else:
        detail = french_click(detail)
    return f"{label} : {detail}\nAide : partenariat --help", False
