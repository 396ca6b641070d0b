/**
 * `npm run bench -- ibkr`: the IB adapter on the fake IB Gateway (real sockets on 127.0.0.1,
 * `@stoqey/ib` as the client, 40 msg/s pacing), against the paper broker on the same simulated
 * market in the same run:
 * - round trip: place a marketable limit → acknowledged → filled (median and p95, ms);
 * - flatten: the watchdog's `panicCloseAllPositions` on a 20-position book (ibkr: over its own
 *   connection, client id 999).
 * Options: `--trips N` (default 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Broker } from '../src/broker/index.js';
import { createIbkrBroker } from '../src/broker/ibkr/index.js';
import { createPaperBroker } from '../src/broker/paper/index.js';
import {
  clientOrderId,
  RealClock,
  SimulatedClock,
  type Leg,
  type OptionContract,
  type OrderIntent,
} from '../src/domain/index.js';
import { openJournal } from '../src/journal/index.js';
import { createSimMarket, type SimMarket } from '../src/market/sim/index.js';
import { panicCloseAllPositions } from '../src/runtime/watchdog/panic-close.js';
import { FakeIbGateway } from '../test/fakes/ib-gateway/index.js';
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

const START = '2026-03-10T15:00:00Z';
let seq = 0;

function intent(legs: Leg[], price: number, quantity = 1): OrderIntent {
  const single = legs[0]!;
  return {
    clientOrderId: clientOrderId(`bench-${++seq}`),
    legs,
    quantity,
    orderType: 'limit',
    limitPrice: price,
    priceEffect: single.side === 'buy' ? 'debit' : 'credit',
    timeInForce: 'day',
    rationale: 'bench',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
}

async function liquidOptions(
  market: SimMarket,
  count: number,
): Promise<{ contract: OptionContract; bid: number; ask: number }[]> {
  const expiries = await market.expirations('NVDA');
  const out: { contract: OptionContract; bid: number; ask: number }[] = [];
  for (const e of expiries.slice(1)) {
    const chain = await market.chain('NVDA', { expiries: [e], moneynessWindow: 0.06 });
    for (const r of chain.rows) {
      if ((r.quote.bid ?? 0) > 0.2 && r.quote.ask !== null && r.quote.askSize > 0)
        out.push({ contract: r.contract, bid: r.quote.bid!, ask: r.quote.ask });
      if (out.length === count) return out;
    }
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Place → acknowledged → filled, one order at a time (buy, then sell back). */
async function roundTrips(
  broker: Broker,
  market: SimMarket,
  trips: number,
): Promise<{ ack: number[]; fill: number[] }> {
  const [o] = await liquidOptions(market, 1);
  const ack: number[] = [];
  const fill: number[] = [];
  for (let i = 0; i < trips; i++) {
    const buy = i % 2 === 0;
    const order = intent(
      [{ contract: o!.contract, side: buy ? 'buy' : 'sell', ratio: 1 }],
      buy ? o!.ask : o!.bid,
    );
    const filled = new Promise<void>((resolve) => {
      const off = broker.on('order', (x) => {
        if (x.clientOrderId === order.clientOrderId && x.status === 'filled') {
          off();
          resolve();
        }
      });
    });
    const t0 = performance.now();
    const placed = await broker.placeOrder(order);
    const t1 = performance.now();
    if (placed.status !== 'filled') await filled;
    const t2 = performance.now();
    ack.push(t1 - t0);
    fill.push(t2 - t0);
  }
  return { ack, fill };
}

/** Builds a 20-position book with `trader`, then times the watchdog's flatten with `watchdog`. */
async function flatten(
  trader: Broker,
  watchdog: Broker,
  market: SimMarket,
  dir: string,
): Promise<{ ms: number; flat: boolean; orders: number }> {
  for (const o of await liquidOptions(market, 20)) {
    await trader.placeOrder(intent([{ contract: o.contract, side: 'buy', ratio: 1 }], o.ask));
  }
  const journal = openJournal({ dataDir: dir });
  try {
    const t0 = performance.now();
    const report = await panicCloseAllPositions(
      { broker: watchdog, marketData: market, journal, clock: new RealClock() },
      { attempts: 3, collarStep: 0.1, retryDelayMs: 0, reason: 'bench' },
    );
    return { ms: performance.now() - t0, flat: report.flat, orders: report.ordersSent };
  } finally {
    journal.close();
  }
}

