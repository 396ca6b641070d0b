/**
 * The fake Theta Terminal on its own, serving the simulated market:
 *
 *   npx tsx test/fakes/theta-terminal/main.ts --port 25503 [--api v3|v2] [--tier free|value|standard|pro]
 *     [--json-shape nested|legacy] [--logged-out] [--queue 16] [--seed 42] [--symbols NVDA,AMD]
 *     [--calendar always_open|real]
 *
 * `always_open` (the default) trades the simulation at any hour, stamps its snapshots with the
 * wall-clock time and says the market is open all day, so a client sees a live market at any hour;
 * `real` follows the exchange calendar (snapshots are empty on weekends, as a real terminal's are).
 */
import { RealClock } from '../../../src/domain/index.js';
import { createSimMarket } from '../../../src/market/sim/index.js';
import { FakeThetaTerminal } from './server.js';
import type { Tier } from './params.js';

function fail(message: string): never {
  process.stderr.write(`fake-theta-terminal: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) fail(`unexpected argument ${a}`);
    const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (key === 'logged-out' || key === 'help') out.set(key, 'true');
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) fail(`--${key} needs a value`);
      out.set(key, value);
    }
  }
  return out;
}

function choice<T extends string>(
  args: Map<string, string>,
  key: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = args.get(key);
  if (v === undefined) return fallback;
  if (!values.includes(v as T)) fail(`--${key} must be one of ${values.join(', ')}, got ${v}`);
  return v as T;
}

const args = parseArgs(process.argv.slice(2));
if (args.has('help')) {
  process.stdout.write(
    'usage: tsx test/fakes/theta-terminal/main.ts --port 25503 [--api v3|v2] [--tier pro] [--json-shape nested|legacy]\n' +
      '       [--logged-out] [--queue 16] [--seed 42] [--symbols NVDA,AMD] [--calendar always_open|real]\n',
  );
  process.exit(0);
}
const api = choice(args, 'api', ['v3', 'v2'] as const, 'v3');
const port = Number(args.get('port') ?? (api === 'v3' ? 25503 : 25510));
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be 0..65535, got ${args.get('port')}`);
const tier = choice<Tier>(args, 'tier', ['free', 'value', 'standard', 'pro'], 'pro');
const calendar = choice(args, 'calendar', ['always_open', 'real'] as const, 'always_open');
const seed = Number(args.get('seed') ?? 42);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${args.get('seed')}`);
const symbols = args
  .get('symbols')
  ?.split(',')
  .map((s) => s.trim().toUpperCase());
const queue = Number(args.get('queue') ?? 16);

const clock = new RealClock();
const market = createSimMarket({ seed, calendar, ...(symbols ? { symbols } : {}) }, clock);
const fake = await FakeThetaTerminal.start({
  market,
  apiVersion: api,
  tier,
  port,
  queueSize: queue,
  jsonShape: choice(args, 'json-shape', ['nested', 'legacy'] as const, 'nested'),
  loggedIn: !args.has('logged-out'),
  ...(calendar === 'always_open'
    ? { liveShiftMs: () => clock.now() - market.now(), alwaysOpenCalendar: true }
    : {}),
});
process.stdout.write(
  `fake Theta Terminal (${api}, tier ${tier}, ${calendar}) serving the simulated market (${market.symbols().join(', ')}) on ${fake.url}/${api}\n`,
);
const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
