#!/usr/bin/env bash
# How much spectral damage does the recogniser tolerate? Degrades the seen-voice sentences of
# scripts/diagnose-codec.sh in known ways (scripts/reference/griffin_lim_probe.py: Griffin-Lim from exact, mel,
# noisy, equalised and smeared spectra) and runs `voxtok eval` on each, next to the codecs' resynthesis, so that
# WER can be read against log_mel_distance and log_mel_detail_distance. Writes work/intelligibility/summary.md.
#   scripts/intelligibility-probe.sh [MODEL...]   (after scripts/diagnose-codec.sh; about 1 min per variant or model)
#   VARIANTS=gl-linear,gl-mel80,noise0.5,noise1.0,cut10,cut20,blur5 (default)   PYTHON=/usr/bin/python3 (numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(speechtokenizer-small codec-small-nodistill)
seen=work/diagnose/seen; out=work/intelligibility
variants=${VARIANTS:-gl-linear,gl-mel80,noise0.5,noise1.0,cut10,cut20,blur5}
[ -s "$seen/manifest.jsonl" ] || { echo "run scripts/diagnose-codec.sh first (it makes $seen)" >&2; exit 2; }
mkdir -p "$out"
"${PYTHON:-/usr/bin/python3}" scripts/reference/griffin_lim_probe.py "$seen/reference" "$out/degraded" "$variants"
summary=$out/summary.md
{ echo "| seen-voice sentences (36) | WER (originals) | CER | log-mel | log-mel detail | STOI | 0.5-1 kHz | 1-2 kHz (dB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"; } > "$summary.part"
row() { # label hypothesis-dir
  ./voxtok eval --reference "$seen/reference" --hypothesis "$2" --manifest "$seen/manifest.jsonl" -o "$out/$1-eval" > /dev/null
  python3 - "$out/$1-eval.json" "$1" >> "$summary.part" <<'PY'
import json, sys
d = {x["name"]: x["value"] for x in json.load(open(sys.argv[1]))["summary"]}
print("| %s | %.3f (%.3f) | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f |" % (sys.argv[2], d["wer"], d["wer_original"], d["cer"],
      d["log_mel_distance"], d["log_mel_detail_distance"], d["stoi"], d["band_level_db_500_1000hz"],
      d["band_level_db_1000_2000hz"]))
PY
}
IFS=, read -r -a list <<< "$variants"
for v in "${list[@]}"; do row "$v" "$out/degraded/$v"; done
for m in "${models[@]}"; do
  name=$(basename "$m")
  rm -rf "${out:?}/$name-resynth"
  ./voxtok resynth -t speechtokenizer -m "$m" "$seen/reference" -o "$out/$name-resynth" > /dev/null
  row "$name" "$out/$name-resynth"
done
mv "$summary.part" "$summary"
cat "$summary"
