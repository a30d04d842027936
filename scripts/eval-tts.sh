#!/usr/bin/env bash
# Zero-shot TTS evaluation of the trained speech language models (voxtok lm eval-tts): uslm-small over
# speechtokenizer-small codes and valle-small over codec-small-nodistill codes, N items of the corpus' test split
# (speakers no model heard), 3 s prompts from other utterances of the same speakers. Resumable: rerun to continue.
# Writes work/eval-tts/<model>/ (audio, items, report) and bench-results/tts-eval.md (one row per model) with
# bench-results/tts-eval-<model>.json.
#   LM_ROOT   directory holding uslm-small/ and valle-small/ (default: models/)
#   CORPUS    the corpus (default: data/corpus-3h)
#   SPK       speaker-encoder model directory (default: work/speaker-encoder, exported from SPK_RUN if missing)
#   SPK_RUN   speaker-encoder training run (default: runs/speaker-encoder)
#   N         items per model (default 20)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
LM_ROOT="${LM_ROOT:-$home/models}"
CORPUS="${CORPUS:-$home/data/corpus-3h}"
SPK="${SPK:-$home/work/speaker-encoder}"
SPK_RUN="${SPK_RUN:-$home/runs/speaker-encoder}"
N="${N:-20}"
export OMP_NUM_THREADS=1
export VOXTOK_MODELS="$LM_ROOT${VOXTOK_MODELS:+:$VOXTOK_MODELS}"   # models load by name
if [ ! -f "$SPK/config.json" ]; then
  ./voxtok export --recipe speaker-encoder --official "$SPK_RUN" -o "$SPK"
fi
for pair in "uslm-small speechtokenizer-small" "valle-small codec-small-nodistill"; do
  set -- $pair
  ./voxtok lm eval-tts --threads 1 --lm "$1" -t speechtokenizer -m "$2" --corpus "$CORPUS" --split test \
      --n "$N" --speaker-encoder "$SPK" --summary-table bench-results/tts-eval.md -o "work/eval-tts/$1"
  cp "work/eval-tts/$1/report.json" "bench-results/tts-eval-$1.json"
done
