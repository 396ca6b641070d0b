import { z } from 'zod';

/** A parameter value an instance gives its template. */
export type ParameterValue = number | string | boolean | readonly string[];
export type TemplateParameters = Readonly<Record<string, ParameterValue>>;

const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;
const PARAMETER_NAME = /^[a-z][a-z0-9_]{0,63}$/;

const common = { description: z.string().optional() };

/** How a template declares one parameter in its front matter. */
export const parameterDeclarationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    default: z.number().optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('integer'),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    default: z.number().int().optional(),
  }),
  z.strictObject({ ...common, type: z.literal('string'), default: z.string().optional() }),
  z.strictObject({ ...common, type: z.literal('boolean'), default: z.boolean().optional() }),
  z.strictObject({
    ...common,
    type: z.literal('enum'),
    values: z.array(z.string().min(1)).min(1),
    default: z.string().optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('symbols'),
    minItems: z.number().int().min(1).default(1),
    maxItems: z.number().int().min(1).max(50).default(20),
  }),
]);
export type ParameterDeclaration = z.output<typeof parameterDeclarationSchema>;

/** Which part of the chain an instance is shown. */
export const contextSpecSchema = z
  .strictObject({
    /** Days to expiry, inclusive range. */
    dte: z.tuple([z.number().int().min(0), z.number().int().min(0)]).default([21, 60]),
    /** |delta| range of the rows shown. */
    deltas: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0.05, 0.6]),
    /** Expirations shown per symbol, nearest to the middle of the DTE range first. */
    maxExpiries: z.number().int().min(1).max(6).default(2),
    /** Rows shown per right and expiry, spread evenly over the delta band (keeps the prompt compact). */
    maxRowsPerRight: z.number().int().min(2).max(40).default(8),
  })
  .refine((c) => c.dte[0] <= c.dte[1] && c.deltas[0] <= c.deltas[1], {
    message: 'expected ranges written low to high',
  });
export type ContextSpec = z.output<typeof contextSpecSchema>;

/** A template's front matter: what it is, which parameters it needs, what it is shown. */
export const frontMatterSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'expected a snake_case name' }),
    description: z.string().min(1),
    /** The deterministic screen the `rules` provider runs for this template; null when it has none. */
    rules: z.string().nullable().default(null),
    context: contextSpecSchema.prefault({}),
    parameters: z.record(
      z.string().regex(PARAMETER_NAME, { error: 'expected a snake_case parameter name' }),
      parameterDeclarationSchema,
    ),
  })
  .refine((fm) => fm.parameters.symbol_pool?.type === 'symbols', {
    message:
      'expected a parameter "symbol_pool" of type "symbols" (every template needs the symbols it looks at)',
    path: ['parameters', 'symbol_pool'],
  });
export type TemplateFrontMatter = z.output<typeof frontMatterSchema>;

function valueSchema(decl: ParameterDeclaration): z.ZodType<ParameterValue> {
  switch (decl.type) {
    case 'number':
    case 'integer': {
      let s = decl.type === 'integer' ? z.number().int() : z.number();
      if (decl.min !== undefined) s = s.min(decl.min);
      if (decl.max !== undefined) s = s.max(decl.max);
      return decl.default === undefined ? s : s.default(decl.default);
    }
    case 'string':
      return decl.default === undefined ? z.string() : z.string().default(decl.default);
    case 'boolean':
      return decl.default === undefined ? z.boolean() : z.boolean().default(decl.default);
    case 'enum': {
      const s = z.enum(decl.values as [string, ...string[]]);
      return decl.default === undefined ? s : s.default(decl.default);
    }
    case 'symbols':
      return z
        .array(z.string().regex(SYMBOL, { error: 'expected an upper-case ticker like "NVDA"' }))
        .min(decl.minItems)
        .max(decl.maxItems)
        .refine((list) => new Set(list).size === list.length, { message: 'expected each symbol once' });
  }
}

/**
 * The zod schema of an instance's `parameters` for a template: every declared parameter typed and
 * bounded, defaults filled in, anything undeclared an error.
 */
export function parametersSchema(
  parameters: Readonly<Record<string, ParameterDeclaration>>,
): z.ZodType<TemplateParameters> {
  const shape: Record<string, z.ZodType<ParameterValue>> = {};
  for (const [name, decl] of Object.entries(parameters)) shape[name] = valueSchema(decl);
  return z.strictObject(shape);
}

/** Plausible values for every declared parameter, to render a template once without an instance. */
export function sampleParameters(
  parameters: Readonly<Record<string, ParameterDeclaration>>,
): TemplateParameters {
  const out: Record<string, ParameterValue> = {};
  for (const [name, decl] of Object.entries(parameters)) {
    switch (decl.type) {
      case 'number':
      case 'integer':
        out[name] = decl.default ?? decl.min ?? decl.max ?? 1;
        break;
      case 'string':
        out[name] = decl.default ?? 'sample';
        break;
      case 'boolean':
        out[name] = decl.default ?? true;
        break;
      case 'enum':
        out[name] = decl.default ?? decl.values[0]!;
        break;
      case 'symbols':
        out[name] = ['SPY'];
        break;
    }
  }
  return out;
}
