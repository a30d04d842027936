#!/usr/bin/python3
"""Generates the reference files for the sdk-modelio tests.

Run with Debian's python3-torch 1.13 and numpy:
    /usr/bin/python3 sdk-modelio/src/test/python/make_modelio_fixtures.py [shared_dir]

Writes into sdk-modelio/src/test/resources/io/voxtok/modelio/:
  * <model>_listing.json: key, dtype, shape, float64 sum, first/last value of every tensor of the shared parity
    fixtures' model.pt (as torch.load sees them) plus the file's SHA-256;
  * small checkpoints saved by torch.save (nested containers, views, dtypes, a big-endian rewrite, legacy format,
    TorchScript) with their expected contents;
  * a hand-written .safetensors file (the safetensors package is not installed, so the format is written with
    struct/numpy following its specification) and .npy files written by numpy, with expected values.
Nothing here loads an untrusted pickle.
"""
import argparse
import hashlib
import io
import json
import os
import pathlib
import struct
import sys
import typing
import zipfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "io", "voxtok", "modelio"))
DTYPES = {
    torch.float32: "FLOAT32", torch.float64: "FLOAT64", torch.float16: "FLOAT16", torch.bfloat16: "BFLOAT16",
    torch.int64: "INT64", torch.int32: "INT32", torch.int16: "INT16", torch.int8: "INT8", torch.uint8: "UINT8",
    torch.bool: "BOOL",
}


def values(t):
    """Row-major values of a tensor as JSON numbers (ints stay exact; float16/bfloat16 are exact in float64)."""
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.bool or not t.is_floating_point():
        return [int(v) for v in t.to(torch.int64).tolist()]
    return [float(v) for v in t.to(torch.float64).tolist()]


def describe(t, with_values):
    d = {"dtype": DTYPES[t.dtype], "shape": list(t.shape)}
    if with_values:
        d["values"] = values(t)
    else:
        flat = t.detach().reshape(-1).to(torch.float64)
        d["sum"] = float(flat.sum()) if flat.numel() else 0.0
        d["abs_sum"] = float(flat.abs().sum()) if flat.numel() else 0.0
        d["first"] = float(flat[0]) if flat.numel() else None
        d["last"] = float(flat[-1]) if flat.numel() else None
    return d


def flatten(obj, prefix, out):
    """The flattening rule StateDict documents: dict keys and list/tuple indices joined with '.'."""
    if isinstance(obj, torch.Tensor):
        out[prefix] = obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            flatten(v, f"{prefix}.{k}" if prefix else str(k), out)
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            flatten(v, f"{prefix}.{i}" if prefix else str(i), out)


def dump(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=0, separators=(",", ":"))


def listing(shared, model):
    path = os.path.join(shared, "fixtures", "parity", model, "model.pt")
    sd = torch.load(path, map_location="cpu")
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    dump(f"{model}_listing.json", {"sha256": sha, "count": len(sd),
                                   "tensors": [dict(key=k, **describe(v, False)) for k, v in sd.items()]})


def nested():
    torch.manual_seed(7)
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    model(torch.randn(4, 3)).sum().backward()
    opt.step()
    ckpt = {
        "model": model.state_dict(),
        "args": argparse.Namespace(lr=0.01, arch="tiny", layers=[1, 2], weight=torch.ones(2)),
        "optimizer": opt.state_dict(),
        "epoch": 3,
        "meta": {"name": "x", "blob": b"\x00\x01\xff", "tags": {"a", "b"}, "ratio": 0.5, "big": 2 ** 70,
                 "neg": -5, "none": None, "flag": True},
        "extra": [torch.tensor([1.5, -2.5]), (torch.tensor([7], dtype=torch.int64), "text")],
        # what omegaconf configs (fairseq "cfg") hold: type references and paths, never called by the reader
        "cfg": {"object_type": dict, "element_type": typing.Any, "path": pathlib.PurePosixPath("/data/x")},
    }
    torch.save(ckpt, os.path.join(OUT, "nested.pt"))
    flat = {}
    flatten({k: v for k, v in ckpt.items() if k != "args"}, "", flat)  # the Namespace is opaque
    dump("nested_expected.json", {k: describe(v, True) for k, v in flat.items()})


