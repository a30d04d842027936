"""Reference outputs for the 48 kHz EnCodec code path (time_group_norm, non-causal, stereo, 1 s segments with
1 % overlap, per-segment loudness scale, linear overlap-add; SPEC 4.1 and 4.4).

The official encodec package is not installed here, so this script restates the official algorithm with
PyTorch's own modules (nn.Conv1d, nn.GroupNorm, nn.ConvTranspose1d, nn.LSTM, nn.ELU) on a small random model of
the 48 kHz layout, and stores its state dict under the official key names. Run with /usr/bin/python3 (torch 1.13):

    python3 gen_encodec48_reference.py ../resources/encodec48
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

OUT = sys.argv[1] if len(sys.argv) > 1 else "../resources/encodec48"
SR, CH, NF, DIM, BINS = 48000, 2, 2, 16, 32
RATIOS = [8, 5, 4, 2]
BANDWIDTHS = [3.0, 6.0, 12.0, 24.0]
FRAME_RATE = math.ceil(SR / 320)
NQ = int(1000 * BANDWIDTHS[-1] // (FRAME_RATE * 10))
SEGMENT, OVERLAP = 1.0, 0.01
torch.manual_seed(48)
sd = {}


def pad1d(x, left, right):
    n = x.shape[-1]
    extra = 0
    if n <= max(left, right):
        extra = max(left, right) - n + 1
        x = F.pad(x, (0, extra))
    y = F.pad(x, (left, right), mode="reflect")
    return y[..., : y.shape[-1] - extra]


class SConv(nn.Module):
    def __init__(self, key, cin, cout, k, s=1, d=1):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, k, s, dilation=d)
        self.norm = nn.GroupNorm(1, cout)
        with torch.no_grad():
            self.norm.weight.uniform_(0.5, 1.5)
            self.norm.bias.uniform_(-0.1, 0.1)
        self.k, self.s, self.d = k, s, d
        for n, p in [("conv.conv.weight", self.conv.weight), ("conv.conv.bias", self.conv.bias),
                     ("conv.norm.weight", self.norm.weight), ("conv.norm.bias", self.norm.bias)]:
            sd[key + n] = p

    def forward(self, x):
        keff = (self.k - 1) * self.d + 1
        p = keff - self.s
        n = x.shape[-1]
        frames = (n - keff + p) / self.s + 1
        extra = (math.ceil(frames) - 1) * self.s + keff - p - n
        right = p // 2
        return self.norm(self.conv(pad1d(x, p - right, right + extra)))


class SConvTr(nn.Module):
    def __init__(self, key, cin, cout, k, s):
        super().__init__()
        self.convtr = nn.ConvTranspose1d(cin, cout, k, s)
        self.norm = nn.GroupNorm(1, cout)
        with torch.no_grad():
            self.norm.weight.uniform_(0.5, 1.5)
            self.norm.bias.uniform_(-0.1, 0.1)
        self.p = k - s
        for n, prm in [("convtr.convtr.weight", self.convtr.weight), ("convtr.convtr.bias", self.convtr.bias),
                       ("convtr.norm.weight", self.norm.weight), ("convtr.norm.bias", self.norm.bias)]:
            sd[key + n] = prm

    def forward(self, x):
        y = self.norm(self.convtr(x))
        right = self.p // 2
        return y[..., self.p - right: y.shape[-1] - right]


class Res(nn.Module):
    def __init__(self, key, dim):
        super().__init__()
        self.c1 = SConv(key + "block.1.", dim, dim // 2, 3)
        self.c2 = SConv(key + "block.3.", dim // 2, dim, 1)
        self.sc = SConv(key + "shortcut.", dim, dim, 1)

    def forward(self, x):
        return self.sc(x) + self.c2(F.elu(self.c1(F.elu(x))))


class SLstm(nn.Module):
    def __init__(self, key, dim):
        super().__init__()
        self.lstm = nn.LSTM(dim, dim, 2)
        for n, p in self.lstm.named_parameters():
            sd[key + "lstm." + n] = p

    def forward(self, x):
        y = x.permute(2, 0, 1)
        return (self.lstm(y)[0] + y).permute(1, 2, 0)


ELU = nn.ELU()
enc = [SConv("encoder.model.0.", CH, NF, 7)]
mult = 1
for r in reversed(RATIOS):
    enc += [Res(f"encoder.model.{len(enc)}.", mult * NF)]
    enc += [ELU]
    enc += [SConv(f"encoder.model.{len(enc)}.", mult * NF, mult * NF * 2, 2 * r, r)]
    mult *= 2
enc += [SLstm(f"encoder.model.{len(enc)}.", mult * NF), ELU]
enc += [SConv(f"encoder.model.{len(enc)}.", mult * NF, DIM, 7)]
dec = [SConv("decoder.model.0.", DIM, mult * NF, 7)]
dec += [SLstm("decoder.model.1.", mult * NF)]
for r in RATIOS:
    dec += [ELU]
    dec += [SConvTr(f"decoder.model.{len(dec)}.", mult * NF, mult * NF // 2, 2 * r, r)]
    dec += [Res(f"decoder.model.{len(dec)}.", mult * NF // 2)]
    mult //= 2
dec += [ELU, SConv(f"decoder.model.{len(dec) + 1}.", NF, CH, 7)]
encoder, decoder = nn.Sequential(*enc).eval(), nn.Sequential(*dec).eval()

# input: 1.05 s of a stereo chirp with noise, two segments (48 000 and 2 880 samples)
n = 50400
t = torch.arange(n, dtype=torch.float64) / SR
left = 0.4 * torch.sin(2 * math.pi * (200 + 800 * t) * t) + 0.02 * torch.randn(n, dtype=torch.float64)
right = 0.2 * torch.sin(2 * math.pi * 330 * t) + 0.3 * torch.sin(2 * math.pi * 50 * t)
x = torch.stack([left, right]).float()[None]

seg_len = int(SEGMENT * SR)
stride = max(1, int((1 - OVERLAP) * seg_len))
with torch.no_grad():
    # codebooks: scaled samples of latent vectors, so codes are not near ties
    z0 = encoder(x[..., :seg_len] / (1e-8 + x[..., :seg_len].mean(1, keepdim=True).pow(2).mean(2, keepdim=True).sqrt()))
    rows = z0[0].T
    embeds = []
    residual = rows.clone()
    for q in range(NQ):
        idx = torch.randperm(rows.shape[0])[:BINS]
        e = residual[idx] + 0.01 * torch.randn(BINS, DIM)
        embeds.append(e)
        d = residual.pow(2).sum(1, keepdim=True) - 2 * residual @ e.T + e.pow(2).sum(1)[None]
        residual = residual - e[d.argmin(1)]
    for q, e in enumerate(embeds):
        sd[f"quantizer.vq.layers.{q}._codebook.embed"] = e
        sd[f"quantizer.vq.layers.{q}._codebook.inited"] = torch.ones(1)
        sd[f"quantizer.vq.layers.{q}._codebook.cluster_size"] = torch.ones(BINS)

    def quantize(z, nq):
        r = z[0].T
        codes = []
        for e in embeds[:nq]:
            dist = -(r.pow(2).sum(1, keepdim=True) - 2 * r @ e.T + e.pow(2).sum(1)[None])
            i = dist.max(1).indices
            codes.append(i)
            r = r - e[i]
        return torch.stack(codes)

    nq = max(1, int(math.floor(6.0 * 1000 / (math.log2(BINS) * FRAME_RATE))))
    frames = []
    for off in range(0, n, stride):
        seg = x[..., off: off + seg_len]
        mono = seg.mean(dim=1, keepdim=True)
        scale = 1e-8 + mono.pow(2).mean(dim=2, keepdim=True).sqrt()
        z = encoder(seg / scale)
        frames.append((quantize(z, nq), scale.view(-1)))
        if off == 0:
            np.save(os.path.join(OUT, "seg0_encoder_out.npy"), z.numpy())
    outs = []
    for codes, scale in frames:
        zq = sum(embeds[k][codes[k]] for k in range(codes.shape[0])).T[None]
        outs.append(decoder(zq) * scale.view(-1, 1, 1))
    total = stride * (len(outs) - 1) + outs[-1].shape[-1]
    flen = outs[0].shape[-1]
    tt = torch.linspace(0, 1, flen + 2)[1:-1]
    w = 0.5 - (tt - 0.5).abs()
    acc = torch.zeros(1, CH, total)
    wsum = torch.zeros(total)
    off = 0
    for o in outs:
        m = o.shape[-1]
        acc[..., off: off + m] += w[:m] * o
        wsum[off: off + m] += w[:m]
        off += stride
    decoded = acc / wsum

os.makedirs(OUT, exist_ok=True)
torch.save({k: v.detach().clone().contiguous() for k, v in sd.items()}, os.path.join(OUT, "model.pt"))
np.save(os.path.join(OUT, "input.npy"), x[0].numpy())
for i, (codes, scale) in enumerate(frames):
    np.save(os.path.join(OUT, f"seg{i}_codes_bw6.npy"), codes.numpy().astype(np.int64))
    np.save(os.path.join(OUT, f"seg{i}_scale.npy"), scale.numpy())
np.save(os.path.join(OUT, "decoded_bw6.npy"), decoded[0].numpy())
json.dump({"name": "encodec_48khz", "target_bandwidths": BANDWIDTHS, "sample_rate": SR, "channels": CH,
           "causal": False, "model_norm": "time_group_norm", "audio_normalize": True, "segment": SEGMENT,
           "overlap": OVERLAP,
           "encoder": {"n_filters": NF, "dimension": DIM, "ratios": RATIOS},
           "decoder": {"n_filters": NF, "dimension": DIM, "ratios": RATIOS},
           "quantizer": {"dimension": DIM, "n_q": NQ, "bins": BINS}},
          open(os.path.join(OUT, "config.json"), "w"), indent=1)
print("segments", len(frames), "codes", [tuple(c.shape) for c, _ in frames], "n_q@6kbps", nq,
      "decoded", tuple(decoded.shape), "max|decoded|", float(decoded.abs().max()))
