#!/usr/bin/python3
"""Reference numbers for sdk-training's loss and optimiser tests (PyTorch 1.13, CPU, float32).

Writes small .npy/.json files to ../resources/reference/{loss,optim}/. Run from anywhere:
    /usr/bin/python3 gen_training_reference.py   (Debian python3-torch 1.13, numpy)

torchaudio is not installed here, so `melscale_fbanks` below re-implements torchaudio 0.13's
`torchaudio.functional.melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate, norm='slaney',
mel_scale='htk')` with the same torch operations in the same order (documented algorithm: linspace of the
FFT bin frequencies, linspace of HTK mel points, mel -> Hz, triangular slopes max(0, min(down, up)), Slaney
normalisation 2 / (f[m+2] - f[m])). `mel_spectrogram` / the loss functions follow the official
SpeechTokenizer trainer/loss.py (commit 30c96fb) statement by statement, with that filterbank.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as Fn

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "reference")


def save(sub, name, t):
    d = os.path.join(OUT, sub)
    os.makedirs(d, exist_ok=True)
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    np.save(os.path.join(d, name + ".npy"), a)


def save_json(sub, name, obj):
    d = os.path.join(OUT, sub)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".json"), "w") as f:
        json.dump(obj, f, indent=1)


# ---------------------------------------------------------------- torchaudio 0.13 melscale_fbanks (htk, slaney)
def _hz_to_mel_htk(freq):
    return 2595.0 * math.log10(1.0 + (freq / 700.0))


def _mel_to_hz_htk(mels):
    return 700.0 * (10.0 ** (mels / 2595.0) - 1.0)


def melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate, dtype=torch.float32):
    all_freqs = torch.linspace(0, sample_rate // 2, n_freqs, dtype=dtype)
    m_min = _hz_to_mel_htk(f_min)
    m_max = _hz_to_mel_htk(f_max)
    m_pts = torch.linspace(m_min, m_max, n_mels + 2, dtype=dtype)
    f_pts = _mel_to_hz_htk(m_pts)
    f_diff = f_pts[1:] - f_pts[:-1]
    slopes = f_pts.unsqueeze(0) - all_freqs.unsqueeze(1)
    zero = torch.zeros(1, dtype=dtype)
    down_slopes = (-1.0 * slopes[:, :-2]) / f_diff[:-1]
    up_slopes = slopes[:, 2:] / f_diff[1:]
    fb = torch.max(zero, torch.min(down_slopes, up_slopes))
    enorm = 2.0 / (f_pts[2:n_mels + 2] - f_pts[:n_mels])
    fb *= enorm.unsqueeze(0)
    return fb  # (n_freqs, n_mels)


# ---------------------------------------------------------------- official trainer/loss.py (30c96fb)
def mel_spectrogram(y, n_fft, num_mels, sample_rate, hop_size, win_size, fmin, fmax):
    fmax = float(sample_rate // 2) if fmax is None else fmax  # MelScale: f_max or float(sample_rate // 2)
    fb = melscale_fbanks(n_fft // 2 + 1, fmin, fmax, num_mels, sample_rate, dtype=y.dtype).T
    win = torch.hann_window(win_size, dtype=y.dtype)
    p = int((n_fft - hop_size) / 2)
    y = Fn.pad(y.unsqueeze(1), (p, p), mode='reflect').squeeze(1)
    spec = torch.stft(y, n_fft, hop_length=hop_size, win_length=win_size, window=win, center=False,
                      pad_mode='reflect', normalized=False, onesided=True, return_complex=True)
    spec = torch.abs(spec) + 1e-9
    spec = torch.matmul(fb, spec)
    return torch.log(torch.clamp(spec, min=1e-5) * 1)


def mel_loss(x, x_hat, **kw):
    a = mel_spectrogram(x.squeeze(1), **kw)
    b = mel_spectrogram(x_hat.squeeze(1), **kw)
    n = min(a.size(2), b.size(2))
    return Fn.l1_loss(a[:, :, :n], b[:, :, :n])


def mel_kwargs(i):
    m = 2 ** i
    return dict(n_fft=1024 // m, num_mels=80, sample_rate=16000, hop_size=240 // m, win_size=1024 // m,
                fmin=0, fmax=None)


def d_axis(feature, target):
    n = min(feature.size(1), target.size(1))
    return - torch.log(torch.sigmoid(Fn.cosine_similarity(feature[:, :n], target[:, :n], axis=1))).mean()


def t_axis(feature, target, lambda_sim=1):
    # official calls torch.functional.l1_loss (does not exist); F.l1_loss is what it means
    n = min(feature.size(1), target.size(1))
    l1 = Fn.l1_loss(feature[:, :n], target[:, :n], reduction='mean')
    sim = - torch.log(torch.sigmoid(Fn.cosine_similarity(feature[:, :n], target[:, :n], axis=-1))).mean()
    return l1 + lambda_sim * sim


def feature_loss(fmap_r, fmap_g):
    loss = 0
    for dr, dg in zip(fmap_r, fmap_g):
        for rl, gl in zip(dr, dg):
            loss += torch.mean(torch.abs(rl - gl))
    return loss * 2


def discriminator_loss(real, fake):
    loss = 0
    for dr, dg in zip(real, fake):
        loss += torch.mean((1 - dr) ** 2) + torch.mean(dg ** 2)
    return loss


def adversarial_loss(fake):
    loss = 0
    for dg in fake:
        loss += torch.mean((1 - dg) ** 2)
    return loss


def hinge_d(real, fake):
    loss = 0
    for dr, dg in zip(real, fake):
        loss += torch.relu(1 - dr).mean() + torch.relu(1 + dg).mean()
    return loss


def hinge_g(fake):
    loss = 0
    for dg in fake:
        loss += torch.relu(1 - dg).mean()
    return loss


def losses():
    for n_fft in (1024, 512, 256, 128):
        fb = melscale_fbanks(n_fft // 2 + 1, 0.0, 8000.0, 80, 16000).T.contiguous()
        save("loss", "mel_fb_%d" % n_fft, fb)

    g = torch.Generator().manual_seed(7)
    # audio-like inputs: a few sinusoids plus noise, x_hat a perturbed copy; 3000 samples -> 12..97 frames
    t = torch.arange(3000, dtype=torch.float64) / 16000
    x = torch.zeros(2, 1, 3000, dtype=torch.float64)
    for b in range(2):
        for f, a in ((220.0 * (b + 1), 0.3), (1234.5, 0.1), (3100.0 + 400 * b, 0.05)):
            x[b, 0] += a * torch.sin(2 * math.pi * f * t)
    x += 0.01 * torch.randn(2, 1, 3000, generator=g, dtype=torch.float64)
    x_hat = 0.8 * x + 0.02 * torch.randn(2, 1, 3000, generator=g, dtype=torch.float64)
    x32, xh32 = x.float(), x_hat.float()
    save("loss", "mel_x", x32)
    save("loss", "mel_x_hat", xh32)
    out = {}
    for dtype, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
        xa = x32.to(dtype)
        xh = xh32.to(dtype).clone().requires_grad_(True)
        terms = [mel_loss(xa, xh, **mel_kwargs(i)) for i in range(4)]
        total = sum(map(lambda lt: lt[0] * lt[1], zip([45, 1, 1, 1], terms)))
        total.backward()
        out[tag] = {"L_mel": [float(v) for v in terms], "L_mel_weighted": float(total)}
        save("loss", "mel_grad_x_hat_" + tag, xh.grad.float() if tag == "f32" else xh.grad)
        for i in range(4):
            kw = mel_kwargs(i)
            save("loss", "logmel_%d_%s" % (i, tag), mel_spectrogram(xa.squeeze(1), **kw).float())
    save_json("loss", "mel", out)

    # distillation: F (2, 10, 6), S (2, 12, 6) (n = 10), zero teacher frames 8..9 of item 1
    Fd = torch.randn(2, 10, 6, generator=g)
    Sd = torch.randn(2, 12, 6, generator=g)
    Sd[1, 8:10] = 0
    save("loss", "distill_F", Fd)
    save("loss", "distill_S", Sd)
    dres = {}
    for name, fn in (("d_axis", d_axis), ("t_axis", t_axis), ("t_axis_sim2", lambda a, b: t_axis(a, b, 2.0))):
        for dtype, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
            Fv = Fd.to(dtype).clone().requires_grad_(True)
            L = fn(Fv, Sd.to(dtype))
            L.backward()
            dres[name + "_" + tag] = float(L)
            save("loss", "distill_grad_%s_%s" % (name, tag), Fv.grad)
    save_json("loss", "distill", dres)

    # feature matching / adversarial on random "discriminator outputs": 2 subs, 3 and 2 maps
    shapes = [[(2, 4, 7), (2, 3, 5), (2, 1, 9)], [(2, 2, 6), (2, 5)]]
    fr = [[torch.randn(*s, generator=g) for s in sub] for sub in shapes]
    fg = [[torch.randn(*s, generator=g).requires_grad_(True) for s in sub] for sub in shapes]
    lr_ = [torch.randn(2, 11, generator=g), torch.randn(2, 4, generator=g)]
    lg = [(0.5 * torch.randn(2, 11, generator=g)).requires_grad_(True),
          (0.5 * torch.randn(2, 4, generator=g)).requires_grad_(True)]
    for i, sub in enumerate(shapes):
        for j in range(len(sub)):
            save("loss", "fm_real_%d_%d" % (i, j), fr[i][j])
            save("loss", "fm_fake_%d_%d" % (i, j), fg[i][j])
    for i in range(2):
        save("loss", "adv_real_%d" % i, lr_[i])
        save("loss", "adv_fake_%d" % i, lg[i])
    fl = feature_loss(fr, fg)
    fl.backward()
    for i, sub in enumerate(shapes):
        for j in range(len(sub)):
            save("loss", "fm_grad_%d_%d" % (i, j), fg[i][j].grad)
    res = {"feature": float(fl), "lsgan_d": float(discriminator_loss(lr_, lg)),
           "lsgan_g": float(adversarial_loss(lg)), "hinge_d": float(hinge_d(lr_, lg)), "hinge_g": float(hinge_g(lg))}
    ga = adversarial_loss(lg)
    ga.backward()
    for i in range(2):
        save("loss", "adv_grad_lsgan_%d" % i, lg[i].grad)
    save_json("loss", "gan", res)


def correctly_rounded_cos(x):
    """cos(x) correctly rounded to double (60-digit Taylor series after exact reduction by 2 pi)."""
    from decimal import Decimal, getcontext
    getcontext().prec = 60
    pi = Decimal("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803")
    d = Decimal(x)
    r = d - (d / (2 * pi)).to_integral_value() * 2 * pi
    s, term, n = Decimal(1), Decimal(1), 0
    while abs(term) > Decimal(10) ** -62:
        n += 2
        term = -term * r * r / (n * (n - 1))
        s += term
    return float(s)


def optim():
    g = torch.Generator().manual_seed(11)
    shapes = {"a": (3, 4), "b": (5,), "c": (2, 2, 3)}
    init = {k: torch.randn(*s, generator=g) for k, s in shapes.items()}
    steps = 5
    grads = [{k: torch.randn(*s, generator=g) * (10.0 ** (i - 2)) for k, s in shapes.items()} for i in range(steps)]
    # a gradient with exact zeros and tiny values (eps matters)
    grads[0]["b"][0] = 0.0
    grads[1]["b"][1] = 1e-9
    for k in shapes:
        save("optim", "init_" + k, init[k])
        for i in range(steps):
            save("optim", "grad_%d_%s" % (i, k), grads[i][k])
    lrs = {}
    for cfg, kw in (("st", dict(betas=(0.9, 0.99), eps=1e-8)),
                    ("wd", dict(betas=(0.8, 0.95), eps=1e-6, weight_decay=0.01, maximize=True))):
        params = {k: init[k].clone().requires_grad_(True) for k in shapes}
        opt = torch.optim.Adam(list(params.values()), lr=1e-3, **kw)
        sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4, eta_min=1e-5)
        sch.step()  # once before the first batch, as the trainer does
        used = []
        for i in range(steps):
            used.append(opt.param_groups[0]["lr"])
            opt.zero_grad()
            for k, p in params.items():
                p.grad = grads[i][k].clone()
            opt.step()
            sch.step()
            for k, p in params.items():
                save("optim", "%s_param_%d_%s" % (cfg, i, k), p)
        for k, p in params.items():
            st = opt.state[p]
            save("optim", "%s_exp_avg_%s" % (cfg, k), st["exp_avg"])
            save("optim", "%s_exp_avg_sq_%s" % (cfg, k), st["exp_avg_sq"])
        lrs[cfg] = used

    # schedules: exact python floats (repr round-trips)
    sched = {}
    for name, (base, tmax, eta, n) in {"fixture": (1e-4, 20, 0.0, 60), "short": (1e-3, 4, 1e-5, 30),
                                       "long": (3e-4, 1000, 1e-6, 2500)}.items():
        p = torch.nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=base)
        sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=tmax, eta_min=eta)
        vals = [opt.param_groups[0]["lr"]]
        for _ in range(n):
            opt.step()
            sch.step()
            vals.append(opt.param_groups[0]["lr"])
        # epochs whose cosine (pi e / T_max; pi / T_max is e = 1) glibc does not round correctly: exact reproduction ends there
        not_cr = [e for e in range(n + 1) if math.cos(math.pi * e / tmax) != correctly_rounded_cos(math.pi * e / tmax)]
        sched[name] = {"base": base, "T_max": tmax, "eta_min": eta, "lr": [repr(v) for v in vals],
                       "glibc_cos_not_correctly_rounded_at_epochs": not_cr}
    save_json("optim", "schedules", {"adam_lr_used": {k: [repr(v) for v in v_] for k, v_ in lrs.items()},
                                     "cosine": sched})

    # clip_grad_norm_
    res = {}
    for name, max_norm in (("clip", 1.5), ("noclip", 1e3)):
        ps = [torch.nn.Parameter(torch.zeros(*s)) for s in shapes.values()]
        for p, k in zip(ps, shapes):
            p.grad = grads[3][k].clone()
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm)
        res[name] = {"max_norm": max_norm, "total": float(total)}
        for p, k in zip(ps, shapes):
            save("optim", "%s_grad_%s" % (name, k), p.grad)
    save_json("optim", "clip", res)


if __name__ == "__main__":
    losses()
    optim()
    print("torch", torch.__version__)
