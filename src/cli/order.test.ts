import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
  extra: readonly string[] = [],
  env?: NodeJS.ProcessEnv,
): Promise<{ expiry: string; short: number; long: number; bid: number; netMid: number }> {
  const rows = JSON.parse((await runCli(['chain', 'NVDA', '--json', ...extra], { cwd, env })).stdout) as {
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

  it('dry-runs from a directory that is not the repo: no templates, no LLM key, paths relative to the config file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'swarmdesk-anywhere-'));
    const confDir = join(root, 'desk');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(confDir);
    mkdirSync(elsewhere);
    // An LLM Commander with no key set and no content at all: `order` needs neither.
    writeFileSync(
      join(confDir, 'swarmdesk.config.json'),
      JSON.stringify({ dataDir: 'lake', contentDir: 'content', llm: { provider: 'anthropic' } }),
    );
    const config = ['--config', '../desk/swarmdesk.config.json'];
    const s = await putSpread(elsewhere, config);
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
        ...config,
      ],
      { cwd: elsewhere },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: true, dryRun: true, codes: [] });
    expect(r.code).toBe(0);
    expect(existsSync(join(confDir, 'lake', 'trades.db'))).toBe(true);
    expect(existsSync(join(elsewhere, 'lake'))).toBe(false);
  });

  it('exits 2 for a bad config and 3 when the journal is unusable, distinct from a refusal (1)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'swarmdesk-order-exit-'));
    const words = ['order', 'buy', '1', 'NVDA', '--limit', '1'];
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ risk: { maxContractsPerOrder: -3 } }));
    const usage = await runCli([...words, '--config', 'bad.json'], { cwd });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/risk\.maxContractsPerOrder/);
    writeFileSync(join(cwd, 'not-a-dir'), 'a file where the data dir should be');
    const failure = await runCli([...words, '--data-dir', 'not-a-dir'], { cwd });
    expect(failure.code).toBe(3);
    expect(failure.stderr).toMatch(/^swarmdesk: .*not-a-dir/);
  });

  it('lists its exit codes in --help', async () => {
    const r = await runCli(['order', '--help'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Exit codes:\n\s+0 {2}accepted[^]*\n\s+1 {2}refused by the gate[^]*\n\s+2 {2}usage[^]*\n\s+3 {2}failure/,
    );
  });

  it('names the bad token of a malformed order (exit 2)', async () => {
    const r = await runCli(['order', 'sell', 'one', 'NVDA', '--limit', '1'], { cwd: workspace() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quantity.*got "one"/);
  });
});
