#!/usr/bin/env bash
# Runs the benchmark of issues 4 and 12 and writes its report: jrpc against gRPC-Java, Apache Dubbo
# (its default serialization, hessian2, and fastjson2), Spring's HTTP service client (RestClient
# calling a Spring MVC controller on Boot's Tomcat) and a raw Netty floor, on rpc-benchmark's
# UserService scenario plus two echoes; then a payload sweep, a connection sweep and each server's
# memory.
#
#   rpc-benchmark/run.sh           the full run: rpc-benchmark's 3 x 10 s warm-up and 3 x 10 s
#                                  measurement, one JVM per benchmark, for the main run; 2 x 5 s
#                                  warm-up and 3 x 5 s measurement for the sweeps (see the README
#                                  for how long it takes)
#   rpc-benchmark/run.sh --quick   a few minutes, numbers indicative only, without the sweeps
#   rpc-benchmark/run.sh --quick --sweeps
#                                  the same with the sweeps, as short
#   rpc-benchmark/run.sh [--quick] jrpc floor
#                                  measures only the systems named (jrpc, grpc, dubbo,
#                                  dubbo-fastjson2, spring-http, floor), keeps the other
#                                  systems' last results and writes the report from all of them
#
# Each system's server runs in its own JVM pinned to core 1, its JMH client in a JVM pinned to
# core 0. Results go to rpc-benchmark/target/results; the report to rpc-benchmark/results.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

ALL_SYSTEMS=(jrpc grpc dubbo dubbo-fastjson2 spring-http floor)
quick=false
sweeps=true
sweeps_asked=false
selected=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --sweeps) sweeps_asked=true ;;
    jrpc | grpc | dubbo | dubbo-fastjson2 | spring-http | floor) selected+=("$arg") ;;
    *) echo "Usage: $0 [--quick [--sweeps]] [system...], the systems being ${ALL_SYSTEMS[*]}" >&2; exit 2 ;;
  esac
