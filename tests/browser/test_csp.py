"""The pages run under their Content-Security-Policy: no violation reported while the home map, a chain
page (ECharts) and htmx filtering run in a real browser."""

from __future__ import annotations

import pytest

from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.core.testing import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def test_pages_raise_no_csp_violation(new_page):
    world = build_world()
    load_chains()
    make_corridor(world)
    firm("杭州传动科技有限公司", "330108", "专注于精密减速器的研发与生产。")
    page = new_page("zh-CN")
    page.add_init_script(RECORD)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    for url in ("/", "/chains/industrial-robots/", "/organisations/", "/equipment/"):
        response = page.goto(url)
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == [], url
    # htmx filtering (the change trigger that no longer needs eval): choosing a kind refreshes the results.
    page.goto("/organisations/")
    with page.expect_request(lambda r: "kind=" in r.url):
        page.get_by_test_id("filter-kind").select_option(index=1)
    page.wait_for_load_state("networkidle")
    assert "kind=" in page.url
    # Typing in the search box refreshes once by its own trigger, not again by the form's change.
    page.get_by_test_id("org-search").fill("传动")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == [] and console == []
