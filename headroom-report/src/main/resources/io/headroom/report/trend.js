(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('headroom-trend').textContent);
  var charts = [];
  window.__headroomCharts = charts;
  var el = document.getElementById('chart-trend');
  function show(v) {
    if (v == null || isNaN(v)) return '-';
    return data.unit === '' ? (v * 100).toFixed(2) + '%' : +v.toPrecision(3) + ' ' + data.unit;
  }
  if (!data.run.length) {
    el.innerHTML = '<p class="empty">No runs.</p>';
    return;
  }
  var opts = {
    width: Math.max(300, el.clientWidth || 720),
    height: 300,
    legend: { live: true },
    scales: { x: { time: false, range: function (u, min, max) { return [min - 0.5, max + 0.5]; } },
              y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.15 : 1]; } } },
    series: [
      { label: 'run', value: function (u, v) { return v == null ? '-' : '#' + v + ' ' + (data.labels[v - 1] || ''); } },
      // Trusted runs: one line, joined across the untrusted ones (spanGaps) so these never bend it.
      { label: data.metric, stroke: '#3652d9', width: 2, spanGaps: true, points: { show: true, size: 8, fill: '#3652d9' }, value: function (u, v) { return show(v); } },
      // Invalid or incomplete runs: marks only, no line.
      { label: 'invalid or incomplete run', stroke: '#c4320a', width: 0, paths: function () { return null; },
        points: { show: true, size: 12, fill: '#c4320a', stroke: '#c4320a' }, value: function (u, v) { return show(v); } }
    ],
    axes: [
      { values: function (u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) ? '#' + t : ''; }); }, label: 'run (oldest left)' },
      { values: function (u, ticks) { return ticks.map(show); }, size: 70 }
    ]
  };
  var u = new uPlot(opts, [data.run, data.trusted, data.untrusted], el);
  u.__container = el;
  charts.push(u);
})();
