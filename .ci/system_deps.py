#!/usr/bin/env python3
"""What the test suite needs from the machine, beyond the venv: Debian's Chromium (browser tests), a CJK
font (screenshots of Chinese pages, and embedded in the PDF reports), gettext (compiled catalogues) and Pango
(WeasyPrint renders the PDF reports through it).

Run by `make test` and by `.ci/run` (one path for both). Whatever is missing is installed when it can be
(root and apt-get); otherwise it stops at once, before any test runs, with the one command to run.
Standard library only: it runs before the venv exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CJK_FONTS = ("wenquanyi", "noto sans cjk", "noto serif cjk", "droid sans fallback")


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout.lower()
    return any(name in listing for name in CJK_FONTS)


def missing() -> list[str]:
    """The Debian packages to install, in a fixed order."""
    need = []
    chromium = os.environ.get("CHROMIUM_PATH")
    if not (chromium and os.path.exists(chromium)) and not shutil.which("chromium"):
        need.append("chromium")
    if not _has_cjk_font():
        need.append("fonts-wqy-microhei")
    if not shutil.which("msgfmt"):
        need.append("gettext")
    if not _has_pango():
        need += ["libpango-1.0-0", "libpangoft2-1.0-0"]  # WeasyPrint (PDF reports)
    return need


def _has_pango() -> bool:
    import ctypes.util

    return bool(ctypes.util.find_library("pango-1.0")) and bool(ctypes.util.find_library("pangoft2-1.0"))


def main() -> int:
    need = missing()
    if not need:
        return 0
    packages = " ".join(need)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"== installing Debian packages the tests need: {packages}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *need], check=True, env=env)
        still = missing()
        if still:
            print(f"system_deps: still missing after apt-get: {' '.join(still)}", file=sys.stderr)
            return 1
        return 0
    print(
        f"The tests need Debian packages that are not installed: {packages}.\n"
        f"Run this once, then `make test` again:\n\n    sudo apt-get install -y {packages}\n",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
