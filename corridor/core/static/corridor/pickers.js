// Pickers: a region chosen by name or by browsing the tree, chain segments chosen by searching, instead
// of typing GB 2260 codes or scrolling a 91-line list. The form field underneath keeps its value (codes,
// or the selected options): without this file it is the plain field, and the server reads it the same.
(function () {
  "use strict";
  if (window.corridorPickers) return;
  window.corridorPickers = true;

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function chip(value, label, title, removeLabel) {
    var li = document.createElement("li");
    li.className = "chip";
    li.dataset.value = value;
    if (title) li.title = title;
    li.appendChild(document.createTextNode(label + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "picker-remove";
    button.setAttribute("aria-label", (removeLabel || "×") + " " + label);
    button.textContent = "×";
    li.appendChild(button);
    return li;
  }

  function relabel(field, search) {
    if (!field.id) return;
    search.id = field.id + "_search";
    var label = document.querySelector('label[for="' + field.id + '"]');
    if (label) {
      label.htmlFor = search.id;
      search.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    }
  }

  function regionPicker(root) {
    var field = root.querySelector(".picker-value");
    var chosen = root.querySelector(".picker-chosen");
    var ui = root.querySelector(".picker-ui");
    var search = root.querySelector(".picker-search");
    var results = root.querySelector(".picker-results");
    var multiple = root.hasAttribute("data-multiple");
    var timer = null;
    var asked = null;
    field.type = "hidden";
    ui.hidden = false;
    relabel(field, search);

    function values() { return field.value.split(/[\s,，;；、]+/).filter(Boolean); }
    function store(list) {
      field.value = list.join(", ");
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function load(query) {
      if (query === asked) return;
      asked = query;
      fetch(root.dataset.source + "?" + query, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { if (asked === query) results.innerHTML = html; });
    }
    function choose(button) {
      var value = button.dataset.pickValue;
      var list = multiple ? values().filter(function (v) { return v !== value; }) : [];
      list.push(value);
      store(list);
      if (!multiple) chosen.replaceChildren();
      var old = chosen.querySelector('[data-value="' + value + '"]');
      if (old) old.remove();
      var path = button.querySelector("small");
      chosen.appendChild(chip(value, button.dataset.pickLabel, path ? path.textContent : "", root.dataset.removeLabel));
      if (!multiple && search.value) { search.value = ""; load("parent="); }
      search.focus();
    }

    search.addEventListener("input", function () {
      clearTimeout(timer);
      var q = search.value.trim();
      timer = setTimeout(function () { load(q ? "q=" + encodeURIComponent(q) : "parent="); }, 200);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();  // Enter picks the first match; it never submits the form half-filled
      var first = results.querySelector("[data-pick-value]");
      if (first) choose(first);
    });
    results.addEventListener("click", function (event) {
      var pick = event.target.closest("[data-pick-value]");
      if (pick) { choose(pick); return; }
      var open = event.target.closest("[data-pick-open]");
      if (open) {
        search.value = "";
        load("parent=" + encodeURIComponent(open.dataset.pickOpen));
      }
    });
    chosen.addEventListener("click", function (event) {
      var remove = event.target.closest(".picker-remove");
      if (!remove) return;
      var item = remove.closest("li");
      store(values().filter(function (v) { return v !== item.dataset.value; }));
      item.remove();
    });
    load("parent=");
  }

  function optionPicker(root) {
    var select = root.querySelector("select");
    var chosen = root.querySelector(".picker-chosen");
    var ui = root.querySelector(".picker-ui");
    var search = root.querySelector(".picker-search");
    var results = root.querySelector(".picker-results");
    var options = Array.from(select.options);
    select.hidden = true;
    ui.hidden = false;
    relabel(select, search);

    function norm(text) { return (text || "").toLowerCase(); }
    function render() {
      var q = norm(search.value.trim());
      var list = document.createElement("ul");
      list.className = "picker-options";
      var group = null;
      var shown = 0;
      options.forEach(function (option) {
        if (option.selected) return;
        var groupName = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
        if (q && norm(option.text).indexOf(q) < 0 && norm(groupName).indexOf(q) < 0 && norm(option.value).indexOf(q) < 0) return;
        if (groupName && groupName !== group) {
          group = groupName;
          var heading = document.createElement("li");
          heading.className = "picker-group";
          heading.textContent = groupName;
          list.appendChild(heading);
        }
        var li = document.createElement("li");
        li.className = "picker-option";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "picker-choose";
        button.dataset.pickValue = option.value;
        button.setAttribute("data-testid", "pick-option");
        button.textContent = option.text;
        li.appendChild(button);
        list.appendChild(li);
        shown += 1;
      });
      if (!shown) {
        var none = document.createElement("p");
        none.className = "muted small";
        none.textContent = results.dataset.none || "";
        results.replaceChildren(none);
      } else {
        results.replaceChildren(list);
      }
    }
    function optionFor(value) {
      return options.find(function (o) { return o.value === value; });
    }
    results.addEventListener("click", function (event) {
      var pick = event.target.closest("[data-pick-value]");
      if (!pick) return;
      var option = optionFor(pick.dataset.pickValue);
      option.selected = true;
      var groupName = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
      chosen.appendChild(chip(option.value, option.text, groupName, root.dataset.removeLabel));
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
      search.focus();
    });
    chosen.addEventListener("click", function (event) {
      var remove = event.target.closest(".picker-remove");
      if (!remove) return;
      var item = remove.closest("li");
      var option = optionFor(item.dataset.value);
      if (option) option.selected = false;
      item.remove();
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
    });
    search.addEventListener("input", render);
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var first = results.querySelector("[data-pick-value]");
      if (first) first.click();
    });
    render();
  }

  ready(function () {
    document.querySelectorAll('[data-picker="region"]').forEach(regionPicker);
    document.querySelectorAll('[data-picker="options"]').forEach(optionPicker);
  });
})();
