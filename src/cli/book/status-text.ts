/**
 * `swarmdesk status` for a person: one block per part, the book's parts saying when they could not
 * be read. Text from the journal or a broker is escaped.
 */
import { escapeControl } from '../escape-text.js';
import { formatAge, historyLine, isoTime, money, signed, workingOrderLine } from './format.js';
import type { Greeks4 } from './marks.js';
import { GREEK_KEYS, type PositionView } from './positions-view.js';
import type { StatusReport } from './status-report.js';

const LOOP_WORDS = {
  running: 'running',
  stopped: 'stopped cleanly',
  frozen: 'FROZEN',
  gone: 'GONE (died without a clean stop)',
  none: 'never ran',
} as const;

function greeksText(g: Greeks4 | null): string {
  if (!g) return 'Greeks n/a';
  return `Δ ${signed(g.delta, 1)} Γ ${signed(g.gamma, 2)} vega ${signed(g.vega)} Θ ${signed(g.theta)}`;
}

function legLine(p: PositionView): string {
  const mark = p.mark === null ? 'mark n/a' : `mark ${p.mark.toFixed(2)}`;
  const pnl = p.unrealizedPnl === null ? '' : `  P&L ${signed(p.unrealizedPnl)}`;
  const dte = p.daysToExpiry === null ? '' : `  ${p.daysToExpiry} d`;
  const why = p.problem ? `  (${p.problem})` : '';
  return escapeControl(
    `${signed(p.quantity, 0)} ${p.key} @ ${p.averagePrice.toFixed(2)}  ${mark}${pnl}  ${greeksText(p.greeks)}${dte}${why}`,
  );
}

function header(s: StatusReport): string[] {
  const b = s.breaker;
  const lines = [
    `mode       ${s.mode}`,
    `data dir   ${escapeControl(s.dataDir)}`,
    `breaker    ${b.state}${b.since === null ? '' : ` since ${isoTime(b.since)}`}${b.reason ? ` (${escapeControl(b.actor ?? '?')}: ${escapeControl(b.reason)})` : ''}`,
    `loop       ${LOOP_WORDS[s.loop.state]}: ${escapeControl(s.loop.detail)}`,
  ];
  const wd = s.watchdog.lease;
  lines.push(
    wd === null
      ? 'watchdog   none holds the book'
      : `watchdog   ${s.watchdog.watching ? 'watching' : 'NOT watching'}: pid ${wd.pid} on ${escapeControl(wd.host)}${s.watchdog.watching ? '' : ' (its lease expired or its process is gone)'}`,
  );
  lines.push(
    `last cycle ${s.lastCycle ? escapeControl(`${s.lastCycle.id} ${s.lastCycle.status}`) : 'none yet'}`,
  );
  if (!s.journal.available) lines.push(`journal    ${escapeControl(s.journal.problem ?? 'unavailable')}`);
  lines.push(
    s.market.available
      ? `market     ${s.market.source}, market time ${isoTime(s.market.time)}`
      : `market     ${s.market.source}: unavailable: ${escapeControl(s.market.problem ?? '?')}`,
  );
  return lines;
}

function bookLines(s: StatusReport): string[] {
  const a = s.account;
  const lines = [
    a
      ? `account    net liquidation ${money(a.netLiquidation)}, cash ${money(a.cash)}, buying power ${money(a.buyingPower)}, unrealized P&L ${money(a.unrealizedPnl)}, today realized ${money(a.dailyRealizedPnl)}`
      : 'account    n/a',
  ];
  const car = s.capitalAtRisk;
  if (car) {
    const used = car.used === null ? `unbounded (${car.unbounded.join(', ')})` : money(car.used);
    const share = car.used === null ? '' : ` (${((100 * car.used) / car.limit).toFixed(0)} %)`;
    const parts = car.byUnderlying.map((u) => `${u.symbol} ${u.used === null ? '∞' : money(u.used)}`);
    lines.push(
      `capital at risk ${used} of ${money(car.limit)}${share}${parts.length ? `: ${parts.join(', ')}` : ''}`,
    );
  }
  if (s.greeks && s.greeks.byUnderlying.length > 0) {
    const lim = s.greeks.limits;
    lines.push('greeks     per underlying, positions held (|limit| each)');
    for (const u of s.greeks.byUnderlying) {
      const figures = u.greeks
        ? GREEK_KEYS.map(
            (k) => `${k} ${signed(u.greeks![k])}/${lim[k]}${u.over.includes(k) ? ' OVER' : ''}`,
          ).join('  ')
        : `n/a (${u.missing ?? '?'})`;
      lines.push(escapeControl(`  ${u.symbol.padEnd(6)} ${figures}`));
    }
  }
  lines.push(
    `positions  ${s.structures.length === 0 ? 'none' : `${s.positions.length} in ${s.structures.length} structure(s)`}`,
  );
  for (const st of s.structures) {
    const pnl = st.unrealizedPnl === null ? 'P&L n/a' : `P&L ${signed(st.unrealizedPnl)}`;
    const dte = st.daysToExpiry === null ? '' : `  ${st.daysToExpiry} d to expiry`;
    const by = st.openedBy ? `  (opened by ${st.openedBy})` : '';
    lines.push(escapeControl(`  ${st.label}${by}  ${pnl}  ${greeksText(st.greeks)}${dte}`));
    for (const leg of st.legs) lines.push(`    ${legLine(leg)}`);
  }
  return lines;
}

/** The report as lines of text. */
export function formatStatus(s: StatusReport): string[] {
  const lines = header(s);
  if (!s.broker.available)
    lines.push(
      `broker     ${s.broker.name}: UNAVAILABLE: ${escapeControl(s.broker.problem ?? '?')} — positions, account and the broker's orders not shown; working orders below are the journal's`,
    );
  else lines.push(`broker     ${s.broker.name}`);
  if (s.broker.available) lines.push(...bookLines(s));
  lines.push(`working orders ${s.workingOrders.length === 0 ? 'none' : String(s.workingOrders.length)}`);
  for (const o of s.workingOrders) lines.push(`  ${workingOrderLine(o)}`, `    ${historyLine(o)}`);
  if (s.loop.heartbeat)
    lines.push(
      `heartbeat  ${formatAge(s.loop.heartbeat.ageMs)} ago (pid ${s.loop.heartbeat.pid}, ${escapeControl(s.loop.heartbeat.phase)})`,
    );
  return lines;
}
