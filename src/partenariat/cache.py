"""A per-user cache of work that only depends on the bundled content (questionnaires, rules).

Entries are named by a hash of the exact bytes they were computed from, together with the
versions of the code that computed them: an edited file simply gets a new entry, never a stale
one. A missing, unreadable or unwritable cache only means doing the work again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from partenariat import __version__, atomic


def cache_dir() -> Path:
    """Where the cache lives (PARTENARIAT_CACHE_DIR overrides; the usual place per system)."""
    override = os.environ.get("PARTENARIAT_CACHE_DIR")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "partenariat"


def key_for(kind: str, files: Iterable[Path], max_bytes: int) -> str | None:
    """A name for ``kind`` computed from these files; None when a file cannot be read as is."""
    import pydantic

    digest = hashlib.sha256(f"{kind}|{__version__}|{pydantic.VERSION}|{sys.version}".encode())
    for path in files:
        try:
            if path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(path.name.encode() + b"\0" + data + b"\0")
    return f"{kind}-{digest.hexdigest()[:32]}.pickle"


def load(name: str) -> Any | None:
    try:
        with (cache_dir() / name).open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # a damaged or foreign entry is only a cache miss
        return None


def store(name: str, value: Any) -> None:
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write(folder / name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
