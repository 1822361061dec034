"""`corridor policies import FILE.xlsx`: all or nothing, each bad row and column named."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from corridor.core.testing import build_world
from corridor.policies.models import ApplicationItem, Policy
from corridor.policies.tests.world import RND_RULE

pytestmark = pytest.mark.django_db

HEADER = ["文号", "标题", "发文单位", "层级", "发文地区", "适用地区", "施行日期", "状态", "事项", "扶持类型", "比例", "上限",
          "免申即享", "申报条件"]


def _sheet(tmp_path, rows):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "policies.xlsx"
    book.save(path)
    return path


def test_import_all_or_nothing(tmp_path):
    build_world()
    rule = json.dumps(RND_RULE, ensure_ascii=False)
    good = ["芜科〔2026〕3号", "芜湖市研发补助", "芜湖市科技局", "city", "340200", "340200", "2026-01-01", "effective",
            "研发费用补助", "subsidy", 10, 2000000, "否", rule]
    second = [*good[:8], "高企奖励", "award", None, None, "是", ""]
    bad = ["嘉科〔2026〕1号", "嘉兴人才", "嘉兴市人社局", "city", "999999", "330400", "2026-13-01", "effective",
           "人才补贴", "money", "x", None, "maybe", '{"all": [{"field": "size", "op": "eq"}]}']
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("policies", "import", str(_sheet(tmp_path, [good, second, bad])), stderr=err)
    report = err.getvalue()
    assert "home_region" in report and "4" in report
    assert not Policy.objects.exists() and not ApplicationItem.objects.exists()
    bad2 = [*good[:4], "340200", "340200", "2026-01-01", "effective", "人才补贴", "talent", None, None, "否",
            '{"all": [{"field": "size", "op": "eq"}]}']
    bad2[0] = "芜科〔2026〕4号"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("policies", "import", str(_sheet(tmp_path, [good, bad2])), stderr=err)
    assert "rule" in err.getvalue() and "rule.all[0]" in err.getvalue()
    assert not Policy.objects.exists()
    out = StringIO()
    call_command("policies", "import", str(_sheet(tmp_path, [good, second])), stdout=out)
    policy = Policy.objects.get()
    assert policy.status == "effective" and policy.items.count() == 2
    assert list(policy.items.values_list("no_application", flat=True)) == [False, True]
    err = StringIO()
    with pytest.raises(CommandError):  # the same number again: refused, not duplicated
        call_command("policies", "import", str(_sheet(tmp_path, [good])), stderr=err)
    assert "document_number" in err.getvalue()
    assert Policy.objects.count() == 1


def test_officer_imports_from_the_site_for_their_region_only(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from corridor.policies.tests.world import wuhu_officer

    world = build_world()
    officer = wuhu_officer(world)
    rule = json.dumps(RND_RULE, ensure_ascii=False)
    wuhu = ["芜科〔2026〕3号", "芜湖市研发补助", "芜湖市科技局", "city", "340200", "340200", "2026-01-01", "draft",
            "研发费用补助", "subsidy", 10, 2000000, "否", rule]
    jiaxing = ["嘉科〔2026〕1号", "嘉兴人才", "嘉兴市人社局", "city", "330400", "330400", "2026-01-01", "draft",
               "人才补贴", "talent", None, None, "否", ""]

    def upload(rows, language="en", **extra):  # type: ignore[no-untyped-def]
        content = _sheet(tmp_path, rows).read_bytes()
        return client.post("/policies/import/", {"file": SimpleUploadedFile("p.xlsx", content), **extra},
                           HTTP_ACCEPT_LANGUAGE=language)

    client = world.client_for("member")
    assert upload([wuhu]).status_code == 403  # members do not record policies
    client.force_login(officer)
    assert client.get("/policies/import/").status_code == 200
    response = upload([wuhu, jiaxing])  # Jiaxing is not the Wuhu officer's region: nothing imported, the row named
    html = response.content.decode()
    assert response.status_code == 422 and 'data-testid="import-error"' in html
    assert "<td>3</td><td>home_region</td>" in html and "your own region" in html
    assert not Policy.objects.exists()
    assert "未导入任何数据：1 个问题" in upload([wuhu, jiaxing], language="zh-hans").content.decode()
    assert upload([wuhu], dry_run="on").status_code == 302 and not Policy.objects.exists()
    response = upload([wuhu])
    assert response.status_code == 302
    policy = Policy.objects.get()
    assert (policy.home_region.code, policy.status, policy.created_by) == ("340200", "draft", officer)
    assert policy.items.get().title_zh == "研发费用补助"


def test_a_file_that_is_not_a_workbook_is_refused_by_name_in_each_language(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from corridor.policies.tests.world import wuhu_officer

    world = build_world()
    client = world.client_for("member")
    client.force_login(wuhu_officer(world))
    csv_renamed = "标题,文号\n芜湖市研发补助,芜科〔2026〕3号\n".encode()
    for language, said in (("en", "The file is not an .xlsx workbook that can be read."), ("zh-hans", "该文件不是可以读取的 .xlsx 工作簿。")):
        response = client.post("/policies/import/", {"file": SimpleUploadedFile("p.xlsx", csv_renamed)},
                               HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 422 and said in response.content.decode()
    assert not Policy.objects.exists()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(csv_renamed)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("policies", "import", str(path), stderr=err)
    assert ".xlsx" in err.getvalue()
