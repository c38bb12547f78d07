"""Saving an open project: atomic writes, the backup of the previous version, what a kill leaves.

Every answer is saved as soon as it is given: the text (``serialisation``) goes to a temporary
file, is flushed to disk and renamed over the project, so a crash, a full disk or a killed process
leaves either the old or the new file, never half of one; the previous version is kept beside it
as ``partenariat.yaml.bak``. The project's schema, loading and locking are in ``project``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from partenariat import atomic
from partenariat.errors import ProjectExistsError, StorageError
from partenariat.serialisation import IncrementalDump
from partenariat.yamlio import MAX_BYTES

if TYPE_CHECKING:
    from partenariat.project import Project


def now() -> dt.datetime:
    """Local time to the second: what a reader of the file expects to see."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def real_path(path: Path) -> Path:
    """The file a path stands for: a symlinked project is saved (and locked) where it lives."""
    return Path(os.path.realpath(path))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a mix."""
    atomic.write(path, data)


def storage_error(path: Path, exc: OSError) -> StorageError:
    from partenariat.errors import describe_os_error

    return StorageError(
        f"Impossible d'enregistrer {path} : {describe_os_error(exc)}.\n"
        "La dernière version enregistrée du projet est intacte."
    )


class ProjectTooLargeError(StorageError):
    """A save that would give a file no command could read back (over yamlio.MAX_BYTES)."""


def _leftover_temporaries(path: Path) -> list[Path]:
    """Temporary files a killed save left beside ``path`` (atomic.temporary_beside's names)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:bak\.)?[A-Za-z0-9_]{{8}}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.parent / name for name in names if pattern.fullmatch(name)]


def remove_leftovers(path: Path) -> None:
    """Remove what a killed save left behind; called with the project's lock held."""
    for leftover in _leftover_temporaries(path):
        with contextlib.suppress(OSError):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()


class ProjectStore:
    """An open project: the lock held, the last saved bytes kept for the backup.

    ``path`` is the path as given (for messages); saves go to the real file behind it, so a
    symlinked project stays a symlink and the file it points to is the one updated.
    """

    def __init__(self, path: Path, project: Project, saved_text: str | None) -> None:
        self.path = path
        self.target = real_path(path)
        self.project = project
        self._saved_text = saved_text
        # Each save serialises again only the answers changed since the previous one.
        self._dump = IncrementalDump()
        # The file as this store last wrote it (see ``_backup``); None until its first save.
        self._written: tuple[int, int, int, int] | None = None

    def save(self, touch: bool = True) -> None:
        """Write the project now (after every answer)."""
        if touch:
            self.project.mis_a_jour = now()
        text = self._dump.dump(self.project)
        if text == self._saved_text:
            return
        data = text.encode("utf-8")
        if len(data) > MAX_BYTES:
            raise ProjectTooLargeError(
                f"Réponse non enregistrée : avec elle, le projet {self.path} dépasserait "
                f"{MAX_BYTES // (1024 * 1024)} Mo, la taille que partenariat sait relire.\n"
                "La dernière version enregistrée du projet est intacte. Raccourcissez les réponses "
                "les plus longues (gardez le détail dans un document à part)."
            )
        try:
            if self._saved_text is None:
                atomic.write_new(self.target, data)
            else:
                self._backup(self._saved_text)
                atomic_write(self.target, data)
        except FileExistsError:
            raise exists_error(self.path) from None
        except OSError as exc:
            raise storage_error(self.path, exc) from None
        self._saved_text = text
        self._written = _identity(self.target)

    def _backup(self, previous: str) -> None:
        """The last saved text becomes the backup.

        When the file on disk is still the one this store wrote (same inode, size and time), it
        is already on disk: it is linked as the backup rather than written and flushed a second
        time, which halves the cost of an autosave. Otherwise (first save, a file changed behind
        the wizard, no hard links here) the text is written, as it always was.
        """
        backup = backup_path(self.target)
        ours = self._written is not None and _identity(self.target) == self._written
        if ours and _link_over(self.target, backup):
            return
        atomic_write(backup, previous.encode("utf-8"))

    def touch_step(self, n: int) -> None:
        stamp = now()
        self.project.step(n).mis_a_jour = stamp
        self.project.mis_a_jour = stamp


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _link_over(source: Path, target: Path) -> bool:
    """Make ``target`` a hard link to ``source``, atomically replacing it; False if impossible.

    The link gets a temporary name first (one ``remove_leftovers`` knows), then is renamed over
    ``target``: a kill leaves the old backup or the new one, never none.
    """
    tmp = atomic.temporary_beside(target)
    try:
        tmp.unlink()
        os.link(source, tmp)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def exists_error(path: Path) -> ProjectExistsError:
    return ProjectExistsError(
        f"Un projet existe déjà : {path}\n"
        "Reprenez-le avec « partenariat status » puis « partenariat step N »."
    )
