"""`corridor projects import FILE`: all or nothing with a row report; the same ledger again adds nothing."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from corridor.chains import reports as chain_reports
from corridor.chains.models import Chain
from corridor.projects.models import Project

pytestmark = pytest.mark.django_db


def _ledger(tmp_path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["项目名称", "投资方", "目标地区代码", "类型", "阶段", "投资额（元）", "签约日期", "产业链环节"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    return path


def test_bad_rows_import_nothing_and_are_named(loop_world, tmp_path, capsys):
    w = loop_world
    path = _ledger(tmp_path, [
        ["好项目", w.owner_org.name_zh, "340200", "新建", "在谈", "100000000", None, "industrial-robots:reducers"],
        ["坏项目", "不存在的公司", "999999", "新建", "飞升", "很多", "昨天", "robots:nothing"],
    ])
    with pytest.raises(CommandError):
        call_command("projects", "import", str(path))
    report = capsys.readouterr().err
    for column in ("investor", "region", "stage", "investment", "signed_on", "segments"):
        assert column in report
    assert Project.objects.count() == 0


def test_ledger_imports_once_and_landed_rows_count(loop_world, tmp_path):
    w = loop_world
    maker = w.reducer_makers[0]
    path = _ledger(tmp_path, [
        ["在谈项目", w.owner_org.name_zh, "340200", "新建", "在谈", "100000000", None, ""],
        ["投产项目", maker.name_zh, "340202", "新建", "投产", "200000000", "2025-06-01", "industrial-robots:reducers"],
    ])
    call_command("projects", "import", str(path))
    assert set(Project.objects.values_list("stage", flat=True)) == {"negotiation", "production"}
    cmap = chain_reports.chain_map(None, Chain.objects.get(slug="industrial-robots"))
    assert cmap.matrix.cell("340200", "reducers").orgs == 1
    call_command("projects", "import", str(path))
    assert Project.objects.count() == 2
