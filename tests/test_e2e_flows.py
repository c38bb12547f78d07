"""Step 4's money flows in the real program, in a pseudo-terminal: a negative valuation and a
per-year split that does not add up are named and asked again, and never saved."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from partenariat.project import dump_project, load_project
from partenariat.questionnaire import Questionnaires, load_questionnaires
from test_e2e_pty import CLEAR, CPR, CPR_REPLY, ENTER, PROMPT, Robot
from wizard_support import EXAMPLE_ENTREPRISE, run_cli

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture(scope="module")
def quests() -> Questionnaires:
    return load_questionnaires()


def test_bad_valuation_and_split_are_named_and_asked_again(
    tmp_path: Path, quests: Questionnaires
) -> None:
    result = run_cli("init", "--no-input", "--answers", str(EXAMPLE_ENTREPRISE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "partenariat.yaml"
    project = load_project(path)
    del project.etapes["4"].reponses["flux"]
    path.write_text(dump_project(project), encoding="utf-8")

    robot = Robot(["step", "4"], tmp_path, quests, "entreprise")
    seen_on_disk: list[object] = []

    def negative_then_right() -> None:
        robot.child.send(CLEAR + "-5" + ENTER)
        robot.child.expect("ne peut pas être négatif")
        robot.child.send(CLEAR + "1 000" + ENTER)

    def split_that_does_not_add_up() -> None:
        robot.child.send(CLEAR + "2027 : 400 ; 2028 : 500" + ENTER)
        robot.child.expect("les années totalisent 900")
        # asked again: the wrong split was not saved
        seen_on_disk.append(load_project(path).answers(4)["flux"][0].get("montants_annuels"))
        robot.child.expect_exact(CPR)
        robot.child.send(CPR_REPLY)
        robot.child.expect(PROMPT)
        robot.child.send(CLEAR + "2027 : 400 ; 2028 : 600" + ENTER)

    label = "Flux du partenariat · flux financier 1 · "
    robot.plan = {
        label + "Montant ou valorisation": [negative_then_right],
        label + "Répartition par année": [split_that_does_not_add_up],
    }
    robot.run(on_review=[ENTER])
    assert robot.exit_code == 0, robot.transcript[-2000:]
    assert seen_on_disk == [None]
    [flow] = load_project(path).answers(4)["flux"]
    assert flow["montant"] == 1000
    assert flow["montants_annuels"] == {"2027": 400, "2028": 600}
