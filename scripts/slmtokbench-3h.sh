#!/usr/bin/env bash
# The SLMTokBench run committed under bench-results/slmtokbench/: six subjects on a cut of data/corpus-3h
# (42 test utterances of its 6 held-out ked speakers for every benchmark; the text-alignment probe trains on 200
# train-split utterances with 30 dev utterances for its learning curve). Resumable: re-running it reuses the token
# cache and every finished (subject, benchmark) result under the output folder.
#   scripts/slmtokbench-3h.sh [CORPUS_DIR] [OUT_DIR]     (default data/corpus-3h, work/slmtokbench-3h)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-data/corpus-3h}
out=${2:-work/slmtokbench-3h}
export OMP_NUM_THREADS=1
export VOXTOK_JAVA_OPTS="${VOXTOK_JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
./voxtok bench tokenizers \
  --subject speechtokenizer-small:rvq1 --subject speechtokenizer-small:rvq1-8 \
  --subject codec-small-nodistill:rvq1 --subject codec-small-nodistill:rvq1-8 \
  --subject units:phone-teacher --subject mulaw \
  --corpus "$corpus" --split test --max-utterances 42 --preset small \
  --probe-train 200 --probe-dev 30 -B text-alignment.epochs=12 --units-train 200 \
  -o "$out"
