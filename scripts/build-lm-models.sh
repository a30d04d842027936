#!/usr/bin/env bash
# Rebuilds the shipped language models models/uslm-small (USLM over speechtokenizer-small's codes) and
# models/valle-small (VALL-E over codec-small-nodistill's codes): the two token corpora of the 3 h corpus
# (voxtok lm prepare), both trainings side by side with one thread each (same recipe, same budget), export of the
# best-dev checkpoints, float16 packing with the model cards, and the dev/test scores (voxtok lm score).
# Every step is resumable; re-running the script skips what is complete.
#   scripts/build-lm-models.sh [DATA_DIR]   (after scripts/build-models.sh; needs espeak-ng; see README "Training USLM / VALL-E")
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data}
corpus=$data/corpus-3h
mkdir -p runs
one_thread=(env OMP_NUM_THREADS=1 VOXTOK_JAVA_OPTS="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1")

echo "== token corpora (about 10 min each)"
./voxtok lm prepare --corpus "$corpus" -t speechtokenizer -m speechtokenizer-small -o "$data/lm-tokens-st"
./voxtok lm prepare --corpus "$corpus" -t speechtokenizer -m codec-small-nodistill -o "$data/lm-tokens-nodistill"

train() { # config tokens run-dir
  local config=$1 tokens=$2 run=$3
  if [ -f "$run/config.json" ]; then
    "${one_thread[@]}" ./voxtok train uslm --threads 1 --tokens "$tokens" --resume -o "$run"
  else
    "${one_thread[@]}" ./voxtok train uslm --threads 1 --config "$config" --tokens "$tokens" -o "$run"
  fi
}

echo "== USLM and VALL-E, side by side"
train configs/uslm/small.json "$data/lm-tokens-st" runs/uslm-small > runs/uslm-small.log 2>&1 &
a=$!
train configs/uslm/valle-small.json "$data/lm-tokens-nodistill" runs/valle-small > runs/valle-small.log 2>&1 &
b=$!
wait $a
wait $b

for m in uslm-small:lm-tokens-st valle-small:lm-tokens-nodistill; do
  name=${m%%:*}
  tokens=$data/${m##*:}
  ./voxtok export --recipe uslm --official "runs/$name" --best -o "$data/export/$name"
  ./voxtok models pack "$data/export/$name" --float16 --card "models/$name/README.md" -o "models/$name"
  for split in dev test; do
    ./voxtok lm score --model "$name" --tokens "$tokens" --split "$split" --threads 1 -o "runs/$name/score-$split.json"
  done
done
./voxtok models
