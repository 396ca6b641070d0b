import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal, saveSnapshot } from '../journal/index.js';
import { runCli } from './test-support/run-cli.js';

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'swarmdesk-cli-'));
}

describe('swarmdesk CLI', () => {
  it('halts and resumes the breaker, with history, and status --json shows it', async () => {
    const cwd = workspace();
    expect((await runCli(['halt'], { cwd })).code).toBe(2);
    const halted = await runCli(['halt', '--reason', 'earnings week'], { cwd });
    expect(halted.code).toBe(0);
    expect(halted.stdout).toMatch(/breaker HALTED \(was ACTIVE\): earnings week/);
    let status = JSON.parse((await runCli(['status', '--json'], { cwd })).stdout) as {
      breaker: { state: string; reason: string };
      heartbeat: { ageMs: number | null };
    };
    expect(status.breaker).toMatchObject({ state: 'HALTED', reason: 'earnings week' });
    expect(status.heartbeat.ageMs).toBeNull();
    expect((await runCli(['resume'], { cwd })).stdout).toMatch(/ACTIVE \(was HALTED\)/);
    status = JSON.parse((await runCli(['status', '--json'], { cwd })).stdout) as typeof status;
    expect(status.breaker.state).toBe('ACTIVE');
    const events = JSON.parse((await runCli(['events', '--json'], { cwd })).stdout) as { code: string }[];
    expect(events.map((e) => e.code)).toEqual(['BREAKER_RESET', 'BREAKER_TRIPPED']);
  });

  it('halt --reducing while HALTED changes nothing and says so; only resume loosens', async () => {
    const cwd = workspace();
    expect((await runCli(['halt', '--reason', 'incident'], { cwd })).code).toBe(0);
    const looser = await runCli(['halt', '--reducing', '--reason', 'just closing'], { cwd });
    expect(looser.code).toBe(0);
    expect(looser.stdout).toMatch(/breaker already HALTED \(person: incident\).*nothing changed/);
    const status = JSON.parse((await runCli(['status', '--json'], { cwd })).stdout) as {
      breaker: { state: string; reason: string };
    };
    expect(status.breaker).toMatchObject({ state: 'HALTED', reason: 'incident' });
    const json = JSON.parse(
      (await runCli(['halt', '--reducing', '--reason', 'x', '--json'], { cwd })).stdout,
    ) as { changed: boolean; breaker: { state: string } };
    expect(json).toMatchObject({ changed: false, breaker: { state: 'HALTED' } });
    await runCli(['resume'], { cwd });
    expect((await runCli(['halt', '--reducing', '--reason', 'earnings'], { cwd })).stdout).toMatch(
      /breaker REDUCING \(was ACTIVE\)/,
    );
  });

  it('halt, status and events print reasons with control characters escaped, never raw', async () => {
    const cwd = workspace();
    const reason = 'fat finger\u001b[2J\u001b[31m\nFAKE: breaker ACTIVE\u009b';
    const halted = await runCli(['halt', '--reason', reason], { cwd });
    const status = await runCli(['status'], { cwd });
    const events = await runCli(['events'], { cwd });
    for (const out of [halted.stdout, status.stdout, events.stdout]) {
      expect(out).toContain('fat finger\\u001b[2J\\u001b[31m\\nFAKE: breaker ACTIVE\\u009b');
      expect([...out].filter((c) => c === '\u001b' || c === '\u009b')).toEqual([]);
    }
    expect(events.stdout.trim().split('\n')).toHaveLength(1);
    const json = await runCli(['status', '--json'], { cwd });
    expect([...json.stdout].filter((c) => c === '\u001b' || c === '\u009b')).toEqual([]);
    expect((JSON.parse(json.stdout) as { breaker: { reason: string } }).breaker.reason).toBe(reason);
  });

  it('lists trades and filters them', async () => {
    const cwd = workspace();
    const j = openJournal({ dataDir: join(cwd, 'data_lake') });
    j.logTrade({
      time: 1000,
      underlying: 'AMD',
      contract: 'AMD',
      legs: [{ contract: 'AMD', side: 'buy', ratio: 1 }],
      side: 'buy',
      quantity: 1,
      price: 100,
      commission: 1,
    });
    j.logTrade({
      time: 2000,
      underlying: 'GS',
      contract: 'GS',
      legs: [{ contract: 'GS', side: 'buy', ratio: 1 }],
      side: 'buy',
      quantity: 1,
      price: 400,
      commission: 1,
    });
    j.close();
    const all = JSON.parse((await runCli(['trades', '--json'], { cwd })).stdout) as { underlying: string }[];
    expect(all.map((t) => t.underlying)).toEqual(['GS', 'AMD']);
    const amd = JSON.parse(
      (await runCli(['trades', '--json', '--underlying', 'amd'], { cwd })).stdout,
    ) as unknown[];
    expect(amd).toHaveLength(1);
    expect((await runCli(['trades'], { cwd })).stdout).toMatch(/GS .*@ 400\.00/);
  });

  it('answers bad options with one line and a non-zero exit', async () => {
    const cwd = workspace();
    const r = await runCli(['trades', '--since', 'yesterday-ish'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--since: expected an ISO date/);
    const e = await runCli(['events', '--code', 'NOPE'], { cwd });
    expect(e.stderr).toMatch(/unknown safety code "NOPE"/);
    expect((await runCli(['frobnicate'], { cwd })).code).toBe(2);
  });

  it('reports every config problem at once from validate, and a bad config fails any command in one line', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ risk: { maxContractsPerOrder: -3 }, brokr: {} }));
    const v = await runCli(['validate', '--config', 'bad.json', '--json'], { cwd });
    expect(v.code).toBe(1);
    const report = JSON.parse(v.stdout) as { problems: { path: string; message: string }[] };
    expect(report.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['risk.maxContractsPerOrder', '']),
    );
    const s = await runCli(['status', '--config', 'bad.json'], { cwd });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/risk\.maxContractsPerOrder: expected a positive integer, got -3/);
    expect(s.stderr).not.toMatch(/at .*\.ts:\d+/);
    const verbose = await runCli(['status', '--config', 'bad.json', '--verbose'], { cwd });
    expect(verbose.stderr).toMatch(/ConfigError/);
  });

  it('lists and shows snapshots, and refuses an altered one', async () => {
    const cwd = workspace();
    const j = openJournal({ dataDir: join(cwd, 'data_lake') });
    j.startCycle('c-1', 5000);
    const s = saveSnapshot(j, { cycleId: 'c-1', time: 5000, data: { hello: 'world' } });
    j.close();
    const list = JSON.parse((await runCli(['snapshots', 'list', '--json'], { cwd })).stdout) as {
      id: string;
    }[];
    expect(list.map((x) => x.id)).toEqual([s.id]);
    const shown = JSON.parse((await runCli(['snapshots', 'show', s.id], { cwd })).stdout) as {
      data: unknown;
    };
    expect(shown.data).toEqual({ hello: 'world' });
    writeFileSync(s.path, '{}');
    const bad = await runCli(['snapshots', 'show', s.id], { cwd });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/truncated or altered/);
  });

  it('prints the config JSON Schema', async () => {
    const r = await runCli(['config', 'schema'], { cwd: workspace() });
    expect((JSON.parse(r.stdout) as { type: string }).type).toBe('object');
  });
});

