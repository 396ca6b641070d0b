/**
 * Contract resolution with `reqContractDetails` (and `reqSecDefOptParams` for chains), cached for
 * the life of the adapter and paced: at most N requests in flight, the rest wait their turn, so
 * qualifying a whole chain never trips IB's 50 msg/s limit (error 100).
 */
import type { Contract as IbContract, ContractDetails } from '@stoqey/ib';
import { Semaphore, contractKey, stock, type Contract } from '../../domain/index.js';
import { BrokerError } from '../errors.js';
import type { IbRequests, SecDefParams } from './requests.js';
import { fromIbContract, keyOf, toIbContract } from './wire/contracts.js';

export interface ResolvedContract {
  readonly contract: Contract;
  readonly conId: number;
  readonly tradingClass: string;
  /** What IB says about trading hours (for the market clock). */
  readonly details: ContractDetails;
}

/** At most `limit` tasks at once. */
export class ContractResolver {
  private readonly byKey = new Map<string, Promise<ResolvedContract>>();
  private readonly byConId = new Map<number, ResolvedContract>();
  private readonly chains = new Map<string, Promise<SecDefParams[]>>();
  private readonly limiter: Semaphore;

  constructor(
    private readonly requests: IbRequests,
    maxConcurrent: number,
  ) {
    this.limiter = new Semaphore(maxConcurrent);
  }

  /** The conId and trading class of a contract; UNKNOWN_CONTRACT when IB lists nothing (or several). */
  resolve(contract: Contract): Promise<ResolvedContract> {
    const key = keyOf(contract);
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const pending = this.limiter
      .run(() => this.requests.contractDetails(toIbContract(contract)))
      .then((list) => {
        const exact = list.filter((d) => {
          const c = d.contract ? fromIbContract(d.contract) : null;
          return c !== null && keyOf(c) === key;
        });
        if (exact.length !== 1) {
          throw new BrokerError(
            'UNKNOWN_CONTRACT',
            exact.length === 0
              ? `ibkr: IB lists no contract ${contractKey(contract)}`
              : `ibkr: ${contractKey(contract)} is ambiguous at IB (${exact.length} matches; set the trading class)`,
          );
        }
        return this.remember(contract, exact[0]!);
      });
    this.byKey.set(key, pending);
    // A failure is not cached: the contract may be listed later, or the connection was down.
    pending.catch(() => this.byKey.delete(key));
    return pending;
  }

  private remember(contract: Contract, details: ContractDetails): ResolvedContract {
    const resolved: ResolvedContract = {
      contract,
      conId: details.contract?.conId ?? 0,
      tradingClass: details.contract?.tradingClass ?? '',
      details,
    };
    this.byConId.set(resolved.conId, resolved);
    return resolved;
  }

  /** A contract known by conId already (resolved before, or seen at IB), or null. */
  known(conId: number): Contract | null {
    return this.byConId.get(conId)?.contract ?? null;
  }

  /** Records what IB reported with its conId (positions, orders, executions), saving a lookup. */
  learn(ib: IbContract): void {
    const c = fromIbContract(ib);
    if (!c || !ib.conId || this.byConId.has(ib.conId)) return;
    const details = { contract: ib } as ContractDetails;
    const resolved = this.remember(c, details);
    if (!this.byKey.has(keyOf(c))) this.byKey.set(keyOf(c), Promise.resolve(resolved));
  }

  /** A contract by conId, asking IB when it is not known (BAG legs of an order adopted after a restart). */
  async byId(conId: number): Promise<Contract | null> {
    const hit = this.known(conId);
    if (hit) return hit;
    const list = await this.limiter.run(() => this.requests.contractDetails({ conId, exchange: 'SMART' }));
    const d = list[0];
    const c = d?.contract ? fromIbContract(d.contract) : null;
    if (!c || !d) return null;
    this.remember(c, d);
    return c;
  }

  /** Option expirations and strikes of an underlying (the SMART row), cached per symbol. */
  optionParams(symbol: string): Promise<SecDefParams[]> {
    const hit = this.chains.get(symbol);
    if (hit) return hit;
    const pending = this.resolve(stock(symbol)).then((u) =>
      this.limiter.run(() => this.requests.secDefOptParams(symbol, u.conId)),
    );
    this.chains.set(symbol, pending);
    pending.catch(() => this.chains.delete(symbol));
    return pending;
  }

  /** Forgets cached chains (a new day lists new expirations). */
  forgetChains(): void {
    this.chains.clear();
  }
}
