import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer, type FakeReply } from '../../test/fakes/llm-server/index.js';
import { runCli } from '../cli/test-support/run-cli.js';
import { REPO } from './test-support/cli-process.js';

const SWARM_DEADLINE_MS = 2000;
const COMMANDER_DEADLINE_MS = 1500;
/** Every fault the swarm's retries and deadlines must survive, in turn. */
const FAULTS: readonly FakeReply[] = [
  { kind: 'status', status: 503 },
  { kind: 'reset' },
  { kind: 'hang' },
  { kind: 'status', status: 500 },
  { kind: 'truncated' },
];

let server: FakeLlmServer;
let calls = 0;
beforeAll(async () => {
  server = await FakeLlmServer.start({ handler: () => FAULTS[calls++ % FAULTS.length]! });
});
afterAll(() => server.close());

describe('demo --llm against a failing LLM server', () => {
  it('completes every cycle, says why each instance failed, exits 0, and its deadlines hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-demo-llm-'));
    writeFileSync(
      join(dir, 'swarmdesk.config.json'),
      JSON.stringify({
        contentDir: REPO,
        llm: {
          openai: { baseUrl: server.openaiBaseUrl },
          deadline: `${SWARM_DEADLINE_MS}ms`,
          callTimeout: '1s',
        },
        commander: { deadlineMs: COMMANDER_DEADLINE_MS },
        schedule: { cycleDeadline: '20s' },
      }),
    );
    const r = await runCli(
      ['demo', '--cycles', '3', '--start', '2026-03-10T15:00:00Z', '--seed', '7', '--llm', 'openai:faulty'],
      { cwd: dir, env: { OPENAI_API_KEY: 'test-key' } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^cycle \d \(\S+\): completed$/gm)).toHaveLength(3);
    expect(r.stdout).toMatch(/^summary: 3 cycles/m);
    // Every instance that failed says how, why, and how long it took.
    const failures = [
      ...r.stdout.matchAll(
        /^ {4}(\S+): (timeout|error) \((\w+)\) — .+ after (\d+) attempt\(s\), ([\d.]+) s$/gm,
      ),
    ];
    expect(failures.length).toBe(3 * 10);
    expect([...new Set(failures.map((f) => f[3]))]).toEqual(
      expect.arrayContaining(['call_timeout', 'connection', 'server_error']),
    );
    // The swarm's deadline held: no instance ran past it by more than a second.
    for (const f of failures) expect(Number(f[5]) * 1000).toBeLessThanOrEqual(SWARM_DEADLINE_MS + 1000);
    // The Commander's failure is a no-trade with its reason, every cycle.
    expect(r.stdout.match(/^ {2}decision: no trade — no decision: the LLM call failed/gm)).toHaveLength(3);
  }, 120_000);
});
