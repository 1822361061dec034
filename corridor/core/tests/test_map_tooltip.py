"""The home page map's tooltip escapes region names (stored XSS): corridor.js run in Node with a stand-in
for the browser and ECharts, its tooltip formatter called with a hostile name."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "static" / "corridor" / "corridor.js"
HARNESS = r"""
const fs = require("fs");
const listeners = {};
const el = (extra) => Object.assign({ dataset: {}, hidden: true }, extra || {});
const data = { files: ["x"], cities: [{ name: NAME, label: NAME, orgs: "<b>3</b>", code: "330100" }] };
let option = null;
global.window = {
  fetch: () => Promise.resolve({ json: () => ({ features: [], UTF8Encoding: true }) }),
  addEventListener() {},
  echarts: {
    registerMap() {},
    init: () => ({ setOption: (o) => { option = o; }, on() {}, resize() {} }),
    format: { encodeHTML: (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]) },
  },
  location: {},
};
global.fetch = window.fetch;
global.document = {
  addEventListener: (type, fn) => { listeners[type] = fn; },
  getElementById: (id) => ({
    "corridor-map-data": el({ textContent: JSON.stringify(data) }),
    "map-base": el({ dataset: { mapBase: "/m/" } }),
    "corridor-map": el({ dataset: { orgsLabel: "<i>orgs</i>", regionUrl: "/r/000000/" } }),
  })[id] || null,
  querySelector: () => el(),
};
eval(fs.readFileSync(SCRIPT_PATH, "utf8"));
listeners.DOMContentLoaded();
setTimeout(() => {
  const f = option.tooltip.formatter;
  console.log(JSON.stringify([f({ data: option.series[0].data[0] }), f({ name: NAME })]));
}, 50);
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the page script")
def test_tooltip_escapes_region_names(tmp_path):
    hostile = '<img src=x onerror="alert(1)">'
    harness = HARNESS.replace("NAME", json.dumps(hostile)).replace("SCRIPT_PATH", json.dumps(str(SCRIPT)))
    (tmp_path / "h.js").write_text(harness)
    done = subprocess.run(["node", str(tmp_path / "h.js")], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    with_data, without = json.loads(done.stdout)
    for html in (with_data, without):
        assert "<img" not in html and "&lt;img" in html
    assert "<b>3</b>" not in with_data and "<i>orgs</i>" not in with_data
