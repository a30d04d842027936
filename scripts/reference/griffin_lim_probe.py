"""Controlled degradations of speech for calibrating the recogniser against spectral distances.

Each variant keeps or alters the magnitude spectrogram of every reference file in a known way and re-synthesises it
with Griffin-Lim (the phase is re-estimated, as a codec's decoder must):
  gl-linear     the exact linear-frequency magnitudes (only the phase is lost)
  gl-mel80      magnitudes through an 80-band mel filterbank and back (pseudo-inverse)
  noiseS        80-band log-mel plus Gaussian noise of standard deviation S nats
  cutD          80-band log-mel with every band above 500 Hz D dB weaker (a static equaliser)
  blurK         80-band mel energies averaged over K frames (16 ms hop): smeared onsets and formant movements

Usage: griffin_lim_probe.py REFERENCE_DIR OUT_DIR VARIANT[,VARIANT...]   (16 kHz mono 16-bit WAV in and out)
Needs numpy only. Analysis tooling: never a build, test or runtime dependency of Voxtok.
"""
import glob
import os
import sys
import wave

import numpy as np

SR = 16000
N_FFT = 1024
HOP = 256
WINDOW = np.hanning(N_FFT + 1)[:N_FFT]
ITERATIONS = 48


def read(path):
    with wave.open(path) as w:
        if w.getframerate() != SR or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise SystemExit(f"{path}: expected 16 kHz mono 16-bit WAV")
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64) / 32768


def write(path, x):
    tmp = path + ".part"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype(np.int16).tobytes())
    os.replace(tmp, path)


def stft(x):
    padded = np.pad(x, (N_FFT // 2, N_FFT // 2))
    frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP] * WINDOW
    return np.fft.rfft(frames, axis=1)


def istft(spec, length):
    frames = np.fft.irfft(spec, n=N_FFT, axis=1) * WINDOW
    out = np.zeros(length + N_FFT)
    norm = np.zeros(length + N_FFT)
    for i, f in enumerate(frames):
        out[i * HOP:i * HOP + N_FFT] += f
        norm[i * HOP:i * HOP + N_FFT] += WINDOW ** 2
    return (out / np.maximum(norm, 1e-8))[N_FFT // 2:N_FFT // 2 + length]


def mel_filterbank(n_mels=80):
    to_mel = lambda f: 2595 * np.log10(1 + f / 700)
    to_hz = lambda m: 700 * (10 ** (m / 2595) - 1)
    points = to_hz(np.linspace(0, to_mel(SR / 2), n_mels + 2))
    bins = np.fft.rfftfreq(N_FFT, 1 / SR)
    fb = np.zeros((n_mels, len(bins)))
    for m in range(n_mels):
        lo, mid, hi = points[m:m + 3]
        fb[m] = np.maximum(0, np.minimum((bins - lo) / (mid - lo), (hi - bins) / (hi - mid)))
    return fb, points[1:-1]


def griffin_lim(magnitude, length):
    rng = np.random.default_rng(0)
    spec = magnitude * np.exp(2j * np.pi * rng.random(magnitude.shape))
    for _ in range(ITERATIONS):
        spec = magnitude * np.exp(1j * np.angle(stft(istft(spec, length))))
    return istft(spec, length)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    src, out, variants = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    fb, centres = mel_filterbank()
    back = np.linalg.pinv(fb)
    rng = np.random.default_rng(1)
    for v in variants:
        os.makedirs(os.path.join(out, v), exist_ok=True)
    files = sorted(glob.glob(os.path.join(src, "*.wav")))
    if not files:
        raise SystemExit(f"no .wav files in {src}")
    for path in files:
        x = read(path)
        magnitude = np.abs(stft(x))
        log_mel = np.log(np.maximum(fb @ magnitude.T, 1e-5))
        for v in variants:
            if v == "gl-linear":
                target = magnitude
            else:
                lm = log_mel
                if v.startswith("noise"):
                    lm = lm + rng.normal(0, float(v[5:]), lm.shape)
                elif v.startswith("cut"):
                    lm = lm - np.where(centres >= 500, float(v[3:]) / 20 * np.log(10), 0)[:, None]
                elif v.startswith("blur"):
                    k = int(v[4:])
                    energy = np.apply_along_axis(lambda r: np.convolve(r, np.ones(k) / k, "same"), 1, np.exp(lm))
                    lm = np.log(np.maximum(energy, 1e-5))
                elif v != "gl-mel80":
                    raise SystemExit(f"unknown variant {v}")
                target = np.maximum(back @ np.exp(lm), 0).T
            write(os.path.join(out, v, os.path.basename(path)), griffin_lim(target, len(x)))


if __name__ == "__main__":
    main()
