"""Shared test settings: the per-user cache goes to a folder of the test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Subprocesses started by the tests inherit it too.
    previous = os.environ.get("PARTENARIAT_CACHE_DIR")
    os.environ["PARTENARIAT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("PARTENARIAT_CACHE_DIR", None)
    else:
        os.environ["PARTENARIAT_CACHE_DIR"] = previous
