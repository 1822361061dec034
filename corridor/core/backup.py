"""Backups that lose nothing: a consistent copy of the database, the uploaded files and the matching index.

Copying corridor.sqlite3 while the platform serves loses what is still in the WAL file (a probe lost 99
committed listings that way). Instead:
- SQLite: the online backup API copies a consistent snapshot while writers go on;
- PostgreSQL: `pg_dump -Fc` of a snapshot exported from our own REPEATABLE READ transaction, so the
  checksums recorded in the manifest describe exactly the rows the dump holds.
A backup is a directory: `manifest.json` (format, database kind, every table's row count and checksum),
`database.sqlite3` or `database.dump`, `media/` (uploaded files) and `matching/` (the listing index).
`restore` loads it into the configured (fresh) store and checks every table's count and checksum again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """Said to the operator as it is (the command turns it into an error message)."""


# ---- checksums --------------------------------------------------------------------------------------

def _table_checksums(cursor: Any, tables: Iterable[str], quote: Any) -> dict[str, dict[str, Any]]:
    """Row count and an order-independent checksum of every row of every table (one DB-API cursor)."""
    out: dict[str, dict[str, Any]] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)}")
        digests = []
        while rows := cursor.fetchmany(5000):
            digests += [hashlib.sha256(repr(tuple(row)).encode()).digest() for row in rows]
        digests.sort()
        total = hashlib.sha256()
        for digest in digests:
            total.update(digest)
        out[table] = {"rows": len(digests), "sha256": total.hexdigest()}
    return out


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_checksums(path: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return _table_checksums(db.cursor(), names, _sqlite_quote)


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return [r[0] for r in cursor.fetchall()]


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_connect(db: Mapping[str, Any]) -> Any:
    import psycopg

    return psycopg.connect(
        dbname=db["NAME"], user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None,
    )


def postgres_checksums(db: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    with _pg_connect(db) as conn, conn.cursor() as cursor:
        return _table_checksums(cursor, _pg_tables(cursor), _pg_quote)


def current_checksums() -> dict[str, dict[str, Any]]:
    """The checksums of the configured database as it is now (for tests and `restore`)."""
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return sqlite_checksums(Path(db["NAME"]))
    return postgres_checksums(db)


# ---- files ------------------------------------------------------------------------------------------

def _index_dir() -> Path:
    from corridor.matching.index import directory

    return directory()


def _copy_tree(source: Path, target: Path) -> int:
    if not source.exists():
        return 0
    shutil.copytree(source, target, dirs_exist_ok=True)
    return sum(1 for p in target.rglob("*") if p.is_file())


def _pg_env(db: Mapping[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise BackupError(_("%(tool)s is not installed; it is needed to back up or restore PostgreSQL "
                            "(Debian: apt-get install postgresql-client).") % {"tool": tool})
    return found


# ---- backup -----------------------------------------------------------------------------------------

def backup(target: Path) -> dict[str, Any]:
    """Write a backup into `target` (a new or empty directory). Returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("%(path)s is not empty: choose a new directory for the backup.") % {"path": target})
    target.mkdir(parents=True, exist_ok=True)
    db = settings.DATABASES["default"]
    manifest: dict[str, Any] = {"format": FORMAT, "vendor": connection.vendor,
                                "created_at": datetime.datetime.now(datetime.UTC).isoformat()}
    if connection.vendor == "sqlite":
        out = target / "database.sqlite3"
        source = sqlite3.connect(db["NAME"], timeout=60)
        try:
            with sqlite3.connect(out) as copy:
                source.backup(copy, pages=1024)  # steps; SQLite restarts a step that a writer changed
        finally:
            source.close()
        manifest["database"] = out.name
        manifest["tables"] = sqlite_checksums(out)
    elif connection.vendor == "postgresql":
        pg_dump = _need("pg_dump")
        out = target / "database.dump"
        with _pg_connect(db) as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            done = subprocess.run(
                [pg_dump, "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(out), str(db["NAME"])],
                env=_pg_env(db), capture_output=True, text=True,
            )
            if done.returncode != 0:
                raise BackupError("pg_dump: " + done.stderr.strip())
            with conn.cursor() as cursor:  # the same snapshot the dump saw
                manifest["tables"] = _table_checksums(cursor, _pg_tables(cursor), _pg_quote)
            conn.execute("COMMIT")
        manifest["database"] = out.name
    else:  # pragma: no cover - settings accept only these two
        raise BackupError(f"unsupported database {connection.vendor}")
    manifest["media_files"] = _copy_tree(Path(settings.MEDIA_ROOT), target / "media")
    # The index may trail the database by the listings saved during the backup; the matcher catches up
    # with the database on its own (and `corridor match reindex` rebuilds it from scratch).
    manifest["index_files"] = _copy_tree(_index_dir(), target / "matching")
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


# ---- restore ----------------------------------------------------------------------------------------

def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((Path(source) / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(_("%(path)s is not a Corridor backup (no readable manifest.json).") % {"path": source}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup's format (%(format)s) is not one this version reads.")
                          % {"format": manifest.get("format")})
    return manifest


# Tables only people and imports fill (migrations leave them empty): rows in any of them mean "not fresh".
_PEOPLE_TABLES = ("auth_user", "auth_group", "orgs_organisation", "matching_listing")


def _has_data() -> bool:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in _PEOPLE_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def restore(source: Path, *, replace: bool = False) -> list[str]:
    """Load the backup into the configured store; returns the tables whose count or checksum differ
    (empty: everything is as it was backed up)."""
    source = Path(source)
    manifest = read_manifest(source)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(_("This backup is of a %(backup)s database; the configured database is %(here)s.")
                          % {"backup": manifest["vendor"], "here": connection.vendor})
    if _has_data() and not replace:
        raise BackupError(_("The configured database already holds data; restore into a fresh one, "
                            "or pass --replace to overwrite it."))
    db = settings.DATABASES["default"]
    connection.close()
    if connection.vendor == "sqlite":
        with sqlite3.connect(source / manifest["database"]) as backup_db, sqlite3.connect(db["NAME"]) as live:
            backup_db.backup(live)
        # A WAL left by the old database must not be replayed over the restored one.
        live_mode = sqlite3.connect(db["NAME"])
        live_mode.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        live_mode.close()
    else:
        pg_restore = _need("pg_restore")
        done = subprocess.run(
            [pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction", "-d", str(db["NAME"]),
             str(source / manifest["database"])],
            env=_pg_env(db), capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise BackupError("pg_restore: " + done.stderr.strip())
    media = Path(settings.MEDIA_ROOT)
    if (source / "media").exists():
        shutil.copytree(source / "media", media, dirs_exist_ok=True)
    index = _index_dir()
    if (source / "matching").exists():
        shutil.rmtree(index, ignore_errors=True)
        shutil.copytree(source / "matching", index)
    now = current_checksums()
    return sorted(t for t in set(manifest["tables"]) | set(now) if manifest["tables"].get(t) != now.get(t))
