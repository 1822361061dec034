"""The `corridor` command speaks the user's language and makes its own tables on a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corridor.cli import language_from

CORRIDOR = [sys.executable, "-m", "corridor.cli"]
# Each command here runs on a fresh SQLite file of the test's own (the `make demo` path), whatever the suite's
# database: CI runs this module once, in its SQLite suite.
pytestmark = pytest.mark.own_sqlite


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "CORRIDOR_DEMO": "1",
            "CORRIDOR_DATA_DIR": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    return subprocess.run([*CORRIDOR, *args], env={**base, **env}, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("args", "environ", "expected"), [
    ([], {}, "zh-hans"),
    ([], {"LANG": "en_US.UTF-8"}, "en"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh-hans"),
    ([], {"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    ([], {"LANG": "C.UTF-8"}, "zh-hans"),
    (["--lang", "en"], {"LC_ALL": "zh_CN.UTF-8"}, "en"),
    (["--lang=zh-hans"], {"LANG": "en_US.UTF-8"}, "zh-hans"),
])
def test_language_from_option_then_environment(args, environ, expected) -> None:  # type: ignore[no-untyped-def]
    language, rest = language_from([*args, "load-demo", "--size", "3"], environ)
    assert (language, rest) == (expected, ["load-demo", "--size", "3"])


def test_help_follows_lang(tmp_path) -> None:  # type: ignore[no-untyped-def]
    english = run(tmp_path, "--help", LANG="en_US.UTF-8").stdout
    chinese = run(tmp_path, "--help", LANG="zh_CN.UTF-8").stdout
    assert "usage: corridor COMMAND" in english and "create or update the database tables" in english
    assert "用法" in chinese and "创建或更新数据库表" in chinese and "create or update" not in chinese
    command_help = run(tmp_path, "--lang", "en", "load-demo", "--help").stdout
    assert "Load the demo corridor into the database" in command_help


def test_load_demo_on_a_fresh_database_makes_the_tables_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = run(tmp_path, "load-demo", "--size", "3", LANG="en_US.UTF-8", COLUMNS="160")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "creating the tables first" in done.stderr
    assert "Offers and needs" in done.stderr and "Demo corridor loaded" in done.stdout
    again = run(tmp_path, "load-demo", "--size", "3", LANG="zh_CN.UTF-8", COLUMNS="160")
    assert again.returncode == 0 and "演示走廊已加载" in again.stdout
    assert "供需" in again.stderr and "Offers and needs" not in again.stderr


def test_a_partly_migrated_database_is_named_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run(tmp_path, "migrate", "regions", "--verbosity", "0").returncode == 0
    refused = run(tmp_path, "createuser", "someone", "--role", "admin", LANG="en_US.UTF-8")
    assert refused.returncode == 1
    assert refused.stderr.strip() == "corridor: the database tables are out of date; run `corridor migrate` first."
