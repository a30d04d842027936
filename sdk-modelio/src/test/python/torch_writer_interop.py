#!/usr/bin/python3
"""Interoperability of TorchZipWriter (Java) with torch.save/torch.load (Debian python3-torch 1.13).

Python is not needed to build or test Voxtok; this script only makes a committed fixture and runs a one-time check.

  /usr/bin/python3 sdk-modelio/src/test/python/torch_writer_interop.py make
      Writes src/test/resources/io/voxtok/modelio/torch_module.pt (torch.save of Tiny().state_dict()) and
      torch_module_expected.json (dtype, shape, values of every tensor), read by TorchZipWriterTest.

  mvn -B -q -o -pl sdk-modelio -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
  java -cp sdk-modelio/target/test-classes:sdk-modelio/target/classes:$(cat /tmp/cp.txt) \
      io.voxtok.modelio.TorchCheckFiles /tmp/voxtok-torchcheck
  /usr/bin/python3 sdk-modelio/src/test/python/torch_writer_interop.py check /tmp/voxtok-torchcheck
      Loads the files Java wrote with torch.load and compares them with what they should hold; exits non-zero on
      the first difference.
"""
import json
import math
import os
import struct
import sys
import zipfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.normpath(os.path.join(HERE, "..", "resources", "io", "voxtok", "modelio"))
DTYPES = {
    "FLOAT32": torch.float32, "FLOAT64": torch.float64, "FLOAT16": torch.float16, "BFLOAT16": torch.bfloat16,
    "INT64": torch.int64, "INT32": torch.int32, "INT16": torch.int16, "INT8": torch.int8, "UINT8": torch.uint8,
    "BOOL": torch.bool,
}
NAMES = {v: k for k, v in DTYPES.items()}


