import { z } from 'zod';
import { durationSchema, tickerSchema } from '../../domain/index.js';

/** A duration (`"30s"`, `"250ms"`, `"5m"` or ms), parsed to ms: the one shared definition. */
export const duration = durationSchema;

export const positiveInt = (message = 'expected a positive integer') =>
  z.number({ error: message }).int({ error: message }).positive({ error: message });
export const nonNegative = (message = 'expected a number >= 0') =>
  z.number({ error: message }).nonnegative({ error: message });
export const positive = (message = 'expected a number > 0') =>
  z.number({ error: message }).positive({ error: message });
export const fraction = (message = 'expected a fraction between 0 and 1') =>
  z.number({ error: message }).min(0, { error: message }).max(1, { error: message });
export const symbol = tickerSchema;
