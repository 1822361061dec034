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

    Plain data, so worker processes get a copy: they build each new row in the form its writer takes (`form`:
    "copy", COPY text (UTF-8) for PostgreSQL; "tuple", the ORG_COLUMNS values for SQLite's executemany; "" none, the
    writer builds it from the values), leaving the importing process only to number the rows and send them.
    """

    def __init__(self, settable: Sequence[str], regions: dict[str, tuple[int, int | None, int | None]],
                 form: str) -> None:
        blank = Organisation()
        self.defaults = {c: getattr(blank, c) for c in ORG_COLUMNS}
        self.settable = tuple(settable)
        self.regions = regions
        self.form = form
        # The columns a row may set, in COPY order, with their position (the rest keep their defaults).
        self._set_at = tuple((ORG_COLUMNS.index(c), c) for c in self.settable if c in ORG_COLUMNS)
        self._default_row = tuple(self.defaults[c] for c in ORG_COLUMNS)
        self._aliases_at = ORG_COLUMNS.index("aliases")
        self._region_at = ORG_COLUMNS.index("region_id")
        self._search_at = (ORG_COLUMNS.index("search_text"), ORG_COLUMNS.index("search_tokens"))

    def row(self, values: dict[str, Any]) -> Any:
        """The new row in this writer's form (see the class), or None when the writer takes the values."""
        if self.form == "copy":
            # As UTF-8 bytes: what COPY sends, and the importing process unpickles bytes without decoding them.
            return self.text(values).encode()
        if self.form == "tuple":
            return self.values(values)
        return None

    def values(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """The ORG_COLUMNS of the new row as a database driver takes them (aliases as JSON text)."""
        row = list(self._default_row)
        for at, fname in self._set_at:
            if fname in values:
                row[at] = values[fname]
        code = values.get("_region")
        if code:
            at = self._region_at
            row[at], row[at + 1], row[at + 2] = self.regions[code]
        row[self._search_at[0]] = row[self._search_at[1]] = ""  # after the load (followup.refresh_search)
        aliases = row[self._aliases_at]
        row[self._aliases_at] = json.dumps(aliases, ensure_ascii=False) if aliases else "[]"
        return tuple(row)

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
        row = self.values(values)
        # Escaping is rare: one scan of the row's texts together instead of four scans of each.
        joined = "".join([v for v in row if v.__class__ is str])
        if "\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined:
            return "\t".join([_copy_field(v) for v in row])
        return "\t".join([v if v.__class__ is str else _copy_field(v) for v in row])


def _copy_field(value: Any) -> str:
    if value.__class__ is str:
        return value.translate(_COPY_ESCAPES)
    if value.__class__ is int:
        return str(value)
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

    # The form of new rows create_new takes (NewRows.row), built by the workers: "" = it reads the cleaned values.
    row_form = ""

    def create_new(self, new_rows: NewRows, values: Sequence[dict[str, Any]], rows: Sequence[Any]) -> list[int]:
        """Insert the new organisations of these cleaned rows (their values, or their rows in `row_form`);
        their ids, in order."""
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

    row_form = "copy"

    def create_new(self, new_rows: NewRows, values: Sequence[dict[str, Any]], rows: Sequence[Any]) -> list[int]:
        return self.create_text(rows)

    def create_text(self, lines: Sequence[bytes]) -> list[int]:
        """Insert new organisations given as COPY text of their ORG_COLUMNS, UTF-8 (NewRows.row); their ids."""
        if not lines:
            return []
        table = Organisation._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", [len(lines)]
            )
            ids = [row[0] for row in cursor.fetchall()]
            now = timezone.now().isoformat()
            times = f"\t{now}\t{now}\n".encode()
            columns = ", ".join(("id", *ORG_COLUMNS, "created_at", "updated_at"))
            raw: Any = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(b"".join([b"%d\t%b%b" % (pk, line, times) for pk, line in zip(ids, lines, strict=True)]))
        return ids

    def link(self, pairs: Sequence[tuple[int, int]]) -> None:
        if not pairs:
            return
        with connection.cursor() as cursor:
            raw: Any = cursor.cursor
            with raw.copy(f"COPY {Through._meta.db_table} (organisation_id, industry_id) FROM STDIN") as copy:
                copy.write(b"".join([b"%d\t%d\n" % pair for pair in pairs]))

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

    row_form = "tuple"

    def create_new(self, new_rows: NewRows, values: Sequence[dict[str, Any]], rows: Sequence[Any]) -> list[int]:
        return self.create_tuples(rows)

    def create(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        aliases = ORG_COLUMNS.index("aliases")
        tuples = []
        for row in rows:
            values = [row[c] for c in ORG_COLUMNS]
            values[aliases] = json.dumps(row["aliases"] or [], ensure_ascii=False)
            tuples.append(tuple(values))
        return self.create_tuples(tuples)

    def create_tuples(self, rows: Sequence[tuple[Any, ...]]) -> list[int]:
        """Insert new organisations given as the values of their ORG_COLUMNS (NewRows.values); their ids."""
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
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                               [(pk, *values, now, now) for pk, values in zip(ids, rows, strict=True)])
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
