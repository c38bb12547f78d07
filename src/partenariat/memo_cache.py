"""Pure results kept between runs: one JSON table per kind, read once, written back at exit.

Some work gives the same answer every time for the same input and the same code: parsing a
condition's text into its syntax tree, spelling an amount in French words. Each costs little, but a
fresh ``export`` does it a hundred times (10 ms of parsing, 15 ms of importing num2words) for
what a table read in a millisecond already holds. A ``Memo`` is that table: named by ``cache.key_for``
(the producing modules' source and the files given, so other code never reads it), holding plain
JSON only (no pickle, no marshal: reading it runs nothing), read from a folder only the user can
write (``cache.load``). The caller checks every value it gets back as it would a file's content,
and a value it refuses is computed again. New results are written once, when the process ends.
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from partenariat import cache

FORMAT = 1
MAX_BYTES = 1 << 20  # a producing file larger than this is not one we know: no table


class Memo:
    """A JSON table ``{key: value}`` of ``kind``, keyed by the code and by ``files``' bytes."""

    def __init__(self, kind: str, files: Sequence[Path], max_entries: int = 4096) -> None:
        self.kind = kind
        self.files = list(files)
        self.max_entries = max_entries
        self._name: str | None = None
        self._table: dict[str, Any] | None = None
        self._new: dict[str, Any] = {}
        self._folder: Path | None = None

    def _loaded(self) -> dict[str, Any]:
        if self._table is None:
            self._name = cache.key_for(self.kind, self.files, MAX_BYTES)
            data = cache.load(self._name) if self._name else None
            table = data.get("table") if isinstance(data, dict) else None
            ok = isinstance(data, dict) and data.get("format") == FORMAT
            self._table = table if ok and isinstance(table, dict) else {}
        return self._table

    def get(self, key: str) -> Any | None:
        """The stored value (to be checked by the caller), or None."""
        return self._loaded().get(key)

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` (plain JSON) for the next runs; written when the process ends."""
        table = self._loaded()
        if self._name is None or len(table) + len(self._new) >= self.max_entries:
            return
        if not self._new:
            # Tests and tools change the cache folder as they go: the table is written only
            # into the folder it was read from.
            self._folder = cache.cache_dir()
            atexit.register(self.save)
        self._new[key] = value

    def forget(self, key: str) -> None:
        """Drop a stored value the caller refused (it is replaced by the next ``put``)."""
        self._loaded().pop(key, None)

    def save(self) -> None:
        """Write the table with what this process added (nothing when it added nothing)."""
        if not self._new or self._name is None or cache.cache_dir() != self._folder:
            return
        table = {**self._loaded(), **self._new}
        cache.store(self._name, {"format": FORMAT, "table": table})
        cache.prune(f"{self.kind}-*.json", cache.KEEP_PER_KIND)
        self._table, self._new = table, {}
