#!/usr/bin/env python3
"""Times a plain PyTorch re-implementation of the official SpeechTokenizer and EnCodec 24 kHz inference.

Written from the module descriptions of /work/shared/reference/SPEC.md (sections 1, 2.2, 3.1, 4.1-4.3), not
copied from either repository: the same layers in the same order, built the way the official modules are
(torch.nn.utils.weight_norm convolutions whose weight is recomputed by a pre-forward hook on every call, explicit
reflect padding before nn.Conv1d with padding 0, nn.ConvTranspose1d then trimming, nn.LSTM with the skip
connection, the RVQ distance ||x||^2 - 2 x.e + ||e||^2 with argmax), so its time stands in for the official
code's on the same machine. Random weights (PyTorch's default initialisation, codebooks N(0, 1)), as in SPEC 9.3.

Never a build or test dependency of the SDK: scripts/bench-official-side-by-side.sh runs it next to
`voxtok bench speed`. Prints one JSON object (timings, versions, BLAS, threads, load) on stdout.
"""

import argparse
import json
import math
import os
import platform
import statistics
import time

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils import weight_norm


def seanet_padding(length, kernel, stride, dilation, causal):
    """SPEC 1.1: fixed padding P = k_eff - s split (non-causal) or all left (causal), plus the extra right
    padding E that makes the frames whole."""
    k_eff = (kernel - 1) * dilation + 1
    fixed = k_eff - stride
    frames = (length - k_eff + fixed) / stride + 1
    extra = (math.ceil(frames) - 1) * stride + k_eff - fixed - length
    if causal:
        return fixed, extra
    right = fixed // 2
    return fixed - right, right + extra


class StreamableConv(nn.Module):
    """SConv1d: explicit reflect padding, then a weight-normed nn.Conv1d with padding 0."""

    def __init__(self, cin, cout, kernel, stride=1, dilation=1, causal=False):
        super().__init__()
        self.conv = weight_norm(nn.Conv1d(cin, cout, kernel, stride, dilation=dilation))
        self.kernel, self.stride, self.dilation, self.causal = kernel, stride, dilation, causal

    def forward(self, x):
        left, right = seanet_padding(x.shape[-1], self.kernel, self.stride, self.dilation, self.causal)
        return self.conv(F.pad(x, (left, right), mode="reflect"))


class StreamableConvTranspose(nn.Module):
    """SConvTranspose1d: weight-normed nn.ConvTranspose1d(k = 2s), then P = k - s samples trimmed (SPEC 1.2)."""

    def __init__(self, cin, cout, stride, causal=False):
        super().__init__()
        self.convtr = weight_norm(nn.ConvTranspose1d(cin, cout, 2 * stride, stride))
        self.stride, self.causal = stride, causal

    def forward(self, x):
        y = self.convtr(x)
        surplus = self.stride  # k - s with k = 2s
        if self.causal:
            left, right = 0, surplus
        else:
            right = surplus // 2
            left = surplus - right
        return y[..., left:y.shape[-1] - right]


