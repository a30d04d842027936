#!/usr/bin/env bash
# Rebuilds the shipped models from nothing: the training corpus, the phone teacher, its feature cache, and the two
# SpeechTokenizer models (with and without distillation) and the speaker encoder, each packed with its model card into models/.
# Every step is a resumable voxtok command; re-running the script skips what is already complete.
#   scripts/build-models.sh [DATA_DIR]      (default data/; about 125 min on 2 cores: corpus 10, teacher 14, features 3, both codecs side by side 45, curves 10, speaker encoder 35)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data}
mkdir -p "$data" runs
corpus=$data/corpus-3h
# one PyTorch thread per training process: two runs side by side on 2 cores beat one run on both
one_thread=(env OMP_NUM_THREADS=1 VOXTOK_JAVA_OPTS="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1")

if ! grep -q '"complete" : true' "$corpus/corpus.json" 2>/dev/null; then
  echo "== corpus: 3 h, 40 speakers (flite + festival; about 10 min)"
  rm -rf "$corpus"
  ./voxtok corpus synth --hours 3 --speakers 40 --workers 2 -o "$corpus"
fi

train() { # recipe config run-dir [extra args]
  local recipe=$1 config=$2 run=$3; shift 3
  if [ -f "$run/config.json" ]; then
    "${one_thread[@]}" ./voxtok train "$recipe" --corpus "$corpus" --resume -o "$run" "$@"
  else
    "${one_thread[@]}" ./voxtok train "$recipe" --config "$config" --corpus "$corpus" -o "$run" "$@"
  fi
}

echo "== phone teacher"
train phone-teacher configs/phone_teacher.json runs/phone-teacher --steps 800
./voxtok export --recipe phone-teacher --official runs/phone-teacher --best -o "$data/export/phone-teacher"
if [ ! -f "$data/teacher-features/features.json" ] || [ "$data/teacher-features/features.json" -ot "$data/export/phone-teacher/config.json" ]; then
  echo "== teacher features of the training split (the distillation targets)"
  ./voxtok features --teacher phone-teacher -m "$data/export/phone-teacher" --layer 2 "$corpus" -o "$data/teacher-features"
fi

echo "== SpeechTokenizer with distillation and the no-distillation baseline, side by side"
train speechtokenizer configs/speechtokenizer_small.json runs/speechtokenizer-small \
  --teacher-cache "$data/teacher-features" > runs/speechtokenizer-small.log 2>&1 &
a=$!
train speechtokenizer configs/codec_small_nodistill.json runs/codec-small-nodistill > runs/codec-small-nodistill.log 2>&1 &
b=$!
wait $a
wait $b

for m in speechtokenizer-small codec-small-nodistill; do
  ./voxtok export --official "runs/$m" -o "$data/export/$m"
  ./voxtok models pack "$data/export/$m" --float16 --card "models/$m/README.md" -o "models/$m"
  ./voxtok learning-curve "runs/$m" --corpus "$corpus" --split dev --items 16 --every 1000 -o "runs/$m/curve"
done
./voxtok models pack "$data/export/phone-teacher" --float16 --card models/phone-teacher/README.md -o models/phone-teacher

echo "== speaker encoder (x-vector; about 32 min)"
train speaker-encoder configs/speaker_encoder.json runs/speaker-encoder
./voxtok export --recipe speaker-encoder --official runs/speaker-encoder --best -o "$data/export/speaker-encoder"
./voxtok models pack "$data/export/speaker-encoder" --float16 --card models/speaker-encoder/README.md -o models/speaker-encoder
for split in dev test; do
  ./voxtok speaker eer --corpus "$corpus" --split "$split" --encoder speaker-encoder -o "runs/speaker-encoder/eer-$split.json"
done
./voxtok models
