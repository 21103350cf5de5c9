// The trader's controls on the desk (pause, resume, flatten, close one position, reload the rules)
// and the closed-trades table. Uses desk.js's helpers (api, el, token, askToken, showMessage,
// refresh). Every action asks confirm() first and goes to the same services as Telegram and the CLI.
'use strict';

async function control(path, question, what) {
  if (!window.confirm(question)) return;
  if (!token()) askToken(what + ' needs the web token.');
  if (!token()) return;
  const r = await api('POST', path);
  if (r.ok) {
    const d = r.data || {};
    const extra = d.exits ? ' ' + d.canceled.length + ' order(s) canceled, ' + d.exits.length + ' exit order(s)'
      + (d.problems.length ? '; PROBLEMS: ' + d.problems.join('; ') : '') : d.outcome ? ' ' + d.outcome + ' ' + d.version : '';
    showMessage(what + ': done.' + extra, d.problems && d.problems.length ? 'error' : 'ok');
  } else {
    showMessage(what + ': ' + (r.data && r.data.error ? r.data.error : 'HTTP ' + r.status), 'error');
  }
  refresh();
  refreshTrades();
}

/** The Close button of one position row (desk.js puts it in the positions table). */
function closeButton(symbol, quantity) {
  return el('button', {class: 'danger small', 'data-close': symbol, title: 'cancel ' + symbol + "'s stop and take-profit and close at market",
    onclick: () => control('api/close/' + encodeURIComponent(symbol),
      'Close ' + symbol + ': cancel its open orders and ' + (quantity > 0 ? 'sell ' : 'buy back ') + Math.abs(quantity) + ' at market?',
      'Close ' + symbol)}, 'Close');
}

function renderTrades(t) {
  const body = $('trades').querySelector('tbody');
  body.replaceChildren();
  for (const x of t.trades) {
    body.append(el('tr', {},
      el('td', {}, nyTime(x.closed_at, true)),
      el('td', {class: 'sym'}, x.symbol),
      el('td', {}, x.side === 'BUY' ? 'long' : 'short'),
      el('td', {class: 'num'}, x.quantity),
      el('td', {class: 'num'}, price(x.entry_price)),
      el('td', {class: 'num'}, price(x.exit_price)),
      el('td', {class: 'num muted'}, money(x.commission)),
      el('td', {class: 'num ' + tone(x.pnl)}, signedMoney(x.pnl)),
      el('td', {class: 'num ' + tone(x.pnl_pct)}, pct(x.pnl_pct))));
  }
  $('trades-empty').hidden = t.trades.length > 0;
}

function renderProfit(p) {
  const part = (label, s) => label + ' ' + signedMoney(s.pnl) + ' (' + s.trades + ')';
  $('trades-info').textContent = 'realised after commissions: ' + [part('today', p.today), part('week', p.week), part('all', p.all)].join(' · ');
}

async function refreshTrades() {
  try {
    const [t, p] = await Promise.all([api('GET', 'api/trades?limit=20'), api('GET', 'api/profit')]);
    if (t.ok) renderTrades(t.data);
    if (p.ok) renderProfit(p.data);
    $('pause').disabled = !!(health && health.paused);
    $('resume').disabled = !(health && health.paused);
  } catch (e) { /* desk.js reports a daemon that does not answer */ }
}

$('pause').addEventListener('click', () => control('api/pause', 'Pause new entries? Stops and take-profits keep working.', 'Pause'));
$('resume').addEventListener('click', () => control('api/resume', 'Allow new entries again?', 'Resume'));
$('flatten').addEventListener('click', () => control('api/flatten',
  'FLATTEN: pause entries, cancel every open order and close every position at market?', 'Flatten'));
$('reload').addEventListener('click', () => control('api/reload', 'Compile the rules folder now?', 'Reload rules'));
refreshTrades();
setInterval(refreshTrades, REFRESH_MS);
