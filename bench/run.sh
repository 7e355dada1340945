#!/usr/bin/env bash
# Side-by-side benchmark: Rafka vs Apache Kafka (KRaft combined mode), one node and three nodes, same
# machine, same client tools (Kafka's own ProducerPerformance / ConsumerPerformance / EndToEndLatency,
# plus lib/FailoverProbe.java for kill -9 under load).
# bench/README.md says what each figure means; bench/RESULTS.md is this script's last output.
#
#   bench/run.sh [--rounds N] [--records N] [--only rafka|kafka] [--workloads 1,1b,2,4,5,6,3,3r,7,7c] [--keep]
#                [--w2-records N] [--quiet-wait SECONDS] [--max-noise PCT] [--noise-retries N]
#
# Env: RAFKA_LAUNCHER (default <repo>/rafka), RAFKA_JAVA_OPTS (default: the heap Kafka gets),
#      KAFKA_VERSION (default: bench/pom.xml's), JAVA_HOME.
set -euo pipefail
# A command that stops the script under `set -e` says so: without this a run could end mid-way with
# nothing on the terminal but the time (seen once, in a cluster stop after w7c).
set -E
trap 'echo "run.sh: stopped at line $LINENO: \"$BASH_COMMAND\" exited with $?" >&2' ERR

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/.." && pwd)"
lib_dir="$bench_dir/lib"
target_dir="$bench_dir/target"
kafka_lib="$target_dir/kafka-lib"
classes_dir="$target_dir/bench-classes"

# ---------------------------------------------------------------- options

rounds=3
records=1000000
only=""
workloads="1,1b,2,4,5,6,3,3r,7,7c"
keep=0
w2_records=""
quiet_wait_s=900
quiet_max_pct=15
max_noise_pct=20
noise_retries=2
original_command="bench/run.sh $*"

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --records) records="${2:?--records needs a number}"; shift 2 ;;
    --w2-records) w2_records="${2:?--w2-records needs a number}"; shift 2 ;;
    --only) only="${2:?--only needs rafka or kafka}"; shift 2 ;;
    --workloads) workloads="${2:?--workloads needs a list}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --quiet-wait) quiet_wait_s="${2:?--quiet-wait needs seconds}"; shift 2 ;;
    --max-noise) max_noise_pct="${2:?--max-noise needs a percentage}"; shift 2 ;;
    --noise-retries) noise_retries="${2:?--noise-retries needs a number}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage ;;
  esac
done

die() { echo "run.sh: error: $*" >&2; exit 1; }

[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer, got '$rounds'"
[[ "$records" =~ ^[1-9][0-9]*$ ]] || die "--records must be a positive integer, got '$records'"
case "$only" in ""|rafka|kafka) ;; *) die "--only must be rafka or kafka, got '$only'" ;; esac

# Single-node workloads run on one node; the cluster ones on three (bench/lib/cluster.sh).
single_node_workloads=(1 1b 2 4 5 6)
cluster_workloads=(3 3r 7 7c)
declare -A want=()
IFS=',' read -r -a workload_list <<< "$workloads"
for w in "${workload_list[@]}"; do
  case "$w" in 1|1b|2|4|5|6|3|3r|7|7c) want[$w]=1 ;;
    *) die "unknown workload '$w' (known: 1,1b,2,4,5,6 on one node; 3,3r,7,7c on three)" ;; esac
done
if [[ -n "${want[4]:-}" && -z "${want[1]:-}" ]]; then
  die "workload 4 consumes what workload 1 produced: --workloads must include 1 too"
fi

# Workload sizes. --records scales everything down for a smoke run.
w1_records="$records"
if [[ -z "$w2_records" ]]; then
  w2_records=$(( 150000 * records / 1000000 )); (( w2_records >= 5000 )) || w2_records=5000
fi
w2_rate=5000
w5_partitions=1000
w5_records=$(( records / 5 ))
w6_records=$(( records / 100 )); (( w6_records >= 1000 )) || w6_records=1000
record_size=1024
start_timeout_ms=60000
stop_timeout_s=30

# ---------------------------------------------------------------- JVM flags

java_cmd="java"; [[ -n "${JAVA_HOME:-}" ]] && java_cmd="$JAVA_HOME/bin/java"
kafka_version="${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$bench_dir/pom.xml")}"

# What Kafka's bin/kafka-server-start.sh + bin/kafka-run-class.sh pass: KAFKA_HEAP_OPTS from
# kafka-server-start.sh, KAFKA_JVM_PERFORMANCE_OPTS / KAFKA_JMX_OPTS defaults from kafka-run-class.sh,
# and the GC log that `-loggc` turns on. (MaxInlineLevel=15, which some releases also pass, is the
# JDK 17 default.) The GC log goes to the run's directory.
kafka_heap_opts=(-Xmx1G -Xms1G)
kafka_perf_opts=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
                 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)
