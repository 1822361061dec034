// Regional targets: each [data-target-chart] draws its dated snapshots against the target line (ECharts).
(function () {
  function draw(el) {
    if (!window.echarts) return;
    var points = JSON.parse(el.dataset.points || "[]");
    var goal = Number(el.dataset.goal);
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 24, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map(function (p) { return p[0]; }) },
      yAxis: { type: "value", min: 0, max: Math.max(goal, Math.max.apply(null, points.map(function (p) { return p[1]; }).concat([0]))) },
      series: [{
        name: el.dataset.valueLabel, type: "line", data: points.map(function (p) { return p[1]; }), symbolSize: 8,
        markLine: { symbol: "none", data: [{ yAxis: goal, name: el.dataset.goalLabel }], label: { position: "insideEndTop", formatter: el.dataset.goalLabel + " " + goal } },
      }],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function all() { document.querySelectorAll("[data-target-chart]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
