#!/usr/bin/env bash
# Voxtok next to the official code's modules on the same machine, interleaved: for each round and model, one
# `voxtok bench speed` process and one run of scripts/reference/seanet_reference_speed.py (a PyTorch
# re-implementation of the official SpeechTokenizer / EnCodec 24 kHz inference on Debian's python3-torch), the
# order alternating between rounds (A B, B A, ...) so that load drifting over time hits both alike. Every sample,
# the medians over all rounds, /proc/loadavg before each process, and both sides' versions, BLAS and threads go
# into one JSON (and a Markdown table next to it).
#
#   ROUNDS      rounds (default 3); each process times RUNS encodes and decodes after one warm-up
#   RUNS        timed runs per process (default 3)
#   THREADS     intra-op threads on both sides (default 2); OpenBLAS on the Python side gets the same
#   AUDIO_SECONDS  audio length (default 10)
#   MODELS      "speechtokenizer encodec_24khz" (default: both)
#   OUT         JSON path (default bench-results/side-by-side-<cpu>.json)
#   PYTHON      interpreter with torch (default /usr/bin/python3: Debian's python3-torch, apt-get install -y
#               python3-torch python3-numpy)
#   OPENBLAS_DIR  OpenBLAS build the Python side loads instead of the reference BLAS Debian's torch links by
#               default (SPEC 8: 30x slower GEMM), without switching the system alternative (default
#               /usr/lib/x86_64-linux-gnu/openblas-pthread, from libopenblas0-pthread; empty: none)
#   OMP_WAIT_POLICY  the same for both sides (default PASSIVE: on a busy machine spinning OpenMP threads make both
#               sides' times swing 3-5x; see the README's speed section); "default" leaves it unset for both
#               (libgomp's own spinning; the voxtok launcher then only sets it when the machine is busy)
# Needs the built worktree (mvn -o -q package -DskipTests). Nothing here is a build or test dependency.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
ROUNDS="${ROUNDS:-3}"
RUNS="${RUNS:-3}"
THREADS="${THREADS:-2}"
AUDIO_SECONDS="${AUDIO_SECONDS:-10}"
MODELS="${MODELS:-speechtokenizer encodec_24khz}"
PYTHON="${PYTHON:-/usr/bin/python3}"
OPENBLAS_DIR="${OPENBLAS_DIR-/usr/lib/x86_64-linux-gnu/openblas-pthread}"
cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //; s/[^A-Za-z0-9]\+/-/g; s/-$//' | tr 'A-Z' 'a-z')"
OUT="${OUT:-bench-results/side-by-side-${cpu:-unknown-cpu}.json}"
work="$(mktemp -d "${TMPDIR:-/tmp}/voxtok-side-by-side.XXXXXX")"
trap 'rm -rf "$work"' EXIT

export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
if [ "$OMP_WAIT_POLICY" = default ]; then
  unset OMP_WAIT_POLICY
  export VOXTOK_OMP_WAIT_AUTO=0   # the launcher would otherwise pick PASSIVE for Voxtok alone on a busy machine
