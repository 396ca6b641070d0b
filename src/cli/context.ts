import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { RealClock, type Clock } from '../domain/index.js';
import { JOURNAL_FILE, openJournal, type Journal } from '../journal/index.js';
import { CliError, type CliIo } from './io.js';

export interface CommonOptions {
  config?: string;
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
}

/** Add `--config` and `--data-dir` to a command that reads them. */
export function withConfigOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file (default: $SWARMDESK_CONFIG or ./swarmdesk.config.json)')
    .option('--data-dir <dir>', 'data directory (overrides the config)');
}

export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print JSON');
}

/** What a command needs: the validated config, a clock, and (lazily) the journal. */
export class CommandContext {
  private journalHandle: Journal | null = null;
  /** undefined: not opened yet; null: there is no journal to read. */
  private readHandle: Journal | null | undefined = undefined;
  readonly clock: Clock = new RealClock();

  constructor(
    readonly io: CliIo,
    readonly loaded: LoadedConfig,
  ) {}

  static load(io: CliIo, options: CommonOptions): CommandContext {
    const loaded = loadConfig({ path: options.config, dataDir: options.dataDir, env: io.env, cwd: io.cwd });
    return new CommandContext(io, loaded);
  }

  get config(): LoadedConfig['config'] {
    return this.loaded.config;
  }

  journal(): Journal {
    this.journalHandle ??= openJournal({ dataDir: this.config.dataDir });
    return this.journalHandle;
  }

  /**
   * The journal for a reader (`status`, `trades`, `events`, `orders`, `snapshots`): opened read-only,
   * writing nothing to the data dir (which may be read-only). Null when there is no journal yet.
   */
  readJournal(): Journal | null {
    if (this.readHandle !== undefined) return this.readHandle;
    const dataDir = this.config.dataDir;
    this.readHandle = existsSync(join(dataDir, JOURNAL_FILE))
      ? openJournal({ dataDir, readonly: true })
      : null;
    return this.readHandle;
  }

  /** Where the journal is (or would be), for a reader to say there is none. */
  get journalPath(): string {
    return join(this.config.dataDir, JOURNAL_FILE);
  }

  close(): void {
    this.journalHandle?.close();
    this.journalHandle = null;
    this.readHandle?.close();
    this.readHandle = undefined;
  }
}

/** Parse `--since`/`--until`: an ISO date or time, or an age like `2h`, `7d` (that long ago). */
export function parseTimeOption(name: string, value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const age = /^(\d+)(m|h|d)$/.exec(value);
  if (age) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 'm' | 'h' | 'd'];
    return now - Number(age[1]) * unit;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    throw new CliError(
      `--${name}: expected an ISO date/time (2026-11-24, 2026-11-24T14:30:00Z) or an age (30m, 2h, 7d), got "${value}"`,
      2,
    );
  }
  return t;
}

export function parseLimitOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 100_000) {
    throw new CliError(`--limit: expected an integer between 1 and 100000, got "${value}"`, 2);
  }
  return n;
}
