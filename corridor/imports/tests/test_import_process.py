"""The command line import as a separate process: killed in the middle it leaves nothing; bad rows exit 1.

Runs against a database of its own (an SQLite file, or a fresh PostgreSQL database next to the test
database when the suite runs on PostgreSQL), because the child process cannot see the test transaction.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from corridor.demo import synthetic

CORRIDOR = [sys.executable, "-m", "corridor.cli"]


@pytest.fixture
def own_database(tmp_path) -> Iterator[str]:
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'own.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"{settings['NAME']}_process"
    dsn = dict(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"])
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{dsn['user']}@{dsn['host']}:{dsn['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def env_for(url: str, tmp_path: Path) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "DATABASE_URL": url, "DEBUG": "1", "CORRIDOR_DATA_DIR": str(tmp_path / "var"),
            "HOME": str(tmp_path), "LANGUAGE": "en"}


def count(url: str, table: str) -> int:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]


def index_names(url: str) -> list[str]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'"))
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return sorted(r[0] for r in db.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"))


def transaction_open_for_a_while(url: str) -> bool:
    """Whether another connection has held a write transaction open for over a second."""
    if url.startswith("sqlite"):
        # The import takes SQLite's write lock at BEGIN (IMMEDIATE) and keeps it until COMMIT.
        for attempt in range(2):
            db = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.rollback()
                return False
            except sqlite3.OperationalError:
                if attempt == 0:
                    time.sleep(1)
            finally:
                db.close()
        return True
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as pg:
        row = pg.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND xact_start < now() - interval '1 second'"
        ).fetchone()
        return bool(row and row[0])


def population(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["统一社会信用代码", "企业名称", "英文名称", "简称", "企业简介"])
        for row in synthetic.generate(n):
            writer.writerow([row["uscc"], row["name_zh"], row["name_en"], row["short_name"], row["description_zh"]])


def test_a_killed_import_leaves_nothing_half_written(own_database, tmp_path):
    env = env_for(own_database, tmp_path)
    subprocess.run([*CORRIDOR, "migrate", "-v0"], env=env, check=True, timeout=300)
    indexes = index_names(own_database)
    source = tmp_path / "big.csv"
    population(source, 100_000)  # large: loaded with the indexes dropped and rebuilt (imports.bulkload)
    child = subprocess.Popen([*CORRIDOR, "import", "organisations", str(source)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    first = child.stdout.readline()
    assert "big.csv" in first  # it has opened the file and started the batches
    # Kill it while its transaction is open (a fixed sleep raced with a fast import that had committed).
    deadline = time.monotonic() + 120
    while not transaction_open_for_a_while(own_database):
        assert child.poll() is None, "the import finished before it could be killed: make the file bigger"
        assert time.monotonic() < deadline, "the import never opened its transaction"
        time.sleep(0.2)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert count(own_database, "orgs_organisation") == 0
    assert count(own_database, "orgs_organisation_industries") == 0
    assert count(own_database, "audit_changerecord") == 0
    assert count(own_database, "audit_createdrange") == 0
    assert count(own_database, "jobs_job") == 0  # the follow-up job is started only by a committed import
    assert index_names(own_database) == indexes  # the dropped indexes are back with the rollback
    # The same file imports completely when left alone.
    small = tmp_path / "small.csv"
    population(small, 300)
    done = subprocess.run([*CORRIDOR, "import", "organisations", str(small)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert count(own_database, "orgs_organisation") == 300
    assert count(own_database, "audit_changerecord") == 1  # the import's one entry
    assert count(own_database, "audit_changerecord WHERE action = 'import'") == 1
    # The command waited for the follow-up job: every organisation is searchable.
    assert count(own_database, "orgs_organisation WHERE search_text = ''") == 0


def test_bad_rows_exit_1_list_every_row_and_write_the_report(own_database, tmp_path):
    env = env_for(own_database, tmp_path)
    subprocess.run([*CORRIDOR, "migrate", "-v0"], env=env, check=True, timeout=300)
    source = tmp_path / "bad.csv"
    source.write_text("名称,统一社会信用代码\n杭州好科技有限公司,\n,\n杭州坏科技有限公司,12345\n,91330108MA2H0K1X7X\n",
                      encoding="gbk")
    report = tmp_path / "errors.xlsx"
    done = subprocess.run([*CORRIDOR, "import", "organisations", str(source), "--report", str(report)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert re.search(r"(row |第 )4", done.stderr) and re.search(r"(row |第 )5", done.stderr)
    assert report.exists()
    assert count(own_database, "orgs_organisation") == 0
