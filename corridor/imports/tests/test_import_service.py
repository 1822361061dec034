from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models.functions import TruncDate
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from corridor.audit.models import ChangeRecord
from corridor.audit.services import history_of
from corridor.imports.headers import MappingError, parse_mapping
from corridor.imports.reading import csv_text
from corridor.imports.services import ImportRejected, import_organisations
from corridor.orgs import uscc
from corridor.orgs.models import Organisation

CODE_1 = uscc.make("9", "1", "330108", "MA2H0K1X7")
CODE_2 = uscc.make("9", "1", "340202", "MA2RB7C00")
ZH_HEADER = ["企业名称", "英文名称", "统一社会信用代码", "地址", "所在城市", "行业", "规模", "是否龙头企业", "成立时间", "联系邮箱"]
ZH_ROWS = [
    ["杭州融威智能装备制造有限公司", "Hangzhou Rongwei Intelligent Equipment Manufacturing Co., Ltd.", CODE_1,
     "浙江省杭州市滨江区科创路1号", "杭州", "机器人", "中型", "是", "2016-05-01", "bd@rongwei.example"],
    ["芜湖鼎亿新材料有限公司", "Wuhu Dingyi New Materials Co., Ltd.", CODE_2, "", "芜湖市", "新材料、机器人", "small", "否",
     "2019", ""],
]


