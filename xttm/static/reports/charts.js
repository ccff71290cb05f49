/* Charts of the reports dashboards (Apache ECharts), fed by a json_script block; no inline script (CSP). */
(function () {
  "use strict";
  var source = document.getElementById("reports-chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var labelSource = document.getElementById("reports-chart-labels");
  var L = labelSource ? JSON.parse(labelSource.textContent) : {};
  var fmt = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
  var charts = [];
  // A target is drawn in its actual's colour, paler.
  var ENTERPRISES = "#5470c6";
  var DEALS = "#ee6666";

  function make(id, option) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    option.tooltip = option.tooltip || { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : fmt.format(v); } };
    option.aria = { enabled: true };
    chart.setOption(option);
    charts.push(chart);
    el.setAttribute("data-ready", "1");
    return chart;
  }

  function bars(id, title, block, measures, names, horizontal) {
    if (!block) { return; }
    var labels = block.labels;
    var series = measures.map(function (m, i) {
      return { name: names[i], type: "bar", data: block[m], yAxisIndex: horizontal ? 0 : (i === 0 ? 0 : 1), xAxisIndex: horizontal ? (i === 0 ? 0 : 1) : 0 };
    });
    var cat = { type: "category", data: labels, axisLabel: { width: 160, overflow: "truncate" } };
    var val0 = { type: "value", name: names[0], axisLabel: { formatter: function (v) { return fmt.format(v); } } };
    var val1 = { type: "value", name: names[1] || "", splitLine: { show: false }, axisLabel: { formatter: function (v) { return fmt.format(v); } } };
    make(id, {
      title: { text: title, textStyle: { fontSize: 14 } },
      legend: { top: 24 },
      grid: { left: horizontal ? 170 : 60, right: 60, top: 70, bottom: 40 },
      xAxis: horizontal ? [val0, val1] : cat,
      yAxis: horizontal ? Object.assign({ inverse: true }, cat) : [val0, val1],
      series: series
    });
  }

  var y = data.year;
  if (y) {
    var series = [
      { name: L.participations, type: "bar", data: y.participations, itemStyle: { color: ENTERPRISES } },
      { name: L.planned_enterprises, type: "bar", data: y.planned_enterprises, itemStyle: { color: ENTERPRISES, opacity: 0.35 } },
      { name: L.deals, type: "bar", data: y.deals, itemStyle: { color: DEALS } },
      { name: L.planned_deals, type: "bar", data: y.planned_deals, itemStyle: { color: DEALS, opacity: 0.35 } },
      { name: L.budget_approved, type: "line", yAxisIndex: 1, data: y.budget_approved, itemStyle: { color: "#3ba272" } }
    ];
    if (y.target_budget && y.target_budget.some(function (v) { return v !== null; })) {
      series.push({ name: L.target_budget, type: "line", yAxisIndex: 1, lineStyle: { type: "dashed" }, itemStyle: { color: "#3ba272" }, data: y.target_budget });
    }
    make("chart-year", {
      title: { text: L.by_year, textStyle: { fontSize: 14 } },
      legend: { top: 24 },
      grid: { left: 60, right: 90, top: 90, bottom: 30 },
      xAxis: { type: "category", data: y.labels },
      yAxis: [
        { type: "value", name: L.axis_enterprises, axisLabel: { formatter: function (v) { return fmt.format(v); } } },
        { type: "value", name: L.axis_vnd, splitLine: { show: false }, axisLabel: { formatter: function (v) { return fmt.format(v / 1e9) + " " + L.billion; } } }
      ],
      series: series
    });
  }
  // Target beside actual, one count axis: participations against planned enterprises, deals against planned deals.
  var ln = data.line;
  if (ln) {
    var countAxis = { type: "value", axisLabel: { formatter: function (v) { return fmt.format(v); } } };
    var lineCats = { type: "category", inverse: true, data: ln.labels, axisLabel: { width: 160, overflow: "truncate" } };
    make("chart-line", {
      title: { text: L.by_line, textStyle: { fontSize: 14 } },
      legend: { top: 24 },
      grid: { left: 170, right: 30, top: 90, bottom: 30 },
      xAxis: countAxis,
      yAxis: lineCats,
      series: [
        { name: L.planned_enterprises, type: "bar", data: ln.planned_enterprises, itemStyle: { color: ENTERPRISES, opacity: 0.35 } },
        { name: L.participations, type: "bar", data: ln.participations, itemStyle: { color: ENTERPRISES } },
        { name: L.planned_deals, type: "bar", data: ln.planned_deals, itemStyle: { color: DEALS, opacity: 0.35 } },
        { name: L.deals, type: "bar", data: ln.deals, itemStyle: { color: DEALS } }
      ]
    });
  }
  bars("chart-content", L.by_content, data.content, ["participations", "budget_approved"], [L.participations, L.budget_approved], true);
  bars("chart-market", L.by_market, data.market, ["value_usd", "participations"], [L.value_usd, L.participations], true);
  bars("chart-lead", L.by_lead, data.lead, ["participations", "budget_approved"], [L.participations, L.budget_approved], true);

  // Map: bubbles at province centroids over Vietnam's outline; the archipelagos as labelled markers.
  var mapEl = document.getElementById("chart-map");
  if (mapEl && data.provinces) {
    var islands = [
      { name: L.hoang_sa, value: [112.0, 16.5] },
      { name: L.truong_sa, value: [114.0, 10.0] }
    ];
    var maxP = Math.max.apply(null, data.provinces.map(function (p) { return p.participations; }).concat([1]));
    var maxV = Math.max.apply(null, data.provinces.map(function (p) { return p.value_usd; }).concat([1]));
    var points = data.provinces.map(function (p) {
      return { name: p.name, value: [p.lon, p.lat, p.participations, p.value_usd], white: p.white_spot };
    });
    var drawMap = function (outline) {
      var option = {
        tooltip: {
          trigger: "item",
          formatter: function (item) {
            if (item.seriesIndex === 2) { return item.name; }
            var v = item.value;
            return item.name + "<br>" + L.participations + ": " + fmt.format(v[2]) + "<br>" + L.value_usd + ": " + fmt.format(v[3]);
          }
        },
        visualMap: { type: "continuous", min: 0, max: maxV, dimension: 3, seriesIndex: 0, inRange: { color: ["#9ecae1", "#08519c"] }, text: [L.usd_high, L.low], left: 0, bottom: 10, calculable: false, itemHeight: 80 },
        series: [
          {
            name: L.province, type: "scatter", coordinateSystem: "geo", data: points,
            symbolSize: function (v) { return 6 + 34 * Math.sqrt(v[2] / maxP); },
            itemStyle: { opacity: 0.8, borderColor: "#fff" }
          },
          {
            name: L.white_spot, type: "scatter", coordinateSystem: "geo", symbol: "path://M0,0 L10,10 M10,0 L0,10", symbolSize: 9,
            data: points.filter(function (p) { return p.white; }).map(function (p) { return { name: p.name + " — " + L.white_spot_lower, value: p.value }; }),
            itemStyle: { color: "none", borderColor: "#d62728", borderWidth: 2 }, tooltip: { formatter: function (i) { return i.name; } }
          },
          {
            name: L.archipelago, type: "scatter", coordinateSystem: "geo", data: islands, symbol: "diamond", symbolSize: 10,
            itemStyle: { color: "#c0392b" },
            label: { show: true, position: "right", formatter: "{b}", fontSize: 11, color: "#333" }
          }
        ],
        geo: {
          map: "vietnam", roam: true,
          boundingCoords: [[101.5, 23.6], [117.5, 8.2]],
          itemStyle: { areaColor: "#f3f5f7", borderColor: "#8a96a3" },
          emphasis: { disabled: true }, silent: true
        }
      };
      if (!outline) {
        option.geo = undefined;
        option.xAxis = { type: "value", min: 101.5, max: 117.5, show: false };
        option.yAxis = { type: "value", min: 8.2, max: 23.6, show: false };
        option.series.forEach(function (s) { s.coordinateSystem = "cartesian2d"; });
      }
      make("chart-map", option);
    };
    fetch(mapEl.getAttribute("data-outline"))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) { if (geo) { echarts.registerMap("vietnam", geo); } drawMap(geo); })
      .catch(function () { drawMap(null); });
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
