/**
 * `npm run bench -- quant [--json] [--size N] [--subset N] [--runs N] [--skip-slow]`
 *
 * The quant core against the npm packages people install, in one process, side by side, on a fixed seeded
 * grid (SplitMix64, seed 20240215): spot 100, ln(K/S) ~ U[−1, 1], T ~ U[1/365, 3], σ ~ U[0.05, 1.5],
 * calls and puts 50/50, r = q = 0. Single-threaded throughput (best of `--runs`, default 5; the slow peers
 * run once), each with its error:
 * - implied volatility: every implementation inverts the same prices (ours, accurate to a few ulps); error
 *   is |σ̂ − σ| on the well-posed options (normal price, attainable vol accuracy (1 + p/(σ·vega))·ε·σ below
 *   1e−10) and on the practical ones (well-posed, time value ≥ 1e−5·S);
 * - prices and Greeks: relative error against 60-digit mpmath values for the first 1,000 grid options
 *   (`src/quant/test-support/bench-reference.json`), where the price is ≥ 1e−8·S.
 * Peers: `@uqee/black-scholes` 1.0.7 in double-precision mode (full grid), `implied-volatility` 1.0.0,
 * `black-scholes` 1.1.0 and `greeks` 1.0.0 on the first `--subset` options (they are slow).
 */
import { BlackScholes } from '@uqee/black-scholes';
import blackScholesPackage from 'black-scholes';
import greeksPackage from 'greeks';
import impliedVolatilityPackage from 'implied-volatility';
import {
  blackScholesIv,
  blackScholesPrice,
  calculateGreeks,
  greeksChain,
  impliedVolChain,
  priceChain,
  type ChainContracts,
} from '../src/quant/index.js';
import benchReference from '../src/quant/test-support/bench-reference.json' with { type: 'json' };
import type { BenchOptions } from './run.js';
import { printTable } from './table.js';

const EPS = 2.220446049250313e-16;
const SPOT = 100;
const market = { spot: SPOT, rate: 0, dividendYield: 0 };

interface Grid extends ChainContracts {
  readonly vols: Float64Array;
  readonly size: number;
}

/** SplitMix64 (Steele, Lea, Flood 2014), 53-bit doubles in [0, 1). */
function splitMix64(seed: bigint): () => number {
  const mask = (1n << 64n) - 1n;
  let state = seed;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z ^= z >> 31n;
    return Number(z >> 11n) / 2 ** 53;
  };
}

function makeGrid(size: number): Grid {
  const next = splitMix64(20240215n);
  const strikes = new Float64Array(size);
  const timeYears = new Float64Array(size);
  const vols = new Float64Array(size);
  const isCall = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    strikes[i] = SPOT * Math.exp(-1 + 2 * next());
    timeYears[i] = 1 / 365 + (3 - 1 / 365) * next();
    vols[i] = 0.05 + 1.45 * next();
    isCall[i] = next() < 0.5 ? 1 : 0;
  }
  return { strikes, timeYears, vols, isCall, size };
}

/**
 * Runs `body` `runs` times; returns the best (shortest) wall time in seconds. On a shared machine other
 * processes only ever slow a run down, so the minimum is the stable estimate of the code's own speed.
 */
