import type { Command } from 'commander';
import { openServices } from '../../runtime/index.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

/** `swarmdesk swarm --once [--json]`: consult the swarm on the configured market and print the result. */
export function registerSwarm(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('swarm')))
    .description('consult every enabled swarm instance once on the configured market')
    .option('--once', 'one consultation (the only mode)')
    .option('--llm <provider:model>', 'override every instance, e.g. openai:llama3.1 for an Ollama server');
  runWithContext<{ once?: boolean; llm?: string }>(
    io,
    cmd,
    async (ctx, o) => {
      if (!o.once) throw new CliError('swarm: pass --once (the main loop consults the swarm every cycle)', 2);
      const services = await openServices(ctx.config, { clock: ctx.clock, env: io.env, llm: o.llm });
      try {
        const positions = await services.broker.positions();
        const result = await services.consult(positions);
        if (o.json) {
          printJson(io, {
            signals: result.signals,
            instances: result.instances.map((i) => ({
              id: i.id,
              outcome: i.outcome,
              reason: i.reason,
              usage: i.usage,
              provider: i.provider,
              model: i.model,
              detail: i.detail,
            })),
            usage: result.usage,
          });
          return;
        }
        for (const i of result.instances) {
          io.stdout(
            `${i.id.padEnd(28)} ${i.outcome.padEnd(8)} ${i.provider}${i.model ? `:${i.model}` : ''}  ${i.signals.length} signal(s)${i.reason ? `  ${i.reason}` : ''}${i.detail ? ` — ${i.detail}` : ''}\n`,
          );
        }
        io.stdout(`\n${result.signals.length} consensus signal(s):\n`);
        for (const s of result.signals) {
          const legs = s.signal.legs
            .map((l) => `${l.side} ${l.ratio} ${l.right === 'call' ? 'C' : 'P'}${l.strike} ${l.expiry}`)
            .join(' / ');
          io.stdout(
            `  ${s.signal.underlying} ${s.signal.strategy}: ${legs} @ ${s.signal.limitPrice.toFixed(2)} ${s.signal.priceEffect} — ${s.agreement} agree, confidence ${s.confidence.mean.toFixed(2)}${s.conflictsWith.length ? ', CONFLICT' : ''}\n`,
          );
        }
      } finally {
        await services.close();
      }
    },
    setExit,
  );
}
