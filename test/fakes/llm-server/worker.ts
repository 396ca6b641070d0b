import { Worker } from 'node:worker_threads';

/** A fake LLM server running in a worker thread (see worker-entry.ts). */
export class FakeLlmServerWorker {
  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {}

  /** Starts the worker; resolves once its server listens on 127.0.0.1. */
  static start(options: {
    latencyMs: number;
    mode: 'spread-from-context' | 'empty';
  }): Promise<FakeLlmServerWorker> {
    // The worker runs TypeScript through tsx, as the bench itself does (see worker-bootstrap.mjs).
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), { workerData: options });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { port: number }) => resolve(new FakeLlmServerWorker(worker, m.port)));
    });
  }

  get anthropicBaseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get openaiBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    await exited;
  }
}