def views():
    torch.manual_seed(11)
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) * 0.5 - 3
    cube = torch.randn(2, 3, 4)
    half = torch.tensor([[1.0, -2.5, 65504.0], [6e-8, -0.0, 3.140625]], dtype=torch.float16)
    d = {
        "base": base,
        "transposed": base.t(),
        "slice": base[1:3, 2:],
        "strided": base[:, ::2],
        "row": base[2],
        "element": base[3, 1],
        "expanded": torch.arange(3, dtype=torch.float32).expand(2, 3),
        "permuted": cube.permute(2, 0, 1),
        "scalar": torch.tensor(3.25),
        "empty": torch.zeros(0, 3),
        "half": half,
        "half_t": half.t(),
        "bf16": torch.tensor([[1.0, -0.5], [3.0e38, 1.0e-3]], dtype=torch.bfloat16),
        "long": torch.tensor([0, -1, 2 ** 62 + 1, -(2 ** 53) - 3], dtype=torch.int64),
        "long_slice": torch.arange(10, dtype=torch.int64)[3:7],
        "int32": torch.tensor([2 ** 31 - 1, -7], dtype=torch.int32),
        "int16": torch.tensor([-300, 300], dtype=torch.int16),
        "int8": torch.tensor([-128, 127], dtype=torch.int8),
        "uint8": torch.tensor([0, 255, 17], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
        "double": torch.tensor([1.0 / 3.0, -1e300], dtype=torch.float64),
        "param": torch.nn.Parameter(torch.randn(2, 2)),
    }
    torch.save(d, os.path.join(OUT, "views.pt"))
    dump("views_expected.json", {k: describe(v, True) for k, v in d.items()})


def big_endian():
    """A torch.save zip rewritten as a big-endian machine would write it (PyTorch >= 2.1 adds a byteorder record)."""
    d = {"f32": torch.tensor([1.5, -2.0, 1e-3]), "i64": torch.tensor([1, -2, 2 ** 40]),
         "f16": torch.tensor([0.5, -8.0], dtype=torch.float16), "u8": torch.tensor([1, 200], dtype=torch.uint8)}
    buf = io.BytesIO()
    torch.save(d, buf)
    sizes = [t.element_size() for t in d.values()]  # storage keys '0'.. follow first use, i.e. dict order
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(os.path.join(OUT, "bigendian.pt"), "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            top, _, rest = info.filename.partition("/")
            if rest.startswith("data/"):
                es = sizes[int(rest[5:])]
                data = np.frombuffer(data, dtype=f"<u{es}" if es > 1 else "u1").astype(
                    f">u{es}" if es > 1 else "u1").tobytes()
            dst.writestr("bigendian/" + rest, data)
        dst.writestr("bigendian/byteorder", b"big")
    dump("bigendian_expected.json", {k: describe(v, True) for k, v in d.items()})


def other_formats():
    torch.save({"w": torch.ones(2)}, os.path.join(OUT, "legacy.pt"), _use_new_zipfile_serialization=False)
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), os.path.join(OUT, "torchscript.pt"))