kafka_jmx_opts=(-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false
                -Dcom.sun.management.jmxremote.ssl=false)
# Rafka: the same heap, everything else the JVM's defaults (G1 is the default GC on this machine).
rafka_java_opts="${RAFKA_JAVA_OPTS:-${kafka_heap_opts[*]}}"
rafka_launcher="${RAFKA_LAUNCHER:-$repo_root/rafka}"
# Client tools: the heap kafka-producer-perf-test.sh / kafka-consumer-perf-test.sh give them.
tool_opts=(-Xmx512M "${kafka_perf_opts[@]}" "-Dlog4j2.configurationFile=$lib_dir/kafka-tools-log4j2.properties")

# ---------------------------------------------------------------- process bookkeeping

broker_pid=""
sampler_pid=""
tool_pid=""

alive() {  # a zombie (exited, not yet reaped) counts as dead
  local pid="$1"
  [[ -n "$pid" && -r "/proc/$pid/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

now_ms() { date +%s%3N; }

stop_pid() {  # stop_pid PID GRACE_S: SIGTERM, wait up to GRACE_S, then SIGKILL. Returns 1 if it needed SIGKILL.
  local pid="$1" grace_s="$2" deadline
  alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(now_ms) + grace_s * 1000 ))
  while alive "$pid" && (( $(now_ms) < deadline )); do sleep 0.1; done
  if alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 1
  fi
  wait "$pid" 2>/dev/null || true
  return 0
}

cleanup() {
  set +e
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null
  [[ -n "$tool_pid" ]] && stop_pid "$tool_pid" 5
  if [[ -n "$broker_pid" ]] && alive "$broker_pid"; then
    echo "run.sh: stopping broker pid $broker_pid" >&2
    stop_pid "$broker_pid" "$stop_timeout_s"
  fi
  local pid
  for pid in "${cluster_pids[@]}"; do
    if alive "$pid"; then echo "run.sh: stopping cluster node pid $pid" >&2; stop_pid "$pid" "$stop_timeout_s"; fi
  done
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

# Runs a client tool in the background under `timeout` and waits for it, so that CTRL-C reaches
# the trap at once. run_tool TIMEOUT_S OUT ERR CMD... ; returns the tool's exit code.
run_tool() {
  local timeout_s="$1" out="$2" err="$3" rc=0
  shift 3
  timeout "$timeout_s" "$@" > "$out" 2> "$err" &
  tool_pid=$!
  wait "$tool_pid" || rc=$?
  tool_pid=""
  return "$rc"
}

rss_mb() {  # summed VmRSS of live processes in MiB, one decimal
  local pid
  for pid in "$@"; do cat "/proc/$pid/status" 2>/dev/null || true; done \
    | awk '/^VmRSS:/ { kb += $2 } END { printf "%.1f", kb / 1024 }'
}

# ---- CPU used by processes that are not ours (another build on the same 2 cores spoils a run)

clk_tck="$(getconf CLK_TCK)"
ncpu="$(nproc)"

busy_ticks() {  # machine-wide busy CPU ticks: user nice system irq softirq steal
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# Sets own_ticks: the CPU of this script's reaped children (bash `times`, second line), in ticks.
# NB: call it directly, never as $(own_children_ticks): in a subshell `times` sees only the
# subshell's own children, none (an earlier version did that, and counted our tools as noise).
own_children_ticks() {
  local line
  times > "$run_dir/.times"
  line="$(sed -n 2p "$run_dir/.times")"  # e.g. "1m2.500s 0m3.250s"
  own_ticks="$(awk -v tck="$clk_tck" '{
    total = 0
    for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); total += a[1] * 60 + a[2] }
    printf "%d", total * tck
  }' <<< "$line")"
}

# foreign_pct BUSY0 BUSY1 OWN_TICKS WALL_MS: other processes' share of the machine, in percent
foreign_pct() {
  awk -v b0="$1" -v b1="$2" -v own="$3" -v ms="$4" -v tck="$clk_tck" -v n="$ncpu" \
    'BEGIN { f = (b1 - b0 - own) / (ms / 1000 * tck * n) * 100; if (f < 0) f = 0; printf "%.1f", f }'
}

