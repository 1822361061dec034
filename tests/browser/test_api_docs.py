"""/api/docs draws Swagger UI from the vendored files, and no request leaves the platform's own host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_are_drawn_from_our_own_host(new_page, live_server):
    page = new_page("en-US")
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Corridor API")
    expect(page.locator(".opblock").first).to_be_visible()  # the operations are listed
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
