"""`corridor match --needs … --offers … --top K --output …`: the exact file interface, without a database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEEDS = [
    {"id": "n1", "text": "采购六轴弧焊机器人，负载12公斤，用于汽车焊装线", "category": "product", "priority": "high"},
    {"id": "n2", "text": "服务机器人初创企业寻求天使轮投资", "category": "funding"},
]
OFFERS = [
    {"id": "o1", "text": "Six-axis arc welding robots, 12 kg payload, for automotive body shops", "category": "product"},
    {"id": "o2", "text": "Angel investment for robotics start-ups, CNY 2-6 million", "category": "funding", "contact": "x"},
    {"id": "o3", "text": "Lithium battery separators, 9 µm", "category": "product"},
    {"id": "o4", "text": "弧焊机器人操作员培训", "category": "talent"},
]


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    # A DATABASE_URL that settings would refuse proves the command never loads settings or a database.
    env = {**os.environ, "DATABASE_URL": "mysql://nowhere/none", "CORRIDOR_DATA_DIR": str(tmp_path / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = "import sys; from corridor.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, "match", *args], capture_output=True, text=True, env=env, timeout=300)


def test_batch_ranks_offers_per_need_in_the_exact_format(tmp_path: Path) -> None:
    needs, offers, out = write(tmp_path / "n.jsonl", NEEDS), write(tmp_path / "o.jsonl", OFFERS), tmp_path / "out.jsonl"
    done = run(tmp_path, "--needs", str(needs), "--offers", str(offers), "--top", "2", "--output", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["need"] for line in lines] == ["n1", "n2"]
    assert set(lines[0]) == {"need", "matches"}
    first = lines[0]["matches"]
    assert first[0]["offer"] == "o1" and len(first) <= 2
    assert all(set(m) == {"offer", "score"} and isinstance(m["score"], float) for m in first)
    assert [m["score"] for m in first] == sorted((m["score"] for m in first), reverse=True)
    assert [m["offer"] for m in lines[1]["matches"]] == ["o2"]  # funding meets funding only
    assert not (tmp_path / "data").exists()


def test_bad_input_names_the_line_and_field_and_writes_nothing(tmp_path: Path) -> None:
    bad = [*NEEDS, {"id": "n3", "text": "x", "category": "gadgets"}]
    needs, offers, out = write(tmp_path / "n.jsonl", bad), write(tmp_path / "o.jsonl", OFFERS), tmp_path / "out.jsonl"
    done = run(tmp_path, "--needs", str(needs), "--offers", str(offers), "--top", "3", "--output", str(out))
    assert done.returncode == 2
    assert "n.jsonl:3" in done.stderr and "category" in done.stderr
    assert not out.exists()
    write(needs, NEEDS)
    (tmp_path / "o.jsonl").write_text('{"id": "o1", "category": "product"}\n')
    done = run(tmp_path, "--needs", str(needs), "--offers", str(offers), "--top", "3", "--output", str(out))
    assert "o.jsonl:1" in done.stderr and "'text'" in done.stderr
