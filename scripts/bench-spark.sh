#!/usr/bin/env bash
# Throughput of 'voxtok spark tokenize' against 'voxtok encode' on the same files (issue 14), with the shipped
# speechtokenizer-small (all 8 layers). Every run is a fresh process, timed from launch to exit (JVM, Spark and model
# start-up included, as a user sees it); the Spark runs also report their job's own wall time (manifest.json).
# Then 'voxtok spark compare' checks the Spark shards against encode's .vtok files code for code.
# Writes bench-results/spark-tokenize.json and .md.
#   scripts/bench-spark.sh [CORPUS_DIR] [N_FILES] [WORK_DIR] [SHARD_SIZE]
#   (defaults data/corpus-3h 400 work/bench-spark 25: 16 shards, so that two task slots stay busy to the end)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-data/corpus-3h}
n=${2:-400}
work=${3:-work/bench-spark}
shard_size=${4:-25}
model=speechtokenizer-small
rm -rf "$work"
mkdir -p "$work/input" bench-results

# A deterministic subset spread over the whole corpus: every k-th FLAC file in path order, linked, not copied.
mapfile -t all < <(find "$corpus/audio" -name '*.flac' | sort)
stride=$(( ${#all[@]} / n )); [ "$stride" -ge 1 ] || stride=1
count=0
for ((i = 0; i < ${#all[@]} && count < n; i += stride)); do
  f=${all[$i]}
  rel=${f#"$corpus/audio/"}
  mkdir -p "$work/input/$(dirname "$rel")"
  ln -s "$(realpath "$f")" "$work/input/$rel"
  count=$((count + 1))
done
echo "== $count files of $corpus in $work/input"
# Read them once, so that the first run does not pay for a cold page cache alone.
find -L "$work/input" -name '*.flac' -exec cat {} + > /dev/null

runs=()
# run NAME COMMAND...: times one process (wall, and user + system CPU seconds of it and its children); keeps its log;
# records the 1-minute load average when it started and when it ended.
run() {
  local name=$1; shift
  local load0 load1 t
  load0=$(cut -d' ' -f1 /proc/loadavg)
  echo "== $name: $*"
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" > "$work/$name.log" 2>&1; } 2>&1 )
  load1=$(cut -d' ' -f1 /proc/loadavg)
  read -r wall user sys <<< "$t"
  runs+=("$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}') $load0 $load1")
}
job_seconds() { sed -n '/"last_run"/,/}/p' "$1/manifest.json" | sed -n 's/.*"wall_seconds" : \([0-9.eE+-]*\).*/\1/p'; }

run encode-threads2 ./voxtok encode -t speechtokenizer -m "$model" --threads 2 "$work/input" -o "$work/encode-threads2"
OMP_WAIT_POLICY=PASSIVE run encode-threads2-passive ./voxtok encode -t speechtokenizer -m "$model" --threads 2 "$work/input" -o "$work/encode-threads2-passive"
run encode-threads1 ./voxtok encode -t speechtokenizer -m "$model" --threads 1 "$work/input" -o "$work/encode-threads1"
run spark-local1 ./voxtok spark tokenize -t speechtokenizer -m "$model" --input "$work/input" -o "$work/spark-local1" --master 'local[1]' --shard-size "$shard_size"
run spark-local2 ./voxtok spark tokenize -t speechtokenizer -m "$model" --input "$work/input" -o "$work/spark-local2" --master 'local[2]' --shard-size "$shard_size"
run spark-local2-threads2 ./voxtok spark tokenize -t speechtokenizer -m "$model" --input "$work/input" -o "$work/spark-local2-threads2" --master 'local[2]' --threads 2 --shard-size "$shard_size"

echo "== compare"
compare=$(./voxtok spark compare --shards "$work/spark-local2" --tokens "$work/encode-threads2" --master 'local[2]' 2>/dev/null | head -1)
compare1=$(./voxtok spark compare --shards "$work/spark-local1" --tokens "$work/encode-threads1" --master 'local[2]' 2>/dev/null | head -1)
echo "spark local[2] vs encode --threads 2: $compare"
echo "spark local[1] vs encode --threads 1: $compare1"

audio=$(sed -n 's/^  "audio_seconds" : \([0-9.eE+-]*\),$/\1/p' "$work/spark-local2/manifest.json")
utts=$(sed -n 's/^  "utterances" : \([0-9]*\),$/\1/p' "$work/spark-local2/manifest.json")
shards=$(sed -n 's/^  "shards" : \([0-9]*\),$/\1/p' "$work/spark-local2/manifest.json")
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')

desc() {
  case $1 in
    encode-threads2) echo "voxtok encode, 2 engine threads (its default on 2 cores), one process";;
    encode-threads2-passive) echo "voxtok encode, 2 engine threads, OMP_WAIT_POLICY=PASSIVE";;
    encode-threads1) echo "voxtok encode, 1 engine thread";;
    spark-local1) echo "spark tokenize, local[1]: 1 task at a time x 1 engine thread";;
    spark-local2) echo "spark tokenize, local[2]: 2 tasks at a time x 1 engine thread (default --threads 1)";;
    spark-local2-threads2) echo "spark tokenize, local[2] --threads 2: 1 task at a time x 2 engine threads (spark.task.cpus=2)";;
  esac
}

json=bench-results/spark-tokenize.json
md=bench-results/spark-tokenize.md
{
  echo "{"
  echo "  \"benchmark\": \"voxtok spark tokenize vs voxtok encode (issue 14)\","
  echo "  \"date\": \"$date\","
  echo "  \"machine\": {\"cores\": $(nproc), \"cpu\": \"$cpu\", \"note\": \"cores shared with other build/test processes; load_start/load_end: 1-minute load average when each run started/ended\"},"
  echo "  \"tokenizer\": \"speechtokenizer\", \"model\": \"$model\", \"layers\": 8,"
  echo "  \"input\": {\"corpus\": \"$corpus\", \"files\": $count, \"utterances_tokenized\": $utts, \"audio_seconds\": $audio, \"shards\": $shards, \"shard_size\": $shard_size},"
  echo "  \"codes_equal\": {\"spark_local2_vs_encode_threads2\": \"$compare\", \"spark_local1_vs_encode_threads1\": \"$compare1\"},"
  echo "  \"runs\": ["
  sep=""
  for r in "${runs[@]}"; do
    read -r name wall cpu_s load0 load1 <<< "$r"
    job="null"
    if [ -f "$work/$name/manifest.json" ]; then job=$(job_seconds "$work/$name"); fi
    ahph=$(awk -v a="$audio" -v w="$wall" 'BEGIN{printf "%.2f", a/w}')
    jahph="null"
    [ "$job" = "null" ] || jahph=$(awk -v a="$audio" -v w="$job" 'BEGIN{printf "%.2f", a/w}')
    cpuh=$(awk -v a="$audio" -v c="$cpu_s" 'BEGIN{printf "%.1f", c/(a/3600)}')
    printf '%s    {"name": "%s", "what": "%s", "process_seconds": %s, "cpu_seconds": %s, "cpu_seconds_per_audio_hour": %s, "job_seconds": %s, "audio_hours_per_hour": %s, "job_audio_hours_per_hour": %s, "load_start": %s, "load_end": %s}' \
      "$sep" "$name" "$(desc "$name")" "$wall" "$cpu_s" "$cpuh" "$job" "$ahph" "$jahph" "$load0" "$load1"
    sep=$',\n'
  done
  echo
  echo "  ]"
  echo "}"
} > "$json"

{
  echo "# voxtok spark tokenize vs voxtok encode"
  echo
  echo "$date; $(nproc) cores ($cpu), **shared with another process** (load average at each start in the table);"
  echo "\`$model\`, 8 layers; $count files of \`$corpus\` ($utts utterances, $(awk -v a="$audio" 'BEGIN{printf "%.1f", a/60}') min of audio, $shards shards of $shard_size)."
  echo "Made by \`scripts/bench-spark.sh\`; numbers in \`spark-tokenize.json\`."
  echo
  echo "| run | process s | audio h / h (process) | Spark job s | audio h / h (job) | CPU s per audio h | load start / end |"
  echo "|---|---|---|---|---|---|---|"
  for r in "${runs[@]}"; do
    read -r name wall cpu_s load0 load1 <<< "$r"
    job="-"; jahph="-"
    if [ -f "$work/$name/manifest.json" ]; then
      job=$(awk -v j="$(job_seconds "$work/$name")" 'BEGIN{printf "%.1f", j}')
      jahph=$(awk -v a="$audio" -v w="$job" 'BEGIN{printf "%.1f", a/w}')
    fi
    echo "| $(desc "$name") | $wall | $(awk -v a="$audio" -v w="$wall" 'BEGIN{printf "%.1f", a/w}') | $job | $jahph | $(awk -v a="$audio" -v c="$cpu_s" 'BEGIN{printf "%.0f", c/(a/3600)}') | $load0 / $load1 |"
  done
  echo
  echo "Codes: spark local[2] vs encode --threads 2: $compare; spark local[1] vs encode --threads 1: $compare1."
  echo
  echo "Process time counts the JVM, Spark and model start-up as a user pays them; the Spark job time counts from the"
  echo "submission of the shard tasks to the last commit (the executors' model loading included). CPU seconds (user +"
  echo "system, JVM and start-up included) per audio hour do not depend on what else runs on the machine."
} > "$md"
cat "$md"
