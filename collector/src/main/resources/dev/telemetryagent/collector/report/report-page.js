// Draws the report page's charts from the report's JSON embedded in the page. Runs with no network: ECharts is
// inlined before this script. Names come from events: they reach the charts only as data (drawn as SVG text,
// escaped in tooltips by ECharts), never as markup.
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var FAIL = '#e8684a';
  var PALETTE = ['#4f6bed', '#2bb3a3', '#f6bd16', '#8e6bd8', '#5ab0e8', '#e86ba8', '#7a8c99', '#9bc53d'];
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var MAX_BARS = 15;
  var charts = [];

  function draw(id, option) {
    var el = document.getElementById(id);
    option.animation = false;
    option.aria = {enabled: true};
    option.color = option.color || PALETTE;
    option.textStyle = {fontFamily: FONT};
    option.grid = option.grid || {left: 16, right: 56, top: 36, bottom: 8, containLabel: true};
    var chart = echarts.init(el, null, {renderer: 'svg'});
    chart.setOption(option);
    charts.push(chart);
  }

  function empty(id, text) {
    var el = document.getElementById(id);
    el.classList.add('empty');
    el.textContent = text;
  }

  function seconds(s) {
    if (s === null || s === undefined) { return '–'; }
    return s < 1 ? (s * 1000).toFixed(1) + ' ms' : s.toFixed(2) + ' s';
  }

  // Axis ticks: short enough that five of them fit under a half-width chart.
  function tick(s) {
    if (s === 0) { return '0'; }
    return s < 1 ? +(s * 1000).toPrecision(3) + ' ms' : +s.toPrecision(3) + ' s';
  }

  // Durations span milliseconds to minutes: past a factor of 30 between them, a log axis keeps each bar readable.
  function durationAxis(values) {
    var positive = values.filter(function (v) { return v !== null && v > 0; });
    var wide = positive.length === values.length && positive.length > 1
      && Math.max.apply(null, positive) / Math.min.apply(null, positive) > 30;
    return {type: wide ? 'log' : 'value', axisLabel: {formatter: tick, hideOverlap: true}};
  }

  function compareVersions(a, b) {
    var x = String(a).split(/[^0-9A-Za-z]+/), y = String(b).split(/[^0-9A-Za-z]+/);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var p = x[i] === undefined ? '' : x[i], q = y[i] === undefined ? '' : y[i];
      var m = /^\d+$/.test(p), n = /^\d+$/.test(q);
      var c = m && n ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
      if (c !== 0) { return c; }
    }
    return 0;
  }

  // A horizontal bar chart grows with its bars, so that every name stays readable.
  function fitHeight(id, bars) {
    document.getElementById(id).style.height = Math.max(180, 30 * bars + 80) + 'px';
  }

  function yNames(names) {
    return {type: 'category', data: names, axisTick: {show: false},
            axisLabel: {width: 230, overflow: 'truncate'}};
  }

  function daily() {
    var days = report.daily;
    if (!days.length) { empty('chart-daily', 'No calls yet.'); return; }
    draw('chart-daily', {
      tooltip: {trigger: 'axis'},
      legend: {top: 0},
      xAxis: {type: 'category', data: days.map(function (d) { return d.day; })},
      yAxis: [{type: 'value', name: 'calls', minInterval: 1}, {type: 'value', name: 'installs', minInterval: 1,
               splitLine: {show: false}}],
      series: [
        {name: 'calls', type: 'bar', barMaxWidth: 36, data: days.map(function (d) { return d.calls; })},
        {name: 'active installs', type: 'line', yAxisIndex: 1, symbolSize: 8,
         data: days.map(function (d) { return d.installs; })}
      ]
    });
  }

  function ranked(id, events, none) {
    var top = events.slice(0, MAX_BARS).reverse();
    if (!top.length) { empty(id, none); return; }
    fitHeight(id, top.length);
    draw(id, {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: yNames(top.map(function (e) { return e.event; })),
      series: [
        {name: 'succeeded', type: 'bar', stack: 'calls', barMaxWidth: 22,
         data: top.map(function (e) { return e.calls - e.failures; })},
        {name: 'failed', type: 'bar', stack: 'calls', barMaxWidth: 22, itemStyle: {color: FAIL},
         data: top.map(function (e) { return e.failures; })}
      ]
    });
  }

  function failures() {
    var failing = report.by_event.filter(function (e) { return e.failures > 0; })
      .sort(function (a, b) { return b.failure_rate - a.failure_rate; }).slice(0, MAX_BARS).reverse();
    if (!failing.length) { empty('chart-failures', 'No failed calls.'); return; }
    fitHeight('chart-failures', failing.length);
    draw('chart-failures', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'},
                valueFormatter: function (v) { return v.toFixed(1) + ' %'; }},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      yAxis: yNames(failing.map(function (e) { return e.event; })),
      series: [{name: 'failure rate', type: 'bar', barMaxWidth: 22, itemStyle: {color: FAIL},
                label: {show: true, position: 'right', formatter: function (p) { return p.value.toFixed(1) + ' %'; }},
                data: failing.map(function (e) { return e.failure_rate * 100; })}]
    });
  }

  function durations() {
    var timed = report.by_event.filter(function (e) { return e.p50_s !== null; }).slice(0, MAX_BARS).reverse();
    if (!timed.length) { empty('chart-durations', 'No individually timed calls.'); return; }
    fitHeight('chart-durations', timed.length);
    draw('chart-durations', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: seconds},
      legend: {top: 0},
      xAxis: durationAxis(timed.map(function (e) { return e.p50_s; })
        .concat(timed.map(function (e) { return e.p95_s; }))),
      yAxis: yNames(timed.map(function (e) { return e.event; })),
      // Dots rather than bars: a bar on a log axis would start at an arbitrary 1 s.
      series: [
        {name: 'p50', type: 'scatter', symbolSize: 12, data: timed.map(function (e) { return e.p50_s; })},
        {name: 'p95', type: 'scatter', symbol: 'diamond', symbolSize: 14,
         data: timed.map(function (e) { return e.p95_s; })}
      ]
    });
  }

  // One line per event and percentile across versions: p50 solid, p95 dashed in the same colour.
  function versionDurations() {
    var rows = report.version_durations.filter(function (v) { return v.p50_s !== null; });
    if (!rows.length) { empty('chart-version-durations', 'No individually timed calls.'); return; }
    var versions = [], events = [];
    rows.forEach(function (r) {
      if (versions.indexOf(r.version) < 0) { versions.push(r.version); }
      if (events.indexOf(r.event) < 0) { events.push(r.event); }
    });
    versions.sort(compareVersions);
    var series = [];
    events.forEach(function (event, i) {
      var colour = PALETTE[i % PALETTE.length];
      ['p50_s', 'p95_s'].forEach(function (key) {
        series.push({
          name: event + ' ' + key.slice(0, 3), type: 'line', symbolSize: 8, connectNulls: true,
          itemStyle: {color: colour}, lineStyle: {type: key === 'p50_s' ? 'solid' : 'dashed'},
          data: versions.map(function (version) {
            var row = rows.filter(function (r) { return r.event === event && r.version === version; })[0];
            return row ? row[key] : null;
          })
        });
      });
    });
    draw('chart-version-durations', {
      tooltip: {trigger: 'axis', valueFormatter: seconds},
      legend: {top: 0, type: 'scroll'},
      grid: {left: 16, right: 56, top: 44, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: versions, boundaryGap: true},
      yAxis: durationAxis(rows.map(function (r) { return r.p50_s; }).concat(rows.map(function (r) { return r.p95_s; }))),
      series: series
    });
  }

  function versions() {
    var rows = report.versions.slice().sort(function (a, b) { return compareVersions(a.version, b.version); });
    if (!rows.length) { empty('chart-versions', 'No versions yet.'); return; }
    draw('chart-versions', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      xAxis: {type: 'category', data: rows.map(function (v) { return v.version; })},
      yAxis: [{type: 'value', name: 'installs', minInterval: 1},
              {type: 'value', name: 'calls', minInterval: 1, splitLine: {show: false}}],
      series: [
        {name: 'installs', type: 'bar', barMaxWidth: 48, data: rows.map(function (v) { return v.installs; })},
        {name: 'calls', type: 'line', yAxisIndex: 1, symbolSize: 8, data: rows.map(function (v) { return v.calls; })}
      ]
    });
  }

  function donut(id, items, none) {
    items = items.filter(function (i) { return i.value > 0; });
    if (!items.length) { empty(id, none); return; }
    draw(id, {
      tooltip: {trigger: 'item'},
      legend: {bottom: 0, type: 'scroll'},
      series: [{type: 'pie', radius: ['40%', '70%'], center: ['50%', '45%'], minShowLabelAngle: 20, percentPrecision: 0,
                label: {position: 'inside', formatter: '{d}%', color: '#fff', fontWeight: 600}, data: items}]
    });
  }

  function platforms() {
    var p = report.platforms;
    donut('chart-os', p.os.map(function (o) { return {name: o.name, value: o.installs}; }), 'No installs yet.');
    donut('chart-java', p.java.map(function (j) { return {name: j.name, value: j.installs}; }), 'No installs yet.');
    donut('chart-ci', [{name: 'CI', value: p.ci_runs}, {name: 'not CI', value: report.runs - p.ci_runs}],
          'No runs yet.');
    donut('chart-env', report.environments.map(function (e) {
      return {name: e.name === 'none' ? 'no container' : e.name, value: e.runs};
    }), 'No runs yet.');
  }

  function options() {
    var rows = report.options.slice().sort(function (a, b) { return b.calls - a.calls; })
      .slice(0, MAX_BARS).reverse();
    if (!rows.length) { empty('chart-options', 'No options given.'); return; }
    fitHeight('chart-options', rows.length);
    draw('chart-options', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: yNames(rows.map(function (o) { return o.event + '  ' + o.option; })),
      series: [{name: 'calls giving it', type: 'bar', barMaxWidth: 22, itemStyle: {color: PALETTE[3]},
                data: rows.map(function (o) { return o.calls; })}]
    });
  }

  daily();
  ranked('chart-commands', report.by_event.filter(function (e) { return e.category === 'command'; }),
         'No commands recorded.');
  ranked('chart-steps', report.by_event.filter(function (e) { return e.category !== 'command'; }),
         'No pipeline steps recorded.');
  failures();
  durations();
  versionDurations();
  versions();
  platforms();
  options();
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
  document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
})();
