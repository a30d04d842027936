"""Generates the ONNX speaker-encoder test assets of plugin-speaker-encoder (run once, outputs committed).

Run from the module directory with torch 1.13 and torchaudio 0.13:
    /usr/bin/python3 src/test/python/make_onnx_speaker_assets.py
Writes src/test/resources/onnx/:
  wave_encoder.onnx   input "waveform" (1, N) float32 -> output "embedding" (1, 12)
  fbank_encoder.onnx  input "feats" (1, T, 80) float32 -> output "embedding" (1, 10)
  reference.json      the test signal's recipe, torchaudio's Kaldi fbank of it (after x32768 scaling; first frames
                      and per-bin means), and both models' torch outputs (waveform, and fbank with mean removal)
The networks are tiny random conv nets: the test checks the Java side (ONNX Runtime plumbing, fbank), not a model.
"""
import json
import math
import os

import torch
import torchaudio

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "onnx")
os.makedirs(OUT, exist_ok=True)


def signal(n):
    # recreated sample for sample by the Java test
    i = torch.arange(n, dtype=torch.float64)
    return (0.3 * torch.sin(0.02 * i + torch.sin(0.001 * i)) + 0.05 * torch.sin(0.31 * i)).float()


class WaveEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(1, 8, kernel_size=400, stride=160)
        self.proj = torch.nn.Linear(16, 12)

    def forward(self, waveform):
        h = torch.relu(self.conv(waveform.unsqueeze(1)))
        stats = torch.cat([h.mean(dim=2), h.std(dim=2)], dim=1)
        return self.proj(stats)


class FbankEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(80, 16, kernel_size=3, padding=1)
        self.proj = torch.nn.Linear(16, 10)

    def forward(self, feats):
        h = torch.relu(self.conv(feats.transpose(1, 2)))
        return self.proj(h.mean(dim=2))


def export(model, example, name, input_name, axes):
    model.eval()
    torch.onnx.export(model, (example,), os.path.join(OUT, name), input_names=[input_name],
                      output_names=["embedding"], dynamic_axes={input_name: axes, "embedding": {0: "batch"}},
                      opset_version=13)


x = signal(16000)
wave = WaveEncoder()
fbank_net = FbankEncoder()
# float64 so that the reference resolves the whole dynamic range (the Java side computes in double; float32
# rounding in torch's FFT would leave ~1e-3 noise in bins 25 nats below the peak)
feats = torchaudio.compliance.kaldi.fbank(x.double().unsqueeze(0) * 32768, num_mel_bins=80, dither=0.0,
                                          sample_frequency=16000).float()
cmn = feats - feats.mean(dim=0, keepdim=True)
with torch.no_grad():
    wave_out = wave(x.unsqueeze(0))[0]
    fbank_out = fbank_net(cmn.unsqueeze(0))[0]
export(wave, x.unsqueeze(0), "wave_encoder.onnx", "waveform", {0: "batch", 1: "samples"})
export(fbank_net, cmn.unsqueeze(0), "fbank_encoder.onnx", "feats", {0: "batch", 1: "frames"})
ref = {
    "signal": "x[i] = 0.3 sin(0.02 i + sin(0.001 i)) + 0.05 sin(0.31 i), i = 0..15999, float32",
    "samples": 16000,
    "fbank_frames": feats.shape[0],
    "fbank_first_frames": feats[:3].tolist(),
    "fbank_bin_means": feats.mean(dim=0).tolist(),
    "wave_embedding": wave_out.tolist(),
    "fbank_embedding": fbank_out.tolist(),
}
with open(os.path.join(OUT, "reference.json"), "w") as f:
    json.dump(ref, f, indent=1)
print("wrote", OUT, feats.shape, wave_out.shape, fbank_out.shape)
