/**
 * `npm run bench -- gate [--json] [--cases N]`: the execution gate.
 * 1. Soak: N (default 100,000) random intents against random portfolios, markets and limits; every
 *    accepted order is checked against an independent statement of every configured limit
 *    (`src/risk/test-support/oracle.ts`). Any violation fails the bench (exit code 1).
 * 2. Decisions per second with every check on (fresh context objects each time, so nothing is
 *    memoised across decisions), on the random mix and on an order that passes every check. The
 *    peer, measured in the same run, is the analysis alone (`gateMetrics`: prices, max loss over the
 *    working-order scenarios, Greeks, buying power) — the ratio is what running the checks adds.
 *    Beside the order passing every check: the same order with 5 orders working at the broker (every
 *    fill combination the max-loss and Greek limits judge), as a ratio of the figure with none.
 * 3. The I/O shell end to end (`placeOrderWithGuard`, dry run) on the simulated market and paper broker.
 * 4. The book's gate lease under contention (`gate-contention.ts`): 1 and then 2 real processes
 *    send the same number of orders through `placeOrderWithGuard` (real decisions, each taking the
 *    lease) at one book; the median and p95 wait for the lease per decision, and the throughput of
 *    two contenders against one. `--lease-decisions N` (default 400) orders in each run.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPaperBroker } from '../src/broker/paper/index.js';
import { SimulatedClock, type Order } from '../src/domain/index.js';
import { openJournal } from '../src/journal/index.js';
import { createSimMarket } from '../src/market/sim/index.js';
import {
  GATE_CHECKS,
  evaluateGate,
  gateMetrics,
  placeOrderWithGuard,
  type GateContext,
} from '../src/risk/index.js';
import { gateCase } from '../src/risk/test-support/arbitraries.js';
import {
  EXP2,
  context,
  intent,
  optLeg,
  putCreditSpread,
  workingOrder,
} from '../src/risk/test-support/fixtures.js';
import { putSpreadAtMid } from '../src/risk/test-support/gate-setup.js';
import { limitViolations } from '../src/risk/test-support/oracle.js';
import { contention, quantile } from './gate-contention.js';
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

const SEED = 20_260_310;

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function soak(cases: number): { accepted: number; violations: string[]; seconds: number } {
  let accepted = 0;
  const violations: string[] = [];
  const s = seconds(() => {
    fc.assert(
      fc.property(gateCase, ({ intent, ctx }) => {
        const e = evaluateGate(intent, ctx);
        if (!e.accepted) return;
        accepted++;
        const v = limitViolations(intent, ctx);
        if (v.length > 0 && violations.length < 10)
          violations.push(`${intent.clientOrderId}: ${v.join(', ')}`);
      }),
      { numRuns: cases, seed: SEED },
    );
  });
  return { accepted, violations, seconds: s };
}

type Pair = { intent: Parameters<typeof evaluateGate>[0]; ctx: GateContext };

/** Decisions per second, best of three; a first pass warms the JIT and is not counted. */
function rate(pairs: readonly Pair[], decisions: number, decide: (p: Pair) => unknown): number {
  let sink = 0;
  const once = (n: number) =>
    seconds(() => {
      for (let i = 0; i < n; i++) {
        const { intent, ctx } = pairs[i % pairs.length]!;
        // Fresh objects: the analysis is memoised per (context, intent), never across decisions.
        if (decide({ intent: { ...intent }, ctx: { ...ctx } })) sink++;
      }
    });
  once(Math.min(decisions, 5_000));
  // Best of three: the machine is shared, and the best run is the one least disturbed.
  const s = Math.min(once(decisions), once(decisions), once(decisions));
  if (sink < 0) throw new Error('unreachable');
  return decisions / s;
}

/** Five orders working at the broker, none on the bench order's contracts (so every check still passes). */
function fiveWorking(): Order[] {
  return [
    intent([optLeg('sell', 85, 'put'), optLeg('buy', 80, 'put')]),
    intent([optLeg('sell', 105, 'call'), optLeg('buy', 110, 'call')]),
    intent([optLeg('sell', 110, 'call'), optLeg('buy', 115, 'call')]),
    intent([optLeg('sell', 95, 'put', EXP2), optLeg('buy', 90, 'put', EXP2)]),
    intent([optLeg('buy', 100, 'call', EXP2)]),
  ].map((i) => workingOrder(i));
}

const full = (p: Pair) => evaluateGate(p.intent, p.ctx).accepted;
const metricsOnly = (p: Pair) => gateMetrics(p.intent, p.ctx).maxLossBounded;

async function shellRate(orders: number): Promise<number> {
  const clock = new SimulatedClock(Date.parse('2026-03-10T15:00:00Z'));
  const market = createSimMarket({ symbols: ['NVDA'], seed: 11 }, clock);
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-bench-gate-'));
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await broker.connect();
  const journal = openJournal({ dataDir });
  const deps = {
    broker,
    marketData: market,
    journal,
    clock,
    config: { mode: 'paper' as const, risk: context().limits },
    env: {},
  };
  const intent = await putSpreadAtMid(market);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < orders; i++) {
    const r = await placeOrderWithGuard(intent, deps, { dryRun: true });
    if (!r.accepted) throw new Error(`bench order refused: ${r.codes.join(', ')}`);
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  await broker.disconnect();
  journal.close();
  rmSync(dataDir, { recursive: true, force: true });
  return orders / s;
}

function positiveArg(opts: BenchOptions, name: string, fallback: number): number {
  const i = opts.args.indexOf(name);
  const v = i >= 0 ? Number(opts.args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`${name}: expected a positive integer, got ${opts.args[i + 1]}`);
  return v;
}

