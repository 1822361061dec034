/* Chain page charts: the segment graph by stage, the city × segment heat map and the member-city map
   coloured by the chosen segment's strength (ECharts, vendored). Clicking a segment lists its
   organisations (htmx) and recolours the map. */
(function () {
  "use strict";
  var STAGE_X = { upstream: 0, midstream: 1, downstream: 2 };
  var STAGE_COLOUR = { upstream: "#5b8def", midstream: "#0b6bcb", downstream: "#1f9d74" };
  var LEVEL_COLOUR = { strong: "#0b4f96", present: "#5d9fe0", weak: "#cfe2f6", absent: "#eef2f6" };

  function byId(id) { return document.getElementById(id); }
  // Names are people's text (a secretariat edits segment names): never HTML in a tooltip.
  function esc(text) { return window.echarts.format.encodeHTML(String(text == null ? "" : text)); }

  function chooseSegment(key, state) {
    state.segment = key;
    var select = byId("segment-select");
    if (select && select.value !== key) select.value = key;
    var box = byId("segment-orgs");
    if (box && window.htmx) window.htmx.ajax("GET", box.dataset.url.replace("__key__", key), { target: "#segment-orgs" });
    if (state.colourMap) state.colourMap(key);
    if (window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      url.searchParams.set("segment", key);
      window.history.replaceState(null, "", url.toString());
    }
  }

  function drawGraph(data, state) {
    var el = byId("chain-graph");
    if (!el) return;
    var rows = { upstream: 0, midstream: 0, downstream: 0 };
    var narrow = el.clientWidth < 600;
    var nodes = data.segments.map(function (s) {
      var x = STAGE_X[s.stage] * 320 + (s.parent ? 30 : 0);
      var y = rows[s.stage]++ * 42;
      return {
        id: s.key, name: s.name, x: x, y: y, value: s.orgs, category: STAGE_X[s.stage],
        symbolSize: 10 + Math.min(30, Math.sqrt(s.orgs) * 3),
        itemStyle: { color: STAGE_COLOUR[s.stage], opacity: s.parent ? 0.85 : 1 },
        // On a phone the three stage columns are too close for every label: names then show on hover.
        label: { show: !narrow, position: "right", formatter: s.name + " (" + s.orgs + ")" },
        emphasis: { label: { show: true } }
      };
    });
    var links = data.edges.map(function (e) {
      return {
        source: e.source, target: e.target, value: e.weight, share: e.share,
        lineStyle: { width: 1 + e.weight * 8, opacity: 0.55, curveness: 0.15 }
      };
    });
    data.segments.forEach(function (s) {
      if (s.parent) links.push({ source: s.parent, target: s.key, partOf: true, lineStyle: { type: "dashed", width: 1, opacity: 0.35, curveness: 0 } });
    });
    var orgs = esc(el.dataset.orgsLabel || "");
    var names = {};
    data.segments.forEach(function (s) { names[s.key] = s.name; });
    var shareLabel = el.dataset.shareLabel || "";
    el.style.height = Math.max(320, Math.max(rows.upstream, rows.midstream, rows.downstream) * 42 + 60) + "px";
    var chart = window.echarts.init(el);
    chart.on("finished", function () { el.dataset.drawn = String(nodes.length); });
    chart.setOption({
      tooltip: {
        formatter: function (p) {
          if (p.dataType === "edge") {
            if (p.data.partOf) return "";
            var share = p.data.share == null ? "—" : Math.round(p.data.share * 100) + "%";
            return esc(names[p.data.source]) + " → " + esc(names[p.data.target]) + "<br>" + esc(shareLabel) + ": " + share;
          }
          // Each segment's count per member city, busiest first.
          var levels = data.map.levels[p.data.id] || {};
          var lines = data.map.cities.map(function (c) { return [c.label, (levels[c.code] || [0, 0])[1]]; })
            .filter(function (row) { return row[1] > 0; })
            .sort(function (a, b) { return b[1] - a[1]; })
            .map(function (row) { return esc(row[0]) + ": " + row[1]; });
          return "<b>" + esc(p.data.name) + "</b> · " + p.data.value + " " + orgs + (lines.length ? "<br>" + lines.join("<br>") : "");
        }
      },
      legend: { data: Object.keys(STAGE_X).map(function (k) { return data.stages[k]; }), top: 0 },
      series: [{
        type: "graph", layout: "none", roam: true, top: 40, bottom: 20, left: 20, right: 180,
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
        categories: Object.keys(STAGE_X).map(function (k) { return { name: data.stages[k], itemStyle: { color: STAGE_COLOUR[k] } }; }),
        data: nodes, links: links, emphasis: { focus: "adjacency" }
      }]
    });
    chart.on("click", function (p) { if (p.dataType === "node") chooseSegment(p.data.id, state); });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawHeat(data, state) {
    var el = byId("chain-heat");
    if (!el) return;
    var heat = data.heat;
    el.style.height = Math.max(280, heat.regions.length * 34 + 170) + "px";
    // A cell wide enough for its number: on a phone the chart scrolls sideways rather than crowd them.
    el.style.minWidth = (heat.segment_names.length * 34 + 110) + "px";
    var max = 1;
    heat.cells.forEach(function (c) { if (c[2] > max) max = c[2]; });
    var chart = window.echarts.init(el);
    chart.on("finished", function () { el.dataset.drawn = String(heat.cells.length); });
    chart.setOption({
      tooltip: {
        formatter: function (p) {
          var c = p.data;
          return esc(heat.regions[c[1]]) + " · " + esc(heat.segment_names[c[0]]) + "<br>" + c[2] + " " +
            esc(el.dataset.orgsLabel) + (c[3] == null ? "" : "<br>" + esc(el.dataset.lqLabel) + " " + c[3]);
        }
      },
      grid: { top: 10, left: 90, right: 20, bottom: 130 },
      xAxis: { type: "category", data: heat.segment_names, axisLabel: { rotate: 40, interval: 0, fontSize: 11 } },
      yAxis: { type: "category", data: heat.regions },
      // dimension 2 is the count: cells are [segment, city, count, location quotient], and by default the
      // colour followed the last dimension (the quotient, often empty), leaving the cells white.
      visualMap: { min: 0, max: max, dimension: 2, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120,
                   inRange: { color: ["#f4f7fb", "#9cc4ec", "#0b4f96"] } },
      series: [{ type: "heatmap", data: heat.cells, label: { show: true, fontSize: 10 } }]
    });
    chart.on("click", function (p) { chooseSegment(heat.segments[p.data[0]], state); });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawMap(data, state) {
    var el = byId("chain-map");
    var baseEl = byId("map-base");
    if (!el || !baseEl || !window.fetch || !data.map.files.length) return;
    var names = (el.dataset.levelNames || "").split("|");
    var levelName = { strong: names[0], present: names[1], weak: names[2], absent: names[3] };
    Promise.all(data.map.files.map(function (name) {
      return fetch(baseEl.dataset.mapBase + name + ".json").then(function (r) { return r.json(); });
    })).then(function (maps) {
      var merged = { type: "FeatureCollection", features: [], UTF8Encoding: true };
      maps.forEach(function (m) {
        if (!m.UTF8Encoding) merged.UTF8Encoding = false;
        merged.features = merged.features.concat(m.features);
      });
      window.echarts.registerMap("chain-corridor", merged);
      var chart = window.echarts.init(el);
      // Open on the member cities rather than on the whole provinces their maps cover.
      var withCentre = function (series) {
        if (data.map.center) series.center = data.map.center;
        return series;
      };
      state.colourMap = function (key) {
        var levels = data.map.levels[key] || {};
        var coloured = 0;
        chart.setOption({
          tooltip: {
            trigger: "item",
            formatter: function (p) {
              if (!p.data) return esc(p.name);
              return esc(p.data.label) + "<br>" + esc(levelName[p.data.level]) + " · " + p.data.orgs + " " + esc(el.dataset.orgsLabel) +
                (p.data.lq == null ? "" : " · LQ " + p.data.lq);
            }
          },
          series: [withCentre({
            type: "map", map: "chain-corridor", roam: true, selectedMode: false, zoom: data.map.center ? 2.2 : 1,
            itemStyle: { areaColor: "#fafbfc", borderColor: "#d3d9e1" }, label: { show: false },
            emphasis: { label: { show: true } },
            data: data.map.cities.map(function (c) {
              var v = levels[c.code] || ["absent", 0, null];
              if (v[0] !== "absent") coloured++;
              return { name: c.name, label: c.label, code: c.code, level: v[0], orgs: v[1], lq: v[2], value: v[1],
                       itemStyle: { areaColor: LEVEL_COLOUR[v[0]], borderColor: "#fff" } };
            })
          })]
        }, { replaceMerge: ["series"] });
        el.dataset.segment = key;
        el.dataset.coloured = String(coloured);
      };
      state.colourMap(state.segment);
      chart.on("click", function (p) {
        if (p.data && p.data.code) window.location.href = el.dataset.cityUrl.replace("000000", p.data.code);
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function () { el.dataset.failed = "1"; });
  }

  function init() {
    document.querySelectorAll("select[data-navigate]").forEach(function (select) {
      select.addEventListener("change", function () { window.location.href = select.value; });
    });
    var dataEl = byId("chain-data");
    if (!dataEl || !window.echarts) return;
    var data = JSON.parse(dataEl.textContent);
    var state = { segment: (byId("chain-chosen") || { dataset: {} }).dataset.segment || "" };
    var select = byId("segment-select");
    if (select) select.addEventListener("change", function () { chooseSegment(select.value, state); });
    drawGraph(data, state);
    drawHeat(data, state);
    drawMap(data, state);
  }
  document.addEventListener("DOMContentLoaded", init);
})();
