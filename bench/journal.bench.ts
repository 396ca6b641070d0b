/**
 * `npm run bench -- journal`: durable writes per second into trades.db (WAL, synchronous=FULL).
 * Single-record transactions pay one fsync each; batches share one. The peer is a plain
 * better-sqlite3 INSERT with the same pragmas and no validation, measured in the same run, so the
 * ratio shows what validation and our schema cost.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../src/journal/index.js';
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

function record(i: number) {
  return {
    time: 1_700_000_000_000 + i,
    underlying: 'NVDA',
    contract: `NVDA 2026-12-18 ${100 + (i % 50)} C`,
    legs: [{ contract: `NVDA 2026-12-18 ${100 + (i % 50)} C`, side: 'buy' as const, ratio: 1 }],
    side: 'buy' as const,
    quantity: 1,
    price: 1.25,
    commission: 0.65,
    clientOrderId: `o-${i}`,
    instanceId: 'tech_aggressive',
    cycleId: 'c-1',
  };
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export default function run(opts: BenchOptions): Promise<void> {
  const singles = 2_000;
  const batches = 50;
  const batchSize = 1_000;
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-bench-journal-'));
  const journal = openJournal({ dataDir: join(dir, 'ours') });
  const oursSingle =
    singles /
    time(() => {
      for (let i = 0; i < singles; i++) journal.logTrade(record(i));
    });
  const oursBatch =
    (batches * batchSize) /
    time(() => {
      for (let b = 0; b < batches; b++)
        journal.logTrades(Array.from({ length: batchSize }, (_, k) => record(b * batchSize + k)));
    });
  const integrity = journal.integrityCheck();
  journal.close();

  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(
    'CREATE TABLE t (time INTEGER, underlying TEXT, contract TEXT, legs TEXT, side TEXT, quantity REAL, price REAL, commission REAL, client_order_id TEXT, instance_id TEXT, cycle_id TEXT)',
  );
  const ins = raw.prepare('INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?)');
  const put = (i: number): void => {
    const r = record(i);
    ins.run(
      r.time,
      r.underlying,
      r.contract,
      JSON.stringify(r.legs),
      r.side,
      r.quantity,
      r.price,
      r.commission,
      r.clientOrderId,
      r.instanceId,
      r.cycleId,
    );
  };
  const rawSingle =
    singles /
    time(() => {
      for (let i = 0; i < singles; i++) put(i);
    });
  const rawBatch =
    (batches * batchSize) /
    time(() => {
      for (let b = 0; b < batches; b++)
        raw.transaction(() => {
          for (let k = 0; k < batchSize; k++) put(b * batchSize + k);
        })();
    });
  raw.close();
  rmSync(dir, { recursive: true, force: true });

  const rows = [
    {
      mode: 'single-record durable tx',
      records: singles,
      'swarmdesk rec/s': Math.round(oursSingle),
      'raw better-sqlite3 rec/s': Math.round(rawSingle),
      ratio: oursSingle / rawSingle,
    },
    {
      mode: `batched (${batchSize}/tx)`,
      records: batches * batchSize,
      'swarmdesk rec/s': Math.round(oursBatch),
      'raw better-sqlite3 rec/s': Math.round(rawBatch),
      ratio: oursBatch / rawBatch,
    },
  ];
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ benchmark: 'journal', integrity, rows }, null, 2)}\n`);
    return Promise.resolve();
  }
  process.stdout.write(`journal writes (WAL, synchronous=FULL), integrity_check: ${integrity}\n`);
  printTable(rows);
  return Promise.resolve();
}
