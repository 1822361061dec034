"""Headless Chromium (Debian's) driven by Playwright, against pages served by pytest-django's live server."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# This machine's network is closed: background networking would only produce refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="corridor-chromium-")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def new_page(browser, live_server):  # type: ignore[no-untyped-def]
    """Open pages as a person with a given browser language: new_page("zh-CN")."""
    contexts = []

    def make(locale: str = "zh-CN"):  # type: ignore[no-untyped-def]
        context = browser.new_context(locale=locale, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
