# The three-node half of bench/run.sh (workloads 3, 3r, 7, 7c), sourced by it: it uses run.sh's
# helpers (arm_startup_probe, run_tool, produce, create_topic, record_failure, ...) and globals.
#
# Both systems run three combined controller + broker nodes on 127.0.0.1, each in its own JVM with
# the single-node heap, with the same durability settings (RF 3, min.insync.replicas=2, no unclean
# election) and the same failure-detection time-outs: Kafka's defaults, written out on both so the
# failover figures compare like with like.

cluster_node_count=3
w3_rate=5000   # workload 3r: fixed rate, records/s
w7_rate=2000   # failover workloads: the steady acks=all load the kill lands in, records/s
cluster_settings=(
  default.replication.factor=3
  min.insync.replicas=2
  offsets.topic.replication.factor=3
  unclean.leader.election.enable=false
  group.initial.rebalance.delay.ms=0
  broker.session.timeout.ms=9000
  broker.heartbeat.interval.ms=2000
  controller.quorum.election.timeout.ms=1000
)

cluster_pids=()   # index = node id; the java process of each node
node_ports=()     # index = node id; Kafka protocol port
quorum_ports=()   # index = node id; Kafka's CONTROLLER listener / Rafka's Ratis port

allocate_cluster_ports() {
  local taken=" " n p
  for (( n = 1; n <= cluster_node_count; n++ )); do
    for kind in node quorum; do
      p="$(free_port)"
      while [[ "$taken" == *" $p "* ]]; do p="$(free_port)"; done
      taken+="$p "
      if [[ "$kind" == node ]]; then node_ports[n]=$p; else quorum_ports[n]=$p; fi
    done
  done
}

cluster_voters() {  # id@127.0.0.1:port,... (the same shape for Kafka's static quorum and Rafka)
  local n out=""
  for (( n = 1; n <= cluster_node_count; n++ )); do out+="${out:+,}$n@127.0.0.1:${quorum_ports[n]}"; done
  echo "$out"
}

write_kafka_node_config() {  # write_kafka_node_config FILE NODE DATA_DIR
  local file="$1" node="$2" setting
  cat > "$file" <<EOF
# Apache Kafka $kafka_version, KRaft combined mode, node $node of $cluster_node_count (written by bench/run.sh).
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$(cluster_voters)
listeners=PLAINTEXT://127.0.0.1:${node_ports[node]},CONTROLLER://127.0.0.1:${quorum_ports[node]}
advertised.listeners=PLAINTEXT://127.0.0.1:${node_ports[node]}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$3
EOF
  for setting in "${cluster_settings[@]}"; do echo "$setting" >> "$file"; done
}

start_rafka_node() {  # start_rafka_node NODE DATA_DIR LOG CLUSTER_ID: sets started_pid
  local node="$1" overrides=() setting
  for setting in "${cluster_settings[@]}"; do overrides+=(--override "$setting"); done
  JAVA_OPTS="$rafka_java_opts" "$rafka_launcher" server start \
    --config "$(dirname "$rafka_launcher")/config/cluster/node-$node.properties" \
    --override "listeners=PLAINTEXT://127.0.0.1:${node_ports[node]}" \
    --override "advertised.listeners=PLAINTEXT://127.0.0.1:${node_ports[node]}" \
    --override "controller.quorum.voters=$(cluster_voters)" \
    --override "cluster.id=$4" \
    --override "log.dirs=$2" "${overrides[@]}" > "$3" 2>&1 &
  started_pid=$!  # the launcher execs java
}

# start_cluster SYSTEM PHASE: three fresh nodes under $run_dir_sys/cluster-PHASE; the first cluster
# of a run records its start-up (launch of the first node until Metadata lists all three brokers)
# and idle RSS (sum of the three). Returns 1 on failure.
start_cluster() {
  local system="$1" n t0 cluster_id node_dir
  cluster_dir="$run_dir_sys/cluster-$2"
  allocate_cluster_ports
  bootstrap=""
  for (( n = 1; n <= cluster_node_count; n++ )); do bootstrap+="${bootstrap:+,}127.0.0.1:${node_ports[n]}"; done
  replication_factor=3
  cluster_id="$(new_kafka_cluster_id)"
  for (( n = 1; n <= cluster_node_count; n++ )); do
    node_dir="$cluster_dir/node-$n"
    mkdir -p "$node_dir/data"
    if [[ "$system" == kafka ]]; then
      write_kafka_node_config "$node_dir/server.properties" "$n" "$node_dir/data"
      if ! kafka_format "$node_dir/server.properties" "$cluster_id" "$node_dir/format.txt"; then
        record_failure startup "kafka-storage format of node $n failed" "$node_dir/format.txt"
        return 1
      fi
    fi
  done
  echo "   $system cluster $2: nodes on ports ${node_ports[*]:1}, quorum ports ${quorum_ports[*]:1}"

  arm_startup_probe "$bootstrap" "$cluster_node_count"
  t0=$(now_ms)
  cluster_pids=()
  for (( n = 1; n <= cluster_node_count; n++ )); do
    node_dir="$cluster_dir/node-$n"
    if [[ "$system" == kafka ]]; then
      start_kafka_jvm "$node_dir/server.properties" "$node_dir/broker.log" "$node_dir"
    else
      start_rafka_node "$n" "$node_dir/data" "$node_dir/broker.log" "$cluster_id"
    fi
    cluster_pids[n]=$started_pid
  done
  await_startup_probe "$system" "$t0" "$cluster_dir/node-1/broker.log" "${cluster_pids[@]:1}" || return 1
  rss_pids=()
  for (( n = 1; n <= cluster_node_count; n++ )); do rss_pids+=("$(java_pid_of "${cluster_pids[n]}")"); done
  echo "   $system cluster up in $(( ready_ms - t0 )) ms (pids ${rss_pids[*]})"
  if ! grep -q '^c_startup_ms=' "$metrics"; then
    echo "c_startup_ms=$(( ready_ms - t0 ))" >> "$metrics"
    sleep 3
    echo "c_idle_rss_mb=$(rss_mb "${rss_pids[@]}")" >> "$metrics"
  fi
}

