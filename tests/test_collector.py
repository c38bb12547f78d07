"""The garbage collector's settings: rare young collections while a command starts, everything
frozen at exit (nothing left for the interpreter's last collections to walk), and the wizard back
to short young collections before its first prompt."""

from __future__ import annotations

import subprocess
import sys

from partenariat import SESSION_YOUNG, START_YOUNG


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_a_command_starts_with_rare_young_collections_and_the_wizard_goes_back() -> None:
    out = _run(
        "import gc, partenariat\n"
        "print(gc.get_threshold()[0])\n"
        "from partenariat.session import settle_memory\n"
        "settle_memory()\n"
        "print(gc.get_threshold()[0], gc.get_freeze_count() > 0)\n"
    )
    assert out.split() == [str(START_YOUNG), str(SESSION_YOUNG), "True"]
    assert START_YOUNG > SESSION_YOUNG


def test_a_threshold_the_user_chose_is_left_alone() -> None:
    out = _run(
        "import gc\n"
        "gc.set_threshold(0)\n"
        "import partenariat\n"
        "from partenariat.session import settle_memory\n"
        "settle_memory()\n"
        "print(gc.get_threshold()[0], gc.isenabled())\n"
    )
    assert out.split() == ["0", "True"]


def test_what_is_alive_is_frozen_before_the_interpreter_exits() -> None:
    # Registered before partenariat's handler, so it runs after it (atexit is last in, first out).
    out = _run(
        "import atexit, gc\n"
        "atexit.register(lambda: print('gele' if gc.get_freeze_count() > 0 else 'non gele'))\n"
        "import partenariat\n"
        "print('fin')\n"
    )
    assert out.split() == ["fin", "gele"]
