/* Dashboards: the corridor cities on a map coloured by the chosen indicator, the same values as bars,
   and the chosen indicator's monthly trend. Every number drawn is already in the page's tables. */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }
  function esc(text) { return window.echarts.format.encodeHTML(String(text == null ? "" : text)); }
  function fmt(v) { return Number(v).toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 2 }); }

  function chosenIndicator(data) {
    var select = byId("indicator-select");
    var key = select ? select.value : "";
    return data.indicators.filter(function (i) { return i.key === key; })[0] || data.indicators[0];
  }

  function drawBars(data, indicator) {
    var el = byId("dash-bars");
    if (!el || !indicator) return;
    var chart = window.echarts.init(el);
    var here = (byId("dash-map") || { dataset: {} }).dataset.city;
    var cities = data.cities.slice().sort(function (a, b) { return (indicator.values[a.code] || 0) - (indicator.values[b.code] || 0); });
    chart.setOption({
      grid: { left: 8, right: 48, top: 30, bottom: 10, containLabel: true },
      title: { text: indicator.name + " (" + indicator.unit + ")", textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: cities.map(function (c) { return c.label; }) },
      series: [{ type: "bar", label: { show: true, position: "right", formatter: function (p) { return fmt(p.value); } },
                 data: cities.map(function (c) {
                   return { value: indicator.values[c.code] || 0, itemStyle: { color: c.code === here ? "#c0392b" : "#2f6fb0" } };
                 }) }]
    });
    el.dataset.drawn = String(cities.length);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawMap(data, indicator) {
    var el = byId("dash-map");
    var baseEl = byId("map-base");
    if (!el || !baseEl || !window.fetch || !indicator || !data.files.length) return;
    Promise.all(data.files.map(function (name) {
      return fetch(baseEl.dataset.mapBase + name + ".json").then(function (r) { return r.json(); });
    })).then(function (maps) {
      var merged = { type: "FeatureCollection", features: [], UTF8Encoding: true };
      maps.forEach(function (m) {
        if (!m.UTF8Encoding) merged.UTF8Encoding = false;
        merged.features = merged.features.concat(m.features);
      });
      window.echarts.registerMap("dash-corridor", merged);
      var chart = window.echarts.init(el);
      var values = data.cities.map(function (c) { return indicator.values[c.code] || 0; });
      var max = Math.max.apply(null, values.concat([1]));
      var names = {};
      var known = {};
      merged.features.forEach(function (f) { known[f.properties && f.properties.name] = true; });
      var series = {
        type: "map", map: "dash-corridor", roam: true, selectedMode: false, zoom: data.center ? 2.2 : 1,
        itemStyle: { areaColor: "#f4f6f9", borderColor: "#d3d9e1" },
        emphasis: { label: { show: true } },
        label: { show: false },
        data: data.cities.map(function (c) {
          names[c.name] = c.label;
          return { name: c.name, value: indicator.values[c.code] || 0, cityLabel: c.label, code: c.code,
                   label: { show: true, formatter: c.label, fontSize: 11, color: "#102a43", textBorderColor: "#fff", textBorderWidth: 2 } };
        })
      };
      if (data.center) series.center = data.center;
      chart.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            if (!p.data) return esc(p.name);
            return esc(p.data.cityLabel) + "<br>" + esc(indicator.name) + ": " + esc(fmt(p.data.value)) + " " + esc(indicator.unit);
          }
        },
        visualMap: { min: 0, max: max, left: 10, bottom: 10, calculable: false, text: [fmt(max) + " " + indicator.unit, "0"],
                     inRange: { color: ["#dbe9f7", "#6aa5dd", "#0b4f96"] } },
        series: [series]
      });
      el.dataset.coloured = String(data.cities.filter(function (c) { return known[c.name]; }).length);
      el.dataset.indicator = indicator.key;
      el.dataset.unit = indicator.unit;
      el.dataset.names = data.cities.map(function (c) { return c.label; }).join("|");
      chart.on("click", function (p) {
        if (p.data && p.data.code) window.location.href = el.dataset.cityUrl.replace("000000", p.data.code);
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function () { el.dataset.failed = "1"; });
  }

  function drawTrend() {
    var el = byId("dash-trend");
    var dataEl = byId("dash-trend-data");
    if (!el || !dataEl) return;
    var points = JSON.parse(dataEl.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map(function (p) { return p.period; }) },
      yAxis: { type: "value" },
      series: [{ type: "line", data: points.map(function (p) { return p.value; }), symbolSize: 7, areaStyle: { opacity: 0.08 } }]
    });
    el.dataset.points = String(points.length);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init() {
    document.querySelectorAll("select[data-navigate]").forEach(function (select) {
      select.addEventListener("change", function () { window.location.href = select.value; });
    });
    var select = byId("indicator-select");
    if (select) select.addEventListener("change", function () { select.form.submit(); });
    var dataEl = byId("dash-data");
    if (!dataEl || !window.echarts) return;
    var data = JSON.parse(dataEl.textContent);
    var indicator = chosenIndicator(data);
    drawBars(data, indicator);
    drawMap(data, indicator);
    drawTrend();
  }
  document.addEventListener("DOMContentLoaded", init);
})();
