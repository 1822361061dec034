"""Every UI string has a zh-Hans translation, and the compiled catalogue matches the sources.

Runs makemessages on a copy of the package, so a string added to a template or to Python code
without a translation fails here.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
PO_GLOB = "**/locale/zh_Hans/LC_MESSAGES/django.po"

pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="gettext tools are required")


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if "msgid" in block and 'msgid ""\nmsgstr ""\n"' not in block]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[Path]:
    copy = tmp_path_factory.mktemp("i18n") / "corridor"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "tests", "migrations"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete", "--no-location"],
        cwd=copy, check=True, capture_output=True, env={"DJANGO_SETTINGS_MODULE": "corridor.settings", "DEBUG": "1",
                                                      "PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy.parent)},
    )
    return sorted(copy.glob(PO_GLOB))


def test_every_app_catalogue_is_extracted(extracted):
    assert len(extracted) == len(list(PACKAGE.glob(PO_GLOB))) >= 1


def test_every_string_is_translated_to_chinese(extracted):
    missing = []
    for po in extracted:
        for flag in ("--untranslated", "--only-fuzzy"):
            found = subprocess.run(
                ["msgattrib", flag, "--no-obsolete", str(po)], check=True, capture_output=True, text=True
            ).stdout
            missing += _entries(found)
    assert not missing, "untranslated or fuzzy zh-Hans strings (run `make messages` and translate):\n" + "\n\n".join(
        missing[:20]
    )


@pytest.mark.parametrize("po", sorted(PACKAGE.glob(PO_GLOB)), ids=lambda po: str(po.relative_to(PACKAGE)))
def test_compiled_catalogue_matches_the_po_file(tmp_path, po):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
    with fresh.open("rb") as a, po.with_suffix(".mo").open("rb") as b:
        fresh_catalog = gettext.GNUTranslations(a)._catalog  # type: ignore[attr-defined]
        committed_catalog = gettext.GNUTranslations(b)._catalog  # type: ignore[attr-defined]
        assert fresh_catalog == committed_catalog, "run `make messages`"
