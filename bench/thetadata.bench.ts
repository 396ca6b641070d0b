/**
 * `npm run bench -- thetadata [--json] [--runs N] [--symbol NVDA]`: one whole option chain (about
 * 2,000 contracts) fetched from a Theta Terminal, parsed and normalised with IV and Greeks from our
 * quant, in ms. The terminal is the fake one serving the simulated market on 127.0.0.1 with its
 * answers already rendered (the market's clock stands still), so the figure is the client's: HTTP on
 * loopback, decoding, matching four endpoints per contract, and IV/Greeks per row.
 *
 * Peers measured in the same run: the simulated market's own in-process chain (the floor: the same
 * rows and the same IV/Greeks with no wire at all), and the raw HTTP exchange alone (the same six
 * requests, bodies read, nothing parsed), so the difference is what decoding and normalising cost.
 */
import { SimulatedClock } from '../src/domain/index.js';
import { createSimMarket } from '../src/market/sim/index.js';
import { createThetaDataMarket } from '../src/market/thetadata/index.js';
import { FakeThetaTerminal } from '../test/fakes/theta-terminal/index.js';
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return out;
}

function arg(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export default async function bench(options: BenchOptions): Promise<void> {
  const runs = Math.max(1, Number(arg(options.args, '--runs')) || 9);
  const symbol = arg(options.args, '--symbol') ?? 'NVDA';
  const start = '2026-03-10T11:00:00-04:00';
  const clock = new SimulatedClock(Date.parse(start));
  const sim = createSimMarket({ seed: 42, calendar: 'real', startTime: start }, clock);
  const fake = await FakeThetaTerminal.start({ market: sim, tier: 'pro' });
  const adapters = (['csv', 'json', 'ndjson'] as const).map((format) => ({
    format,
    market: createThetaDataMarket(
      {
        source: 'thetadata',
        url: fake.url,
        apiVersion: 'v3',
        tier: 'pro',
        timeout: 30_000,
        symbols: [symbol],
        staleAfter: 60_000,
        maxRetries: 0,
      },
      { clock },
      { format },
    ),
  }));

  // Warm up: the JIT, the sim's path, the fake's rendered answers, the adapters' expirations and rate.
  const simChain = await sim.chain(symbol);
  for (const a of adapters) for (let i = 0; i < 2; i++) await a.market.chain(symbol);
  const contracts = simChain.rows.length;

  const rawPaths = [
    `/v3/option/snapshot/quote?symbol=${symbol}&expiration=*`,
    `/v3/option/snapshot/ohlc?symbol=${symbol}&expiration=*`,
    `/v3/option/snapshot/open_interest?symbol=${symbol}&expiration=*`,
    `/v3/option/snapshot/greeks/first_order?symbol=${symbol}&expiration=*`,
    `/v3/stock/snapshot/quote?symbol=${symbol}`,
    `/v3/stock/snapshot/ohlc?symbol=${symbol}`,
  ];
  const rawFormats = new Map<string, number[]>();
  for (const format of ['csv', 'json', 'ndjson']) {
    const fetchAll = () =>
      Promise.all(rawPaths.map((p) => fetch(`${fake.url}${p}&format=${format}`).then((r) => r.text())));
    await fetchAll();
    rawFormats.set(format, await timed(runs, fetchAll));
  }
  const bytes = (
    await Promise.all(rawPaths.map((p) => fetch(`${fake.url}${p}`).then((r) => r.text())))
  ).reduce((n, b) => n + b.length, 0);

  const simTimes = await timed(runs, () => sim.chain(symbol));
  const rows: Record<string, string | number>[] = [
    {
      what: `sim.chain (in process, the floor)`,
      contracts,
      'median ms': median(simTimes),
      'min ms': Math.min(...simTimes),
    },
  ];
  const results: Record<string, unknown> = {
    symbol,
    contracts,
    runs,
    csvBytes: bytes,
    simMs: median(simTimes),
  };
  for (const a of adapters) {
    const chain = await a.market.chain(symbol);
    if (chain.rows.length !== contracts)
      throw new Error(`${a.format}: ${chain.rows.length} rows, the sim has ${contracts}`);
    const times = await timed(runs, () => a.market.chain(symbol));
    const raw = rawFormats.get(a.format)!;
    rows.push({
      what: `thetadata chain, ${a.format} (fetch + parse + IV/Greeks)`,
      contracts,
      'median ms': median(times),
      'min ms': Math.min(...times),
    });
    rows.push({
      what: `  raw HTTP only, ${a.format} (6 requests)`,
      contracts,
      'median ms': median(raw),
      'min ms': Math.min(...raw),
    });
    results[a.format] = {
      chainMs: median(times),
      rawHttpMs: median(raw),
      vsSim: median(times) / median(simTimes),
    };
  }
  for (const a of adapters) await a.market.close();
  await fake.close();
  await sim.close();

  if (options.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `thetadata: one whole ${symbol} chain (${contracts} contracts, ${Math.round(bytes / 1024)} KiB of CSV), ${runs} runs\n`,
  );
  printTable(rows);
  const csv = results.csv as { chainMs: number; rawHttpMs: number; vsSim: number };
  process.stdout.write(
    `\nCSV: ${csv.chainMs.toFixed(1)} ms per chain, ${(csv.chainMs - csv.rawHttpMs).toFixed(1)} ms of it decoding and normalising; ${csv.vsSim.toFixed(2)}× the in-process sim.\n`,
  );
}
