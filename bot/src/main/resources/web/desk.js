// The desk page: polls the daemon's REST API every few seconds and renders it; Execute approves an
// intent through POST /api/intents/{id}/approve after a confirmation. Data is always inserted as
// text (never as HTML), and nothing loads from anywhere but this daemon.
'use strict';

const REFRESH_MS = 5000;
const TOKEN_KEY = 'autotrader.webToken';
const $ = (id) => document.getElementById(id);
let health = null;
let pendingExecute = null;

// ---------- formatting ----------
const usd = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'});
const num2 = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const money = (v) => isNum(v) ? usd.format(v) : '—';
const price = (v) => isNum(v) ? num2.format(v) : '—';
const signedMoney = (v) => isNum(v) ? (v > 0 ? '+' : v < 0 ? '−' : '') + usd.format(Math.abs(v)) : '—';
const pct = (v, digits = 2) => isNum(v) ? (v > 0 ? '+' : '') + v.toFixed(digits) + '%' : '—';
const tone = (v) => !isNum(v) || v === 0 ? '' : v > 0 ? 'up' : 'down';

function nyTime(iso, withDate = false) {
  if (!iso) return '—';
  const opts = {timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hour12: false};
  if (withDate) Object.assign(opts, {year: 'numeric', month: '2-digit', day: '2-digit'});
  return new Date(iso).toLocaleString('en-CA', opts).replace(',', '') + ' ET';
}

/** A DOM element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function showMessage(text, kind = 'info') {
  const m = $('message');
  m.textContent = text;
  m.className = 'message ' + kind;
  m.hidden = false;
}

// ---------- API ----------
function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  const t = token();
  if (t) headers['Authorization'] = 'Bearer ' + t;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  let data = null;
  try { data = await res.json(); } catch (e) { /* an empty or non-JSON body */ }
  if (res.status === 401) sessionStorage.removeItem(TOKEN_KEY);   // a wrong token is asked for again
  return {status: res.status, ok: res.ok, data};
}

// ---------- rendering ----------
function renderHealth(h) {
  health = h;
  const mode = $('mode');
  mode.textContent = h.paper ? (h.market.simulated ? 'PAPER' : 'PAPER with REAL PRICES') : 'LIVE';
  mode.className = 'mode ' + (h.paper ? 'paper' : 'live');
  mode.title = h.paper ? 'paper trading: orders go to the paper broker' : 'LIVE: orders go to the real broker';
  $('simulated').hidden = !h.market.simulated;
  $('paused').hidden = !h.paused;
  $('clock').textContent = nyTime(h.clock.now, true) + (h.clock.runs ? ' (' + h.clock.runs + ')' : '');
  $('rules').textContent = h.rules_version || '—';
  // A refused edit stays on screen, file:line and message, until an edit that compiles lands.
  const refused = h.rules && h.rules.state === 'REFUSED';
  if (refused) $('rules').textContent = 'REFUSED (running ' + h.rules.version + ')';
  $('rules').className = refused ? 'bad' : '';
  $('rules-refused').hidden = !refused;
  $('rules-refused').textContent = refused ? 'Rules edit REFUSED, still running ' + h.rules.version + ': ' + h.rules.refused : '';
  // Whether the rules let the model's BUYs through at all: signals are still shown when they do not, and this says why.
  const t = h.trading;
  $('trading').hidden = !t;
  if (t) {
    $('trading').textContent = t.line;
    $('trading').className = 'message ' + (t.allowed === true ? 'ok' : 'warn');
  }
  const dot = $('health');
  dot.textContent = h.status;
  dot.className = 'dot ' + h.status;
  dot.title = h.problems.length ? h.problems.join('\n') : 'everything answers';
  $('run-cycle').disabled = h.cycles !== 'enabled';
  $('run-cycle').title = h.cycles === 'enabled' ? $('run-cycle').title : h.cycles;
}

function riskBadge(score) {
  if (!isNum(score)) return '—';
  const cls = score <= 3 ? 'low' : score <= 6 ? 'mid' : 'high';
  return el('span', {class: 'risk ' + cls, title: 'risk score 1 (low) to 10 (high)'}, score);
}

function confidence(v) {
  if (!isNum(v)) return '—';
  const bar = el('span', {class: 'bar'}, el('i', {style: 'width:' + Math.round(v * 100) + '%'}));
  return el('span', {class: 'conf'}, bar, (v * 100).toFixed(1) + '%');
}

