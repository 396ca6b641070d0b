/** Query parameters as the terminal reads them; anything it would refuse is a 473 INVALID_PARAMS. */
export type Tier = 'free' | 'value' | 'standard' | 'pro';

const RANK: Readonly<Record<Tier, number>> = { free: 0, value: 1, standard: 2, pro: 3 };

export function covers(have: Tier, need: Tier): boolean {
  return RANK[have] >= RANK[need];
}

/** An answer other than 200: the terminal sends a plain-text body. */
export class TerminalReply extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`${status} ${body}`);
  }
}

export function invalid(message: string): TerminalReply {
  return new TerminalReply(473, `INVALID_PARAMS: ${message}`);
}

export function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (v === null || v.trim() === '') throw invalid(`missing required parameter '${name}'`);
  return v.trim();
}

const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;

export function symbolParam(q: URLSearchParams, name = 'symbol'): string {
  const s = required(q, name).toUpperCase();
  if (!SYMBOL.test(s)) throw invalid(`'${name}' is not a symbol: ${s}`);
  return s;
}

/** A date as `YYYYMMDD` or `YYYY-MM-DD` → `YYYY-MM-DD`. */
export function dateValue(raw: string, name: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw.trim());
  if (!m) throw invalid(`'${name}' must be YYYYMMDD or YYYY-MM-DD, got ${raw}`);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw invalid(`'${name}' is not a date: ${raw}`);
  }
  return date;
}

export function dateParam(q: URLSearchParams, name: string): string {
  return dateValue(required(q, name), name);
}

/** `*` (null) or one date. */
export function expirationParam(q: URLSearchParams, wildcard: boolean): string | null {
  const raw = required(q, 'expiration');
  if (raw === '*') {
    if (!wildcard) throw invalid("'expiration' does not accept * on this endpoint");
    return null;
  }
  return dateValue(raw, 'expiration');
}

/** `*` or absent (null), or dollars. */
export function strikeParam(q: URLSearchParams): number | null {
  const raw = q.get('strike');
  if (raw === null || raw === '*' || raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw invalid(`'strike' must be dollars (e.g. 170.000) or *, got ${raw}`);
  return n;
}

export function rightParam(q: URLSearchParams): 'call' | 'put' | null {
  const raw = (q.get('right') ?? 'both').toLowerCase();
  if (raw === 'both' || raw === '*') return null;
  if (raw === 'call' || raw === 'put') return raw;
  throw invalid(`'right' must be call, put or both, got ${raw}`);
}

export function intParam(q: URLSearchParams, name: string, min: number): number | null {
  const raw = q.get(name);
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw invalid(`'${name}' must be an integer >= ${min}, got ${raw}`);
  return n;
}

/** `HH:mm:ss(.SSS)` → ms of the day. */
export function timeParam(q: URLSearchParams, name: string): number | null {
  const raw = q.get(name);
  if (raw === null || raw === '') return null;
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(raw);
  if (!m) throw invalid(`'${name}' must be HH:mm:ss.SSS, got ${raw}`);
  return (
    ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'))
  );
}

export function oneOf<T extends string>(
  q: URLSearchParams,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const v = raw.toLowerCase() as T;
  if (!values.includes(v)) throw invalid(`'${name}' must be one of ${values.join(', ')}, got ${raw}`);
  return v;
}
