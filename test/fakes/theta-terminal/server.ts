import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SimMarket } from '../../../src/market/sim/index.js';
import { isNoData, MarketView } from './market-view.js';
import { covers, oneOf, TerminalReply, type Tier } from './params.js';
import { V2_NO_DATA, V2_ROUTES, type V2Result } from './routes-v2.js';
import { V3_ROUTES } from './routes-v3.js';
import { toCsv, toHtml, toJson, toLegacyJson, toNdjson, v2Header, type Table } from './wire-format.js';

export type FakeApiVersion = 'v3' | 'v2';

export interface FakeThetaTerminalOptions {
  /** The simulated market served (its `now()` is the terminal's clock). */
  readonly market: SimMarket;
  /** The API the terminal speaks. A v3 terminal answers `/v2/...` with 410 Gone; a v2 one `/v3/...` with 404. */
  readonly apiVersion?: FakeApiVersion;
  /** Subscription: gates endpoints and sets the outstanding-request limit (1/2/4/8). Default pro. */
  readonly tier?: Tier;
  /** Outstanding requests served at once; default the tier's (an account shared with another client has fewer). */
  readonly concurrency?: number;
  /** Requests waiting beyond the limit before 429 (the terminal's default is 16). */
  readonly queueSize?: number;
  /** v3 `format=json`: nested `{contract, data}` (accounts from 2025-10-31) or the legacy header/rows shape. */
  readonly jsonShape?: 'nested' | 'legacy';
  /** False: the terminal runs but is not logged in (474 on data, DISCONNECTED on mdds status). */
  readonly loggedIn?: boolean;
  /** v2: items (rows, contracts or list values) per page before `next_page`. */
  readonly v2PageSize?: number;
  /** SOFR it reports, percent; default the sim's rate. */
  readonly sofrPercent?: number;
  /** Port on 127.0.0.1; 0 (default) for an ephemeral one. */
  readonly port?: number;
  /** Added to snapshot timestamps (stand-alone replay of an always-open sim as "now"). */
  readonly liveShiftMs?: () => number;
  /** `/calendar/today` says open all day, every day (with `liveShiftMs`, for demos at any hour). */
  readonly alwaysOpenCalendar?: boolean;
}

/** One request as the terminal saw it. */
export interface RecordedRequest {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  status: number | null;
}

interface Fault {
  readonly status: number;
  readonly body: string;
  readonly match: (path: string) => boolean;
  remaining: number;
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const CONCURRENCY: Readonly<Record<Tier, number>> = { free: 1, value: 2, standard: 4, pro: 8 };
const CONTENT_TYPES = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  html: 'text/html',
} as const;
const V3_NO_DATA = 'No data found for your request';

function text(status: number, body: string): Reply {
  return { status, body, contentType: 'text/plain' };
}

/**
 * A fake Theta Terminal on 127.0.0.1 serving a simulated market over the v3 REST API (and v2 behind
 * `apiVersion`): the endpoints' parameters, CSV by default and JSON/NDJSON/HTML on request, their
 * column sets, plain-text 47x errors, the tier's outstanding-request limit with a queue and 429, a
 * not-logged-in mode, 410 for v2 paths on a v3 terminal, and v2 paging. Faults, hangs and a pause
 * gate are switched on by tests.
 */
export class FakeThetaTerminal {
  readonly requests: RecordedRequest[] = [];
  readonly view: MarketView;
  apiVersion: FakeApiVersion;
  tier: Tier;
  jsonShape: 'nested' | 'legacy';
  loggedIn: boolean;
  queueSize: number;
  v2PageSize: number;
  /** Outstanding requests served at once; null: the tier's. */
  concurrency: number | null;
  /** Requests being processed now, and the most at once. */
  inFlight = 0;
  peakInFlight = 0;
  /** Requests answered 429 because the queue was full. */
  rejected = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly faults: Fault[] = [];
  private readonly hangs: ((path: string) => boolean)[] = [];
  private paused: (() => void)[] | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly pages = new Map<number, Reply>();
  private nextPage = 1;
  private readonly cache = new Map<string, Reply>();
  private readonly sofrPercent: number;
  private readonly alwaysOpen: boolean;

  private constructor(
    private readonly server: Server,
    options: FakeThetaTerminalOptions,
  ) {
    this.view = new MarketView(options.market, options.liveShiftMs);
    this.apiVersion = options.apiVersion ?? 'v3';
    this.tier = options.tier ?? 'pro';
    this.jsonShape = options.jsonShape ?? 'nested';
    this.loggedIn = options.loggedIn ?? true;
    this.queueSize = options.queueSize ?? 16;
    this.concurrency = options.concurrency ?? null;
    this.v2PageSize = options.v2PageSize ?? 100_000;
    this.sofrPercent = options.sofrPercent ?? options.market.options.rate * 100;
    this.alwaysOpen = options.alwaysOpenCalendar ?? false;
  }

