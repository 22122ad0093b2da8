// The leaders' overview (A30): draws each figure of the page's json_script block
// ("overview-data") with Apache ECharts into its [data-chart] box. A click on a bar, a
// point or a slice opens the list of the records it counts (the same link as the
// number in the table beside it, which is there for those who prefer numbers and for
// screen readers).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("overview-data");
  if (!source || typeof echarts === "undefined") {
    return;
  }
  var figures = JSON.parse(source.textContent);
  var charts = [];
  figures.forEach(function (figure) {
    var box = document.querySelector('[data-chart="' + figure.key + '"]');
    if (!box) {
      return;
    }
    var chart = echarts.init(box);
    var option;
    if (figure.chart === "pie") {
      option = {
        tooltip: { trigger: "item" },
        series: [
          {
            type: "pie",
            radius: ["35%", "70%"],
            data: figure.labels.map(function (label, i) {
              return { name: label, value: figure.counts[i] };
            }),
          },
        ],
      };
    } else {
      option = {
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 10, top: 10, bottom: 60 },
        xAxis: { type: "category", data: figure.labels, axisLabel: { rotate: 30, interval: 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: figure.chart === "line" ? "line" : "bar", data: figure.counts }],
      };
    }
    chart.setOption(option);
    chart.on("click", function (params) {
      var url = figure.urls[params.dataIndex];
      if (url) {
        window.location.assign(url);
      }
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
});
