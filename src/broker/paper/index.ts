/** The paper broker: the embedded default `Broker`. */
import type { PaperBrokerOptions } from './options.js';
import { PaperBroker, type PaperBrokerDeps } from './paper-broker.js';

export { PaperBroker } from './paper-broker.js';
export type { PaperBrokerDeps } from './paper-broker.js';
export { paperBrokerOptionsSchema } from './options.js';
export type { PaperBrokerOptions, ParsedPaperBrokerOptions } from './options.js';
export { PAPER_BROKER_FILE } from './store.js';
export { PaperBookReader, type PaperBookReaderDeps } from './paper-book-reader.js';

/** A paper broker on `deps.dataDir`, filling against `deps.marketData`. Call `connect()` before use. */
export function createPaperBroker(options: PaperBrokerOptions, deps: PaperBrokerDeps): PaperBroker {
  return new PaperBroker(options, deps);
}
