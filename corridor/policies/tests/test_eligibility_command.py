"""`corridor policies eligibility` on files, as a separate process with no database and no settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

from corridor.policies.tests.helpers import cond

CORRIDOR = [sys.executable, "-m", "corridor.cli"]
ITEMS = [
    {"id": "wuhu-rnd", "title_zh": "芜湖研发补助", "title_en": "Wuhu R&D subsidy", "effective_from": "2026-01-01",
     "rule": {"all": [cond("region", "within_region", ["340200"], clause="第二条"),
                      cond("rnd_share", "gte", 3, clause="第三条")]}},
    {"id": "old", "expires_on": "2025-12-31", "rule": cond("kind", "eq", "enterprise")},
]
ORGS = [
    {"id": "a", "kind": "enterprise", "region": "340202", "rnd_share": 4.0},
    {"id": "b", "kind": "enterprise", "region": "340202"},
    {"id": "c", "kind": "institute", "region": "310117", "rnd_share": 9},
]


def run(tmp_path: Path, orgs=ORGS, items=ITEMS, *extra: str) -> subprocess.CompletedProcess:
    (tmp_path / "orgs.jsonl").write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in orgs), encoding="utf-8")
    (tmp_path / "items.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    # No database anywhere: an unreachable PostgreSQL URL and no secret key must not matter.
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "HOME": str(tmp_path)}
    return subprocess.run([*CORRIDOR, "policies", "eligibility", "--orgs", "orgs.jsonl", "--items", "items.json",
                           "--output", "out.jsonl", "--on", "2026-06-30", *extra],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def lines(tmp_path: Path) -> dict[str, dict[str, dict]]:
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    return {row["org"]: {a["item"]: a for a in row["answers"]} for row in out}


def test_three_answers_with_reasons(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    out = lines(tmp_path)
    assert list(out) == ["a", "b", "c"]
    assert out["a"]["wuhu-rnd"] == {"item": "wuhu-rnd", "answer": "eligible", "timing": "in_force", "window": None,
                                    "because": [0, 1], "missing": []}
    assert out["b"]["wuhu-rnd"]["answer"] == "unknown" and out["b"]["wuhu-rnd"]["missing"] == ["rnd_share"]
    assert out["c"]["wuhu-rnd"]["answer"] == "not_eligible" and out["c"]["wuhu-rnd"]["because"] == [0]
    assert out["a"]["old"]["timing"] == "expired" and out["c"]["old"]["answer"] == "not_eligible"
    assert "3 organisations × 2 items" in result.stderr and "3 eligible, 2 not eligible, 1 unknown" in result.stderr


def test_explain_and_filter(tmp_path):
    assert run(tmp_path, ORGS, ITEMS, "--answers", "not_eligible,unknown", "--explain").returncode == 0
    out = lines(tmp_path)
    assert out["a"] == {}  # eligible for the subsidy; the expired item is for enterprises: eligible too
    assert out["c"]["wuhu-rnd"]["because"] == [{"index": 0, "id": "", "field": "region", "label_zh": "条件：region within_region",
                                                "label_en": "condition: region within_region", "clause": "第二条"}]
    assert out["b"]["wuhu-rnd"]["missing"] == [{"field": "rnd_share", "label_zh": "研发费用占营业收入比例（%）",
                                                "label_en": "R&D spending share of revenue (%)"}]


def test_a_bad_profile_names_the_line_and_field_and_writes_nothing(tmp_path):
    result = run(tmp_path, [*ORGS, {"id": "d", "rnd_share": "4%"}])
    assert result.returncode == 2
    assert "orgs.jsonl:4" in result.stderr and "rnd_share" in result.stderr
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_a_bad_rule_names_the_item_and_condition(tmp_path):
    items = [*ITEMS, {"id": "broken", "rule": {"any": [cond("kind", "eq", "enterprise"), cond("size_band", "gte", "huge")]}}]
    result = run(tmp_path, ORGS, items)
    assert result.returncode == 2
    assert "broken" in result.stderr and "rule.any[1]" in result.stderr and "huge" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_duplicate_ids_and_bad_json(tmp_path):
    assert "appears twice" in run(tmp_path, [*ORGS, ORGS[0]]).stderr
    (tmp_path / "orgs.jsonl").write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    result = subprocess.run([*CORRIDOR, "policies", "eligibility", "--orgs", "orgs.jsonl", "--items", "items.json",
                             "--output", "out.jsonl"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and "orgs.jsonl:2" in result.stderr
