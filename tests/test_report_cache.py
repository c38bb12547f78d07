"""``status`` and ``check`` replayed from the cache: the same text and code when nothing they read
changed, the report computed again as soon as anything did, and nothing read from a folder
someone else can write into.

Each test plants a recognisable text in the entry a first run kept: seeing it proves the second
run replayed (a replay disabled or never reached fails), not seeing it proves it recomputed.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from partenariat import cache, report_cache
from wizard_support import EXAMPLE_ENTREPRISE, run_cli

PLANTED = "TEXTE REJOUÉ DEPUIS LE CACHE\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A whole project (the company example's answers) and a cache of its own."""
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path / "cache"))
    result = run_cli("init", "--no-input", "--answers", str(EXAMPLE_ENTREPRISE), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "partenariat.yaml"


def entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("rapport-*.json"))


def plant(code: int = 0) -> None:
    """Replace what every kept report says by ``PLANTED``."""
    assert entries(), "no report was kept"
    for path in entries():
        cache.store(path.name, {"texte": PLANTED, "code": code})


def run(*args: str, cwd: Path) -> tuple[int, str]:
    result = run_cli(*args, cwd=cwd)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout


@pytest.mark.parametrize("command", [["status"], ["check"], ["check", "--format", "json"]])
def test_second_run_replays_the_first(project: Path, command: list[str]) -> None:
    code, first = run(*command, cwd=project.parent)
    assert first.strip()
    code_again, again = run(*command, cwd=project.parent)
    assert (code_again, again) == (code, first)
    plant(code)
    assert run(*command, cwd=project.parent) == (code, PLANTED)


def test_check_replays_its_exit_code(project: Path) -> None:
    import yaml

    data = yaml.safe_load(project.read_text(encoding="utf-8"))
    step4 = data["etapes"]["4"]["reponses"]
    step4.update(duree_mois=12, renouvellement="tacite", preavis_non_renouvellement_mois=18)
    project.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, text = run("check", cwd=project.parent)
    assert code == 1, text  # a notice longer than the convention blocks
    plant(1)
    assert run("check", cwd=project.parent) == (1, PLANTED)


def test_a_changed_project_is_reported_again(project: Path) -> None:
    run("status", cwd=project.parent)
    plant()
    with project.open("a", encoding="utf-8") as handle:
        handle.write("# une ligne de plus\n")
    code, text = run("status", cwd=project.parent)
    assert code == 0 and PLANTED not in text and "Étape" in text


@pytest.mark.parametrize(
    "variable, value", [("COLUMNS", "61"), ("NO_COLOR", ""), ("FORCE_COLOR", "1")]
)
def test_another_terminal_shape_is_another_entry(
    project: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    """Colours and width are part of the text: a narrower terminal never gets a wide table."""
    data = project.read_bytes()
    before = report_cache.entry_name("status", project, [], data)
    if value:
        monkeypatch.setenv(variable, value)
    else:
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("COLUMNS", "120")
    assert report_cache.entry_name("status", project, [], data) != before


def test_the_entry_depends_on_options_path_and_bytes(project: Path) -> None:
    data = project.read_bytes()
    names = {
        report_cache.entry_name("check", project, ["table"], data),
        report_cache.entry_name("check", project, ["json"], data),
        report_cache.entry_name("status", project, [], data),
        report_cache.entry_name("status", Path(project.name), [], data),
        report_cache.entry_name("status", project, [], data + b"\n"),
    }
    assert len(names) == 5


def test_changed_code_or_content_is_another_entry(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module edited (here: the hash of the package seen differently) never reads old text."""
    data = project.read_bytes()
    before = report_cache.entry_name("status", project, [], data)
    monkeypatch.setattr(report_cache, "_code_and_content", lambda: "autre code")
    assert report_cache.entry_name("status", project, [], data) != before


@pytest.mark.parametrize("folder_of", ["questionnaires_dir", "templates_dir"])
def test_code_and_content_hash_covers_the_content_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder_of: str
) -> None:
    """The rules and questions (questionnaires/), the clause catalogue and the calendar's data
    (templates/) decide what the reports say."""
    from partenariat import resources

    before = report_cache._code_and_content()
    folder = tmp_path / "contenu"
    folder.mkdir()
    (folder / "clauses.yaml").write_text("titre: A\n", encoding="utf-8")
    monkeypatch.setattr(resources, folder_of, lambda: folder)
    other = report_cache._code_and_content()
    (folder / "clauses.yaml").write_text("titre: B\n", encoding="utf-8")
    assert len({before, other, report_cache._code_and_content()}) == 3


def test_a_failed_report_is_not_kept(project: Path) -> None:
    project.write_text("format: [\n", encoding="utf-8")
    code, _ = run("status", cwd=project.parent)
    assert code == 1
    assert entries() == []


def test_a_report_that_wrote_on_stderr_or_in_bytes_is_not_kept(project: Path) -> None:
    def noisy() -> int:
        sys.stdout.write("rapport\n")
        sys.stderr.write("avertissement\n")
        return 0

    def binary() -> int:
        sys.stdout.write("rapport\n")
        sys.stdout.buffer.write(b"octets\n")
        return 0

    out, err = io.TextIOWrapper(io.BytesIO()), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        for work in (noisy, binary):
            assert report_cache.run("status", project, [], work) == 0
    finally:
        sys.stdout, sys.stderr = saved
    assert entries() == []


@pytest.mark.skipif(os.name != "posix", reason="folder permissions are POSIX")
def test_a_folder_others_can_write_is_not_read(project: Path) -> None:
    run("status", cwd=project.parent)
    plant()
    folder = cache.cache_dir()
    folder.chmod(0o777)
    code, text = run("status", cwd=project.parent)
    assert code == 0 and PLANTED not in text and "Étape" in text
    assert folder.stat().st_mode & 0o777 == 0o700  # the next store made it private again


@pytest.mark.parametrize("entry", ["{", '{"texte": 3, "code": 0}', '{"texte": "x", "code": 7}'])
def test_a_broken_entry_is_recomputed(project: Path, entry: str) -> None:
    code, first = run("status", cwd=project.parent)
    for path in entries():
        path.write_text(entry, encoding="utf-8")
    assert run("status", cwd=project.parent) == (code, first)


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTENARIAT_CACHE_DIR", str(tmp_path))
    for i in range(5):
        path = tmp_path / f"rapport-{i}.json"
        path.write_text("{}", encoding="utf-8")
        os.utime(path, ns=(i * 10**9, i * 10**9))
    (tmp_path / "regles-x.json").write_text("{}", encoding="utf-8")
    cache.prune("rapport-*.json", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rapport-3.json",
        "rapport-4.json",
        "regles-x.json",
    ]


@pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero are POSIX")
def test_pipes_and_devices_are_not_read(tmp_path: Path) -> None:
    """Reading a pipe would hang and /dev/zero never ends: neither gets an entry name."""
    fifo = tmp_path / "tube.yaml"
    os.mkfifo(fifo)
    assert report_cache._read(fifo) is None
    assert report_cache._read(Path("/dev/zero")) is None
    assert report_cache._read(tmp_path) is None
    (tmp_path / "p.yaml").write_bytes(b"format: 2\n")
    assert report_cache._read(tmp_path / "p.yaml") == b"format: 2\n"
