/* Corridor — small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Confirm before destructive plain-form submits; htmx forms use hx-confirm instead.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (window.htmx && form.hasAttribute("hx-post")) return;
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // Copy buttons: <button data-copy="#selector" data-copied="Copied">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = button.dataset.copied || label;
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // Live filtering pushes its URL into the history: leave out the empty filters so it stays readable.
  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (detail.verb !== "get" || !detail.formData) return;
    Array.from(detail.formData.keys()).forEach(function (key) {
      if (detail.formData.getAll(key).every(function (v) { return v === ""; })) detail.formData.delete(key);
    });
  });

  // A filter form refreshes on "change", except from the search box (it has its own trigger): done here
  // rather than with htmx's "change[target.name!='q']", whose filter needs eval, which the CSP forbids.
  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail.elt;
    var ignored = elt && elt.dataset ? elt.dataset.changeIgnores : "";
    var cause = event.detail.triggeringEvent;
    if (ignored && cause && cause.type === "change" && cause.target && cause.target.name === ignored) event.preventDefault();
  });

  // After live filtering the address changed: switching language should come back to it.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    var next = document.querySelector('[data-testid="lang-switch"] input[name="next"]');
    if (next) next.value = window.location.pathname + window.location.search;
  });

  // htmx does not swap error responses; say so instead of failing silently.
  function flash(text) {
    var main = document.getElementById("main");
    if (!main || !text) return;
    var box = main.querySelector(".messages");
    if (!box) {
      box = document.createElement("div");
      box.className = "messages";
      box.setAttribute("role", "status");
      main.prepend(box);
    }
    var p = document.createElement("p");
    p.className = "message message-error";
    p.dataset.testid = "message";
    p.textContent = text;
    box.appendChild(p);
    p.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var body = document.body.dataset;
    flash(status === 403 ? body.forbiddenText : body.errorText);
  });
  document.addEventListener("htmx:sendError", function () { flash(document.body.dataset.errorText); });

  function esc(text) { return window.echarts.format.encodeHTML(String(text == null ? "" : text)); }

  // Map of the member cities: the vendored province maps merged into one, members highlighted.
  function initMap() {
    var dataEl = document.getElementById("corridor-map-data");
    var box = document.querySelector("[data-map-box]");
    var baseEl = document.getElementById("map-base");
    var target = document.getElementById("corridor-map");
    if (!dataEl || !box || !baseEl || !target || !window.echarts || !window.fetch) return;
    var data = JSON.parse(dataEl.textContent);
    var base = baseEl.dataset.mapBase;
    Promise.all(data.files.map(function (name) {
      return fetch(base + name + ".json").then(function (r) { return r.json(); });
    })).then(function (maps) {
      var merged = { type: "FeatureCollection", features: [], UTF8Encoding: true };
      maps.forEach(function (m) {
        if (!m.UTF8Encoding) merged.UTF8Encoding = false;
        merged.features = merged.features.concat(m.features);
      });
      window.echarts.registerMap("corridor", merged);
      box.hidden = false;
      var chart = window.echarts.init(target);
      var orgsLabel = target.dataset.orgsLabel || "";
      var regionUrl = target.dataset.regionUrl || "";
      chart.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var esc = window.echarts.format.encodeHTML;
            return p.data ? esc(p.data.cityName) + "<br>" + esc(p.data.orgs) + " " + esc(orgsLabel) : esc(p.name);
          }
        },
        series: [{
          type: "map", map: "corridor", roam: true, selectedMode: false,
          itemStyle: { areaColor: "#eef2f6", borderColor: "#b8c2cf" },
          label: { show: false },
          emphasis: { itemStyle: { areaColor: "#9cc4ec" }, label: { show: true } },
          data: data.cities.map(function (c) {
            // `label` is ECharts' own option (an object): the city's name travels as cityName. Member cities
            // are named on the map in the page's language.
            return {
              name: c.name, value: c.orgs, cityName: c.label, orgs: c.orgs, code: c.code,
              itemStyle: { areaColor: "#0b6bcb", borderColor: "#fff" },
              label: { show: true, formatter: c.label, color: "#fff", fontSize: 11, textBorderColor: "#0b4f96", textBorderWidth: 2 }
            };
          })
        }]
      });
      chart.on("click", function (p) {
        if (p.data && p.data.code && regionUrl) window.location.href = regionUrl.replace("000000", p.data.code);
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function () { box.hidden = true; });
  }
  document.addEventListener("DOMContentLoaded", initMap);

  // The header's menus (base.html, <details class="nav-group">): one open at a time; a click elsewhere or
  // Escape closes them.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.classList || !opened.classList.contains("nav-group") || !opened.open) return;
    document.querySelectorAll("details.nav-group[open]").forEach(function (other) {
      if (other !== opened) other.open = false;
    });
  }, true);
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.nav-group[open]").forEach(function (group) {
      if (!group.contains(event.target)) group.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.nav-group[open]").forEach(function (group) {
      group.open = false;
      group.querySelector("summary").focus();
    });
  });
})();
