/** Minimal typings for the untyped npm peers measured by `bench/quant.bench.ts` (CommonJS modules). */
declare module 'black-scholes' {
  /** Black-Scholes price; v = volatility, r = rate, no dividends. */
  export function blackScholes(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
  ): number;
  export function stdNormCDF(x: number): number;
}

declare module 'implied-volatility' {
  /** Bisection from `estimate` (0.1), at most 100 pricings. */
  export function getImpliedVolatility(
    expectedCost: number,
    s: number,
    k: number,
    t: number,
    r: number,
    callPut: 'call' | 'put',
    estimate?: number,
  ): number;
}

declare module 'greeks' {
  export function getDelta(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
  ): number;
  export function getGamma(s: number, k: number, t: number, v: number, r: number): number;
  /** Per vol point (÷ 100). */
  export function getVega(s: number, k: number, t: number, v: number, r: number): number;
  /** Per day (÷ 365), calendar sign. */
  export function getTheta(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
  ): number;
  /** Per rate point (÷ 100). */
  export function getRho(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
  ): number;
}
