/**
 * `@stoqey/ib`'s own decoder and encoder, driven directly: the oracle the fake's builders and
 * parsers are tested against (the client is the judge of the wire format).
 */
import { createRequire } from 'node:module';
import type { Field } from './wire.js';

const require = createRequire(import.meta.url);

interface DecoderLike {
  enqueueMessage(tokens: string[]): void;
  process(): void;
}
interface EncoderLike {
  [method: string]: (...args: unknown[]) => void;
}

const { Decoder } = require('@stoqey/ib/dist/core/io/decoder') as {
  Decoder: new (callbacks: unknown) => DecoderLike;
};
const { Encoder } = require('@stoqey/ib/dist/core/io/encoder') as {
  Encoder: new (callbacks: unknown) => EncoderLike;
};

export interface DecodedEvent {
  readonly name: string;
  readonly args: readonly unknown[];
}

export interface DecodeResult {
  readonly events: DecodedEvent[];
  /** `error` events: decode errors (505) among them. */
  readonly errors: { code: number; message: string; reqId: number | undefined }[];
  readonly infos: { code: number; message: string }[];
}

function text(value: Field): string {
  if (value === undefined || value === null) return '';
  if (value === true) return '1';
  if (value === false) return '0';
  return String(value);
}

/** Decodes messages exactly as the client would at server version 193. */
export function decodeMessages(messages: readonly (readonly Field[])[], serverVersion = 193): DecodeResult {
  const result: DecodeResult = { events: [], errors: [], infos: [] };
  const decoder = new Decoder({
    serverVersion,
    emitEvent: (name: string, ...args: unknown[]) => result.events.push({ name, args }),
    emitError: (message: string, code: number, reqId?: number) =>
      result.errors.push({ code, message, reqId }),
    emitInfo: (message: string, code: number) => result.infos.push({ code, message }),
  });
  for (const m of messages) decoder.enqueueMessage(m.map(text));
  decoder.process();
  return result;
}

/** The tokens `@stoqey/ib` would send for one request, e.g. `encode('placeOrder', id, contract, order)`. */
export function encodeRequest(method: string, ...args: unknown[]): string[] {
  const sent: unknown[][] = [];
  const encoder = new Encoder({
    serverVersion: 193,
    sendMsg: (tokens: unknown[]) => sent.push(tokens),
    emitError: (message: string) => {
      throw new Error(`encoder refused: ${message}`);
    },
  });
  const fn = encoder[method];
  if (!fn) throw new Error(`no encoder method ${method}`);
  fn.apply(encoder, args);
  const flat: unknown[] = (sent[0] ?? []).flat(5);
  return flat.map((v) =>
    v === true ? '1' : v === false ? '0' : v === undefined || v === null ? '' : String(v as string),
  );
}