function intentCell(s) {
  const i = s.intent;
  if (!i) {
    const why = s.rejection ? 'rules: ' + s.rejection.reason : 'no trade intent from the rules';
    return el('span', {class: 'muted', title: why}, s.rejection ? 'not traded' : '—');
  }
  if (i.status === 'PENDING' && health && new Date(i.expires_at) < new Date(health.clock.now)) {
    // Still PENDING in the database until someone presses or the sweep runs, but no longer approvable.
    return el('span', {class: 'state gone', title: 'not approved before ' + nyTime(i.expires_at)}, 'expired');
  }
  if (i.status === 'PENDING') {
    const canApprove = health && health.auth.token_configured;
    return el('button', {
      class: 'execute', 'data-intent': i.id, 'data-symbol': s.symbol,
      title: canApprove ? 'approve intent #' + i.id + ' (asks for confirmation)' : 'approvals from the page need AUTOTRADER_WEB_TOKEN on the daemon',
      disabled: !canApprove, onclick: () => openConfirm(s),
    }, 'Execute');
  }
  // Once approved, what counts is the entry order's state now (the approval itself only saw it submitted).
  const label = i.status === 'APPROVED'
    ? (i.order_state ? i.order_state.toLowerCase().replace('_', ' ') : (i.outcome || 'approved').toLowerCase().replaceAll('_', ' '))
    : i.status.toLowerCase();
  const cls = i.status !== 'APPROVED' ? 'gone' : i.outcome === 'REJECTED_BY_BROKER' || ['REJECTED', 'UNKNOWN'].includes(i.order_state) ? 'bad'
    : i.order_state === 'FILLED' ? 'done' : '';
  return el('span', {class: 'state ' + cls, title: (i.decided_by ? 'by ' + i.decided_by + ' ' : '') + (i.outcome_detail || '')}, label);
}

function renderSignals(sig) {
  const body = $('signals').querySelector('tbody');
  body.replaceChildren();
  for (const s of sig.signals) {
    const i = s.intent;
    body.append(el('tr', {'data-symbol': s.symbol},
      el('td', {class: 'sym'}, s.symbol),
      el('td', {class: 'num'}, price(s.price)),
      el('td', {class: 'num'}, confidence(s.confidence)),
      el('td', {class: 'num ' + tone(s.expected_return)}, pct(s.expected_return, 3)),
      el('td', {class: 'num'}, riskBadge(s.risk_score)),
      el('td', {}, s.time_horizon || '—'),
      el('td', {class: 'num'}, i ? i.quantity : '—'),
      el('td', {class: 'num down'}, i ? price(i.stop_loss) : '—'),
      el('td', {class: 'num up'}, i ? price(i.take_profit) : '—'),
      el('td', {class: 'why'}, s.rejection ? s.rejection.reason + (s.rejection.rule ? ' (' + s.rejection.rule + ')' : '') : '',
        s.evidence ? el('div', {class: 'evidence'}, s.evidence) : null),
      el('td', {class: 'act'}, intentCell(s))));
  }
  $('signals-empty').hidden = sig.signals.length > 0;
  $('cycle-info').textContent = sig.as_of ? 'cycle of ' + nyTime(sig.as_of, true) + ' · ' + sig.decisions + ' decisions · best confidence first'
    + (sig.simulated ? ' · SIMULATED prices' : '') : 'no cycle yet';
}

function renderPositions(p) {
  const body = $('positions').querySelector('tbody');
  body.replaceChildren();
  for (const x of p.positions) {
    body.append(el('tr', {},
      el('td', {class: 'sym'}, x.symbol),
      el('td', {class: 'num'}, x.quantity),
      el('td', {class: 'num'}, price(x.avg_price)),
      el('td', {class: 'num'}, price(x.last_price)),
      el('td', {class: 'num'}, money(x.market_value)),
      el('td', {class: 'num ' + tone(x.unrealized_pnl)}, signedMoney(x.unrealized_pnl)),
      el('td', {class: 'num ' + tone(x.unrealized_pnl_pct)}, pct(x.unrealized_pnl_pct)),
      el('td', {class: 'act'}, closeButton(x.symbol, x.quantity))));
  }
  $('positions-empty').hidden = p.positions.length > 0;
  $('positions-info').textContent = p.positions.length ? 'valued at the last price, ' + nyTime(p.as_of) : '';
  const open = $('pnl-open');
  open.textContent = signedMoney(p.unrealized_pnl);
  open.className = 'value ' + tone(p.unrealized_pnl);
}

