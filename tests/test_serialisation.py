"""The incremental save writes, byte for byte, the text a whole serialisation writes.

``IncrementalDump`` reuses the YAML of answers that did not change; if it ever reused a stale
fragment, the file on disk would silently hold an old answer. Each test edits a project the way a
session does and compares the incremental text with ``dump_project``'s after every edit.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partenariat.project import Project, dump_project, load_project
from partenariat.serialisation import IncrementalDump

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/partenariat.yaml"))


def _check(dumper: IncrementalDump, project: Project) -> str:
    text = dumper.dump(project)
    assert text == dump_project(project)
    return text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_same_text_first_and_after_edits(path: Path) -> None:
    project = load_project(path)
    dumper = IncrementalDump()
    first = _check(dumper, project)
    assert _check(dumper, project) == first  # everything reused
    answers = project.answers(3)
    items = next(
        v for v in answers.values() if isinstance(v, list) and v and isinstance(v[0], dict)
    )
    items[0][next(iter(items[0]))] = "Nom\nsur deux lignes"
    items.append(copy.deepcopy(items[0]))
    second = _check(dumper, project)
    assert "Nom\n" not in first and "|-\n" in second
    del items[0]
    _check(dumper, project)
    items.clear()
    _check(dumper, project)
    project.step(3).a_revoir = [next(iter(answers))]
    _check(dumper, project)
    del project.etapes["3"]
    _check(dumper, project)


def test_type_changes_that_compare_equal_are_written() -> None:
    """``True == 1 == 1.0`` in Python, but the file must say which one the answer is."""
    project = load_project(EXAMPLES[0])
    dumper = IncrementalDump()
    answers = project.step(1).reponses
    texts = []
    for value in (1, True, 1.0, "1", [{"a": 1}], [{"a": True}], [{"a": 1.0}], []):
        answers["essai"] = value
        texts.append(_check(dumper, project))
    assert len(set(texts)) == len(texts)


_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.text(max_size=130),
    st.dates().map(dt.date.isoformat),
    st.dates(),  # a date read unquoted from a hand-edited file
    st.datetimes(),
)
_value = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["nom", "montant", "date", "note"]), inner, max_size=3)
    ),
    max_leaves=8,
)
_item = st.dictionaries(st.sampled_from(["nom", "montant", "detail", "evaluation"]), _value)
_edit = st.tuples(
    st.sampled_from(["1", "3"]),  # few keys, so that most edits change an answer already saved
    st.sampled_from(["liste", "candidats"]),
    st.one_of(_value, st.lists(_item, max_size=4)),
    st.integers(0, 3),
)


@settings(
    max_examples=80,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(_edit, min_size=2, max_size=12))
def test_random_edits_same_text(edits: list[tuple[str, str, Any, int]]) -> None:
    project = load_project(EXAMPLES[0])
    dumper = IncrementalDump()
    _check(dumper, project)
    for step, qid, value, where in edits:
        answers = project.step(int(step)).reponses
        current = answers.get(qid)
        if where == 0 and isinstance(current, list) and current and isinstance(value, list):
            current[len(current) // 2 : len(current) // 2 + 1] = value  # edit in place
        elif where == 1 and qid in answers:
            del answers[qid]
        else:
            answers[qid] = value
        _check(dumper, project)
