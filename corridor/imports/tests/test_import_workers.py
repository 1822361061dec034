"""The fast paths of a large import give exactly what the plain path gives.

Worker processes (forced on with CORRIDOR_IMPORT_WORKERS on a small file) report the same bad rows in the
same order and create the same organisations; a new organisation's history is the import's one entry.
"""

import pytest
from django.utils import translation

from corridor.audit.models import ChangeRecord
from corridor.audit.services import history_of
from corridor.demo import synthetic
from corridor.imports.reading import csv_text
from corridor.imports.services import ImportRejected, import_organisations
from corridor.imports.tests.test_import_service import test_every_bad_row_is_reported_and_nothing_is_written
from corridor.orgs.models import Organisation

HEADER = ["uscc", "name_zh", "name_en", "short_name", "kind", "address", "size_band", "industries", "founded_year",
          "website", "contact_email"]


def generated(n: int) -> list[list[str]]:
    rows = []
    for row in synthetic.generate(n):
        rows.append([row["uscc"], row["name_zh"], row["name_en"], row["short_name"], row["kind"], row["address"],
                     row["size_band"], "", str(row["founded_year"] or ""), row["website"], row["contact_email"]])
    return rows


def state(codes: list[str]) -> list[tuple]:
    return list(Organisation.objects.filter(uscc__in=codes).order_by("uscc").values_list(
        "uscc", "name_zh", "name_en", "short_name", "kind", "region__code", "city__code", "province__code",
        "size_band", "founded_year", "website", "contact_email", "search_text", "aliases",
    ))


def test_workers_create_what_the_plain_path_creates(world, tmp_path, monkeypatch):
    path = tmp_path / "orgs.csv"
    rows = generated(120)
    codes = [r[0] for r in rows]
    path.write_text(csv_text(HEADER, rows), encoding="utf-8")
    monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", "0")
    with translation.override("zh-hans"):
        plain = import_organisations(None, path)
    plain_state = state(codes)
    assert len(plain_state) == 120
    Organisation.objects.filter(uscc__in=codes).delete()
    monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", "2")
    with translation.override("zh-hans"):
        forked = import_organisations(None, path)
    assert (forked.created, forked.rows) == (plain.created, plain.rows) == (120, 120)
    assert state(codes) == plain_state
    assert any(s[5] for s in plain_state)  # regions came from the addresses (cpca, batched)


def test_workers_report_the_same_bad_rows_in_the_same_order(world, tmp_path, monkeypatch):
    rows = generated(40)
    rows[3][0] = rows[3][0][:17] + ("0" if rows[3][0][17] != "0" else "1")  # check character
    rows[10][8] = "去年"
    rows[25][9] = "not a site"
    rows[33][0] = rows[5][0]  # the same code twice
    path = tmp_path / "bad.csv"
    path.write_text(csv_text(HEADER, rows), encoding="utf-8")
    reports = []
    for workers in ("0", "2"):
        monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", workers)
        with pytest.raises(ImportRejected) as info:
            import_organisations(None, path)
        reports.append([(e.row, e.column, e.value, e.reason) for e in info.value.result.errors])
    assert reports[0] == reports[1]
    assert [(row, column) for row, column, _v, _r in reports[0]] == [
        (5, "uscc"), (12, "founded_year"), (27, "website"), (35, "uscc")]


def test_the_every_bad_row_case_gives_the_same_report_with_workers(world, tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", "2")
    test_every_bad_row_is_reported_and_nothing_is_written(world, tmp_path)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_history_of_a_new_organisation_is_the_import_entry(world, tmp_path, language, monkeypatch):
    monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", "2")
    path = tmp_path / "orgs.csv"
    rows = generated(5)
    rows[1][1] = ""  # an English name only
    path.write_text(csv_text(HEADER, rows), encoding="utf-8")
    with translation.override(language):
        import_organisations(None, path)
        entry = ChangeRecord.objects.get(action=ChangeRecord.Action.IMPORT)
        assert "orgs.csv" in entry.note and entry.after["created"] == 5
        for code in [r[0] for r in rows]:
            org = Organisation.objects.get(uscc=code)
            assert list(history_of(org)) == [entry]


def test_workers_update_what_the_plain_path_updates_across_chunks(world, tmp_path, monkeypatch):
    """Rows come back from the workers slim until one updates an organisation; a cell over two lines may
    straddle two chunks. Either way the outcome is the plain path's."""
    monkeypatch.setattr("corridor.imports.services.BATCH", 4)
    rows = generated(30)
    codes = [r[0] for r in rows]
    first = tmp_path / "first.csv"
    first.write_text(csv_text(HEADER, rows[:10]), encoding="utf-8")
    for i in (11, 17, 25):  # 11 and 25 straddle two chunks of four lines
        rows[i][3] = f"简称\n第{i}行"  # a short name over two lines (a quoted cell)
    for i in (2, 5, 9):
        rows[i][9] = f"https://changed-{i}.example/"  # these organisations exist: the second file updates them
    second = tmp_path / "second.csv"
    second.write_text(csv_text(HEADER, rows), encoding="utf-8")
    outcomes = []
    for workers in ("0", "2"):
        Organisation.objects.filter(uscc__in=codes).delete()
        monkeypatch.setenv("CORRIDOR_IMPORT_WORKERS", workers)
        import_organisations(None, first)
        result = import_organisations(None, second)
        updates = sorted(ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE, object_id__in=[
            str(pk) for pk in Organisation.objects.filter(uscc__in=codes).values_list("pk", flat=True)]).values_list(
            "object_repr", flat=True))
        outcomes.append(((result.rows, result.created, result.updated, result.unchanged), state(codes), updates))
        ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE).delete()
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == (30, 20, 3, 7)
    assert Organisation.objects.get(uscc=codes[17]).short_name == "简称\n第17行"
    assert Organisation.objects.get(uscc=codes[5]).website == "https://changed-5.example/"
