import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SwarmFilesError } from '../errors.js';
import {
  buildSwarm,
  INSTANCES_DIR,
  loadSwarm,
  loadSwarmOrThrow,
  TEMPLATES_DIR,
  validateSwarmFiles,
} from './load-swarm.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const TEMPLATE = `---
name: demo
description: d
rules: vol_sniper
parameters:
  symbol_pool: { type: symbols }
  min_iv_rank: { type: number, min: 0, max: 100 }
---
Sell {{ symbol_pool | join(", ") }} over {{ min_iv_rank }} ({{ instance_id }}).
`;

const instance = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    template: 'demo.md',
    parameters: { symbol_pool: ['NVDA'], min_iv_rank: 80 },
    ...extra,
  });

describe('the shipped swarm files', () => {
  it('validate without a single problem, with ten enabled instances across four templates', async () => {
    expect(await validateSwarmFiles(REPO)).toEqual([]);
    const swarm = await loadSwarmOrThrow(REPO);
    const enabled = swarm.instances.filter((i) => i.enabled);
    expect(enabled).toHaveLength(10);
    expect(new Set(enabled.map((i) => i.template.fileName)).size).toBe(4);
    const tech = swarm.instances.find((i) => i.id === 'tech_aggressive')!;
    expect(tech.parameters).toMatchObject({
      symbol_pool: ['NVDA', 'AMD', 'TSLA'],
      min_iv_rank: 80,
      max_delta_exposure: 0.3,
      sentiment_filter: 'neutral_or_better',
    });
    expect(tech.template.fileName).toBe('vol_sniper.md');
    const fin = swarm.instances.find((i) => i.id === 'finance_conservative')!;
    expect(fin.symbolPool).toEqual(['JPM', 'GS', 'BAC']);
    expect(fin.parameters.min_iv_rank).toBeGreaterThan(80);
    expect(fin.parameters.max_delta_exposure).toBeLessThan(0.3);
    expect(tech.prompt).toContain('NVDA, AMD, TSLA');
  });
});

describe('buildSwarm', () => {
  it('builds instances with defaults filled and the template rendered', () => {
    const { swarm, issues } = buildSwarm(
      [{ fileName: 'demo.md', text: TEMPLATE }],
      [{ fileName: 'a.json', text: instance('a') }],
    );
    expect(issues).toEqual([]);
    expect(swarm.instances[0]).toMatchObject({
      id: 'a',
      enabled: true,
      symbolPool: ['NVDA'],
      prompt: 'Sell NVDA over 80 (a).',
    });
  });

  it('reports every problem in every file at once, with its file name', () => {
    const { swarm, issues } = buildSwarm(
      [
        { fileName: 'demo.md', text: TEMPLATE },
        { fileName: 'broken.md', text: '---\nname: broken\n---\n' },
        {
          fileName: 'odd.md',
          text: TEMPLATE.replace('name: demo', 'name: odd').replace('vol_sniper', 'no_such_screen'),
        },
      ],
      [
        { fileName: 'a.json', text: instance('a') },
        { fileName: 'b.json', text: instance('a') },
        { fileName: 'c.json', text: '{ not json' },
        { fileName: 'd.json', text: instance('d', { template: 'missing.md' }) },
        {
          fileName: 'e.json',
          text: instance('e', { parameters: { symbol_pool: ['NVDA'], min_iv_rank: 'high' } }),
        },
        { fileName: 'f.json', text: instance('f', { template: 'broken.md' }) },
        { fileName: 'g.json', text: instance('G!', { colour: 'red' }) },
        { fileName: 'h.json', text: instance('h', { model: 'gpt-4o' }) },
        { fileName: 'i.json', text: instance('i', { provider: 'rules', model: 'x' }) },
        {
          fileName: 'j.json',
          text: instance('j', { colour: 'red', parameters: { symbol_pool: ['NVDA'], min_iv_rank: 500 } }),
        },
      ],
    );
    const where = issues.map((i) => `${i.file.replace(/^.*\//, '')} ${i.path}`);
    expect(where).toEqual([
      'broken.md front matter.description',
      'broken.md front matter.parameters',
      'odd.md front matter.rules',
      'b.json id',
      'c.json ',
      'd.json template',
      'e.json parameters.min_iv_rank',
      'f.json template',
      'g.json id',
      'g.json ',
      'h.json model',
      'i.json model',
      'j.json ',
      'j.json parameters.min_iv_rank',
    ]);
    expect(issues.find((i) => i.file.endsWith('b.json'))!.message).toMatch(/duplicate id "a".*a\.json/);
    expect(issues.find((i) => i.file.endsWith('d.json'))!.message).toMatch(/does not exist/);
    expect(issues.find((i) => i.file.endsWith('f.json'))!.message).toMatch(/problems of its own/);
    expect(issues.every((i) => i.file.startsWith(TEMPLATES_DIR) || i.file.startsWith(INSTANCES_DIR))).toBe(
      true,
    );
    expect(swarm.instances.map((i) => i.id)).toEqual(['a']);
  });
});

describe('loadSwarm from disk', () => {
  it('reports a missing folder and throws SwarmFilesError listing the problems', async () => {
    const root = mkdtempSync(join(tmpdir(), 'swarm-'));
    mkdirSync(join(root, TEMPLATES_DIR), { recursive: true });
    writeFileSync(join(root, TEMPLATES_DIR, 'demo.md'), TEMPLATE);
    const { issues } = await loadSwarm(root);
    expect(issues).toEqual([
      expect.objectContaining({ file: INSTANCES_DIR, message: expect.stringMatching(/cannot read/) }),
    ]);
    mkdirSync(join(root, INSTANCES_DIR));
    writeFileSync(join(root, INSTANCES_DIR, 'x.json'), instance('x', { enabled: 'yes' }));
    const err = await loadSwarmOrThrow(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SwarmFilesError);
    expect((err as SwarmFilesError).message).toMatch(/active_instances\/x\.json enabled/);
  });
});
