#!/usr/bin/env bash
# Measures the shipped models on speech they never heard (README "Models of our own"):
#   * the 3 h corpus' test split (festival ked voices: a speaker in no training split), 10 utterances per speaker;
#   * espeak-ng speech (an engine in no split at all), 20 sentences written for this script;
# resynthesis quality (WER/CER against the recogniser's error on the originals, SI-SDR, mel distance, STOI), RVQ
# token content (phone purity, PNMI, codebook usage, speaker probe on RVQ-1 vs RVQ-2..8) and voice conversion
# (speaker probe of RVQ-1 of a test speaker + RVQ-2..8 of a dev speaker). Writes work/eval-models/.
#   scripts/evaluate-models.sh [CORPUS_DIR]   (default data/corpus-3h, made by scripts/build-models.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-data/corpus-3h}
out=work/eval-models
models=(${MODELS:-speechtokenizer-small codec-small-nodistill})
rm -rf "$out/test" "$out/espeak"; mkdir -p "$out/test/reference" "$out/espeak/reference"

# test split: the first 10 utterances of each test speaker (sorted ids)
python_free_select() { # split per_speaker -> lines "id<TAB>path"
  grep "\"split\":\"$1\"" "$corpus/manifest.jsonl" | sed -E 's/.*"id":"([^"]+)","path":"([^"]+)".*"speaker":"([^"]+)".*/\3\t\1\t\2/' \
    | sort | awk -F'\t' -v n="$2" '{ if (c[$1]++ < n) print $2 "\t" $3 }'
}
python_free_select test "${PER_SPEAKER:-10}" | while IFS=$'\t' read -r id path; do cp "$corpus/$path" "$out/test/reference/$id.flac"; done
echo "test utterances: $(ls "$out/test/reference" | wc -l)"

# espeak-ng: an engine no split was made with (needs the Debian package espeak-ng)
sentences=("The quick brown fox jumps over the lazy dog." "Please call Stella and ask her to bring these things."
  "Seven silver ships sailed across the quiet harbour." "My brother bought a new bicycle on Tuesday."
  "The children played football in the park until sunset." "Could you open the window before the meeting starts?"
  "A warm cup of tea helps on a cold morning." "The museum closes at five o'clock every day."
  "She wrote a long letter to her grandmother." "We found an old map hidden under the floor."
  "The train to the city leaves in ten minutes." "He painted the garden fence a bright green colour."
  "Nobody knew where the little cat had gone." "The farmer sold apples and pears at the market."
  "Our teacher told us a story about the moon." "The river was cold and clear after the rain."
  "They built a small house near the mountain lake." "Please remember to lock the door tonight."
  "The doctor asked him to rest for a week." "Music filled the hall as the guests arrived.")
: > "$out/espeak/manifest.jsonl"
for i in "${!sentences[@]}"; do
  id=$(printf 'espeak_%02d' "$i"); voice=$([ $((i % 2)) -eq 0 ] && echo en-us || echo en-gb)
  espeak-ng -v "$voice" -w "$out/espeak/tmp.wav" "${sentences[$i]}"
  sox "$out/espeak/tmp.wav" -r 16000 -c 1 -b 16 "$out/espeak/reference/$id.wav"
  printf '{"id":"%s","path":"reference/%s.wav","text":"%s","speaker":"espeak_%s","split":"test"}\n' \
    "$id" "$id" "${sentences[$i]}" "$voice" >> "$out/espeak/manifest.jsonl"
done
rm -f "$out/espeak/tmp.wav"

for m in "${models[@]}"; do
  rm -rf "${out:?}/$m"
  echo "== $m: resynthesis"
  ./voxtok resynth -t speechtokenizer -m "$m" "$out/test/reference" -o "$out/$m/test-resynth"
  ./voxtok eval --reference "$out/test/reference" --hypothesis "$out/$m/test-resynth" \
    --manifest "$corpus/manifest.jsonl" -o "$out/$m/test-eval" > /dev/null
  ./voxtok resynth -t speechtokenizer -m "$m" "$out/espeak/reference" -o "$out/$m/espeak-resynth"
  ./voxtok eval --reference "$out/espeak/reference" --hypothesis "$out/$m/espeak-resynth" \
    --manifest "$out/espeak/manifest.jsonl" -o "$out/$m/espeak-eval" > /dev/null
  echo "== $m: tokens (phone purity, PNMI, speaker probe RVQ-1 vs RVQ-2..8)"
  ./voxtok encode -t speechtokenizer -m "$m" "$out/test/reference" -o "$out/$m/test-tokens" --format npy
  ./voxtok analyze tokens --tokens "$out/$m/test-tokens" --manifest "$corpus/manifest.jsonl" --codebook-size 256 \
    --group 1 --group 2:8 -o "$out/$m/tokens-report" > /dev/null
  echo "== $m: voice conversion (RVQ-1 of a test speaker, RVQ-2..8 of a dev speaker)"
  # control: plain resynthesis of the same sources (a codec that only degrades audio also moves it off the source)
  : > "$out/$m/vc-pairs.jsonl"; : > "$out/$m/vc-control-pairs.jsonl"
  mapfile -t sources < <(python_free_select test 2)
  mapfile -t refs < <(python_free_select dev 2)
  for i in "${!sources[@]}"; do
    IFS=$'\t' read -r sid spath <<< "${sources[$i]}"
    IFS=$'\t' read -r rid rpath <<< "${refs[$((i % ${#refs[@]}))]}"
    ./voxtok vc -t speechtokenizer -m "$m" --source "$corpus/$spath" --reference "$corpus/$rpath" -o "$out/$m/vc/$sid--$rid.wav" > /dev/null
    printf '{"converted":"%s","source":"%s","reference":"%s"}\n' "$PWD/$out/$m/vc/$sid--$rid.wav" "$sid" "$rid" >> "$out/$m/vc-pairs.jsonl"
    printf '{"converted":"%s","source":"%s","reference":"%s"}\n' "$PWD/$out/$m/test-resynth/$sid.wav" "$sid" "$rid" >> "$out/$m/vc-control-pairs.jsonl"
  done
  ./voxtok analyze speakers --manifest "$corpus/manifest.jsonl" --audio-root "$corpus" --converted "$out/$m/vc-pairs.jsonl" \
    -o "$out/$m/vc-report" > /dev/null
  ./voxtok analyze speakers --manifest "$corpus/manifest.jsonl" --audio-root "$corpus" --converted "$out/$m/vc-control-pairs.jsonl" \
    -o "$out/$m/vc-control-report" > /dev/null
done
echo "== done: $out/*/{test-eval,espeak-eval}.md, tokens-report/report.md, vc-report/report.md"