describe('swarmdesk status with a book', () => {
  it('lists each position with its contract and signed quantity, and the heartbeat age', async () => {
    const { seedBook } = await import('../runtime/test-support/seed-book.js');
    const { sendHeartbeat } = await import('../runtime/index.js');
    const cwd = workspace();
    const dataDir = join(cwd, 'data_lake');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    await seedBook(dataDir);
    sendHeartbeat({ dataDir, time: Date.now() - 1500, pid: process.pid });
    const s = JSON.parse((await runCli(['status', '--json'], { cwd })).stdout) as {
      positions: { contract: { kind: string; symbol: string }; quantity: number }[];
      heartbeat: { ageMs: number };
      breaker: { state: string };
    };
    expect(s.breaker.state).toBe('ACTIVE');
    expect(s.positions.length).toBeGreaterThanOrEqual(2);
    expect(s.positions.find((p) => p.contract.kind === 'stock')).toMatchObject({
      contract: { symbol: 'NVDA' },
      quantity: 10,
    });
    expect(s.positions.some((p) => p.contract.kind === 'option' && p.quantity !== 0)).toBe(true);
    expect(s.heartbeat.ageMs).toBeGreaterThanOrEqual(1500);
  });
});

describe('swarmdesk validate with content', () => {
  it('checks templates and instances too, each problem with its file, all at once', async () => {
    const { cpSync } = await import('node:fs');
    const repo = join(import.meta.dirname, '..', '..');
    const cwd = workspace();
    cpSync(join(repo, 'swarm_intelligence'), join(cwd, 'swarm_intelligence'), { recursive: true });
    cpSync(join(repo, 'prompts'), join(cwd, 'prompts'), { recursive: true });
    expect((await runCli(['validate'], { cwd })).code).toBe(0);
    writeFileSync(
      join(cwd, 'swarm_intelligence', 'active_instances', 'zz_bad.json'),
      JSON.stringify({ id: 'Bad Id', template: 'nope.md' }),
    );
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ risk: { maxContractsPerOrder: 0 } }));
    const r = await runCli(['validate', '--config', 'bad.json', '--json'], { cwd });
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: { file: string; path: string }[] }).problems;
    expect(problems.map((p) => `${p.file}:${p.path}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bad\.json:risk\.maxContractsPerOrder$/),
        'swarm_intelligence/active_instances/zz_bad.json:id',
        'swarm_intelligence/active_instances/zz_bad.json:template',
      ]),
    );
  });
});

describe('swarmdesk --version', () => {
  it('prints the package version and exits 0', async () => {
    const { createRequire } = await import('node:module');
    const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
    const r = await runCli(['--version'], { cwd: workspace() });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});
