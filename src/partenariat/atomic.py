"""Atomic file replacement, shared by the project file and the exported documents.

A reader (or a crash) sees either the old file or the new one, never half of one: the data goes
to a temporary file in the same folder, is flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def temporary_beside(path: Path, suffix: str = ".tmp") -> Path:
    """An empty temporary file in ``path``'s folder (same file system, so the rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return Path(name)


def replace(tmp: Path, path: Path) -> None:
    """Flush ``tmp`` to disk, give it ``path``'s mode and rename it over ``path``."""
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    _copy_mode(path, tmp)
    os.replace(tmp, path)


def write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, then make the rename itself durable."""
    tmp = temporary_beside(path)
    try:
        tmp.write_bytes(data)
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> None:
    """Like ``write`` for a file that must not exist yet: FileExistsError if it does.

    The complete temporary file is hard-linked to its name, which fails rather than replace
    (a rename would replace). File systems without hard links fall back to a checked rename.
    """
    import errno

    tmp = temporary_beside(path)
    try:
        tmp.write_bytes(data)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        _copy_mode(path, tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
                raise
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(path.parent)


def _copy_mode(path: Path, tmp: Path) -> None:
    """mkstemp creates 0600 files; keep the existing file's mode, or the usual one for a new file."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def fsync_dir(folder: Path) -> None:
    # Directories cannot be opened this way on Windows, where the rename is durable enough.
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