# Waits (up to --quiet-wait s) until nothing else uses more than quiet_max_pct % of the machine
# over 3 s, while none of our processes run. Writes bg_cpu_pct (the last sample) to the metrics.
wait_for_quiet() {
  local deadline b0 b1 pct said=0 t_start
  t_start=$(now_ms)
  deadline=$(( t_start + quiet_wait_s * 1000 ))
  while :; do
    b0="$(busy_ticks)"; sleep 3; b1="$(busy_ticks)"
    pct="$(foreign_pct "$b0" "$b1" 0 3000)"
    if awk -v p="$pct" -v m="$quiet_max_pct" 'BEGIN { exit !(p <= m) }'; then break; fi
    if (( $(now_ms) > deadline )); then
      echo "   !! the machine is still busy (${pct}% used by other processes); measuring anyway" >&2
      break
    fi
    if (( ! said )); then
      echo "   waiting for the machine to be quiet: other processes use ${pct}% of it (limit ${quiet_max_pct}%)"
      said=1
    fi
    sleep 7
  done
  echo "bg_cpu_pct=$pct" >> "$metrics"
  quiet_waited_ms=$(( quiet_waited_ms + $(now_ms) - t_start - 3000 ))
}

start_sampler() {  # start_sampler FILE: summed VmRSS of the broker(s) in rss_pids every 200 ms into FILE (kB per line)
  local out="$1"
  : > "$out"
  ( while :; do
      total=0; live=0
      for pid in "${rss_pids[@]}"; do
        kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
        [[ -n "$kb" ]] && { total=$(( total + kb )); live=1; }
      done
      (( live )) || break
      echo "$total" >> "$out"
      sleep 0.2
    done ) &
  sampler_pid=$!
}

stop_sampler() {  # stop_sampler FILE PREFIX: writes PREFIX_peak_rss_mb to the metrics
  local out="$1" prefix="$2"
  if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; fi
  sampler_pid=""
  if [[ -s "$out" ]]; then
    echo "${prefix}_peak_rss_mb=$(sort -n "$out" | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }')" >> "$metrics"
  fi
}

# ---------------------------------------------------------------- setup

fetch_kafka() {
  if [[ ! -f "$kafka_lib/kafka_2.13-$kafka_version.jar" ]]; then
    echo "== fetching Apache Kafka $kafka_version into $kafka_lib (mvn -f bench/pom.xml)"
    rm -rf "$kafka_lib"
    mvn -B -q -f "$bench_dir/pom.xml" -Dkafka.version="$kafka_version" dependency:copy-dependencies \
      -DoutputDirectory="$kafka_lib" -DincludeScope=runtime \
      || die "could not fetch Apache Kafka $kafka_version with Maven"
  fi
  [[ -f "$kafka_lib/kafka_2.13-$kafka_version.jar" ]] || die "no kafka_2.13-$kafka_version.jar in $kafka_lib"
  kafka_cp="$kafka_lib/*"
}

compile_helper() {
  local name
  for name in BenchAdmin FailoverProbe; do
    if [[ ! -f "$classes_dir/$name.class" || "$lib_dir/$name.java" -nt "$classes_dir/$name.class" ]]; then
      mkdir -p "$classes_dir"
      javac -d "$classes_dir" -cp "$kafka_cp" "$lib_dir/$name.java" || die "could not compile $lib_dir/$name.java"
    fi
  done
  admin_cmd=("$java_cmd" "${tool_opts[@]}" "-Dlog4j2.configurationFile=$lib_dir/bench-admin-log4j2.properties"
             -cp "$classes_dir:$kafka_cp" BenchAdmin)
}

prepare_rafka() {
  [[ -x "$rafka_launcher" ]] || die "RAFKA_LAUNCHER '$rafka_launcher' is not an executable file"
  # The launcher builds the jar when it is missing; do that now so no build lands in the start-up time.
  "$rafka_launcher" --version > /dev/null || die "'$rafka_launcher --version' failed (the build?)"
}

