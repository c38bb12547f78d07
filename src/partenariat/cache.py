"""A per-user cache of work that only depends on the bundled content (questionnaires, rules).

An entry is named by a hash of the exact bytes it was computed from *and* of the source of the
modules that computed it (with the Python and pydantic versions): an edited file or an edited
loader simply gets a new entry, never a stale one. Entries are plain JSON, read back through the
same pydantic models as the files themselves: loading one runs no code (no pickle, no marshal),
so a cache folder someone else could write into can at worst cost a cache miss or a refusal.
A missing, unreadable or unwritable cache only means doing the work again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from partenariat import __version__, atomic

# The modules whose code decides what a cached entry holds: the loaders and what they call.
PRODUCERS = (
    "cache.py",
    "questionnaire.py",
    "questionnaire_checks.py",
    "values.py",
    "parsing.py",  # values reads typed defaults and bounds through it
    "references.py",
    "jinja_reads.py",  # references reads the names in expressions through it
    "expressions.py",
    # parsed expressions and other pure results kept between runs (memo_cache)
    "memo_cache.py",
    "expression_trees.py",
    "interpret.py",
    "template_walk.py",
    "french.py",  # the amounts in words (cardinal_fr)
    "calendar_data.py",
    "selection_wording.py",
    "settings.py",
    "ruleset.py",
    "model_defaults.py",  # the models' empty defaults, left out of the entries
    "yamlio.py",
    "vocabulary.py",
    # the clause catalogue's schema decides whether the content check passes (content_checks)
    "clause_catalogue.py",
)
FORMAT = 1
# Entries kept per kind: a few versions of the content or the code side by side (a development
# checkout beside an installed copy), not every version a user ever ran.
KEEP_PER_KIND = 8
# Validation context of content read back from an entry: what the loader checks beyond the
# schema (expressions parsed, ids resolved) was checked when the entry was stored, from these
# exact bytes by this exact code.
CHECKED = "deja_verifie"
T = TypeVar("T")


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


@lru_cache(maxsize=1)
def code_fingerprint(here: Path | None = None) -> str:
    """A hash of the producing modules' source, so that changed code never reads old results."""
    import pydantic

    here = here or Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{pydantic.VERSION}|{sys.version}".encode())
    for name in PRODUCERS:
        try:
            digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
        except OSError:
            digest.update(name.encode() + b"\0?\0")
    return digest.hexdigest()


def key_for(kind: str, files: Iterable[Path], max_bytes: int) -> str | None:
    """A name for ``kind`` computed from these files; None when a file cannot be read as is."""
    digest = hashlib.sha256(f"{kind}|{code_fingerprint()}".encode())
    for path in files:
        try:
            if path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(str(path).encode() + b"\0" + data + b"\0")
    return f"{kind}-{digest.hexdigest()[:32]}.json"


def load(name: str) -> Any | None:
    """The JSON data stored under ``name``, or None (absent, unreadable, not JSON, or in a
    folder other users could write into)."""
    folder = cache_dir()
    if not _private(folder):
        return None
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _private(folder: Path) -> bool:
    """Whether only this user can write into ``folder`` (as ssh asks of ``~/.ssh``): an entry
    decides what a command prints, so one planted by someone else is never read."""
    if os.name != "posix":
        return True
    try:
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def store(name: str, value: Any) -> None:
    """Store JSON-able ``value``; a failure is silent (the work is simply done again next time)."""
    try:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        folder = cache_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix" and not _private(folder) and folder.stat().st_uid == os.getuid():
            folder.chmod(0o700)  # made by an older version under a umask such as 002
        atomic.write(folder / name, data)
    except (OSError, TypeError, ValueError):
        pass


def prune(pattern: str, keep: int) -> None:
    """Remove the entries matching ``pattern`` beyond the ``keep`` most recently written."""
    try:
        entries = sorted(
            cache_dir().glob(pattern), key=lambda path: path.stat().st_mtime_ns, reverse=True
        )
        for path in entries[keep:]:
            path.unlink()
    except OSError:
        pass


def kept(
    kind: str,
    files: Sequence[Path],
    max_bytes: int,
    compute: Callable[[], T],
    dump: Callable[[T], Any],
    restore: Callable[[Any], T | None],
) -> T:
    """``compute()``, or its result read back from the entry of ``kind`` for these files' exact
    bytes and this code.

    ``restore`` checks what it reads as the file itself would be checked and returns None for
    anything else (a miss, computed again); ``dump`` turns a result into plain JSON. Storing a new
    entry removes the oldest of its kind past ``KEEP_PER_KIND`` (an edited file or a new version
    of the code leaves its old entries behind).
    """
    key = key_for(kind, files, max_bytes)
    if key:
        found = restore(load(key))
        if found is not None:
            return found
    result = compute()
    if key:
        store(key, dump(result))
        prune(f"{kind}-*.json", KEEP_PER_KIND)
    return result


def public_holidays(country: str, year: int) -> frozenset[dt.date]:
    """``country``'s public holidays in ``year``, computed by the holidays package once per
    version of it, then read back as a JSON list of dates.

    Importing holidays loads every country's calendar (25 ms, its Hindu lunisolar calendar alone
    15 ms: ``python -X importtime``), a sixth of a ``status``; the dates themselves never change
    for a given version of the package.
    """
    def compute() -> frozenset[dt.date]:
        import holidays

        return frozenset(holidays.country_holidays(country, years=year).keys())

    version = _holidays_version()
    if version is None:
        return compute()
    return kept(
        f"feries-{country}-{year}",
        [version],
        1 << 16,
        compute,
        lambda days: sorted(day.isoformat() for day in days),
        lambda value: _holiday_dates(value, year),
    )


def package_folder(name: str) -> Path | None:
    """The folder of an installed package, found without importing it: an entry named by some
    of its files changes with the package's version. None when it is not installed as one."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _holidays_version() -> Path | None:
    """The holidays package's version file: an entry is named by it, the country and the year."""
    folder = package_folder("holidays")
    return folder / "version.py" if folder is not None else None


def _holiday_dates(value: Any, year: int) -> frozenset[dt.date] | None:
    """The stored dates, or None when the entry is not a list of dates of that year."""
    if not isinstance(value, list):
        return None
    days = set()
    for item in value:
        try:
            day = dt.date.fromisoformat(item)
        except (TypeError, ValueError):
            return None
        if day.year != year:
            return None
        days.add(day)
    return frozenset(days)
