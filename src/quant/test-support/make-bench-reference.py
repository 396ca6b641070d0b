#!/usr/bin/env python3
"""Reference prices and Greeks (mpmath, 60 digits) for the first options of the benchmark grid of
bench/quant.bench.ts, so that the benchmark can report every implementation's price and Greek errors.

Re-create with (from the repository root):
    python3 src/quant/test-support/make-bench-reference.py > src/quant/test-support/bench-reference.json
    npx prettier --write src/quant/test-support/bench-reference.json   # the repository's JSON formatting

The grid: SplitMix64 seeded with 20240215; per option four draws u1..u4 (53-bit doubles):
ln(K/S) = -1 + 2*u1, T = 1/365 + (3 - 1/365)*u2, sigma = 0.05 + 1.45*u3, call if u4 < 0.5; S = 100,
r = q = 0. K = 100*exp(ln(K/S)) is rounded here by CPython, so the rows carry their own inputs.
"""
import json
import math
import sys

import mpmath as mp

mp.mp.dps = 60
MASK = (1 << 64) - 1
COUNT = 1000


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next_double(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        return (z >> 11) / 2.0 ** 53


def greeks(S, K, T, sig, call):
    S, K, T, sig = map(mp.mpf, (S, K, T, sig))
    sq = mp.sqrt(T)
    d1 = mp.log(S / K) / (sig * sq) + sig * sq / 2
    d2 = d1 - sig * sq
    pdf = mp.npdf(d1)
    if call:
        price = S * mp.ncdf(d1) - K * mp.ncdf(d2)
        delta = mp.ncdf(d1)
        rho = T * K * mp.ncdf(d2)
    else:
        price = K * mp.ncdf(-d2) - S * mp.ncdf(-d1)
        delta = -mp.ncdf(-d1)
        rho = -T * K * mp.ncdf(-d2)
    gamma = pdf / (S * sig * sq)
    vega = S * pdf * sq
    theta = -S * pdf * sig / (2 * sq)
    return price, delta, gamma, vega, theta, rho


rng = SplitMix64(20240215)
rows = []
for _ in range(COUNT):
    u1, u2, u3, u4 = (rng.next_double() for _ in range(4))
    strike = 100 * math.exp(-1 + 2 * u1)
    t = 1 / 365 + (3 - 1 / 365) * u2
    sigma = 0.05 + 1.45 * u3
    call = u4 < 0.5
    rows.append([strike, t, sigma, 1 if call else 0] + [float(v) for v in greeks(100, strike, t, sigma, call)])

json.dump({
    'note': 'first %d options of the bench grid; mpmath 1.3.0 at 60 digits; see make-bench-reference.py' % COUNT,
    'columns': ['strike', 'timeYears', 'volatility', 'call', 'price', 'delta', 'gamma', 'vega', 'theta', 'rho'],
    'rows': rows,
}, sys.stdout, separators=(',', ':'))
