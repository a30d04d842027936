#!/usr/bin/env bash
# Builds Voxtok and runs the main job on the bundled defaults. Outputs go to work/demo/.
#   ./demo.sh           build, list plugins, tokenize/resynthesise/voice-convert bundled speech, evaluate
#   ./demo.sh --bench   also run the speed benchmark at the official SpeechTokenizer size (about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")"
out=work/demo
mkdir -p "$out"

echo "== building (mvn install -DskipTests)"
mvn -B -q install -DskipTests

echo "== plugins"
./voxtok plugins

corpus=corpus/bundled
./voxtok corpus stats "$corpus"
mapfile -t test_files < <(ls "$corpus"/audio/*/*_test_*.flac | head -6)

echo "== mu-law sample plugin (third-party, sdk-api only): resynthesis"
./voxtok resynth -t mulaw "${test_files[0]}" -o "$out/mulaw.wav"

# SpeechTokenizer weights: the shipped speechtokenizer-small (trained here by Voxtok's own trainer, see
# models/speechtokenizer-small/README.md), or any model directory in $VOXTOK_ST_MODEL (e.g. the official
# config.json + SpeechTokenizer.pt).
st_model=(-m "${VOXTOK_ST_MODEL:-speechtokenizer-small}")
echo "== shipped models"
./voxtok models

echo "== SpeechTokenizer: encode the test split (all 8 RVQ layers, and RVQ-1 only)"
./voxtok encode -t speechtokenizer "${st_model[@]}" "${test_files[@]}" -o "$out/tokens"
./voxtok encode -t speechtokenizer "${st_model[@]}" --n-q 1 "${test_files[@]}" -o "$out/tokens-rvq1" --format npy
echo "== SpeechTokenizer: decode, resynthesise, voice conversion (RVQ-1 of one speaker, RVQ-2..8 of another)"
./voxtok decode -t speechtokenizer "${st_model[@]}" "$out/tokens" -o "$out/decoded"
mkdir -p "$out/reference"
cp "${test_files[@]}" "$out/reference/"
./voxtok vc -t speechtokenizer "${st_model[@]}" --source "${test_files[0]}" --reference "${test_files[5]}" -o "$out/vc.wav"

echo "== phone teacher (the distillation target of speechtokenizer-small): k-means units of the test split"
./voxtok units fit --teacher phone-teacher -m phone-teacher --layer 2 -k 16 "${test_files[@]}" -o "$out/phone-centroids.npy"
./voxtok units --teacher phone-teacher -m phone-teacher --layer 2 --centroids "$out/phone-centroids.npy" --dedup \
  "${test_files[@]}" -o "$out/phone-units.jsonl"

if [ -d ../shared/fixtures/parity/hubert ]; then
  echo "== HuBERT teacher: k-means units of the test split (shared parity model, layer 3)"
  h=../shared/fixtures/parity/hubert
  ./voxtok units fit -m "$h" --layer 3 -k 16 "${test_files[@]}" -o "$out/centroids.npy"
  ./voxtok units -m "$h" --layer 3 --centroids "$out/centroids.npy" --dedup "${test_files[@]}" -o "$out/units.jsonl"
fi

echo "== evaluation of the resynthesis (SI-SDR, mel/STFT distances, STOI, and WER with the Vosk recogniser)"
# held-out speakers (the test split's voice is in no training split); wer_original is the recogniser's own error on
# the original audio, the floor the resynthesis' wer is read against
./voxtok eval --reference "$out/reference" --hypothesis "$out/decoded" --manifest "$corpus/manifest.jsonl" -o "$out/eval" | sed "/^| file /,\$d"

if [ "${1:-}" = "--bench" ]; then
  echo "== speed: official-size SpeechTokenizer, random weights, 10 s of audio, 2 threads"
  ./voxtok bench speed -t speechtokenizer --config configs/speechtokenizer_official.json --random-init --seconds 10 --threads 2
fi
echo "== done: outputs in $out/"