class ResidualBlock(nn.Module):
    """SPEC 1.5: shortcut(x) + conv1x1(ELU(conv_k3(ELU(x)))), hidden width dim / 2."""

    def __init__(self, dim, causal):
        super().__init__()
        self.block = nn.Sequential(nn.ELU(), StreamableConv(dim, dim // 2, 3, causal=causal), nn.ELU(),
                                   StreamableConv(dim // 2, dim, 1, causal=causal))
        self.shortcut = StreamableConv(dim, dim, 1, causal=causal)

    def forward(self, x):
        return self.shortcut(x) + self.block(x)


class SkipLstm(nn.Module):
    """SPEC 1.6: (B, C, T) -> (T, B, C), 2-layer LSTM, + x (or + [x; x] when bidirectional), back."""

    def __init__(self, dim, bidirectional):
        super().__init__()
        self.lstm = nn.LSTM(dim, dim, 2, bidirectional=bidirectional)
        self.bidirectional = bidirectional

    def forward(self, x):
        seq = x.permute(2, 0, 1)
        y, _ = self.lstm(seq)
        skip = torch.cat([seq, seq], dim=-1) if self.bidirectional else seq
        return (y + skip).permute(1, 2, 0)


def encoder(nf, dim, ratios, bidirectional, causal):
    layers = [StreamableConv(1, nf, 7, causal=causal)]
    mult = 1
    for r in reversed(ratios):
        layers += [ResidualBlock(mult * nf, causal), nn.ELU(),
                   StreamableConv(mult * nf, mult * nf * 2, 2 * r, r, causal=causal)]
        mult *= 2
    width = mult * nf * (2 if bidirectional else 1)
    layers += [SkipLstm(mult * nf, bidirectional), nn.ELU(), StreamableConv(width, dim, 7, causal=causal)]
    return nn.Sequential(*layers)


def decoder(nf, dim, ratios, causal):
    mult = 2 ** len(ratios)
    layers = [StreamableConv(dim, mult * nf, 7, causal=causal), SkipLstm(mult * nf, False)]
    for r in ratios:
        layers += [nn.ELU(), StreamableConvTranspose(mult * nf, mult * nf // 2, r, causal),
                   ResidualBlock(mult * nf // 2, causal)]
        mult //= 2
    layers += [nn.ELU(), StreamableConv(nf, 1, 7, causal=causal)]
    return nn.Sequential(*layers)


class ResidualVq(nn.Module):
    """SPEC 3.1: per codebook, the argmax of -(||x||^2 - 2 x.e + ||e||^2) over rows, then the residual update."""

    def __init__(self, n_q, bins, dim):
        super().__init__()
        self.register_buffer("embed", torch.randn(n_q, bins, dim))

    def encode(self, latent, n_q):
        residual = latent.transpose(1, 2).reshape(-1, latent.shape[1])
        codes = []
        for i in range(n_q):
            e = self.embed[i]
            dist = -(residual.pow(2).sum(1, keepdim=True) - 2 * residual @ e.t() + e.pow(2).sum(1)[None])
            idx = dist.max(dim=-1).indices
            residual = residual - F.embedding(idx, e)
            codes.append(idx.view(latent.shape[0], -1))
        return torch.stack(codes)

    def decode(self, codes):
        out = 0
        for i in range(codes.shape[0]):
            out = out + F.embedding(codes[i], self.embed[i])
        return out.transpose(1, 2)


MODELS = {
    # SPEC 2.1/2.2: n_filters 64, dimension 1024, strides [8, 5, 4, 2], BiLSTM encoder, 8 x 1024 codebooks
    "speechtokenizer": dict(rate=16000, nf=64, dim=1024, ratios=[8, 5, 4, 2], bidirectional=True, causal=False,
                            n_q=8, bins=1024),
    # SPEC 4.1/4.2: n_filters 32, dimension 128, causal, unidirectional LSTMs; 6 kbps = 8 of 32 codebooks
    "encodec_24khz": dict(rate=24000, nf=32, dim=128, ratios=[8, 5, 4, 2], bidirectional=False, causal=True,
                          n_q=8, bins=1024),
}


def blas_libraries():
    """The BLAS/LAPACK/OpenMP libraries mapped into this process (which libblas.so.3 torch really uses)."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                name = os.path.basename(path)
                if any(k in name for k in ("blas", "lapack", "gomp", "iomp", "mkl", "dnnl")):
                    found.add(path)
    except OSError:
        pass
    return sorted(found)


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return f.read().strip()
    except OSError:
        return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", choices=sorted(MODELS), required=True)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    cfg = MODELS[args.model]
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    load_before = load_average()
    enc = encoder(cfg["nf"], cfg["dim"], cfg["ratios"], cfg["bidirectional"], cfg["causal"]).eval()
    dec = decoder(cfg["nf"], cfg["dim"], cfg["ratios"], cfg["causal"]).eval()
    rvq = ResidualVq(cfg["n_q"], cfg["bins"], cfg["dim"]).eval()
    samples = int(round(args.seconds * cfg["rate"]))
    t = torch.arange(samples) / cfg["rate"]
    wav = (0.1 * torch.sin(2 * math.pi * 150 * t) + 0.003 * torch.randn(samples)).view(1, 1, -1)
    encode_s, decode_s, encode_cpu, decode_cpu = [], [], [], []
    with torch.inference_mode():
        for i in range(args.warmup + args.runs):
            c0, t0 = time.process_time(), time.perf_counter()
            codes = rvq.encode(enc(wav), cfg["n_q"])
            c1, t1 = time.process_time(), time.perf_counter()
            audio = dec(rvq.decode(codes))
            c2, t2 = time.process_time(), time.perf_counter()
            if i >= args.warmup:
                encode_s.append(t1 - t0)
                decode_s.append(t2 - t1)
                encode_cpu.append(c1 - c0)
                decode_cpu.append(c2 - c1)
    frames = math.ceil(samples / 320)
    assert tuple(codes.shape) == (cfg["n_q"], 1, frames), codes.shape
    assert audio.shape[-1] == frames * 320, audio.shape
    print(json.dumps({
        "implementation": "PyTorch re-implementation of the official modules (scripts/reference)",
        "model": args.model,
        "audioSeconds": args.seconds,
        "threads": torch.get_num_threads(),
        "encodeSeconds": encode_s,
        "decodeSeconds": decode_s,
        "encodeMedian": statistics.median(encode_s),
        "decodeMedian": statistics.median(decode_s),
        "encodeCpuSeconds": encode_cpu,
        "decodeCpuSeconds": decode_cpu,
        "torch": torch.__version__,
        "torchConfig": torch.__config__.show(),
        "parallelInfo": torch.__config__.parallel_info(),
        "mappedLibraries": blas_libraries(),
        "python": platform.python_version(),
        "environment": {k: v for k, v in os.environ.items()
                        if k.startswith(("OMP_", "GOMP_", "MKL_", "OPENBLAS_", "KMP_", "LD_LIBRARY_PATH"))},
        "loadAverageBefore": load_before,
        "loadAverageAfter": load_average(),
    }))


if __name__ == "__main__":
    main()
