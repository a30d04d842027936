#!/usr/bin/python3
"""Reference numbers for CtcLossTest (PyTorch 1.13 `torch.nn.functional.ctc_loss`, CPU, float64).

Generator only (run once by hand, never by the build):
    /usr/bin/python3 gen_ctc_reference.py
writes ../resources/reference/loss/ctc.json.

Each case stores logits (T, B, C) drawn from a fixed seed, the flat targets, input/target lengths, blank, and
for every (reduction, zero_infinity) variant: the loss (per item for 'none') and the gradient of
`sum(loss)` w.r.t. the logits, with log_probs = log_softmax(logits, dim=2). The gradient is taken w.r.t. the
logits because torch's CTC backward w.r.t. log_probs is not the derivative of the loss with respect to that
tensor: it returns `exp(log_probs) - occupancy`, i.e. it assumes log_probs are normalised (its `exp` term
cancels in log_softmax's backward). The script also stores torch's log_probs gradient (reduction 'sum') so the
test can check that relation: torch_grad_lp = exp(lp) * g_b + true_grad_lp.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "reference", "loss")


def case(name, T, C, input_lengths, targets, blank, seed):
    g = torch.Generator().manual_seed(seed)
    B = len(input_lengths)
    logits = torch.randn(T, B, C, generator=g, dtype=torch.float64) * 2.0
    flat = [c for t in targets for c in t]
    target_lengths = [len(t) for t in targets]
    out = {
        "name": name, "T": T, "B": B, "C": C, "blank": blank,
        "logits": logits.flatten().tolist(), "targets": targets,
        "input_lengths": input_lengths, "target_lengths": target_lengths, "variants": [],
    }
    for reduction in ["none", "sum", "mean"]:
        for zero_inf in [False, True]:
            x = logits.clone().requires_grad_(True)
            lp = F.log_softmax(x, dim=2)
            loss = F.ctc_loss(lp, torch.tensor(flat, dtype=torch.long), torch.tensor(input_lengths),
                              torch.tensor(target_lengths), blank=blank, reduction=reduction,
                              zero_infinity=zero_inf)
            total = loss.sum()
            finite = bool(torch.isfinite(total))
            grad = None
            if finite:
                total.backward()
                grad = x.grad.flatten().tolist()
            vals = loss.flatten().tolist() if reduction == "none" else [loss.item()]
            out["variants"].append({
                "reduction": reduction, "zero_infinity": zero_inf,
                "loss": [v if math.isfinite(v) else "inf" for v in vals],
                "grad_logits": grad,
            })
    lp = F.log_softmax(logits, dim=2).detach().requires_grad_(True)
    loss = F.ctc_loss(lp, torch.tensor(flat, dtype=torch.long), torch.tensor(input_lengths),
                      torch.tensor(target_lengths), blank=blank, reduction="sum", zero_infinity=True)
    loss.backward()
    out["torch_grad_log_probs_sum_zero_inf"] = lp.grad.flatten().tolist()
    return out


cases = [
    # repeated labels ("aa" needs a blank in between), different input and target lengths in one batch,
    # an empty target
    case("repeats_and_lengths", T=12, C=5, input_lengths=[12, 9, 6, 4],
         targets=[[1, 1, 2], [3, 4, 3, 4], [2], []], blank=0, seed=1),
    # tight alignments: "aa" in exactly 3 frames (one path), "ab" in 2 frames, and an impossible one
    # ("aaa" needs 5 frames, gets 4) -> inf, or 0 with zero_infinity
    case("tight_and_impossible", T=4, C=4, input_lengths=[3, 2, 4, 4],
         targets=[[2, 2], [1, 2], [1, 1, 1], [3, 1]], blank=0, seed=2),
    # blank as the last class
    case("blank_last", T=7, C=6, input_lengths=[7, 5], targets=[[0, 2, 2, 4], [1, 0]], blank=5, seed=3),
]
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "ctc.json"), "w") as f:
    json.dump({"generator": "gen_ctc_reference.py", "torch": torch.__version__, "cases": cases}, f)
print("wrote", os.path.join(OUT, "ctc.json"))
