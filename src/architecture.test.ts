import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** What each top-level folder may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  quant: ['domain'],
  journal: ['domain'],
  // config composes each part's own options schema (and the adapters' through their index)
  config: ['domain', 'swarm', 'commander', 'market', 'broker'],
  market: ['domain', 'quant'],
  broker: ['domain', 'quant', 'market'],
  swarm: ['domain', 'market'],
  risk: ['domain', 'quant', 'journal', 'market', 'broker'],
  commander: ['domain', 'quant', 'swarm', 'risk', 'market', 'broker', 'journal'],
  runtime: ['domain', 'quant', 'journal', 'config', 'market', 'broker', 'risk', 'swarm', 'commander'],
  cli: ['domain', 'quant', 'journal', 'config', 'market', 'broker', 'risk', 'swarm', 'commander', 'runtime'],
};
const ADAPTERS = ['market/sim', 'market/thetadata', 'broker/paper', 'broker/ibkr'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') &&
      !p.endsWith('.test.ts') &&
      !p.endsWith('.contract.ts') &&
      !p.includes('test-support')
      ? [p]
      : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

function violations(root = SRC): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(root)) {
    const rel = relative(root, file);
    const top = rel.includes('/') ? rel.split('/')[0]! : '';
    if (!top) continue; // src/index.ts and src/cli.ts re-export the public API
    for (const spec of imports(file)) {
      const target = relative(root, resolve(dirname(file), spec));
      const targetTop = target.split('/')[0]!;
      if (target.startsWith('..')) {
        out.push(`${rel}: imports outside src: ${spec}`);
        continue;
      }
      if (targetTop !== top) {
        if (!(ALLOWED[top] ?? []).includes(targetTop))
          out.push(`${rel}: ${top} may not import ${targetTop} (${spec})`);
        if (!/\/index\.js$/.test(target))
          out.push(`${rel}: import ${targetTop} through its index.ts, not ${spec}`);
      }
      const adapter = ADAPTERS.find((a) => target.startsWith(`${a}/`));
      if (
        adapter &&
        !rel.startsWith(`${adapter}/`) &&
        !rel.startsWith('runtime/factory') &&
        !rel.startsWith('config/sections/')
      ) {
        out.push(
          `${rel}: only runtime/factory (and config/sections, for schemas) may import the ${adapter} adapter (${spec})`,
        );
      }
      const inner = /^(swarm\/llm\/[^/]+)\//.exec(target);
      if (inner && !rel.startsWith(`${inner[1]}/`) && !rel.startsWith('swarm/llm/')) {
        out.push(`${rel}: only swarm/llm may import the provider ${inner[1]}`);
      }
    }
  }
  return out;
}

describe('architecture', () => {
  it('keeps dependencies pointing toward the domain and adapters behind their ports', () => {
    expect(violations()).toEqual([]);
  });

  it('reports a forbidden import, an inner-file import and an adapter import', () => {
    const root = mkdtempSync(join(tmpdir(), 'swarmdesk-arch-'));
    for (const d of ['domain', 'journal', 'risk', 'broker/paper'])
      mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'domain/a.ts'), "import { x } from '../journal/index.js';\n");
    writeFileSync(
      join(root, 'risk/b.ts'),
      "import { y } from '../journal/journal.js';\nimport { z } from '../broker/paper/index.js';\n",
    );
    const v = violations(root);
    expect(v).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/domain\/a\.ts: domain may not import journal/),
        expect.stringMatching(/risk\/b\.ts: import journal through its index\.ts/),
        expect.stringMatching(/risk\/b\.ts: only runtime\/factory .* may import the broker\/paper adapter/),
      ]),
    );
  });
});
