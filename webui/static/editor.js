// The SPARQL editor: CodeMirror with SPARQL highlighting and completion of our prefixes and
// terms; "Run as table" posts the query to /sparql and shows the JSON results as a table
// (values are written with textContent). The share link keeps the query in the URL fragment.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  if (!form || typeof CodeMirror === "undefined") return;
  var textarea = form.querySelector("textarea[name=query]");
  var prefixes = JSON.parse(document.getElementById("sparql-prefixes").textContent);
  var TERMS = ["uk:TradeUnion", "uk:Directive", "uk:Event", "uk:Implementation", "uk:Participation", "uk:Mention",
    "uk:actor", "uk:directive", "uk:actKind", "uk:date", "uk:atEvent", "uk:evidence", "uk:nameKey", "uk:level",
    "uk:symbol", "uk:basedOn", "uk:implementsResolution", "uk:roleLabel", "uk:observedOn", "uk:event",
    "uk:participant", "uk:participantRole", "org:Organization", "org:subOrganizationOf", "org:unitOf",
    "org:memberOf", "org:Membership", "org:member", "org:organization", "org:role", "skos:prefLabel",
    "skos:altLabel", "foaf:Person", "foaf:name", "schema:startDate", "schema:organizer", "schema:NewsArticle",
    "dcterms:title", "dcterms:issued", "dcterms:creator", "nif:anchorOf", "nif:referenceContext"];
  var fromHash = new URLSearchParams(window.location.hash.slice(1)).get("query");
  if (fromHash) textarea.value = fromHash;

  function hint(cm) {
    var cursor = cm.getCursor(), line = cm.getLine(cursor.line);
    var start = cursor.ch;
    while (start > 0 && /[\w:\-]/.test(line.charAt(start - 1))) start--;
    var word = line.slice(start, cursor.ch).toLowerCase();
    var words = Object.keys(prefixes).map(function (p) { return "PREFIX " + p + ": <" + prefixes[p] + ">"; })
      .concat(TERMS);
    var list = words.filter(function (w) { return word && w.toLowerCase().indexOf(word) === 0; });
    return {list: list, from: CodeMirror.Pos(cursor.line, start), to: cursor};
  }
  var editor = CodeMirror.fromTextArea(textarea, {mode: "application/sparql-query", lineNumbers: true,
    extraKeys: {"Ctrl-Space": function (cm) { cm.showHint({hint: hint, completeSingle: false}); },
                "Ctrl-Enter": function () { run(); }}});
  window.unionkgEditor = editor;

  var status = document.getElementById("results-status");
  var table = document.getElementById("results-table");
  var share = document.getElementById("share-link");
  var csv = document.getElementById("download-csv");
  var button = document.getElementById("run-table");
  button.hidden = false;

  function cell(binding) {
    var td = document.createElement("td");
    if (!binding) return td;
    if (binding.type === "uri" && binding.value.indexOf("https://w3id.org/unionkg/id/") === 0) {
      var a = document.createElement("a");
      a.href = "/id/" + binding.value.slice("https://w3id.org/unionkg/id/".length);
      a.textContent = binding.value;
      td.appendChild(a);
    } else {
      td.textContent = binding.value;
    }
    return td;
  }
  function show(data) {
    while (table.firstChild) table.removeChild(table.firstChild);
    if (typeof data.boolean === "boolean") { status.textContent = "ASK: " + data.boolean; return; }
    var vars = data.head.vars, rows = data.results.bindings;
    var t = document.createElement("table");
    t.className = "facts-table";
    var head = t.createTHead().insertRow();
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    var body = t.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    table.appendChild(t);
    status.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s");
  }
  function run() {
    editor.save();
    var query = editor.getValue();
    var params = new URLSearchParams({query: query});
    share.href = "/sparql#" + params.toString();
    share.hidden = false;
    csv.href = "/sparql?" + params.toString() + "&format=csv";
    csv.hidden = false;
    status.textContent = "running…";
    fetch("/sparql", {method: "POST", body: params,
                      headers: {Accept: "application/sparql-results+json"}})
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
        var type = r.headers.get("Content-Type") || "";
        if (type.indexOf("json") < 0) return r.text().then(function (t) {
          while (table.firstChild) table.removeChild(table.firstChild);
          var pre = document.createElement("pre"); pre.textContent = t; table.appendChild(pre);
          status.textContent = "graph result (" + type + ")";
        });
        return r.json().then(show);
      })
      .catch(function (error) { status.textContent = error.message; status.className = "error"; });
  }
  button.addEventListener("click", run);
})();