git_head() {  # the commit of a checkout, read from .git without running git
  local dir="$1" head ref
  [[ -f "$dir/.git/HEAD" ]] || { echo "unknown"; return; }
  head="$(cat "$dir/.git/HEAD")"
  if [[ "$head" == ref:* ]]; then
    ref="${head#ref: }"
    if [[ -f "$dir/.git/$ref" ]]; then cut -c1-12 "$dir/.git/$ref"
    else awk -v r="$ref" '$2 == r { print substr($1, 1, 12) }' "$dir/.git/packed-refs" 2>/dev/null || echo "unknown"; fi
  else
    echo "${head:0:12}"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# ---------------------------------------------------------------- start / stop

write_kafka_config() {  # write_kafka_config FILE PORT CONTROLLER_PORT DATA_DIR
  cat > "$1" <<EOF
# Apache Kafka $kafka_version, KRaft combined mode, one node (written by bench/run.sh).
# Kafka's quickstart config/server.properties shape; everything not listed is Kafka's default.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$3
listeners=PLAINTEXT://127.0.0.1:$2,CONTROLLER://127.0.0.1:$3
advertised.listeners=PLAINTEXT://127.0.0.1:$2,CONTROLLER://127.0.0.1:$3
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$4
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

# arm_startup_probe BOOTSTRAP BROKERS: starts the start-up probe and waits until its client exists.
# The probe's JVM starts (and creates its client) before the broker, so its own start-up is not
# counted; it then polls describeCluster every 50 ms until BROKERS brokers are listed.
arm_startup_probe() {
  local deadline
  probe_out="$run_dir_sys/startup-probe.txt"; probe_err="$run_dir_sys/startup-probe.err"
  "${admin_cmd[@]}" wait-ready "$1" $(( start_timeout_ms + 5000 )) "$2" > "$probe_out" 2> "$probe_err" &
  probe_pid=$!
  tool_pid=$probe_pid
  deadline=$(( $(now_ms) + 30000 ))
  until grep -q '^armed' "$probe_out" 2>/dev/null; do
    alive "$probe_pid" || die "the start-up probe exited early: $(cat "$probe_err")"
    (( $(now_ms) < deadline )) || die "the start-up probe did not arm within 30 s"
    sleep 0.02
  done
}

# await_startup_probe SYSTEM T0 LOG PID...: waits for the armed probe while every PID stays alive;
# sets ready_ms (the probe's clock, epoch ms). Returns 1 on failure (recorded in failures.txt).
await_startup_probe() {
  local system="$1" t0="$2" log="$3" deadline rc=0 pid
  shift 3
  deadline=$(( t0 + start_timeout_ms ))
  while alive "$probe_pid"; do
    for pid in "$@"; do
      if ! alive "$pid"; then
        stop_pid "$probe_pid" 2 || true; tool_pid=""
        echo "run.sh: $system EXITED during start-up; last lines of $log:" >&2
        tail -n 30 "$log" >&2
        record_failure startup "$system exited during start-up" "$log"
        return 1
      fi
    done
    if (( $(now_ms) > deadline )); then
      stop_pid "$probe_pid" 2 || true; tool_pid=""
      echo "run.sh: $system did NOT START within $(( start_timeout_ms / 1000 )) s; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      record_failure startup "$system did not answer Metadata with its broker(s) within $(( start_timeout_ms / 1000 )) s" "$probe_err"
      return 1
    fi
    sleep 0.02
  done
  wait "$probe_pid" || rc=$?
  tool_pid=""
  ready_ms="$(sed -n 's/^ready_epoch_ms=//p' "$probe_out")"
  if (( rc != 0 )) || [[ -z "$ready_ms" ]]; then
    record_failure startup "start-up probe failed (exit $rc)" "$probe_err"
    return 1
  fi
}

java_pid_of() {  # the java process behind a pid we started (the pid itself when the launcher exec'd java)
  local pid="$1" java_pid="$1"
  if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != java ]]; then
    java_pid="$(pgrep -P "$pid" -x java | head -n 1 || true)"
    [[ -n "$java_pid" ]] || die "cannot find the java process of pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null))"
  fi
  echo "$java_pid"
}

# kafka_format CONFIG CLUSTER_ID OUT [--standalone]: kafka-storage format; returns its exit code
kafka_format() {
  local config="$1" cluster_id="$2" out="$3"
  shift 3
  "$java_cmd" "${tool_opts[@]}" -cp "$kafka_cp" kafka.tools.StorageTool format "$@" \
    -t "$cluster_id" -c "$config" > "$out" 2>&1
}

new_kafka_cluster_id() {
  python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("="))'
}

# start_kafka_jvm CONFIG LOG DIR: Kafka as kafka-server-start.sh runs it; prints nothing, sets started_pid
start_kafka_jvm() {
  "$java_cmd" "${kafka_heap_opts[@]}" "${kafka_perf_opts[@]}" \
    "-Xlog:gc*:file=$3/kafkaServer-gc.log:time,tags:filecount=10,filesize=100M" \
    "${kafka_jmx_opts[@]}" "-Dkafka.logs.dir=$3" \
    "-Dlog4j2.configurationFile=$lib_dir/kafka-broker-log4j2.properties" \
    -cp "$kafka_cp" kafka.Kafka "$1" > "$2" 2>&1 &
  started_pid=$!
}

