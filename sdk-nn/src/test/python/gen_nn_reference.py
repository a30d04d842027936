#!/usr/bin/env python3
"""Reference values for the sdk-nn unit tests, computed with PyTorch (Debian python3-torch 1.13).

Run from the repository root:  /usr/bin/python3 sdk-nn/src/test/python/gen_nn_reference.py
Writes small .npy files to sdk-nn/src/test/resources/reference/ (float32 / int64).

Every reference comes from a PyTorch operator (conv_transpose1d, conv1d with F.pad reflect/constant,
nn.LSTM incl. packed sequences, torch.nn.utils.weight_norm, the ELU module); only the SEANet padding
amounts (SPEC 1.1/1.2) and the RVQ distance formula (SPEC 3.1) are written out here from the spec.
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(20240611)
torch.set_num_threads(1)


def save(name, t):
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    if a.dtype == np.float64:
        a = a.astype(np.float32)
    np.save(os.path.join(OUT, name + ".npy"), a)


# ---- ConvTranspose1d (groups = 1): full output, then SEANet trimming ---------------------------------
# (stride, kernel, c_in, c_out, frames)
CONVTR = [(2, 4, 3, 5, 7), (4, 8, 4, 3, 6), (5, 10, 3, 4, 5), (8, 16, 2, 3, 4), (3, 7, 3, 2, 6),
          (4, 3, 2, 3, 5), (1, 3, 3, 2, 6)]
for s, k, ci, co, t in CONVTR:
    tag = f"convtr_s{s}_k{k}"
    x = torch.randn(2, ci, t)
    w = torch.randn(ci, co, k)
    b = torch.randn(co)
    full = F.conv_transpose1d(x, w, b, stride=s)
    assert full.shape[-1] == (t - 1) * s + k
    p = k - s
    right = p // 2
    left = p - right
    # non-causal SConvTranspose1d: remove `right` from the end and `left` from the start
    noncausal = full[..., left: full.shape[-1] - right]
    causal = full[..., : full.shape[-1] - p] if p > 0 else full
    save(tag + "_x", x); save(tag + "_w", w); save(tag + "_b", b)
    save(tag + "_full", full); save(tag + "_noncausal", noncausal); save(tag + "_causal", causal)


# ---- SConv1d padding rule (SPEC 1.1) + conv with padding 0 -----------------------------------------
def pad1d(x, left, right, mode):
    length = x.shape[-1]
    if mode == "reflect":
        max_pad = max(left, right)
        extra = 0
        if length <= max_pad:
            extra = max_pad - length + 1
            x = F.pad(x, (0, extra))
        y = F.pad(x, (left, right), mode)
        return y[..., : y.shape[-1] - extra]
    return F.pad(x, (left, right), mode, 0.0)


def sconv1d(x, w, b, stride, dilation, causal, mode):
    k = w.shape[-1]
    k_eff = (k - 1) * dilation + 1
    p = k_eff - stride
    length = x.shape[-1]
    n = (length - k_eff + p) / stride + 1
    ideal = (math.ceil(n) - 1) * stride + (k_eff - p)
    extra = ideal - length
    if causal:
        x = pad1d(x, p, extra, mode)
    else:
        right = p // 2
        left = p - right
        x = pad1d(x, left, right + extra, mode)
    return F.conv1d(x, w, b, stride=stride, dilation=dilation)


# (name, c_in, c_out, k, stride, dilation, length, causal, mode)
SCONV = [("k7_len50", 2, 3, 7, 1, 1, 50, False, "reflect"),
         ("k4s2_len51", 2, 3, 4, 2, 1, 51, False, "reflect"),
         ("k10s5_len53", 3, 2, 10, 5, 1, 53, False, "reflect"),
         ("k16s8_len37", 2, 2, 16, 8, 1, 37, False, "reflect"),
         ("k3d2_len20", 2, 2, 3, 1, 2, 20, False, "reflect"),
         ("k7_len2_short", 2, 3, 7, 1, 1, 2, False, "reflect"),
         ("k16s8_len3_short", 2, 2, 16, 8, 1, 3, False, "reflect"),
         ("k7_len3_causal", 2, 3, 7, 1, 1, 3, True, "reflect"),
         ("k10s5_len53_causal", 3, 2, 10, 5, 1, 53, True, "reflect"),
         ("k8s4_len30_zero", 2, 2, 8, 4, 1, 30, False, "constant")]
for name, ci, co, k, s, d, length, causal, mode in SCONV:
    tag = "sconv_" + name
    x = torch.randn(2, ci, length)
    w = torch.randn(co, ci, k)
    b = torch.randn(co)
    y = sconv1d(x, w, b, s, d, causal, mode)
    assert y.shape[-1] == math.ceil(length / s), (name, y.shape)
    save(tag + "_x", x); save(tag + "_w", w); save(tag + "_b", b); save(tag + "_y", y)


# ---- weight norm folding (torch.nn.utils.weight_norm) ----------------------------------------------
conv = torch.nn.utils.weight_norm(torch.nn.Conv1d(4, 3, 5), dim=0)
with torch.no_grad():
    conv.weight_g.mul_(torch.rand_like(conv.weight_g) + 0.5)
conv(torch.zeros(1, 4, 5))  # the forward pre-hook recomputes .weight from g and v
save("wn_conv_g", conv.weight_g); save("wn_conv_v", conv.weight_v); save("wn_conv_w", conv.weight)
convtr = torch.nn.utils.weight_norm(torch.nn.ConvTranspose1d(4, 3, 6, stride=3), dim=0)
with torch.no_grad():
    convtr.weight_g.mul_(torch.rand_like(convtr.weight_g) + 0.5)
convtr(torch.zeros(1, 4, 5))
save("wn_convtr_g", convtr.weight_g); save("wn_convtr_v", convtr.weight_v); save("wn_convtr_w", convtr.weight)
pos = torch.nn.utils.weight_norm(torch.nn.Conv1d(6, 6, 4, groups=2), dim=2)
with torch.no_grad():
    pos.weight_g.mul_(torch.rand_like(pos.weight_g) + 0.5)
pos(torch.zeros(1, 6, 5))
save("wn_dim2_g", pos.weight_g); save("wn_dim2_v", pos.weight_v); save("wn_dim2_w", pos.weight)


# ---- LSTM (sequence-first), 2 layers, uni- and bidirectional, and packed (per-item lengths) --------
def lstm_case(tag, bidirectional, t, b, c, h):
    lstm = torch.nn.LSTM(c, h, num_layers=2, bidirectional=bidirectional)
    x = torch.randn(t, b, c)
    with torch.no_grad():
        y, _ = lstm(x)
    save(tag + "_x", x); save(tag + "_y", y)
    for key, value in lstm.state_dict().items():
        save(tag + "_p_" + key, value)
    lengths = [t - 3 * i for i in range(b)]
    lengths[-1] = max(2, lengths[-1])
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    with torch.no_grad():
        yp, _ = lstm(packed)
    yp, _ = torch.nn.utils.rnn.pad_packed_sequence(yp, total_length=t)
    save(tag + "_lengths", torch.tensor(lengths, dtype=torch.int64)); save(tag + "_ypacked", yp)


lstm_case("lstm_bi", True, 9, 3, 6, 6)
lstm_case("lstm_uni", False, 9, 3, 6, 6)


# ---- activations -----------------------------------------------------------------------------------
xa = torch.randn(2, 3, 11) * 3
save("act_x", xa)
save("act_elu", torch.nn.ELU(alpha=1.0)(xa))
alpha = torch.rand(1, 3, 1) + 0.5
save("act_snake_alpha", alpha)
save("act_snake", xa + (alpha + 1e-9).reciprocal() * torch.sin(alpha * xa).pow(2))


# ---- RVQ inference (SPEC 3.1) ----------------------------------------------------------------------
def nearest(x, embed):
    e = embed.t()
    dist = -(x.pow(2).sum(1, keepdim=True) - 2 * x @ e + e.pow(2).sum(0, keepdim=True))
    return dist.max(dim=-1).indices


n_layers, bins, dim, batch, frames = 4, 16, 8, 2, 10
embeds = [torch.randn(bins, dim) for _ in range(n_layers)]
latent = torch.randn(batch, dim, frames) * 2
for i, e in enumerate(embeds):
    save(f"rvq_embed{i}", e)
save("rvq_latent", latent)
for st, nq in [(0, 4), (0, 2), (1, 3), (2, 4)]:
    r = latent.transpose(1, 2).reshape(-1, dim)
    codes = []
    for e in embeds[st:nq]:
        idx = nearest(r, e)
        r = r - e[idx]
        codes.append(idx.view(batch, frames))
    codes = torch.stack(codes)
    save(f"rvq_codes_st{st}_nq{nq}", codes)
    q = torch.tensor(0.0)
    for i, c in enumerate(codes):
        q = q + embeds[st + i][c].transpose(1, 2)
    save(f"rvq_decoded_st{st}_nq{nq}", q)
print("wrote", len(os.listdir(OUT)), "files to", os.path.abspath(OUT))
