import { contractKey } from '../domain/index.js';
import type { CycleReport } from './trading-cycle.js';

/** A cycle as readable lines: signals, the decision, every order accepted or rejected and why. */
export function describeCycle(n: number | string, r: CycleReport, say: (l: string) => void): void {
  const ok = r.swarm?.instances.filter((i) => i.outcome === 'ok').length ?? 0;
  say(
    `cycle ${typeof n === 'number' ? `${n} (${r.cycleId})` : r.cycleId}: ${r.status}${r.error ? ` — ${r.error}` : ''}`,
  );
  if (r.swarm)
    say(
      `  swarm: ${r.swarm.instances.length} instance(s), ${ok} ok, ${r.swarm.signals.length} consensus signal(s)`,
    );
  // Why each instance that gave nothing failed: a person must see a broken model, not a quiet swarm.
  for (const i of r.swarm?.instances ?? [])
    if (i.outcome !== 'ok')
      say(
        `    ${i.id}: ${i.outcome}${i.reason ? ` (${i.reason})` : ''}${i.detail ? ` — ${i.detail}` : ''} after ${i.attempts} attempt(s), ${(i.durationMs / 1000).toFixed(1)} s`,
      );
  for (const s of r.swarm?.signals ?? [])
    say(
      `    ${s.signal.underlying} ${s.signal.strategy} (${s.agreement} agree, confidence ${s.confidence.mean.toFixed(2)})${s.conflictsWith.length ? ' CONFLICT' : ''}`,
    );
  const d = r.commander?.decision;
  if (d?.kind === 'no_trade') say(`  decision: no trade — ${d.reason}`);
  if (d?.kind === 'trade') say(`  decision: ${d.intents.length} order(s)`);
  for (const o of r.orders) {
    const legs = o.intent.legs
      .map((l) => `${l.side} ${l.ratio * o.intent.quantity} ${contractKey(l.contract)}`)
      .join(' / ');
    if (o.outcome.accepted)
      say(
        `    ACCEPTED ${o.intent.clientOrderId}: ${legs} @ ${o.intent.limitPrice?.toFixed(2)} ${o.intent.priceEffect} → ${o.outcome.order?.status ?? 'sent'}`,
      );
    else
      say(
        `    REJECTED ${o.intent.clientOrderId}: ${legs} — ${o.outcome.rejections.map((x) => `${x.code}: ${x.message}`).join('; ')}`,
      );
  }
}
