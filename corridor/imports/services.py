"""Importing organisations from member lists: all or nothing, idempotent, every change in the history.

`import_organisations(actor, path)` reads the file once, in batches, inside one transaction: each row is
cleaned, matched to an existing organisation (same credit code; else the same name; else the entity
resolver), then created or updated. Any bad row anywhere means nothing is written: the transaction is
rolled back and the result lists every bad row (row, column, reason). A killed process leaves nothing
either, because nothing is committed before the end.

History: the import is ONE entry (file, who, when, rows, counts, SHA-256 of the file, the ids it created),
shown on the history page of every organisation it created; an organisation it changed gets its own
update record as with any edit. The search text and the chain tags of what it created are computed
after the load (`followup`): at once for a few rows, else by a job started when the import commits.

The same file imported again while nothing has changed since (same SHA-256 and columns as the latest
import, no organisation changed or added after it, same regions and industries) is known to change
nothing: it is answered from that import's counts without reading the rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.accounts.scope import scope_of
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.texts import Text, stored
from corridor.imports import bulkload, followup
from corridor.imports.cleaning import Lookups
from corridor.imports.headers import map_header
from corridor.imports.prepare import Batch, Context, PreparedRow, prepare_batch, prepared_batches, worker_count
from corridor.imports.reading import open_table
from corridor.imports.writers import Change, NewRows, OrmWriter, writer_for_connection
from corridor.orgs.models import Organisation
from corridor.orgs.services import search_haystack, search_tokens
from corridor.resolution.resolver import Index, Record

Progress = Callable[[str, int, int], None]
BATCH = 2000
# Fields an import may set, as the organisation service defines them (plus region and industries).
SETTABLE = (
    "name_zh", "name_en", "short_name", "aliases", "kind", "uscc", "address", "size_band", "is_head_enterprise",
    "description_zh", "description_en", "website", "founded_year", "listed", "contact_name", "contact_email",
    "contact_phone",
)
NAME_FIELDS = ("name_zh", "name_en", "short_name", "aliases")
# The tables a large import fills: their indexes and foreign keys are built after the load (bulkload).
BULK_TABLES = (Organisation._meta.db_table, Organisation.industries.through._meta.db_table)


@dataclass
class RowError:
    row: int
    column: str  # the column as the file names it
    value: str
    reason: str


@dataclass
class ImportResult:
    file_name: str
    encoding: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    sha256: str = ""
    entry: int | None = None  # the import's history entry (import #N), when it created or changed anything
    follow_up: int | None = None  # the job making the organisations searchable and tagged
    unchanged_file: int | None = None  # the earlier import of this very file, when nothing changed since

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "file_name": self.file_name, "encoding": self.encoding, "rows": self.rows, "created": self.created,
            "updated": self.updated, "unchanged": self.unchanged, "ignored_columns": self.ignored_columns,
            "sha256": self.sha256, "entry": self.entry, "follow_up": self.follow_up,
            "unchanged_file": self.unchanged_file,
            "errors": [{**e.__dict__, "reason": str(e.reason), "reason_text": stored(e.reason)} for e in self.errors[:1000]],
            "error_count": len(self.errors),
        }


IMPORTING = gettext_noop("Importing %(file)s")


class ImportRejected(Exception):
    """Raised inside the transaction so that it rolls back; carries the result with every bad row."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(Text(gettext_noop("%(n)s rows cannot be imported; nothing was changed."), n=len(result.errors)))
        self.result = result


def may_import(user: Actor) -> bool:
    return access.is_reviewer(user)


