import type { Command } from 'commander';
import { parseDuration } from '../../domain/index.js';
import { runDemo } from '../../runtime/index.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

interface DemoCliOptions {
  cycles: string;
  seed?: string;
  start?: string;
  step: string;
  llm?: string;
}

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new CliError(`--${name}: expected an integer from 1 to ${max}, got "${value}"`, 2);
  return n;
}

/** `swarmdesk demo` (this is `npm start`): a complete paper session on the embedded default. */
export function registerDemo(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('demo')))
    .description(
      'a complete paper session on the embedded default: sim market, paper broker, rules swarm and Commander',
    )
    .option('--cycles <n>', 'number of cycles', '5')
    .option('--seed <n>', 'simulated market seed (same seed and --start, same session)')
    .option('--start <iso>', 'market start time, e.g. 2026-11-24T15:00:00Z (default: now)')
    .option('--step <duration>', 'market time between cycles', '30m')
    .option(
      '--llm <provider:model>',
      'use an LLM for the swarm and the Commander, e.g. anthropic:claude-sonnet-4-5',
    );
  runWithContext<DemoCliOptions>(
    io,
    cmd,
    async (ctx, o) => {
      const cycles = positiveInt('cycles', o.cycles, 1000);
      const seed = o.seed === undefined ? undefined : Number(o.seed);
      if (seed !== undefined && (!Number.isInteger(seed) || seed < 0))
        throw new CliError(`--seed: expected a non-negative integer, got "${o.seed}"`, 2);
      const stepMs = parseDuration(o.step);
      if (stepMs === null || stepMs < 60_000)
        throw new CliError(`--step: expected a duration of at least 1m, like "30m", got "${o.step}"`, 2);
      if (o.start !== undefined && Number.isNaN(Date.parse(o.start)))
        throw new CliError(`--start: expected an ISO time, got "${o.start}"`, 2);
      const summary = await runDemo({
        config: ctx.config,
        cycles,
        seed,
        start: o.start,
        stepMs,
        env: io.env,
        llm: o.llm,
        now: ctx.clock.now(),
        dataDir: o.dataDir ? ctx.config.dataDir : undefined,
        print: o.json ? () => undefined : (line) => io.stdout(`${line}\n`),
      });
      if (o.json) printJson(io, summary);
    },
    setExit,
  );
}