def write(tmp_path: Path, header, rows, encoding="utf-8", name="orgs.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_text(header, rows).encode(encoding))
    return path


def rejected(path, actor=None, **kwargs):
    with pytest.raises(ImportRejected) as info:
        import_organisations(actor, path, **kwargs)
    return info.value.result


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_are_detected(world, tmp_path, encoding):
    result = import_organisations(None, write(tmp_path, ZH_HEADER, ZH_ROWS, encoding))
    assert result.created == 2 and result.errors == []
    org = Organisation.objects.get(uscc=CODE_1)
    assert org.name_zh == "杭州融威智能装备制造有限公司"
    assert org.region.code == "330108"  # from the address, more precise than the city column
    assert org.city.code == "330100"
    assert org.size_band == "medium" and org.is_head_enterprise and org.founded_year == 2016
    assert list(org.industries.values_list("slug", flat=True)) == ["robots"]
    other = Organisation.objects.get(uscc=CODE_2)
    assert other.region.code == "340200" and other.city.code == "340200"  # the city column
    assert sorted(other.industries.values_list("slug", flat=True)) == ["new-materials", "robots"]
    assert "rongwei" in org.search_text  # derived fields are filled as the service fills them


def test_english_headers_and_the_generic_name_column(world, tmp_path):
    header = ["Name", "USCC", "Address", "Industry", "Type", "Website"]
    rows = [["Hangzhou Rongwei Robotics Co., Ltd.", CODE_1, "浙江省杭州市滨江区科创路1号", "robots", "Enterprise",
             "www.rongwei.example"],
            ["嘉兴测试材料有限公司", "", "", "New materials", "高校", ""]]
    result = import_organisations(None, write(tmp_path, header, rows))
    assert result.created == 2
    org = Organisation.objects.get(uscc=CODE_1)
    assert org.name_en.startswith("Hangzhou Rongwei") and org.name_zh == ""
    assert org.website == "https://www.rongwei.example"
    assert Organisation.objects.get(name_zh="嘉兴测试材料有限公司").kind == "university"


def test_an_explicit_mapping_names_unknown_headers(world, tmp_path):
    path = write(tmp_path, ["单位", "代码", "备注"], [["杭州映射科技有限公司", CODE_1, "随便"]])
    with pytest.raises(MappingError):
        import_organisations(None, path)  # no name column recognised
    result = import_organisations(None, path, mapping=parse_mapping(["单位=name_zh", "代码=uscc"]))
    assert result.created == 1 and result.ignored_columns == ["备注"]
    assert Organisation.objects.get(uscc=CODE_1).name_zh == "杭州映射科技有限公司"
    with pytest.raises(MappingError):
        parse_mapping(["单位=nonsense"])


def test_xlsx(world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(ZH_HEADER)
    for row in ZH_ROWS:
        sheet.append([2016 if v == "2016-05-01" else v for v in row])
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    result = import_organisations(None, path)
    assert result.created == 2 and result.encoding == "xlsx"
    assert Organisation.objects.get(uscc=CODE_1).founded_year == 2016


def test_imported_rows_carry_times_the_database_reads_as_times(world, tmp_path):
    """The rows are written in bulk, past the ORM: their times must still be what the database's date functions
    and comparisons read (SQLite compares text: an ISO 'T' time sorts after every same-day ORM time)."""
    path = tmp_path / "orgs.csv"
    path.write_text(csv_text(ZH_HEADER, ZH_ROWS), encoding="utf-8")
    before = timezone.now()
    import_organisations(None, path)
    imported = Organisation.objects.filter(uscc__in=[CODE_1, CODE_2])
    assert imported.count() == 2
    assert imported.filter(created_at__gte=before, created_at__date=timezone.localdate()).count() == 2
    assert set(imported.annotate(day=TruncDate("created_at")).values_list("day", flat=True)) == {timezone.localdate(before)}
    assert ChangeRecord.objects.filter(at__gte=before, at__date=timezone.localdate()).exists()


def test_every_bad_row_is_reported_and_nothing_is_written(world, tmp_path):
    before = Organisation.objects.count()
    records = ChangeRecord.objects.count()
    bad_check = CODE_1[:17] + ("0" if CODE_1[17] != "0" else "1")
    header = ["名称", "英文名称", "统一社会信用代码", "类型", "规模", "龙头企业", "成立年份", "网站", "邮箱", "行业", "区划代码",
              "所在城市"]
    good = ["杭州正常科技有限公司", "", CODE_2, "", "", "", "", "", "", "", "", ""]
    rows = [
        good,
        ["", "", "", "", "", "", "", "", "", "", "", ""],  # blank line: skipped, not an error
        ["", "", "", "企业", "", "", "", "", "", "", "", ""],  # 3: no name
        ["杭州坏码科技有限公司", "", bad_check, "", "", "", "", "", "", "", "", ""],  # 4: check character
        ["杭州重码科技有限公司", "", CODE_2, "", "", "", "", "", "", "", "", ""],  # 5: same code as row 2
        ["杭州类型科技有限公司", "", "", "飞船", "", "", "", "", "", "", "", ""],  # 6
        ["杭州规模科技有限公司", "", "", "", "巨型", "", "", "", "", "", "", ""],  # 7
        ["杭州龙头科技有限公司", "", "", "", "", "也许", "", "", "", "", "", ""],  # 8
        ["杭州年份科技有限公司", "", "", "", "", "", "去年", "", "", "", "", ""],  # 9
        ["杭州网站科技有限公司", "", "", "", "", "", "", "not a site", "", "", "", ""],  # 10
        ["杭州邮箱科技有限公司", "", "", "", "", "", "", "", "bd@", "", "", ""],  # 11
        ["杭州行业科技有限公司", "", "", "", "", "", "", "", "", "养猪", "", ""],  # 12
        ["杭州区划科技有限公司", "", "", "", "", "", "", "", "", "", "999999", ""],  # 13
        ["杭州城市科技有限公司", "", "", "", "", "", "", "", "", "", "", "亚特兰蒂斯"],  # 14
        ["杭" * 201, "", "", "", "", "", "", "", "", "", "", ""],  # 15: too long
        ["杭州年份二科技有限公司", "", "", "", "", "", "2999", "", "", "", "", ""],  # 16: future year
    ]
    result = rejected(write(tmp_path, header, rows))
    got = {(e.row, e.column) for e in result.errors}
    assert got == {
        (4, "名称"), (5, "统一社会信用代码"), (6, "统一社会信用代码"), (7, "类型"), (8, "规模"), (9, "龙头企业"),
        (10, "成立年份"), (11, "网站"), (12, "邮箱"), (13, "行业"), (14, "区划代码"), (15, "所在城市"), (16, "名称"),
        (17, "成立年份"),
    }
    assert all(e.reason for e in result.errors)
    assert Organisation.objects.count() == before and ChangeRecord.objects.count() == records


def test_the_error_report_keeps_every_row_with_an_error_column(world, tmp_path):
    from corridor.imports.report import write_error_report

    path = write(tmp_path, ["名称", "统一社会信用代码"], [["杭州甲科技有限公司", CODE_1], ["杭州乙科技有限公司", "123"]])
    result = rejected(path)
    out = tmp_path / "errors.xlsx"
    write_error_report(path, result, out)
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-1] in ("Error", "错误")
    assert len(rows) == 3
    assert not rows[1][-1]
    assert "统一社会信用代码" in rows[2][-1]


def test_reimport_changes_nothing_then_updates_what_changed_with_history(world, tmp_path):
    path = write(tmp_path, ZH_HEADER, ZH_ROWS)
    import_organisations(None, path)
    records = ChangeRecord.objects.count()
    again = import_organisations(None, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ChangeRecord.objects.count() == records
    changed = [list(r) for r in ZH_ROWS]
    changed[0][3] = "浙江省杭州市滨江区科创路99号"
    changed[0][5] = "新材料"
    third = import_organisations(None, write(tmp_path, ZH_HEADER, changed, name="v2.csv"))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    org = Organisation.objects.get(uscc=CODE_1)
    assert org.address.endswith("99号")
    last = history_of(org).first()
    assert last.action == "update"
    assert last.before["address"].endswith("1号") and last.after["address"].endswith("99号")
    assert last.before["industries"] == ["robots"] and last.after["industries"] == ["new-materials"]


def test_rows_without_a_code_are_matched_by_name_or_by_the_resolver(world, tmp_path):
    existing = world.owner_org  # 浙江国自机器人技术股份有限公司, no credit code
    header = ["名称", "地址"]
    rows = [["国自机器人技术股份有限公司（浙江）", "浙江省杭州市滨江区新地址8号"]]
    result = import_organisations(None, write(tmp_path, header, rows))
    assert (result.created, result.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.address == "浙江省杭州市滨江区新地址8号"
    assert existing.name_zh == "国自机器人技术股份有限公司（浙江）"
    again = import_organisations(None, write(tmp_path, header, rows, name="again.csv"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_only_secretariats_and_admins_import_and_a_secretariat_only_changes_its_members(world, tmp_path):
    path = write(tmp_path, ["名称", "地址"], [["嘉兴外联科技有限公司", "浙江省嘉兴市南湖区1号"]])
    with pytest.raises(PermissionDenied):
        import_organisations(world.users["member"], path)
    result = rejected(path, world.users["secretariat"])  # outsider_org is not in the secretariat's alliance
    assert "嘉兴外联科技有限公司" in result.errors[0].reason or result.errors[0].row == 2
    ok = import_organisations(world.users["admin"], path)
    assert ok.updated == 1
    assert history_of(world.outsider_org).first().actor == world.users["admin"]


def test_a_brand_the_registry_spells_in_both_languages_is_recognised(world, tmp_path):
    hikrobot = Organisation.objects.create(name_zh="杭州海康机器人股份有限公司", name_en="Hangzhou Hikrobot Co., Ltd.")
    Organisation.objects.create(name_zh="杭州海康威视数字技术股份有限公司", name_en="Hangzhou Hikvision Digital Technology Co., Ltd.")
    result = import_organisations(None, write(tmp_path, ["Name", "Website"], [["HIKROBOT", "www.hikrobot.example"]]))
    assert (result.created, result.updated) == (0, 1)
    hikrobot.refresh_from_db()
    assert hikrobot.website == "https://www.hikrobot.example"


def test_errors_do_not_name_organisations_the_importer_may_not_see(world, tmp_path):
    # A file of guesses must not be an oracle: the unlisted organisation is neither named nor numbered.
    hidden = world.unlisted_org
    path = write(tmp_path, ["企业名称", "地址"], [[hidden.name_zh, "浙江省嘉兴市南湖区"]])
    result = rejected(path, actor=world.users["secretariat"])
    text = " ".join(e.reason for e in result.errors)
    assert result.errors and hidden.name_zh not in text and hidden.name_en not in text
    assert f"#{hidden.pk}" not in text
    # An organisation the importer can see but not change is still named, so the message stays useful.
    path = write(tmp_path, ["企业名称"], [[world.outsider_org.name_zh]], name="visible.csv")
    text = " ".join(e.reason for e in rejected(path, actor=world.users["secretariat"]).errors)
    assert world.outsider_org.name_zh in text or world.outsider_org.name_en in text


@pytest.mark.parametrize("value", [
    "https://www.example.com", "http://a.b.cn/path?q=1#x", "https://xn--fiqs8s.cn", "https://bad_host.com",
    "https://-bad.com", "https://a..b.com", "https://host", "https://exa mple.com", "https://例子.中国",
])
def test_the_fast_web_address_check_agrees_with_django(value):
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from corridor.imports.cleaning import _valid_url

    try:
        URLValidator(schemes=["http", "https"])(value)
        expected = True
    except ValidationError:
        expected = False
    assert _valid_url(value) is expected


@pytest.mark.parametrize("value", [
    "bd@rongwei.example", "a.b+c@x-y.com.cn", "a..b@x.com", ".a@x.com", "a@-x.com", "a@x", "a b@x.com",
    "张@x.com", "a@x.c", "a_b%c@sub.example.org",
])
def test_the_fast_email_check_agrees_with_django(value):
    from django.core.exceptions import ValidationError
    from django.core.validators import EmailValidator

    from corridor.imports.cleaning import _valid_email

    try:
        EmailValidator()(value)
        expected = True
    except ValidationError:
        expected = False
    assert _valid_email(value) is expected