  static async start(options: FakeThetaTerminalOptions): Promise<FakeThetaTerminal> {
    const server = createServer();
    const fake = new FakeThetaTerminal(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(572, { 'content-type': 'text/plain' });
        res.end(`UNCAUGHT_ERROR: ${String(error)}`);
      });
    });
    server.on('connection', (socket: Socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:<port>` (the adapter adds `/v3` or `/v2`). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** The next `times` requests whose path matches answer `status` with `body` (plain text). */
  failNext(status: number, options: { times?: number; body?: string; path?: string | RegExp } = {}): void {
    const { path } = options;
    const match =
      path === undefined
        ? () => true
        : typeof path === 'string'
          ? (p: string) => p === path
          : (p: string) => path.test(p);
    this.faults.push({ status, body: options.body ?? `${status}`, match, remaining: options.times ?? 1 });
  }

  /** Requests whose path matches are never answered (until the client gives up or the server closes). */
  hang(path: string | RegExp): void {
    this.hangs.push(typeof path === 'string' ? (p) => p === path : (p) => path.test(p));
  }

  /**
   * Forgets cached answers. Answers are cached per market instant (the sim's chain does not change
   * while its clock stands still); call this after changing the sim (faults, pinned quotes) without
   * moving its clock.
   */
  clearCache(): void {
    this.cache.clear();
    this.view.clearCache();
  }

  /** Holds every admitted request before it is answered, until `resume()`. */
  pause(): void {
    this.paused ??= [];
  }

  resume(): void {
    const held = this.paused ?? [];
    this.paused = null;
    for (const go of held) go();
  }

  /** Requests of a path (without the version prefix when `bare`). */
  requestsTo(path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  /** Polls until `predicate` holds (for concurrency tests); false after `timeoutMs` real ms. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<boolean> {
    for (let waited = 0; waited <= timeoutMs; waited += 5) {
      if (predicate()) return true;
      await new Promise((r) => setTimeout(r, 5));
    }
    return predicate();
  }

  async close(): Promise<void> {
    this.resume();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private get limit(): number {
    return this.concurrency ?? CONCURRENCY[this.tier];
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: null,
    };
    this.requests.push(record);
    const reply = await this.answer(url, req);
    if (reply === null) return; // hung
    record.status = reply.status;
    if (res.destroyed) return;
    res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
    res.end(reply.body);
  }

  private async answer(url: URL, req: IncomingMessage): Promise<Reply | null> {
    const path = url.pathname;
    const version = path.startsWith('/v3/') ? 'v3' : path.startsWith('/v2/') ? 'v2' : null;
    if (version === null) return text(404, 'NO_IMPL: unknown request');
    if (version !== this.apiVersion) {
      return version === 'v2'
        ? text(
            410,
            'Gone. This terminal serves the v3 API only; ensure all requests use the v3 REST endpoints.',
          )
        : text(404, 'NO_IMPL: unknown request (this terminal runs the v2 API)');
    }
    const sub = path.slice(3);
    if (version === 'v3' && url.searchParams.has('root')) {
      return text(410, "Gone. 'root' is a v2 parameter; v3 takes 'symbol'.");
    }
    const status = this.statusEndpoint(version, sub);
    if (status !== null) return status;
    const fault = this.faults.find((f) => f.remaining > 0 && f.match(path));
    if (fault) {
      fault.remaining--;
      return text(fault.status, fault.body);
    }
    if (!this.loggedIn)
      return text(474, 'DISCONNECTED: the terminal is not connected to MDDS (not logged in)');
    if (this.inFlight >= this.limit) {
      if (this.waiting.length >= this.queueSize) {
        this.rejected++;
        return text(
          429,
          `OS_LIMIT: request queue full (${this.queueSize} waiting, ${this.limit} outstanding allowed)`,
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      if (this.paused) await new Promise<void>((resolve) => this.paused!.push(resolve));
      if (this.hangs.some((h) => h(path))) {
        await new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
        return null;
      }
      return await this.serve(version, sub, url.searchParams);
    } finally {
      this.inFlight--;
      const next = this.waiting.shift();
      if (next) next();
    }
  }

  private statusEndpoint(version: FakeApiVersion, sub: string): Reply | null {
    const paths =
      version === 'v3'
        ? { mdds: '/terminal/mdds/status', fpss: '/terminal/fpss/status', shutdown: '/terminal/shutdown' }
        : { mdds: '/system/mdds/status', fpss: '/system/fpss/status', shutdown: '/system/terminal/shutdown' };
    if (sub === paths.mdds || sub === paths.fpss)
      return text(200, this.loggedIn ? 'CONNECTED' : 'DISCONNECTED');
    if (sub === paths.shutdown) return text(200, 'OK');
    return null;
  }

  private async serve(version: FakeApiVersion, sub: string, q: URLSearchParams): Promise<Reply> {
    if (version === 'v2' && sub.startsWith('/page/')) return this.page(Number(sub.slice('/page/'.length)));
    const route = version === 'v3' ? V3_ROUTES[sub] : V2_ROUTES[sub];
    if (!route) return text(404, `NO_IMPL: unknown request ${sub}`);
    let reply: Reply;
    try {
      const needs = route.needs?.(q) ?? route.tier;
      if (!covers(this.tier, needs)) {
        return text(
          471,
          `PERMISSION: /${version}${sub} needs a ${needs} subscription; this account has ${this.tier}.`,
        );
      }
      const key = `${version}${sub}?${[...q.entries()].sort().join('&')}|${this.view.now()}|${this.jsonShape}`;
      const cached = version === 'v3' ? this.cache.get(key) : undefined;
      if (cached) return cached;
      reply =
        version === 'v3'
          ? this.encodeV3(
              await (route as (typeof V3_ROUTES)[string]).handle(q, {
                view: this.view,
                tier: this.tier,
                sofrPercent: this.sofrPercent,
                alwaysOpen: this.alwaysOpen,
              }),
              q,
            )
          : this.encodeV2(
              await (route as (typeof V2_ROUTES)[string]).handle(q, this.view, this.sofrPercent),
              q,
            );
      if (reply.status === 200 && version === 'v3') {
        if (this.cache.size > 64) this.cache.clear();
        this.cache.set(key, reply);
      }
    } catch (error) {
      if (error instanceof TerminalReply) return text(error.status, error.body);
      if (isNoData(error)) return text(472, version === 'v2' ? V2_NO_DATA : V3_NO_DATA);
      return text(572, `UNCAUGHT_ERROR: ${error instanceof Error ? error.message : String(error)}`);
    }
    return reply;
  }

  private encodeV3(result: Table | string, q: URLSearchParams): Reply {
    if (typeof result === 'string') return text(200, result);
    const format = oneOf(q, 'format', ['csv', 'json', 'ndjson', 'html'] as const, 'csv');
    const body =
      format === 'csv'
        ? toCsv(result)
        : format === 'json'
          ? this.jsonShape === 'legacy'
            ? toLegacyJson(result)
            : toJson(result)
          : format === 'ndjson'
            ? toNdjson(result)
            : toHtml(result);
    return { status: 200, body, contentType: CONTENT_TYPES[format] };
  }

  private encodeV2(result: V2Result | string, q: URLSearchParams): Reply {
    if (typeof result === 'string') return text(200, result);
    const csv = (q.get('use_csv') ?? 'false').toLowerCase() === 'true';
    const items: readonly unknown[] =
      result.kind === 'rows' ? result.rows : result.kind === 'bulk' ? result.entries : result.values;
    const chunks: unknown[][] = [];
    for (let i = 0; i < items.length; i += this.v2PageSize) chunks.push(items.slice(i, i + this.v2PageSize));
    if (chunks.length === 0) chunks.push([]);
    // Pages are rendered last to first so each knows the next one's URL.
    let next: string | null = null;
    let first: Reply | null = null;
    for (let i = chunks.length - 1; i >= 0; i--) {
      const reply = csv ? this.v2Csv(result, chunks[i]!, next) : this.v2Json(result, chunks[i]!, next);
      if (i === 0) first = reply;
      else {
        const id = this.nextPage++;
        this.pages.set(id, reply);
        next = `http://127.0.0.1:${this.port}/v2/page/${id}`;
      }
    }
    return first!;
  }

  private v2Json(result: V2Result, chunk: readonly unknown[], next: string | null): Reply {
    const body = JSON.stringify({ header: v2Header(result.format, next), response: chunk });
    return { status: 200, body, contentType: 'application/json' };
  }

  private v2Csv(result: V2Result, chunk: readonly unknown[], next: string | null): Reply {
    const lines: string[] = [];
    if (result.kind === 'bulk') {
      lines.push([...result.format, 'root', 'expiration', 'strike', 'right'].join(','));
      for (const entry of chunk as (typeof result.entries)[number][]) {
        const c = entry.contract;
        for (const tick of entry.ticks)
          lines.push([...tick, c.root, c.expiration, c.strike, c.right].map(String).join(','));
      }
    } else {
      lines.push(result.format.join(','));
      for (const item of chunk) lines.push(Array.isArray(item) ? item.join(',') : String(item));
    }
    return {
      status: 200,
      body: `${lines.join('\n')}\n`,
      contentType: 'text/csv',
      headers: { 'next-page': next ?? 'null' },
    };
  }

  private page(id: number): Reply {
    const reply = this.pages.get(id);
    if (!reply) return text(477, `NO_PAGE_FOUND: page ${id} does not exist or has expired`);
    this.pages.delete(id);
    return reply;
  }
}
