# The cluster part of run-demo.sh (./run-demo.sh --cluster), sourced by it after the build: uses its
# settings ($host, $port, $startup_timeout, the jars) and its helpers (fail, port_open). Starts a
# ZooKeeper server from ZooKeeper's own classes (demo-zookeeper.jar) and three demo servers that
# register in it; runs the demo client in cluster mode, which finds them in ZooKeeper and calls
# them steadily; restarts each server in turn (SIGTERM: a graceful stop), then kills one with
# SIGKILL; stops the client and sets $cluster_status to its exit code: 0 when no call failed.

zk_port="${DEMO_ZK_PORT:-2181}"
zk_jar=demo-zookeeper/target/demo-zookeeper.jar
work=target/cluster-demo
stop_file="$work/stop"
zk_pid=""
client_pid=""
declare -a server_pids=("" "" "")

[[ -f "$zk_jar" ]] || fail "$zk_jar is missing; run without DEMO_SKIP_BUILD"
[[ "$zk_port" =~ ^[0-9]+$ ]] || fail "DEMO_ZK_PORT must be a port number, was '$zk_port'"

# stop_pid <pid> <signal>: sends the signal and waits up to 20 s for the process to end.
stop_pid() {
  local pid="$1" signal="$2"
  [[ -n "$pid" ]] || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_cluster() {
  touch "$stop_file" 2>/dev/null || true
  stop_pid "$client_pid" TERM
  for i in 0 1 2; do
    stop_pid "${server_pids[$i]}" TERM
  done
  stop_pid "$zk_pid" TERM
  client_pid=""
  zk_pid=""
  server_pids=("" "" "")
}
trap stop_cluster EXIT

# await_port <port> <pid> <what> <log>: waits until something accepts connections on the port.
await_port() {
  local deadline=$((SECONDS + startup_timeout))
  until port_open "$1"; do
    if ! kill -0 "$2" 2>/dev/null; then
      echo "run-demo: $3 exited before accepting connections; its log ($4):" >&2
      cat "$4" >&2
      exit 1
    fi
    if (( SECONDS >= deadline )); then
      echo "run-demo: $3 did not accept connections on $host:$1 within $startup_timeout s; its log ($4):" >&2
      cat "$4" >&2
      exit 1
    fi
    sleep 0.2
  done
}

# start_server <index>: starts demo server <index> (0 to 2) on port $port+1+index.
start_server() {
  local index="$1"
  local server_port=$((port + 1 + index))
  local log="$work/server-$((index + 1)).log"
  java -jar "$server_jar" --rpc.server.address="$host" --rpc.server.port="$server_port" \
    --rpc.registry.zookeeper.connect-string="$host:$zk_port" --rpc.registry.zookeeper.session-timeout=4s \
    --demo.server.name="server-$((index + 1))" >>"$log" 2>&1 &
  server_pids[$index]=$!
  await_port "$server_port" "${server_pids[$index]}" "demo server $((index + 1))" "$log"
  echo "run-demo: server-$((index + 1)) is up on $host:$server_port, registered in ZooKeeper"
}

rm -rf "$work"
mkdir -p "$work/zookeeper-data"
for p in "$zk_port" $((port + 1)) $((port + 2)) $((port + 3)); do
  if port_open "$p"; then
    fail "something already listens on $host:$p; choose other ports with DEMO_PORT and DEMO_ZK_PORT"
  fi
done

echo "Starting ZooKeeper on $host:$zk_port (log: $work/zookeeper.log)"
java -Dzookeeper.admin.enableServer=false -Dzookeeper.4lw.commands.whitelist= -jar "$zk_jar" \
  "$zk_port" "$work/zookeeper-data" >"$work/zookeeper.log" 2>&1 &
zk_pid=$!
await_port "$zk_port" "$zk_pid" "ZooKeeper" "$work/zookeeper.log"

for i in 0 1 2; do
  start_server "$i"
done

echo "Starting the cluster client (log: $work/client.log)"
java -jar "$client_jar" --demo.cluster.enabled=true --demo.cluster.stop-file="$stop_file" \
  --rpc.client.address= --rpc.registry.zookeeper.connect-string="$host:$zk_port" >"$work/client.log" 2>&1 &
client_pid=$!
# Restart nothing before the client calls: wait for its first progress line with calls in it.
deadline=$((SECONDS + startup_timeout))
until grep -q "^cluster client: [1-9][0-9]* calls" "$work/client.log" 2>/dev/null; do
  if ! kill -0 "$client_pid" 2>/dev/null; then
    echo "run-demo: the cluster client exited before calling; its log ($work/client.log):" >&2
    cat "$work/client.log" >&2
    exit 1
  fi
  (( SECONDS < deadline )) || fail "the cluster client made no call within $startup_timeout s (log: $work/client.log)"
  sleep 0.5
done
echo "run-demo: the client is calling; restarting the servers one at a time"

for i in 0 1 2; do
  echo "run-demo: restarting server-$((i + 1)) (SIGTERM, a graceful stop)"
  stop_pid "${server_pids[$i]}" TERM
  sleep 2
  start_server "$i"
  sleep 3
done

echo "run-demo: killing server-2 with SIGKILL"
kill -KILL "${server_pids[1]}" 2>/dev/null || true
wait "${server_pids[1]}" 2>/dev/null || true
server_pids[1]=""
sleep 8

touch "$stop_file"
cluster_status=0
wait "$client_pid" || cluster_status=$?
client_pid=""
echo
sed -n '/^Calls made/,$p' "$work/client.log"
grep "a call FAILED" "$work/client.log" || true
echo
if (( cluster_status == 0 )); then
  echo "Cluster demo finished: no call failed."
else
  echo "Cluster demo FAILED: the client exited with $cluster_status (log: $work/client.log)." >&2
fi
