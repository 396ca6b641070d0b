import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, zodIssues } from '../domain/index.js';
import { configSchema, type SwarmdeskConfig } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'swarmdesk.config.json';

export interface LoadedConfig {
  readonly config: SwarmdeskConfig;
  /** The file read, or null when running on the embedded defaults. */
  readonly path: string | null;
}

export interface LoadConfigOptions {
  /** From `--config`; else SWARMDESK_CONFIG; else ./swarmdesk.config.json if present; else defaults. */
  readonly path?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** From `--data-dir`: overrides the file's dataDir; relative to `cwd`, not to the file. */
  readonly dataDir?: string;
}

/** Validate a config value; every problem listed at once in the ConfigError. */
export function parseConfig(input: unknown, source = 'config'): SwarmdeskConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(source, zodIssues(result.error, input));
  return result.data;
}

/**
 * Find, read and validate the config. A named file that is missing is an error, never a silent
 * default. Relative `dataDir` and `contentDir` resolve against the config file's directory (against
 * `cwd` when running on the embedded defaults); `--data-dir` resolves against `cwd`.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const named = options.path ?? env.SWARMDESK_CONFIG;
  let path: string | null = null;
  let input: Record<string, unknown> = {};
  if (named) {
    path = resolve(cwd, named);
    if (!existsSync(path)) {
      throw new ConfigError(path, [
        { path: '', message: 'config file not found (from --config or SWARMDESK_CONFIG)' },
      ]);
    }
  } else if (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE))) {
    path = resolve(cwd, DEFAULT_CONFIG_FILE);
  }
  if (path) input = readJsonObject(path);
  const config = parseConfig(
    options.dataDir ? { ...input, dataDir: options.dataDir } : input,
    path ?? 'embedded defaults',
  );
  // A config file's paths (and the defaults it leaves) are relative to the file, so a command run
  // from any directory finds the same journal; `--data-dir` is relative to where it is typed.
  const base = path ? dirname(path) : cwd;
  return {
    path,
    config: {
      ...config,
      dataDir: options.dataDir ? resolve(cwd, options.dataDir) : resolve(base, config.dataDir),
      contentDir: resolve(base, config.contentDir),
    },
  };
}

function readJsonObject(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(path, [{ path: '', message: `cannot read: ${(cause as Error).message}` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(path, [{ path: '', message: `not valid JSON: ${(cause as Error).message}` }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(path, [{ path: '', message: 'expected a JSON object at the top level' }]);
  }
  return value as Record<string, unknown>;
}
