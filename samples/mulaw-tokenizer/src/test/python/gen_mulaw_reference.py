#!/usr/bin/env python3
"""Writes src/test/resources/mulaw-reference.tsv: closed-form mu-law (mu = 255) values computed with numpy in
float64, independently of the Java code.

Companding (ITU-T G.711 continuous mu-law law):  y = sign(x) * ln(1 + mu |x|) / ln(1 + mu)
Quantiser (256 levels on y in [-1, 1], level c at y = 2c/255 - 1): code = floor((y + 1) / 2 * 255 + 0.5)
Expansion of a code: y = 2c/255 - 1, x = sign(y) * ((1 + mu)^|y| - 1) / mu

Rows: "x<TAB>compress<TAB>code<TAB>decoded" for float32 inputs on a grid over [-1, 1] plus a few special values,
then "code<TAB>decoded" rows for every code are implied by the same decode column of the grid; inputs whose
quantiser argument lies within 1e-9 of a rounding boundary are left out (both implementations may round either
way there).
Run: python3 src/test/python/gen_mulaw_reference.py
"""
import os
import numpy as np

MU = 255.0


def compress(x):
    return np.sign(x) * np.log1p(MU * np.abs(x)) / np.log1p(MU)


def quantise(y):
    return np.floor((y + 1.0) / 2.0 * MU + 0.5).astype(np.int64)


def expand_code(c):
    y = 2.0 * c / MU - 1.0
    return np.sign(y) * (np.power(1.0 + MU, np.abs(y)) - 1.0) / MU


def main():
    grid = np.linspace(-1.0, 1.0, 1001).astype(np.float32)
    special = np.array([0.0, 1e-6, -1e-6, 1e-3, -1e-3, 0.01, -0.01, 0.1, -0.1, 0.5, -0.5, 0.9, -0.9,
                        0.999, -0.999, 1.0, -1.0], dtype=np.float32)
    xs = np.concatenate([special, grid])
    x64 = xs.astype(np.float64)
    y = compress(x64)
    arg = (y + 1.0) / 2.0 * MU + 0.5
    keep = np.abs(arg - np.round(arg)) > 1e-9
    keep |= np.isin(xs, special)  # the special values are all well away from boundaries except 0, +-1 (exact)
    codes = quantise(y)
    decoded = expand_code(codes.astype(np.float64))
    out = os.path.join(os.path.dirname(__file__), "..", "resources", "mulaw-reference.tsv")
    with open(out, "w") as f:
        f.write("# x(float32)\tcompress(x)\tcode\tdecoded(code); numpy %s, float64\n" % np.__version__)
        for xi, yi, ci, di, k in zip(xs, y, codes, decoded, keep):
            if k:
                f.write("%r\t%.17g\t%d\t%.17g\n" % (float(xi), yi, ci, di))


if __name__ == "__main__":
    main()
