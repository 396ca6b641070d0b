import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import { ConfigError } from '../../domain/index.js';
import { parseThetaDataOptions } from './options-schema.js';
import { terminalEndpoint, tierCovers, type ThetaDataMarketOptions } from './options.js';

describe('ThetaData options', () => {
  it('takes exactly the parsed config section', () => {
    const parsed = parseConfig({ marketData: { source: 'thetadata' } }).marketData;
    if (parsed.source !== 'thetadata') throw new Error('expected the thetadata section');
    expectTypeOf(parsed).toMatchTypeOf<ThetaDataMarketOptions>();
    const options: ThetaDataMarketOptions = parsed;
    expect(options).toMatchObject({
      url: 'http://127.0.0.1:25503',
      apiVersion: 'v3',
      tier: 'free',
      timeout: 15_000,
    });
  });

  it('validates options with the config file’s rules and defaults, listing every problem', () => {
    expect(parseThetaDataOptions({})).toEqual({
      source: 'thetadata',
      url: 'http://127.0.0.1:25503',
      apiVersion: 'v3',
      tier: 'free',
      timeout: 15_000,
      symbols: ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'],
      staleAfter: 60_000,
      maxRetries: 3,
    });
    expect(parseThetaDataOptions({ timeout: '2s', staleAfter: 900_000, tier: 'pro' })).toMatchObject({
      timeout: 2000,
      staleAfter: 900_000,
    });
    const parsed = parseConfig({
      marketData: { source: 'thetadata', tier: 'value', timeout: '5s' },
    }).marketData;
    expect(parseThetaDataOptions(parsed)).toEqual(parsed);
    let error: unknown;
    try {
      parseThetaDataOptions({ url: 'http://localhost:25503', tier: 'gold', timeout: 5, extra: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('marketData.url: expected 127.0.0.1, not localhost');
    expect(message).toContain('marketData.tier');
    expect(message).toContain('marketData.timeout');
    expect(message).toContain('unknown key(s) "extra"');
  });

  it('puts the version prefix on the base URL and uses 25510 for v2 on the default URL', () => {
    expect(terminalEndpoint({ url: 'http://127.0.0.1:25503', apiVersion: 'v3' })).toEqual({
      version: 'v3',
      base: 'http://127.0.0.1:25503/v3',
      hostPort: '127.0.0.1:25503',
    });
    expect(terminalEndpoint({ url: 'http://127.0.0.1:25503', apiVersion: 'v2' }).base).toBe(
      'http://127.0.0.1:25510/v2',
    );
    expect(terminalEndpoint({ url: 'http://127.0.0.1:4000/v3/', apiVersion: 'v2' }).base).toBe(
      'http://127.0.0.1:4000/v2',
    );
    expect(terminalEndpoint({ url: 'http://10.0.0.5:25503', apiVersion: 'v3' }).hostPort).toBe(
      '10.0.0.5:25503',
    );
  });

  it('refuses a URL that is not one, not plain http, or on localhost', () => {
    expect(() => terminalEndpoint({ url: 'nonsense', apiVersion: 'v3' })).toThrow(
      /marketData.url is not a URL/,
    );
    expect(() => terminalEndpoint({ url: 'https://127.0.0.1:25503', apiVersion: 'v3' })).toThrow(
      /must be http:\/\//,
    );
  });

  it('orders the tiers', () => {
    expect(tierCovers('pro', 'standard')).toBe(true);
    expect(tierCovers('value', 'standard')).toBe(false);
    expect(tierCovers('free', 'free')).toBe(true);
  });
});
