// A small graph drawn with Cytoscape.js from the JSON in #graph-data ({nodes, edges, centre}):
// used by the neighbourhood view and by query results that link entities. Tapping a node
// opens its page.
(function () {
  "use strict";
  var container = document.getElementById("graph-view");
  var dataNode = document.getElementById("graph-data");
  if (!container || !dataNode || typeof cytoscape === "undefined") return;
  // Cytoscape injects an inline <style> unless one with this id exists; the CSP forbids inline
  // styles, so a placeholder stands in and style.css holds the rule.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    var placeholder = document.createElement("meta");
    placeholder.id = "__________cytoscape_stylesheet";
    document.head.appendChild(placeholder);
  }
  var data = JSON.parse(dataNode.textContent);
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({group: "nodes", classes: (n.kind || "other") + (n.id === data.centre ? " centre" : ""),
                   data: {id: n.id, label: n.label, href: n.href}});
  });
  data.edges.forEach(function (e) {
    elements.push({group: "edges", data: {id: e.source + " " + (e.relation || e.label) + " " + e.target,
                                          source: e.source, target: e.target, label: e.label}});
  });
  var cy = cytoscape({
    container: container,
    elements: elements,
    wheelSensitivity: 0.3,
    layout: {name: elements.length > 2 ? "cose" : "grid", animate: false, randomize: false, nodeRepulsion: 9000},
    style: [
      {selector: "node", style: {"label": "data(label)", "font-size": 9, "text-wrap": "wrap", "text-max-width": 120,
        "text-valign": "bottom", "width": 18, "height": 18, "background-color": "#8a9bb5"}},
      {selector: "node.org", style: {"background-color": "#2c5aa0", "shape": "round-rectangle"}},
      {selector: "node.person", style: {"background-color": "#c0392b"}},
      {selector: "node.directive", style: {"background-color": "#27864a", "shape": "diamond"}},
      {selector: "node.event", style: {"background-color": "#d68910", "shape": "hexagon"}},
      {selector: "node.centre", style: {"width": 30, "height": 30, "border-width": 3, "border-color": "#1d2430"}},
      {selector: "edge", style: {"width": 1.2, "line-color": "#b0b8c4", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "target-arrow-color": "#b0b8c4", "label": "data(label)",
        "font-size": 7, "color": "#5b6573", "text-rotation": "autorotate"}}
    ]
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href) window.location.href = href;
  });
  container.dataset.ready = String(cy.nodes().length);
  window.unionkgGraph = cy;
})();
