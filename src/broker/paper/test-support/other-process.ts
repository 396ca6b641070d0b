/**
 * Run as a separate OS process by the persistence test: opens the same paper book and places
 * orders while the test process does the same. Prints `done` when finished.
 * argv: dataDir prefix count
 */
import { createPaperBroker } from '../index.js';
import { SimulatedClock } from '../../../domain/index.js';
import { FixedMarket } from './fixed-market.js';
import { buy, order, T0 } from './paper-setup.js';
import { clientOrderId } from '../../../domain/index.js';

const [dataDir, prefix, count] = process.argv.slice(2);
const clock = new SimulatedClock(T0);
const market = new FixedMarket(clock);
market.setStock('XYZ', { bid: 99.99, ask: 100.01 });
const call = market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.1, askSize: 1_000 });
const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir: dataDir!, marketData: market, clock });
await broker.connect();
for (let i = 0; i < Number(count); i++) {
  await broker.placeOrder(order(buy(call), 2.1, { clientOrderId: clientOrderId(`${prefix}-${i}`) }));
  await broker.placeOrder(order(buy(call), 2.1, { clientOrderId: clientOrderId(`shared-${i}`) }));
}
await broker.disconnect();
process.stdout.write('done\n');
