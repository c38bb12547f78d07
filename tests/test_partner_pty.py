"""End to end in a pseudo-terminal: compare with the partner's shared file, record one agreement
through the interactive converger (one question at a time), then read the clause's new status."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from partenariat.project import load_project
from partner_support import build_pair
from test_e2e_pty import DOWN, ENTER, UP, Robot, plain
from wizard_support import run_cli

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def test_compare_then_agree_then_checklist_status(tmp_path: Path) -> None:
    from partenariat.questionnaire import load_questionnaires

    company, association = build_pair(tmp_path)
    shared = tmp_path / "partage-asso.yaml"
    assert (
        run_cli("partage", "-p", str(association), "-o", str(shared), cwd=tmp_path).returncode == 0
    )
    quests = load_questionnaires()

    # 1. compare, in a terminal: the table, and exit code 1 (gaps remain).
    robot = Robot(["compare", str(shared), "-p", str(company)], tmp_path, quests, "entreprise")
    robot.child.expect(pexpect.EOF)
    robot.child.close()
    screen = plain(robot.child.before).replace("\u00a0", " ")
    assert "Durée de la" in screen and "24 mois (2 ans)" in screen
    assert robot.child.exitstatus == 1

    # 2. converger: the open points come one at a time; pass the first two (what each side
    # expects), keep our value for the money and its schedule, then stop.
    robot = Robot(["converger", str(shared), "-p", str(company)], tmp_path, quests, "entreprise")
    seen: list[str] = []
    answers = [DOWN + ENTER, DOWN + ENTER, ENTER, ENTER]
    while True:
        prompt = robot.next_prompt()
        assert prompt is not None, robot.transcript[-2000:]
        _before, message = prompt
        seen.append(message)
        if answers:
            robot.child.send(answers.pop(0))
            continue
        # The next point: stop here (the last option, one step up from the first).
        robot.child.send(UP + ENTER)
        break
    robot.child.expect(pexpect.EOF)
    robot.child.close()
    transcript = (robot.transcript + robot.child.before).replace("\u00a0", " ")
    assert len(seen) == 5, seen
    labels = [
        "Ce que l’entreprise attend du partenariat : quelle valeur avez-vous convenue",
        "Ce que l’association attend du partenariat : quelle valeur avez-vous convenue",
        "Flux (dons, mécénat de compétences, prêts, prestations) et leurs montants : quelle valeur",
        "Échéancier des versements : quelle valeur avez-vous convenue",
        "Durée de la convention : quelle valeur avez-vous convenue",
    ]
    flat = " ".join(transcript.split())
    positions = [flat.find(label) for label in labels]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    assert "Point 1 sur" in flat
    assert "Clause « modalites_financieres » : Convenu avec le partenaire" in transcript
    assert robot.child.exitstatus == 0, transcript[-1500:]
    project = load_project(company)
    assert [a.point for a in project.accords] == ["flux", "echeancier"]

    # 3. The checklist status of the clause, and the next comparison.
    listing = run_cli("convenir", "-p", str(company), cwd=tmp_path)
    row = next(line for line in listing.stdout.splitlines() if "modalites_financieres" in line)
    assert "Convenu avec le partenaire" in row
    data = json.loads(
        run_cli("compare", str(shared), "-p", str(company), "--format", "json", cwd=tmp_path).stdout
    )
    point = next(p for p in data["points"] if p["id"] == "flux")
    assert point["statut"] == "accord" and point["accord_du"] is not None
