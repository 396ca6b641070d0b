/**
 * `npm run test:dates [-- <ISO instant> …]`: run the date-sensitive tests — every test that starts
 * the simulated market through the pinned test start (`test/support/sim-start.ts`) — with the
 * simulated market pinned at several dates and times, so a calendar can never turn the suite red.
 * Each date runs in its own vitest process with `SWARMDESK_TEST_SIM_START` set.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A weekday open, after hours, a weekend, a market holiday, an early-close day, an expiry Friday. */
export const DATES: readonly { readonly at: string; readonly what: string }[] = [
  { at: '2026-03-10T15:00:00Z', what: 'weekday, 11:00 New York (the default)' },
  { at: '2026-03-10T23:30:00Z', what: 'weekday after hours, 19:30 New York' },
  { at: '2026-03-14T16:00:00Z', what: 'Saturday' },
  { at: '2026-11-26T16:00:00Z', what: 'Thanksgiving (market holiday)' },
  { at: '2026-11-27T18:30:00Z', what: 'day after Thanksgiving, after the 13:00 early close' },
  { at: '2026-03-20T19:45:00Z', what: 'quarterly expiry Friday, 15:45 New York' },
];

const ROOT = join(import.meta.dirname, '..');
/** Markers of a test that runs on the pinned simulated market. */
const MARKERS = ['sim-start.js', 'cli-process.js', 'seed-book.js'];

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith('.test.ts') && MARKERS.some((m) => readFileSync(path, 'utf8').includes(m)))
      out.push(relative(ROOT, path));
  }
  return out;
}

const chosen = process.argv.slice(2);
const dates = chosen.length > 0 ? chosen.map((at) => ({ at, what: 'given' })) : DATES;
const files = [...testFiles(join(ROOT, 'src')), ...testFiles(join(ROOT, 'test'))].sort();
if (files.length === 0) {
  process.stderr.write('test:dates: found no date-sensitive test files\n');
  process.exit(1);
}
process.stdout.write(`test:dates: ${files.length} file(s) at ${dates.length} date(s)\n`);
const failed: string[] = [];
for (const { at, what } of dates) {
  process.stdout.write(`\n== ${at} (${what})\n`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=dot', ...files], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SWARMDESK_TEST_SIM_START: at },
  });
  if (r.status !== 0) failed.push(at);
}
process.stdout.write(
  failed.length === 0
    ? `\ntest:dates: passed at every date\n`
    : `\ntest:dates: FAILED at ${failed.join(', ')}\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
