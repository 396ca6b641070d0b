#!/usr/bin/env python3
"""Reference tables for the quant tests, computed with mpmath at 60 significant digits.

Re-create with (from the repository root):
    python3 src/quant/test-support/make-reference.py > src/quant/test-support/reference.json
    npx prettier --write src/quant/test-support/reference.json   # the repository's JSON formatting
Deterministic (fixed seed); mpmath 1.3.0, CPython 3.11. Every stored value is the exact result rounded
once to the nearest double (repr with 17 significant digits).
"""
import json
import random
import sys

import mpmath as mp

mp.mp.dps = 60
rng = random.Random(20240215)


def d(v):
    """The exact value rounded to the nearest double, as a JSON number."""
    return float(v)


def black_otm(x, s):
    """Normalised Black b(x, s) for an out-of-the-money call, x <= 0, to 60 digits: the working precision
    grows until the difference of the two terms keeps 40 digits after cancellation."""
    if s == 0:
        return mp.mpf(0)
    for extra in (0, 60, 150, 350, 700):
        with mp.workdps(60 + extra):
            h, t = x / s, s / 2
            if h + t < -1e50:
                return mp.mpf(0)  # below 1e-(1e99): zero for every purpose here (and beyond mpmath's erfc range)
            first = mp.exp(x / 2) * mp.ncdf(h + t)
            b = first - mp.exp(-x / 2) * mp.ncdf(h - t)
            if b > first * mp.mpf(10) ** (-(extra + 20)):
                return +b
    raise RuntimeError('cancellation beyond 700 digits')


def black(x, s, call):
    """Normalised Black for a call or put, any x."""
    tx = x if call else -x
    return (mp.exp(tx / 2) - mp.exp(-tx / 2) if tx > 0 else 0) + black_otm(-abs(tx), s)


def vega(x, s):
    return mp.exp(x / 2) * mp.npdf(x / s + s / 2)


def dbdx_otm(x, s):
    h, t = x / s, s / 2
    return (mp.exp(x / 2) * mp.ncdf(h + t) + mp.exp(-x / 2) * mp.ncdf(h - t)) / 2


def solve_s(x, beta):
    """The exact s with black_otm(x, s) = beta (beta an mpf): bracketed Newton in u = ln s on ln b (lower
    half) or on ln(beta_max - b) (upper half), bisection in u whenever Newton leaves the bracket."""
    bmax = mp.exp(x / 2)
    upper = beta > bmax / 2
    target = mp.log(bmax - beta) if upper else mp.log(beta)
    lo, hi = mp.mpf(-1000), mp.mpf(0)
    while black_otm(x, mp.exp(hi)) < beta:
        lo, hi = hi, hi + 1
    u = (lo + hi) / 2
    for _ in range(2000):
        s = mp.exp(u)
        b = black_otm(x, s)
        if upper:
            f = mp.log(bmax - b) - target if bmax > b else mp.mpf(-1e9)
            fp = -s * vega(x, s) / (bmax - b)
        else:
            f = mp.log(b) - target if b > 0 else mp.mpf(-1e9)
            fp = s * vega(x, s) / b if b > 0 else mp.mpf(0)
        if (f < 0) != upper:
            lo = u
        else:
            hi = u
        nxt = u - f / fp if fp != 0 else (lo + hi) / 2
        if not (lo < nxt < hi):
            nxt = (lo + hi) / 2
        if abs(nxt - u) < mp.mpf(10) ** -45 or hi - lo < mp.mpf(10) ** -45:
            return mp.exp(nxt)
        u = nxt
    raise RuntimeError('no convergence')


