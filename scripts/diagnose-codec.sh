#!/usr/bin/env bash
# Where does a codec lose speech? Resynthesises (a) sentences no model heard, spoken by the training voices
# (flite slt, awb, rms: seen voices, unseen text) and (b) the test split's unseen voice, and reports the
# recogniser's WER next to the originals' and the level of each frequency band relative to the original
# (band_level_db_*: 0 is faithful). Writes work/diagnose/<model>/{seen,test}-eval.{json,md} and a summary table.
#   scripts/diagnose-codec.sh [MODEL...]        (default: speechtokenizer-small codec-small-nodistill; about 2 min each)
#   CORPUS=data/corpus-3h  test references come from its test split (4 per speaker); skipped when absent
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(speechtokenizer-small codec-small-nodistill)
out=work/diagnose; corpus=${CORPUS:-data/corpus-3h}
mkdir -p "$out/seen/reference"
sentences=("The quick brown fox jumps over the lazy dog." "Please call Stella and ask her to bring these things."
  "Seven silver ships sailed across the quiet harbour." "My brother bought a new bicycle on Tuesday."
  "The children played football in the park until sunset." "Could you open the window before the meeting starts?"
  "A warm cup of tea helps on a cold morning." "The museum closes at five o'clock every day."
  "She wrote a long letter to her grandmother." "We found an old map hidden under the floor."
  "The train to the city leaves in ten minutes." "He painted the garden fence a bright green colour.")
if [ ! -s "$out/seen/manifest.jsonl" ]; then
  : > "$out/seen/manifest.tmp"
  for v in slt awb rms; do
    for i in "${!sentences[@]}"; do
      id=$(printf 'flite_%s_%02d' "$v" "$i")
      flite -voice "$v" -t "${sentences[$i]}" -o "$out/seen/tmp.wav"
      sox "$out/seen/tmp.wav" -r 16000 -c 1 -b 16 "$out/seen/reference/$id.wav"
      printf '{"id":"%s","path":"reference/%s.wav","text":"%s","speaker":"flite_%s","split":"test"}\n' \
        "$id" "$id" "${sentences[$i]}" "$v" >> "$out/seen/manifest.tmp"
    done
  done
  rm -f "$out/seen/tmp.wav"; mv "$out/seen/manifest.tmp" "$out/seen/manifest.jsonl"
fi
sets=(seen)
if [ -f "$corpus/manifest.jsonl" ]; then
  mkdir -p "$out/test/reference"
  grep '"split":"test"' "$corpus/manifest.jsonl" | sed -E 's/.*"id":"([^"]+)","path":"([^"]+)".*"speaker":"([^"]+)".*/\3\t\1\t\2/' \
    | sort | awk -F'\t' '{ if (c[$1]++ < 4) print $2 "\t" $3 }' \
    | while IFS=$'\t' read -r id path; do cp "$corpus/$path" "$out/test/reference/$id.flac"; done
  sets+=(test)
fi
summary=$out/summary.md
{ echo "| model | set | WER (originals) | band 0-0.5 | 0.5-1 | 1-2 | 2-4 | 4-8 kHz (dB) | log-mel |"; echo "|---|---|---|---:|---:|---:|---:|---:|---:|"; } > "$summary"
for m in "${models[@]}"; do
  for s in "${sets[@]}"; do
    manifest=$([ "$s" = seen ] && echo "$out/seen/manifest.jsonl" || echo "$corpus/manifest.jsonl")
    rm -rf "${out:?}/$m/$s-resynth"
    ./voxtok resynth -t speechtokenizer -m "$m" "$out/$s/reference" -o "$out/$m/$s-resynth" > /dev/null
    ./voxtok eval --reference "$out/$s/reference" --hypothesis "$out/$m/$s-resynth" --manifest "$manifest" \
      -o "$out/$m/$s-eval" > /dev/null
    python3 - "$out/$m/$s-eval.json" "$m" "$s" >> "$summary" <<'PY'
import json, sys
d = {x["name"]: x["value"] for x in json.load(open(sys.argv[1]))["summary"]}
b = [d["band_level_db_%s" % k] for k in ("0_500hz", "500_1000hz", "1000_2000hz", "2000_4000hz", "4000_8000hz")]
print("| %s | %s | %.3f (%.3f) | %s | %.3f |" % (sys.argv[2], sys.argv[3], d["wer"], d["wer_original"],
      " | ".join("%.1f" % v for v in b), d["log_mel_distance"]))
PY
  done
done
cat "$summary"
