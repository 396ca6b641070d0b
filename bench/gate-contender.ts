/**
 * One contender for the book's gate lease, run by `npm run bench -- gate` as its own process:
 * `node --import tsx bench/gate-contender.ts '<json spec>'`. It opens the book (the frozen simulated
 * market every contender shares, the paper broker, the journal), warms up, prints `ready`, waits for
 * the `go` file, then sends `decisions` orders through `placeOrderWithGuard` back to back — real
 * decisions, so each takes the lease — and prints what it measured as one JSON line.
 *
 * Each order is a put credit spread at its mid, IOC: it passes every check, is journaled and sent,
 * and the paper broker cancels it (a mid is not marketable), so the book stays the same throughout.
 * The lease wait of a decision is measured around the journal's `leases.take` (from the first try to
 * the one that got it), without touching the gate.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createPaperBroker } from '../src/broker/paper/index.js';
import { clientOrderId, SimulatedClock, type OrderIntent } from '../src/domain/index.js';
import { openJournal, type Journal, type LeaseTable } from '../src/journal/index.js';
import { createSimMarket } from '../src/market/sim/index.js';
import { placeOrderWithGuard, type RiskLimits } from '../src/risk/index.js';
import { override, putSpreadAtMid } from '../src/risk/test-support/gate-setup.js';

export interface ContenderSpec {
  readonly dataDir: string;
  readonly go: string;
  readonly decisions: number;
  readonly prefix: string;
  readonly risk: RiskLimits;
}

export interface ContenderReport {
  /** ms from the first try for the lease to getting it, per decision. */
  readonly waits: readonly number[];
  /** ms from getting the lease to giving it back, per decision. */
  readonly holds: readonly number[];
  readonly accepted: number;
  /** Refusal codes and how often. */
  readonly refused: Readonly<Record<string, number>>;
  /** Wall-clock epoch ms of the first decision's start and the last one's end. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/** The market time every contender freezes at, so all see the same quotes. */
export const CONTENDER_MARKET_TIME = Date.parse('2026-03-10T15:00:00Z');

/** A journal whose lease table notes when each decision first asked for the lease, got it and gave it back. */
function timedLeases(journal: Journal): { journal: Journal; waits: number[]; holds: number[] } {
  const waits: number[] = [];
  const holds: number[] = [];
  let asking: number | null = null;
  let taken: number | null = null;
  const leases = override(journal.leases, {
    take: (...args: Parameters<LeaseTable['take']>) => {
      const t = performance.now();
      asking ??= t;
      const r = journal.leases.take(...args);
      if (r.taken) {
        const now = performance.now();
        waits.push(t - asking);
        asking = null;
        taken = now;
      }
      return r;
    },
    release: (...args: Parameters<LeaseTable['release']>) => {
      journal.leases.release(...args);
      if (taken !== null) holds.push(performance.now() - taken);
      taken = null;
    },
  });
  return { journal: override(journal, { leases }), waits, holds };
}

async function main(spec: ContenderSpec): Promise<ContenderReport> {
  const clock = new SimulatedClock(CONTENDER_MARKET_TIME);
  const market = createSimMarket({ symbols: ['NVDA'], seed: 11 }, clock);
  const broker = createPaperBroker(
    { matchIntervalMs: 0 },
    { dataDir: spec.dataDir, marketData: market, clock },
  );
  await broker.connect();
  const raw = openJournal({ dataDir: spec.dataDir });
  const timed = timedLeases(raw);
  const deps = {
    broker,
    marketData: market,
    journal: timed.journal,
    clock,
    config: { mode: 'paper' as const, risk: spec.risk },
    env: {},
  };
  const base: OrderIntent = { ...(await putSpreadAtMid(market)), timeInForce: 'ioc' };
  const order = (i: number): OrderIntent => ({
    ...base,
    clientOrderId: clientOrderId(`${spec.prefix}-${i}`),
  });
  // Warm every path a measured decision takes (the lease, the journal writes, the send), not only
  // the judging: the first real decisions of a process are several times slower.
  for (let i = 0; i < 20; i++) {
    const r = await placeOrderWithGuard(order(-1 - i), deps);
    if (!r.accepted) throw new Error(`the contender's order is refused: ${r.codes.join(', ')}`);
  }
  timed.waits.length = 0;
  timed.holds.length = 0;
  process.stdout.write('ready\n');
  while (!existsSync(spec.go)) await new Promise((r) => setTimeout(r, 1));

  let accepted = 0;
  const refused: Record<string, number> = {};
  const startedAt = Date.now();
  for (let i = 0; i < spec.decisions; i++) {
    const r = await placeOrderWithGuard(order(i), deps);
    if (r.accepted) accepted++;
    else for (const c of r.codes) refused[c] = (refused[c] ?? 0) + 1;
  }
  const endedAt = Date.now();
  await broker.disconnect();
  raw.close();
  await market.close();
  return { waits: timed.waits, holds: timed.holds, accepted, refused, startedAt, endedAt };
}

// Run only as the contender process, not when the bench imports the types above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await main(JSON.parse(process.argv[2] ?? '') as ContenderSpec);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