class Tiny(torch.nn.Module):
    """A module whose state dict has parameters, BatchNorm buffers and buffers of the other dtypes and ranks."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(2, 3, 3)
        self.norm = torch.nn.BatchNorm1d(3)
        self.proj = torch.nn.Linear(3, 2)
        self.register_buffer("fp16", torch.tensor([[1.0, -2.5], [65504.0, 6e-8]], dtype=torch.float16))
        self.register_buffer("mask", torch.tensor([True, False, True]))
        self.register_buffer("ids", torch.tensor([[-(2 ** 40), 7], [3, 2 ** 62]], dtype=torch.int64))
        self.register_buffer("scale", torch.tensor(0.125))
        self.register_buffer("empty", torch.zeros(0, 3))
        self.register_buffer("cube", torch.zeros(2, 1, 2, 2))

    def forward(self, x):
        y = self.norm(self.conv(x)).mean(-1)
        return self.proj(y) * self.scale + self.cube.sum()


def values(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.bool or not t.is_floating_point():
        return [int(v) for v in t.to(torch.int64).tolist()]
    return [float(v) for v in t.to(torch.float64).tolist()]


def make():
    torch.manual_seed(3)
    m = Tiny()
    with torch.no_grad():
        m.cube.copy_(torch.randn(2, 1, 2, 2))
    m.train()
    m(torch.randn(4, 2, 5))  # updates the BatchNorm running statistics and num_batches_tracked
    sd = m.state_dict()
    torch.save(sd, os.path.join(RES, "torch_module.pt"))
    expected = {k: {"dtype": NAMES[v.dtype], "shape": list(v.shape), "values": values(v)} for k, v in sd.items()}
    with open(os.path.join(RES, "torch_module_expected.json"), "w") as f:
        json.dump(expected, f, indent=0, separators=(",", ":"))
    print("wrote", os.path.join(RES, "torch_module.pt"), len(sd), "tensors")


def pattern(name, shape):
    """Keep in step with TensorPatterns.java."""
    dtype = DTYPES[name]
    n = math.prod(shape)
    i = torch.arange(n, dtype=torch.int64)
    if dtype.is_floating_point:
        v = (((i * 7) % 23 - 11).to(torch.float64) * 0.25).to(dtype)
    elif dtype == torch.int64:
        v = (i - 3) * 1_000_000_007 * 1000
    elif dtype == torch.int32:
        v = ((i - 3) * 100_003).to(dtype)
    elif dtype == torch.int16:
        v = ((i * 37) % 200 - 100).to(dtype)
    elif dtype == torch.int8:
        v = ((i * 5) % 200 - 100).to(dtype)
    elif dtype == torch.uint8:
        v = ((i * 13) % 256).to(dtype)
    else:
        v = (i % 3 == 0)
    return v.reshape(shape)


def all_dtypes_and_ranks():
    """Keep in step with TorchZipWriterTest.allDtypesAndRanks()."""
    out = {}
    for name in DTYPES:
        for shape in [(), (5,), (2, 3), (2, 3, 4), (2, 1, 3, 2)]:
            out[f"t.{name.lower()}.rank{len(shape)}"] = pattern(name, shape)
    out["empty.1d"] = pattern("FLOAT32", (0,))
    out["empty.3d"] = pattern("INT64", (2, 0, 3))
    out["a.first.alphabetically"] = pattern("FLOAT16", (3,))
    return out


def same(a, b, what):
    ok = (isinstance(b, torch.Tensor) and a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
          and b.is_contiguous() and not b.requires_grad)
    if not ok:
        sys.exit(f"MISMATCH {what}: expected {a.dtype} {tuple(a.shape)}, got {b!r}")


def check_state_dict(path, expected):
    sd = torch.load(path)
    if type(sd) is not __import__("collections").OrderedDict:
        sys.exit(f"{path}: root is {type(sd)}, expected OrderedDict")
    if list(sd.keys()) != list(expected.keys()):
        sys.exit(f"{path}: keys {list(sd.keys())[:5]}... differ from {list(expected.keys())[:5]}...")
    for k, v in expected.items():
        same(v, sd[k], f"{os.path.basename(path)}:{k}")
    return sd


def check_alignment(path):
    """Data of every record starts at a multiple of 64 (read from the local headers)."""
    with open(path, "rb") as f:
        raw = f.read()
    z = zipfile.ZipFile(path)
    for info in z.infolist():
        name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
        start = info.header_offset + 30 + name_len + extra_len
        if start % 64 or info.compress_type != zipfile.ZIP_STORED:
            sys.exit(f"{path}: record {info.filename} data at {start}, method {info.compress_type}")
    if z.testzip() is not None:
        sys.exit(f"{path}: CRC error in {z.testzip()}")
    return z.namelist()


def check(folder):
    torch.manual_seed(0)
    p = lambda name: os.path.join(folder, name)

    # 1. A Linear(3, 2) state dict written by Java loads strictly and computes with the pattern weights.
    sd = torch.load(p("java_linear.pt"))
    lin = torch.nn.Linear(3, 2)
    result = lin.load_state_dict(sd, strict=True)
    same(pattern("FLOAT32", (2, 3)), lin.weight.data, "linear weight")
    same(pattern("FLOAT32", (2,)), lin.bias.data, "linear bias")
    x = torch.tensor([[1.0, 2.0, 3.0]])
    print("java_linear.pt: load_state_dict(strict=True) ->", result, "; Linear(x) =", lin(x).tolist(),
          "; records", check_alignment(p("java_linear.pt")))

    # 2. Every dtype at ranks 0..4 plus empty tensors, in the order Java gave them.
    expected = all_dtypes_and_ranks()
    check_state_dict(p("java_dtypes.pt"), expected)
    check_alignment(p("java_dtypes.pt"))
    print(f"java_dtypes.pt: {len(expected)} tensors, 10 dtypes, ranks 0-4 and empty: equal (torch.equal), "
          "keys in order, contiguous, requires_grad False")

    # 3. The same tensors with zip64 end records and zip64 offsets.
    check_state_dict(p("java_zip64.pt"), expected)
    check_alignment(p("java_zip64.pt"))
    print("java_zip64.pt (zip64 records forced): equal")

    # 4. A trainer checkpoint with nested dicts, lists and Python scalars.
    ck = torch.load(p("java_nested.pt"))
    ref = {
        "model": {"proj.weight": pattern("FLOAT32", (2, 3)), "proj.bias": pattern("FLOAT32", (2,)),
                  "norm.num_batches_tracked": pattern("INT64", ())},
        "optimizer": {"state": {0: {"step": pattern("FLOAT32", ()), "exp_avg": pattern("FLOAT32", (2, 3))}},
                      "param_groups": [{"lr": 1e-3, "betas": [0.9, 0.999], "params": [0, 1, 2]}]},
        "step": 1200,
        "scalars": {"int": 3, "long": 1234, "short": -7, "byte": 5, "min": -2 ** 63, "big": 2 ** 70,
                    "double": 0.1, "float": 0.5, "nan": float("nan"), "inf": float("-inf"), "str": "voxtok ünï 😀",
                    "true": True, "false": False, "none": None, "list": [1, "two", 3.0, [], {}],
                    "empty_dict": {}, "keys": {0: "zero", 7: "seven", 2.5: "two and a half", True: "yes",
                                               None: "none"}},
        "tied": pattern("FLOAT32", (2, 3)),
    }
    compare(ref, ck, "java_nested.pt")
    if type(ck["model"]).__name__ != "OrderedDict" or type(ck) is not dict:
        sys.exit("java_nested.pt: model should be an OrderedDict and the root a dict")
    if ck["optimizer"]["state"][0]["exp_avg"] is not ck["tied"]:
        sys.exit("java_nested.pt: the tied tensor should be one object")
    print("java_nested.pt: nested dict/OrderedDict/list/int/big int/float/nan/inf/str/bool/None equal,"
          " tied tensor is one object")

    # 5. The committed torch.save fixture, read by Java and written again: same tensors, loads strictly into Tiny.
    original = torch.load(os.path.join(RES, "torch_module.pt"))
    rewritten = check_state_dict(p("torch_module.pt"), original)
    a, b = Tiny(), Tiny()
    print("torch_module.pt rewritten by Java: keys/dtypes/shapes/values equal; Tiny().load_state_dict(strict=True) ->",
          a.load_state_dict(original, strict=True), b.load_state_dict(rewritten, strict=True))
    a.eval(), b.eval()
    x = torch.randn(3, 2, 5)
    if not torch.equal(a(x), b(x)):
        sys.exit("outputs of the two modules differ")
    print("  forward outputs of the module loaded from the original and from the rewrite are equal:", a(x)[0].tolist())
    # 6. torch's own restricted unpickler accepts the state dicts: the writer names no global beyond the tensor ones.
    for name in ["java_linear.pt", "java_dtypes.pt", "java_zip64.pt", "torch_module.pt"]:
        torch.load(p(name), weights_only=True)
    print("torch.load(weights_only=True) accepts the four state-dict files")
    # torch 1.13's weights_only unpickler lacks BINFLOAT (opcode 71, 'G'), which Python's own pickler uses for
    # every float, so a checkpoint with Python floats fails there whoever wrote it; later torch versions accept it.
    import io
    buf = io.BytesIO()
    torch.save({"lr": 0.001}, buf)
    for what, source in [("java_nested.pt", p("java_nested.pt")), ("torch.save({'lr': 0.001})", buf)]:
        if hasattr(source, "seek"):
            source.seek(0)
        try:
            torch.load(source, weights_only=True)
            print(f"torch.load(weights_only=True) accepts {what}")
        except Exception as e:
            print(f"torch.load(weights_only=True) refuses {what}: {str(e)[-40:]}")
    print("ALL CHECKS PASSED with torch", torch.__version__)


def compare(ref, got, path):
    if isinstance(ref, torch.Tensor):
        same(ref, got, path)
    elif isinstance(ref, dict):
        if not isinstance(got, dict) or list(ref.keys()) != list(got.keys()):
            sys.exit(f"{path}: expected keys {list(ref.keys())}, got {got!r}")
        for k in ref:
            compare(ref[k], got[k], f"{path}.{k}")
    elif isinstance(ref, list):
        if type(got) is not list or len(ref) != len(got):
            sys.exit(f"{path}: expected list {ref!r}, got {got!r}")
        for i, (r, g) in enumerate(zip(ref, got)):
            compare(r, g, f"{path}.{i}")
    elif isinstance(ref, float) and math.isnan(ref):
        if not (type(got) is float and math.isnan(got)):
            sys.exit(f"{path}: expected nan, got {got!r}")
    elif type(ref) is not type(got) or ref != got:
        sys.exit(f"{path}: expected {ref!r} ({type(ref).__name__}), got {got!r} ({type(got).__name__})")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "make":
        make()
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        sys.exit(__doc__)
