import { excerpt, tickerFromInput } from '../domain/index.js';
import { CliError } from './io.js';
import { EXIT } from './exit-codes.js';

/** A ticker typed on the command line, in either case, as the upper-case ticker; else a usage error. */
export function tickerArgument(name: string, raw: string): string {
  const ticker = tickerFromInput(raw);
  if (ticker === null)
    throw new CliError(
      `${name}: expected an ASCII ticker like NVDA, got ${JSON.stringify(excerpt(raw, 60))}`,
      EXIT.usage,
    );
  return ticker;
}