/** The contenders' limits: the defaults, with the orders' own repetition let through (IOC, no throttles). */
const contenderLimits = () => ({
  ...context().limits,
  allowedTimeInForce: ['day', 'ioc'] as const,
  maxOrdersPerMinute: 1e9,
  maxOrdersPerCycle: 1e9,
  maxOpenOrders: 1_000,
  maxWorkingOrdersPerContractSide: 20,
  duplicateWindow: 0,
});

export default async function run(opts: BenchOptions): Promise<void> {
  const cases = positiveArg(opts, '--cases', 100_000);
  const leaseDecisions = positiveArg(opts, '--lease-decisions', 400);

  const s = soak(cases);
  const mix = fc.sample(gateCase, { numRuns: 5_000, seed: SEED + 1 });
  const worst = [{ intent: putCreditSpread(), ctx: context() }];
  if (!evaluateGate(worst[0]!.intent, worst[0]!.ctx).accepted)
    throw new Error('the worst-path order should pass');
  const mixRate = rate(mix, 50_000, full);
  const mixPeer = rate(mix, 50_000, metricsOnly);
  const worstRate = rate(worst, 30_000, full);
  const worstPeer = rate(worst, 30_000, metricsOnly);
  const busy = [{ intent: putCreditSpread(), ctx: context({ openOrders: fiveWorking() }) }];
  const busyCheck = evaluateGate(busy[0]!.intent, busy[0]!.ctx);
  if (!busyCheck.accepted)
    throw new Error(
      `the order with 5 working should pass: ${busyCheck.rejections.map((r) => r.code).join(', ')}`,
    );
  const busyRate = rate(busy, 30_000, full);
  const shell = await shellRate(300);
  const one = await contention(1, leaseDecisions, contenderLimits());
  const two = await contention(2, leaseDecisions, contenderLimits());

  const result = {
    soak: {
      cases,
      accepted: s.accepted,
      rejected: cases - s.accepted,
      violations: s.violations.length,
      seconds: s.seconds,
    },
    decisionsPerSecond: {
      randomMix: mixRate,
      allChecksPass: worstRate,
      allChecksPassFiveWorking: busyRate,
      shellDryRunOnSimAndPaper: shell,
    },
    ratio: {
      fiveWorkingVsNone: busyRate / worstRate,
      twoContendersVsOne: two.decisionsPerSecond / one.decisionsPerSecond,
    },
    lease: Object.fromEntries(
      [one, two].map((c) => [
        `${c.contenders}process`,
        {
          decisions: c.decisions,
          decisionsPerSecond: c.decisionsPerSecond,
          waitMs: { median: quantile(c.waits, 0.5), p95: quantile(c.waits, 0.95), max: quantile(c.waits, 1) },
          heldMs: { median: quantile(c.holds, 0.5), p95: quantile(c.holds, 0.95) },
          accepted: c.accepted,
          refused: c.refused,
        },
      ]),
    ),
    peer: { randomMixAnalysisOnly: mixPeer, allChecksPassAnalysisOnly: worstPeer },
    checks: GATE_CHECKS.length,
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    printTable([
      {
        what: 'soak: random cases',
        value: cases,
        note: `${s.accepted} accepted, ${cases - s.accepted} rejected, ${s.seconds.toFixed(1)} s`,
      },
      { what: 'soak: accepted orders breaking a limit', value: s.violations.length, note: 'must be 0' },
      {
        what: `decisions/s, random mix (${GATE_CHECKS.length} checks)`,
        value: Math.round(mixRate),
        note: `peer, analysis alone: ${Math.round(mixPeer)}/s (×${(mixRate / mixPeer).toFixed(2)})`,
      },
      {
        what: 'decisions/s, order passing every check',
        value: Math.round(worstRate),
        note: `peer, analysis alone: ${Math.round(worstPeer)}/s (×${(worstRate / worstPeer).toFixed(2)})`,
      },
      {
        what: 'decisions/s, same order, 5 working orders',
        value: Math.round(busyRate),
        note: `×${(busyRate / worstRate).toFixed(2)} of the figure with none working (${Math.round(worstRate)}/s)`,
      },
      {
        what: 'placeOrderWithGuard dry runs/s (sim + paper)',
        value: Math.round(shell),
        note: 'fetch + journal reads + checks',
      },
      ...leaseRows(one, two),
    ]);
    for (const v of s.violations) process.stdout.write(`VIOLATION ${v}\n`);
  }
  if (s.violations.length > 0) process.exitCode = 1;
}

const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

function leaseRows(
  one: Awaited<ReturnType<typeof contention>>,
  two: Awaited<ReturnType<typeof contention>>,
): Record<string, string | number>[] {
  const refusals = (c: typeof one) =>
    Object.entries(c.refused)
      .map(([code, n]) => `${n} ${code}`)
      .join(', ') || 'none refused';
  return [
    {
      what: 'orders/s through the gate lease, 1 process',
      value: Math.round(one.decisionsPerSecond),
      note: `${one.decisions} sent (IOC), lease held ${ms(quantile(one.holds, 0.5))} median; ${refusals(one)}`,
    },
    {
      what: 'orders/s, 2 processes on one book',
      value: Math.round(two.decisionsPerSecond),
      note: `×${(two.decisionsPerSecond / one.decisionsPerSecond).toFixed(2)} of 1 process; ${refusals(two)}`,
    },
    {
      what: 'lease wait per decision, 2 processes: median',
      value: ms(quantile(two.waits, 0.5)),
      note: `p95 ${ms(quantile(two.waits, 0.95))}, max ${ms(quantile(two.waits, 1))}; 1 process: median ${ms(quantile(one.waits, 0.5))}, p95 ${ms(quantile(one.waits, 0.95))}`,
    },
  ];
}