fi
"$PYTHON" -c "import torch" || { echo "no torch for $PYTHON: apt-get install -y python3-torch python3-numpy" >&2; exit 1; }
py_env=(OPENBLAS_NUM_THREADS="$THREADS")
if [ -n "$OPENBLAS_DIR" ] && [ -f "$OPENBLAS_DIR/libblas.so.3" ]; then
  py_env+=(LD_LIBRARY_PATH="$OPENBLAS_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
fi

run_voxtok() { # model round
  local opts=(-t speechtokenizer)
  [ "$1" = encodec_24khz ] && opts=(-t encodec --config encodec_24khz)
  ./voxtok bench speed "${opts[@]}" --random-init --seconds "$AUDIO_SECONDS" --threads "$THREADS" \
      --runs "$RUNS" --warmup 1 --batch 0 --no-engine-peak --no-engine-probe -o "$work/voxtok-$1-$2.json" >/dev/null
}
run_official() { # model round
  env "${py_env[@]}" "$PYTHON" scripts/reference/seanet_reference_speed.py --model "$1" --seconds "$AUDIO_SECONDS" \
      --threads "$THREADS" --warmup 1 --runs "$RUNS" > "$work/official-$1-$2.json"
}

for round in $(seq 1 "$ROUNDS"); do
  for model in $MODELS; do
    if [ $((round % 2)) -eq 1 ]; then order="voxtok official"; else order="official voxtok"; fi
    for side in $order; do
      echo "round $round/$ROUNDS $model $side (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
      "run_$side" "$model" "$round"
    done
  done
done

"$PYTHON" - "$work" "$OUT" "$ROUNDS" "$MODELS" <<'EOF'
import glob, json, os, statistics, subprocess, sys
work, out, rounds, models = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split()
result = {"description": "Voxtok (voxtok bench speed) next to a PyTorch re-implementation of the official "
          "modules (scripts/reference/seanet_reference_speed.py), interleaved A B / B A per round on the same "
          "machine; medians over every timed run of every round. The machine was shared with other work: see "
          "loadAverages.", "rounds": rounds, "models": {}, "loadAverages": []}
with open("/proc/cpuinfo") as f:
    info = f.read()
result["cpu"] = next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("model name")), "")
flags = next((l.split(":", 1)[1].split() for l in info.splitlines() if l.startswith("flags")), [])
result["cpuSimdFlags"] = [x for x in flags if x in ("avx", "avx2", "fma") or x.startswith(("avx512", "amx"))]
result["logicalCpus"] = info.count("processor\t:")
for model in models:
    entry = {}
    for side in ("voxtok", "official"):
        enc, dec, enc_cpu, dec_cpu, loads = [], [], [], [], []
        details = None
        for r in range(1, rounds + 1):
            with open(os.path.join(work, f"{side}-{model}-{r}.json")) as f:
                d = json.load(f)
            enc += d["encodeSeconds"]
            dec += d["decodeSeconds"]
            enc_cpu += d["encodeCpuSeconds"]
            dec_cpu += d["decodeCpuSeconds"]
            loads.append(d["loadAverageBefore"])
            details = d
        side_entry = {"encodeSeconds": enc, "decodeSeconds": dec, "encodeMedian": statistics.median(enc),
                      "decodeMedian": statistics.median(dec), "encodeCpuSeconds": enc_cpu,
                      "decodeCpuSeconds": dec_cpu, "encodeCpuMedian": statistics.median(enc_cpu),
                      "decodeCpuMedian": statistics.median(dec_cpu), "loadAverageBeforeEachProcess": loads}
        if side == "voxtok":
            side_entry["tokenizer"] = details["tokenizer"]
            side_entry["engine"] = {k: details["engine"][k] for k in ("engine", "engineVersion", "djlVersion", "features",
                                    "openMp", "blas", "intraOpThreads", "interOpThreads", "threadEnvironment")}
        else:
            side_entry.update({k: details[k] for k in ("implementation", "torch", "threads", "mappedLibraries",
                                                       "environment", "python")})
            side_entry["torchConfig"] = details["torchConfig"]
        entry[side] = side_entry
        result["loadAverages"] += loads
    entry["officialOverVoxtok"] = {
        "encode": entry["official"]["encodeMedian"] / entry["voxtok"]["encodeMedian"],
        "decode": entry["official"]["decodeMedian"] / entry["voxtok"]["decodeMedian"],
        "encodeCpu": entry["official"]["encodeCpuMedian"] / entry["voxtok"]["encodeCpuMedian"],
        "decodeCpu": entry["official"]["decodeCpuMedian"] / entry["voxtok"]["decodeCpuMedian"]}
    result["models"][model] = entry
with open(out, "w") as f:
    json.dump(result, f, indent=2)
threads = result["models"][models[0]]["official"]["threads"]
md = [f"# Side by side on {result['cpu']} ({result['logicalCpus']} logical CPUs, shared machine), {threads} threads",
      "",
      f"{rounds} rounds, medians of every timed run; load averages before each process: "
      + ", ".join(l.split()[0] for l in result["loadAverages"]), "",
      "Wall time, and in brackets process CPU time (all threads; spinning OpenMP threads count).", "",
      "| model | Voxtok encode s | official encode s | official / Voxtok | Voxtok decode s | official decode s "
      "| official / Voxtok |",
      "|---|---|---|---|---|---|---|"]
for model, e in result["models"].items():
    v, o, q = e["voxtok"], e["official"], e["officialOverVoxtok"]
    md.append(f"| {model} | {v['encodeMedian']:.3f} ({v['encodeCpuMedian']:.2f}) | {o['encodeMedian']:.3f} "
              f"({o['encodeCpuMedian']:.2f}) | {q['encode']:.2f}x ({q['encodeCpu']:.2f}x) | "
              f"{v['decodeMedian']:.3f} ({v['decodeCpuMedian']:.2f}) | {o['decodeMedian']:.3f} "
              f"({o['decodeCpuMedian']:.2f}) | {q['decode']:.2f}x ({q['decodeCpu']:.2f}x) |")
with open(os.path.splitext(out)[0] + ".md", "w") as f:
    f.write("\n".join(md) + "\n")
print("\n".join(md))
EOF
echo "wrote $OUT" >&2
