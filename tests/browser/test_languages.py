"""Every message of an error path reads in the page's language: the import job (title, status, progress,
row problems, the .xlsx report) and the credit-code check on the organisation form, in Chinese and English."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.imports.reading import csv_text
from corridor.orgs import uscc
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GOOD = uscc.make("9", "1", "330108", "MA2H0K1X7")
BAD_CHECK = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Names a Chinese page may show in Latin letters: the file's own name, file types, the credit code's letters.
LATIN_ALLOWED = {"bad", "csv", "xlsx", "MAH"}


def other_language(text: str, language: str) -> list[str]:
    if language == "en":
        return HAN.findall(text)
    return [word for word in LATIN_WORD.findall(text) if word not in LATIN_ALLOWED]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_import_errors_read_in_one_language(new_page, tmp_path, language):
    build_world()
    page = new_page("zh-CN" if language == "zh-hans" else "en-US")
    sign_in(page, "secretariat")
    go(page, "nav-imports")
    rows = [["Good Tech Co", GOOD], ["Short Code Co", "123"], ["Letters Co", GOOD[:16] + "IO"],
            ["Check Co", BAD_CHECK], ["Division Co", "91ABCDEF" + GOOD[8:]]]
    upload = tmp_path / "bad5.csv"
    upload.write_text(csv_text(["name_en", "uscc"], rows), encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_test_id("import-submit").click()
    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-status", "failed")
    expect(page.get_by_test_id("import-errors").locator("tbody tr")).to_have_count(4)
    page.screenshot(path=f"/tmp/uxshots/import-failed-{language}.png", full_page=True)

    # The bar says what the words say: "5 of 5" is a full bar.
    expect(status).to_contain_text("5 / 5" if language == "zh-hans" else "5 of 5")
    assert page.locator("progress").get_attribute("value") == "100"
    bar, card = page.locator("progress").bounding_box(), status.bounding_box()
    assert bar and card and bar["width"] > 0.8 * card["width"], (bar, card)

    header = page.locator("main h1").inner_text() + " " + page.get_by_test_id("job-state").inner_text()
    messages = [status.locator("p").first.inner_text(), page.get_by_test_id("job-error").inner_text()]
    problems = page.get_by_test_id("import-errors").locator("tbody td:nth-child(4)").all_inner_texts()
    table_head = page.get_by_test_id("import-errors").locator("thead").inner_text()
    text = " ".join([header, *messages, *problems, table_head])
    assert not other_language(text, language), (other_language(text, language), text)

    with page.expect_download() as download:
        page.get_by_test_id("job-output").click()
    saved = tmp_path / "report.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).worksheets[0]
    report = [str(c.value or "") for c in sheet[1]] + [str(row[-1].value or "") for row in sheet.iter_rows(min_row=2)]
    report_text = " ".join(report).replace("name_en", "").replace("uscc", "")
    assert not other_language(report_text, language), report_text
    assert sheet.title == ("导入错误" if language == "zh-hans" else "Import errors")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_credit_code_errors_on_the_form_read_in_one_language(new_page, language):
    world = build_world()
    page = new_page("zh-CN" if language == "zh-hans" else "en-US")
    sign_in(page, "owner")
    for code in ("123", GOOD[:16] + "IO", BAD_CHECK, "91ABCDEF" + GOOD[8:]):
        page.goto(f"/organisations/{world.owner_org.pk}/edit/")
        page.locator("input[name=uscc]").fill(code)
        page.get_by_test_id("org-save").click()
        error = page.locator("form [class*=error]").first
        expect(error).to_be_visible()
        text = error.inner_text()
        assert not other_language(text.replace(code, ""), language), text
    page.screenshot(path=f"/tmp/uxshots/org-form-error-{language}.png", full_page=True)
