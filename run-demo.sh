#!/usr/bin/env bash
# Runs the jrpc demo end to end: builds demo-server and demo-client with the Maven Wrapper,
# starts the server in the background, runs the client against it, stops the server, and exits
# with the client's exit code (0 when every call behaved as expected).
#
#   ./run-demo.sh             one server, one client making a few calls
#   ./run-demo.sh --cluster   a ZooKeeper server, three demo servers registered in it, and a client
#                             calling them steadily while each server is restarted in turn and one
#                             is then killed with SIGKILL; exits 0 when no call failed
#
# Environment:
#   DEMO_PORT             port for the demo server (default 7070); with --cluster, the servers use
#                         DEMO_PORT+1 to DEMO_PORT+3
#   DEMO_ZK_PORT          with --cluster, the ZooKeeper port (default 2181)
#   DEMO_STARTUP_TIMEOUT  seconds to wait for a server to accept connections (default 60)
#   DEMO_SKIP_BUILD=1     reuse the jars of an earlier build
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

cluster=false
case "${1:-}" in
  "") ;;
  --cluster) cluster=true ;;
  *) echo "Usage: $0 [--cluster]" >&2; exit 2 ;;
esac

port="${DEMO_PORT:-7070}"
startup_timeout="${DEMO_STARTUP_TIMEOUT:-60}"
host=127.0.0.1
server_jar=demo-server/target/demo-server.jar
client_jar=demo-client/target/demo-client.jar
server_log=target/demo-server.log
server_pid=""

fail() {
  echo "run-demo: $*" >&2
  exit 1
}

# Whether something accepts TCP connections on $host:$1 (bash's /dev/tcp; no nc needed).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$1" 2>/dev/null
}

# Stops the server if it runs: SIGTERM (Spring closes the context and jrpc stops gracefully),
# then SIGKILL if it is still there after 20 s. Safe to call twice.
stop_server() {
  local pid="$server_pid"
  server_pid=""
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "run-demo: the server did not stop within 20 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ "$port" =~ ^[0-9]+$ ]] && (( port >= 1 && port <= 65535 )) || fail "DEMO_PORT must be a port number, was '$port'"
[[ "$startup_timeout" =~ ^[0-9]+$ ]] || fail "DEMO_STARTUP_TIMEOUT must be a number of seconds, was '$startup_timeout'"
command -v java >/dev/null || fail "no java on the PATH: jrpc needs Java 17 or later"

if [[ "${DEMO_SKIP_BUILD:-}" != 1 ]]; then
  echo "Building the demo applications (the first build downloads dependencies and takes a few minutes)..."
  # Tests are neither compiled nor run here: ./mvnw verify runs them.
  ./mvnw -q -B -Dmaven.test.skip=true package -pl demo-server,demo-client,demo-zookeeper -am
fi
[[ -f "$server_jar" && -f "$client_jar" ]] || fail "$server_jar or $client_jar is missing; run without DEMO_SKIP_BUILD"

if $cluster; then
  # shellcheck source=demo-cluster.sh
  source ./demo-cluster.sh
  exit "$cluster_status"
fi

if port_open "$port"; then
  fail "something already listens on $host:$port; stop it, or choose another port with DEMO_PORT=7071 ./run-demo.sh"
fi

mkdir -p "$(dirname "$server_log")"
echo "Starting demo-server on $host:$port (log: $server_log)"
java -jar "$server_jar" --rpc.server.address="$host" --rpc.server.port="$port" >"$server_log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + startup_timeout))
until port_open "$port"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" 2>/dev/null && status=0 || status=$?
    server_pid=""
    echo "run-demo: demo-server exited with status $status before accepting connections; its log ($server_log):" >&2
    cat "$server_log" >&2
    exit 1
  fi
  if (( SECONDS >= deadline )); then
    echo "run-demo: demo-server did not accept connections on $host:$port within $startup_timeout s; its log ($server_log):" >&2
    cat "$server_log" >&2
    exit 1
  fi
  sleep 0.2
done
sed -n 's/.*\(jrpc server listening.*\)/demo-server: \1/p' "$server_log"

client_status=0
java -jar "$client_jar" --rpc.client.address="$host:$port" || client_status=$?

echo
echo "Stopping demo-server (log: $server_log)"
stop_server
if (( client_status == 0 )); then
  echo "Demo finished: the client exited with 0."
else
  echo "Demo FAILED: the client exited with $client_status." >&2
fi
exit "$client_status"
