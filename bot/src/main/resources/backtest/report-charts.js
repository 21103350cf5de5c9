/*
 * The backtest report's interactive charts, drawn with uPlot (inlined above this script) from the
 * JSON block #chart-data. Drag to zoom, double-click to zoom out, hover for the values; the time
 * axes are in New York time. Each chart's container gets data-rendered="true" once drawn.
 */
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const NY = 'America/New_York';
  const COLORS = ['#1f77b4', '#7f7f7f', '#ff7f0e', '#9467bd'];
  const width = () => Math.max(320, Math.min(1050, document.body.clientWidth - 8));
  const money = (v) => v == null ? '—' : '$' + Math.round(v).toLocaleString('en-US');
  const pct = (v) => v == null ? '—' : (v * 100).toFixed(1) + '%';
  const price = (v) => v == null ? '—' : v.toFixed(2);
  const drawn = [];

  function draw(id, opts, series) {
    const el = document.getElementById(id);
    if (!el) return null;
    el.replaceChildren();
    const chart = new uPlot(Object.assign({width: width(), height: 340}, opts), series, el);
    el.dataset.rendered = 'true';
    drawn.push(chart);
    return chart;
  }

  function nothing(id, why) {
    const el = document.getElementById(id);
    if (el) el.textContent = why;
  }

  /** Lines over one time axis: the first series bold, the rest thinner. */
  function timeLines(id, block, format) {
    if (!block || block.t.length < 2) return nothing(id, 'Fewer than two sessions: nothing to chart.');
    draw(id, {
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), NY),
      series: [{label: 'close (New York)'}].concat(block.series.map((s, i) => ({
        label: s.name, stroke: COLORS[i % COLORS.length], width: i === 0 ? 2.2 : 1.4, value: (u, v) => format(v)}))),
      axes: [{}, {size: 84, values: (u, vals) => vals.map(format)}],
    }, [block.t].concat(block.series.map((s) => s.values)));
  }

  function confidence(block) {
    if (!block || block.mid.length === 0) {
      nothing('chart-confidence', 'No decisions to chart.');
      return nothing('chart-calibration', 'No decisions to chart.');
    }
    draw('chart-confidence', {
      scales: {x: {time: false, range: [0, 1]}},
      series: [{label: 'confidence', value: (u, v) => v == null ? '—' : v.toFixed(2)},
        {label: 'decisions', stroke: '#1f77b4', fill: 'rgba(31,119,180,0.35)', paths: uPlot.paths.bars({size: [0.9, 80]}),
          points: {show: false}}],
    }, [block.mid, block.decisions]);
    // Calibration: the realised rates per bucket against the diagonal of a perfectly calibrated model.
    const x = [0].concat(block.mid, [1]);
    const pad = (a) => [null].concat(a, [null]);
    draw('chart-calibration', {
      scales: {x: {time: false, range: [0, 1]}, y: {range: [0, 1]}},
      series: [{label: 'confidence', value: (u, v) => v == null ? '—' : v.toFixed(2)},
        {label: 'perfect calibration', stroke: '#999', dash: [6, 4], points: {show: false}},
        {label: 'realised: label agreed with the decision', stroke: '#1f77b4', spanGaps: true, points: {show: true, size: 7},
          value: (u, v) => pct(v)},
        {label: 'realised: winning trades (entries)', stroke: '#2ca02c', spanGaps: true, points: {show: true, size: 7},
          value: (u, v) => pct(v)}],
      axes: [{}, {values: (u, vals) => vals.map(pct)}],
    }, [x, x.slice(), pad(block.hit_rate), pad(block.trade_win_rate)]);
  }

  /** A symbol's closes with its entries and exits as markers, on one time axis (every time of either kind). */
  function priceSeries(s) {
    const times = new Set(s.t);
    for (const e of s.entries) times.add(e[0]);
    for (const e of s.exits) times.add(e[0]);
    const x = Array.from(times).sort((a, b) => a - b);
    const at = new Map(x.map((t, i) => [t, i]));
    const empty = () => new Array(x.length).fill(null);
    const close = empty(), entry = empty(), stop = empty(), target = empty(), other = empty();
    s.t.forEach((t, i) => { close[at.get(t)] = s.close[i]; });
    for (const e of s.entries) entry[at.get(e[0])] = e[1];
    for (const e of s.exits) {
      const reason = String(e[2] || '');
      const into = reason.includes('stop') ? stop : reason.includes('take-profit') ? target : other;
      into[at.get(e[0])] = e[1];
    }
    return [x, close, entry, stop, target, other];
  }

  function marker(label, color) {
    return {label, stroke: color, fill: color, paths: () => null, points: {show: true, size: 10, width: 1, stroke: '#222', fill: color},
      value: (u, v) => price(v)};
  }

  let symbolPlot = null;

  function symbolChart(s) {
    if (symbolPlot) {
      drawn.splice(drawn.indexOf(symbolPlot), 1);
      symbolPlot.destroy();
    }
    symbolPlot = draw('chart-symbol', {
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), NY),
      series: [{label: 'time (New York)'},
        {label: s.symbol + ' close (' + s.timeframe + ' bars)', stroke: '#333', width: 1.3, spanGaps: true, points: {show: false},
          value: (u, v) => price(v)},
        marker('entry', '#1f77b4'), marker('exit: stop', '#d62728'), marker('exit: take-profit', '#2ca02c'), marker('exit: other', '#ff7f0e')],
      axes: [{}, {size: 70, values: (u, vals) => vals.map(price)}],
    }, priceSeries(s));
  }

  function symbols(list) {
    const select = document.getElementById('symbol-select');
    if (!select || !list || list.length === 0) return;
    select.replaceChildren(...list.map((s, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = s.symbol + ' (' + s.trades + ' trade' + (s.trades === 1 ? '' : 's') + ')';
      return o;
    }));
    select.addEventListener('change', () => symbolChart(list[Number(select.value)]));
    symbolChart(list[0]);
  }

  timeLines('chart-equity', data.equity, money);
  timeLines('chart-drawdown', data.drawdown, pct);
  confidence(data.confidence);
  symbols(data.symbols);
  window.addEventListener('resize', () => drawn.forEach((c) => c.setSize({width: width(), height: c.height})));
  document.body.dataset.charts = String(drawn.length);
})();