def erf_table():
    xs = [0, 1e-300, 1e-20, 1e-8, 0.1, 0.46875, 0.4687500000000001, 0.5, 1, 2, 3.99, 4, 4.0000000000001, 5, 8, 12,
          20, 26, 26.5, 27, 40, 1e4, 1e8]
    xs += [rng.uniform(-6, 6) for _ in range(150)] + [rng.uniform(-27, 30) for _ in range(150)]
    xs += [-v for v in xs[:24]]
    rows = []
    for x in xs:
        X = mp.mpf(x)
        rows.append([x, d(mp.erf(X)), d(mp.erfc(X)), d(mp.exp(X * X) * mp.erfc(X)) if x > -26.6 else None])
    return rows


def ncdf_table():
    zs = [-38.4, -37.5, -37, -30, -20, -10, -8, -6, -5, -3, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 3, 5, 8, 9]
    zs += [rng.uniform(-38, 8) for _ in range(150)]
    return [[z, d(mp.ncdf(mp.mpf(z)))] for z in zs]


def ncdf_inverse_table():
    ps = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.02425, 0.03, 0.1, 0.3, 0.5, 0.7, 0.9,
          0.97, 0.975, 0.99, 0.999999, 1 - 1e-12]
    ps += [10 ** rng.uniform(-300, 0) for _ in range(100)] + [rng.uniform(0, 1) for _ in range(50)]
    return [[p, d(inverse_ncdf(mp.mpf(p)))] for p in ps]


def inverse_ncdf(p):
    """z with Phi(z) = p, by Newton on ln Phi (lower half) or ln(1 - Phi) (upper half)."""
    upper = p > 0.5
    target = mp.log(1 - p) if upper else mp.log(p)
    z = mp.mpf(0)
    for _ in range(500):
        if upper:
            f = mp.log(mp.ncdf(-z)) - target
            fp = -mp.npdf(z) / mp.ncdf(-z)
        else:
            f = mp.log(mp.ncdf(z)) - target
            fp = mp.npdf(z) / mp.ncdf(z)
        step = f / fp
        z -= step
        if abs(step) < mp.mpf(10) ** -50:
            return z
    raise RuntimeError('no convergence')


def black_table():
    rows = []
    for i in range(2000):
        kind = i % 4
        if kind == 0:
            x = -10 ** rng.uniform(-8, 2.8)
        elif kind == 1:
            x = rng.uniform(-3, 3)
        elif kind == 2:
            x = rng.uniform(-0.05, 0.05)
        else:
            x = rng.choice([0.0, -1e-14, 1e-12, -2.0, 2.0, -1.999999, -0.5]) * rng.choice([1, -1])
        s = 10 ** rng.uniform(-4, 1.3)
        call = rng.random() < 0.5
        X, S = mp.mpf(x), mp.mpf(s)
        b = black(X, S, call)
        if b < mp.mpf('1e-300'):
            continue
        ax = -abs(X)
        otm = black_otm(ax, S)
        sens_s = S * vega(X, S) / b
        sens_x = abs(X) * abs(mp.diff(lambda xx: black(xx, S, call), X)) / b if x != 0 else mp.mpf(0)
        rows.append([x, s, 1 if call else 0, d(b), d(sens_s), d(sens_x), d(otm)])
    return rows


def iv_table():
    rows = []
    for i in range(2500):
        kind = i % 5
        if kind == 0:
            x = -10 ** rng.uniform(-10, 2.85)
        elif kind == 1:
            x = -rng.uniform(0, 3)
        elif kind == 2:
            x = -rng.uniform(0, 0.05)
        elif kind == 3:
            x = rng.choice([0.0, -1e-14, -2.0, -1.9999999, -2.0000001, -0.5, -700.0, -1e-300])
        else:
            x = -10 ** rng.uniform(-3, 2.5)
        X = mp.mpf(x)
        bmax = mp.exp(X / 2)
        if i % 2 == 0:
            s = mp.mpf(10 ** rng.uniform(-4, 1.5))
            beta = black_otm(X, s)
        else:
            # beta log-uniform over the whole double range below beta_max, or close to beta_max
            if rng.random() < 0.8:
                beta = bmax * mp.mpf(10) ** rng.uniform(-300, 0)
            else:
                beta = bmax * (1 - mp.mpf(10) ** rng.uniform(-15, -0.01))
        bd = float(beta)
        if not (bd > 1e-305 and bd < float(bmax)):
            continue
        B = mp.mpf(bd)
        if B >= bmax:
            continue
        gap = bmax - B
        s = solve_s(X, B)
        attain = 1 + B / (s * vega(X, s))
        rows.append([x, bd, d(gap), d(s), d(attain)])
    return rows


