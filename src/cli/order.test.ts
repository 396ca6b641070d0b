import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.js';

const REPO = resolve(import.meta.dirname, '..', '..');

function workspace(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'swarmdesk-order-'));
  cpSync(join(REPO, 'swarm_intelligence'), join(cwd, 'swarm_intelligence'), { recursive: true });
  cpSync(join(REPO, 'prompts'), join(cwd, 'prompts'), { recursive: true });
  return cwd;
}

/** A 20-delta put and the strike two below it, on the fourth listed expiry. */
async function putSpread(
  cwd: string,
): Promise<{ expiry: string; short: number; long: number; bid: number; netMid: number }> {
  const rows = JSON.parse((await runCli(['chain', 'NVDA', '--json'], { cwd })).stdout) as {
    expiry: string;
    strike: number;
    right: string;
    bid: number | null;
    mid: number | null;
    delta: number | null;
  }[];
  const expiry = [...new Set(rows.map((r) => r.expiry))].sort()[3]!;
  const puts = rows.filter((r) => r.expiry === expiry && r.right === 'P').sort((a, b) => a.strike - b.strike);
  const i = puts.findIndex((r) => r.delta !== null && r.delta < -0.2);
  const netMid = Math.round((puts[i]!.mid! - puts[i - 2]!.mid!) * 100) / 100;
  return { expiry, short: puts[i]!.strike, long: puts[i - 2]!.strike, bid: puts[i]!.bid!, netMid };
}

describe('swarmdesk order', () => {
  it('dry-runs a defined-risk spread through the gate and sends nothing', async () => {
    const cwd = workspace();
    const s = await putSpread(cwd);
    const r = await runCli(
      [
        'order',
        'sell',
        '1',
        'NVDA',
        s.expiry,
        String(s.short),
        'P',
        '--leg',
        `buy 1 NVDA ${s.expiry} ${s.long} P`,
        '--limit',
        s.netMid.toFixed(2),
        '--dry-run',
        '--json',
      ],
      { cwd },
    );
    const result = JSON.parse(r.stdout) as { accepted: boolean; dryRun: boolean; codes: string[] };
    expect(result, r.stdout).toMatchObject({ accepted: true, dryRun: true, codes: [] });
    expect(r.code).toBe(0);
    expect(JSON.parse((await runCli(['events', '--json'], { cwd })).stdout)).toEqual([]);
  });

  it('refuses a naked short put with every code, journals each, and exits non-zero', async () => {
    const cwd = workspace();
    const s = await putSpread(cwd);
    const r = await runCli(
      ['order', 'sell', '1', 'NVDA', s.expiry, String(s.short), 'P', '--limit', s.bid.toFixed(2), '--json'],
      { cwd },
    );
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { accepted: boolean; codes: string[] };
    expect(result.accepted).toBe(false);
    expect(result.codes).toContain('RISK_NAKED_SHORT_PUT');
    const events = JSON.parse((await runCli(['events', '--json'], { cwd })).stdout) as {
      code: string;
      clientOrderId: string;
    }[];
    expect(events.map((e) => e.code).sort()).toEqual([...result.codes].sort());
  });

  it('names the bad token of a malformed order (exit 2)', async () => {
    const r = await runCli(['order', 'sell', 'one', 'NVDA', '--limit', '1'], { cwd: workspace() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quantity.*got "one"/);
  });
});
