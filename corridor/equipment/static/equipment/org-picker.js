// Pick an organisation by name: as the officer types, its <datalist> offers the organisations whose
// names match (the organisations API, same search as the pages). The server resolves the chosen name.
(function () {
  "use strict";
  document.querySelectorAll("input[data-org-picker]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) return;
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      clearTimeout(timer);
      if (q.length < 2 || q === asked) return;
      timer = setTimeout(function () {
        asked = q;
        fetch(input.dataset.orgPicker + "?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, (data.items || []).map(function (org) {
              var option = document.createElement("option");
              option.value = org.name;
              option.label = [org.city && org.city.name, org.uscc].filter(Boolean).join(" · ");
              return option;
            }));
            input.dataset.options = String(list.children.length);
          });
      }, 200);
    });
  });
})();