def bsm(S, K, T, r, q, sig, call):
    S, K, T, r, q, sig = map(mp.mpf, (S, K, T, r, q, sig))
    sq = mp.sqrt(T)
    d1 = (mp.log(S / K) + (r - q + sig * sig / 2) * T) / (sig * sq)
    d2 = d1 - sig * sq
    A, B = S * mp.exp(-q * T), K * mp.exp(-r * T)
    if call:
        price = A * mp.ncdf(d1) - B * mp.ncdf(d2)
        delta = mp.exp(-q * T) * mp.ncdf(d1)
        theta = -A * mp.npdf(d1) * sig / (2 * sq) - r * B * mp.ncdf(d2) + q * A * mp.ncdf(d1)
        rho = T * B * mp.ncdf(d2)
        scale_theta = A * mp.npdf(d1) * sig / (2 * sq) + abs(r) * B * mp.ncdf(d2) + abs(q) * A * mp.ncdf(d1)
    else:
        price = B * mp.ncdf(-d2) - A * mp.ncdf(-d1)
        delta = -mp.exp(-q * T) * mp.ncdf(-d1)
        theta = -A * mp.npdf(d1) * sig / (2 * sq) + r * B * mp.ncdf(-d2) - q * A * mp.ncdf(-d1)
        rho = -T * B * mp.ncdf(-d2)
        scale_theta = A * mp.npdf(d1) * sig / (2 * sq) + abs(r) * B * mp.ncdf(-d2) + abs(q) * A * mp.ncdf(-d1)
    gamma = mp.exp(-q * T) * mp.npdf(d1) / (S * sig * sq)
    vg = A * mp.npdf(d1) * sq
    return price, delta, gamma, vg, theta, rho, scale_theta


def bsm_table():
    rows = []
    for i in range(600):
        S = 100.0
        K = S * float(mp.exp(rng.uniform(-1.5, 1.5)))
        T = 10 ** rng.uniform(-4, 0.7)
        r = rng.choice([0.0, 0.05, -0.01, rng.uniform(-0.02, 0.1)])
        q = rng.choice([0.0, 0.02, rng.uniform(0, 0.08)])
        sig = 10 ** rng.uniform(-2, 0.5)
        call = rng.random() < 0.5
        vals = bsm(S, K, T, r, q, sig, call)
        if vals[0] < mp.mpf('1e-300'):
            continue
        rows.append([S, K, T, r, q, sig, 1 if call else 0] + [d(v) for v in vals])
    return rows


out = {
    'note': 'mpmath 1.3.0 at 60 digits; see make-reference.py',
    'erf': {'columns': ['x', 'erf', 'erfc', 'erfcx'], 'rows': erf_table()},
    'ncdf': {'columns': ['z', 'Phi'], 'rows': ncdf_table()},
    'ncdfInverse': {'columns': ['p', 'z'], 'rows': ncdf_inverse_table()},
    'black': {'columns': ['x', 's', 'call', 'b', 'sensS', 'sensX', 'bOtm'], 'rows': black_table()},
    'iv': {'columns': ['x', 'beta', 'gap', 's', 'attainable'], 'rows': iv_table()},
    'bsm': {
        'columns': ['spot', 'strike', 'timeYears', 'rate', 'dividendYield', 'volatility', 'call', 'price', 'delta',
                    'gamma', 'vega', 'theta', 'rho', 'thetaScale'],
        'rows': bsm_table(),
    },
}
json.dump(out, sys.stdout, separators=(',', ':'))
