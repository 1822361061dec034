"""The import template's headers are all recognised by the importer, in Chinese and in English."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from corridor.imports.headers import map_header


@pytest.mark.parametrize(("language", "first"), [("zh-hans", "企业名称"), ("en", "Chinese name")])
def test_every_template_header_is_recognised(world, language, first) -> None:  # type: ignore[no-untyped-def]
    response = world.client_for("secretariat").get("/imports/organisations/template.xlsx",
                                                    HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    header = [c.value for c in book.worksheets[0][1]]
    assert header[0] == first and book.worksheets[0].max_row == 1  # headers only: nothing to import by mistake
    columns, ignored = map_header(header)
    assert not ignored and len(set(columns.values())) == len(header)
    assert {"name_zh", "name_en", "uscc", "address", "city", "industries"} <= set(columns.values())
    assert book.worksheets[1].max_row == len(header) + 1  # a note per column


def test_the_import_page_offers_the_template(world) -> None:  # type: ignore[no-untyped-def]
    page = world.client_for("secretariat").get("/imports/organisations/").content.decode()
    assert "/imports/organisations/template.xlsx" in page
