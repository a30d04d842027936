#!/usr/bin/env python3
"""Reference float32 cosines for Float32CosineTest: SLEEF's cosf u10 with FMA (libsleef3, the routine behind
PyTorch's float32 CPU cos; the training fixture's torch.hann_window values match it bit for bit).

Run from the repository root:  /usr/bin/python3 sdk-training/src/test/python/gen_float32_cosine.py
Writes sdk-training/src/test/resources/reference/float32_cosine.npy: float32 (2, N), row 0 the arguments,
row 1 Sleef_cosf1_u10purecfma of each (called through ctypes; needs libsleef.so.3).
"""
import ctypes
import math
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")
os.makedirs(OUT, exist_ok=True)

lib = ctypes.CDLL("libsleef.so.3")
cosf = lib.Sleef_cosf1_u10purecfma
cosf.restype = ctypes.c_float
cosf.argtypes = [ctypes.c_float]

rng = np.random.RandomState(20261207)
x = np.concatenate([
    rng.uniform(0, 2 * math.pi, 2048),          # window angles
    rng.uniform(-124, 124, 1024),                # the whole supported range, both signs
    np.arange(1025) * np.float32(2 * math.pi / 1024),   # the angles of torch.hann_window(1024)
    [0.0, -0.0, 1e-30, math.pi / 2, math.pi, 3 * math.pi / 2, 123.999],
]).astype(np.float32)
y = np.array([cosf(float(v)) for v in x], dtype=np.float32)
np.save(os.path.join(OUT, "float32_cosine.npy"), np.stack([x, y]))
print("wrote", x.size, "values")
