"""The crash report ``cli.main`` writes for an unexpected error (exit 70): the version and the
whole traceback in a file the user can attach to a bug report, or a plain note when it cannot."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from partenariat import __version__
from partenariat.errors import write_crash_report


def _raised() -> ValueError:
    try:
        raise ValueError("valeur inattendue 42")
    except ValueError as exc:
        return exc


def test_report_holds_version_and_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    report = Path(write_crash_report(_raised()))
    assert report.parent == tmp_path and report.name.startswith("partenariat-erreur-")
    text = report.read_text(encoding="utf-8")
    assert text.startswith(f"partenariat {__version__}\n")
    assert "Traceback (most recent call last)" in text and "_raised" in text
    assert text.rstrip().endswith("ValueError: valeur inattendue 42")


def test_unwritable_report_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "absent"))
    assert write_crash_report(_raised()) == "(rapport impossible à écrire)"
