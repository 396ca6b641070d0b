/**
 * Each simulated underlying's character: price level, volatility and its dynamics, jumps, smile,
 * earnings and dividends, liquidity. The six defaults are stylised after the real names (levels of
 * late 2025); any other symbol gets a plausible profile derived from its name.
 */
import { DEFAULT_UNDERLYINGS } from '../../domain/index.js';
import { hashString, unitFromHash } from './prng.js';

export interface EarningsSchedule {
  /** Months (1-12) with a report. */
  readonly months: readonly number[];
  /** Day of the month the report falls on or after (the next trading day). */
  readonly day: number;
  /** Before the open (the gap is at that day's open) or after the close (at the next open). */
  readonly timing: 'before_open' | 'after_close';
  /** Standard deviation of the earnings-day move, as a fraction of price. */
  readonly moveStdev: number;
}

export interface DividendSchedule {
  /** Dollars per share per payment. */
  readonly amount: number;
  /** Months (1-12) with an ex-dividend date. */
  readonly months: readonly number[];
  /** Day of the month the ex-date falls on or after (the next trading day). */
  readonly day: number;
}

export interface UnderlyingProfile {
  readonly symbol: string;
  /** Price at the start of the simulation, dollars. */
  readonly price: number;
  /** Long-run at-the-money implied volatility (annualised). */
  readonly atmVol: number;
  /** Volatility of log-volatility, per square-root year. */
  readonly volOfVol: number;
  /** Mean reversion speed of log-volatility, per year. */
  readonly volMeanReversion: number;
  /** Correlation of price and volatility shocks (negative for equities: the leverage effect). */
  readonly spotVolCorrelation: number;
  /** Expected jumps per year, and their log-size mean and standard deviation. */
  readonly jumpIntensity: number;
  readonly jumpMean: number;
  readonly jumpStdev: number;
  /** Smile in standardised moneyness d = ln(K/F)/(σ√T): σ(d) = σ_atm·(1 + skew·d + smile·d²). */
  readonly skew: number;
  readonly smile: number;
  readonly earnings: EarningsSchedule;
  readonly dividend: DividendSchedule | null;
  /** Typical stock bid/ask spread, dollars. */
  readonly stockSpread: number;
  /** Option spread multiplier: 1 for the most liquid names, larger for thinner ones. */
  readonly optionSpreadFactor: number;
  /** Scales displayed sizes, volume and open interest. */
  readonly activity: number;
}

const QUARTER_1 = [1, 4, 7, 10] as const;
const QUARTER_2 = [2, 5, 8, 11] as const;
const QUARTER_3 = [3, 6, 9, 12] as const;

