/* Draws the Vega-Lite charts of a page from the JSON block next to them.
 *
 * Why this shape: the Content-Security-Policy forbids inline scripts and
 * eval, so page data come as <script type="application/json"> (parsed, never
 * run) and Vega runs with its expression interpreter (ast + expr) instead of
 * compiling expressions with new Function. Marks carry an href, so clicking a
 * point opens the events behind it.
 */
(function () {
  "use strict";
  var el = document.getElementById("chart");
  var dataEl = document.getElementById("chart-data");
  if (!el || !dataEl || typeof vegaEmbed === "undefined") { return; }
  var values = JSON.parse(dataEl.textContent || "[]");
  var QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};

  function realignment() {
    var measure = el.getAttribute("data-measure") || "goldstein_mean";
    var freq = el.getAttribute("data-freq") || "month";
    var yTitle = measure === "net_coop" ? "net cooperation (−1 … +1)" : "mean Goldstein score (−10 … +10)";
    var domain = measure === "net_coop" ? [-1, 1] : [-10, 10];
    var x = {field: "period", type: "temporal", timeUnit: "utcyearmonthdate",
             title: freq === "year" ? "year" : freq === "week" ? "week (from Monday)" : "month",
             scale: {padding: 14},
             axis: {format: freq === "year" ? "%Y" : "%b %Y", labelAngle: 0, grid: false, labelOverlap: "greedy"}};
    var y = {field: "value", type: "quantitative", title: yTitle, scale: {domain: domain}};
    // Fixed colours per partner (RUS red, USA blue, EU gold...), from the page.
    var coloursEl = document.getElementById("chart-colours");
    var colours = coloursEl ? JSON.parse(coloursEl.textContent || "{}") : {};
    var names = Object.keys(colours);
    var scale = names.length ? {domain: names, range: names.map(function (n) { return colours[n]; })}
                             : {scheme: "tableau10"};
    var color = {field: "partner", type: "nominal", title: "partner",
                 scale: scale, legend: {orient: "top", direction: "horizontal"}};
    var size = {field: "events", type: "quantitative", title: "events per point",
                scale: {range: [40, 300], domainMin: 1, zero: false},
                legend: {orient: "top", direction: "horizontal", symbolType: "circle", format: "d", tickMinStep: 1}};
    var tooltip = [{field: "partner", title: "partner"},
                   {field: "label", title: freq},
                   {field: "value", format: ".2f", title: measure === "net_coop" ? "net cooperation" : "mean Goldstein"},
                   {field: "events", title: "events"}];
    // A point stands for the events of one period; an open point for fewer
    // than three, whose mean is thin. Lines join consecutive periods only
    // (one line per run, straight): a gap in the news stays a gap.
    function points(filled, test) {
      return {transform: [{filter: test}],
              mark: {type: "point", filled: filled, strokeWidth: 2, cursor: "pointer", opacity: 0.95},
              encoding: {x: x, y: y, color: color, href: {field: "href"}, size: size, tooltip: tooltip}};
    }
    return {
      width: "container", height: 380, autosize: {type: "fit", contains: "padding"},
      data: {values: values},
      layer: [
        {data: {values: [{zero: 0}]}, mark: {type: "rule", color: "#9aa3ad", strokeDash: [4, 3]},
         encoding: {y: {field: "zero", type: "quantitative"}}},
        {mark: {type: "line", strokeWidth: 2, interpolate: "linear"},
         encoding: {x: x, y: y, color: color, detail: {field: "run", type: "nominal"}}},
        points(true, "datum.events >= 3"),
        points(false, "datum.events < 3")
      ],
      config: {view: {stroke: null}, font: "system-ui, sans-serif"}
    };
  }

  function volume() {
    values.forEach(function (v) { v.kind = QUADS[v.quad] || String(v.quad); });
    return {
      width: "container", height: 220, autosize: {type: "fit", contains: "padding"},
      data: {values: values},
      mark: {type: "bar"},
      encoding: {
        x: {field: "period", type: "temporal", timeUnit: "utcyearmonth", title: "month",
            scale: {padding: 8},
            axis: {format: "%b %Y", labelAngle: 0, grid: false, labelOverlap: "greedy"}},
        y: {field: "events", type: "quantitative", aggregate: "sum", title: "events per month"},
        color: {field: "kind", type: "nominal", title: null,
                scale: {domain: [QUADS[1], QUADS[2], QUADS[3], QUADS[4]],
                        range: ["#9ccc9c", "#2e7d32", "#f0a868", "#c62828"]},
                legend: {orient: "bottom", direction: "horizontal"}},
        tooltip: [{field: "period", type: "temporal", timeUnit: "utcyearmonth", title: "month"},
                  {field: "kind"}, {field: "events", aggregate: "sum", title: "events"}]
      },
      config: {view: {stroke: null}, font: "system-ui, sans-serif"}
    };
  }

  var kind = el.getAttribute("data-chart");
  var spec = kind === "volume" ? volume() : realignment();
  spec.$schema = "https://vega.github.io/schema/vega-lite/v6.json";
  if (!values.length) {
    el.textContent = "No data for this chart.";
    el.setAttribute("data-ready", "empty");
    return;
  }
  vegaEmbed(el, spec, {
    renderer: "svg",
    actions: false,
    defaultStyle: false,
    ast: true,
    expr: vegaInterpreter.expressionInterpreter,
    tooltip: {theme: "custom", disableDefaultStyle: true}
  }).then(function () {
    el.setAttribute("data-ready", "1");
  }).catch(function (err) {
    el.textContent = "The chart could not be drawn: " + err;
    el.setAttribute("data-ready", "error");
  });
})();
