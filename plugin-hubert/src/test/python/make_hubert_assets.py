"""Makes the small test assets of plugin-hubert from the shared HuBERT parity fixture (run once by hand).

Writes, under src/test/resources/hubert/:
  fairseq_layout.pt  the fixture weights renamed to fairseq's hubert_base_ls960.pt layout (SPEC 5.2): a dict with
                     "args" (argparse.Namespace), "cfg" (dict) and "model" (the state dict), like fairseq saves it.
  model.onnx         an ONNX export of the fixture model: input "input_values" (batch, samples) float32, output
                     "hidden_states" (layers + 1, batch, frames, hidden) = HF hidden_states stacked.

The forward below is a plain-torch HuBERT (post-LN, group-norm extractor) written from SPEC section 5; before
exporting, it is checked against the fixture's expected outputs (made with torchaudio) so the ONNX file is a
faithful export. Usage: /usr/bin/python3 make_hubert_assets.py [fixture_dir] [out_dir]
"""
import argparse
import json
import os
import sys
import wave

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../../shared/fixtures/parity/hubert")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "../resources/hubert")


class Hubert(torch.nn.Module):
    def __init__(self, sd, cfg):
        super().__init__()
        self.cfg = cfg
        self.n_conv = len(cfg["conv_dim"])
        self.n_layers = cfg["num_hidden_layers"]
        self.heads = cfg["num_attention_heads"]
        g = sd["encoder.pos_conv_embed.conv.weight_g"]
        v = sd["encoder.pos_conv_embed.conv.weight_v"]
        # weight norm with dim=2: one norm per kernel tap over (out, in/groups)
        w = g * v / v.norm(dim=(0, 1), keepdim=True)
        self.p = {k: t.clone() for k, t in sd.items()}
        self.p["pos_w"] = w

    def forward(self, x):
        p, c = self.p, self.cfg
        h = x.unsqueeze(1)
        for i in range(self.n_conv):
            h = F.conv1d(h, p[f"feature_extractor.conv_layers.{i}.conv.weight"], stride=c["conv_stride"][i])
            if i == 0:
                h = F.group_norm(h, c["conv_dim"][0], p["feature_extractor.conv_layers.0.layer_norm.weight"],
                                 p["feature_extractor.conv_layers.0.layer_norm.bias"], 1e-5)
            h = F.gelu(h)
        h = h.transpose(1, 2)
        h = F.layer_norm(h, (c["conv_dim"][-1],), p["feature_projection.layer_norm.weight"], p["feature_projection.layer_norm.bias"], 1e-5)
        h = F.linear(h, p["feature_projection.projection.weight"], p["feature_projection.projection.bias"])
        k = c["num_conv_pos_embeddings"]
        pos = F.conv1d(h.transpose(1, 2), p["pos_w"], p["encoder.pos_conv_embed.conv.bias"], padding=k // 2,
                       groups=c["num_conv_pos_embedding_groups"])
        if k % 2 == 0:
            pos = pos[:, :, :-1]
        h = h + F.gelu(pos).transpose(1, 2)
        eps = c["layer_norm_eps"]
        h = F.layer_norm(h, (c["hidden_size"],), p["encoder.layer_norm.weight"], p["encoder.layer_norm.bias"], eps)
        states = [h]
        b, t, d = h.shape
        hd = d // self.heads
        for n in range(self.n_layers):
            pre = f"encoder.layers.{n}."
            q = F.linear(h, p[pre + "attention.q_proj.weight"], p[pre + "attention.q_proj.bias"]) * hd ** -0.5
            kk = F.linear(h, p[pre + "attention.k_proj.weight"], p[pre + "attention.k_proj.bias"])
            vv = F.linear(h, p[pre + "attention.v_proj.weight"], p[pre + "attention.v_proj.bias"])
            q, kk, vv = [z.reshape(b, t, self.heads, hd).transpose(1, 2) for z in (q, kk, vv)]
            a = torch.softmax(q @ kk.transpose(2, 3), dim=-1) @ vv
            a = a.transpose(1, 2).reshape(b, t, d)
            a = F.linear(a, p[pre + "attention.out_proj.weight"], p[pre + "attention.out_proj.bias"])
            h = F.layer_norm(h + a, (c["hidden_size"],), p[pre + "layer_norm.weight"], p[pre + "layer_norm.bias"], eps)
            f = F.gelu(F.linear(h, p[pre + "feed_forward.intermediate_dense.weight"], p[pre + "feed_forward.intermediate_dense.bias"]))
            f = F.linear(f, p[pre + "feed_forward.output_dense.weight"], p[pre + "feed_forward.output_dense.bias"])
            h = F.layer_norm(h + f, (c["hidden_size"],), p[pre + "final_layer_norm.weight"], p[pre + "final_layer_norm.bias"], eps)
            states.append(h)
        return torch.stack(states)


