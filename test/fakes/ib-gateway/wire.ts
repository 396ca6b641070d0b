/**
 * TWS API framing, server side. After the handshake (`API\0`, a 4-byte big-endian length, the
 * version range `v100..193`), every message either way is `[4-byte BE length][fields]`, each
 * field terminated by NUL, the last one included.
 */

/** The server version the fake speaks: the highest `@stoqey/ib` 1.6.x accepts. */
export const SERVER_VERSION = 193;

/** A value the fake writes into a field: `undefined`/`null` become an empty field, booleans 0/1. */
export type Field = string | number | boolean | null | undefined;

/** Java's `Double.MAX_VALUE`: "unset" in IB double fields. */
export const UNSET_DOUBLE = '1.7976931348623157E308';
/** Java's `Integer.MAX_VALUE`: "unset" in IB int fields. */
export const UNSET_INT = 2147483647;

function fieldText(value: Field): string {
  if (value === undefined || value === null) return '';
  if (value === true) return '1';
  if (value === false) return '0';
  return String(value);
}

/** One framed message: length prefix, then every field NUL-terminated. */
export function encodeFrame(fields: readonly Field[]): Buffer {
  const payload = Buffer.from(fields.map((f) => `${fieldText(f)}\0`).join(''), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

export type Inbound =
  | { readonly kind: 'handshake'; readonly minVersion: number; readonly maxVersion: number }
  | { readonly kind: 'message'; readonly fields: readonly string[] };

const API_PREFIX = Buffer.from('API\0', 'latin1');
const MAX_FRAME = 0xffffff;

/** Splits the client's byte stream into the handshake and then framed messages. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private handshakeDone = false;

  /** Feeds bytes; returns every complete unit read. Throws on a malformed stream. */
  push(data: Buffer): Inbound[] {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    const out: Inbound[] = [];
    for (;;) {
      if (!this.handshakeDone) {
        if (this.buffer.length < 8) return out;
        if (!this.buffer.subarray(0, 4).equals(API_PREFIX)) {
          throw new Error(`handshake: expected "API\\0", got ${this.buffer.subarray(0, 4).toString('hex')}`);
        }
        const len = this.buffer.readUInt32BE(4);
        if (this.buffer.length < 8 + len) return out;
        const text = this.buffer.subarray(8, 8 + len).toString('utf8');
        this.buffer = this.buffer.subarray(8 + len);
        this.handshakeDone = true;
        const m = /^v(\d+)(?:\.\.(\d+))?/.exec(text);
        if (!m) throw new Error(`handshake: bad version range "${text}"`);
        out.push({ kind: 'handshake', minVersion: Number(m[1]), maxVersion: Number(m[2] ?? m[1]) });
        continue;
      }
      if (this.buffer.length < 4) return out;
      const len = this.buffer.readUInt32BE(0);
      if (len > MAX_FRAME) throw new Error(`frame of ${len} bytes exceeds ${MAX_FRAME}`);
      if (this.buffer.length < 4 + len) return out;
      const text = this.buffer.subarray(4, 4 + len).toString('utf8');
      this.buffer = this.buffer.subarray(4 + len);
      const parts = text.split('\0');
      // Every field is NUL-terminated, so the split leaves one empty piece at the end.
      if (parts[parts.length - 1] === '') parts.pop();
      out.push({ kind: 'message', fields: parts });
    }
  }
}
