/**
 * One client connection: handshake, START_API (client id check), then one handler per request.
 * Replies go out framed; every request is recorded with its arrival time (tests read pacing and
 * what was sent from it).
 */
import type { Socket } from 'node:net';
import { contractKey, type Contract, type OptionContract } from '../../../src/domain/index.js';
import { selectExecutions } from './execution-filter.js';
import { contractDetails, wireContract } from './instruments.js';
import * as M from './messages.js';
import * as R from './requests.js';
import { encodeFrame, FrameReader, SERVER_VERSION } from './wire.js';
import type { GatewayCore } from './gateway-core.js';

/** Tick types: live, and their delayed twins. */
const LIVE_TICKS = { bid: 1, ask: 2, last: 4, bidSize: 0, volume: 8, model: 13 } as const;
const DELAYED_TICKS = { bid: 66, ask: 67, last: 68, bidSize: 69, volume: 74, model: 83 } as const;

interface Subscription {
  readonly reqId: number;
  readonly contract: Contract;
  readonly delayed: boolean;
  readonly genericTicks: string;
  lastSent: string;
}

export class Session {
  clientId: number | null = null;
  /** Requests received: message id, fields, arrival time (ms). */
  readonly received: { id: number; fields: readonly string[]; at: number }[] = [];
  positionsSubscribed = false;
  /** A half-open connection: the socket stays up, nothing is answered. */
  frozen = false;
  private marketDataType = 1;
  private readonly reader = new FrameReader();
  private readonly subscriptions = new Map<number, Subscription>();
  private closed = false;

