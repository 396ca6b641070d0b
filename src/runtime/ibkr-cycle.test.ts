import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFake, waitFor } from '../broker/ibkr/test-support/fake-harness.js';
import { parseConfig } from '../config/index.js';
import { RealClock } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { openServices } from './services.js';
import { REPO } from './test-support/cli-process.js';
import { tradingCycle } from './trading-cycle.js';
import { consensus } from '../commander/test-support/chain-fixture.js';

const SYMBOLS = ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'];

describe('the trading cycle on IB (fake IB Gateway, @stoqey/ib as the client)', () => {
  it('senses, thinks, decides and sends an order through the gate to the gateway, journaled before and after', async () => {
    const setup = await startFake({}, SYMBOLS);
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-ibkr-cycle-'));
    const config = parseConfig({
      dataDir,
      contentDir: REPO,
      broker: { type: 'ibkr', port: setup.gateway.port, clientId: 21 },
      commander: { volRiskPremium: 0.5, minConfidence: 0 },
    });
    const journal = openJournal({ dataDir });
    const broker = setup.broker({ clientId: 21 }, { journal });
    await broker.connect();
    const services = await openServices(config, {
      clock: new RealClock(),
      env: {},
      marketData: setup.market,
      broker,
    });
    try {
      expect(await services.broker.accountKind()).toBe('paper');
      // A fixed consensus signal (a put credit spread ~10 % out of the money) stands in for the
      // swarm, so the test does not depend on where IV rank happens to sit on this market.
      const chain = await setup.market.chain('NVDA', { expiries: [setup.expiry] });
      const spot = chain.underlying.bid!;
      const puts = chain.rows
        .filter((r) => r.contract.right === 'put' && r.contract.strike < spot * 0.92)
        .map((r) => r.contract.strike);
      const short = puts[puts.length - 1]!;
      const long = puts[puts.length - 3]!;
      const signal = consensus(
        [
          { right: 'put', strike: short, expiry: setup.expiry, side: 'sell', ratio: 1 },
          { right: 'put', strike: long, expiry: setup.expiry, side: 'buy', ratio: 1 },
        ],
        { underlying: 'NVDA', confidence: 0.8 },
      );
      const swarm = await services.consult([]);
      const report = await tradingCycle({
        ...services,
        consult: () => Promise.resolve({ ...swarm, signals: [signal] }),
      });
      expect(report.status).toBe('completed');
      expect(report.swarm!.instances).toHaveLength(10);
      const accepted = report.orders.filter((o) => o.outcome.accepted);
      expect(accepted.length).toBeGreaterThan(0);
      const id = accepted[0]!.intent.clientOrderId;
      // The gate journaled the intent before the gateway saw it, and the broker's id after.
      const history = services.journal.orderStatusHistory(id).map((h) => h.status);
      expect(history[0]).toBe('pending_submit');
      await waitFor(
        () => services.journal.getOrder(id)?.brokerOrderId != null,
        'the broker order id in the journal',
      );
      expect(await services.broker.orderByClientId(id)).toMatchObject({ clientOrderId: id });
      expect(setup.gateway.protocolErrors).toEqual([]);
    } finally {
      await services.close();
      journal.close();
      await setup.close();
    }
  }, 60_000);
});
