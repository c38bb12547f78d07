"""The command line's arguments and options: names, metavars and French help texts.

Declared apart so that ``cli`` reads as the mapping of each command to its worker call. Options
are typed as text in the commands: typer's Path conversion costs a tenth of a second at start-up.
"""

from __future__ import annotations

import typer

from partenariat.completion import (
    complete_clause,
    complete_document,
    complete_format,
    complete_shell,
    complete_step,
)

# Shared by several commands.
PROJECT = typer.Option(
    None,
    "--project",
    "-p",
    metavar="CHEMIN",
    help="Fichier projet (par défaut : partenariat.yaml ici ou dans un dossier parent).",
)
# ``check`` and ``compare`` print a report: a table for people or JSON for scripts.
REPORT_FORMAT = typer.Option(
    "table",
    "--format",
    metavar="FORMAT",
    show_default=False,
    help="table (lisible, par défaut) ou json (pour les scripts).",
)
ANSWERS = typer.Option(
    None,
    "--answers",
    metavar="FICHIER",
    help="Fichier YAML de réponses préparées (même forme que le projet : etapes → N → reponses).",
)
NO_INPUT = typer.Option(
    False,
    "--no-input",
    help="Ne rien demander : valeurs par défaut pour le reste, ou liste des réponses manquantes.",
)

# Per command: COMMAND_PARAMETER.
INIT_FOLDER = typer.Argument(
    None, metavar="[DOSSIER]", help="Dossier du projet (par défaut : le dossier courant)."
)
INIT_PROFIL = typer.Option(
    None,
    "--profil",
    metavar="PROFIL",
    help="Qui remplit le projet : entreprise ou association.",
)
INIT_ORGANISATION = typer.Option(
    None, "--organisation", metavar="NOM", help="Nom de votre organisation."
)
INIT_PARTENAIRE = typer.Option(
    None, "--partenaire", metavar="NOM", help="Nom du partenaire envisagé, s'il est connu."
)
STEP_NUMERO = typer.Argument(
    ..., metavar="N", help="Numéro de l'étape, de 1 à 7.", autocompletion=complete_step
)
STEP_REVIEW = typer.Option(
    False, "--review", help="Reposer toutes les questions, réponses actuelles par défaut."
)
SHOW_NUMERO = typer.Argument(
    None, metavar="[N]", help="Une étape (par défaut : toutes).", autocompletion=complete_step
)
CONVENIR_CLAUSES = typer.Argument(
    None,
    metavar="CLAUSE",
    show_default=False,
    help="Identifiants des clauses confirmées (sans argument : la liste des clauses et leur état).",
    autocompletion=complete_clause,
)
CONVENIR_LE = typer.Option(
    None,
    "--le",
    metavar="DATE",
    help="Date de la confirmation (par défaut : aujourd'hui).",
)
CONVENIR_AVEC = typer.Option(
    None, "--avec", metavar="NOM", help="Avec qui, côté partenaire (facultatif)."
)
CONVENIR_ANNULER = typer.Option(
    False,
    "--annuler",
    help="Retirer la confirmation de ces clauses (le partenaire revient dessus).",
)
PARTAGE_OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FICHIER",
    help="Fichier à écrire (par défaut : partage-ORGANISATION.yaml à côté du projet).",
)
COMPARE_FICHIER = typer.Argument(
    ..., metavar="FICHIER", help="Fichier partagé par le partenaire (ou son projet complet)."
)
CONVERGER_FICHIER = typer.Argument(
    ..., metavar="FICHIER", help="Fichier partagé par le partenaire (ou son projet complet)."
)
CONVERGER_ACCORDS = typer.Option(
    [],
    "--accord",
    metavar="POINT=VALEUR",
    show_default=False,
    help="Sans questions : POINT=nous, POINT=partenaire ou POINT=valeur:TEXTE ; répétable.",
)
CONVERGER_LE = typer.Option(
    None, "--le", metavar="DATE", help="Date de l'accord (par défaut : aujourd'hui)."
)
EXPORT_OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="DOSSIER",
    help="Dossier de sortie (par défaut : documents/ à côté du projet).",
)
EXPORT_FORMATS = typer.Option(
    ["md"],
    "--format",
    "-f",
    metavar="FORMAT",
    show_default=False,
    help="md (toujours), docx, odt, html, pdf (avec LibreOffice), ics (calendrier) ; répétable ou séparé par des virgules.",
    autocompletion=complete_format,
)
EXPORT_DOCUMENTS = typer.Option(
    [],
    "--document",
    "-d",
    metavar="DOCUMENT",
    show_default=False,
    help=(
        "document-de-cadrage, checklist-convention, plan-de-suivi (par défaut : les trois), "
        "note-interne, note-de-dialogue (avec --partenaire)."
    ),
    autocompletion=complete_document,
)
EXPORT_INTERNE = typer.Option(
    False,
    "--interne",
    help="Ajouter la note interne (à ne pas transmettre au partenaire).",
)
EXPORT_REFERENCE_DOC = typer.Option(
    [],
    "--reference-doc",
    metavar="FICHIER",
    show_default=False,
    help="Document Word (.docx) et/ou OpenDocument (.odt) dont reprendre les styles ; répétable.",
)
EXPORT_FORCE = typer.Option(
    False, "--force", help="Remplacer même un fichier modifié depuis le dernier export."
)
EXPORT_PARTENAIRE = typer.Option(
    None,
    "--partenaire",
    metavar="FICHIER",
    help="Fichier partagé par le partenaire : ajoute la note de dialogue.",
)
AGENDA_FOLDERS = typer.Argument(
    None,
    metavar="DOSSIER",
    show_default=False,
    help="Dossiers où chercher les projets (partenariat.yaml), sous-dossiers compris ; par défaut : le dossier courant.",
)
AGENDA_JOURS = typer.Option(
    30,
    "--jours",
    "-j",
    metavar="N",
    show_default=False,
    help="Échéances des N prochains jours (30 par défaut).",
)
AGENDA_FORMAT = typer.Option(
    "table",
    "--format",
    metavar="FORMAT",
    show_default=False,
    help="table (lisible, par défaut), json (pour les scripts) ou ics (un calendrier pour tous).",
)
AGENDA_OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FICHIER",
    help="Avec --format ics : fichier à écrire (par défaut : agenda.ics ici).",
)
AGENDA_DEPUIS = typer.Option(
    None,
    "--depuis",
    metavar="DATE",
    help="Premier jour de la période (par défaut : aujourd'hui), par exemple 2027-03-01.",
)
DEMO_OUTPUT = typer.Argument(
    "partenariat-demo",
    metavar="[DOSSIER]",
    show_default=False,
    help="Dossier où écrire les documents d'exemple (par défaut : partenariat-demo).",
)
COMPLETION_SHELL = typer.Argument(
    None,
    metavar="[SHELL]",
    help="bash, zsh, fish ou powershell (par défaut : le shell en cours).",
    autocompletion=complete_shell,
)
