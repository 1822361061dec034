// The condition builder: offer only the operators that apply to the chosen field, show its unit and hint,
// and switch between the form and the JSON view. Without this script the form still works (the server checks).
(function () {
  "use strict";
  function refresh(row) {
    var field = row.querySelector(".cond-field");
    var op = row.querySelector(".cond-op");
    var chosen = field.options[field.selectedIndex];
    var ops = (chosen && chosen.dataset.ops || "").split(" ").filter(Boolean);
    Array.prototype.forEach.call(op.options, function (option) {
      option.hidden = ops.length > 0 && ops.indexOf(option.value) < 0;
    });
    if (ops.length && ops.indexOf(op.value) < 0) { op.value = ops[0]; }
    row.querySelector(".unit").textContent = chosen ? (chosen.dataset.unit || "") : "";
    row.querySelector(".cond-hint").textContent = chosen ? (chosen.dataset.hint || "") : "";
    row.querySelector(".cond-value2").hidden = op.value !== "between";
  }
  function setup() {
    document.querySelectorAll(".condition-row").forEach(function (row) {
      refresh(row);
      row.querySelector(".cond-field").addEventListener("change", function () { refresh(row); });
      row.querySelector(".cond-op").addEventListener("change", function () { refresh(row); });
    });
    document.querySelectorAll("input[name=rule_mode]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        var json = radio.value === "json" && radio.checked;
        var builder = document.querySelector("[data-testid=builder]");
        if (builder) { builder.hidden = json; }
        document.querySelector("[data-testid=rule-json]").hidden = !json;
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
