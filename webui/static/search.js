// Autocomplete for every input with data-suggest: names come from /search.json and are
// written with textContent only. Choosing one opens its page, or, with data-jump, the org
// chart rooted at it.
(function () {
  "use strict";
  function attach(input, list) {
    var timer = null, items = [], active = -1;
    function target(item) {
      if (input.dataset.jump) {
        var params = new URLSearchParams(window.location.search);
        params.set("root", item.iri);
        params.delete("expand");
        return input.dataset.jump + "?" + params.toString();
      }
      return item.href;
    }
    function render() {
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = target(item) || "#";
        a.textContent = item.label;
        var tag = document.createElement("span");
        tag.className = "kind-tag";
        tag.textContent = item.kind;
        li.appendChild(tag);
        li.appendChild(a);
        if (i === active) li.className = "active";
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { items = []; render(); return; }
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (input.value.trim() !== q) return;
          items = data.results.filter(function (it) { return !input.dataset.jump || it.kind === "org"; });
          active = -1;
          render();
        })
        .catch(function () { items = []; render(); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        render();
        event.preventDefault();
      } else if (event.key === "Enter" && active >= 0) {
        window.location.href = target(items[active]);
        event.preventDefault();
      } else if (event.key === "Escape") {
        items = []; render();
      }
    });
    input.addEventListener("blur", function () { setTimeout(function () { list.hidden = true; }, 200); });
  }
  var pairs = [["search-box", "search-suggestions"], ["orgchart-unit", "orgchart-suggestions"]];
  pairs.forEach(function (pair) {
    var input = document.getElementById(pair[0]), list = document.getElementById(pair[1]);
    if (input && list) attach(input, list);
  });
})();
