(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('headroom-data').textContent);
  var charts = [];
  window.__headroomCharts = charts;
  var colours = ['#3652d9', '#12805c', '#c4320a', '#a15c07', '#7a3fd1', '#0f7c90', '#c2185b', '#5d6b82'];
  // Error codes never take the error rate's red.
  var codeColours = ['#a15c07', '#7a3fd1', '#0f7c90', '#c2185b', '#5d6b82', '#3652d9', '#12805c'];

  function duration(ms) {
    if (ms == null || isNaN(ms)) return '-';
    if (ms === 0) return '0';
    if (ms < 1) return (ms * 1000).toFixed(ms < 0.01 ? 2 : 0) + 'µs';
    if (ms < 1000) return +ms.toFixed(ms < 10 ? 2 : 1) + 'ms';
    return +(ms / 1000).toFixed(2) + 's';
  }
  function number(v, d) { return v == null || isNaN(v) ? '-' : +v.toFixed(d); }
  function secs(u, v) { return v == null ? '-' : +v.toFixed(1) + 's'; }
  function timeAxis() { return { values: function (u, ticks) { return ticks.map(function (t) { return +t.toFixed(1) + 's'; }); } }; }
  function width(el) { return Math.max(300, el.clientWidth || 560); }

  function plot(id, opts, columns) {
    var el = document.getElementById(id);
    if (!el) return;
    if (!columns[0].length) {
      el.innerHTML = '<p class="empty">No samples.</p>';
      return;
    }
    opts.width = width(el);
    opts.height = 260;
    opts.legend = { live: true };
    opts.cursor = { drag: { x: true, y: false } };
    // uPlot's legend shows the values under the cursor and '-' without one: show each series' last value
    // instead, on load and whenever the cursor leaves the chart.
    var last = lastIndexes(columns);
    opts.hooks = { setLegend: [function (u) {
      if (u.legend.idxs.every(function (i) { return i == null; })) u.setLegend({ idxs: lastIndexes(u.data) }, false);
    }] };
    var u = new uPlot(opts, columns, el);
    u.setLegend({ idxs: last }, false);
    u.__container = el;
    charts.push(u);
    return u;
  }

  // Per series, the index of its last value (series 0, the x axis: the latest of those); null when it has none.
  function lastIndexes(columns) {
    var idxs = columns.map(function (column) {
      for (var i = column.length - 1; i >= 0; i--) if (column[i] != null) return i;
      return null;
    });
    var latest = null;
    for (var s = 1; s < idxs.length; s++) if (idxs[s] != null && (latest == null || idxs[s] > latest)) latest = idxs[s];
    idxs[0] = latest == null ? idxs[0] : latest;
    return idxs;
  }

  function empty(id, text) {
    var el = document.getElementById(id);
    if (!el) return;
    var p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    el.appendChild(p);
  }

  var t = data.seconds;

  plot('chart-load', {
    scales: { x: { time: false }, vus: {}, rps: {} },
    series: [
      { label: 'time', value: secs },
      { label: 'VUs', scale: 'vus', stroke: colours[1], width: 2, value: function (u, v) { return number(v, 0); } },
      { label: 'req/s', scale: 'rps', stroke: colours[0], width: 2, fill: 'rgba(54,82,217,0.08)', value: function (u, v) { return number(v, 1); } }
    ],
    axes: [timeAxis(), { scale: 'vus', label: 'VUs' }, { scale: 'rps', side: 1, label: 'req/s', grid: { show: false } }]
  }, [t, data.vus, data.rps]);

  var latencyValue = function (u, v) { return duration(v); };
  plot('chart-latency', {
    scales: { x: { time: false } },
    series: [
      { label: 'time', value: secs },
      { label: 'p50', stroke: colours[1], width: 2, value: latencyValue },
      { label: 'p95', stroke: colours[0], width: 2, value: latencyValue },
      { label: 'p99', stroke: colours[3], width: 2, value: latencyValue },
      { label: 'max', stroke: colours[2], width: 1, dash: [4, 4], value: latencyValue }
    ],
    axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(duration); }, size: 60 }]
  }, [t, data.p50, data.p95, data.p99, data.max]);

  var errorSeries = [{ label: 'time', value: secs }];
  var errorColumns = [t];
  data.errorsByCode.forEach(function (e, i) {
    errorSeries.push({ label: e.code, scale: 'count', stroke: codeColours[i % codeColours.length], width: 2,
      value: function (u, v) { return number(v, 1); } });
    errorColumns.push(e.values);
  });
  errorSeries.push({ label: 'error rate', scale: 'rate', stroke: colours[2], width: 2, fill: 'rgba(196,50,10,0.08)',
    value: function (u, v) { return v == null ? '-' : (v * 100).toFixed(2) + '%'; } });
  errorColumns.push(data.errorRate);
  plot('chart-errors', {
    scales: { x: { time: false }, count: { range: function (u, min, max) { return [0, Math.max(1, max)]; } },
      rate: { range: function (u, min, max) { return [0, Math.max(0.01, max)]; } } },
    series: errorSeries,
    axes: [timeAxis(),
      { scale: 'count', label: 'failed/s' },
      { scale: 'rate', side: 1, grid: { show: false }, values: function (u, ticks) { return ticks.map(function (v) { return +(v * 100).toFixed(2) + '%'; }); } }]
  }, errorColumns);

  var sx = data.spectrum.x;
  var percentLabel = function (x) {
    var p = 100 * (1 - 1 / x);
    return (p >= 99 ? +p.toFixed(4) : +p.toFixed(1)) + '%';
  };
  plot('chart-spectrum', {
    scales: { x: { time: false, distr: 3, log: 10 } },
    series: [
      { label: 'percentile', value: function (u, v) { return v == null ? '-' : percentLabel(v); } },
      { label: 'http_req_duration', stroke: colours[0], width: 2, fill: 'rgba(54,82,217,0.08)', value: latencyValue }
    ],
    axes: [
      { splits: function (u) { var out = [], max = u.scales.x.max || 10; for (var v = 1; v <= max * 1.0001; v *= 10) out.push(v); return out; },
        values: function (u, ticks) { return ticks.map(function (v) { return v === 1 ? '0%' : percentLabel(v); }); } },
      { values: function (u, ticks) { return ticks.map(duration); }, size: 60 }
    ]
  }, [sx, data.spectrum.y]);

  var distribution = data.distribution;
  plot('chart-distribution', {
    scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
    series: [
      { label: 'response time', value: function (u, v) { return duration(v); } },
      { label: 'requests', stroke: colours[0], fill: 'rgba(54,82,217,0.35)', width: 1,
        paths: uPlot.paths.bars({ size: [0.9, 40] }), points: { show: false }, value: function (u, v) { return number(v, 0); } }
    ],
    axes: [{ values: function (u, ticks) { return ticks.map(duration); } }, { label: 'requests' }]
  }, [distribution.x, distribution.y]);

  var endpointSeries = [{ label: 'time', value: secs }];
  var endpointColumns = [t];
  data.endpointMeans.forEach(function (e, i) {
    endpointSeries.push({ label: e.endpoint, stroke: colours[i % colours.length], width: 2, spanGaps: false, value: latencyValue });
    endpointColumns.push(e.values);
  });
  if (endpointColumns.length > 1) {
    plot('chart-endpoints', {
      scales: { x: { time: false } },
      series: endpointSeries,
      axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(duration); }, size: 60 }]
    }, endpointColumns);
  } else {
    empty('chart-endpoints', 'No per-endpoint latency was recorded.');
  }

  // One endpoint at a time, picked in the caption's selector: its p50, p95 and p99 in each second.
  var picked = data.endpointPercentiles || [];
  var select = document.getElementById('endpoint-select');
  if (picked.length) {
    var columnsOf = function (e) { return [t, e.p50, e.p95, e.p99]; };
    var percentiles = plot('chart-endpoint-percentiles', {
      scales: { x: { time: false } },
      series: [{ label: 'time', value: secs },
        { label: 'p50', stroke: colours[1], width: 2, spanGaps: false, value: latencyValue },
        { label: 'p95', stroke: colours[0], width: 2, spanGaps: false, value: latencyValue },
        { label: 'p99', stroke: colours[2], width: 2, spanGaps: false, value: latencyValue }],
      axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(duration); }, size: 60 }]
    }, columnsOf(picked[0]));
    if (percentiles && select) {
      select.addEventListener('change', function () {
        var columns = columnsOf(picked[+select.value] || picked[0]);
        percentiles.setData(columns);
        percentiles.setLegend({ idxs: lastIndexes(columns) }, false);
      });
    }
  } else {
    if (select) select.style.display = 'none';
    empty('chart-endpoint-percentiles', 'No per-endpoint percentiles in this summary (written before Headroom kept them).');
  }

  var timingSeries = [{ label: 'time', value: secs }];
  var timingColumns = [t];
  (data.timing || []).forEach(function (p, i) {
    timingSeries.push({ label: p.phase, stroke: colours[(i + 2) % colours.length], width: 2, spanGaps: false, value: latencyValue });
    timingColumns.push(p.values);
  });
  if (timingColumns.length > 1) {
    plot('chart-timing', {
      scales: { x: { time: false } },
      series: timingSeries,
      axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(duration); }, size: 60 }]
    }, timingColumns);
  } else {
    empty('chart-timing', 'No HTTP timing phases were recorded.');
  }

  var scenarioSeries = [{ label: 'time', value: secs }];
  var scenarioColumns = [t];
  data.iterationsByScenario.forEach(function (sc, i) {
    scenarioSeries.push({ label: sc.scenario, stroke: colours[i % colours.length], width: 2,
      value: function (u, v) { return number(v, 1); } });
    scenarioColumns.push(sc.values);
  });
  if (scenarioColumns.length > 1) {
    plot('chart-scenarios', {
      scales: { x: { time: false } },
      series: scenarioSeries,
      axes: [timeAxis(), { label: 'iterations/s' }]
    }, scenarioColumns);
  } else {
    empty('chart-scenarios', 'No per-scenario iterations were recorded.');
  }

  var anyLag = data.scheduleLagP95.some(function (v) { return v != null; });
  if (anyLag) {
    plot('chart-generator', {
      scales: { x: { time: false }, count: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      series: [
        { label: 'time', value: secs },
        { label: 'schedule lag p95', stroke: colours[4], width: 2, value: latencyValue },
        { label: 'dropped/s', scale: 'count', stroke: colours[2], width: 2, value: function (u, v) { return number(v, 1); } }
      ],
      axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(duration); }, size: 60 },
        { scale: 'count', side: 1, grid: { show: false }, label: 'dropped/s' }]
    }, [t, data.scheduleLagP95, data.dropped]);
  } else {
    empty('chart-generator', 'No schedule lag was recorded: closed-model scenarios start each iteration when the last one ends.');
  }

  // Against a baseline: both runs on one elapsed-time axis, this run solid, the baseline dashed in the same colour.
  if (data.compare) {
    var ct = data.compare.seconds, now = data.compare.after, base = data.compare.before;
    var pair = function (label, colour, value, scale) {
      return [
        { label: label + ' (this run)', scale: scale || 'y', stroke: colour, width: 2, spanGaps: true, value: value },
        { label: label + ' (baseline)', scale: scale || 'y', stroke: colour, width: 2, dash: [6, 4], spanGaps: true, value: value }
      ];
    };
    var rateValue = function (u, v) { return v == null ? '-' : (v * 100).toFixed(2) + '%'; };
    plot('chart-compare-latency', {
      scales: { x: { time: false } },
      series: [{ label: 'elapsed', value: secs }].concat(pair('p50', colours[1], latencyValue),
        pair('p95', colours[0], latencyValue), pair('p99', colours[3], latencyValue)),
      axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(duration); }, size: 60 }]
    }, [ct, now.p50, base.p50, now.p95, base.p95, now.p99, base.p99]);
    plot('chart-compare-rps', {
      scales: { x: { time: false } },
      series: [{ label: 'elapsed', value: secs }].concat(pair('req/s', colours[0], function (u, v) { return number(v, 1); })),
      axes: [timeAxis(), { label: 'req/s' }]
    }, [ct, now.rps, base.rps]);
    plot('chart-compare-errors', {
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, Math.max(0.01, max)]; } } },
      series: [{ label: 'elapsed', value: secs }].concat(pair('error rate', colours[2], rateValue)),
      axes: [timeAxis(), { values: function (u, ticks) { return ticks.map(function (v) { return +(v * 100).toFixed(2) + '%'; }); } }]
    }, [ct, now.errorRate, base.errorRate]);
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (u) { u.setSize({ width: width(u.__container), height: 260 }); });
    }, 100);
  });

  // Sortable tables: numbers sort by their data-v value, text by its content; a second click reverses.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var headers = table.querySelectorAll('th');
    Array.prototype.forEach.call(headers, function (th, column) {
      th.addEventListener('click', function () {
        var descending = !th.classList.contains('sorted-desc');
        Array.prototype.forEach.call(headers, function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(descending ? 'sorted-desc' : 'sorted-asc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var text = th.getAttribute('data-type') === 'text';
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var c = text ? x.textContent.localeCompare(y.textContent)
            : parseFloat(x.getAttribute('data-v')) - parseFloat(y.getAttribute('data-v'));
          return descending ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
