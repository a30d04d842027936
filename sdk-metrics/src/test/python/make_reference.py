#!/usr/bin/env python3
"""Reference values for sdk-metrics tests, computed independently of the Java code.

Run from the repository root with Debian's python (numpy 1.24, torch 1.13):
    /usr/bin/python3 sdk-metrics/src/test/python/make_reference.py
Needs sox on PATH only to decode two utterances of corpus/bundled. Writes small float32 signals and
reference.json to sdk-metrics/src/test/resources/reference/.

Sources of the reference numbers:
  * STFT magnitudes: torch.stft (center=True, reflect padding, periodic Hann) -- PyTorch's implementation.
  * mel filters: HTK formula written here with numpy.
  * SI-SDR: numpy, from Le Roux et al. 2019.
  * STOI / ESTOI: numpy re-implementation written from Taal et al. 2011 and Jensen & Taal 2016
    (MATLAB reference conventions: hanning(258)[1:-1], frames strictly before len-256, nearest-bin band edges).
  * PNMI / purities / perplexity: numpy from joint count matrices (HuBERT paper definitions).
"""
import json
import os
import subprocess
import tempfile
import wave

import numpy as np
import torch

OUT = "sdk-metrics/src/test/resources/reference"
CORPUS = "corpus/bundled/audio"


def decode(path):
    with tempfile.TemporaryDirectory() as d:
        wav = os.path.join(d, "x.wav")
        subprocess.run(["sox", path, "-b", "16", wav], check=True)
        with wave.open(wav) as w:
            assert w.getframerate() == 16000 and w.getnchannels() == 1
            x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0
    return x


def save(name, x):
    np.asarray(x, dtype="<f4").tofile(os.path.join(OUT, name))
    return np.fromfile(os.path.join(OUT, name), dtype="<f4").astype(np.float64)


# ---------- signal metrics ----------
def si_sdr(s, e, eps=1e-8):
    s = s - s.mean()
    e = e - e.mean()
    t = (np.dot(s, e) / np.dot(s, s)) * s
    n = e - t
    return 10 * np.log10((np.sum(t ** 2) + eps) / (np.sum(n ** 2) + eps))


def stft_mag(x, n_fft, hop, win):
    X = torch.stft(torch.from_numpy(x), n_fft, hop_length=hop, win_length=win,
                   window=torch.hann_window(win, dtype=torch.float64), center=True, pad_mode="reflect",
                   return_complex=True)
    return X.abs().numpy().T  # [frames, bins]


