"""Autosave under ``kill -9``: a real process saves answer after answer and is killed at random
instants, a few hundred times. After each kill the project (and its backup) must read back, hold
every acknowledged answer, and leave no stale lock; leftovers of the killed save are removed at
the next open.

The saving process is forked from this one (the tool is already imported, so each round costs a
fork rather than an interpreter start); it is a separate process killed by a real SIGKILL.
"""

from __future__ import annotations

import os
import random
import signal
import struct
import time
from pathlib import Path

from partenariat.errors import PartenariatError, ProjectLockedError
from partenariat.project import (
    DEFAULT_NAME,
    backup_path,
    create_project,
    load_project,
    new_project,
    open_project,
)

ANSWERS = {
    "enjeux": "Un enjeu décrit sur plusieurs lignes.\nDeuxième ligne.",
    "objectifs": ["financement", "competences"],
}

KILLS = 300
SEED = 13
LOCKED = 0xFFFFFFFF
OTHER_ERROR = 0xFFFFFFFE
READY = 0


def _saving_process(path: Path, first: int, out: int) -> None:
    """Runs in the forked child: answer after answer, each acknowledged once saved."""
    code = 0
    try:
        with open_project(path) as store:
            os.write(out, struct.pack("<I", READY))
            i = first
            while True:
                i += 1
                store.project.step(1).reponses["attentes"] = f"réponse {i} " + "x" * (i % 997)
                store.save()
                os.write(out, struct.pack("<I", i))  # acknowledged: the save returned
    except ProjectLockedError:
        os.write(out, struct.pack("<I", LOCKED))
    except (PartenariatError, OSError):
        os.write(out, struct.pack("<I", OTHER_ERROR))
    finally:
        os._exit(code)


def _number(path: Path) -> int:
    return int(load_project(path).answers(1)["attentes"].split()[1])


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_kill_9_during_autosave_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / DEFAULT_NAME
    with create_project(path, new_project("association", "Les Amis", "Acme")) as store:
        store.project.step(1).reponses.update(ANSWERS)
        store.project.step(1).reponses["attentes"] = "réponse 0"
        store.save()
    rng = random.Random(SEED)
    corrupt = lost = locked = errors = ahead = 0
    saves = 0
    rounds_with_leftovers = 0
    last_ack = 0
    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(read_end)
            _saving_process(path, last_ack + 1, write_end)
        os.close(write_end)
        data = b""
        if rng.random() < 0.9:  # most kills during the saves, some while opening
            data = os.read(read_end, 4)
            time.sleep(rng.uniform(0.0, 0.06))  # a save takes tens of ms (fsync)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_end, 65536):
            data += chunk
        os.close(read_end)
        acks = [v for (v,) in struct.iter_unpack("<I", data[: len(data) // 4 * 4])]
        locked += acks.count(LOCKED)
        errors += acks.count(OTHER_ERROR)
        acks = [a for a in acks if READY < a < OTHER_ERROR]
        saves += len(acks)
        if _temporaries(tmp_path):
            rounds_with_leftovers += 1
        try:
            found = _number(path)
            load_project(backup_path(path)) if backup_path(path).exists() else None
        except PartenariatError:
            corrupt += 1
            break
        if acks:
            if found < acks[-1]:
                lost += 1
            elif found > acks[-1] + 1:
                ahead += 1  # impossible: only one save can finish unacknowledged
            last_ack = max(found, acks[-1])
        else:
            last_ack = max(found, last_ack)
    with open_project(path):  # the next open cleans what the last kill left
        pass
    summary = (
        f"{KILLS} kills, {saves} acknowledged saves, {corrupt} corrupt, {lost} lost, "
        f"{locked} stale locks, {errors} other errors, {ahead} impossible states, "
        f"{rounds_with_leftovers} kills left temporary files"
    )
    print(summary)
    assert corrupt == 0 and lost == 0 and locked == 0 and errors == 0 and ahead == 0, summary
    assert saves > KILLS // 2, summary  # the kills did land among saves, not only before them
    assert _temporaries(tmp_path) == [], summary
    assert _number(path) >= last_ack
