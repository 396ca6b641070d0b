import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../domain/index.js';
import { configJsonSchema, loadConfig, parseConfig } from './index.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'swarmdesk-config-'));
}

describe('config', () => {
  it('runs the embedded default with no file at all', () => {
    const cwd = tempDir();
    const { config, path } = loadConfig({ cwd, env: {} });
    expect(path).toBeNull();
    expect(config.mode).toBe('paper');
    expect(config.marketData.source).toBe('sim');
    expect(config.broker.type).toBe('paper');
    expect(config.llm.provider).toBe('rules');
    expect(config.dataDir).toBe(join(cwd, 'data_lake'));
    expect(config.risk.maxContractsPerOrder).toBeGreaterThan(0);
    expect(config.schedule.interval).toBe(30_000);
  });

  it('lists every problem at once, each with its path, bound and value', () => {
    let err: unknown;
    try {
      parseConfig({
        mode: 'yolo',
        risk: { maxContractsPerOrder: -3, maxLosPerTrade: 5 },
        watchdog: { heartbeatTimeout: '1s' },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issues).toContain('risk.maxContractsPerOrder: expected a positive integer, got -3');
    expect(issues.some((i) => i.startsWith('risk: unknown key(s) "maxLosPerTrade"'))).toBe(true);
    expect(issues.some((i) => i.startsWith('mode: expected one of "paper", "live", got "yolo"'))).toBe(true);
    expect(
      issues.some((i) =>
        i.startsWith('watchdog.heartbeatTimeout: expected a duration of at least 2000 ms, got "1s"'),
      ),
    ).toBe(true);
    expect(issues).toHaveLength(4);
  });

  it('refuses unknown top-level keys and localhost for the Theta Terminal', () => {
    expect(() => parseConfig({ modee: 'paper' })).toThrow(/unknown key\(s\) "modee"/);
    expect(() => parseConfig({ marketData: { source: 'thetadata', url: 'http://localhost:25503' } })).toThrow(
      /127\.0\.0\.1/,
    );
  });

  it('reads the file named by --config, then SWARMDESK_CONFIG, and fails clearly when it is missing', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ dataDir: 'lake-a' }));
    writeFileSync(join(cwd, 'b.json'), JSON.stringify({ dataDir: 'lake-b' }));
    expect(loadConfig({ cwd, path: 'a.json', env: { SWARMDESK_CONFIG: 'b.json' } }).config.dataDir).toBe(
      join(cwd, 'lake-a'),
    );
    expect(loadConfig({ cwd, env: { SWARMDESK_CONFIG: 'b.json' } }).config.dataDir).toBe(join(cwd, 'lake-b'));
    expect(() => loadConfig({ cwd, path: 'nope.json', env: {} })).toThrow(/nope\.json.*not found/);
  });

  it('names the file when it is not JSON, and lets --data-dir override', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'swarmdesk.config.json'), '{ "mode": ');
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/swarmdesk\.config\.json[^]*not valid JSON/);
    writeFileSync(join(cwd, 'swarmdesk.config.json'), '{ "dataDir": "x" }');
    expect(loadConfig({ cwd, env: {}, dataDir: '/tmp/y' }).config.dataDir).toBe('/tmp/y');
  });

  it("resolves a config file's relative paths against its own directory, whatever the working directory", () => {
    const root = tempDir();
    mkdirSync(join(root, 'desk'));
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(
      join(root, 'desk', 'c.json'),
      JSON.stringify({ dataDir: 'lake', contentDir: '../content' }),
    );
    const cwd = join(root, 'elsewhere');
    const { config } = loadConfig({ cwd, path: '../desk/c.json', env: {} });
    expect(config.dataDir).toBe(join(root, 'desk', 'lake'));
    expect(config.contentDir).toBe(join(root, 'content'));
    // Defaults the file leaves out belong to the file too; --data-dir belongs to where it is typed.
    writeFileSync(join(root, 'desk', 'empty.json'), '{}');
    const defaults = loadConfig({ cwd, env: { SWARMDESK_CONFIG: join(root, 'desk', 'empty.json') } }).config;
    expect(defaults.dataDir).toBe(join(root, 'desk', 'data_lake'));
    expect(defaults.contentDir).toBe(join(root, 'desk'));
    expect(loadConfig({ cwd, path: '../desk/c.json', dataDir: 'mine', env: {} }).config.dataDir).toBe(
      join(cwd, 'mine'),
    );
  });

  it('refuses a non-ASCII ticker in the config rather than folding it ("Gſ" is not GS)', () => {
    expect(() => parseConfig({ risk: { allowedUnderlyings: ['NVDA', 'Gſ'] } })).toThrow(
      /risk\.allowedUnderlyings\[1\]: expected an upper-case ticker like "NVDA", got "Gſ"/,
    );
  });

  it('exports a JSON Schema that describes every section', () => {
    const schema = configJsonSchema() as {
      properties: Record<string, unknown>;
      additionalProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'mode',
        'dataDir',
        'schedule',
        'marketData',
        'broker',
        'llm',
        'risk',
        'watchdog',
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});