def import_organisations(
    actor: Actor, path: str | Path, *, mapping: dict[str, str] | None = None, progress: Progress | None = None,
    display_name: str | None = None, started: Callable[[ImportResult], None] | None = None,
    trust_checksum: bool = True,
) -> ImportResult:
    """Import the file; returns the counts, or raises ImportRejected (nothing written) listing every bad row.

    `actor` None is the command line (the operator); a user must be an admin or a secretariat, and a
    secretariat may update only organisations whose private data it may see (its alliances' members).
    """
    if actor is not None and not may_import(actor):
        raise PermissionDenied(_("Only secretariats and administrators may import organisations."))
    name = display_name or Path(path).name
    table = open_table(path)
    columns, ignored = map_header(table.header, mapping)
    result = ImportResult(name, table.encoding, ignored_columns=ignored, header=table.header)
    column_of = {fname: table.header[i] for i, fname in columns.items()}
    if started is not None:
        started(result)
    total, result.sha256 = measure_file(path)
    lookups = Lookups.load()
    fingerprint = _fingerprint(columns, lookups)
    earlier = same_file_imported(result.sha256, fingerprint) if trust_checksum else None
    if earlier is not None:
        result.rows = result.unchanged = int(earlier.after.get("rows", 0))
        result.unchanged_file = earlier.pk
        if progress:
            progress(Text(IMPORTING, file=name), result.rows, result.rows)
        return result
    importer = _Importer(actor, result, column_of, name, lookups)
    context = importer.context = Context(importer.lookups, columns, importer.new_rows)
    try:
        with transaction.atomic():
            existing = Organisation.objects.count()
            rebuild = bulkload.suspend(BULK_TABLES) if bulkload.wanted(total, existing) else None
            # Into an empty registry that no one else can write to meanwhile (the bulk load holds the table), a
            # credit code can only be one this file brought already, which is refused as a repeat: no need to ask.
            importer.codes_known_here = rebuild is not None and existing == 0
            batches = table.chunks(BATCH) if table.chunks is not None else _batches(table.rows)
            for source, prepared, whole in prepared_batches(batches, context, worker_count(total), importer.whole):
                importer.batch(source, prepared, whole)
                if progress:
                    progress(Text(IMPORTING, file=name), result.rows, max(total, result.rows))
            if result.errors:
                raise ImportRejected(result)
            if rebuild is not None:
                rebuild()
            if result.created or result.updated:
                importer.record_import(fingerprint)
            job = followup.after_load(importer.actor, audit.id_ranges(importer.created_ids), importer.changed_ids,
                                      result.entry)
            result.follow_up = job.pk if job is not None else None
    finally:
        importer.close()
    if progress:
        progress(Text(IMPORTING, file=name), result.rows, result.rows)
    return result


def estimate_rows(path: str | Path) -> int:
    """Lines in a CSV (minus the header), rows of a workbook: for the progress bar only."""
    return measure_file(path)[0]


def measure_file(path: str | Path) -> tuple[int, str]:
    """Rows (estimated as above) and the SHA-256 of the file's bytes, in one read."""
    path = Path(path)
    digest = hashlib.sha256()
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            count += chunk.count(b"\n")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            return max((book.worksheets[0].max_row or 1) - 1, 0), digest.hexdigest()
        finally:
            book.close()
    return max(count - 1, 0), digest.hexdigest()


def _fingerprint(columns: dict[int, str], lookups: Lookups) -> str:
    """What else decides the outcome of a file: its column mapping, and the regions and industries it is read with."""
    text = json.dumps([sorted(columns.items()), sorted(lookups.regions.items()), sorted(lookups.industries.items())])
    return hashlib.sha256(text.encode()).hexdigest()


def same_file_imported(sha256: str, fingerprint: str) -> ChangeRecord | None:
    """The latest import, if it was of this very file, read the same way, and no organisation has been
    created, changed or removed since (then importing the file again changes nothing)."""
    content_type = ContentType.objects.get_for_model(Organisation)
    last = ChangeRecord.objects.filter(content_type=content_type, action=ChangeRecord.Action.IMPORT).order_by("-pk").first()
    if last is None or last.after.get("sha256") != sha256 or last.after.get("fingerprint") != fingerprint:
        return None
    if ChangeRecord.objects.filter(content_type=content_type, pk__gt=last.pk).exists():
        return None  # an edit, merge, deletion or creation went through a service since
    # Writers that leave no history (loaders, an admin's raw SQL) show in the count and the timestamps.
    if Organisation.objects.count() != last.after.get("organisations_after"):
        return None
    newest = Organisation.objects.aggregate(at=Max("updated_at"))["at"]
    if newest is not None and newest > last.at:
        return None
    return last


