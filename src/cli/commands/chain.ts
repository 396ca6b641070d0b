import type { Command } from 'commander';
import { isValidExpiry } from '../../domain/index.js';
import { chainRowsJson, formatChainTable } from '../../market/index.js';
import { createMarketData, openMarketAndBroker } from '../../runtime/index.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { tickerArgument } from '../ticker-argument.js';

/** `swarmdesk chain <SYMBOL> [--expiry YYYY-MM-DD] [--json]`: the chain from the configured market data. */
export function registerChain(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(
    withConfigOptions(program.command('chain').argument('<symbol>', 'underlying, e.g. NVDA')),
  )
    .description(
      'print an option chain (bid/ask/mid, IV and Greeks from our quant) from the configured market data',
    )
    .option('--expiry <date>', 'only this expiration, YYYY-MM-DD (default: the nearest)');
  runWithContext<{ expiry?: string }>(
    io,
    cmd,
    async (ctx, o, args) => {
      const symbol = tickerArgument('<symbol>', args[0]!);
      if (o.expiry !== undefined && !isValidExpiry(o.expiry))
        throw new CliError(`--expiry: expected YYYY-MM-DD, got "${o.expiry}"`, 2);
      // IB market data rides on a broker connection; the other sources stand alone.
      const { marketData: market, broker } =
        ctx.config.marketData.source !== 'ibkr'
          ? { marketData: createMarketData(ctx.config, ctx.clock), broker: null }
          : await openMarketAndBroker(ctx.config, {
              clock: ctx.clock,
              role: 'status',
              env: io.env,
            });
      try {
        const expiries = await market.expirations(symbol);
        if (o.expiry !== undefined && !expiries.includes(o.expiry)) {
          throw new CliError(
            `--expiry: ${symbol} has no ${o.expiry} expiration; listed: ${expiries.slice(0, 12).join(', ')}${expiries.length > 12 ? ', …' : ''}`,
          );
        }
        const chain = await market.chain(
          symbol,
          o.json && !o.expiry ? {} : { expiries: [o.expiry ?? expiries[0]!] },
        );
        if (o.json) printJson(io, chainRowsJson(chain));
        else io.stdout(`${formatChainTable(chain, o.expiry ?? expiries[0])}\n`);
      } finally {
        await market.close();
        await broker?.disconnect();
      }
    },
    setExit,
  );
}