# start_system SYSTEM: starts one node on $port, measures start-up, sets broker_pid. Returns 1 on
# failure (recorded in failures.txt).
start_system() {
  local system="$1" t0 java_pid
  local data_dir="$run_dir_sys/data" log="$run_dir_sys/broker.log"
  mkdir -p "$data_dir"
  bootstrap="127.0.0.1:$port"; replication_factor=1

  if [[ "$system" == kafka ]]; then
    local config="$run_dir_sys/server.properties" t_format
    write_kafka_config "$config" "$port" "$controller_port" "$data_dir"
    t_format=$(now_ms)
    if ! kafka_format "$config" "$(new_kafka_cluster_id)" "$run_dir_sys/format.txt" --standalone; then
      record_failure startup "kafka-storage format failed" "$run_dir_sys/format.txt"
      return 1
    fi
    echo "kafka_format_ms=$(( $(now_ms) - t_format ))" >> "$metrics"
  fi

  arm_startup_probe "$bootstrap" 1
  t0=$(now_ms)
  if [[ "$system" == kafka ]]; then
    start_kafka_jvm "$run_dir_sys/server.properties" "$log" "$run_dir_sys"
    broker_pid=$started_pid
  else
    JAVA_OPTS="$rafka_java_opts" "$rafka_launcher" server start \
      --override "listeners=PLAINTEXT://127.0.0.1:$port" \
      --override "advertised.listeners=PLAINTEXT://127.0.0.1:$port" \
      --override "log.dirs=$data_dir" \
      --override "offsets.topic.replication.factor=1" \
      --override "group.initial.rebalance.delay.ms=0" > "$log" 2>&1 &
    broker_pid=$!  # the launcher execs java, so this becomes the JVM's pid
  fi
  await_startup_probe "$system" "$t0" "$log" "$broker_pid" || return 1
  echo "startup_ms=$(( ready_ms - t0 ))" >> "$metrics"

  java_pid="$(java_pid_of "$broker_pid")"
  rss_pids=("$java_pid")
  echo "java_pid=$java_pid" >> "$metrics"
  echo "   $system up in $(( ready_ms - t0 )) ms (java pid $java_pid, port $port)"
  return 0
}

stop_system() {
  local t0 forced=0
  t0=$(now_ms)
  stop_pid "$broker_pid" "$stop_timeout_s" || forced=1
  echo "stop_ms=$(( $(now_ms) - t0 ))" >> "$metrics"
  if (( forced )); then
    record_failure stop "did not exit within ${stop_timeout_s} s of SIGTERM; SIGKILLed" "$run_dir_sys/broker.log"
  fi
  broker_pid=""
}

# ---------------------------------------------------------------- failures

# record_failure WORKLOAD MESSAGE [TOOL_OUTPUT]: loud on the terminal, kept in failures.txt with the
# tool's error lines and the broker's WARN/ERROR lines.
record_failure() {
  local wid="$1" message="$2" tool_output="${3:-}" f="$run_dir_sys/failures.txt"
  echo "${wid}_status=FAIL" >> "$metrics"
  echo "   !! $current_system round $current_round workload $wid FAILED: $message" >&2
  {
    echo "== workload $wid: $message"
    if [[ -n "$tool_output" && -s "$tool_output" ]]; then
      echo "-- last lines of $(basename "$tool_output"):"
      grep -v '^[[:space:]]*at ' "$tool_output" | tail -n 12
    fi
    if [[ -s "$run_dir_sys/broker.log" ]]; then
      echo "-- broker WARN/ERROR lines (last 15):"
      grep -E 'WARN|ERROR|Exception' "$run_dir_sys/broker.log" | grep -v '^[[:space:]]*at ' | tail -n 15 || true
    fi
    echo
  } >> "$f"
}

# settle_writeback: every workload starts with no dirty pages left by the one before it. The kernel
# writes dirty pages back when they are ~30 s old or past a size threshold, so without this
# w1's gigabyte lands in w1b's, w2's or w4's window on one system and not the other, taking CPU
# from whichever broker and client happen to be running (on 2 cores, ±25 % on w4). Both systems
# get the same sync; the time it takes is not part of any figure.
settle_writeback() {
  sync
}

check_broker_alive() {  # after a workload: a dead broker fails the rest of the run
  if ! alive "$broker_pid"; then
    echo "run.sh: $current_system CRASHED (pid $broker_pid gone); last lines of its log:" >&2
    tail -n 30 "$run_dir_sys/broker.log" >&2
    record_failure crash "broker process exited during workload $1" "$run_dir_sys/broker.log"
    return 1
  fi
}

# ---------------------------------------------------------------- workloads

# create_topic WID TOPIC PARTITIONS [--produce-each]: sets created_ms (and writable_ms); 1 on failure
create_topic() {
  local wid="$1" topic="$2" partitions="$3" out="$run_dir_sys/$1-create.txt"
  shift 3
  created_ms=""; writable_ms=""
  if ! run_tool 300 "$out" "$out.err" "${admin_cmd[@]}" create-topic "$bootstrap" "$topic" "$partitions" "$replication_factor" 120000 "$@"; then
    record_failure "$wid" "creating topic $topic ($partitions partitions) failed" "$out.err"
    return 1
  fi
  created_ms="$(sed -n 's/^create_ms=//p' "$out")"
  writable_ms="$(sed -n 's/^writable_ms=//p' "$out")"
}

