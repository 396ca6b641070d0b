import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../domain/index.js';
import { FakeIbGateway } from '../../../test/fakes/ib-gateway/index.js';
import { BrokerError } from '../errors.js';
import {
  checkPort,
  chooseAccount,
  createIbkrBroker,
  isPaperAccount,
  type IbkrBroker,
  type TradingMode,
} from './index.js';
import { memoryJournal } from './test-support/fake-harness.js';

describe('live/paper guard (pure)', () => {
  it('refuses live mode without the switch, whatever the port', () => {
    for (const port of [4001, 4002, 7496, 7497, 4102]) {
      expect(checkPort(port, 'live', false)?.code).toBe('MODE_LIVE_NOT_ENABLED');
    }
  });

  it('refuses a live port in paper mode and a paper port in live mode', () => {
    for (const port of [4001, 7496])
      expect(checkPort(port, 'paper', false)?.code).toBe('MODE_ACCOUNT_MISMATCH');
    for (const port of [4001, 7496])
      expect(checkPort(port, 'paper', true)?.code).toBe('MODE_ACCOUNT_MISMATCH');
    for (const port of [4002, 7497])
      expect(checkPort(port, 'live', true)?.code).toBe('MODE_ACCOUNT_MISMATCH');
  });

  it('lets paper ports in paper mode, live ports in fully enabled live mode, and other ports through to the account check', () => {
    for (const port of [4002, 7497, 4102]) expect(checkPort(port, 'paper', false)).toBeNull();
    for (const port of [4001, 7496, 4102]) expect(checkPort(port, 'live', true)).toBeNull();
  });

  it('knows paper accounts by their D', () => {
    expect(isPaperAccount('DU1234567')).toBe(true);
    expect(isPaperAccount('DF7654321')).toBe(true);
    expect(isPaperAccount('U1234567')).toBe(false);
  });

  it('refuses every account mismatch', () => {
    const cases: [readonly string[], string | undefined, TradingMode, string | null][] = [
      [['U1234567'], undefined, 'paper', 'MODE_ACCOUNT_MISMATCH'],
      [['DU1234567'], undefined, 'live', 'MODE_ACCOUNT_MISMATCH'],
      [['DU1', 'DU2'], undefined, 'paper', 'MODE_ACCOUNT_MISMATCH'],
      [['DU1', 'DU2'], 'DU3', 'paper', 'MODE_ACCOUNT_MISMATCH'],
      [['DU1', 'U2'], 'U2', 'paper', 'MODE_ACCOUNT_MISMATCH'],
      [['DU1', 'U2'], 'DU1', 'live', 'MODE_ACCOUNT_MISMATCH'],
      [['DU1', 'DU2'], 'DU2', 'paper', null],
      [['U7'], undefined, 'live', null],
    ];
    for (const [managed, configured, mode, expected] of cases) {
      const r = chooseAccount(managed, configured, mode);
      expect('code' in r ? r.code : null, `${managed.join(',')} ${configured} ${mode}`).toBe(expected);
    }
  });
});

