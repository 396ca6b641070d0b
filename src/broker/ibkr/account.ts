/** Account figures and positions, read from IB and mapped to the domain. */
import { contractKey, type AccountSummary, type Position } from '../../domain/index.js';
import { BrokerError } from '../errors.js';
import type { ContractResolver } from './contract-resolver.js';
import type { RecordEvent } from './journal.js';
import type { OrderBook } from './order-book.js';
import type { IbRequests } from './requests.js';
import { fromIbContract } from './wire/contracts.js';
import { summaryFrom, SUMMARY_TAGS } from './wire/executions.js';

export async function readAccountSummary(
  requests: IbRequests,
  account: string,
  now: number,
): Promise<AccountSummary> {
  const rows = (await requests.accountSummary(SUMMARY_TAGS)).filter((r) => r.account === account);
  const parsed = summaryFrom(rows);
  if ('missing' in parsed) {
    throw new BrokerError(
      'INTERNAL',
      `ibkr: account summary of ${account} lacks ${parsed.missing.join(', ')}`,
      {
        retryable: true,
      },
    );
  }
  const v = parsed.values;
  return {
    accountId: account,
    netLiquidation: v.netLiquidation,
    cash: v.cash,
    buyingPower: v.buyingPower,
    maintenanceMargin: v.maintenanceMargin,
    initialMargin: v.initialMargin,
    dailyRealizedPnl: v.realizedPnl,
    unrealizedPnl: v.unrealizedPnl,
    time: now,
  };
}

/** The account's positions; holdings this runtime cannot model are journaled, not hidden silently. */
export async function readPositions(
  requests: IbRequests,
  resolver: ContractResolver,
  book: OrderBook,
  account: string,
  record: RecordEvent,
): Promise<Position[]> {
  const out: Position[] = [];
  for (const p of await requests.positions()) {
    if (p.account !== account || p.quantity === 0) continue;
    const contract = fromIbContract(p.contract);
    if (!contract) {
      record(
        'warning',
        'RECONCILE_MISMATCH',
        `ibkr: holding ${p.quantity} of ${p.contract.secType ?? '?'} ${p.contract.symbol ?? '?'} (conId ${p.contract.conId ?? '?'}), which this runtime does not model`,
      );
      continue;
    }
    resolver.learn(p.contract);
    const multiplier = contract.kind === 'option' ? contract.multiplier : 1;
    out.push({
      contract,
      quantity: p.quantity,
      // IB's average cost is per contract (multiplier included) for options.
      averagePrice: p.avgCost / multiplier,
      realizedPnl: book.realized(contractKey(contract)),
    });
  }
  return out;
}
