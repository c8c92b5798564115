/* Draws the actor network with Cytoscape.js from the JSON block on the page.
 *
 * Node size follows the number of events, edge width too; edge colour runs
 * from red (all conflict) to green (all cooperation). Clicking a node or an
 * edge opens the timeline of its events (URLs are built by the server).
 */
(function () {
  "use strict";
  var el = document.getElementById("graph");
  var dataEl = document.getElementById("graph-data");
  if (!el || !dataEl || typeof cytoscape === "undefined") { return; }
  var net = JSON.parse(dataEl.textContent || "{}");
  var nodes = net.nodes || [], edges = net.edges || [];
  if (!nodes.length) {
    el.textContent = "No events match.";
    el.setAttribute("data-ready", "empty");
    return;
  }
  var maxN = Math.max.apply(null, nodes.map(function (n) { return n.events; }));
  var maxE = Math.max.apply(null, edges.map(function (e) { return e.events; }));
  var elements = nodes.map(function (n) {
    return {data: {id: n.id, label: n.label || n.id, events: n.events, href: n.href}};
  }).concat(edges.map(function (e, i) {
    return {data: {id: "e" + i, source: e.a, target: e.b, events: e.events,
                   net: e.net_coop, href: e.href,
                   label: e.events + " · " + (e.goldstein_mean > 0 ? "+" : "") + e.goldstein_mean.toFixed(1)}};
  }));
  var cy = cytoscape({
    container: el,
    elements: elements,
    style: [
      {selector: "node", style: {
        "background-color": "#34495e", "label": "data(label)", "color": "#1f2933",
        "font-size": 12, "font-weight": 600, "text-valign": "center", "text-halign": "center",
        "text-outline-color": "#ffffff", "text-outline-width": 2,
        "width": "mapData(events, 0, " + maxN + ", 22, 64)", "height": "mapData(events, 0, " + maxN + ", 22, 64)",
        "background-opacity": 0.85}},
      {selector: "edge", style: {
        "width": "mapData(events, 0, " + maxE + ", 1.5, 12)", "curve-style": "bezier",
        "line-color": "mapData(net, -1, 1, #c62828, #2e7d32)", "opacity": 0.8}},
      {selector: "edge:selected, edge.hover", style: {"label": "data(label)", "font-size": 11,
        "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2}},
      {selector: "node.hover", style: {"background-color": "#1565c0"}}
    ],
    layout: {name: "concentric", concentric: function (n) { return n.data("events"); },
             levelWidth: function () { return Math.max(1, maxN / 4); }, minNodeSpacing: 30, animate: false}
  });
  cy.on("mouseover", "node, edge", function (evt) { evt.target.addClass("hover"); el.style.cursor = "pointer"; });
  cy.on("mouseout", "node, edge", function (evt) { evt.target.removeClass("hover"); el.style.cursor = ""; });
  cy.on("tap", "node, edge", function (evt) {
    var href = evt.target.data("href");
    if (href && href.charAt(0) === "/") { window.location.href = href; }
  });
  el.setAttribute("data-ready", "1");
})();
