/**
 * Child process for the crash test: writes trades, safety events and snapshots in a loop and acks
 * each one on stdout only after the write returned. The parent SIGKILLs it at a random moment.
 */
import { openJournal, saveSnapshot } from '../index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
const journal = openJournal({ dataDir });
const run = process.argv[3] ?? '0';

for (let i = 0; ; i++) {
  const key = `R${run}-${i}`;
  journal.logTrade({
    time: 1_700_000_000_000 + i,
    underlying: 'NVDA',
    contract: key,
    legs: [{ contract: key, side: 'buy', ratio: 1 }],
    side: 'buy',
    quantity: 1 + (i % 7),
    price: 1.25,
    commission: 0.65,
    clientOrderId: `o-${key}`,
  });
  process.stdout.write(`T ${key}\n`);
  if (i % 3 === 0) {
    journal.logSafetyEvent({
      time: 1_700_000_000_000 + i,
      severity: 'info',
      code: 'CYCLE_FAILED',
      message: key,
    });
    process.stdout.write(`E ${key}\n`);
  }
  if (i % 5 === 0) {
    const cycle = `c-${key}`;
    journal.startCycle(cycle, 1_700_000_000_000 + i);
    const s = saveSnapshot(journal, {
      cycleId: cycle,
      time: 1_700_000_000_000 + i,
      data: { key, pad: 'x'.repeat(20_000) },
    });
    process.stdout.write(`S ${s.id}\n`);
  }
}
