"""`corridor backup` while the database is being written, `corridor restore` into a fresh store: every
table's row count and checksum match, nothing committed before the backup is lost, uploads come back.
Runs on the suite's database kind (SQLite, or PostgreSQL when DATABASE_URL says so)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from corridor.core.backup import postgres_checksums, sqlite_checksums

CORRIDOR = [sys.executable, "-m", "corridor.cli"]


@pytest.fixture
def two_stores(tmp_path, db) -> Iterator[tuple[str, str]]:
    """URLs of two databases of the suite's kind: the serving one and a fresh one to restore into."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}", f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    names = [f"{settings['NAME']}_live", f"{settings['NAME']}_fresh"]
    dsn = dict(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"])
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    yield tuple(f"postgres://{dsn['user']}@{dsn['host']}:{dsn['port']}/{n}" for n in names)  # type: ignore[misc]
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(url: str, data_dir: Path) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "DATABASE_URL": url, "DEBUG": "1", "CORRIDOR_DATA_DIR": str(data_dir),
            "HOME": str(data_dir), "LANGUAGE": "en"}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CORRIDOR, *args], env=env, capture_output=True, text=True, timeout=300)


def _connect(url: str):  # type: ignore[no-untyped-def]
    if url.startswith("sqlite"):
        return sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://"))


def _checksums(url: str) -> dict:
    if url.startswith("sqlite"):
        return sqlite_checksums(Path(url.removeprefix("sqlite:///")))
    from urllib.parse import urlparse

    parts = urlparse(url)
    return postgres_checksums({"NAME": parts.path.lstrip("/"), "USER": parts.username, "HOST": parts.hostname,
                               "PORT": parts.port, "PASSWORD": ""})


def test_backup_while_writing_then_restore_into_a_fresh_store(two_stores, tmp_path):
    live_url, fresh_url = two_stores
    live_dir, fresh_dir = tmp_path / "live", tmp_path / "fresh"
    live_env, fresh_env = _env(live_url, live_dir), _env(fresh_url, fresh_dir)
    assert _run(["migrate", "-v", "0"], live_env).returncode == 0
    upload = live_dir / "media" / "imports" / "abc" / "upload.csv"
    upload.parent.mkdir(parents=True)
    upload.write_text("企业名称\n测试有限公司\n", encoding="utf-8")

    committed = [0]
    stop = threading.Event()
    marker = "?" if live_url.startswith("sqlite") else "%s"

    def write() -> None:
        db = _connect(live_url)
        try:
            while not stop.is_set():
                db.cursor().execute(f"INSERT INTO auth_group (name) VALUES ({marker})", [f"group-{committed[0]}"])
                db.commit()
                committed[0] += 1
        finally:
            db.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while committed[0] < 200:  # writing is well under way before the backup starts
            stop.wait(0.01)
        before = committed[0]
        done = _run(["backup", str(tmp_path / "backup")], live_env)
        during = committed[0] - before
    finally:
        stop.set()
        writer.join()
    assert done.returncode == 0, done.stderr
    assert during > 0  # the writer really went on while the backup ran
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"]["auth_group"]["rows"] >= before  # nothing committed before the backup is lost
    assert len(manifest["tables"]) > 20

    # Into a fresh store: every table's row count and checksum as in the backup, the upload back.
    restored = _run(["restore", str(tmp_path / "backup")], fresh_env)
    assert restored.returncode == 0, restored.stderr
    assert "每张表都与备份一致" in restored.stdout  # the command speaks the platform language (zh-hans)
    assert _checksums(fresh_url) == manifest["tables"]
    assert (fresh_dir / "media" / "imports" / "abc" / "upload.csv").read_text(encoding="utf-8").endswith("测试有限公司\n")
    # A second restore over data is refused unless asked for.
    again = _run(["restore", str(tmp_path / "backup")], fresh_env)
    assert again.returncode != 0 and "--replace" in again.stderr


def test_the_copy_the_probe_made_would_have_failed_this_check(tmp_path):
    """The checksum notices a lost row: the check above is not vacuous."""
    path = tmp_path / "a.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        db.executemany("INSERT INTO t (v) VALUES (?)", [("x",), ("y",)])
    first = sqlite_checksums(path)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM t WHERE v = 'y'")
    assert sqlite_checksums(path) != first