def htk_mel(sr, n_fft, n_mels, fmin, fmax):
    mel = lambda f: 2595 * np.log10(1 + f / 700.0)
    imel = lambda m: 700 * (10 ** (m / 2595.0) - 1)
    pts = imel(np.linspace(mel(fmin), mel(fmax), n_mels + 2))
    freqs = np.arange(n_fft // 2 + 1) * sr / n_fft
    fb = np.zeros((n_mels, len(freqs)))
    for m in range(n_mels):
        up = (freqs - pts[m]) / (pts[m + 1] - pts[m])
        down = (pts[m + 2] - freqs) / (pts[m + 2] - pts[m + 1])
        fb[m] = np.maximum(0, np.minimum(up, down))
    return fb


def log_mel_distance(r, e, sr=16000, n_fft=1024, hop=256, win=1024, n_mels=80, eps=1e-5):
    fb = htk_mel(sr, n_fft, n_mels, 0, sr / 2)
    a = stft_mag(r, n_fft, hop, win) @ fb.T
    b = stft_mag(e, n_fft, hop, win) @ fb.T
    return float(np.mean(np.abs(np.log(a + eps) - np.log(b + eps))))


def mr_stft(r, e, res=((512, 50, 240), (1024, 120, 600), (2048, 240, 1200)), floor=1e-7):
    tot = 0.0
    for n_fft, hop, win in res:
        a = np.maximum(stft_mag(r, n_fft, hop, win), floor)
        b = np.maximum(stft_mag(e, n_fft, hop, win), floor)
        sc = np.linalg.norm(a - b) / np.linalg.norm(a)
        lm = np.mean(np.abs(np.log(a) - np.log(b)))
        tot += sc + lm
    return float(tot / len(res))


# ---------- STOI ----------
FS, FRAME, HOP, NFFT, J, MINF, N, BETA, DYN = 10000, 256, 128, 512, 15, 150.0, 30, -15.0, 40.0
EPS = 1e-10


def fft_resample(x, sr_in, sr_out):
    """Ideal band-limited resampling through the DFT (the Java side uses a Kaiser sinc; they differ slightly)."""
    n_out = int(np.ceil(len(x) * sr_out / sr_in))
    X = np.fft.rfft(x)
    keep = n_out // 2 + 1
    Y = np.zeros(keep, dtype=complex)
    k = min(keep, len(X))
    Y[:k] = X[:k]
    return np.fft.irfft(Y, n_out) * (n_out / len(x))


def frames_of(x, w):
    starts = range(0, len(x) - FRAME, HOP)
    return np.array([w * x[i:i + FRAME] for i in starts])


def remove_silent(x, y, w):
    xf, yf = frames_of(x, w), frames_of(y, w)
    en = 20 * np.log10(np.linalg.norm(xf, axis=1) + EPS)
    keep = en > en.max() - DYN
    xf, yf = xf[keep], yf[keep]
    n = (len(xf) - 1) * HOP + FRAME
    xs, ys = np.zeros(n), np.zeros(n)
    for i in range(len(xf)):
        xs[i * HOP:i * HOP + FRAME] += xf[i]
        ys[i * HOP:i * HOP + FRAME] += yf[i]
    return xs, ys


def third_octaves():
    f = np.linspace(0, FS, NFFT + 1)[:NFFT // 2 + 1]
    k = np.arange(J)
    lo = MINF * 2.0 ** ((2 * k - 1) / 6)
    hi = MINF * 2.0 ** ((2 * k + 1) / 6)
    obm = np.zeros((J, len(f)))
    for i in range(J):
        a = np.argmin(np.abs(f - lo[i]))
        b = np.argmin(np.abs(f - hi[i]))
        obm[i, a:b] = 1
    return obm


def stoi(x, y, sr, extended):
    if sr != FS:
        x, y = fft_resample(x, sr, FS), fft_resample(y, sr, FS)
    w = np.hanning(FRAME + 2)[1:-1]
    x, y = remove_silent(x, y, w)
    obm = third_octaves()
    X = np.sqrt(obm @ (np.abs(np.fft.rfft(frames_of(x, w), NFFT)) ** 2).T)
    Y = np.sqrt(obm @ (np.abs(np.fft.rfft(frames_of(y, w), NFFT)) ** 2).T)
    M = X.shape[1]
    assert M >= N
    scores = []
    for m in range(N, M + 1):
        xs, ys = X[:, m - N:m], Y[:, m - N:m]
        if extended:
            def norm(a, axis):
                a = a - a.mean(axis=axis, keepdims=True)
                return a / (np.linalg.norm(a, axis=axis, keepdims=True) + EPS)
            xn = norm(norm(xs, 1), 0)
            yn = norm(norm(ys, 1), 0)
            scores.append(np.sum(xn * yn) / N)
        else:
            alpha = np.linalg.norm(xs, axis=1, keepdims=True) / (np.linalg.norm(ys, axis=1, keepdims=True) + EPS)
            yp = np.minimum(alpha * ys, xs * (1 + 10 ** (-BETA / 20)))
            xc = xs - xs.mean(axis=1, keepdims=True)
            yc = yp - yp.mean(axis=1, keepdims=True)
            xc /= np.linalg.norm(xc, axis=1, keepdims=True) + EPS
            yc /= np.linalg.norm(yc, axis=1, keepdims=True) + EPS
            scores.append(np.mean(np.sum(xc * yc, axis=1)))
    return float(np.mean(scores))


# ---------- codes vs phones ----------
def pnmi_etc(codes, phones, K):
    labels = sorted(set(phones))
    idx = {p: i for i, p in enumerate(labels)}
    C = np.zeros((len(labels), K))
    for c, p in zip(codes, phones):
        C[idx[p], c] += 1
    P = C / C.sum()
    py = P.sum(1)
    pz = P.sum(0)
    nz = P > 0
    mi = np.sum(P[nz] * np.log(P[nz] / np.outer(py, pz)[nz]))
    hy = -np.sum(py[py > 0] * np.log(py[py > 0]))
    phone_purity = float(np.sum(P.max(0)))
    cluster_purity = float(np.sum(P.max(1)))
    return float(mi / hy), phone_purity, cluster_purity


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = {}
    rng = np.random.default_rng(20240611)
    a = decode(os.path.join(CORPUS, "slt_v0/slt_v0_train_00000.flac"))
    b = decode(os.path.join(CORPUS, "awb_v0/awb_v0_train_00001.flac"))
    noisy = a + rng.normal(0, 1, len(a)) * np.sqrt(np.mean(a ** 2) / 10 ** (10 / 10))  # 10 dB SNR white noise
    smooth = 0.5 * np.convolve(b, np.ones(5) / 5, mode="same")  # 5-tap moving average, half gain
    pairs = {"noisy": (a, noisy), "smooth": (b, smooth)}
    for name, (r, e) in pairs.items():
        r = save(f"{name}_ref_16k.f32", r)
        e = save(f"{name}_est_16k.f32", e)
        r10 = save(f"{name}_ref_10k.f32", fft_resample(r, 16000, 10000))
        e10 = save(f"{name}_est_10k.f32", fft_resample(e, 16000, 10000))
        ref[name] = {
            "si_sdr": si_sdr(r, e),
            "log_mel_distance": log_mel_distance(r, e),
            "mr_stft_distance": mr_stft(r, e),
            "stoi_10k": stoi(r10, e10, FS, False),
            "estoi_10k": stoi(r10, e10, FS, True),
            "stoi_16k": stoi(r, e, 16000, False),
            "estoi_16k": stoi(r, e, 16000, True),
        }
    # Codes correlated with phones: code = phone-specific code with prob 0.6, else uniform.
    K = 16
    phone_set = ["aa", "b", "d", "eh", "f", "iy", "k", "pau", "s", "t"]
    phones = rng.choice(phone_set, size=3000, p=np.linspace(1, 2, len(phone_set)) / np.linspace(1, 2, len(phone_set)).sum())
    pref = {p: i for i, p in enumerate(phone_set)}
    codes = np.array([pref[p] if rng.random() < 0.6 else rng.integers(0, K) for p in phones])
    pn, pp, cp = pnmi_etc(codes, list(phones), K)
    counts = np.bincount(codes, minlength=K)
    p = counts / counts.sum()
    ref["codes"] = {
        "codebook_size": K,
        "codes": codes.tolist(),
        "phones": list(map(str, phones)),
        "pnmi": pn, "phone_purity": pp, "cluster_purity": cp,
        "perplexity": float(np.exp(-np.sum(p[p > 0] * np.log(p[p > 0])))),
        "utilisation": float(np.count_nonzero(counts) / K),
    }
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    for k, v in ref.items():
        if k != "codes":
            print(k, v)
    print("pnmi", pn, pp, cp)


if __name__ == "__main__":
    main()
