/**
 * Delbourgo–Gregory rational cubic interpolation (R. Delbourgo, J. A. Gregory, "Shape preserving piecewise
 * rational interpolation", SIAM J. Sci. Stat. Comput. 6, 1985), as used by "Let's Be Rational" for its
 * initial guesses. On [x_l, x_r] with values y_l, y_r, slopes d_l, d_r and control parameter r:
 *
 *   y = [y_r·u³ + (r·y_r − Δx·d_r)·u²·v + (r·y_l + Δx·d_l)·u·v² + y_l·v³] / [1 + (r − 3)·u·v],
 *
 * u = (x − x_l)/Δx, v = 1 − u. r = 3 is the cubic Hermite; a larger r pulls the curve toward the chord, and
 * r ≥ (d_l + d_r)/Δ (Δ the chord slope) keeps monotone data monotone.
 */

/**
 * Evaluates the interpolant at fractions u and v = 1 − u of the interval (passed separately so that either
 * end can be approached without cancellation).
 */
export function rationalCubic(
  u: number,
  v: number,
  width: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  r: number,
): number {
  const num =
    yr * u * u * u + (r * yr - width * dr) * u * u * v + (r * yl + width * dl) * u * v * v + yl * v * v * v;
  return num / (1 + (r - 3) * u * v);
}

/** The smallest control parameter that keeps monotone data monotone, (d_l + d_r)/Δ. */
function minimumControl(width: number, yl: number, yr: number, dl: number, dr: number): number {
  const chord = (yr - yl) / width;
  const m = (dl + dr) / chord;
  return m > 0 ? m : 0;
}

/** Keeps r shape-preserving and finite: at least the monotone minimum, at most a large constant. */
function clampControl(r: number, minimum: number): number {
  const MAXIMUM = 1e6;
  if (!(r >= minimum)) return minimum;
  return r > MAXIMUM ? MAXIMUM : r;
}

/** The control parameter that matches the second derivative `second` at the left end (shape-preserving). */
export function controlForLeftSecondDerivative(
  width: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  second: number,
): number {
  const chord = (yr - yl) / width;
  const r = (dr - dl + 0.5 * width * second) / (chord - dl);
  return clampControl(r, minimumControl(width, yl, yr, dl, dr));
}

/** The control parameter that matches the second derivative `second` at the right end (shape-preserving). */
export function controlForRightSecondDerivative(
  width: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  second: number,
): number {
  const chord = (yr - yl) / width;
  const r = (dr - dl + 0.5 * width * second) / (dr - chord);
  return clampControl(r, minimumControl(width, yl, yr, dl, dr));
}