function newMarket(): { market: SimMarket; clock: SimulatedClock } {
  const clock = new SimulatedClock(Date.parse(START));
  return { market: createSimMarket({ symbols: ['NVDA'], seed: 3, startTime: START }, clock), clock };
}

export default async function run(opts: BenchOptions): Promise<void> {
  const i = opts.args.indexOf('--trips');
  const trips = i >= 0 ? Number(opts.args[i + 1]) : 40;
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-bench-ibkr-'));
  try {
    // ibkr on the fake gateway
    const ib = newMarket();
    const gw = await FakeIbGateway.start({ market: ib.market, matchIntervalMs: 50 });
    const deps = { clock: new RealClock(), mode: 'paper' as const, liveSwitch: false };
    const main = createIbkrBroker({ port: gw.port, clientId: 1 }, { ...deps, role: 'main' });
    await main.connect();
    const ibTrips = await roundTrips(main, ib.market, trips);
    const ibWatchdog = createIbkrBroker({ port: gw.port }, { ...deps, role: 'watchdog' });
    await ibWatchdog.connect();
    const ibFlat = await flatten(main, ibWatchdog, ib.market, join(dir, 'ibkr'));
    const decode = [...main.diagnostics().decodeErrors, ...ibWatchdog.diagnostics().decodeErrors];
    await main.disconnect();
    await ibWatchdog.disconnect();
    await gw.close();

    // paper on the same market (watchdog and trader share the book through SQLite)
    const pm = newMarket();
    const paper = createPaperBroker(
      { matchIntervalMs: 0 },
      { dataDir: join(dir, 'paper'), marketData: pm.market, clock: pm.clock },
    );
    await paper.connect();
    const paperTrips = await roundTrips(paper, pm.market, trips);
    const paperWatchdog = createPaperBroker(
      { matchIntervalMs: 0 },
      { dataDir: join(dir, 'paper'), marketData: pm.market, clock: pm.clock },
    );
    await paperWatchdog.connect();
    const paperFlat = await flatten(paper, paperWatchdog, pm.market, join(dir, 'paper-journal'));
    await paper.disconnect();
    await paperWatchdog.disconnect();

    const rows = [
      {
        measure: `place → acknowledged, median of ${trips} (ms)`,
        ibkr: percentile(ibTrips.ack, 50),
        paper: percentile(paperTrips.ack, 50),
        ratio: percentile(ibTrips.ack, 50) / percentile(paperTrips.ack, 50),
      },
      {
        measure: 'place → filled, median (ms)',
        ibkr: percentile(ibTrips.fill, 50),
        paper: percentile(paperTrips.fill, 50),
        ratio: percentile(ibTrips.fill, 50) / percentile(paperTrips.fill, 50),
      },
      {
        measure: 'place → filled, p95 (ms)',
        ibkr: percentile(ibTrips.fill, 95),
        paper: percentile(paperTrips.fill, 95),
        ratio: percentile(ibTrips.fill, 95) / percentile(paperTrips.fill, 95),
      },
      {
        measure: `flatten 20 positions (ms; ${ibFlat.orders}/${paperFlat.orders} orders, flat ${ibFlat.flat}/${paperFlat.flat})`,
        ibkr: ibFlat.ms,
        paper: paperFlat.ms,
        ratio: ibFlat.ms / paperFlat.ms,
      },
    ];
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ benchmark: 'ibkr', trips, decodeErrors: decode.length, rows }, null, 2)}\n`,
      );
      return;
    }
    process.stdout.write(
      `ibkr adapter on the fake IB Gateway vs the paper broker (same sim market), decode errors: ${decode.length}\n`,
    );
    printTable(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
