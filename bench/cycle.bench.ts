/**
 * `npm run bench -- cycle`: one full cycle on the simulated market — six underlyings, the rules
 * swarm (10 instances), the rules Commander, every intent through the gate — with the time of each
 * step. No LLM latency is involved. The peer, measured in the same run, is the bare market
 * snapshot the swarm needs (six whole chains from the sim): the floor any cycle pays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../src/config/index.js';
import { SimulatedClock } from '../src/domain/index.js';
import {
  createSimMarketWith,
  createSteppedPaperBroker,
  openServices,
  tradingCycle,
  type CyclePhase,
} from '../src/runtime/index.js';
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

export default async function run(opts: BenchOptions): Promise<void> {
  const cycles = Number(opts.args.find((a) => a.startsWith('--cycles='))?.slice(9) ?? 20);
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-bench-cycle-'));
  // A Commander that sees edge everywhere, so every cycle also sends orders through the gate.
  const config = parseConfig({
    dataDir,
    contentDir: resolve(import.meta.dirname, '..'),
    commander: { volRiskPremium: 0.5, minConfidence: 0 },
  });
  const start = Date.parse('2026-11-24T15:00:00Z');
  const clock = new SimulatedClock(start);
  const marketData = createSimMarketWith(config, clock, { startTime: new Date(start).toISOString() });
  const broker = await createSteppedPaperBroker(config, { marketData, clock, dataDir });
  const services = await openServices(config, { clock, env: {}, marketData, broker });
  const steps: Record<CyclePhase | 'total', number[]> = {
    sense: [],
    think: [],
    decide: [],
    act: [],
    record: [],
    total: [],
  };
  const snapshot: number[] = [];
  let orders = 0;
  try {
    for (let i = 0; i < cycles + 2; i++) {
      const marks: [CyclePhase, bigint][] = [];
      const t0 = process.hrtime.bigint();
      const report = await tradingCycle({
        ...services,
        onPhase: (p) => marks.push([p, process.hrtime.bigint()]),
      });
      const end = process.hrtime.bigint();
      const s0 = process.hrtime.bigint();
      await Promise.all(marketData.symbols().map((sym) => marketData.chain(sym)));
      const snap = ms(s0);
      clock.advance(60_000);
      await broker.sync();
      orders += report.orders.length;
      if (i < 2) continue; // warm-up
      snapshot.push(snap);
      steps.total.push(Number(end - t0) / 1e6);
      marks.forEach(([p, t], k) => steps[p].push(Number((marks[k + 1]?.[1] ?? end) - t) / 1e6));
    }
  } finally {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const rows = (Object.keys(steps) as (keyof typeof steps)[]).map((k) => ({
    step: k,
    'median ms': median(steps[k]),
    'max ms': Math.max(...steps[k]),
  }));
  const result = {
    benchmark: 'cycle',
    cycles,
    ordersThroughGate: orders,
    steps: rows,
    peer: { name: 'bare sim snapshot of 6 chains', 'median ms': median(snapshot) },
    ratio: median(steps.total) / median(snapshot),
    targetMs: 100,
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `one full cycle on the sim (6 underlyings, rules swarm, rules Commander), ${cycles} cycles, ${orders} order(s) through the gate\n`,
  );
  printTable(rows);
  process.stdout.write(
    `\npeer: bare sim snapshot of 6 chains, median ${median(snapshot).toFixed(1)} ms; cycle / snapshot = ${result.ratio.toFixed(2)}× (target ≤ 100 ms per cycle)\n`,
  );
}
