#!/usr/bin/env python3
"""Paired bootstrap over utterances of the RVQ-1 PNMI difference (its standard error) between two token directories.

Usage: pnmi_bootstrap.py MANIFEST.jsonl TOKENS_A TOKENS_B [ITERATIONS]
TOKENS_*: .npy files (layers, 1, frames) named <utterance id>.npy, as `voxtok encode --format npy` writes them;
MANIFEST: the corpus manifest with per-phone "alignment" [[phone, start, end], ...]. Each frame is labelled with the
phone covering its centre (t + 0.5) / 50 s, as `voxtok analyze tokens` does (the point estimates match its report).
A measurement aid for the README (numpy only); not part of the SDK.
"""
import json, sys, numpy as np, glob, os
man = {}
for l in open(sys.argv[1]):
    d = json.loads(l); man[d['id']] = d['alignment']
def labels(al, n):
    out = []
    for t in range(n):
        c = (t + 0.5) / 50.0; p = None
        for ph, a, b in al:
            if a <= c < b: p = ph; break
        out.append(p)
    return out
def load(d):
    u = {}
    for f in sorted(glob.glob(d + '/*.npy')):
        i = os.path.basename(f)[:-4]; c = np.load(f)[0, 0]
        u[i] = (c, labels(man[i], len(c)))
    return u
def pnmi(items):
    from collections import Counter
    j = Counter()
    for c, l in items:
        for x, p in zip(c, l):
            if p is not None: j[(p, int(x))] += 1
    n = sum(j.values()); P = Counter(); C = Counter()
    for (p, x), v in j.items(): P[p] += v; C[x] += v
    mi = sum(v / n * np.log(v * n / (P[p] * C[x])) for (p, x), v in j.items())
    h = -sum(v / n * np.log(v / n) for v in P.values())
    return mi / h
A = load(sys.argv[2]); B = load(sys.argv[3]); ids = sorted(set(A) & set(B))
a0 = pnmi([A[i] for i in ids]); b0 = pnmi([B[i] for i in ids])
rng = np.random.default_rng(0); diffs = []
for _ in range(int(sys.argv[4]) if len(sys.argv) > 4 else 1000):
    s = rng.choice(ids, len(ids))
    diffs.append(pnmi([A[i] for i in s]) - pnmi([B[i] for i in s]))
sd = float(np.std(diffs))
# resampling utterances with replacement raises the plug-in PNMI of both sets (duplicated utterances), so the
# percentile interval sits above the estimate; the standard error of the difference is the number to read
print(f"{len(ids)} utterances: PNMI {a0:.3f} vs {b0:.3f}, difference {a0-b0:.3f}, bootstrap standard error "
      f"{sd:.3f} ({len(diffs)} resamplings), difference / s.e. {(a0-b0)/sd:.1f}")
