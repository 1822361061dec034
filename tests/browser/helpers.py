"""Steps shared by the browser journeys."""

from __future__ import annotations

from playwright.sync_api import expect

from corridor.core.testing import PASSWORD


def sign_in(page, username: str, base: str = "") -> None:  # type: ignore[no-untyped-def]
    """Sign in through the login form (`base` for pages opened without the context's base URL)."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("user-name")).to_have_text(username)


def go(page, testid: str) -> None:  # type: ignore[no-untyped-def]
    """Follow a header link, opening its menu first when it sits in one (base.html's nav groups)."""
    link = page.get_by_test_id(testid)
    if not link.is_visible():
        page.locator(f"details.nav-group:has([data-testid='{testid}']) > summary").click()
    link.click()