def _batches(rows: Iterator[tuple[int, list[str]]]) -> Iterator[Batch]:
    batch: list[tuple[int, list[str]]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    def __init__(self, actor: Actor, result: ImportResult, column_of: dict[str, str], file_name: str,
                 lookups: Lookups) -> None:
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.actor_id: int | None = self.actor.pk if self.actor is not None else None
        self.scope = scope_of(actor) if actor is not None else None
        self.result = result
        self.column_of = column_of
        self.lookups = lookups
        self.file_name = file_name
        self.writer: OrmWriter = writer_for_connection()
        self.content_type = ContentType.objects.get_for_model(Organisation)
        self.note = _("import of %(file)s") % {"file": file_name}
        self.seen_uscc: dict[str, int] = {}
        self.codes_known_here = False  # every credit code in the registry came from this file (see import_organisations)
        self.index: Index | None = None
        self.created_ids: set[int] = set()
        self.changed_ids: set[int] = set()  # updated organisations, for the change event
        self.new_rows = NewRows(SETTABLE, self.lookups.regions, self.writer.row_form)
        self.context: Context | None = None
        # Rows come back from the workers slim (their new row and what matching reads) while none matches an
        # existing organisation; a writer without a row form reads every value of a new row.
        self.slim = bool(self.writer.row_form)
        # Rows with a credit code can only match an organisation without one (two codes decide "no"):
        # while there is none, such rows skip the name lookups entirely.
        self.codeless_exist = Organisation.objects.filter(uscc__isnull=True).exists()

    def close(self) -> None:
        self.index = None

    def error(self, row: int, fname: str, raw: dict[str, str], reason: str) -> None:
        """Report `fname`'s problem under the file's own column (a name problem under whichever name column)."""
        source = fname if fname in self.column_of or not fname.startswith("name") else "name"
        column = self.column_of.get(source, fname)
        self.result.errors.append(RowError(row, column, (raw.get(source) or "")[:200], reason))

    def _may_name(self, org_ids: list[int]) -> bool:
        """May error messages name (or number) these organisations? Only if the importer may see them all:
        otherwise a file of guessed codes and names would tell which unlisted organisations exist."""
        if self.scope is not None and self.scope.is_admin:
            return True
        wanted = set(org_ids) - self.created_ids
        if not wanted:
            return True
        visible = Organisation.objects.visible_to(self.actor).filter(pk__in=wanted).count()
        return visible == len(wanted)

    def whole(self) -> bool:
        """Should the rows of the next batch come back with all their values?"""
        return not self.slim

    # One batch ---------------------------------------------------------------------------------
    def batch(self, source: Batch, prepared: list[PreparedRow], whole: bool = True) -> None:
        rows: list[PreparedRow] = []
        for item in prepared:
            number, raw, values = item.number, item.raw, item.values
            self.result.rows += 1
            for p in item.problems:
                self.error(number, p.field, raw, p.reason)
            bad = bool(item.problems)
            code = values.get("uscc")
            if code:
                if code in self.seen_uscc:
                    self.error(number, "uscc", raw, _("The same credit code is already on row %(row)s.")
                               % {"row": self.seen_uscc[code]})
                    bad = True
                else:
                    self.seen_uscc[code] = number
            if not bad:
                rows.append(item)
        matched = self._match(rows)
        if self.result.errors:
            return  # nothing more will be written: the transaction rolls back at the end
        if matched and not whole:
            # Updating needs every value of the row, which slim rows left behind: prepare this batch again here,
            # and ask for whole rows from now on (a file that updates one organisation likely updates more).
            self.slim = False
            assert self.context is not None
            again = {r.number: r for r in prepare_batch(source, self.context) if r.number in matched}
            rows = [again.get(r.number, r) for r in rows]
        self._write(rows, matched)

    def _match(self, rows: list[PreparedRow]) -> dict[int, Organisation]:
        """Row number → the existing organisation it updates."""
        found: dict[int, Organisation] = {}
        codes = [] if self.codes_known_here else [r.values["uscc"] for r in rows if r.values.get("uscc")]
        by_code = self._by_code(codes)
        pending = []
        for row in rows:
            org = by_code.get(row.values.get("uscc") or "")
            if org is not None:
                found[row.number] = org
            elif not row.values.get("uscc") or self.codeless_exist:
                pending.append(row)
        if pending:
            found.update(self._match_by_name(pending))
        for number, org in list(found.items()):
            if org.pk in self.created_ids:
                continue
            if self.scope is not None and not self.scope.is_admin and not Organisation.objects.privately_visible_to(
                self.actor
            ).filter(pk=org.pk).exists():
                row = next(r for r in rows if r.number == number)
                if self._may_name([org.pk]):
                    message = _("This row matches %(org)s, which you may not change.") % {"org": org}
                else:
                    message = _("This row matches an organisation you may not change.")
                self.error(number, "name_zh", row.raw, message)
        return found

    def _by_code(self, codes: list[str]) -> dict[str, Organisation]:
        """The organisations holding these credit codes. On a first import none do: ask for the ids only
        (one array parameter, an index-only lookup) and load whole organisations for the hits alone."""
        if not codes:
            return {}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT id FROM {Organisation._meta.db_table} WHERE uscc = ANY(%s)", [codes])
                ids = [row[0] for row in cursor.fetchall()]
            hits = Organisation.objects.filter(pk__in=ids) if ids else []
        else:
            hits = Organisation.objects.filter(uscc__in=codes)
        return {o.uscc: o for o in hits if o.uscc}

    def _match_by_name(self, rows: list[PreparedRow]) -> dict[int, Organisation]:
        found: dict[int, Organisation] = {}
        zh = [r.values["name_zh"] for r in rows if r.values.get("name_zh")]
        en = [r.values["name_en"] for r in rows if r.values.get("name_en")]
        exact_zh: dict[str, list[Organisation]] = {}
        exact_en: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.filter(name_zh__in=zh) if zh else []:
            exact_zh.setdefault(org.name_zh, []).append(org)
        for org in Organisation.objects.filter(name_en__in=en) if en else []:
            exact_en.setdefault(org.name_en, []).append(org)
        for row in rows:
            v = row.values
            same = [o for o in exact_zh.get(v.get("name_zh") or "", []) + exact_en.get(v.get("name_en") or "", [])
                    if not (v.get("uscc") and o.uscc and o.uscc != v["uscc"])]
            if len({o.pk for o in same}) == 1:
                found[row.number] = same[0]
                continue
            if len({o.pk for o in same}) > 1:
                ids = sorted({o.pk for o in same})
                if self._may_name(ids):
                    message = _("Several organisations have this name: %(ids)s. Add the credit code to say which.") % {
                        "ids": ", ".join(f"#{pk}" for pk in ids)}
                else:
                    message = _("Several organisations have this name. Add the credit code to say which.")
                self.error(row.number, "name_zh", row.raw, message)
                continue
            resolved = self._resolve(row)
            if resolved is not None:
                found[row.number] = resolved
        return found

    def _resolve(self, row: PreparedRow) -> Organisation | None:
        if self.index is None:
            if not Organisation.objects.exists():
                return None
            self.index = Index.build([
                (org.pk, _record(org))
                for org in Organisation.objects.only("pk", "name_zh", "name_en", "short_name", "aliases", "uscc", "address")
            ])
        matches = [(int(pk), ev) for pk, ev in self.index.match(  # type: ignore[call-overload]
            _record_of_values(str(row.number), row.values)) if ev.reason != "uscc"]
        if not matches:
            return None
        strong = [pk for pk, ev in matches if ev.score >= matches[0][1].score - 0.05]
        if len(set(strong)) > 1:
            ids = sorted(set(strong))
            if self._may_name(ids):
                message = _("This name could be any of %(ids)s. Add the credit code to say which.") % {
                    "ids": ", ".join(f"#{pk}" for pk in ids)}
            else:
                message = _("This name could be one of several organisations. Add the credit code to say which.")
            self.error(row.number, "name_zh", row.raw, message)
            return None
        return Organisation.objects.get(pk=matches[0][0])

    # Writing -----------------------------------------------------------------------------------
    def _write(self, rows: list[PreparedRow], matched: dict[int, Organisation]) -> None:
        new: list[PreparedRow] = []
        records: list[Change] = []
        changed: list[Organisation] = []
        changed_fields: set[str] = set()
        industry_updates: list[tuple[Organisation, list[int]]] = []
        current_industries: dict[int, list[int]] = {}
        if any("industries" in r.values for r in rows) and matched:
            for org_id, industry_id in Organisation.industries.through.objects.filter(
                organisation_id__in=[o.pk for o in matched.values()]
            ).values_list("organisation_id", "industry_id"):
                current_industries.setdefault(org_id, []).append(industry_id)
        for row in rows:
            found = matched.get(row.number)
            if found is None:
                new.append(row)
                continue
            org = found
            before = audit.snapshot(org)
            touched = self._apply(org, row.values, creating=False)
            after = audit.snapshot(org)
            before_industries = after_industries = None
            if "industries" in row.values:
                current = sorted(current_industries.get(org.pk, []))
                if current != row.values["industries"]:
                    before_industries = [self.lookups.industry_slugs[i] for i in current]
                    after_industries = [self.lookups.industry_slugs[i] for i in row.values["industries"]]
                    industry_updates.append((org, row.values["industries"]))
            diff_before = {k: v for k, v in before.items() if after.get(k) != v}
            diff_after = {k: after[k] for k in diff_before}
            if before_industries is not None:
                diff_before["industries"], diff_after["industries"] = before_industries, after_industries
            if not diff_before:
                self.result.unchanged += 1
                continue
            self.result.updated += 1
            changed.append(org)
            self.changed_ids.add(org.pk)
            changed_fields.update(touched)
            records.append(self._change(org, ChangeRecord.Action.UPDATE, diff_before, diff_after))
        if new:
            ids = self.writer.create_new(self.new_rows, [r.values for r in new], [r.new_row for r in new])
            self.result.created += len(ids)
            self.created_ids.update(ids)
            self.codeless_exist = self.codeless_exist or any(not r.values.get("uscc") for r in new)
            self.writer.link([(pk, i) for pk, r in zip(ids, new, strict=True) for i in r.values.get("industries") or []])
            if self.index is not None:
                for pk, r in zip(ids, new, strict=True):
                    self.index.add(pk, _record_of_values(str(pk), r.values))
        if changed:
            Organisation.objects.bulk_update(changed, sorted(changed_fields | {"updated_at"}), batch_size=500)
        for org, ids in industry_updates:
            org.industries.set(ids)
        self.writer.record(records)

    def record_import(self, fingerprint: str) -> None:
        """The import's one history entry (it commits with the rows)."""
        r = self.result
        created = audit.id_ranges(self.created_ids)
        entry = audit.record_bulk(self.actor, Organisation, r.file_name, {
            "file": r.file_name, "sha256": r.sha256, "fingerprint": fingerprint, "encoding": r.encoding,
            "rows": r.rows, "created": r.created, "updated": r.updated, "unchanged": r.unchanged,
            "first_id": created[0][0] if created else None, "last_id": created[-1][1] if created else None,
            "organisations_after": Organisation.objects.count(),
        }, created, note=self.note)
        r.entry = entry.pk

    def _apply(self, org: Organisation, values: dict[str, Any], *, creating: bool) -> set[str]:
        touched: set[str] = set()
        for fname in SETTABLE:
            if fname in values and getattr(org, fname) != values[fname]:
                setattr(org, fname, values[fname])
                touched.add(fname)
        code = values.get("_region")
        if code:
            region_id, city_id, province_id = self.lookups.regions[code]
            if org.region_id != region_id:
                org.region_id, org.city_id, org.province_id = region_id, city_id, province_id
                touched.update({"region", "city", "province"})
        if creating or touched & set(NAME_FIELDS):
            org.search_text = search_haystack(org)
            touched.add("search_text")
        if creating or touched & {*NAME_FIELDS, "description_zh", "description_en"}:
            org.search_tokens = search_tokens(org)
            touched.add("search_tokens")
        return touched

    def _change(self, org: Organisation, action: str, before: dict[str, Any], after: dict[str, Any]) -> Change:
        return Change(self.content_type.pk, str(org.pk), str(org)[:300], action, self.actor_id, before, after,
                      self.note[:300])


def _record_of_values(key: str, v: dict[str, Any]) -> Record:
    """The resolver's record of a cleaned row (only the fields the row sets)."""
    return Record(
        key, v.get("name_zh") or v.get("name_en") or "", v.get("address", ""), v.get("uscc") or "",
        tuple(x for x in (v.get("name_en"), v.get("short_name"), *(v.get("aliases") or [])) if x),
    )


def _record(org: Organisation) -> Record:
    return Record(
        str(org.pk), org.name_zh or org.name_en, org.address, org.uscc or "",
        tuple(x for x in (org.name_en, org.short_name, *(org.aliases or [])) if x),
    )