function renderOrders(o) {
  const body = $('orders').querySelector('tbody');
  body.replaceChildren();
  for (const x of o.orders) {
    const px = x.avg_fill_price ?? x.limit_price ?? x.stop_price;
    const stateCls = x.state === 'FILLED' ? 'done' : ['REJECTED', 'UNKNOWN'].includes(x.state) ? 'bad'
      : ['CANCELED', 'EXPIRED'].includes(x.state) ? 'gone' : '';
    body.append(el('tr', {},
      el('td', {class: 'num muted'}, x.id),
      el('td', {}, nyTime(x.created_at)),
      el('td', {class: 'sym'}, x.symbol),
      el('td', {class: x.side === 'BUY' ? 'up' : 'down'}, x.side),
      el('td', {class: 'num'}, x.quantity),
      el('td', {}, x.type),
      el('td', {class: 'muted'}, x.role.toLowerCase().replace('_', ' ')),
      el('td', {}, el('span', {class: 'state ' + stateCls}, x.state.toLowerCase().replace('_', ' '))),
      el('td', {class: 'num'}, price(px)),
      el('td', {class: 'num'}, x.filled_quantity + '/' + x.quantity)));
  }
  $('orders-empty').hidden = o.orders.length > 0;
}

function renderPnl(p) {
  $('equity').textContent = money(p.equity);
  $('cash').textContent = money(p.cash);
  for (const [id, key] of [['pnl-today', 'today'], ['pnl-week', 'week'], ['pnl-all', 'all']]) {
    const period = p.periods[key];
    const node = $(id);
    node.replaceChildren(...(period ? [signedMoney(period.change), el('small', {}, pct(period.change_pct))] : ['—']));
    node.className = 'value ' + (period ? tone(period.change) : '');
  }
}

/**
 * The equity curve with uPlot (served by the daemon from its WebJar): every account snapshot at its
 * time, so gaps (nights, weekends, a stopped daemon) show as gaps in time; the axis is in New York
 * time. The chart is made once and given new data on each refresh; hover shows the value.
 */
let curveChart = null;

function curveWidth() {
  return Math.max($('curve').clientWidth, 300);
}

function drawCurve(e) {
  const box = $('curve');
  const points = e.points || [];
  if (points.length < 2) {
    if (curveChart) { curveChart.destroy(); curveChart = null; }
    box.replaceChildren(el('div', {class: 'empty-chart'}, 'the curve starts after the second account snapshot'));
    $('curve-info').textContent = '';
    box.dataset.points = String(points.length);
    return;
  }
  const data = [points.map((p) => p.t), points.map((p) => p.equity)];
  if (!curveChart) {
    box.replaceChildren();
    curveChart = new uPlot({
      width: curveWidth(), height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'America/New_York'),
      series: [{label: 'time (ET)'},
        {label: 'equity', stroke: '#2156c9', width: 2, fill: 'rgba(33, 86, 201, .10)', value: (u, v) => money(v)}],
      axes: [{}, {size: 80, values: (u, vals) => vals.map((v) => '$' + Math.round(v).toLocaleString('en-US'))}],
      legend: {live: true},
    }, data, box);
  } else {
    curveChart.setData(data);
  }
  box.dataset.points = String(points.length);
  const last = points[points.length - 1];
  $('curve-info').textContent = e.snapshots + ' account snapshots' + (e.simulated ? ' (SIMULATED market)' : '') + ' · now '
    + usd.format(last.equity) + ' at ' + nyTime(last.at, true);
}

window.addEventListener('resize', () => { if (curveChart) curveChart.setSize({width: curveWidth(), height: 220}); });

