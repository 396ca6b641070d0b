import { join } from 'node:path';
import type { SwarmdeskConfig } from '../config/index.js';
import { contractKey, RealClock, SimulatedClock, type Fill } from '../domain/index.js';
import { createMarketData, createSimMarketWith, createSteppedPaperBroker } from './factory.js';
import { openServices } from './services.js';
import { tradingCycle, type CycleReport } from './trading-cycle.js';
import { describeCycle } from './describe-cycle.js';

export interface DemoOptions {
  readonly config: SwarmdeskConfig;
  readonly cycles: number;
  readonly seed?: number;
  /** Market start (ISO); default: now. */
  readonly start?: string;
  /** Market time between cycles. */
  readonly stepMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly llm?: string;
  readonly now: number;
  /** Each readable line as it happens. */
  readonly print: (line: string) => void;
  /** An explicit data dir; default a fresh `<dataDir>/demo-<time>` so a demo never mixes with a live book. */
  readonly dataDir?: string;
}

export interface DemoSummary {
  readonly dataDir: string;
  readonly cycles: number;
  readonly signals: number;
  readonly ordersAccepted: number;
  readonly ordersRejected: number;
  readonly fills: number;
  readonly positions: readonly { contract: string; quantity: number; averagePrice: number }[];
  readonly pnl: { readonly start: number; readonly end: number; readonly change: number };
  readonly safetyEvents: readonly { code: string; message: string }[];
}

/**
 * A complete paper session on the embedded default, as a lab run: a simulated clock moves the
 * market `stepMs` between cycles, so fills, P&L and the gate all show in seconds. Same seed and
 * start, same session.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const startMs = options.start ? Date.parse(options.start) : options.now;
  const stamp = new Date(options.now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  const dataDir = options.dataDir ?? join(options.config.dataDir, `demo-${stamp}`);
  const config: SwarmdeskConfig = { ...options.config, dataDir };
  // On the simulated market the demo runs its own clock and moves the market between cycles; on a
  // real source (Theta Terminal) time is real and the market moves by itself.
  const simulated = config.marketData.source === 'sim';
  const clock = simulated ? new SimulatedClock(startMs) : new RealClock();
  const marketData = simulated
    ? createSimMarketWith(config, clock, { startTime: new Date(startMs).toISOString(), seed: options.seed })
    : createMarketData(config, clock);
  const paper = await createSteppedPaperBroker(config, { marketData, clock, dataDir });
  const seed = options.seed ?? (config.marketData.source === 'sim' ? config.marketData.seed : undefined);
  const services = await openServices(config, {
    clock,
    env: options.env,
    llm: options.llm,
    marketData,
    broker: paper,
  });
  const fills: Fill[] = [];
  const offFills = services.broker.on('fill', (f) => fills.push(f));
  const say = options.print;
  const reports: CycleReport[] = [];
  try {
    const startEquity = (await services.broker.accountSummary()).netLiquidation;
    say(
      `swarmdesk demo: ${options.cycles} cycle(s) on ${simulated ? `the simulated market (seed ${String(seed)})` : `${marketData.source} market data`}, paper broker, ${services.commander.kind} Commander`,
    );
    say(`data: ${dataDir}`);
    for (let i = 1; i <= options.cycles; i++) {
      const before = fills.length;
      const report = await tradingCycle({ ...services, deadlineMs: config.schedule.cycleDeadline });
      reports.push(report);
      describeCycle(i, report, say);
      // Let the market move: resting orders fill (or not) against real quotes.
      if (clock instanceof SimulatedClock) {
        for (let t = 0; t < options.stepMs; t += 60_000) {
          clock.advance(Math.min(60_000, options.stepMs - t));
          await paper.sync();
        }
      } else {
        await paper.sync();
      }
      for (const f of fills.slice(before))
        say(
          `    fill: ${f.side} ${f.quantity} ${contractKey(f.contract)} @ ${f.price.toFixed(2)} (commission ${f.commission.toFixed(2)})`,
        );
    }
    const account = await services.broker.accountSummary();
    const positions = (await services.broker.positions()).filter((p) => p.quantity !== 0);
    const events = services.journal.querySafetyEvents({ limit: 1000 });
    const summary: DemoSummary = {
      dataDir,
      cycles: reports.length,
      signals: reports.reduce((n, r) => n + (r.swarm?.signals.length ?? 0), 0),
      ordersAccepted: reports.reduce((n, r) => n + r.orders.filter((o) => o.outcome.accepted).length, 0),
      ordersRejected: reports.reduce((n, r) => n + r.orders.filter((o) => !o.outcome.accepted).length, 0),
      fills: fills.length,
      positions: positions.map((p) => ({
        contract: contractKey(p.contract),
        quantity: p.quantity,
        averagePrice: p.averagePrice,
      })),
      pnl: { start: startEquity, end: account.netLiquidation, change: account.netLiquidation - startEquity },
      safetyEvents: events.map((e) => ({ code: e.code, message: e.message })),
    };
    say('');
    say(
      `summary: ${summary.cycles} cycles, ${summary.signals} consensus signal(s), ${summary.ordersAccepted} order(s) accepted, ${summary.ordersRejected} rejected, ${summary.fills} fill(s)`,
    );
    for (const p of summary.positions)
      say(
        `  position ${p.quantity > 0 ? '+' : ''}${p.quantity} ${p.contract} @ ${p.averagePrice.toFixed(2)}`,
      );
    say(
      `  P&L ${summary.pnl.change >= 0 ? '+' : ''}${summary.pnl.change.toFixed(2)} (net liquidation ${summary.pnl.start.toFixed(2)} → ${summary.pnl.end.toFixed(2)})`,
    );
    say(
      `  safety events: ${summary.safetyEvents.length}${summary.safetyEvents.length ? ` (${[...new Set(summary.safetyEvents.map((e) => e.code))].join(', ')})` : ''}`,
    );
    return summary;
  } finally {
    offFills();
    await services.close();
  }
}
