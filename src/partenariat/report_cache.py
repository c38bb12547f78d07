"""``status`` and ``check`` replayed when nothing they read has changed since they last ran.

Both commands are read-only reports: the same project bytes, content, code, libraries, day and
terminal give the same text and the same exit code. Computing them loads the pydantic models,
parses the questionnaires' conditions and runs every rule, about four times the cost of starting a
bare typer application (``benchmarks/bench_startup.py``); people run them again and again between
two answers. So the text a report printed is kept in the cache (``partenariat.cache``) under a name
hashed from everything that decides it, and printed again as it was, before anything heavy is
imported:

- the project file's exact bytes, its path as given, the working folder and today's date;
- the source of every module of the package and every file of the questionnaires and
  templates folders;
- the installed distributions' names and versions (each ``*.dist-info`` folder on the path);
- what shapes the output: whether it is a terminal, its size, its encoding, and the variables
  rich reads (``TERM``, ``NO_COLOR``, ``COLUMNS``…).

An entry is plain JSON text and a number: reading one runs nothing. A run is kept only when it
ended normally, wrote nothing on the error output and left the project file as it found it; a
missing or unreadable entry only means computing the report again.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from partenariat import __version__, cache

FORMAT = 1
KIND = "rapport"
# Past this size a project is not worth a cache entry (the loader refuses 5 MB anyway).
MAX_PROJECT_BYTES = 5 * 1024 * 1024
# A user who answers, checks, answers again leaves an entry per state: the oldest go past this.
MAX_ENTRIES = 200
# What rich's Console reads from the environment to decide colours, width and symbols.
OUTPUT_VARIABLES = (
    "COLORTERM",
    "COLUMNS",
    "FORCE_COLOR",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LINES",
    "NO_COLOR",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "UNICODE_VERSION",
)


def run(command: str, project: Path, options: Sequence[str], work: Callable[[], int]) -> int:
    """The exit code of ``work`` (which prints the report), or of its replay when kept."""
    data = _read(project)
    name = entry_name(command, project, options, data) if data is not None else None
    if name is not None:
        code = replay(name)
        if code is not None:
            return code
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        code = work()
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
    if (
        name is not None
        and out.faithful
        and not err.parts
        and err.faithful
        and _read(project) == data
    ):
        _keep(name, "".join(out.parts), code)
    return code


def entry_name(command: str, project: Path, options: Sequence[str], data: bytes) -> str:
    """The cache entry's name for this report of these project bytes, here and now."""
    import datetime as dt

    digest = hashlib.sha256(
        "\0".join(
            (
                f"{KIND}|{FORMAT}|{__version__}|{sys.version}|{sys.platform}",
                command,
                *options,
                str(project),
                os.getcwd(),
                dt.date.today().isoformat(),
                _output_shape(),
            )
        ).encode("utf-8", "surrogateescape")
    )
    digest.update(b"\0" + data + b"\0")
    digest.update(_code_and_content().encode())
    return f"{KIND}-{digest.hexdigest()[:40]}.json"


def replay(name: str) -> int | None:
    """Print the kept report and return its exit code; None when there is no usable entry."""
    entry = cache.load(name)
    if not isinstance(entry, dict):
        return None
    text, code = entry.get("texte"), entry.get("code")
    if not isinstance(text, str) or type(code) is not int or not 0 <= code <= 1:
        return None
    sys.stdout.write(text)
    sys.stdout.flush()
    return code


def _keep(name: str, text: str, code: int) -> None:
    if code not in (0, 1):
        return
    cache.store(name, {"texte": text, "code": code})
    cache.prune(f"{KIND}-*.json", MAX_ENTRIES)


def _read(project: Path) -> bytes | None:
    """The project's bytes; None for anything but a regular file of reasonable size (read as
    the loader reads it, without blocking on a pipe: the command itself names the problem)."""
    from partenariat.bounded_read import read_bounded

    try:
        return read_bounded(project, MAX_PROJECT_BYTES)
    except OSError:
        return None


def _output_shape() -> str:
    """Whether the output is a terminal, its size and encoding, and rich's variables."""
    stream = sys.stdout
    try:
        terminal = bool(stream.isatty())
    except (AttributeError, ValueError):
        terminal = False
    sizes = []
    for fd in (0, 1, 2):  # rich asks each standard stream in turn
        try:
            sizes.append("{}x{}".format(*os.get_terminal_size(fd)))
        except (OSError, ValueError):
            sizes.append("-")
    encoding = f"{getattr(stream, 'encoding', '')}/{getattr(stream, 'errors', '')}"
    variables = [f"{k}={os.environ.get(k, '')}" for k in OUTPUT_VARIABLES if k in os.environ]
    return "|".join((str(terminal), *sizes, encoding, *variables))


def _code_and_content() -> str:
    """A hash of the package's modules, the questionnaires and templates folders (the clause
    catalogue and the calendar's data live with the templates) and the installed distributions
    (a ``pip install -U rich`` changes a table's drawing)."""
    from partenariat.resources import questionnaires_dir, templates_dir

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        _add_file(digest, path)
    for folder in (questionnaires_dir(), templates_dir()):
        for path in sorted(_files(folder)):
            _add_file(digest, path)
    for name in sorted(_distributions()):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _add_file(digest: Any, path: Path) -> None:
    try:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes())
    except OSError:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0?")


def _files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            yield Path(root) / name


def _distributions() -> Iterator[str]:
    """The ``name-version.dist-info`` (or ``.egg-info``) entries of every folder on the path."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                yield f"{entry}/{name}"


class _Tee:
    """A text stream that passes everything on to ``stream`` and keeps a copy.

    Bytes, or a reach for the binary ``buffer`` under it, would bypass the copy: such a run is
    simply not kept (``faithful`` turns false).
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.parts: list[str] = []
        self.faithful = True

    def write(self, text: Any) -> int:
        if isinstance(text, str):
            self.parts.append(text)
        else:
            self.faithful = False
        written: int = self.stream.write(text)
        return written

    @property
    def buffer(self) -> Any:
        self.faithful = False
        return self.stream.buffer

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, flush, encoding…
        return getattr(self.stream, name)