# produce WID TOPIC RECORDS THROUGHPUT TIMEOUT_S [EXTRA_PRODUCER_PROPS...]
produce() {
  local wid="$1" topic="$2" n="$3" throughput="$4" timeout_s="$5" rc=0 parsed sent
  shift 5
  local out="$run_dir_sys/$wid-producer.txt" err="$run_dir_sys/$wid-producer.err"
  start_sampler "$run_dir_sys/$wid-rss.txt"
  run_tool "$timeout_s" "$out" "$err" "$java_cmd" "${tool_opts[@]}" -cp "$kafka_cp" \
    org.apache.kafka.tools.ProducerPerformance --topic "$topic" --num-records "$n" \
    --record-size "$record_size" --throughput "$throughput" \
    --producer-props "bootstrap.servers=$bootstrap" "$@" || rc=$?
  stop_sampler "$run_dir_sys/$wid-rss.txt" "$wid"
  if (( rc == 124 )); then record_failure "$wid" "ProducerPerformance timed out after ${timeout_s} s" "$err"; return 1; fi
  if (( rc != 0 )); then record_failure "$wid" "ProducerPerformance exited with $rc" "$err"; return 1; fi
  if ! parsed="$(python3 "$lib_dir/summarize.py" parse-producer "$out" "$wid" 2>> "$err")"; then
    record_failure "$wid" "no summary line from ProducerPerformance" "$err"; return 1
  fi
  sent="$(sed -n "s/^${wid}_records=//p" <<< "$parsed")"
  # A failed send is printed by ProducerPerformance's callback as a stack trace, whose first line
  # starts with the exception's class; the client's retriable WARN lines do not count.
  local send_errors
  send_errors="$(grep -cE '^(org|java|kafka)\.[A-Za-z0-9_.$]*(Exception|Error)' "$err" || true)"
  if (( send_errors > 0 )); then
    record_failure "$wid" "ProducerPerformance reported $send_errors failed sends" "$err"
    echo "$parsed" >> "$metrics"
    return 1
  fi
  if [[ "$sent" != "$n" ]]; then
    record_failure "$wid" "ProducerPerformance acknowledged $sent of $n records" "$err"; return 1
  fi
  echo "$parsed" >> "$metrics"
}

workload_1() {
  create_topic w1 bench-w1 6 || return 1
  produce w1 bench-w1 "$w1_records" -1 900 acks=1
}

workload_1b() {
  create_topic w1b bench-w1b 6 || return 1
  produce w1b bench-w1b "$w1_records" -1 900 acks=all
}

workload_2() {
  create_topic w2 bench-w2 6 || return 1
  produce w2 bench-w2 "$w2_records" "$w2_rate" $(( w2_records / w2_rate + 300 )) acks=all
}

workload_4() {
  local out="$run_dir_sys/w4-consumer.txt" err="$run_dir_sys/w4-consumer.err" rc=0 parsed got
  if grep -q '^w1_status=FAIL' "$metrics"; then
    record_failure w4 "skipped: workload 1 did not produce its records"; return 1
  fi
  start_sampler "$run_dir_sys/w4-rss.txt"
  run_tool 600 "$out" "$err" "$java_cmd" "${tool_opts[@]}" -cp "$kafka_cp" \
    org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" \
    --topic bench-w1 --messages "$w1_records" --group "bench-w4-$current_round" --timeout 30000 || rc=$?
  stop_sampler "$run_dir_sys/w4-rss.txt" w4
  if (( rc != 0 )); then record_failure w4 "ConsumerPerformance exited with $rc" "$err"; return 1; fi
  if ! parsed="$(python3 "$lib_dir/summarize.py" parse-consumer "$out" w4 2>> "$err")"; then
    record_failure w4 "no result line from ConsumerPerformance" "$out"; return 1
  fi
  got="$(sed -n 's/^w4_records=//p' <<< "$parsed")"
  if [[ "$got" != "$w1_records" ]]; then
    record_failure w4 "consumed $got of $w1_records records" "$out"; echo "$parsed" >> "$metrics"; return 1
  fi
  echo "$parsed" >> "$metrics"
}

workload_5() {
  create_topic w5 bench-w5 "$w5_partitions" --produce-each || return 1
  echo "w5_create_ms=$created_ms" >> "$metrics"
  echo "w5_writable_ms=$writable_ms" >> "$metrics"
  # ProducerPerformance sends no keys, so this runs without keys: Kafka's default (sticky)
  # partitioner fills one partition's batch, then moves to another, over all 1,000 partitions.
  # (The stock RoundRobinPartitioner would spread records like keys do, but it makes the client
  # itself crawl at ~700 records/s against either broker: it measures the client, not the broker.)
  produce w5 bench-w5 "$w5_records" -1 900 acks=1
}