/** The default universe. */
export const DEFAULT_PROFILES: Readonly<Record<string, UnderlyingProfile>> = {
  NVDA: {
    symbol: 'NVDA',
    price: 185,
    atmVol: 0.48,
    volOfVol: 0.88,
    volMeanReversion: 6,
    spotVolCorrelation: -0.5,
    jumpIntensity: 4,
    jumpMean: -0.01,
    jumpStdev: 0.05,
    skew: -0.07,
    smile: 0.02,
    earnings: { months: QUARTER_2, day: 25, timing: 'after_close', moveStdev: 0.075 },
    dividend: { amount: 0.01, months: QUARTER_3, day: 5 },
    stockSpread: 0.01,
    optionSpreadFactor: 1,
    activity: 3,
  },
  AMD: {
    symbol: 'AMD',
    price: 240,
    atmVol: 0.52,
    volOfVol: 0.88,
    volMeanReversion: 6,
    spotVolCorrelation: -0.5,
    jumpIntensity: 4,
    jumpMean: -0.01,
    jumpStdev: 0.06,
    skew: -0.06,
    smile: 0.025,
    earnings: { months: QUARTER_2, day: 4, timing: 'after_close', moveStdev: 0.08 },
    dividend: null,
    stockSpread: 0.02,
    optionSpreadFactor: 1.1,
    activity: 2,
  },
  TSLA: {
    symbol: 'TSLA',
    price: 430,
    atmVol: 0.6,
    volOfVol: 1.04,
    volMeanReversion: 7,
    spotVolCorrelation: -0.3,
    jumpIntensity: 6,
    jumpMean: 0,
    jumpStdev: 0.06,
    skew: -0.03,
    smile: 0.035,
    earnings: { months: QUARTER_1, day: 22, timing: 'after_close', moveStdev: 0.09 },
    dividend: null,
    stockSpread: 0.02,
    optionSpreadFactor: 1,
    activity: 3,
  },
  JPM: {
    symbol: 'JPM',
    price: 300,
    atmVol: 0.24,
    volOfVol: 0.72,
    volMeanReversion: 7,
    spotVolCorrelation: -0.6,
    jumpIntensity: 2,
    jumpMean: -0.015,
    jumpStdev: 0.04,
    skew: -0.1,
    smile: 0.02,
    earnings: { months: QUARTER_1, day: 14, timing: 'before_open', moveStdev: 0.035 },
    dividend: { amount: 1.5, months: QUARTER_1, day: 6 },
    stockSpread: 0.02,
    optionSpreadFactor: 1.4,
    activity: 1.2,
  },
  GS: {
    symbol: 'GS',
    price: 780,
    atmVol: 0.3,
    volOfVol: 0.72,
    volMeanReversion: 7,
    spotVolCorrelation: -0.6,
    jumpIntensity: 2,
    jumpMean: -0.015,
    jumpStdev: 0.045,
    skew: -0.09,
    smile: 0.02,
    earnings: { months: QUARTER_1, day: 15, timing: 'before_open', moveStdev: 0.045 },
    dividend: { amount: 4, months: QUARTER_2, day: 27 },
    stockSpread: 0.08,
    optionSpreadFactor: 2.5,
    activity: 0.6,
  },
  BAC: {
    symbol: 'BAC',
    price: 52,
    atmVol: 0.28,
    volOfVol: 0.72,
    volMeanReversion: 7,
    spotVolCorrelation: -0.6,
    jumpIntensity: 2,
    jumpMean: -0.015,
    jumpStdev: 0.045,
    skew: -0.1,
    smile: 0.025,
    earnings: { months: QUARTER_1, day: 15, timing: 'before_open', moveStdev: 0.035 },
    dividend: { amount: 0.28, months: QUARTER_3, day: 6 },
    stockSpread: 0.01,
    optionSpreadFactor: 1,
    activity: 2,
  },
};

export const DEFAULT_SYMBOLS: readonly string[] = DEFAULT_UNDERLYINGS;

/** The profile of a symbol: a default one, or one derived deterministically from the name. */
export function profileFor(symbol: string): UnderlyingProfile {
  const known = DEFAULT_PROFILES[symbol];
  if (known) return known;
  const u = (salt: number): number => unitFromHash(hashString(symbol, salt));
  const months = [QUARTER_1, QUARTER_2, QUARTER_3][Math.floor(u(3) * 3)] ?? QUARTER_1;
  return {
    symbol,
    price: Math.round(20 + 280 * u(1)),
    atmVol: 0.22 + 0.35 * u(2),
    volOfVol: 0.8,
    volMeanReversion: 6.5,
    spotVolCorrelation: -0.5,
    jumpIntensity: 3,
    jumpMean: -0.01,
    jumpStdev: 0.05,
    skew: -0.07,
    smile: 0.025,
    earnings: {
      months,
      day: 10 + Math.floor(u(4) * 15),
      timing: 'after_close',
      moveStdev: 0.04 + 0.05 * u(5),
    },
    dividend: null,
    stockSpread: 0.02,
    optionSpreadFactor: 1.5,
    activity: 1,
  };
}