done
if [[ ${#selected[@]} -eq 0 ]]; then
  selected=("${ALL_SYSTEMS[@]}")
fi

# is_selected <system>: whether this run measures it.
is_selected() {
  local system
  for system in "${selected[@]}"; do
    [[ "$system" == "$1" ]] && return 0
  done
  return 1
}

# The same flags for every JVM, servers and clients (JMH's forks get them through -jvmArgs).
JVM_FLAGS="-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch"
if $quick; then
  # One short iteration each, and no fork: JMH runs every benchmark of a system and thread count in
  # the one client JVM, because pre-touching 1 GiB costs seconds per JVM here and a fork per
  # benchmark would not fit in 10 minutes.
  JMH_ITERATIONS=(-wi 1 -w 1s -i 1 -r 1s -f 0)
  SWEEP_ITERATIONS=(-wi 1 -w 1s -i 1 -r 1s -f 0)
  report_flag=(--quick)
  sweeps=$sweeps_asked
else
  JMH_ITERATIONS=(-wi 3 -w 10s -i 3 -r 10s -f 1)
  SWEEP_ITERATIONS=(-wi 2 -w 5s -i 3 -r 5s -f 1)
  report_flag=()
fi
THREADS=(1 32)
# The benchmark methods of each part of the run (every system's client names them alike).
MAIN_CASES='\.(existUser|createUser|getUser|listUser|echoShort|echoLarge)$'
PAYLOAD_CASES='\.(echo1Kib|echo16Kib|echo4Mib|echoBytes1Mib)$'
CONNECTION_CASES='\.(getUser|echo16Kib)$'
CONNECTION_COUNTS=1,16,256
results="$here/target/results"

if command -v taskset > /dev/null; then
  SERVER_CPU=(taskset -c 1)
  CLIENT_CPU=(taskset -c 0)
else
  echo "WARNING: taskset not found; servers and clients run unpinned, sharing every core." >&2
  SERVER_CPU=()
  CLIENT_CPU=()
fi

server_pid=""

# Stops the running server, if any: TERM, then KILL after 15 seconds.
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2> /dev/null; then
    kill "$server_pid" 2> /dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$server_pid" 2> /dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2> /dev/null; then
      echo "WARNING: server $server_pid ignored TERM for 15 s; killing it." >&2
      kill -9 "$server_pid" 2> /dev/null || true
    fi
    wait "$server_pid" 2> /dev/null || true
  fi
  server_pid=""
}
trap stop_server EXIT

accepts() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

# start_server <system> <module> <main class> <port>: starts it and waits, 60 s at most, for its port.
start_server() {
  local system="$1" module="$2" main="$3" port="$4"
  local log="$results/$system-server.log"
  if accepts "$port"; then
    echo "ERROR: something already listens on 127.0.0.1:$port; stop it first." >&2
    exit 1
  fi
  echo "== $system: starting the server on 127.0.0.1:$port"
  "${SERVER_CPU[@]}" java $JVM_FLAGS -cp "$here/$module/target/benchmarks.jar" "$main" "$port" > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if accepts "$port"; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2> /dev/null; then
      echo "ERROR: the $system server exited; its log ($log) ends with:" >&2
      tail -20 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "ERROR: the $system server did not accept connections on port $port within 60 s; see $log" >&2
  exit 1
}

# jmh <system> <module> <port> <part> <threads> [JMH arguments...]: one JMH client run, its results in
# <system>[-<part>]-t<threads>.json (no part for the main run).
jmh() {
  local system="$1" module="$2" port="$3" part="$4" threads="$5"
  shift 5
  local name="$system${part:+-$part}-t$threads" started
  local log="$results/$name.log"
  echo "== $system: JMH client${part:+, $part sweep}, $threads thread(s)"
  started=$SECONDS
  if ! "${CLIENT_CPU[@]}" java $JVM_FLAGS -jar "$here/$module/target/benchmarks.jar" \
      -tu us -t "$threads" -prof gc -jvmArgs "$JVM_FLAGS" -p port="$port" "$@" \
      -rf json -rff "$results/$name.json" > "$log" 2>&1; then
    echo "ERROR: the $system client failed; its log ($log) ends with:" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  echo "   done in $((SECONDS - started)) s"
}

# record_memory <system>: the running server's resident set, then its heap after a full collection
# (G1's line of jcmd's GC.heap_info); nothing is recorded, with a warning, when either is missing.
record_memory() {
  local system="$1" resident heap
  resident=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status" 2> /dev/null || true)
  jcmd "$server_pid" GC.run > /dev/null 2>&1 || true
  heap=$( (jcmd "$server_pid" GC.heap_info 2> /dev/null || true) \
    | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub(/K,?$/, "", $(i + 1)); print $(i + 1); exit}}')
  if [[ "$resident" =~ ^[0-9]+$ && "$heap" =~ ^[0-9]+$ ]]; then
    printf 'residentKiB=%s\nheapAfterGcKiB=%s\n' "$resident" "$heap" > "$results/$system-memory.properties"
    echo "   server memory: resident $((resident / 1024)) MiB, heap after GC $((heap / 1024)) MiB"
  else
    echo "WARNING: could not read the $system server's memory (resident '$resident' KiB, heap '$heap' KiB)." >&2
  fi
}

# run_client <system> <module> <port> [JMH arguments...]: the main run at both thread counts, the
# server's memory after the 32-thread one, then the payload sweep.
run_client() {
  local system="$1" module="$2" port="$3"
  shift 3
  local threads
  for threads in "${THREADS[@]}"; do
    jmh "$system" "$module" "$port" "" "$threads" -bm thrpt,sample "${JMH_ITERATIONS[@]}" "$@" "$MAIN_CASES"
  done
  if command -v jcmd > /dev/null; then
    record_memory "$system"
  else
    echo "WARNING: jcmd not found; the server's memory is not recorded." >&2
  fi
  if $sweeps; then
    for threads in "${THREADS[@]}"; do
      jmh "$system" "$module" "$port" payloads "$threads" -bm thrpt "${SWEEP_ITERATIONS[@]}" "$@" "$PAYLOAD_CASES"
    done
  fi
}

# run_connection_sweep <system> <module> <port>: 32 threads over 1, 16 and 256 separate clients.
run_connection_sweep() {
  if $sweeps; then
    jmh "$1" "$2" "$3" connections 32 -bm thrpt "${SWEEP_ITERATIONS[@]}" -p connections="$CONNECTION_COUNTS" \
      "$CONNECTION_CASES"
  fi
}

echo "== Building the benchmark jars"
(cd "$root" && ./mvnw -q -B -Pbenchmark -DskipTests package -am \
  -pl rpc-benchmark/jrpc,rpc-benchmark/grpc,rpc-benchmark/dubbo,rpc-benchmark/spring-http,rpc-benchmark/floor,rpc-benchmark/report)

mkdir -p "$results"
for system in "${selected[@]}"; do
  rm -f "$results/$system"-t*.json "$results/$system"-t*.log "$results/$system"-server.log \
    "$results/$system"-memory.properties "$results/$system"-payloads-t*.* "$results/$system"-connections-t*.*
done

if is_selected jrpc; then
  start_server jrpc jrpc dev.jrpc.benchmark.jrpc.JrpcServerMain 7101
  run_client jrpc jrpc 7101
  run_connection_sweep jrpc jrpc 7101
  stop_server
fi

if is_selected grpc; then
  start_server grpc grpc dev.jrpc.benchmark.grpc.GrpcServerMain 7102
  run_client grpc grpc 7102
  run_connection_sweep grpc grpc 7102
  stop_server
fi

# One Dubbo server answers both variants, its default (hessian2) and fastjson2: the serialization
# is the consumer's choice.
if is_selected dubbo || is_selected dubbo-fastjson2; then
  start_server dubbo dubbo dev.jrpc.benchmark.dubbo.DubboServerMain 7103
  if is_selected dubbo; then
    run_client dubbo dubbo 7103 -p serialization=default
  fi
  if is_selected dubbo-fastjson2; then
    run_client dubbo-fastjson2 dubbo 7103 -p serialization=fastjson2
  fi
  stop_server
fi

if is_selected spring-http; then
  start_server spring-http spring-http dev.jrpc.benchmark.springhttp.SpringHttpServerMain 7105
  run_client spring-http spring-http 7105
  stop_server
fi

if is_selected floor; then
  start_server floor floor dev.jrpc.benchmark.floor.FloorServerMain 7104
  run_client floor floor 7104
  stop_server
fi

echo "== Writing the report"
java -Djava.awt.headless=true -jar "$here/report/target/benchmarks.jar" "$results" "$here/results" "${report_flag[@]}"
