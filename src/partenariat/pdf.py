"""PDF through LibreOffice, when it is installed: one headless run for every document, a time
limit, and the clock's dates and identifiers rewritten from the project.

A PDF is LibreOffice's rendering of the ODT (or of the DOCX when only a Word reference was given);
its creation date and identifiers, which LibreOffice takes from the clock, are rewritten to the
project's date so that the same project gives the same pages, text and properties.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from partenariat.convert import ConversionError
from partenariat.errors import PartenariatError
from partenariat.office_package import ZIP_EPOCH, as_utc

if TYPE_CHECKING:
    from partenariat.convert import Conversion

# LibreOffice: the first start of a fresh profile takes a few seconds, then each document one or
# two; a conversion still running after this many seconds is stopped and named.
PDF_TIMEOUT_START = 120
PDF_TIMEOUT_PER_DOCUMENT = 60


class PdfUnavailableError(PartenariatError):
    """PDF asked for, LibreOffice absent: the other formats are written, the PDF is not."""


def find_soffice() -> str | None:
    """LibreOffice's command-line program: on the PATH, else where its installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    return next((str(c) for c in candidates if c.is_file()), None)


def install_hint() -> str:
    """How to install LibreOffice, in French, for the usual systems."""
    return (
        "Pour produire les PDF, installez LibreOffice puis relancez la commande :\n"
        "  - Debian, Ubuntu : sudo apt-get install libreoffice-writer\n"
        "  - Fedora : sudo dnf install libreoffice-writer\n"
        "  - macOS : brew install --cask libreoffice (ou https://fr.libreoffice.org)\n"
        "  - Windows : https://fr.libreoffice.org/download/telecharger-libreoffice/\n"
        "L'outil cherche le programme soffice dans le PATH (et, sous macOS et Windows, "
        "à l'emplacement d'installation habituel)."
    )


def pdf_timeout(count: int) -> int:
    return PDF_TIMEOUT_START + PDF_TIMEOUT_PER_DOCUMENT * count


def to_pdf(
    soffice: str,
    items: Sequence[tuple[Path, Conversion]],
    out_dir: Path,
    profile: Path,
    timeout: float | None = None,
) -> None:
    """Convert every source file to PDF in one LibreOffice run, then give each its job's output.

    LibreOffice runs headless with a private profile (two exports at once do not collide, the
    user's own LibreOffice is not touched) and in a process group of its own, stopped whole when
    it outlives ``timeout``. A failure names the document; no output is written for a document
    whose PDF is missing or unreadable.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    limit = timeout if timeout is not None else pdf_timeout(len(items))
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *(str(source) for source, _job in items),
    ]
    env = dict(os.environ)
    env["TZ"] = "UTC"  # LibreOffice writes its clock's time zone into the PDF dates
    env.setdefault("HOME", tempfile.gettempdir())
    detail = ""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=os.name != "nt",
        )
    except OSError as exc:
        raise ConversionError(
            f"LibreOffice ({soffice}) n'a pas pu être lancé : {exc.strerror or exc}"
        ) from None
    try:
        output, _ = process.communicate(timeout=limit)
        detail = output.decode("utf-8", errors="replace").strip()
    except subprocess.TimeoutExpired:
        _stop(process)
        first = _first_missing(items, out_dir)
        raise ConversionError(
            f"La conversion en PDF de « {first} » par LibreOffice n'a pas abouti en "
            f"{limit:g} secondes : elle a été arrêtée et aucun PDF n'a été écrit."
        ) from None
    finally:
        if process.poll() is None:
            _stop(process)
    for source, job in items:
        produced = out_dir / f"{source.stem}.pdf"
        try:
            data = produced.read_bytes()
        except OSError:
            data = b""
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            reason = f" ({detail})" if detail and process.returncode else ""
            raise ConversionError(
                f"La conversion en PDF de « {job.title} » par LibreOffice a échoué{reason} : "
                "aucun PDF n'a été écrit."
            )
        job.output.write_bytes(normalise_pdf(data, job.date))


def _first_missing(items: Sequence[tuple[Path, Conversion]], out_dir: Path) -> str:
    """LibreOffice converts in order: the first document without its PDF is the one it was on."""
    for source, job in items:
        if not (out_dir / f"{source.stem}.pdf").is_file():
            return job.title
    return items[-1][1].title


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and its children (soffice starts soffice.bin), then reap it."""
    with contextlib.suppress(OSError):
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def normalise_pdf(data: bytes, date: dt.datetime | None) -> bytes:
    """LibreOffice's PDF with the project's date instead of the clock's, and identifiers derived
    from the content instead of from the clock.

    Every replacement keeps its length, so the cross-reference offsets stay right.
    """
    utc = as_utc(date) or ZIP_EPOCH
    stamp = utc.strftime("%Y%m%d%H%M%S").encode("ascii")
    data = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + stamp, data)

    def blank(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        for group in match.groups():
            text = text.replace(group, b"0" * len(group))
        return text

    blanked = _PDF_CHECKSUM.sub(blank, _PDF_ID.sub(blank, data))
    digest = hashlib.md5(blanked, usedforsecurity=False).hexdigest().upper().encode("ascii")

    def fill(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        for group in match.groups():
            text = text.replace(group, (digest * 2)[: len(group)])
        return text

    return _PDF_CHECKSUM.sub(fill, _PDF_ID.sub(fill, blanked))
