"""`make test` does its own set-up: `.ci/system_deps.py` installs what is missing, or names the one command."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "system_deps.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("system_deps", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _machine_without(monkeypatch: pytest.MonkeyPatch, module: ModuleType, absent: set[str]) -> list[list[str]]:
    """Pretend the given programs are not installed; record the commands the script runs."""
    real_which = shutil.which
    installed: set[str] = set()
    ran: list[list[str]] = []
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(module.shutil, "which", lambda name: None if name in absent - installed else real_which(name))

    def run(cmd, **kwargs):  # type: ignore[no-untyped-def]
        ran.append(list(cmd))
        if cmd[:2] == ["apt-get", "install"]:
            installed.update({"chromium"} & set(cmd))
            return subprocess.CompletedProcess(cmd, 0, "", "")
        if cmd == ["fc-list"]:
            return subprocess.CompletedProcess(cmd, 0, "/usr/share/fonts/wqy-microhei.ttc: WenQuanYi Micro Hei\n", "")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(module.subprocess, "run", run)
    return ran


def test_without_root_it_stops_at_once_with_the_one_command(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    module = _load()
    ran = _machine_without(monkeypatch, module, {"chromium"})
    monkeypatch.setattr(module.os, "geteuid", lambda: 1000)
    assert module.main() == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install -y chromium\n" in err
    assert not any(cmd[0] == "apt-get" for cmd in ran)


def test_as_root_with_apt_it_installs_what_is_missing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    module = _load()
    ran = _machine_without(monkeypatch, module, {"chromium"})
    monkeypatch.setattr(module.os, "geteuid", lambda: 0)
    monkeypatch.setattr(module.shutil, "which", lambda name, _w=module.shutil.which: "/usr/bin/apt-get"
                        if name == "apt-get" else _w(name))
    assert module.main() == 0
    assert ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"] in ran


def test_a_complete_machine_needs_nothing() -> None:
    assert _load().missing() == [], "this machine runs the browser tests: chromium, a CJK font and gettext"


def test_make_test_and_ci_take_the_same_path() -> None:
    root = SCRIPT.parents[1]
    makefile = (root / "Makefile").read_text()
    assert "test: system-deps" in makefile and ".ci/system_deps.py" in makefile
    assert "python3 .ci/system_deps.py" in (root / ".ci" / "run").read_text()
