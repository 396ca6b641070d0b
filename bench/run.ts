/**
 * `npm run bench -- <name> [--json] [args…]` runs `bench/<name>.bench.ts`.
 * Each benchmark's default export takes the options below, prints a table (or JSON with --json)
 * and reports ratios against a named peer measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchOptions {
  readonly json: boolean;
  readonly args: readonly string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `usage: npm run bench -- <name> [--json]\n${name ? `unknown benchmark "${name}". ` : ''}available: ${available.join(', ') || '(none yet)'}\n`,
  );
  process.exit(2);
}
const mod = (await import(`./${name}.bench.ts`)) as { default: (o: BenchOptions) => Promise<void> };
await mod.default({ json: rest.includes('--json'), args: rest.filter((a) => a !== '--json') });
