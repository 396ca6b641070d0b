import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, parseConfig } from './index.js';

const REPO = resolve(import.meta.dirname, '..', '..');

describe('shipped config files', () => {
  it('swarmdesk.config.schema.json is the schema the code validates with (regenerate: swarmdesk config schema)', () => {
    const committed = JSON.parse(readFileSync(join(REPO, 'swarmdesk.config.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(configJsonSchema());
  });

  it('every example config is valid', () => {
    const dir = join(REPO, 'examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files)
      expect(() => parseConfig(JSON.parse(readFileSync(join(dir, f), 'utf8')), f)).not.toThrow();
  });
});
