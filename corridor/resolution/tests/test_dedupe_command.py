"""The file interface `corridor dedupe IN.csv --output OUT.jsonl`, run as a separate process with no database."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

CORRIDOR = [sys.executable, "-m", "corridor.cli"]


def run(tmp_path: Path, rows: list[dict[str, str]], header: list[str], encoding: str = "utf-8") -> subprocess.CompletedProcess:
    source = tmp_path / "in.csv"
    with source.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    # No database anywhere: an unreachable PostgreSQL URL and no secret key must not matter.
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "HOME": str(tmp_path)}
    return subprocess.run([*CORRIDOR, "dedupe", str(source), "--output", str(tmp_path / "out.jsonl"), "-q"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_one_json_line_per_row_and_clusters(tmp_path):
    rows = [
        {"id": "a", "name": "苏州融威智能装备制造有限公司", "address": "", "uscc": ""},
        {"id": "b", "name": "Suzhou Rongwei Intelligent Equipment Manufacturing Co., Ltd.", "address": "", "uscc": ""},
        {"id": "c", "name": "杭州海康威视数字技术股份有限公司", "address": "浙江省杭州市滨江区", "uscc": ""},
        {"id": "d", "name": "杭州海康机器人股份有限公司", "address": "", "uscc": ""},
    ]
    done = run(tmp_path, rows, ["id", "name", "address", "uscc"], encoding="utf-8-sig")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert set(out[0]) == {"id", "cluster"}
    labels = {o["id"]: o["cluster"] for o in out}
    assert labels["a"] == labels["b"]
    assert labels["c"] != labels["d"] and labels["c"] != labels["a"]
    assert not (tmp_path / "var").exists()  # nothing of the platform was set up


def test_only_id_and_name_are_required(tmp_path):
    done = run(tmp_path, [{"id": "1", "name": "京东方"}, {"id": "2", "name": "京東方"}], ["id", "name"])
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert out[0]["cluster"] == out[1]["cluster"]


def test_a_missing_column_is_named(tmp_path):
    done = run(tmp_path, [{"ident": "1", "name": "x"}], ["ident", "name"])
    assert done.returncode == 2
    assert "id" in done.stderr and "ident" in done.stderr
