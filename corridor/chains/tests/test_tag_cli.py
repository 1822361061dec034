"""`corridor chains tag --input ORGS.jsonl --output OUT.jsonl`: the file contract, without Django."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corridor.chains import tagging


def _write(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


ROWS = [
    {"id": "a", "name_zh": "某某生物制药股份有限公司", "name_en": "", "description": "注射液、原料药、抗肿瘤药物", "extra": 1},
    {"id": 7, "name_zh": "某某农村商业银行股份有限公司"},  # no name_en, no description
    {"id": "c", "name_en": "Hengtuo Robotics Co., Ltd.", "description": None},
    {"id": "d", "name_zh": "", "name_en": "", "description": ""},
    {"id": "e", "name_zh": "某某电器股份有限公司", "description": "空调、冰箱、洗衣机，生产线采用工业机器人"},
]


def test_output_has_one_line_per_input_line_in_order_with_the_contract_fields(tmp_path):
    source = _write(tmp_path / "orgs.jsonl", ROWS)
    out = tmp_path / "out.jsonl"
    assert tagging.main(["--input", str(source), "--output", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", 7, "c", "d", "e"]
    for line in lines:
        assert set(line) == {"id", "segments"}
        for seg in line["segments"]:
            assert set(seg) == {"chain", "segment", "role", "confidence"}
            assert seg["role"] in ("produces", "uses") and 0.0 <= seg["confidence"] <= 1.0
    by_id = {line["id"]: line["segments"] for line in lines}
    assert {s["chain"] for s in by_id["a"] if s["role"] == "produces"} == {"biomedicine"}
    assert by_id[7] == [] and by_id["d"] == []
    assert any(s["chain"] == "industrial-robots" and s["role"] == "produces" for s in by_id["c"])
    appliance = by_id["e"]
    assert not any(s["chain"] == "industrial-robots" and s["role"] == "produces" for s in appliance)
    assert any(s["chain"] == "industrial-robots" and s["role"] == "uses" for s in appliance)


def test_a_bad_line_is_named_and_nothing_is_written(tmp_path, capsys):
    source = _write(tmp_path / "orgs.jsonl", [ROWS[0], ROWS[1], "{not json", ROWS[2]])
    out = tmp_path / "out.jsonl"
    assert tagging.main(["--input", str(source), "--output", str(out)]) == 2
    assert "orgs.jsonl:3" in capsys.readouterr().err
    assert not out.exists()
    _write(source, [ROWS[0], {"name_zh": "无编号"}])
    assert tagging.main(["--input", str(source), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "orgs.jsonl:2" in err and "'id'" in err
    _write(source, [{"id": "x", "description": ["a", "list"]}])
    assert tagging.main(["--input", str(source), "--output", str(out)]) == 2
    assert "orgs.jsonl:1" in capsys.readouterr().err and not out.exists()


def test_a_missing_input_file_is_reported(tmp_path, capsys):
    assert tagging.main(["--input", str(tmp_path / "nope.jsonl"), "--output", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("bad", [False, True])
def test_the_console_command_runs_without_settings_or_a_database(tmp_path, bad):
    source = _write(tmp_path / "orgs.jsonl", ROWS + (["[1, 2]"] if bad else []))
    out = tmp_path / "out.jsonl"
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"  # would fail if anything opened it
    done = subprocess.run([sys.executable, "-m", "corridor.cli", "chains", "tag", "--input", str(source),
                           "--output", str(out)], capture_output=True, text=True, env=env, timeout=120)
    if bad:
        assert done.returncode == 2 and "orgs.jsonl:6" in done.stderr and not out.exists()
    else:
        assert done.returncode == 0, done.stderr
        assert len(out.read_text(encoding="utf-8").splitlines()) == len(ROWS)
        assert "django" not in done.stderr.lower()
