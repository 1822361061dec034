"""`corridor rnd overlaps --projects P.jsonl --output OUT.jsonl`: the exact file interface, without a database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from corridor.rnd.tests.fixtures import OVERLAPS, PROJECTS, SAME_ORG


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    # A DATABASE_URL that settings would refuse proves the command never loads settings or a database.
    env = {**os.environ, "DATABASE_URL": "mysql://nowhere/none", "CORRIDOR_DATA_DIR": str(tmp_path / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = "import sys; from corridor.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, "rnd", *args], capture_output=True, text=True, env=env, timeout=300)


def test_overlaps_are_written_best_first_in_the_exact_format(tmp_path: Path) -> None:
    rows = [{**p, "budget": "1-5M", "stage": 4} for p in PROJECTS]  # extra keys are ignored
    projects, out = write(tmp_path / "p.jsonl", rows), tmp_path / "out.jsonl"
    done = run(tmp_path, "overlaps", "--projects", str(projects), "--output", str(out))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(set(line) == {"a", "b", "score"} and isinstance(line["score"], float) for line in lines)
    assert {frozenset((line["a"], line["b"])) for line in lines} == OVERLAPS
    assert SAME_ORG not in {frozenset((line["a"], line["b"])) for line in lines}
    assert [line["score"] for line in lines] == sorted((line["score"] for line in lines), reverse=True)
    assert not (tmp_path / "data").exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_bad_input_names_the_line_and_field_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    cases = [
        ([*PROJECTS[:3], {"id": "x", "title": "t", "text": "t", "lang": "en"}], "p.jsonl:4", "'org'"),
        ([*PROJECTS[:2], {"id": "x", "org": "Q", "title": "t", "text": "t", "lang": "fr"}], "p.jsonl:3", "'lang'"),
        ([PROJECTS[0], PROJECTS[0]], "p.jsonl:2", "twice"),
        ([{"id": "x", "org": "Q", "title": "", "text": "  ", "lang": "zh"}], "p.jsonl:1", "'title'"),
    ]
    for rows, where, field in cases:
        done = run(tmp_path, "overlaps", "--projects", str(write(tmp_path / "p.jsonl", rows)), "--output", str(out))
        assert done.returncode == 2, done.stderr
        assert where in done.stderr and field in done.stderr
        assert not out.exists()
    (tmp_path / "p.jsonl").write_text('{"id": "a", "org": "A"\n', encoding="utf-8")
    done = run(tmp_path, "overlaps", "--projects", str(tmp_path / "p.jsonl"), "--output", str(out))
    assert done.returncode == 2 and "p.jsonl:1" in done.stderr and "JSON" in done.stderr
    done = run(tmp_path, "overlaps", "--projects", str(tmp_path / "missing.jsonl"), "--output", str(out))
    assert done.returncode == 2 and "no such file" in done.stderr


def test_complementary_pairs_on_request(tmp_path: Path) -> None:
    projects, out = write(tmp_path / "p.jsonl", PROJECTS), tmp_path / "out.jsonl"
    done = run(tmp_path, "overlaps", "--projects", str(projects), "--output", str(out), "--complementary")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    relations = {frozenset((line["a"], line["b"])): line["relation"] for line in lines}
    assert {k for k, r in relations.items() if r == "overlap"} == OVERLAPS
    assert relations[frozenset(("p1", "p3"))] == "complementary"


def test_pair_lines_are_what_json_dumps_writes(tmp_path: Path) -> None:
    # The writer builds lines from each id's JSON once; they must read exactly as json.dumps of the dict.
    import numpy as np

    from corridor.rnd.batch import write_pairs

    ids = ["p1", 'q"uote\\', "项目-7", "tab\there"]
    a, b = np.array([0, 2, 1]), np.array([1, 3, 3])
    scores = np.array([0.987654321, 0.5, 1e-7])
    relation = np.array([2, 2, 1])
    for rel in (None, relation):
        out = tmp_path / "pairs.jsonl"
        write_pairs(out, [json.dumps(i, ensure_ascii=False) for i in ids], a, b, scores, rel)
        expected = []
        for k in range(3):
            line: dict[str, object] = {"a": ids[a[k]], "b": ids[b[k]], "score": round(float(scores[k]), 6)}
            if rel is not None:
                line["relation"] = "overlap" if rel[k] == 2 else "complementary"
            expected.append(json.dumps(line, ensure_ascii=False))
        assert out.read_text(encoding="utf-8").splitlines() == expected
