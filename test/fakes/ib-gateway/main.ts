/**
 * Runs the fake IB Gateway on its own, for trying it with any TWS API client:
 *   npx tsx test/fakes/ib-gateway/main.ts --port 4102 [--seed 1] [--account DU1234567]
 *     [--cash 100000] [--symbols NVDA,AMD] [--start-time 2026-11-24T14:30:00Z] [--next-id 1]
 *     [--subscribed] [--verbose]
 * With the same `--seed` and `--start-time` as the runtime's `marketData: sim`, both see the same
 * quotes at the same instant.
 */
import { parseArgs } from 'node:util';
import { FakeIbGateway } from './gateway.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4102' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    account: { type: 'string', default: 'DU1234567' },
    cash: { type: 'string', default: '100000' },
    symbols: { type: 'string' },
    'start-time': { type: 'string' },
    'next-id': { type: 'string', default: '1' },
    subscribed: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'usage: tsx test/fakes/ib-gateway/main.ts --port 4102 [--seed N] [--account DU…] [--cash N] [--symbols A,B]\n' +
      '       [--start-time ISO] [--next-id N] [--subscribed] [--verbose]\n',
  );
  process.exit(0);
}

const int = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name}: expected a whole number, got "${text}"\n`);
    process.exit(2);
  }
  return n;
};

const gateway = await FakeIbGateway.start({
  port: int('port', values.port),
  host: values.host,
  accountId: values.account,
  startingCash: int('cash', values.cash),
  nextValidId: int('next-id', values['next-id']),
  marketDataSubscribed: values.subscribed,
  sim: {
    seed: int('seed', values.seed),
    ...(values.symbols ? { symbols: values.symbols.split(',').map((s) => s.trim().toUpperCase()) } : {}),
    ...(values['start-time'] ? { startTime: values['start-time'] } : {}),
  },
});
process.stdout.write(
  `fake IB Gateway (server version 193) on ${values.host}:${gateway.port}, paper account ${gateway.accountId}; Ctrl-C to stop\n`,
);
if (values.verbose) {
  setInterval(() => {
    const errors = gateway.protocolErrors;
    process.stdout.write(
      `clients ${gateway.connectedClients().join(',') || '-'}, orders ${gateway.orders.length}, executions ${gateway.executions.length}, protocol errors ${errors.length}\n`,
    );
  }, 5_000);
}
const stop = (): void => {
  void gateway.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