workload_6() {
  local out="$run_dir_sys/w6-e2e.txt" err="$run_dir_sys/w6-e2e.err" rc=0 parsed
  create_topic w6 bench-w6 1 || return 1
  run_tool 600 "$out" "$err" "$java_cmd" "${tool_opts[@]}" -cp "$kafka_cp" \
    org.apache.kafka.tools.EndToEndLatency "$bootstrap" bench-w6 "$w6_records" all "$record_size" || rc=$?
  if (( rc != 0 )); then record_failure w6 "EndToEndLatency exited with $rc" "$err"; return 1; fi
  if ! parsed="$(python3 "$lib_dir/summarize.py" parse-e2e "$out" w6 2>> "$err")"; then
    record_failure w6 "no summary from EndToEndLatency" "$out"; return 1
  fi
  echo "$parsed" >> "$metrics"
}

# shellcheck source=lib/cluster.sh
source "$lib_dir/cluster.sh"

# ---------------------------------------------------------------- one system, one round

run_one() {  # run_one ROUND SYSTEM ORDER
  current_round="$1"; current_system="$2"
  run_dir_sys="$run_dir/r$1-$2"
  metrics="$run_dir_sys/metrics.env"
  mkdir -p "$run_dir_sys"
  echo "order=$3" > "$metrics"
  echo "== round $1/$rounds: $2 (dir $run_dir_sys)"

  wait_for_quiet
  local busy0 own0 wall0
  own_children_ticks
  busy0="$(busy_ticks)"; own0="$own_ticks"; wall0=$(now_ms)
  if any_wanted "${single_node_workloads[@]}"; then run_single_node_phase "$2"; fi
  if any_wanted "${cluster_workloads[@]}"; then run_cluster_phases "$2"; fi
  # Every process of ours (brokers, tools, probes, samplers) has been reaped by now, so the
  # children's CPU covers them all; the rest of the machine's busy time was someone else's.
  local busy1
  busy1="$(busy_ticks)"
  own_children_ticks
  echo "foreign_cpu_pct=$(foreign_pct "$busy0" "$busy1" $(( own_ticks - own0 )) $(( $(now_ms) - wall0 )))" >> "$metrics"
  grep -q '_status=FAIL' "$metrics" && any_failure=1
  return 0
}

any_wanted() {  # any_wanted W...: true if one of these workloads was asked for
  local w
  for w in "$@"; do [[ -n "${want[$w]:-}" ]] && return 0; done
  return 1
}

# run_single_node_phase SYSTEM: one node; start-up, idle RSS, workloads 1 1b 2 4 5 6, stop.
run_single_node_phase() {
  port="$(free_port)"; controller_port="$(free_port)"
  while [[ "$controller_port" == "$port" ]]; do controller_port="$(free_port)"; done
  echo "   single node on port $port"
  if ! start_system "$1"; then
    if [[ -n "$broker_pid" ]]; then stop_pid "$broker_pid" "$stop_timeout_s" || true; broker_pid=""; fi
    return 0
  fi
  sleep 3
  echo "idle_rss_mb=$(rss_mb "${rss_pids[@]}")" >> "$metrics"

  local w t_w
  for w in "${single_node_workloads[@]}"; do
    [[ -n "${want[$w]:-}" ]] || continue
    settle_writeback
    t_w=$(now_ms)
    if "workload_$w"; then
      echo "   workload $w done in $(( ($(now_ms) - t_w) / 1000 )) s"
    fi
    if ! check_broker_alive "$w"; then broker_pid=""; break; fi
  done

  if [[ -n "$broker_pid" ]]; then
    echo "final_rss_mb=$(rss_mb "${rss_pids[@]}")" >> "$metrics"
    stop_system
  fi
  du -sh "$run_dir_sys/data" 2>/dev/null | awk '{ print "   data dir: " $1 }'
  if (( ! keep )); then rm -rf "$run_dir_sys/data"; fi
}

# A run during which other processes used more than max_noise_pct % of the machine is set aside
# (renamed *.noisy-N, kept for inspection, left out of the table) and run again, up to
# noise_retries times; the last attempt is kept whatever its noise.
run_with_retries() {  # run_with_retries ROUND SYSTEM ORDER
  local attempt noise dir="$run_dir/r$1-$2"
  for (( attempt = 0; attempt <= noise_retries; attempt++ )); do
    run_one "$1" "$2" "$3"
    noise="$(sed -n 's/^foreign_cpu_pct=//p' "$dir/metrics.env")"
    [[ -n "$noise" ]] || return 0
    if awk -v n="$noise" -v m="$max_noise_pct" 'BEGIN { exit !(n <= m) }'; then return 0; fi
    if (( attempt == noise_retries )); then
      echo "   !! other processes used ${noise}% of the machine during this run; keeping it (no retries left)" >&2
      return 0
    fi
    echo "   !! other processes used ${noise}% of the machine during this run (limit ${max_noise_pct}%): setting it aside, running again"
    mv "$dir" "$dir.noisy-$(( attempt + 1 ))"
    noisy_runs=$(( noisy_runs + 1 ))
  done
}

