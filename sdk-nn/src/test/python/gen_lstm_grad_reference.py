#!/usr/bin/python3
"""Reference gradients for LstmTrainingTest (PyTorch 1.13, CPU, float32): a 2-layer bidirectional nn.LSTM
(input 3, hidden 4) on a padded batch (T=5, B=2, lengths [5, 3]) run as a packed sequence; the scalar
sum(out * W) over valid steps (W fixed random) and its gradients w.r.t. the input and every parameter.

Generator only (run once by hand, never by the build):  /usr/bin/python3 gen_lstm_grad_reference.py
writes ../resources/reference/recurrent/lstm_grad.json.
"""
import json
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_num_threads(1)
torch.manual_seed(7)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "reference", "recurrent")

T, B, I, H = 5, 2, 3, 4
lengths = [5, 3]
lstm = torch.nn.LSTM(I, H, num_layers=2, bidirectional=True)
x = torch.randn(T, B, I, requires_grad=True)
w = torch.randn(T, B, 2 * H)
mask = torch.zeros(T, B, 1)
for b, n in enumerate(lengths):
    mask[:n, b] = 1
out, _ = lstm(pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False))
out, _ = pad_packed_sequence(out, total_length=T)
loss = (out * w * mask).sum()
loss.backward()
ref = {
    "T": T, "B": B, "I": I, "H": H, "lengths": lengths,
    "x": x.detach().flatten().tolist(), "w": w.flatten().tolist(), "loss": loss.item(),
    "x_grad": x.grad.flatten().tolist(),
    "params": {k: p.detach().flatten().tolist() for k, p in lstm.named_parameters()},
    "param_grads": {k: p.grad.flatten().tolist() for k, p in lstm.named_parameters()},
}
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "lstm_grad.json"), "w") as f:
    json.dump(ref, f)
print("loss", loss.item())