  constructor(
    readonly socket: Socket,
    private readonly core: GatewayCore,
  ) {
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('close', () => this.onClose());
    socket.on('error', () => undefined);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  send(message: M.Message): void {
    if (this.closed || this.frozen || this.socket.destroyed) return;
    this.socket.write(encodeFrame(message));
  }

  /** Drops the TCP connection (no goodbye: a crash, a cable, a restart). */
  drop(): void {
    this.socket.destroy();
    this.onClose();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.subscriptions.clear();
    this.core.sessionClosed(this);
  }

  private onData(data: Buffer): void {
    let units;
    try {
      units = this.reader.push(data);
    } catch (error) {
      this.core.protocolError(this, (error as Error).message);
      this.drop();
      return;
    }
    for (const unit of units) {
      if (unit.kind === 'handshake') {
        if (unit.maxVersion < SERVER_VERSION || unit.minVersion > SERVER_VERSION) {
          this.core.protocolError(
            this,
            `client speaks v${unit.minVersion}..${unit.maxVersion}, fake speaks ${SERVER_VERSION}`,
          );
        }
        this.send([SERVER_VERSION, this.core.connectionTime()]);
        continue;
      }
      const id = Number(unit.fields[0]);
      this.received.push({ id, fields: unit.fields, at: Date.now() });
      this.core.countMessage(this);
      void this.core.serial(() => this.handle(id, unit.fields));
    }
  }

  private async handle(id: number, fields: readonly string[]): Promise<void> {
    if (this.closed || this.frozen) return;
    try {
      if (this.clientId === null && id !== R.OUT.START_API) {
        this.core.protocolError(this, `message ${id} before START_API`);
        return;
      }
      await this.dispatch(id, fields);
    } catch (error) {
      if (error instanceof R.ProtocolError) {
        this.core.protocolError(this, error.message);
        this.send(M.errorMessage(-1, 321, `Error validating request: ${error.message}`));
        return;
      }
      throw error;
    }
  }

  private async dispatch(id: number, fields: readonly string[]): Promise<void> {
    const core = this.core;
    switch (id) {
      case R.OUT.START_API:
        return this.startApi(R.parseStartApi(fields).clientId);
      case R.OUT.PLACE_ORDER:
        return core.placeOrder(this, R.parsePlaceOrder(fields));
      case R.OUT.CANCEL_ORDER:
        return core.exchange.cancel(this.clientId!, R.parseCancelOrder(fields).orderId);
      case R.OUT.REQ_GLOBAL_CANCEL:
        return core.exchange.cancelAll();
      case R.OUT.REQ_OPEN_ORDERS:
      case R.OUT.REQ_ALL_OPEN_ORDERS: {
        const all = id === R.OUT.REQ_ALL_OPEN_ORDERS;
        for (const o of core.exchange.live()) {
          if (!all && o.clientId !== this.clientId) continue;
          this.send(M.openOrder(core.exchange.view(o)));
          this.send(M.orderStatus(core.exchange.view(o)));
        }
        this.send(M.openOrderEnd());
        return;
      }
      case R.OUT.REQ_IDS:
        this.send(M.nextValidId(core.nextOrderId(this.clientId!)));
        return;
      case R.OUT.REQ_MANAGED_ACCTS:
        this.send(M.managedAccounts(core.accounts()));
        return;
      case R.OUT.REQ_CURRENT_TIME:
        this.send(M.currentTime(Math.floor(Date.now() / 1000)));
        return;
      case R.OUT.REQ_POSITIONS:
        this.positionsSubscribed = true;
        for (const p of core.account.records()) {
          this.send(
            M.position(
              core.account.accountId,
              wireContract(p.contract),
              p.quantity,
              avgCost(p.contract, p.averagePrice),
            ),
          );
        }
        this.send(M.positionEnd());
        return;
      case R.OUT.CANCEL_POSITIONS:
        this.positionsSubscribed = false;
        return;
      case R.OUT.REQ_ACCOUNT_SUMMARY:
        return this.accountSummary(R.parseAccountSummary(fields));
      case R.OUT.CANCEL_ACCOUNT_SUMMARY:
        return;
      case R.OUT.REQ_EXECUTIONS: {
        const req = R.parseExecutions(fields);
        for (const e of selectExecutions(core.exchange.executions, req)) {
          this.send(M.execution(req.reqId, e.orderId, e.contract, e.wire));
          this.send(M.commissionReport(e.execId, e.commission, e.realizedPnl));
        }
        this.send(M.executionEnd(req.reqId));
        return;
      }
      case R.OUT.REQ_CONTRACT_DATA:
        return this.contractData(R.parseContractDetails(fields));
      case R.OUT.REQ_HISTORICAL_DATA:
        return this.historicalData(R.parseHistoricalData(fields));
      case R.OUT.REQ_SEC_DEF_OPT_PARAMS:
        return this.secDefOptParams(R.parseSecDefOptParams(fields));
      case R.OUT.REQ_MARKET_DATA_TYPE:
        this.marketDataType = R.parseVersionAndInt(fields);
        return;
      case R.OUT.REQ_MKT_DATA:
        return this.marketData(R.parseMarketData(fields));
      case R.OUT.CANCEL_MKT_DATA:
        this.subscriptions.delete(R.parseVersionAndInt(fields));
        return;
      default:
        core.protocolError(this, `message id ${id} is not implemented by the fake`);
    }
  }

  private startApi(clientId: number): void {
    if (!this.core.claimClientId(this, clientId)) {
      this.send(
        M.errorMessage(
          -1,
          326,
          'Unable to connect as the client id is already in use. Retry with a unique client id.',
        ),
      );
      setTimeout(() => this.drop(), 5);
      return;
    }
    this.clientId = clientId;
    this.send(M.nextValidId(this.core.nextOrderId(clientId)));
    this.send(M.managedAccounts(this.core.accounts()));
    this.send(M.errorMessage(-1, 2104, 'Market data farm connection is OK:usfarm'));
    this.send(M.errorMessage(-1, 2106, 'HMDS data farm connection is OK:ushmds'));
    this.send(M.errorMessage(-1, 2158, 'Sec-def data farm connection is OK:secdefnj'));
  }

  private async accountSummary(req: { reqId: number; tags: string[] }): Promise<void> {
    const f = await this.core.account.figures(this.core.market);
    const acct = this.core.account.accountId;
    for (const tag of req.tags) {
      if (tag.startsWith('$LEDGER')) {
        this.send(M.accountSummary(req.reqId, acct, 'CashBalance', f.TotalCashValue.toFixed(2), 'USD'));
        this.send(M.accountSummary(req.reqId, acct, 'RealizedPnL', f.RealizedPnL.toFixed(2), 'USD'));
        this.send(M.accountSummary(req.reqId, acct, 'UnrealizedPnL', f.UnrealizedPnL.toFixed(2), 'USD'));
        continue;
      }
      if (tag === 'AccountType') {
        this.send(M.accountSummary(req.reqId, acct, tag, 'INDIVIDUAL', ''));
        continue;
      }
      const value = (f as unknown as Record<string, number>)[tag];
      if (value !== undefined) this.send(M.accountSummary(req.reqId, acct, tag, value.toFixed(2), 'USD'));
    }
    this.send(M.accountSummaryEnd(req.reqId));
  }

  private async contractData(req: R.ContractDetailsRequest): Promise<void> {
    const core = this.core;
    const rc = req.contract;
    let matches: Contract[] = [];
    const exact = core.instruments.candidate(rc);
    if (exact && (await core.market.isListed(exact))) {
      matches = [exact];
    } else if (
      !exact &&
      rc.secType === 'OPT' &&
      rc.conId === 0 &&
      /^\d{8}$/.test(rc.lastTradeDateOrContractMonth)
    ) {
      // A partial option request (no strike and/or right): everything listed that fits.
      const expiry = `${rc.lastTradeDateOrContractMonth.slice(0, 4)}-${rc.lastTradeDateOrContractMonth.slice(4, 6)}-${rc.lastTradeDateOrContractMonth.slice(6)}`;
      if (
        core.market.symbols().includes(rc.symbol) &&
        (await core.market.data.expirations(rc.symbol)).includes(expiry)
      ) {
        matches = (await core.market.listedOptions(rc.symbol, expiry)).filter(
          (c: OptionContract) =>
            (rc.strike === undefined || rc.strike === 0 || Math.abs(c.strike - rc.strike) < 1e-9) &&
            (rc.right === '' || rc.right.startsWith(c.right === 'call' ? 'C' : 'P')),
        );
      }
    }
    if (matches.length === 0) {
      this.send(M.errorMessage(req.reqId, 200, 'No security definition has been found for the request'));
      return;
    }
    const dates = core.sessionDates();
    for (const c of matches) {
      core.instruments.remember(c);
      this.send(M.contractData(req.reqId, contractDetails(c, dates)));
    }
    this.send(M.contractDataEnd(req.reqId));
  }

  /** Daily option implied volatility of an underlying (IB's OPTION_IMPLIED_VOLATILITY), from the sim's history. */
  private async historicalData(req: R.HistoricalDataRequest): Promise<void> {
    const core = this.core;
    const c = core.instruments.candidate(req.contract);
    if (!c || c.kind !== 'stock' || !(await core.market.isListed(c))) {
      this.send(M.errorMessage(req.reqId, 200, 'No security definition has been found for the request'));
      return;
    }
    const m = /^(\d+) ([DWMY])$/.exec(req.duration);
    if (req.whatToShow !== 'OPTION_IMPLIED_VOLATILITY' || req.barSize !== '1 day' || !m) {
      this.send(
        M.errorMessage(
          req.reqId,
          162,
          `Historical Market Data Service error message:the fake serves only daily OPTION_IMPLIED_VOLATILITY (got ${req.whatToShow}, ${req.barSize}, ${req.duration})`,
        ),
      );
      return;
    }
    const days = Number(m[1]) * { D: 1, W: 7, M: 31, Y: 365 }[m[2] as 'D' | 'W' | 'M' | 'Y'];
    const history = await core.market.data.ivHistory(c.symbol, days);
    const bars = history.map((p) => ({
      date: p.date.replace(/-/g, ''),
      open: p.iv,
      high: p.iv,
      low: p.iv,
      close: p.iv,
    }));
    const first = bars[0]?.date ?? '';
    const last = bars[bars.length - 1]?.date ?? '';
    this.send(M.historicalData(req.reqId, `${first} 09:30:00`, `${last} 16:00:00`, bars));
  }

  private async secDefOptParams(req: R.SecDefOptParamsRequest): Promise<void> {
    const core = this.core;
    if (!core.market.symbols().includes(req.symbol) || req.secType !== 'STK' || req.futFopExchange !== '') {
      // IB answers an unknown underlying with nothing but the end marker.
      this.send(M.secDefOptParamsEnd(req.reqId));
      return;
    }
    const { expirations, strikes } = await core.market.optionParams(req.symbol);
    const ib = expirations.map((e) => e.replace(/-/g, ''));
    this.send(M.secDefOptParams(req.reqId, 'SMART', req.conId, req.symbol, ib, strikes));
    this.send(M.secDefOptParams(req.reqId, 'CBOE', req.conId, req.symbol, ib, strikes));
    this.send(M.secDefOptParamsEnd(req.reqId));
  }

  private async marketData(req: R.MarketDataRequest): Promise<void> {
    const core = this.core;
    const c = core.instruments.candidate(req.contract);
    if (!c || !(await core.market.isListed(c))) {
      this.send(M.errorMessage(req.reqId, 200, 'No security definition has been found for the request'));
      return;
    }
    core.instruments.remember(c);
    const live = core.options.marketDataSubscribed;
    if (!live && this.marketDataType < 3) {
      this.send(
        M.errorMessage(
          req.reqId,
          354,
          'Requested market data is not subscribed. Check API status by selecting the Account menu then under Management choose Market Data Subscription Manager and/or enable delayed-data via reqMarketDataType.',
        ),
      );
      return;
    }
    if (this.subscriptions.has(req.reqId)) {
      this.send(
        M.errorMessage(
          req.reqId,
          322,
          `Error processing request.-'bQ' : cause - Duplicate ticker id ${req.reqId}`,
        ),
      );
      return;
    }
    const sub: Subscription = {
      reqId: req.reqId,
      contract: c,
      delayed: !live,
      genericTicks: req.genericTicks,
      lastSent: '',
    };
    this.send(M.marketDataType(req.reqId, live ? 1 : 3));
    this.send(M.tickReqParams(req.reqId));
    await this.sendTicks(sub, true);
    if (req.snapshot) this.send(M.tickSnapshotEnd(req.reqId));
    else this.subscriptions.set(req.reqId, sub);
  }

  /** Pushes changed quotes to streaming subscribers (called on the gateway's timer). */
  async stream(): Promise<void> {
    for (const sub of [...this.subscriptions.values()]) await this.sendTicks(sub, false);
  }

  private async sendTicks(sub: Subscription, force: boolean): Promise<void> {
    const core = this.core;
    const t = sub.delayed ? DELAYED_TICKS : LIVE_TICKS;
    let q;
    try {
      q = await core.market.quote(sub.contract);
    } catch {
      return;
    }
    const key = `${q.bid}|${q.ask}|${q.bidSize}|${q.askSize}|${q.last}`;
    if (!force && key === sub.lastSent) return;
    sub.lastSent = key;
    if (q.bid !== null) {
      this.send(M.tickPrice(sub.reqId, t.bid, q.bid, q.bidSize));
      this.send(M.tickSize(sub.reqId, t.bidSize, q.bidSize));
    }
    if (q.ask !== null) this.send(M.tickPrice(sub.reqId, t.ask, q.ask, q.askSize));
    if (q.last !== null) this.send(M.tickPrice(sub.reqId, t.last, q.last, 0));
    if (sub.contract.kind !== 'option') return;
    const model = await core.market.optionModel(sub.contract);
    const g = model.row.greeks;
    // IB's units: vega per vol point, theta per calendar day.
    this.send(
      M.tickOptionComputation(sub.reqId, t.model, {
        impliedVol: model.row.iv,
        delta: g?.delta ?? null,
        optPrice: q.bid !== null && q.ask !== null ? (q.bid + q.ask) / 2 : null,
        gamma: g?.gamma ?? null,
        vega: g ? g.vega / 100 : null,
        theta: g ? g.theta / 365 : null,
        undPrice: model.spot,
      }),
    );
    this.send(M.tickSize(sub.reqId, t.volume, model.row.volume));
    if (sub.genericTicks.split(',').includes('101')) {
      this.send(M.tickSize(sub.reqId, sub.contract.right === 'call' ? 27 : 28, model.row.openInterest));
    }
  }

  describe(): string {
    return `client ${this.clientId ?? '?'} ${this.subscriptions.size} subscription(s) ${[...this.subscriptions.values()].map((s) => contractKey(s.contract)).join(', ')}`;
  }
}

/** IB's average cost: per share for stock, per contract (multiplier included) for options. */
export function avgCost(contract: Contract, averagePricePerShare: number): number {
  return contract.kind === 'option' ? averagePricePerShare * contract.multiplier : averagePricePerShare;
}
