// The org chart: Cytoscape.js with the dagre layout (top-down). The server renders the first
// view as JSON into #orgchart-data; tapping a unit fetches the units under it or hides them
// again. The URL keeps root, date and the opened units, so any view can be bookmarked.
(function () {
  "use strict";
  var container = document.getElementById("cy");
  var dataNode = document.getElementById("orgchart-data");
  if (!container || !dataNode || typeof cytoscape === "undefined") return;
  if (typeof cytoscapeDagre !== "undefined" && !cytoscape.prototype.hasInitialised) {
    try { cytoscape.use(cytoscapeDagre); } catch (e) { /* registered already */ }
  }
  // Cytoscape injects an inline <style> unless one with this id exists; the CSP forbids inline
  // styles, so a placeholder stands in and style.css holds the rule (position: relative).
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    var placeholder = document.createElement("meta");
    placeholder.id = "__________cytoscape_stylesheet";
    document.head.appendChild(placeholder);
  }
  var chart = JSON.parse(dataNode.textContent);
  var panel = document.getElementById("orgchart-panel");
  var opened = {};

  function caption(n) {
    var text = n.label;
    if (n.head) text += "\nChủ tịch: " + n.head.label;
    return text;
  }
  function nodeData(n) {
    return {group: "nodes", data: {id: n.iri, label: caption(n), name: n.label, href: n.href,
                                   head: n.head, below: n.below || 0}};
  }
  var elements = [];
  chart.nodes.forEach(function (n) {
    elements.push(nodeData(n));
    if (n.parent) elements.push({group: "edges", data: {id: n.parent + " > " + n.iri, source: n.parent, target: n.iri}});
    if (n.open) opened[n.iri] = true;
  });

  var cy = cytoscape({
    container: container,
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      {selector: "node", style: {"shape": "round-rectangle", "label": "data(label)", "text-wrap": "wrap",
        "text-max-width": 170, "text-valign": "center", "text-halign": "center", "font-size": 10,
        "width": 190, "height": 48, "background-color": "#e8f0fb", "border-width": 1, "border-color": "#5b7fb5"}},
      {selector: "node[below > 0]", style: {"border-width": 3}},
      {selector: "node.open", style: {"background-color": "#fdf1d6", "border-color": "#b5862b"}},
      {selector: "node:selected", style: {"border-color": "#c0392b", "border-width": 3}},
      {selector: "edge", style: {"curve-style": "taxi", "taxi-direction": "downward", "width": 1.5,
        "line-color": "#8a9bb5", "target-arrow-shape": "triangle", "target-arrow-color": "#8a9bb5"}}
    ]
  });
  Object.keys(opened).forEach(function (id) { cy.getElementById(id).addClass("open"); });

  function layout() {
    var options = typeof cytoscapeDagre !== "undefined" || cytoscape.extension
      ? {name: "dagre", rankDir: "TB", nodeSep: 20, rankSep: 60, animate: false}
      : {name: "breadthfirst", directed: true};
    try { cy.layout(options).run(); } catch (e) { cy.layout({name: "breadthfirst", directed: true}).run(); }
  }
  function remember() {
    var params = new URLSearchParams(window.location.search);
    params.delete("expand");
    Object.keys(opened).forEach(function (id) { if (id !== chart.root) params.append("expand", id); });
    history.replaceState(null, "", window.location.pathname + "?" + params.toString());
  }
  function showPanel(node) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var h = document.createElement("h2");
    h.textContent = node.data("name");
    panel.appendChild(h);
    var head = node.data("head");
    if (head) {
      var p = document.createElement("p");
      p.appendChild(document.createTextNode("Chủ tịch: "));
      var a = document.createElement("a");
      a.href = head.href; a.textContent = head.label;
      p.appendChild(a);
      panel.appendChild(p);
    }
    var units = document.createElement("p");
    units.textContent = node.data("below") + " unit(s) under it";
    panel.appendChild(units);
    if (node.data("href")) {
      var link = document.createElement("a");
      link.href = node.data("href"); link.textContent = "Open its page"; link.className = "open-page";
      panel.appendChild(link);
    }
  }
  function collapse(node) {
    node.outgoers("node").forEach(function (child) {
      collapse(child);
      delete opened[child.id()];
      child.remove();
    });
    node.removeClass("open");
    delete opened[node.id()];
  }
  function expand(node) {
    var params = new URLSearchParams({root: node.id(), date: container.dataset.date});
    return fetch(container.dataset.api + "?" + params.toString(), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var added = [];
        data.nodes.forEach(function (n) {
          if (n.iri === node.id()) return;
          if (cy.getElementById(n.iri).empty()) added.push(nodeData(n));
          var edgeId = node.id() + " > " + n.iri;
          if (cy.getElementById(edgeId).empty()) added.push({group: "edges", data: {id: edgeId, source: node.id(), target: n.iri}});
        });
        cy.add(added);
        node.addClass("open");
        opened[node.id()] = true;
      });
  }
  cy.on("tap", "node", function (event) {
    var node = event.target;
    showPanel(node);
    var work = opened[node.id()] ? Promise.resolve(collapse(node)) : expand(node);
    work.then(function () { layout(); remember(); container.dataset.ready = String(cy.nodes().length); });
  });
  cy.on("dbltap", "node", function (event) {
    if (event.target.data("href")) window.location.href = event.target.data("href");
  });
  layout();
  container.dataset.ready = String(cy.nodes().length);
  window.unionkgChart = cy;
})();
