"""The database's refusal of two overlapping active bookings of one instrument.

PostgreSQL: an exclusion constraint over tstzrange(starts_at, ends_at, '[)') with btree_gist, so
`instrument_id WITH =` and the range `WITH &&` are checked together, under any concurrency.
SQLite: BEFORE INSERT / UPDATE triggers that abort on overlap; SQLite has one writer at a time
(and our connections BEGIN IMMEDIATE), so the check and the write cannot interleave.
Both raise IntegrityError naming OVERLAP, which the services turn into a Conflict.
"""

from __future__ import annotations

from typing import Any

OVERLAP = "booking_no_overlap"
TABLE = "equipment_booking"
HOLDING_SQL = "('requested', 'approved', 'completed')"

_POSTGRES_ADD = f"""
ALTER TABLE {TABLE} ADD CONSTRAINT {OVERLAP} EXCLUDE USING gist (
    instrument_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status IN {HOLDING_SQL})
"""

_SQLITE_CHECK = f"""
SELECT RAISE(ABORT, '{OVERLAP}: the instrument is already booked at this time')
WHERE EXISTS (
    SELECT 1 FROM {TABLE} other
    WHERE other.instrument_id = NEW.instrument_id AND other.status IN {HOLDING_SQL}
      AND other.starts_at < NEW.ends_at AND NEW.starts_at < other.ends_at{{exclude_self}}
);
"""

_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER {OVERLAP}_insert BEFORE INSERT ON {TABLE}
    WHEN NEW.status IN {HOLDING_SQL}
    BEGIN {_SQLITE_CHECK.format(exclude_self="")} END""",
    f"""CREATE TRIGGER {OVERLAP}_update BEFORE UPDATE OF starts_at, ends_at, status, instrument_id ON {TABLE}
    WHEN NEW.status IN {HOLDING_SQL}
    BEGIN {_SQLITE_CHECK.format(exclude_self=" AND other.id <> NEW.id")} END""",
]


def install(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_POSTGRES_ADD)
    elif vendor == "sqlite":
        for sql in _SQLITE_TRIGGERS:
            schema_editor.execute(sql)
    else:
        raise NotImplementedError(f"no overlap guard for {vendor}: bookings would not be safe")


def uninstall(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {OVERLAP}")
    elif vendor == "sqlite":
        for suffix in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {OVERLAP}_{suffix}")


def is_overlap(exc: BaseException) -> bool:
    return OVERLAP in str(exc)


def is_deadlock(exc: BaseException) -> bool:
    """PostgreSQL broke a deadlock by aborting this statement (SQLSTATE 40P01).

    Two inserts of overlapping bookings that arrive together can each find the other's uncommitted row
    while checking the exclusion constraint and wait for it; the database aborts one of them. Only
    conflicting rows make an insert wait, so for a booking insert this means: the slot is the other's.
    """
    return getattr(exc.__cause__, "sqlstate", None) == "40P01"


# The overlap count the benchmark and tests read: pairs of holding bookings of one instrument that overlap.
OVERLAPPING_PAIRS_SQL = f"""
SELECT COUNT(*) FROM {TABLE} a JOIN {TABLE} b
  ON a.instrument_id = b.instrument_id AND a.id < b.id
 AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
WHERE a.status IN {HOLDING_SQL} AND b.status IN {HOLDING_SQL}
"""
