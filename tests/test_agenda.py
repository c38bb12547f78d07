"""``partenariat agenda``: every project under the folders, what falls due, sorted by date; the
projects that cannot be read are named and never hide the others."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from wizard_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    """Two real projects, one unreadable, one of a newer format, one hidden folder, one empty."""
    root = tmp_path / "partenariats"
    for name in ("mecenat-competences", "cooperation-insertion"):
        target = root / "clients" / name
        target.mkdir(parents=True)
        shutil.copy(EXAMPLES / name / "partenariat.yaml", target / "partenariat.yaml")
    (root / "casse").mkdir()
    (root / "casse" / "partenariat.yaml").write_text("format: [\n", encoding="utf-8")
    newer = (EXAMPLES / "cooperation-insertion" / "partenariat.yaml").read_text(encoding="utf-8")
    (root / "futur").mkdir()
    (root / "futur" / "partenariat.yaml").write_text(
        re.sub(r"^format: \d+$", "format: 99", newer, count=1, flags=re.M), encoding="utf-8"
    )
    (root / ".cache" / "x").mkdir(parents=True)
    shutil.copy(EXAMPLES / "cooperation-insertion" / "partenariat.yaml", root / ".cache" / "x")
    return root


def agenda_json(folder: Path, *args: str) -> dict[str, object]:
    result = run_cli("agenda", str(folder), "--format", "json", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_agenda_lists_what_falls_due_across_partnerships(folders: Path) -> None:
    data = agenda_json(folders, "--depuis", "2027-01-01", "--jours", "45")
    items = data["echeances"]
    assert isinstance(items, list)
    dates = [item["date"] for item in items]
    assert dates == sorted(dates)
    assert all("2027-01-01" <= d <= "2027-02-15" for d in dates)
    partnerships = {item["partenariat"] for item in items}
    assert partnerships == {
        "Castelnef Ingénierie & Numérique – Tremplin Octet",
        "Réseau Chantiers Passerelle Occitanie – Vernadel Construction",
    }
    payment = next(i for i in items if i["type"] == "versement")
    assert payment["date"] == "2027-01-29" and payment["etape"] == 4
    assert payment["echeance"].startswith("Versement n° 1")
    assert data["projets_lus"] == 2
    # the unreadable and the newer projects are named; the hidden folder is not searched
    skipped = "\n".join(data["ignores"])  # type: ignore[arg-type]
    assert "casse" in skipped and "futur" in skipped and "format 99" in skipped
    assert ".cache" not in skipped


def test_agenda_table_names_the_skipped_projects(folders: Path) -> None:
    result = run_cli("agenda", str(folders), "--depuis", "1/10/2029", "--jours", "10", cwd=folders)
    text = result.stdout + result.stderr
    assert result.returncode == 0, text
    assert "Traceback" not in text
    assert "Date limite pour décider du renouvellement" in text  # 3 October 2029
    assert "3 octobre 2029" in text
    assert "Ignoré" in result.stderr and "casse" in result.stderr


def test_agenda_ics_holds_every_partnership(folders: Path, tmp_path: Path) -> None:
    # a project whose referents have no e-mail is read, and named: no attendee to invite
    text = (EXAMPLES / "cooperation-insertion" / "partenariat.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if "courriel:" not in line]
    (folders / "sans-courriel").mkdir()
    (folders / "sans-courriel" / "partenariat.yaml").write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "tous.ics"
    result = run_cli("agenda", str(folders), "--format", "ics", "-o", str(out), cwd=folders)
    assert result.returncode == 0, result.stderr
    cal = Calendar.from_ical(out.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any(s.endswith("Tremplin Octet") for s in summaries)
    assert any(s.endswith("Vernadel Construction") for s in summaries)
    uids = [str(e["UID"]) for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e]
    assert len(uids) == len(set(uids))
    assert "sans-courriel" in result.stderr and "aucun référent" in result.stderr


def test_agenda_without_projects_or_with_bad_options(tmp_path: Path) -> None:
    result = run_cli("agenda", str(tmp_path / "nulle-part"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Aucun projet" in result.stderr and "introuvable" in result.stderr
    bad = run_cli("agenda", str(tmp_path), "--format", "xml", cwd=tmp_path)
    assert bad.returncode == 2 and "xml" in bad.stderr
    bad = run_cli("agenda", str(tmp_path), "--depuis", "31/02/2027", cwd=tmp_path)
    assert bad.returncode == 2 and "--depuis" in bad.stderr
    for text in (bad.stdout + bad.stderr,):
        assert "Traceback" not in text


def test_agenda_reads_many_projects(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_agenda import generate
    finally:
        sys.path.pop(0)
    from partenariat.agenda import PARALLEL_FROM, collect

    count = PARALLEL_FROM + 6  # enough to be read by several worker processes
    generate(tmp_path, count)
    (tmp_path / "groupe-3" / "casse").mkdir()
    (tmp_path / "groupe-3" / "casse" / "partenariat.yaml").write_text("[\n", encoding="utf-8")
    result = collect([tmp_path], dt.date(2027, 1, 1), 365)
    assert len(result.projets) == count
    assert len(result.ignores) == 1 and "casse" in result.ignores[0]
    names = {item.partenariat for item in result.echeances}
    assert len(names) == count


def test_agenda_checks_answers_as_every_command_does(tmp_path: Path) -> None:
    """A hand-edited answer that ``status`` would refuse is named and skipped, never dated."""
    root = tmp_path / "partenariats"
    good, edited = root / "bon", root / "retouche"
    for folder in (good, edited):
        folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / "mecenat-competences" / "partenariat.yaml", good / "partenariat.yaml")
    text = (EXAMPLES / "cooperation-insertion" / "partenariat.yaml").read_text(encoding="utf-8")
    (edited / "partenariat.yaml").write_text(
        text.replace("date_debut: '2027-01-04'", "date_debut: demain", 1), encoding="utf-8"
    )
    status = run_cli("status", "--project", str(edited / "partenariat.yaml"), cwd=root)
    found = re.search(r"ligne \d+ : .*« demain » n'est pas une date", status.stderr)
    assert status.returncode == 1 and found, status.stderr
    data = agenda_json(root, "--depuis", "2027-01-01", "--jours", "3660")
    skipped = "\n".join(data["ignores"])  # type: ignore[arg-type]
    assert "retouche" in skipped and found.group(0) in skipped, skipped
    assert data["projets_lus"] == 1
    assert {item["partenariat"] for item in data["echeances"]} == {  # type: ignore[union-attr]
        "Castelnef Ingénierie & Numérique – Tremplin Octet"
    }
