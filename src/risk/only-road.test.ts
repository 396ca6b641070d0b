import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The roads to `Broker.placeOrder` outside the broker adapters. Each is named and justified; a new
 * one fails this test until someone decides it belongs here.
 */
const ROADS: Record<string, string> = {
  'risk/send-order.ts': 'the execution gate, once every check has passed (not exported from risk/index.ts)',
  'runtime/watchdog/panic-close.ts':
    'the watchdog flatten: its own connection, reduce-only closing orders (DESIGN.md)',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'test-support' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.contract.ts') ? [p] : [];
  });
}

describe('the only road to placeOrder', () => {
  it('is the gate (and the named watchdog flatten); nothing else in commander or runtime calls placeOrder', () => {
    const callers = sources(SRC)
      .map((p) => relative(SRC, p))
      .filter((rel) => !rel.startsWith('broker/'))
      .filter((rel) => /\.placeOrder\s*\(/.test(readFileSync(join(SRC, rel), 'utf8')));
    expect(callers.sort()).toEqual(
      Object.keys(ROADS)
        .filter((r) => callers.includes(r) || r.startsWith('risk/'))
        .sort(),
    );
    expect(callers).toContain('risk/send-order.ts');
  });
});
