import type { z } from 'zod';

/** The result of validating outside data: the typed value, or the problems as readable lines. */
export type Untrusted<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/** Validates a value that came from outside (an SDK's parsed body, a file, a model's JSON). */
export function validateUntrusted<S extends z.ZodType>(value: unknown, schema: S): Untrusted<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: describeIssues(result.error) };
}

/**
 * The one place outside text is turned into data: `JSON.parse`, then the schema. Never `eval`, never a
 * template engine. A parse failure is a result, not a throw.
 */
export function parseUntrustedJson<S extends z.ZodType>(text: string, schema: S): Untrusted<z.output<S>> {
  const parsed = parseJsonText(text);
  return parsed.ok ? validateUntrusted(parsed.value, schema) : { ok: false, problems: [parsed.message] };
}

/** `JSON.parse` as a result; callers validate the value with a schema next. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `not valid JSON: ${(err as Error).message}` };
  }
}
