"""A secretariat imports a member list in the browser, watches the job, fixes a bad file, exports the list."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.imports.reading import csv_text
from corridor.orgs import uscc
from corridor.orgs.models import Organisation
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CODE = uscc.make("9", "1", "330108", "MA2H0K1X7")


def test_secretariat_imports_a_gbk_list_and_gets_the_report_of_a_bad_one(new_page, tmp_path):
    build_world()
    page = new_page("zh-CN")
    sign_in(page, "secretariat")
    go(page, "nav-imports")

    bad = tmp_path / "成员名单.csv"
    bad.write_bytes(csv_text(["企业名称", "统一社会信用代码"], [["杭州好科技有限公司", CODE], ["杭州坏科技有限公司", "123"]])
                    .encode("gbk"))
    page.get_by_label("文件（.xlsx 或 .csv）").set_input_files(str(bad))
    page.get_by_test_id("import-submit").click()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "failed")
    expect(page.get_by_test_id("import-errors")).to_contain_text("统一社会信用代码")
    with page.expect_download() as download:
        page.get_by_test_id("job-output").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert not Organisation.objects.filter(uscc=CODE).exists()

    good = tmp_path / "members.csv"
    good.write_bytes(csv_text(["企业名称", "统一社会信用代码", "地址"],
                              [["杭州好科技有限公司", CODE, "浙江省杭州市滨江区1号"]]).encode("gbk"))
    go(page, "nav-imports")
    page.get_by_label("文件（.xlsx 或 .csv）").set_input_files(str(good))
    page.get_by_test_id("import-submit").click()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "succeeded")
    expect(page.get_by_test_id("import-counts")).to_contain_text("新建 1")
    assert Organisation.objects.get(uscc=CODE).region.code == "330108"
    job_url = page.url
    page.get_by_test_id("import-created-link").get_by_role("link").click()  # what the import created
    expect(page.get_by_test_id("filter-imported")).to_be_visible()
    expect(page.get_by_test_id("org-results")).to_contain_text("杭州好科技有限公司")
    expect(page.get_by_test_id("org-results")).not_to_contain_text("浙江国自机器人技术股份有限公司")
    page.screenshot(path="/tmp/uxshots/imported-orgs-zh.png", full_page=True)
    english = new_page("en-US")
    english.set_viewport_size({"width": 390, "height": 900})
    sign_in(english, "secretariat")
    english.goto(job_url)
    expect(english.get_by_test_id("import-created-link")).to_contain_text("See the 1 organisation this import created")
    expect(english.get_by_test_id("import-counts")).to_have_text("1 row: 1 created, 0 updated, 0 unchanged.")
    english.screenshot(path="/tmp/uxshots/import-job-390-en.png", full_page=True)

    go(page, "nav-organisations")
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename.startswith("organisations-")
