"""The project file never loses an answer: atomic saves, a backup, one wizard at a time, and a
file that cannot be read is reported with its line and never written over."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from partenariat import atomic as atomic_module
from partenariat.errors import (
    InvalidFileError,
    ProjectExistsError,
    ProjectLockedError,
    ProjectNotFoundError,
    StorageError,
)
from partenariat.project import (
    DEFAULT_NAME,
    FORMAT_VERSION,
    atomic_write,
    backup_path,
    create_project,
    dump_project,
    find_project,
    load_project,
    lock_path,
    new_project,
    open_project,
    parse_project,
)
from partenariat.yamlio import MAX_BYTES
from wizard_support import read_only


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    """A fresh project with one answer, created the way ``init`` does."""
    target = tmp_path / DEFAULT_NAME
    with create_project(target, new_project("association", "Les Amis", None)) as store:
        store.project.step(1).reponses["enjeux"] = "Premier enjeu"
        store.save()
    yield target


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_project_round_trips(path: Path) -> None:
    loaded = load_project(path)
    assert loaded.profil == "association"
    assert loaded.organisation.nom == "Les Amis"
    assert loaded.partenaire.nom is None
    assert loaded.format == FORMAT_VERSION
    assert loaded.answers(1) == {"enjeux": "Premier enjeu"}
    assert loaded.answers(2) == {}
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Projet partenariat")
    assert parse_project(text, path).model_dump() == loaded.model_dump()


def test_every_save_keeps_the_previous_version_as_bak(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "Des moyens"
        store.save()
        assert backup_path(path).read_text(encoding="utf-8") == before
        middle = path.read_text(encoding="utf-8")
        store.project.step(1).reponses["attentes"] = "Des compétences"
        store.save()
    assert backup_path(path).read_text(encoding="utf-8") == middle
    assert load_project(path).answers(1)["attentes"] == "Des compétences"
    assert load_project(backup_path(path)).answers(1)["attentes"] == "Des moyens"
    assert leftovers(path.parent) == []


def test_save_without_change_writes_nothing(path: Path) -> None:
    with open_project(path) as store:
        mtime = path.stat().st_mtime_ns
        store.save(touch=False)
    assert path.stat().st_mtime_ns == mtime


def test_multiline_answers_are_literal_blocks_and_templates_stay_text(path: Path) -> None:
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "ligne 1\nligne 2"
        store.project.step(1).reponses["enjeux"] = "{{ 7*7 }} {% if x %}"
        store.save()
    text = path.read_text(encoding="utf-8")
    assert "attentes: |-\n        ligne 1\n        ligne 2\n" in text
    # The template is stored as text, never evaluated (7*7 would read 49). Checked on the answer's
    # own line: the file's timestamps may contain « 49 » at any minute.
    enjeux_line = next(line for line in text.splitlines() if line.strip().startswith("enjeux:"))
    assert "7*7" in enjeux_line and "49" not in enjeux_line
    assert load_project(path).answers(1)["enjeux"] == "{{ 7*7 }} {% if x %}"


def test_new_project_file_mode_is_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / DEFAULT_NAME
        with create_project(target, new_project("entreprise", "Acme", "Les Amis")):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_save_keeps_a_hand_set_mode(path: Path) -> None:
    os.chmod(path, 0o640)
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "x"
        store.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_create_refuses_an_existing_project(path: Path) -> None:
    before = path.read_bytes()
    with (
        pytest.raises(ProjectExistsError, match="Un projet existe déjà"),
        create_project(path, new_project("entreprise", "Autre", None)),
    ):
        pass
    assert path.read_bytes() == before


def test_second_wizard_refused_while_the_lock_is_held(path: Path) -> None:
    with FileLock(str(lock_path(path))):
        with pytest.raises(ProjectLockedError) as info, open_project(path):
            pass
        assert "déjà ouvert par un autre assistant" in info.value.message
    with open_project(path) as store:  # released: usable again
        assert store.project.organisation.nom == "Les Amis"


def test_lock_released_after_an_error_inside(path: Path) -> None:
    with pytest.raises(RuntimeError), open_project(path):
        raise RuntimeError("boom")
    with open_project(path) as store:
        assert store.project.profil == "association"


def test_the_backup_is_the_previous_file_linked_not_written_again(path: Path) -> None:
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "Des moyens"
        store.save()
        first = os.stat(path)
        store.project.step(1).reponses["attentes"] = "Des compétences"
        store.save()
        backup = os.stat(backup_path(path))
    # the file the first save wrote became the backup as it was (same inode, no second flush)
    assert (backup.st_dev, backup.st_ino) == (first.st_dev, first.st_ino)
    assert load_project(backup_path(path)).answers(1)["attentes"] == "Des moyens"
    assert os.stat(path).st_ino != backup.st_ino
    assert leftovers(path.parent) == []


def test_a_file_changed_behind_the_wizard_is_not_the_backup(path: Path) -> None:
    """The backup holds what the wizard last saved, as it always did, even when the file on
    disk was rewritten meanwhile (then it is written, not linked)."""
    with open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "Des moyens"
        store.save()
        saved = path.read_text(encoding="utf-8")
        path.write_text(saved.replace("Des moyens", "Modifié à la main"), encoding="utf-8")
        store.project.step(1).reponses["attentes"] = "Des compétences"
        store.save()
    assert backup_path(path).read_text(encoding="utf-8") == saved
    assert load_project(path).answers(1)["attentes"] == "Des compétences"


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_full_disk_keeps_previous_file_and_raises_storage_error(
    path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = path.read_bytes()

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_project(path) as store:
        monkeypatch.setattr(os, failing, boom)
        store.project.step(1).reponses["attentes"] = "perdue ?"
        with pytest.raises(StorageError) as info:
            store.save()
        monkeypatch.undo()
    assert "le disque est plein" in info.value.message
    assert "intacte" in info.value.message
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []


def test_atomic_write_failure_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.txt"
    target.write_text("ancien", encoding="utf-8")

    def boom(*_args: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(atomic_module.os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"nouveau")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "ancien"
    assert leftovers(tmp_path) == []


def test_newer_format_reported_and_never_overwritten(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("format: 2\n", "format: 99\n")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    backup = backup_path(path).read_bytes() if backup_path(path).exists() else None
    line = text.splitlines().index("format: 99") + 1
    with pytest.raises(InvalidFileError) as info, open_project(path):
        pass
    assert info.value.errors[0][0] == line
    assert (
        "plus récente" in info.value.message and "mettez partenariat à jour" in info.value.message
    )
    assert path.read_bytes() == before
    # the last good backup is kept as it was: the unreadable file never replaces it
    assert (backup_path(path).read_bytes() if backup_path(path).exists() else None) == backup


@pytest.mark.parametrize(
    ("replace", "by", "fragment"),
    [
        (
            "profil: association\n",
            "profil: association\ncouleur: bleu\n",
            "couleur : champ inconnu",
        ),
        (
            "      enjeux: Premier enjeu\n",
            "      enjeux: Premier enjeu\n    note: x\n",
            "etapes.1.note : champ inconnu",
        ),
        ("profil: association\n", "profil: mairie\n", "profil : valeur non autorisée"),
        ("format: 2\n", "format: 0\n", "numéro de format invalide"),
        ("etapes:\n  '1':\n", "etapes:\n  '9':\n", "étape « 9 » inconnue"),
        ("statut: en_cours", "statut: fini", "valeur non autorisée"),
    ],
)
def test_invalid_project_reported_with_line(
    path: Path, replace: str, by: str, fragment: str
) -> None:
    text = path.read_text(encoding="utf-8")
    if replace not in text:  # statut may be a_faire in a fresh project
        replace = replace.replace("en_cours", "a_faire")
    assert replace in text
    text = text.replace(replace, by, 1)
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InvalidFileError) as info, open_project(path):
        pass
    assert fragment in info.value.message
    line = info.value.errors[0][0]
    assert line is not None
    assert f"{DEFAULT_NAME}, ligne {line}" in info.value.message
    assert path.read_bytes() == before


def test_hand_edited_unquoted_step_numbers_are_accepted(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("  '1':\n", "  1:\n")
    assert "  1:\n" in text
    path.write_text(text, encoding="utf-8")
    assert load_project(path).answers(1) == {"enjeux": "Premier enjeu"}


def test_unknown_key_points_at_its_own_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8") + "couleur: bleu\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_project(path)
    assert info.value.errors == [(len(text.splitlines()), "couleur : champ inconnu")]


def test_corrupt_yaml_reported_and_kept(path: Path) -> None:
    path.write_text("profil: [association\norganisation: {nom: X}\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InvalidFileError) as info, open_project(path):
        pass
    assert "YAML illisible" in info.value.message
    assert info.value.errors[0][0] == 2
    assert path.read_bytes() == before


def test_project_that_is_not_a_mapping(path: Path) -> None:
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InvalidFileError, match="ensemble de champs"):
        load_project(path)


def test_aliases_refused_in_project(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace(
        "organisation:\n  nom: Les Amis\npartenaire:\n  nom: null\n",
        "organisation: &o\n  nom: Les Amis\npartenaire: *o\n",
    )
    assert "*o" in text
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError, match="alias"):
        load_project(path)


def test_big_project_refused(path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * MAX_BYTES + "\n")
    with pytest.raises(InvalidFileError, match="trop volumineux"):
        load_project(path)


def test_invalid_utf8_project(path: Path) -> None:
    data = path.read_bytes().replace(b"Premier enjeu", "Été".encode("latin-1"))
    path.write_bytes(data)
    line = data[: data.index(b"\xc9t\xe9")].count(b"\n") + 1
    with pytest.raises(InvalidFileError) as info:
        load_project(path)
    assert info.value.errors == [(line, "le fichier n'est pas encodé en UTF-8")]


def test_find_project_walks_up_parents(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = path.parent / "documents" / "brouillons"
    deep.mkdir(parents=True)
    assert find_project(deep) == path
    monkeypatch.chdir(deep)
    assert find_project() == path


def test_find_project_none(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFoundError) as info:
        find_project(tmp_path)
    assert "partenariat init" in info.value.message


def test_open_missing_project(tmp_path: Path) -> None:
    with (
        pytest.raises(ProjectNotFoundError, match="Projet introuvable"),
        open_project(tmp_path / DEFAULT_NAME),
    ):
        pass


def test_dump_sorts_steps_numerically(path: Path) -> None:
    proj = load_project(path)
    proj.step(7).reponses["x"] = 1
    proj.step(2).reponses["y"] = 2
    text = dump_project(proj)
    assert text.index("'1':") < text.index("'2':") < text.index("'7':")


def test_read_only_folder_gives_storage_error(path: Path) -> None:
    folder = path.parent
    before = path.read_bytes()
    with read_only(folder), open_project(path) as store:
        store.project.step(1).reponses["attentes"] = "x"
        with pytest.raises(StorageError) as info:
            store.save()
    assert "lecture seule" in info.value.message
    assert path.read_bytes() == before