// ---------- refresh ----------
async function refresh() {
  try {
    const [h, s, p, o, pnl, eq] = await Promise.all([api('GET', 'api/health'), api('GET', 'api/signals?decision=BUY&limit=10'),
      api('GET', 'api/positions'), api('GET', 'api/orders?limit=15'), api('GET', 'api/pnl'), api('GET', 'api/equity')]);
    if ([h, s, p, o, pnl, eq].some((r) => r.status === 401)) {
      askToken('This desk is reachable from other machines: every read needs the web token.');
      return;
    }
    if (h.data && h.data.mode) renderHealth(h.data);
    if (s.ok) renderSignals(s.data);
    if (p.ok) renderPositions(p.data);
    if (o.ok) renderOrders(o.data);
    if (pnl.ok) renderPnl(pnl.data);
    if (eq.ok) drawCurve(eq.data);
    document.body.dataset.loaded = 'true';
  } catch (e) {
    showMessage('The daemon does not answer (' + e.message + '); retrying.', 'error');
  }
}

// ---------- actions ----------
function askToken(why) {
  const t = window.prompt(why + '\nWeb token (AUTOTRADER_WEB_TOKEN):');
  if (t) sessionStorage.setItem(TOKEN_KEY, t.trim());
}

function openConfirm(s) {
  const i = s.intent;
  pendingExecute = s;
  $('confirm-title').textContent = 'Execute ' + i.side + ' ' + i.quantity + ' ' + s.symbol + '?';
  const rows = [
    ['Entry', i.entry_type + (i.entry_type === 'LIMIT' ? ' at ' + price(i.limit_price) : ' (signal price ' + price(i.signal_price) + ')')],
    ['Position value', money(i.position_value)],
    ['Stop-loss', i.trailing_stop_pct > 0 ? 'trailing ' + (i.trailing_stop_pct * 100).toFixed(1) + '%' : price(i.stop_loss)],
    ['Take-profit', price(i.take_profit)],
    ['Time exit', i.hold_bars > 0 ? 'at market after ' + i.hold_bars + ' x ' + i.hold_timeframe + ' bars' : 'none (stop or target only)'],
    ['Risk at stop', money(i.risk_amount)],
    ['Confidence', isNum(i.confidence) ? (i.confidence * 100).toFixed(1) + '%' : '—'],
    ['Expires', nyTime(i.expires_at, true)],
    ['Mode', health && !health.paper ? 'LIVE: a real order' : 'PAPER'],
  ];
  $('confirm-details').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const needToken = !token();
  $('token-row').hidden = !needToken;
  $('token').required = needToken;
  $('token').value = '';
  $('confirm-hint').textContent = 'Intent #' + i.id + '. Approving sends one order; pressing again, here or on Telegram, sends nothing more.';
  $('confirm').returnValue = '';   // closing with Esc keeps the last value: never let it read as an earlier OK
  $('confirm').showModal();
}

async function execute() {
  const s = pendingExecute;
  pendingExecute = null;
  if (!s) return;
  if (!$('token-row').hidden && $('token').value.trim()) sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  const r = await api('POST', 'api/intents/' + s.intent.id + '/approve', {symbol: s.symbol, quantity: s.intent.quantity});
  if (r.ok) showMessage(s.symbol + ': ' + r.data.message, 'ok');
  else showMessage(s.symbol + ': ' + (r.data && r.data.error ? r.data.error : 'HTTP ' + r.status), 'error');
  refresh();
}

async function runCycle() {
  if (!token()) askToken('Running a cycle needs the web token.');
  if (!token()) return;
  const button = $('run-cycle');
  button.disabled = true;
  button.textContent = 'Running…';
  try {
    const r = await api('POST', 'api/cycle');
    if (r.ok) showMessage('Cycle of ' + nyTime(r.data.as_of, true) + ': ' + r.data.decisions + ' decisions, ' + r.data.buys + ' BUY, '
      + r.data.intents.length + ' new intents.' + (r.data.entry_blocks && r.data.entry_blocks.length
        ? ' No BUY could trade: ' + r.data.entry_blocks[0] + '.' : ''), r.data.entry_blocks && r.data.entry_blocks.length ? 'warn' : 'ok');
    else showMessage('Cycle: ' + (r.data && r.data.error ? r.data.error : 'HTTP ' + r.status), 'error');
  } finally {
    button.textContent = 'Run cycle now';
    button.disabled = false;
    refresh();
  }
}

$('confirm').addEventListener('close', () => {
  if ($('confirm').returnValue === 'ok') execute();
  else pendingExecute = null;
});
$('run-cycle').addEventListener('click', runCycle);
refresh();
setInterval(refresh, REFRESH_MS);
