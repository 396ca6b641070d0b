/**
 * A child process of the gate race test (`gate-race.process.test.ts`), run as
 * `node --import <tsx> gate-race-child.ts`. For each `RaceSpec` line on stdin it
 * prepares everything — the simulated market on the book's pinned start and clock anchor, the paper
 * broker connected, the journal, the gate via `createOrderGate`, a dry run of its intent to warm the
 * code — prints `ready`, waits for the `go` file (polled every 1 ms), calls the gate once and prints
 * the outcome. It stays up for the next trial so a trial costs no process start-up.
 *
 * Its unserialised mode (a spec's `unserialised`, so the same processes serve both without another
 * start-up) hands the gate a journal whose lease is always granted (`leaseless-journal.ts`): the race
 * the lease exists to stop, for showing the test can fail.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createPaperBroker } from '../../broker/paper/index.js';
import { clientOrderId, RealClock } from '../../domain/index.js';
import { openJournal } from '../../journal/index.js';
import { createSimMarket } from '../../market/sim/index.js';
import { simStart } from '../../runtime/factory.js';
import { testSimStart } from '../../../test/support/sim-start.js';
import { createOrderGate } from '../create-gate.js';
import { OUTCOME_PREFIX, READY, UP, type RaceOutcome, type RaceSpec } from './gate-race-protocol.js';
import { leaselessJournal } from './leaseless-journal.js';

async function barrier(file: string): Promise<void> {
  while (!existsSync(file)) await new Promise((r) => setTimeout(r, 1));
}

async function trial(spec: RaceSpec): Promise<RaceOutcome> {
  const clock = new RealClock();
  const market = createSimMarket(simStart(spec.dataDir, clock, testSimStart()), clock);
  const broker = createPaperBroker(
    { matchIntervalMs: 0 },
    { dataDir: spec.dataDir, marketData: market, clock },
  );
  await broker.connect();
  const journal = openJournal({ dataDir: spec.dataDir });
  try {
    const gate = createOrderGate({
      broker,
      marketData: market,
      journal: spec.unserialised ? leaselessJournal(journal) : journal,
      clock,
      config: { mode: 'paper', risk: spec.risk, broker: { type: 'paper' } },
      env: {},
      lock: { purpose: `gate race child ${process.pid}` },
    });
    const warm = { ...spec.intent, clientOrderId: clientOrderId(`${spec.intent.clientOrderId}-warm`) };
    await gate.placeOrderWithGuard(warm, { dryRun: true });
    process.stdout.write(`${READY}\n`);
    await barrier(spec.go);
    const firedAt = Date.now();
    const r = await gate.placeOrderWithGuard(spec.intent);
    return {
      pid: process.pid,
      clientOrderId: spec.intent.clientOrderId,
      accepted: r.accepted,
      codes: r.accepted ? [] : r.codes,
      status: r.accepted ? (r.order?.status ?? null) : null,
      firedAt,
      answeredAt: Date.now(),
    };
  } finally {
    await broker.disconnect();
    journal.close();
    await market.close();
  }
}

process.stdout.write(`${UP}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const outcome = await trial(JSON.parse(line) as RaceSpec);
  process.stdout.write(`${OUTCOME_PREFIX}${JSON.stringify(outcome)}\n`);
}
