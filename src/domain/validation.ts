import type { z } from 'zod';
import type { Issue } from './errors.js';
import { excerpt } from './text-bounds.js';

/** How much of a bad value, and how many unknown keys, a message quotes: enough to find it, never megabytes. */
const SHOWN_CHARS = 60;
const SHOWN_KEYS = 10;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(excerpt(value, SHOWN_CHARS));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value);
  return json.length > SHOWN_CHARS ? `${json.slice(0, SHOWN_CHARS - 3)}...` : json;
}

function joinPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/**
 * zod issues as `path: expected …, got …` lines a person can act on. `input` is the value that was
 * validated, so each message can show what was actually there.
 */
export function zodIssues(error: z.ZodError, input: unknown, prefix = ''): Issue[] {
  return error.issues.map((issue) => {
    const fullPath = prefix
      ? issue.path.length
        ? `${prefix}.${joinPath(issue.path)}`
        : prefix
      : joinPath(issue.path);
    const got = valueAt(input, issue.path);
    if (issue.code === 'unrecognized_keys') {
      const shown = issue.keys.slice(0, SHOWN_KEYS).map((k) => JSON.stringify(excerpt(k, SHOWN_CHARS)));
      const more = issue.keys.length > SHOWN_KEYS ? ` and ${issue.keys.length - SHOWN_KEYS} more` : '';
      return {
        path: fullPath,
        message: `unknown key(s) ${shown.join(', ')}${more} (typo? unknown keys are errors)`,
      };
    }
    // Custom messages (written as "expected …") are already phrased for people.
    const base = issue.message.startsWith('expected') ? issue.message : describe(issue);
    return { path: fullPath, message: `${base}, got ${show(got)}` };
  });
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small': {
      const op = issue.inclusive ? '>=' : '>';
      return issue.origin === 'array' || issue.origin === 'string'
        ? `expected length ${op} ${String(issue.minimum)}`
        : `expected a value ${op} ${String(issue.minimum)}`;
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      return issue.origin === 'array' || issue.origin === 'string'
        ? `expected length ${op} ${String(issue.maximum)}`
        : `expected a value ${op} ${String(issue.maximum)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `expected ${issue.format} format`;
    case 'invalid_union':
      return 'expected one of the allowed shapes';
    default:
      return issue.message;
  }
}
