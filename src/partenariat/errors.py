"""One error hierarchy: every problem a user can cause carries a French message and an exit code.

The exit codes are listed once, in ``ExitCode``; the CLI turns errors into them in one place
(``cli.main``); nothing below the CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """What the program returns to the shell (scripts and CI read these)."""

    OK = 0
    PROBLEM = 1  # a problem to fix in the project or its files; ``check``: something blocks
    USAGE = 2  # wrong command-line use
    BUG = 70  # an unexpected error (EX_SOFTWARE): a crash report is written
    INTERRUPTED = 130  # Ctrl-C / Ctrl-D, every answer given is saved


class PartenariatError(Exception):
    """A problem the user can understand and fix; never shown as a traceback."""

    exit_code: ExitCode = ExitCode.PROBLEM

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(PartenariatError):
    """Wrong command-line use (bad step number, incompatible options…)."""

    exit_code = ExitCode.USAGE


class NoTerminalError(UsageError):
    """An interactive command was run without a terminal and without --answers / --no-input."""


class ProjectNotFoundError(PartenariatError):
    """No project file here or in a parent folder."""


class ProjectExistsError(PartenariatError):
    """`init` on a folder that already holds a project."""


class ProjectLockedError(PartenariatError):
    """Another wizard holds the project's lock."""


class StorageError(PartenariatError):
    """The project file could not be written (read-only folder, full disk…)."""


class MissingAnswersError(PartenariatError):
    """--no-input and required answers with no default."""

    def __init__(self, message: str, missing: Sequence[str]) -> None:
        super().__init__(message)
        self.missing = list(missing)


class WizardInterrupted(PartenariatError):
    """Ctrl-C / Ctrl-D: every answer given is already saved; the message says how to resume.
    A form interrupted with answers that failed their checks names them (``refused``), and
    says what it saved (``saved``), so that the last words stay true."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, message: str, saved: str = "", refused: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.saved = saved
        self.refused = list(refused)


class InvalidFileError(PartenariatError):
    """A YAML file (project, questionnaire, rules, answers…) that cannot be used, with every error."""

    def __init__(
        self, path: Path | str, errors: Sequence[tuple[int | None, str]], what: str = ""
    ) -> None:
        self.path = Path(path)
        self.errors = list(errors)
        self.what = what
        lines = [f"{what or 'Fichier'} invalide : {self.path}"]
        for line, text in self.errors:
            where = f"ligne {line}" if line else "fichier"
            lines.append(f"  - {self.path.name}, {where} : {text}")
        super().__init__("\n".join(lines))


class ExportConflictError(PartenariatError):
    """An exported file was edited by hand since the last export."""


class ClauseNotReadyError(PartenariatError):
    """A clause cannot be confirmed with the partner: answers missing, deferred, or a risk open."""


def describe_os_error(exc: OSError, reading: bool = False) -> str:
    """What an operating-system error means, in French (its own text is English)."""
    import errno

    if isinstance(exc, FileNotFoundError):
        return "fichier ou dossier introuvable"
    if isinstance(exc, IsADirectoryError):
        return "c'est un dossier, pas un fichier"
    if exc.errno == errno.EROFS:
        return "le disque ou le dossier est en lecture seule"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return (
            "lecture refusée (droits insuffisants)"
            if reading
            else "le dossier est en lecture seule ou les droits manquent"
        )
    known = {
        errno.ENOSPC: "le disque est plein",
        errno.EDQUOT: "le quota de disque est atteint",
        errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
        errno.ENAMETOOLONG: "nom de fichier trop long",
        errno.ELOOP: "trop de liens symboliques (boucle ?)",
        errno.EIO: "erreur d'entrée-sortie du disque",
        errno.EEXIST: "le nom est déjà pris",
        errno.ENXIO: "ce n'est pas un fichier ordinaire (périphérique ou prise)",
        errno.ETXTBSY: "fichier occupé",
        errno.EFBIG: "fichier trop volumineux pour le disque",
        errno.EMFILE: "trop de fichiers ouverts",
        errno.EBUSY: "fichier ou disque occupé",
    }
    if exc.errno in known:
        return known[exc.errno]
    what = "lecture" if reading else "écriture"
    return f"{what} impossible (erreur système {exc.errno})"


class PartnerMismatchError(PartenariatError):
    """Two projects that cannot be compared: same side, or not the same partnership."""


def write_crash_report(exc: BaseException) -> str:
    """A file with the traceback, for a bug report; its path, or why it could not be written."""
    import tempfile
    import traceback

    from partenariat import __version__

    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", prefix="partenariat-erreur-", suffix=".txt", delete=False
        ) as handle:
            handle.write(f"partenariat {__version__}\n")
            handle.write("".join(traceback.format_exception(exc)))
            return handle.name
    except OSError:
        return "(rapport impossible à écrire)"
