"""Nothing a page loads comes from another host: templates, our static files and every rendered page.

Many deployments cannot reach a CDN (and the project's rules forbid one); a page that needs one is blank.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = Path(__file__).resolve().parents[2]
# A reference that makes the browser fetch or go somewhere: attributes, CSS url() and @import, JS imports.
OTHER_HOST = re.compile(
    r"""(?:\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["']|from\s+["'])"""
    r"""(?:https?:)?//(?P<host>[^/"'\s)]+)""",
    re.IGNORECASE,
)


def _ours() -> list[Path]:
    templates = PACKAGE.glob("*/templates/**/*.html")
    static = [p for p in PACKAGE.glob("*/static/**/*") if p.suffix in (".css", ".js") and "vendor" not in p.parts]
    return sorted([*templates, *static])


def test_no_template_or_static_file_refers_to_another_host() -> None:
    files = _ours()
    assert any(p.name == "swagger.html" for p in files) and len(files) > 30
    found = [f"{p.relative_to(PACKAGE)}: {m.group(0)}" for p in files for m in OTHER_HOST.finditer(p.read_text())]
    assert not found, "\n".join(found)


def test_the_pattern_catches_what_it_must() -> None:
    bad = ['<script src="https://cdn.jsdelivr.net/x.js">', "<link href='//fonts.example/a.css'>",
           "background: url(https://img.example/a.png)", '@import "https://x.example/a.css"']
    good = ['<a href="/api/docs">', '<svg xmlns="http://www.w3.org/2000/svg">', '<img src="/static/a.png">']
    assert all(OTHER_HOST.search(text) for text in bad)
    assert not any(OTHER_HOST.search(text) for text in good)


def _plain_paths(resolver: URLResolver, prefix: str = "") -> list[str]:
    """Every URL without parameters, e.g. "/organisations/"."""
    paths: list[str] = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            paths += _plain_paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            paths.append("/" + prefix + route)
    return paths


def test_no_rendered_page_refers_to_another_host(world) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("admin")
    checked = []
    for path in _plain_paths(get_resolver()):
        if "logout" in path or "export" in path:
            continue
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        hosts = {m.group("host") for m in OTHER_HOST.finditer(html)} - {"testserver"}
        assert not hosts, f"{path} loads from {sorted(hosts)}"
        checked.append(path)
    assert "/api/docs" in checked and "/" in checked and len(checked) >= 15, checked