# stop_cluster: SIGTERM to every live node at once (as an operator stopping the cluster would),
# SIGKILL after stop_timeout_s; a node that needed SIGKILL is recorded as a failure.
stop_cluster() {
  local n pid deadline forced=""
  for (( n = 1; n <= cluster_node_count; n++ )); do
    pid="${cluster_pids[n]:-}"
    [[ -n "$pid" ]] && alive "$pid" && kill -TERM "$pid" 2>/dev/null
  done
  deadline=$(( $(now_ms) + stop_timeout_s * 1000 ))
  for (( n = 1; n <= cluster_node_count; n++ )); do
    pid="${cluster_pids[n]:-}"
    [[ -n "$pid" ]] || continue
    while alive "$pid" && (( $(now_ms) < deadline )); do sleep 0.1; done
    # A node that exits between the check and the kill was not forced (and kill's failure must
    # not stop the script: that race ended a full run right after its last w7c, twice).
    if alive "$pid" && kill -KILL "$pid" 2>/dev/null; then forced+=" $n"; fi
    wait "$pid" 2>/dev/null || true
  done
  cluster_pids=()
  [[ -z "$forced" ]] || record_failure stop "cluster node(s)$forced did not exit within ${stop_timeout_s} s of SIGTERM; SIGKILLed" "$cluster_dir/node-1/broker.log"
  if (( ! keep )); then rm -rf "$cluster_dir"/node-*/data; fi
}

check_cluster_alive() {  # check_cluster_alive WID [DEAD_NODE]: every node but DEAD_NODE still runs
  local n
  for (( n = 1; n <= cluster_node_count; n++ )); do
    [[ "$n" == "${2:-}" ]] && continue
    if ! alive "${cluster_pids[n]}"; then
      echo "run.sh: $current_system node $n CRASHED during workload $1; last lines of its log:" >&2
      tail -n 30 "$cluster_dir/node-$n/broker.log" >&2
      record_failure crash "node $n exited during workload $1" "$cluster_dir/node-$n/broker.log"
      return 1
    fi
  done
}

workload_3() {
  create_topic w3 bench-w3 6 || return 1
  produce w3 bench-w3 "$w1_records" -1 900 acks=all
}

workload_3r() {
  create_topic w3r bench-w3r 6 || return 1
  produce w3r bench-w3r "$w2_records" "$w3_rate" $(( w2_records / w3_rate + 300 )) acks=all
}

workload_7() { failover w7 leader; }
workload_7c() { failover w7c controller; }

# failover WID leader|controller: FailoverProbe kill -9s the leader of a partition (on a node that is
# not the active controller) or the active controller, under a steady acks=all load.
failover() {
  local wid="$1" role="$2" out="$run_dir_sys/$1-failover.txt" err="$run_dir_sys/$1-failover.err" rc=0 n pids=""
  local failed victim
  create_topic "$wid" "bench-$wid" 6 || return 1
  for (( n = 1; n <= cluster_node_count; n++ )); do pids+="${pids:+,}$n=${rss_pids[n - 1]}"; done
  run_tool 300 "$out" "$err" "$java_cmd" "${tool_opts[@]}" -cp "$classes_dir:$kafka_cp" FailoverProbe \
    "$bootstrap" "bench-$wid" "$role" "$pids" "$w7_rate" 180000 || rc=$?
  if (( rc != 0 )); then record_failure "$wid" "FailoverProbe exited with $rc" "$err"; return 1; fi
  sed -n 's/^\(victim_node\|failover_ms\|others_max_ms\|failed_sends\)=/'"$wid"'_\1=/p' "$out" >> "$metrics"
  victim="$(sed -n 's/^victim_node=//p' "$out")"
  failed="$(sed -n 's/^failed_sends=//p' "$out")"
  echo "   $wid: killed node $victim ($role); first ack on its partition after $(sed -n 's/^failover_ms=//p' "$out") ms," \
       "other partitions within $(sed -n 's/^others_max_ms=//p' "$out") ms, failed sends $failed"
  failover_victim="$victim"
  if [[ "$failed" != 0 ]]; then record_failure "$wid" "$failed acks=all sends failed during the failover" "$err"; return 1; fi
}

# run_cluster_phases SYSTEM: cluster a runs 3, 3r, 7 (7 kills a node, so it comes last); a fresh
# cluster b runs 7c, so the controller kill lands on a healthy cluster too.
run_cluster_phases() {
  local w t_w phase
  for phase in a b; do
    local ws=()
    if [[ "$phase" == a ]]; then ws=(3 3r 7); else ws=(7c); fi
    any_wanted "${ws[@]}" || continue
    if ! start_cluster "$1" "$phase"; then stop_cluster; continue; fi
    failover_victim=""
    for w in "${ws[@]}"; do
      [[ -n "${want[$w]:-}" ]] || continue
      settle_writeback
      t_w=$(now_ms)
      if "workload_$w"; then echo "   workload $w done in $(( ($(now_ms) - t_w) / 1000 )) s"; fi
      check_cluster_alive "$w" "$failover_victim" || break
    done
    stop_cluster
  done
}
