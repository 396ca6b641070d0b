/**
 * Typed access to `reference.json`: values computed with mpmath at 60 digits by `make-reference.py`
 * (`python3 src/quant/test-support/make-reference.py > src/quant/test-support/reference.json`), each exact
 * result rounded once to the nearest double.
 */
import reference from './reference.json' with { type: 'json' };

interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | null)[])[];
}

function rowsOf<K extends string>(table: Table, names: readonly K[]): Record<K, number>[] {
  const index = names.map((n) => {
    const i = table.columns.indexOf(n);
    if (i < 0) throw new Error(`reference table has no column ${n}`);
    return i;
  });
  return table.rows.map((row) => {
    const out = {} as Record<K, number>;
    names.forEach((n, j) => {
      const v = row[index[j]!];
      out[n] = v === null || v === undefined ? NaN : v;
    });
    return out;
  });
}

/** erf, erfc, erfcx at x (erfcx NaN where it overflows). */
export const erfRows = rowsOf(reference.erf, ['x', 'erf', 'erfc', 'erfcx'] as const);
/** Φ(z). */
export const ncdfRows = rowsOf(reference.ncdf, ['z', 'Phi'] as const);
/** Φ⁻¹(p). */
export const ncdfInverseRows = rowsOf(reference.ncdfInverse, ['p', 'z'] as const);
/**
 * Normalised Black b(x, s) for a call (call = 1) or put, its out-of-the-money part bOtm = b(−|x|, s) (for
 * the call orientation), and the condition numbers sensS = |s·∂b/∂s / b| and sensX = |x·∂b/∂x / b|.
 */
export const blackRows = rowsOf(reference.black, ['x', 's', 'call', 'b', 'sensS', 'sensX', 'bOtm'] as const);
/**
 * Implied s for an out-of-the-money call: x ≤ 0, β (a double), gap = e^{x/2} − β, the exact s for that β, and
 * the attainable relative accuracy factor 1 + b/(s·∂b/∂s) (multiply by ε).
 */
export const ivRows = rowsOf(reference.iv, ['x', 'beta', 'gap', 's', 'attainable'] as const);
/** Black-Scholes-Merton prices and Greeks; thetaScale is the sum of the magnitudes of theta's terms. */
export const bsmRows = rowsOf(reference.bsm, [
  'spot',
  'strike',
  'timeYears',
  'rate',
  'dividendYield',
  'volatility',
  'call',
  'price',
  'delta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'thetaScale',
] as const);