def safetensors():
    """Written by hand from the format specification; data order deliberately differs from header order."""
    tensors = {
        "a.weight": ("F32", np.array([[1.0, -2.0, 3.5], [0.25, 1e-7, -1e7]], dtype="<f4")),
        "b.bias": ("F16", np.array([0.5, -1.0, 65504.0, 6e-8], dtype="<f2")),
        "c.bf16": ("BF16", (np.array([[1.0, -0.5], [3.0e38, 0.0078125]], dtype="<f4").view("<u4") >> 16)
                   .astype("<u2")),
        "d.ids": ("I64", np.array([0, -1, 2 ** 62], dtype="<i8")),
        "e.mask": ("BOOL", np.array([True, False], dtype="?")),
        "f.double": ("F64", np.array(2.0 / 3.0, dtype="<f8")),
        "g.empty": ("F32", np.zeros((0, 4), dtype="<f4")),
        "h.i32": ("I32", np.array([-5, 2 ** 31 - 1], dtype="<i4")),
        "i.i16": ("I16", np.array([-300], dtype="<i2")),
        "j.i8": ("I8", np.array([-128, 5], dtype="<i1")),
        "k.u8": ("U8", np.array([255, 0, 9], dtype="<u1")),
    }
    order = list(reversed(tensors))  # data laid out in reverse header order
    offsets, blob = {}, b""
    for k in order:
        raw = tensors[k][1].tobytes()
        offsets[k] = [len(blob), len(blob) + len(raw)]
        blob += raw
    header = {"__metadata__": {"format": "pt", "note": "hand-written"}}
    for k, (dt, arr) in tensors.items():
        header[k] = {"dtype": dt, "shape": list(arr.shape), "data_offsets": offsets[k]}
    hb = json.dumps(header).encode()
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(os.path.join(OUT, "hand.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(hb)) + hb + blob)
    expected = {}
    names = {"F32": "FLOAT32", "F16": "FLOAT16", "BF16": "BFLOAT16", "I64": "INT64", "BOOL": "BOOL",
             "F64": "FLOAT64", "I32": "INT32", "I16": "INT16", "I8": "INT8", "U8": "UINT8"}
    for k, (dt, arr) in tensors.items():
        if dt == "BF16":
            vals = (arr.astype("<u4") << 16).view("<f4").astype(np.float64).reshape(-1).tolist()
        elif arr.dtype.kind in "fc":
            vals = arr.astype(np.float64).reshape(-1).tolist()
        else:
            vals = [int(v) for v in arr.reshape(-1).tolist()]
        expected[k] = {"dtype": names[dt], "shape": list(arr.shape), "values": vals}
    dump("hand_safetensors_expected.json", expected)


def npy():
    rng = np.random.default_rng(5)
    arrays = {
        "f32_2d": rng.standard_normal((3, 4)).astype("<f4"),
        "i64_1d": np.array([5, -6, 2 ** 60], dtype="<i8"),
        "f64_scalar": np.array(-1.25, dtype="<f8"),
        "f32_3d": rng.standard_normal((2, 3, 2)).astype("<f4"),
        "be_f8": np.array([1.5, -2.25, 1e-300], dtype=">f8"),
        "be_i4": np.array([[1, -2], [70000, 3]], dtype=">i4"),
        "bool": np.array([True, False, True, True]),
        "u1": np.array([0, 200, 255], dtype="|u1"),
        "i1": np.array([-128, 3], dtype="|i1"),
        "i2": np.array([-32768, 12], dtype="<i2"),
        "f2": np.array([0.5, -1024.0], dtype="<f2"),
        "empty": np.zeros((0, 2), dtype="<f4"),
    }
    expected = {}
    for name, a in arrays.items():
        np.save(os.path.join(OUT, f"{name}.npy"), a)
        kind = {"f": "FLOAT", "i": "INT", "u": "UINT", "b": "BOOL"}[a.dtype.kind]
        dtype = "BOOL" if kind == "BOOL" else f"{kind}{a.dtype.itemsize * 8}"
        vals = [float(v) for v in a.reshape(-1)] if a.dtype.kind == "f" else [int(v) for v in a.reshape(-1)]
        expected[name] = {"dtype": dtype, "shape": list(a.shape), "values": vals}
    for version in [(2, 0), (3, 0)]:
        name = f"v{version[0]}_f32"
        a = np.arange(6, dtype="<f4").reshape(2, 3) / 4
        with open(os.path.join(OUT, f"{name}.npy"), "wb") as f:
            np.lib.format.write_array(f, a, version=version)
        expected[name] = {"dtype": "FLOAT32", "shape": [2, 3], "values": [float(v) for v in a.reshape(-1)]}
    np.save(os.path.join(OUT, "fortran.npy"), np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    dump("npy_expected.json", expected)


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, "..", "..", "..", "..",
                                                                                 "..", "shared"))
    os.makedirs(OUT, exist_ok=True)
    for model in ["speechtokenizer", "encodec", "hubert"]:
        listing(shared, model)
    nested()
    views()
    big_endian()
    other_formats()
    safetensors()
    npy()


if __name__ == "__main__":
    main()
