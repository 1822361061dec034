"""The import's contract for history and derived data.

- Creating organisations is ONE history entry per import (file, who, rows, counts, SHA-256 of the file,
  the ids it created), shown on the history page of each organisation it created; no per-organisation
  creation record.
- An organisation the import changes gets its own update record.
- Search text and chain tags are computed after the load: for a large import by a job started when the
  import commits; when that job ends the organisations are searchable and tagged.
- Importing the same file again changes nothing and writes nothing, whether the checksum short-cut
  answers or every row is compared.
"""

from __future__ import annotations

import hashlib

import pytest

from corridor.audit.models import ChangeRecord, CreatedRange
from corridor.audit.services import history_of
from corridor.chains.models import SegmentCount, SegmentTag
from corridor.chains.services import rebuild_counts
from corridor.chains.testing import load_chains
from corridor.core import events
from corridor.imports import followup
from corridor.imports.reading import csv_text
from corridor.imports.services import import_organisations
from corridor.imports.tests.test_import_service import CODE_1, ZH_HEADER, ZH_ROWS
from corridor.imports.tests.test_import_workers import HEADER, generated
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.models import Organisation


def _write(tmp_path, header, rows, name="orgs.csv"):
    path = tmp_path / name
    path.write_text(csv_text(header, rows), encoding="utf-8")
    return path


def _search(q: str):
    """The organisation list's own search."""
    return OrganisationFilter.model_validate({"q": q}).apply(Organisation.objects.all())


def _imports() -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(action=ChangeRecord.Action.IMPORT).order_by("pk"))


@pytest.mark.django_db
def test_an_import_is_one_history_entry_with_its_counts_and_checksum(world, tmp_path):
    rows = generated(30)
    path = _write(tmp_path, HEADER, rows)
    result = import_organisations(world.users["admin"], path)
    assert result.created == 30
    created = Organisation.objects.filter(uscc__in=[r[0] for r in rows])
    assert not ChangeRecord.objects.filter(object_id__in=[str(pk) for pk in created.values_list("pk", flat=True)]).exists()
    [entry] = _imports()
    assert result.entry == entry.pk
    assert entry.actor == world.users["admin"]
    assert entry.after["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() == result.sha256
    assert (entry.after["rows"], entry.after["created"], entry.after["updated"], entry.after["unchanged"]) == (30, 30, 0, 0)
    ids = sorted(created.values_list("pk", flat=True))
    assert (entry.after["first_id"], entry.after["last_id"]) == (ids[0], ids[-1])
    assert sum(r.last_id - r.first_id + 1 for r in CreatedRange.objects.filter(record=entry)) == 30
    some = created.first()
    assert list(history_of(some)) == [entry]
    page = world.client_for("admin").get(f"/history/orgs/organisation/{some.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"#{entry.pk}" in text and "orgs.csv" in text
    # An organisation created otherwise is not claimed by the import.
    other = Organisation.objects.exclude(pk__in=ids).first()
    assert entry not in history_of(other)


@pytest.mark.django_db
def test_changed_rows_get_their_own_history_and_the_import_counts_them(world, tmp_path):
    import_organisations(None, _write(tmp_path, ZH_HEADER, ZH_ROWS))
    changed = [list(r) for r in ZH_ROWS]
    changed[0][3] = "浙江省杭州市滨江区科创路99号"
    result = import_organisations(None, _write(tmp_path, ZH_HEADER, changed, name="v2.csv"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    first, second = _imports()
    assert (second.after["created"], second.after["updated"], second.after["file"]) == (0, 1, "v2.csv")
    assert not CreatedRange.objects.filter(record=second).exists()
    org = Organisation.objects.get(uscc=CODE_1)
    own = [r for r in history_of(org) if r.action == ChangeRecord.Action.UPDATE]
    assert len(own) == 1 and own[0].after["address"].endswith("99号")
    assert first in history_of(org)  # still shows where it came from


@pytest.mark.django_db
@pytest.mark.parametrize("trust_checksum", [True, False], ids=["checksum", "every-row-compared"])
def test_importing_the_same_file_again_changes_and_records_nothing(world, tmp_path, trust_checksum):
    path = _write(tmp_path, HEADER, generated(40))
    first = import_organisations(None, path)
    state = list(Organisation.objects.order_by("pk").values_list("pk", "name_zh", "address", "region_id", "updated_at"))
    records = ChangeRecord.objects.count()
    again = import_organisations(None, path, trust_checksum=trust_checksum)
    assert (again.rows, again.created, again.updated, again.unchanged) == (40, 0, 0, 40)
    assert again.unchanged_file == (first.entry if trust_checksum else None)
    assert ChangeRecord.objects.count() == records
    assert list(Organisation.objects.order_by("pk").values_list(
        "pk", "name_zh", "address", "region_id", "updated_at")) == state


@pytest.mark.django_db
def test_the_checksum_short_cut_is_not_taken_once_an_organisation_changed(world, tmp_path):
    from corridor.orgs.services import update_organisation

    rows = generated(10)
    path = _write(tmp_path, HEADER, rows)
    import_organisations(None, path)
    org = Organisation.objects.get(uscc=rows[0][0])
    update_organisation(world.users["admin"], org, {"address": "上海市松江区新址路8号"})
    again = import_organisations(None, path)
    assert again.unchanged_file is None
    assert (again.updated, again.unchanged) == (1, 9)  # the file's address is back
    org.refresh_from_db()
    assert org.address == rows[0][5]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", ["0", "2"])  # search texts made in this process, or in forked workers
def test_a_large_import_is_searchable_and_tagged_when_its_follow_up_job_ends(world, tmp_path, monkeypatch, workers):
    monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", workers)
    monkeypatch.setattr(events, "INLINE_LIMIT", 3)
    monkeypatch.setattr(followup, "CHUNK", 4)  # several transactions, progress between them
    load_chains()
    rows = generated(8)
    rows[0][1] = "杭州精传减速机有限公司"
    rows[0][2] = "Hangzhou Jingchuan Reducer Co., Ltd."
    rows[0][5] = "浙江省杭州市滨江区科创路1号"  # a region the test world has: its tags are counted
    result = import_organisations(world.users["admin"], _write(tmp_path, HEADER, rows))
    assert result.created == 8 and result.follow_up is not None
    job = jobs.wait(Job.objects.get(pk=result.follow_up), 60)
    assert job.kind == followup.FOLLOW_UP_JOB
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert (job.done, job.total) == (8, 8) and job.result["followed"] == 8
    imported = Organisation.objects.filter(uscc__in=[r[0] for r in rows])
    assert not imported.filter(search_text="").exists()
    found = _search("jingchuan")
    assert list(found.values_list("uscc", flat=True)) == [rows[0][0]]
    assert SegmentTag.objects.filter(organisation__uscc=rows[0][0], segment__key="reducers").exists()
    # The job added the new organisations' tags to the chain counts chunk by chunk: the same as a full recount.
    added = sorted(SegmentCount.objects.values_list("segment_id", "region_id", "listed", "orgs", "heads"))
    assert sum(row[3] for row in added) >= 1
    rebuild_counts()
    assert sorted(SegmentCount.objects.values_list("segment_id", "region_id", "listed", "orgs", "heads")) == added
    import_job_page = world.client_for("admin").get(f"/jobs/{job.pk}/")
    assert import_job_page.status_code == 200


@pytest.mark.django_db
def test_a_small_import_is_searchable_when_it_commits(world, tmp_path):
    import_organisations(None, _write(tmp_path, ZH_HEADER, ZH_ROWS))
    found = _search("rongwei")
    assert list(found.values_list("uscc", flat=True)) == [CODE_1]