# ---------------------------------------------------------------- main

wall_start=$(now_ms)
quiet_waited_ms=0
fetch_kafka
compile_helper
[[ "$only" == kafka ]] || prepare_rafka

run_dir="$target_dir/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run_dir"
echo "$original_command" > "$run_dir/command.txt"
[[ -n "${RAFKA_LAUNCHER:-}" ]] && echo "RAFKA_LAUNCHER=$RAFKA_LAUNCHER $original_command" > "$run_dir/command.txt"

{
  echo "cpus (nproc):  $(nproc)"
  echo "cpu model:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "memory:        $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "disk (run dir): $(df -h "$run_dir" | tail -n 1)"
  echo "kernel:        $(uname -srm)"
  echo "java:"
  "$java_cmd" -version 2>&1 | sed 's/^/  /'
  echo "Apache Kafka:  $kafka_version (Maven Central jars, bench/pom.xml)"
  echo "Rafka:         $(git_head "$(dirname "$rafka_launcher")") ($rafka_launcher)"
} > "$run_dir/machine.txt"

{
  echo "rounds=$rounds (alternating: Rafka first in odd rounds, Kafka first in even rounds)"
  echo "record size=$record_size bytes; w1/w1b/w4 records=$w1_records; w2 records=$w2_records at $w2_rate/s;"
  echo "w5 partitions=$w5_partitions records=$w5_records (no keys, default partitioner, acks=1); w6 records=$w6_records (acks=all, 1 partition)"
  echo "w3 (3 nodes, RF 3, acks=all) records=$w1_records unthrottled; w3r records=$w2_records at $w3_rate/s;"
  echo "w7/w7c failover: acks=all load of $w7_rate records/s over 6 partitions (RF 3), kill -9 after 5 s"
  echo "three-node settings on both systems: ${cluster_settings[*]}"
  echo "workloads=$workloads"
  echo "before each system's run: wait up to ${quiet_wait_s} s until other processes use <= ${quiet_max_pct}% of the machine (3 s sample)"
  echo "a run during which other processes used > ${max_noise_pct}% of the machine is set aside and re-run (up to ${noise_retries} times)"
  echo "Kafka JVM: ${kafka_heap_opts[*]} ${kafka_perf_opts[*]} -Xlog:gc*:file=...:time,tags:filecount=10,filesize=100M ${kafka_jmx_opts[*]}"
  echo "Rafka JVM: JAVA_OPTS=\"$rafka_java_opts\" (other flags: JVM defaults; G1)"
  echo "client tools JVM: ${tool_opts[*]% -Dlog4j2*}"
  echo "Kafka overrides: offsets.topic.replication.factor=1 transaction.state.log.replication.factor=1 transaction.state.log.min.isr=1 share.coordinator.state.topic.replication.factor=1 share.coordinator.state.topic.min.isr=1 group.initial.rebalance.delay.ms=0"
  echo "Rafka overrides: offsets.topic.replication.factor=1 group.initial.rebalance.delay.ms=0 (+ listeners, advertised.listeners, log.dirs)"
} > "$run_dir/settings.txt"

echo "== run directory: $run_dir"
any_failure=0
noisy_runs=0
for (( round = 1; round <= rounds; round++ )); do
  if (( round % 2 == 1 )); then order=(rafka kafka); else order=(kafka rafka); fi
  position=0
  for system in "${order[@]}"; do
    position=$(( position + 1 ))
    [[ -z "$only" || "$only" == "$system" ]] || continue
    run_with_retries "$round" "$system" "$position"
  done
done

wall_s=$(( ($(now_ms) - wall_start) / 1000 ))
waited_s=$(( quiet_waited_ms / 1000 ))
echo "$(( wall_s / 60 )) min $(( wall_s % 60 )) s, of which $(( waited_s / 60 )) min $(( waited_s % 60 )) s waiting for other processes to quiet down; $noisy_runs run(s) set aside as noisy and re-run" > "$run_dir/wall.txt"
echo
python3 "$lib_dir/summarize.py" report "$run_dir"
cp "$run_dir/RESULTS.md" "$bench_dir/RESULTS.md"
echo
echo "== wall time $(cat "$run_dir/wall.txt"); results in bench/RESULTS.md; raw output in $run_dir"
if (( any_failure )); then
  echo "run.sh: some workloads FAILED; see the Failures section of bench/RESULTS.md" >&2
  exit 1
fi
