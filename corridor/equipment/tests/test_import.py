"""`corridor equipment import FILE`: all rows or none, every bad cell named, re-import updates."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from corridor.equipment.importer import ImportFailed, import_instruments
from corridor.equipment.models import Instrument

HEADER = "owner,name_zh,name_en,maker,model,category,region,address,cnas_certificate,cnas_expires_on,rate_per_hour,rate_per_sample,opens_at,closes_at,open_days,approval_required,monthly_quota_hours"


def _csv(tmp_path, *rows, header=HEADER):
    path = tmp_path / "instruments.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_valid_catalogue_is_imported_and_reimport_updates(world, tmp_path):
    org = world.owner_org
    path = _csv(
        tmp_path,
        f"{org.uscc or org.pk},扫描电子显微镜,SEM,蔡司,Sigma 300,microscopy,330108,,CNAS L0001,2029-06-30,450,0,08:30,17:30,12345,是,",
        f"{org.pk},X射线衍射仪,XRD,布鲁克,D8 Advance,diffraction,,浙江省杭州市滨江区江南大道1号,,,380.5,120,,,,no,40",
    )
    result = import_instruments(path)
    assert (result.created, result.updated) == (2, 0)
    sem = Instrument.objects.get(name_en="SEM")
    assert sem.city.code == "330100" and sem.accreditations() == ["CNAS"] and sem.approval_required
    xrd = Instrument.objects.get(name_en="XRD")
    assert xrd.region.code == "330108"  # read from the address
    assert not xrd.approval_required and xrd.monthly_quota_hours == 40
    assert "d8advance" in xrd.search_text or "d8 advance" in xrd.search_text
    result = import_instruments(path)
    assert (result.created, result.updated) == (0, 2)
    assert Instrument.objects.count() == 2


def test_bad_rows_are_all_reported_and_nothing_is_written(world, tmp_path):
    org = world.owner_org
    path = _csv(
        tmp_path,
        f"{org.pk},好仪器,Good,,M1,microscopy,330108,,,,100,0,,,,yes,",
        "999999,孤儿仪器,Orphan,,M2,microscopy,330108,,,,100,0,,,,yes,",
        f"{org.pk},坏价格,Bad price,,M3,spaceship,999999,,,,-5,abc,25:00,,,perhaps,1.5",
        f"{org.pk},,,,M4,microscopy,330108,,,2029-13-01,100,0,,,,yes,",
    )
    with pytest.raises(ImportFailed) as caught:
        import_instruments(path)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert (3, "owner") in found
    assert {(4, "category"), (4, "region"), (4, "rate_per_hour"), (4, "rate_per_sample"), (4, "opens_at"),
            (4, "approval_required"), (4, "monthly_quota_hours")} <= found
    assert (5, "name_zh") in found and (5, "cnas_expires_on") in found
    assert not any(e.row == 2 for e in caught.value.errors)
    assert Instrument.objects.count() == 0


def test_unknown_column_is_named(world, tmp_path):
    with pytest.raises(ImportFailed) as caught:
        import_instruments(_csv(tmp_path, "x", header="owner,colour"))
    assert caught.value.errors[0].column == "colour"


def test_xlsx_with_chinese_headers_through_the_command(world, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["所属单位", "仪器名称", "型号", "类别", "行政区划代码", "机时费"])
    sheet.append([world.owner_org.pk, "电磁兼容暗室", "3m法", "emc", "330108", 1200])
    path = tmp_path / "catalogue.xlsx"
    book.save(path)
    call_command("equipment", "import", str(path))
    assert "1" in capsys.readouterr().out
    assert Instrument.objects.get().rate_per_hour == 1200
    bad = tmp_path / "bad.csv"
    bad.write_text("owner,name_zh\n424242,无主仪器\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("equipment", "import", str(bad))
    assert "424242" in capsys.readouterr().err
    assert Instrument.objects.count() == 1
