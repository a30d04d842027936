#!/usr/bin/env bash
# 'voxtok spark tokenize' under spark-submit on a throwaway Spark standalone cluster on this machine: a master and a
# worker on 127.0.0.1 (started from the Spark jars the build copied to sdk-spark/target/spark-lib), two executors of
# one core each. The worker and its executors run in a mount namespace where the driver's plugins folder and model
# folder are hidden (an empty tmpfs over them), so the executors must use what spark-submit shipped with --archives,
# as on a real cluster. Then 'voxtok spark compare' checks the shards against 'voxtok encode' code for code, and the
# executors' logs must show one model load per executor JVM.
#   scripts/spark-cluster-check.sh [WORK_DIR]      (default work/spark-cluster; needs root for unshare/mount)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(realpath -m "${1:-work/spark-cluster}")
lib="$root/sdk-spark/target/spark-lib"
[ -f "$root/sdk-spark/target/voxtok-spark.jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/driver-side/models" "$work/input" "$work/spark-home" "$work/worker"
# The driver's copies of the plugins and the model (hidden from the executors below).
cp -r "$root/plugins" "$work/driver-side/plugins"
cp -r "$root/models/speechtokenizer-small" "$work/driver-side/models/"
# What spark-submit ships: the same, as archives.
tar -czf "$work/plugins.tgz" -C "$root/plugins" .
tar -czf "$work/speechtokenizer-small.tgz" -C "$root/models/speechtokenizer-small" .
# Input on a path every executor sees: 8 held-out bundled utterances.
for f in $(ls "$root"/corpus/bundled/audio/ked_v*/*.flac | head -8); do cp "$f" "$work/input/"; done
# A stand-in for a Spark distribution's jars/ folder (the worker puts SPARK_HOME/jars on its executors' class path):
# Spark's own jars, plus the common libraries a distribution ships and the build resolved as Voxtok's (SLF4J,
# Jackson, Guava, Gson, Commons). Voxtok, DJL, libtorch, PF4J, Guice and picocli reach the executors only through
# spark-submit --jars.
mkdir -p "$work/spark-home/jars"
ln -s "$lib"/*.jar "$work/spark-home/jars/"
for j in "$root"/sdk-spark/target/lib/*.jar; do
  case $(basename "$j") in
    slf4j-api-*|jackson-*|gson-*|guava-*|failureaccess-*|listenablefuture-*|commons-*|jsr305-*|checker-qual-*|error_prone*|j2objc-*|snakeyaml-*)
      ln -sf "$j" "$work/spark-home/jars/";;
  esac
done
lib="$work/spark-home/jars"
# A distribution is recognised by its RELEASE file (else Spark looks for a source build's folders).
echo "Spark 4.0.1 (stand-in for $root/scripts/spark-cluster-check.sh)" > "$work/spark-home/RELEASE"

opens=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1
master_port=$((17000 + RANDOM % 1000))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

java "${opens[@]}" -cp "$lib/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port 0 > "$work/master.log" 2>&1 &
pids+=($!)
sleep 5
unshare -m bash -c "mount -t tmpfs none '$work/driver-side' && exec java ${opens[*]} -cp '$lib/*' \
  org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 4g --webui-port 0 \
  --work-dir '$work/worker' spark://127.0.0.1:$master_port" > "$work/worker.log" 2>&1 &
pids+=($!)
sleep 8

echo "== spark-submit to spark://127.0.0.1:$master_port"
java "${opens[@]}" -Xss4m -Dvoxtok.home="$root" -Dlog4j2.configurationFile=classpath:io/voxtok/spark/log4j2-cli.properties \
  -cp "$lib/*" org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$master_port" --deploy-mode client \
  --class io.voxtok.cli.VoxtokCli \
  --jars "$(ls "$root"/sdk-spark/target/lib/*.jar | paste -sd, -)" \
  --archives "$work/plugins.tgz#plugins,$work/speechtokenizer-small.tgz#speechtokenizer-small" \
  --conf spark.executor.cores=1 --conf spark.executor.memory=1500m --conf spark.executor.extraJavaOptions=-Xss4m \
  "$root/sdk-spark/target/voxtok-spark.jar" \
  spark tokenize -t speechtokenizer -m "$work/driver-side/models/speechtokenizer-small" \
  --plugins-dir "$work/driver-side/plugins" --input "$work/input" -o "$work/out" --shard-size 2

echo "== voxtok encode on the same files, and the comparison"
./voxtok encode -t speechtokenizer -m speechtokenizer-small "$work/input" -o "$work/encoded" 2> /dev/null
./voxtok spark compare --shards "$work/out" --tokens "$work/encoded" --master 'local[1]'
echo "== executors (each must load the model once, from the shipped archive)"
total=0
for e in "$work"/worker/app-*/*/; do
  tasks=$(grep -c 'Running task' "$e/stderr" || true)
  loads=$(grep -c 'loaded in this JVM' "$e/stderr" || true)
  echo "executor $(basename "$e"): $tasks task(s), $loads model load(s): $(grep -o 'tokens [^ ]* loaded in this JVM in [0-9]* ms' "$e/stderr" | head -1)"
  if [ "$tasks" -gt 0 ] && [ "$loads" -ne 1 ]; then echo "FAIL: expected one model load per executor JVM" >&2; exit 1; fi
  total=$((total + tasks))
done
[ "$total" -gt 0 ] || { echo "FAIL: no executor ran a task" >&2; exit 1; }
grep -h 'ExecutorPaths\|not on this executor' "$work"/worker/app-*/*/stderr && exit 1 || true
echo "== ok"
