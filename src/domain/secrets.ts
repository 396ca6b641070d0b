/**
 * Secrets come only from the environment. These names are read where needed and scrubbed from
 * anything we write (snapshots, logs).
 */
export const SECRET_ENV_VARS = [
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'THETADATA_PASSWORD',
  'IB_PASSWORD',
  'SWARMDESK_SECRET',
] as const;

/** Environment switch that, together with `mode: "live"`, allows live trading. */
export const LIVE_TRADING_ENV = 'SWARMDESK_LIVE_TRADING';

export function readSecret(
  name: (typeof SECRET_ENV_VARS)[number],
  env: NodeJS.ProcessEnv,
): string | undefined {
  const v = env[name];
  return v && v.length > 0 ? v : undefined;
}

/** Secret values currently set (at least 8 characters, so short values do not blank ordinary text). */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = SECRET_ENV_VARS.map((n) => env[n]).filter((v): v is string => !!v && v.length >= 8);
  for (const [k, v] of Object.entries(env)) {
    if (/(_API_KEY|_SECRET|_TOKEN|_PASSWORD)$/.test(k) && v && v.length >= 8 && !values.includes(v))
      values.push(v);
  }
  return values;
}

/** Replace every secret value in a text with `[REDACTED]`. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv): string {
  let out = text;
  for (const secret of secretValues(env)) out = out.split(secret).join('[REDACTED]');
  return out;
}

export function liveTradingEnabled(env: NodeJS.ProcessEnv): boolean {
  return env[LIVE_TRADING_ENV] === 'yes';
}