def read_wav(path):
    with wave.open(path) as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return torch.from_numpy(data.astype(np.float32) / 32768.0).unsqueeze(0)


def fairseq_name(k):
    rules = [
        ("feature_extractor.conv_layers.0.layer_norm.", "feature_extractor.conv_layers.0.2."),
        ("feature_projection.layer_norm.", "layer_norm."),
        ("feature_projection.projection.", "post_extract_proj."),
        ("masked_spec_embed", "mask_emb"),
        ("encoder.pos_conv_embed.conv.", "encoder.pos_conv.0."),
        (".attention.", ".self_attn."),
        (".feed_forward.intermediate_dense.", ".fc1."),
        (".feed_forward.output_dense.", ".fc2."),
    ]
    if k.startswith("feature_extractor.conv_layers.") and k.endswith(".conv.weight"):
        return k.replace(".conv.weight", ".0.weight")
    for a, b in rules:
        k = k.replace(a, b)
    if k.startswith("encoder.layers.") and k.split(".")[3] == "layer_norm":
        k = k.replace(".layer_norm.", ".self_attn_layer_norm.")
    return k


def main():
    torch.manual_seed(0)
    sd = torch.load(os.path.join(FIXTURE, "model.pt"))
    cfg = json.load(open(os.path.join(FIXTURE, "config.json")))
    model = Hubert(sd, cfg).eval()
    worst = 0.0
    for u in ("utt1", "utt2", "utt3"):
        x = read_wav(os.path.join(FIXTURE, f"{u}_16k.wav"))
        with torch.no_grad():
            hs = model(x)
        layers = np.load(os.path.join(FIXTURE, "expected", f"{u}_extract_features.npy"))
        h0 = np.load(os.path.join(FIXTURE, "expected", f"{u}_hidden_state_0.npy"))
        worst = max(worst, float(np.abs(hs[1:].numpy() - layers).max()), float(np.abs(hs[0].numpy() - h0).max()))
    print("max |torch reference - fixture| =", worst)
    assert worst < 5e-5, worst

    os.makedirs(OUT, exist_ok=True)
    fs = {fairseq_name(k): v.clone() for k, v in sd.items()}
    ns = argparse.Namespace(arch="hubert", encoder_layers=cfg["num_hidden_layers"], encoder_embed_dim=cfg["hidden_size"],
                            conv_feature_layers="[(64,10,5)] + [(64,3,2)]*4 + [(64,2,2)]*2", normalize=False)
    ckpt = {"args": ns, "cfg": {"model": {"_name": "hubert", "encoder_layers": cfg["num_hidden_layers"]},
                                "task": {"normalize": False, "sample_rate": 16000}},
            "model": fs, "optimizer_history": [{"criterion_name": "HubertCriterion"}]}
    torch.save(ckpt, os.path.join(OUT, "fairseq_layout.pt"))

    x = read_wav(os.path.join(FIXTURE, "utt1_16k.wav"))
    torch.onnx.export(model, (x,), os.path.join(OUT, "model.onnx"), opset_version=14,
                      input_names=["input_values"], output_names=["hidden_states"],
                      dynamic_axes={"input_values": {0: "batch", 1: "samples"},
                                    "hidden_states": {1: "batch", 2: "frames"}})
    for f in ("fairseq_layout.pt", "model.onnx"):
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")


if __name__ == "__main__":
    main()
