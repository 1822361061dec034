"""Writing a batch of new organisations, their industries and the history of changed ones: bulk ORM, or
COPY on PostgreSQL.

Both run inside the import's transaction, so a failure or a killed process leaves nothing behind. New
organisations get no history record each (the import's one entry covers them) and an empty search text
(computed after the load, `followup.refresh_search`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from corridor.audit.models import ChangeRecord
from corridor.orgs.models import Organisation

Through = Organisation.industries.through

# The columns of a new organisation row, in COPY order (id first, timestamps added by the writer).
ORG_COLUMNS = (
    "name_zh", "name_en", "short_name", "aliases", "kind", "uscc", "address", "region_id", "city_id", "province_id",
    "size_band", "is_head_enterprise", "description_zh", "description_en", "website", "founded_year", "listed",
    "contact_name", "contact_email", "contact_phone", "search_text", "search_tokens", "is_synthetic", "source_seed",
)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class NewRows:
    """How a clean row becomes the columns of a new organisation: the model's defaults, then the row's values.

    Plain data, so worker processes get a copy: they build the rows, and for PostgreSQL their COPY text,
    leaving the importing process only to number them and stream them to the database.
    """

    def __init__(self, settable: Sequence[str], regions: dict[str, tuple[int, int | None, int | None]],
                 copy_text: bool) -> None:
        blank = Organisation()
        self.defaults = {c: getattr(blank, c) for c in ORG_COLUMNS}
        self.settable = tuple(settable)
        self.regions = regions
        self.copy_text = copy_text

    def columns(self, values: dict[str, Any]) -> dict[str, Any]:
        row = dict(self.defaults)
        for fname in self.settable:
            if fname in values:
                row[fname] = values[fname]
        code = values.get("_region")
        if code:
            row["region_id"], row["city_id"], row["province_id"] = self.regions[code]
        row["search_text"] = ""  # after the load (followup.refresh_search)
        row["search_tokens"] = ""
        return row

    def text(self, values: dict[str, Any]) -> str:
        """The ORG_COLUMNS of the new row in COPY's text format (tab-separated, escaped, \\N for NULL)."""
        row = self.columns(values)
        return "\t".join(
            _copy_field((json.dumps(row[c], ensure_ascii=False) if row[c] else "[]") if c == "aliases" else row[c])
            for c in ORG_COLUMNS
        )


def _copy_field(value: Any) -> str:
    if value.__class__ is str:
        # `in` is a fast scan; translating every long description is not.
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_COPY_ESCAPES)
        return value
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value).translate(_COPY_ESCAPES)


class Change(NamedTuple):
    """One history record to write (a ChangeRecord without the model instance)."""

    content_type_id: int
    object_id: str
    object_repr: str
    action: str
    actor_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]
    note: str


class OrmWriter:
    """Any database: bulk_create (ids come back from RETURNING on SQLite and PostgreSQL)."""

    wants_copy_text = False  # whether create_new reads the rows' COPY text (NewRows.text), prepared by the workers

    def create_new(self, new_rows: NewRows, values: Sequence[dict[str, Any]], texts: Sequence[str]) -> list[int]:
        """Insert the new organisations of these cleaned rows; their ids, in order."""
        return self.create([new_rows.columns(v) for v in values])

    def create(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert new organisations (column → value, every ORG_COLUMNS key); their ids, in order."""
        orgs = Organisation.objects.bulk_create([Organisation(**row) for row in rows], batch_size=500)
        return [o.pk for o in orgs]

    def link(self, pairs: Sequence[tuple[int, int]]) -> None:
        Through.objects.bulk_create([Through(organisation_id=o, industry_id=i) for o, i in pairs], batch_size=1000)

    def record(self, records: Sequence[Change]) -> None:
        ChangeRecord.objects.bulk_create([ChangeRecord(**r._asdict()) for r in records], batch_size=1000)


class CopyWriter(OrmWriter):
    """PostgreSQL: ids drawn from the sequence in one query, rows streamed with COPY (no INSERT per row)."""

    wants_copy_text = True

    def create_new(self, new_rows: NewRows, values: Sequence[dict[str, Any]], texts: Sequence[str]) -> list[int]:
        return self.create_text(texts)

    def create_text(self, lines: Sequence[str]) -> list[int]:
        """Insert new organisations given as COPY text of their ORG_COLUMNS (see NewRows.text); their ids."""
        if not lines:
            return []
        table = Organisation._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", [len(lines)]
            )
            ids = [row[0] for row in cursor.fetchall()]
            now = timezone.now().isoformat()
            columns = ", ".join(("id", *ORG_COLUMNS, "created_at", "updated_at"))
            raw: Any = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write("".join(f"{pk}\t{line}\t{now}\t{now}\n" for pk, line in zip(ids, lines, strict=True)))
        return ids

    def link(self, pairs: Sequence[tuple[int, int]]) -> None:
        if not pairs:
            return
        with connection.cursor() as cursor:
            raw: Any = cursor.cursor
            with raw.copy(f"COPY {Through._meta.db_table} (organisation_id, industry_id) FROM STDIN") as copy:
                for pair in pairs:
                    copy.write_row(pair)

    def record(self, records: Sequence[Change]) -> None:
        if not records:
            return
        now = timezone.now()
        columns = "content_type_id, object_id, object_repr, action, actor_id, at, before, after, note"
        with connection.cursor() as cursor:
            raw: Any = cursor.cursor
            with raw.copy(f"COPY {ChangeRecord._meta.db_table} ({columns}) FROM STDIN") as copy:
                for r in records:
                    copy.write_row((
                        r.content_type_id, r.object_id, r.object_repr, r.action, r.actor_id, now,
                        json.dumps(r.before, ensure_ascii=False), json.dumps(r.after, ensure_ascii=False), r.note,
                    ))



class SqliteWriter(OrmWriter):
    """SQLite: one prepared INSERT run over the whole batch (executemany), ids assigned up front.

    The import holds SQLite's single write lock for its whole transaction, so the next ids are known.
    """

    def create(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        table = Organisation._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {table}")
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(top, row[0] if row else 0) + 1
            # As Django writes a datetime on SQLite (UTC, a space, no offset): its date functions parse only that.
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            columns = ("id", *ORG_COLUMNS, "created_at", "updated_at")
            marks = ", ".join(["%s"] * len(columns))
            ids = list(range(start, start + len(rows)))
            params = []
            for pk, row in zip(ids, rows, strict=True):
                values = [row[c] for c in ORG_COLUMNS]
                values[3] = json.dumps(row["aliases"] or [], ensure_ascii=False)
                params.append((pk, *values, now, now))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", params)
        return ids

    def link(self, pairs: Sequence[tuple[int, int]]) -> None:
        if pairs:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {Through._meta.db_table} (organisation_id, industry_id) VALUES (%s, %s)", list(pairs)
                )

    def record(self, records: Sequence[Change]) -> None:
        if not records:
            return
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ChangeRecord._meta.db_table} (content_type_id, object_id, object_repr, action, "
                "actor_id, at, before, after, note) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(r.content_type_id, r.object_id, r.object_repr, r.action, r.actor_id, now,
                  json.dumps(r.before, ensure_ascii=False), json.dumps(r.after, ensure_ascii=False), r.note)
                 for r in records],
            )


def writer_for_connection() -> OrmWriter:
    if connection.vendor == "postgresql":
        return CopyWriter()
    if connection.vendor == "sqlite":
        return SqliteWriter()
    return OrmWriter()