describe('live/paper guard against a gateway', () => {
  let gw: FakeIbGateway | null = null;
  const made: IbkrBroker[] = [];
  afterEach(async () => {
    await gw?.close();
    gw = null;
    // Any decode error (505) fails the test.
    expect(made.splice(0).flatMap((b) => b.diagnostics().decodeErrors)).toEqual([]);
  });
  const track = (b: IbkrBroker): IbkrBroker => (made.push(b), b);

  async function connectTo(
    accounts: { accountId: string; managedAccounts?: string[] },
    mode: TradingMode,
    liveSwitch: boolean,
    account?: string,
  ) {
    gw = await FakeIbGateway.start({ ...accounts, matchIntervalMs: 1000 });
    const journal = memoryJournal();
    const broker = track(
      createIbkrBroker(
        { port: gw.port, clientId: 3, ...(account ? { account } : {}) },
        { clock: new RealClock(), role: 'main', mode, liveSwitch, journal },
      ),
    );
    let error: unknown = null;
    try {
      await broker.connect();
    } catch (e) {
      error = e;
    }
    return { broker, journal, error, gw };
  }

  it('refuses a live account in paper mode, journals it, and sends nothing after the handshake', async () => {
    const r = await connectTo({ accountId: 'U1234567' }, 'paper', false);
    expect(r.error).toBeInstanceOf(BrokerError);
    expect((r.error as BrokerError).reason).toBe('ACCOUNT_MISMATCH');
    expect(r.broker.connectionStatus()).toBe('disconnected');
    expect(r.journal.events.map((e) => [e.code, e.severity])).toContainEqual([
      'MODE_ACCOUNT_MISMATCH',
      'critical',
    ]);
    expect(r.gw.requests().map((q) => q.id)).toEqual([71]);
    await expect(r.broker.positions()).rejects.toMatchObject({ reason: 'NOT_CONNECTED' });
  });

  it('refuses live config on a paper account, even with the switch on', async () => {
    const r = await connectTo({ accountId: 'DU1234567' }, 'live', true);
    expect((r.error as BrokerError).reason).toBe('ACCOUNT_MISMATCH');
    expect(r.journal.events[0]?.code).toBe('MODE_ACCOUNT_MISMATCH');
  });

  it('refuses live mode without the switch before opening a socket', async () => {
    const r = await connectTo({ accountId: 'U1234567' }, 'live', false);
    expect((r.error as BrokerError).reason).toBe('ACCOUNT_MISMATCH');
    expect(r.journal.events[0]?.code).toBe('MODE_LIVE_NOT_ENABLED');
    expect(r.gw.requests()).toHaveLength(0);
  });

  it('asks which account when the login manages several, and accepts a configured paper one', async () => {
    const several = await connectTo(
      { accountId: 'DU1111111', managedAccounts: ['DU1111111', 'DU2222222'] },
      'paper',
      false,
    );
    expect((several.error as BrokerError).reason).toBe('ACCOUNT_MISMATCH');
    await several.gw.close();
    const chosen = await connectTo(
      { accountId: 'DU1111111', managedAccounts: ['DU1111111', 'DU2222222'] },
      'paper',
      false,
      'DU1111111',
    );
    expect(chosen.error).toBeNull();
    expect(await chosen.broker.accountKind()).toBe('paper');
    await chosen.broker.disconnect();
  });

  it('a status look reads but never places, previews or cancels', async () => {
    gw = await FakeIbGateway.start({ matchIntervalMs: 1000 });
    const status = track(
      createIbkrBroker(
        { port: gw.port },
        { clock: new RealClock(), role: 'status', mode: 'paper', liveSwitch: false },
      ),
    );
    await status.connect();
    expect(status.diagnostics().clientId).toBe(998);
    expect(await status.positions()).toEqual([]);
    const intent = {
      clientOrderId: 'status-1',
      legs: [{ contract: { kind: 'stock', symbol: 'NVDA' }, side: 'buy', ratio: 1 }],
      quantity: 1,
      orderType: 'limit',
      limitPrice: 1,
      priceEffect: 'debit',
      timeInForce: 'day',
      rationale: '',
      instanceIds: [],
      cycleId: null,
      origin: 'manual',
    } as never;
    await expect(status.placeOrder(intent)).rejects.toMatchObject({ reason: 'INVALID_ORDER' });
    await expect(status.previewOrder(intent)).rejects.toMatchObject({ reason: 'INVALID_ORDER' });
    await expect(status.cancelAll()).rejects.toMatchObject({ reason: 'INVALID_ORDER' });
    expect(gw.requests(998).some((r) => r.id === 3 || r.id === 58)).toBe(false);
    await status.disconnect();
  });

  it('refuses a live port in paper mode without connecting', async () => {
    const journal = memoryJournal();
    for (const port of [4001, 7496]) {
      const broker = createIbkrBroker(
        { port },
        { clock: new RealClock(), role: 'main', mode: 'paper', liveSwitch: false, journal },
      );
      await expect(broker.connect()).rejects.toMatchObject({ reason: 'ACCOUNT_MISMATCH' });
    }
    expect(journal.events.map((e) => e.code)).toEqual(['MODE_ACCOUNT_MISMATCH', 'MODE_ACCOUNT_MISMATCH']);
  });
});
