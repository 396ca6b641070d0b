import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractKey } from '../domain/index.js';
import { PAPER_BROKER_FILE } from '../broker/paper/index.js';
import { sendHeartbeat } from '../runtime/index.js';
import { workspace } from '../runtime/test-support/cli-process.js';
import type { StatusReport } from './book/status-report.js';
import { seedDesk } from './test-support/seed-desk.js';
import { runCli } from './test-support/run-cli.js';

async function status(ws: { dir: string; config: string }): Promise<{ code: number; report: StatusReport }> {
  const r = await runCli(['status', '--json', '--config', ws.config], { cwd: ws.dir });
  return { code: r.code, report: JSON.parse(r.stdout) as StatusReport };
}

describe('swarmdesk status shows the book', () => {
  it('groups the legs of a spread together, each structure with marks, P&L, Greeks and days to expiry', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const { code, report } = await status(ws);
    expect(code).toBe(0);
    const spread = report.structures.find((s) => s.openedBy === 'seed-vertical');
    expect(spread, JSON.stringify(report.structures)).toBeDefined();
    expect(spread!.legs.map((l) => [l.key, l.quantity])).toEqual([
      [contractKey(desk.longPut), 1],
      [contractKey(desk.shortPut), -1],
    ]);
    expect(spread!.legs.length).toBeGreaterThan(0);
    for (const leg of spread!.legs) {
      expect(leg.mark).toBeGreaterThan(0);
      expect(leg.unrealizedPnl).toBeCloseTo((leg.mark! - leg.averagePrice) * leg.quantity * 100, 6);
      expect(leg.greeks).not.toBeNull();
      expect(leg.daysToExpiry).toBeGreaterThanOrEqual(0);
    }
    expect(spread!.unrealizedPnl).toBeCloseTo(
      spread!.legs[0]!.unrealizedPnl! + spread!.legs[1]!.unrealizedPnl!,
      6,
    );
    // A long put has negative delta, the short one positive: the spread's is their sum.
    expect(spread!.legs[0]!.greeks!.delta).toBeLessThan(0);
    expect(spread!.greeks!.delta).toBeCloseTo(
      spread!.legs[0]!.greeks!.delta + spread!.legs[1]!.greeks!.delta,
      6,
    );
    const amd = report.structures.find((s) => s.underlying === 'AMD');
    expect(amd).toMatchObject({ openedBy: null, label: `AMD ${desk.amdCall.expiry}` });
    const text = (await runCli(['status', '--config', ws.config], { cwd: ws.dir })).stdout;
    expect(text).toMatch(/\(opened by seed-vertical\)\s+P&L [-+]?\d+\.\d\d\s+Δ/);
    expect(text).toContain(`+1 ${contractKey(desk.longPut)} @ `);
  });

  it('shows the working orders with their journaled history, capital at risk and Greeks against their limits', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const { report } = await status(ws);
    const ids = report.workingOrders.map((o) => o.clientOrderId);
    expect(ids).toEqual(expect.arrayContaining([...desk.openingIds, desk.closingId, desk.pendingId]));
    expect(report.workingOrders.find((o) => o.clientOrderId === desk.pendingId)).toMatchObject({
      seenBy: 'journal',
      status: 'pending_submit',
    });
    const open = report.workingOrders.find((o) => o.clientOrderId === 'open-nvda')!;
    expect(open).toMatchObject({
      seenBy: 'broker',
      status: 'working',
      filled: 0,
      remaining: 1,
      limitPrice: 0.05,
    });
    expect(open.history.map((h) => h.status)).toEqual(['pending_submit', 'working']);
    expect(report.capitalAtRisk!.limit).toBeGreaterThan(0);
    expect(report.capitalAtRisk!.used).toBeGreaterThan(0);
    expect(report.capitalAtRisk!.byUnderlying.map((u) => u.symbol)).toEqual(['AMD', 'NVDA']);
    expect(report.greeks!.byUnderlying.map((g) => g.symbol)).toEqual(['AMD', 'NVDA']);
    expect(report.greeks!.limits.delta).toBeGreaterThan(0);
    const text = (await runCli(['status', '--config', ws.config], { cwd: ws.dir })).stdout;
    expect(text).toMatch(/capital at risk [\d,.]+ of [\d,.]+ \(\d+ %\)/);
    expect(text).toMatch(/NVDA\s+delta [-+]?\d+\.\d\d\/\d+/);
    expect(text).toMatch(/open-nvda {2}working .*\n {4}history: pending_submit .* → working/);
  });

  it('tells a loop that stopped cleanly from a running, a frozen and a gone one', async () => {
    const ws = workspace();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const cases: [string, () => void][] = [
      [
        'stopped',
        () =>
          sendHeartbeat({
            dataDir: ws.dataDir,
            time: Date.now() - 3_600_000,
            pid: process.pid,
            phase: 'stopped',
          }),
      ],
      ['running', () => sendHeartbeat({ dataDir: ws.dataDir, time: Date.now(), pid: process.pid })],
      [
        'frozen',
        () => sendHeartbeat({ dataDir: ws.dataDir, time: Date.now() - 3_600_000, pid: process.pid }),
      ],
      ['gone', () => sendHeartbeat({ dataDir: ws.dataDir, time: Date.now(), pid: dead })],
    ];
    for (const [state, beat] of cases) {
      beat();
      const { report } = await status(ws);
      expect(report.loop.state, state).toBe(state);
    }
    const text = (await runCli(['status', '--config', ws.config], { cwd: ws.dir })).stdout;
    expect(text).toMatch(/loop {7}GONE .*pid \d+ is gone without a clean stop/);
  });

  it('with the broker down still shows the breaker, the loop and the journaled orders, says the broker is unavailable, exits 3', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    expect(
      (
        await runCli(['halt', '--reason', 'broker trouble', '--keep-orders', '--config', ws.config], {
          cwd: ws.dir,
        })
      ).code,
    ).toBe(0);
    sendHeartbeat({ dataDir: ws.dataDir, time: Date.now(), pid: process.pid, phase: 'stopped' });
    writeFileSync(join(ws.dataDir, PAPER_BROKER_FILE), 'not a database');
    const { code, report } = await status(ws);
    expect(code).toBe(3);
    expect(report.broker).toMatchObject({ available: false });
    expect(report.broker.problem).toMatch(/paper broker/);
    expect(report.breaker).toMatchObject({ state: 'HALTED', reason: 'broker trouble' });
    expect(report.loop.state).toBe('stopped');
    expect(report.workingOrders.length).toBeGreaterThan(0);
    expect(report.workingOrders.every((o) => o.seenBy === 'journal')).toBe(true);
    expect(report.workingOrders.map((o) => o.clientOrderId)).toContain('open-nvda');
    const text = await runCli(['status', '--config', ws.config], { cwd: ws.dir });
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/breaker {4}HALTED .*broker trouble/);
    expect(text.stdout).toMatch(/broker {5}paper: UNAVAILABLE: /);
    expect(text.stdout).toMatch(/loop {7}stopped cleanly/);
    expect(text.stdout).toMatch(/open-nvda {2}working/);
  });

  it('on a data dir nothing has run on writes nothing, not even sim-market.json, and says the market has not started', async () => {
    const ws = workspace();
    const r = await runCli(['status', '--config', ws.config], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/market {5}sim: unavailable: the simulated market has not started/);
    expect(r.stdout).toMatch(/positions {2}none/);
    expect(readdirSync(ws.dataDir)).toEqual([]);
    expect((await runCli(['status', '--watch', '--json', '--config', ws.config], { cwd: ws.dir })).code).toBe(
      2,
    );
  });
});
