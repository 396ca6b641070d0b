/**
 * A reader that went away — `swarmdesk status | head -3`, a closed terminal, a dead `tee` — makes the
 * next write fail with EPIPE. That is not a crash: a command exits quietly (code 0: the reader had
 * what it wanted). `run` installs its own handler (see `commands/run.ts`).
 */
type Handler = () => void;

const quietExit: Handler = () => process.exit(0);
let handler: Handler = quietExit;
let installed = false;

/** Catch EPIPE on stdout and stderr for this process. Other stream errors are still thrown. */
export function guardPipes(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      handler();
    });
  }
}

/** Replace what a broken pipe does until the returned function restores the default. */
export function onBrokenPipe(h: Handler): () => void {
  handler = h;
  return () => {
    if (handler === h) handler = quietExit;
  };
}
