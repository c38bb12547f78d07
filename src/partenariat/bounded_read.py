"""Reading a file that must be a regular file of bounded size, without ever blocking.

The project file, the questionnaires and every file a user names are read this way: a named pipe
would otherwise wait forever, and a device (``/dev/zero``) reports a size of 0 yet never ends.
Light on purpose (no YAML, no models): ``report_cache`` reads the project before anything heavy
is imported. Callers say in their own words what each failure means.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """A folder, a device, a named pipe or a socket where a file was expected."""

    def __init__(self, is_dir: bool) -> None:
        super().__init__("not a regular file")
        self.is_dir = is_dir


class TooBig(OSError):
    """More bytes than the bound (``size``: the size seen, or the bytes read when it grew)."""

    def __init__(self, size: int) -> None:
        super().__init__("file too big")
        self.size = size


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``; NotARegularFile, TooBig or the OSError met otherwise.

    The file is opened without blocking and checked to be a regular file before anything is
    read, and the reading stops past ``max_bytes`` even if the file grows meanwhile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotARegularFile(is_dir=True) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(is_dir=stat.S_ISDIR(info.st_mode))
        if info.st_size > max_bytes:
            raise TooBig(info.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # the file grew while being read
            raise TooBig(total)
        return b"".join(chunks)
    finally:
        os.close(fd)