function time(runs: number, body: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    body();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const right = (grid: Grid, i: number): 'call' | 'put' => (grid.isCall[i] === 1 ? 'call' : 'put');

interface IvQuality {
  wellPosed: Uint8Array;
  practical: Uint8Array;
  attainable: Float64Array;
}

/** Which options can be inverted to 1e−10 from a double price (see the module comment). */
function classify(grid: Grid, prices: Float64Array): IvQuality {
  const g = greeksChain(market, grid, grid.vols);
  const wellPosed = new Uint8Array(grid.size);
  const practical = new Uint8Array(grid.size);
  const attainable = new Float64Array(grid.size);
  for (let i = 0; i < grid.size; i++) {
    const p = prices[i]!;
    const sigma = grid.vols[i]!;
    const vega = g.vega[i]!;
    attainable[i] = (1 + p / (sigma * vega)) * EPS * sigma;
    const k = grid.strikes[i]!;
    const intrinsic = Math.max(0, grid.isCall[i] === 1 ? SPOT - k : k - SPOT);
    if (p >= 2.2250738585072014e-308 && vega > 0 && attainable[i]! < 1e-10) {
      wellPosed[i] = 1;
      if (p - intrinsic >= 1e-5 * SPOT) practical[i] = 1;
    }
  }
  return { wellPosed, practical, attainable };
}

interface IvResult {
  name: string;
  count: number;
  seconds: number;
  maxErrWellPosed: number;
  maxErrPractical: number;
  failures: number;
  wrongWellPosed: number;
  wrongPractical: number;
  worstOverAttainable: number;
}

function scoreIv(
  name: string,
  count: number,
  seconds: number,
  vols: Float64Array,
  grid: Grid,
  q: IvQuality,
): IvResult {
  const r: IvResult = {
    name,
    count,
    seconds,
    maxErrWellPosed: 0,
    maxErrPractical: 0,
    failures: 0,
    wrongWellPosed: 0,
    wrongPractical: 0,
    worstOverAttainable: 0,
  };
  for (let i = 0; i < count; i++) {
    if (q.wellPosed[i] !== 1) continue;
    const v = vols[i]!;
    if (!(v > 0 && v < Infinity)) {
      r.failures++;
      continue;
    }
    const err = Math.abs(v - grid.vols[i]!);
    r.maxErrWellPosed = Math.max(r.maxErrWellPosed, err);
    r.worstOverAttainable = Math.max(r.worstOverAttainable, err / q.attainable[i]!);
    if (err > 1e-6) r.wrongWellPosed++;
    if (q.practical[i] === 1) {
      r.maxErrPractical = Math.max(r.maxErrPractical, err);
      if (err > 1e-6) r.wrongPractical++;
    }
  }
  return r;
}

/** A price-and-Greeks function under test: fills price, delta, gamma, vega (per 1.00), theta (−∂V/∂T per year). */
type GreeksFn = (k: number, t: number, v: number, call: boolean, out: Float64Array) => void;

interface ReferenceRow {
  strike: number;
  timeYears: number;
  volatility: number;
  call: boolean;
  values: number[];
}

const referenceRows: ReferenceRow[] = benchReference.rows.map((row) => ({
  strike: row[0]!,
  timeYears: row[1]!,
  volatility: row[2]!,
  call: row[3] === 1,
  values: row.slice(4, 10),
}));

const GREEK_NAMES = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;

/** Max relative error of each quantity over the reference rows with price ≥ 1e−8·S (NaN where not computed). */
function scoreAgainstReference(fn: GreeksFn, quantities: number): number[] {
  const worst = new Array<number>(6).fill(0);
  const out = new Float64Array(6).fill(NaN);
  for (const row of referenceRows) {
    if (row.values[0]! < 1e-8 * SPOT) continue;
    out.fill(NaN);
    fn(row.strike, row.timeYears, row.volatility, row.call, out);
    for (let j = 0; j < quantities; j++) {
      const want = row.values[j]!;
      if (Math.abs(want) < 1e-300) continue;
      const err = Math.abs(out[j]! - want) / Math.abs(want);
      worst[j] = Number.isNaN(err) ? Infinity : Math.max(worst[j]!, err);
    }
  }
  return worst.map((w, j) => (j < quantities ? w : NaN));
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toExponential(1) : String(x));
const rate = (n: number, s: number): number => Math.round(n / s);

export default async function quantBench(opts: BenchOptions): Promise<void> {
  const arg = (name: string, fallback: number): number => {
    const i = opts.args.indexOf(name);
    return i >= 0 && opts.args[i + 1] !== undefined ? Number(opts.args[i + 1]) : fallback;
  };
  const size = arg('--size', 1_000_000);
  const subset = Math.min(size, arg('--subset', 20_000));
  const runs = arg('--runs', 5);
  const skipSlow = opts.args.includes('--skip-slow');
  const log = (m: string): void => {
    if (!opts.json) process.stderr.write(`${m}\n`);
  };

  log(`quant bench: grid of ${size.toLocaleString('en-US')} options, best of ${runs} run(s) each`);
  const grid = makeGrid(size);
  const prices = priceChain(market, grid, grid.vols);
  const quality = classify(grid, prices);
  const uqee = new BlackScholes({ sigmaToPricePrecision: 'double', priceToSigmaAccuracy: 1e-12 });

  // ---------------------------------------------------------------- implied volatility
  const ivResults: IvResult[] = [];
  {
    const out = new Float64Array(size);
    const seconds = time(runs, () => {
      for (let i = 0; i < size; i++) {
        try {
          out[i] = blackScholesIv({
            spot: SPOT,
            strike: grid.strikes[i]!,
            timeYears: grid.timeYears[i]!,
            rate: 0,
            dividendYield: 0,
            price: prices[i]!,
            right: right(grid, i),
          });
        } catch {
          out[i] = NaN; // a price at its intrinsic value (time value below an ulp) or underflowed to 0
        }
      }
    });
    ivResults.push(scoreIv('swarmdesk blackScholesIv (scalar)', size, seconds, out, grid, quality));
    log(`  ours scalar IV: ${rate(size, seconds).toLocaleString('en-US')}/s`);
  }
  {
    const result = { iv: new Float64Array(size), reasons: new Uint8Array(size) };
    const seconds = time(runs, () => impliedVolChain(market, grid, prices, result));
    ivResults.push(
      scoreIv('swarmdesk impliedVolChain (Float64Array)', size, seconds, result.iv, grid, quality),
    );
    log(`  ours chain IV: ${rate(size, seconds).toLocaleString('en-US')}/s`);
  }
  {
    const out = new Float64Array(size);
    const seconds = time(runs, () => {
      for (let i = 0; i < size; i++) {
        out[i] = uqee.sigma({
          price: prices[i]!,
          rate: 0,
          strike: grid.strikes[i]!,
          time: grid.timeYears[i]!,
          type: right(grid, i),
          underlying: SPOT,
        });
      }
    });
    ivResults.push(scoreIv('@uqee/black-scholes sigma() double, 1e-12', size, seconds, out, grid, quality));
    log(`  @uqee IV: ${rate(size, seconds).toLocaleString('en-US')}/s`);
  }
  if (!skipSlow) {
    const out = new Float64Array(subset);
    const seconds = time(1, () => {
      for (let i = 0; i < subset; i++) {
        out[i] = impliedVolatilityPackage.getImpliedVolatility(
          prices[i]!,
          SPOT,
          grid.strikes[i]!,
          grid.timeYears[i]!,
          0,
          right(grid, i),
        );
      }
    });
    ivResults.push(scoreIv('implied-volatility 1.0.0 (subset, 1 run)', subset, seconds, out, grid, quality));
    log(`  implied-volatility IV: ${rate(subset, seconds).toLocaleString('en-US')}/s`);
  }

  // ---------------------------------------------------------------- prices and Greeks
  const ours: GreeksFn = (k, t, v, call, out) => {
    const g = calculateGreeks({
      spot: SPOT,
      strike: k,
      timeYears: t,
      rate: 0,
      dividendYield: 0,
      volatility: v,
      right: call ? 'call' : 'put',
    });
    out[0] = g.price;
    out[1] = g.delta;
    out[2] = g.gamma;
    out[3] = g.vega;
    out[4] = g.theta;
    out[5] = g.rho;
  };
  const uqeeFn: GreeksFn = (k, t, v, call, out) => {
    const o = uqee.option({
      rate: 0,
      sigma: v,
      strike: k,
      time: t,
      type: call ? 'call' : 'put',
      underlying: SPOT,
    });
    out[0] = o.price;
    out[1] = o.delta;
    out[2] = o.gamma;
    out[3] = o.vega;
    out[4] = -o.theta; // @uqee's theta is ∂V/∂(time to expiry)
    out[5] = o.rho;
  };
  const greeksPkgFn: GreeksFn = (k, t, v, call, out) => {
    const cp = call ? 'call' : 'put';
    out[0] = blackScholesPackage.blackScholes(SPOT, k, t, v, 0, cp);
    out[1] = greeksPackage.getDelta(SPOT, k, t, v, 0, cp);
    out[2] = greeksPackage.getGamma(SPOT, k, t, v, 0);
    out[3] = greeksPackage.getVega(SPOT, k, t, v, 0) * 100; // per vol point → per 1.00
    out[4] = greeksPackage.getTheta(SPOT, k, t, v, 0, cp) * 365; // per day → per year
    out[5] = greeksPackage.getRho(SPOT, k, t, v, 0, cp) * 100; // per rate point → per 1.00
  };
  const ourPriceErrors = scoreAgainstReference(ours, 6);
  const uqeeErrors = scoreAgainstReference(uqeeFn, 6);
  const pkgErrors = scoreAgainstReference(greeksPkgFn, 6);

  interface Throughput {
    name: string;
    count: number;
    seconds: number;
    errors: number[];
  }
  const priceResults: Throughput[] = [];
  const greekResults: Throughput[] = [];
  let sink = 0;
  {
    const seconds = time(runs, () => {
      for (let i = 0; i < size; i++) {
        sink += blackScholesPrice({
          spot: SPOT,
          strike: grid.strikes[i]!,
          timeYears: grid.timeYears[i]!,
          rate: 0,
          dividendYield: 0,
          volatility: grid.vols[i]!,
          right: right(grid, i),
        });
      }
    });
    priceResults.push({
      name: 'swarmdesk blackScholesPrice (scalar)',
      count: size,
      seconds,
      errors: ourPriceErrors,
    });
  }
  {
    const out = new Float64Array(size);
    const seconds = time(runs, () => priceChain(market, grid, grid.vols, out));
    priceResults.push({
      name: 'swarmdesk priceChain (Float64Array)',
      count: size,
      seconds,
      errors: ourPriceErrors,
    });
  }
  {
    const seconds = time(runs, () => {
      for (let i = 0; i < size; i++) {
        sink += uqee.option({
          rate: 0,
          sigma: grid.vols[i]!,
          strike: grid.strikes[i]!,
          time: grid.timeYears[i]!,
          type: right(grid, i),
          underlying: SPOT,
        }).price;
      }
    });
    priceResults.push({
      name: '@uqee/black-scholes option() double',
      count: size,
      seconds,
      errors: uqeeErrors,
    });
  }
  if (!skipSlow) {
    const seconds = time(1, () => {
      for (let i = 0; i < subset; i++) {
        sink += blackScholesPackage.blackScholes(
          SPOT,
          grid.strikes[i]!,
          grid.timeYears[i]!,
          grid.vols[i]!,
          0,
          right(grid, i),
        );
      }
    });
    priceResults.push({
      name: 'black-scholes 1.1.0 (subset, 1 run)',
      count: subset,
      seconds,
      errors: pkgErrors,
    });
  }
  log('  prices done');
  {
    const seconds = time(runs, () => {
      for (let i = 0; i < size; i++) {
        sink += calculateGreeks({
          spot: SPOT,
          strike: grid.strikes[i]!,
          timeYears: grid.timeYears[i]!,
          rate: 0,
          dividendYield: 0,
          volatility: grid.vols[i]!,
          right: right(grid, i),
        }).delta;
      }
    });
    greekResults.push({
      name: 'swarmdesk calculateGreeks (scalar)',
      count: size,
      seconds,
      errors: ourPriceErrors,
    });
  }
  {
    const out = greeksChain(market, grid, grid.vols);
    const seconds = time(runs, () => greeksChain(market, grid, grid.vols, out));
    greekResults.push({
      name: 'swarmdesk greeksChain (Float64Array)',
      count: size,
      seconds,
      errors: ourPriceErrors,
    });
  }
  {
    const seconds = time(runs, () => {
      for (let i = 0; i < size; i++) {
        const o = uqee.option({
          rate: 0,
          sigma: grid.vols[i]!,
          strike: grid.strikes[i]!,
          time: grid.timeYears[i]!,
          type: right(grid, i),
          underlying: SPOT,
        });
        sink += o.delta;
      }
    });
    greekResults.push({
      name: '@uqee/black-scholes option() double',
      count: size,
      seconds,
      errors: uqeeErrors,
    });
  }
  if (!skipSlow) {
    const seconds = time(1, () => {
      for (let i = 0; i < subset; i++) {
        const k = grid.strikes[i]!;
        const t = grid.timeYears[i]!;
        const v = grid.vols[i]!;
        const cp = right(grid, i);
        sink +=
          greeksPackage.getDelta(SPOT, k, t, v, 0, cp) +
          greeksPackage.getGamma(SPOT, k, t, v, 0) +
          greeksPackage.getVega(SPOT, k, t, v, 0) +
          greeksPackage.getTheta(SPOT, k, t, v, 0, cp) +
          greeksPackage.getRho(SPOT, k, t, v, 0, cp);
      }
    });
    greekResults.push({
      name: 'greeks 1.0.0, 5 calls, no price (subset, 1 run)',
      count: subset,
      seconds,
      errors: pkgErrors,
    });
  }
  if (sink === 42) log('');

  // ---------------------------------------------------------------- report
  const ourIv = ivResults[0]!;
  const ourPrice = priceResults[0]!;
  const ourGreeks = greekResults[0]!;
  const ivRows = ivResults.map((r) => ({
    'IV solver': r.name,
    options: r.count,
    'solves/s': rate(r.count, r.seconds),
    'ours(scalar) ÷ this':
      r === ourIv ? '1' : (rate(ourIv.count, ourIv.seconds) / rate(r.count, r.seconds)).toFixed(2),
    'max |Δσ| well-posed': fmt(r.maxErrWellPosed),
    'max |Δσ| practical': fmt(r.maxErrPractical),
    'max |Δσ|/attainable': fmt(r.worstOverAttainable),
    'failures (w-p)': r.failures,
    'wrong >1e-6 (w-p / pr)': `${r.wrongWellPosed} / ${r.wrongPractical}`,
  }));
  const throughputRows = (
    label: string,
    results: Throughput[],
    mine: Throughput,
    cols: number[],
  ): Record<string, string | number>[] =>
    results.map((r) => {
      const row: Record<string, string | number> = {
        [label]: r.name,
        options: r.count,
        'per s': rate(r.count, r.seconds),
        'ours(scalar) ÷ this':
          r === mine ? '1' : (rate(mine.count, mine.seconds) / rate(r.count, r.seconds)).toFixed(2),
      };
      for (const j of cols) row[`max rel err ${GREEK_NAMES[j]}`] = fmt(r.errors[j]!);
      return row;
    });
  const priceRows = throughputRows('prices', priceResults, ourPrice, [0]);
  const greekRows = throughputRows('Greek sets', greekResults, ourGreeks, [0, 1, 2, 3, 4, 5]);
  const wellPosed = quality.wellPosed.reduce((a, b) => a + b, 0);
  const practical = quality.practical.reduce((a, b) => a + b, 0);

  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ grid: { size, subset, runs, wellPosed, practical }, iv: ivRows, prices: priceRows, greeks: greekRows }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    `\nBest of ${runs} runs (slow peers: 1). Grid: ${size.toLocaleString('en-US')} options (${wellPosed.toLocaleString('en-US')} well-posed, ${practical.toLocaleString('en-US')} practical); slow peers on the first ${subset.toLocaleString('en-US')}.\n\n`,
  );
  printTable(ivRows);
  process.stdout.write('\nPrice errors: vs mpmath on the first 1,000 grid options with price ≥ 1e−8·S.\n\n');
  printTable(priceRows);
  process.stdout.write('\n');
  printTable(greekRows);
  process.stdout.write(
    "\nFor scale (docs, not measured here): Jäckel's LBR C++ ≈ 4.0 M IV/s and 13.5 M prices/s on this machine; the best JS port of LBR 2014 ≈ 1.17 M IV/s.\n",
  );
  await Promise.resolve();
}
