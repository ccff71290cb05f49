/* Charts of the emulation dashboard (Apache ECharts), fed by a json_script block. */
(function () {
  "use strict";
  var source = document.getElementById("emulation-chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var labelSource = document.getElementById("emulation-chart-labels");
  var L = labelSource ? JSON.parse(labelSource.textContent) : {};
  function bar(id, title, block) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true }, tooltip: { trigger: "axis" },
      title: { text: title, textStyle: { fontSize: 14 } },
      grid: { left: 170, right: 30, top: 40, bottom: 20 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: block.labels, axisLabel: { width: 160, overflow: "truncate" } },
      series: [{ type: "bar", data: block.values }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  bar("chart-registrations", L.registrations, data.registrations);
  bar("chart-awards", L.awards, data.awards);
})();
