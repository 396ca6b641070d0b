import { escapeControl } from './escape-text.js';

/** Where a command writes, and what it sees of the process; injectable so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Print a value as JSON (one document, trailing newline). Control characters JSON leaves raw (DEL,
 * C1, bidi) are escaped too, line by line, so journal text cannot drive the terminal.
 */
export function printJson(io: CliIo, value: unknown): void {
  const lines = JSON.stringify(value, null, 2).split('\n');
  io.stdout(`${lines.map(escapeControl).join('\n')}\n`);
}

/** A failure the user can fix; printed as one line, exit code 1 (refused) or 2 (usage), see `EXIT`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
