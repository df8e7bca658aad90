#!/usr/bin/env bash
# gRPC unary calls per generator CPU-second (issue 17): Headroom's grpc step (examples/inventory.proto read at run
# time, DynamicMessage, one channel per VU, k6's metrics and one check per call) against a bare grpc-java
# blocking-stub loop (bench/GrpcBareLoop.java: ClientCalls.blockingUnaryCall, as a generated blocking stub, on the
# same number of virtual threads, one channel each, no metrics), both calling the demo's GetStock
# (`headroom serve-demo --grpc-port`) on TARGET_CPU. Every generator on GENERATOR_CPU. Two numbers per run: calls per
# CPU-second of the whole process (start-up included, read from /proc just before it exits), and the steady state:
# calls and CPU over the middle third of the run (from Headroom's live --prometheus endpoint and the loop's own count). Goal: Headroom ≥ 0.8× the bare loop's calls per CPU-second.
# A benchmark, not a test. Environment: ROUNDS (2), DURATION (10 s), VUS (20), NICE (19), SKIP_BUILD (0).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
LOG_PREFIX=grpc
source "$HERE/lib.sh"
ROUNDS="${ROUNDS:-2}"; DURATION="${DURATION:-10}"; VUS="${VUS:-20}"; NICE="${NICE:-19}"
WORK="$(mktemp -d)"
if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    JDK="$(find_jdk)"; JAVA="$JDK/bin/java"; JAR="$REPO/headroom-cli/target/headroom.jar"
else
    require_jdk_and_cli "$REPO"
fi
"$JDK/bin/javac" -nowarn -cp "$JAR" -d "$WORK/bare" "$HERE/GrpcBareLoop.java"
DEMO=""
trap 'stop_pid "$DEMO"; rm -rf "$WORK"' EXIT
for attempt in 1 2 3; do # a free port can be taken before the demo binds it (other processes on this machine)
    GRPC_PORT="$(free_port)"
    taskset -c "$TARGET_CPU" nice -n "$NICE" "$JAVA" -jar "$JAR" serve-demo --port 0 --grpc-port "$GRPC_PORT" \
        >"$WORK/demo.out" 2>&1 &
    DEMO=$!
    wait_port "$GRPC_PORT" 200 && break
    log "demo did not start (attempt $attempt):"; cat "$WORK/demo.out" >&2; stop_pid "$DEMO"; DEMO=""
done
[[ -n "$DEMO" ]] || exit 1
TARGET="127.0.0.1:$GRPC_PORT"
cp "$REPO/examples/inventory.proto" "$WORK/"
cat >"$WORK/bench.yaml" <<PLAN
name: grpc-bench
scenarios:
  bench:
    executor: constant-vus
    vus: $VUS
    duration: ${DURATION}s
    flow:
      - grpc:
          target: $TARGET
          plaintext: true
          proto: inventory.proto
          method: inventory.Inventory/GetStock
          request: {productId: 7}
          checks: [{status: OK}]
PLAN
TICK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime of a live process
headroom_count() { # calls so far, from the run's live Prometheus endpoint
    { curl -s "http://127.0.0.1:$PROM_PORT/metrics" 2>/dev/null || true; } \
        | awk '/^headroom_grpc_req_duration_seconds_count/ { n += $NF } END { print n + 0 }'
}
last_cpu() { # waits for PID to end (its zombie still reads), printing its last CPU ticks
    local t=0 now
    while [[ -r "/proc/$1/stat" ]] && [[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]]; do
        now="$(cpu_ticks "$1")"; [[ -n "$now" && "$now" != 0 ]] && t=$now; sleep 0.2
    done
    now="$(cpu_ticks "$1")"; [[ -n "$now" && "$now" != 0 ]] && t=$now
    echo "$t"
}
bare_count() { awk '/^COUNT/ { n = $2 } END { print n + 0 }' "$WORK/bare.out"; }
# Steady state: calls and the generator process's CPU over the middle third of the run, once calls are flowing
# (start-up, plan load, JIT warm-up and the reports after the run left out, for both tools alike).
steady() { # steady PID COUNT_FUNCTION: prints "calls cpu_s" of the window
    local pid=$1 count=$2 until=$((SECONDS + 60)) c1 c2 t1 t2
    while (( $($count) == 0 && SECONDS < until )); do sleep 0.2; done
    sleep "$(awk -v d="$DURATION" 'BEGIN { print d / 3 }')"
    c1="$($count)"; t1="$(cpu_ticks "$pid")"
    sleep "$(awk -v d="$DURATION" 'BEGIN { print d / 3 }')"
    c2="$($count)"; t2="$(cpu_ticks "$pid")"
    # A run that ended before the window closed has no steady number (0 0): give it a longer DURATION.
    if (( c2 < c1 || t2 < t1 )); then echo "0 0"; return 0; fi
    awk -v c="$((c2 - c1))" -v t="$((t2 - t1))" -v k="$TICK" 'BEGIN { printf "%d %.2f\n", c, t / k }'
}
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The demo warmed first (its JIT), so that the first tool measured does not meet a colder server than the second
# (measured: the first run of a script read up to 4× worse); then the order alternates round by round.
log "warming the demo up (bare loop, $((DURATION / 2 + 1)) s, not recorded)"
taskset -c "$GENERATOR_CPU" nice -n "$NICE" "$JAVA" -cp "$JAR:$WORK/bare" GrpcBareLoop "$TARGET" "$VUS" $((DURATION / 2 + 1)) \
    >"$WORK/warmup.out" 2>&1 || log "warm-up exited $?"
echo "tool round calls errors seconds cpu_s calls_per_cpu_s steady_calls steady_cpu_s steady_calls_per_cpu_s"
for round in $(seq 1 "$ROUNDS"); do
    order="headroom bare"; (( round % 2 == 0 )) && order="bare headroom"
    for tool in $order; do
        out="$WORK/$tool.out"; start=$SECONDS
        case "$tool" in
            headroom)
                rm -f "$WORK/summary.json"; PROM_PORT="$(free_port)"
                taskset -c "$GENERATOR_CPU" nice -n "$NICE" "$JAVA" -jar "$JAR" run "$WORK/bench.yaml" --json "$WORK/summary.json" \
                    --quiet --accept-invalid-run --no-warmup --prometheus "$PROM_PORT" >"$out" 2>&1 &
                pid=$!; read -r s_calls s_cpu < <(steady "$pid" headroom_count)
                total_cpu="$(last_cpu "$pid")"
                wait "$pid" || log "headroom exited $? (output in $out)"
                read -r calls errors < <(python3 - "$WORK/summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
calls = failed = 0
for o in d.get("series", []):
    if o.get("metric") == "grpc_req_failed" and not o.get("tags"):
        calls = o["stats"]["passes"] + o["stats"]["fails"]; failed = o["stats"]["passes"]
print(int(calls), int(failed))
PY
                ) ;;
            bare)
                taskset -c "$GENERATOR_CPU" nice -n "$NICE" "$JAVA" -cp "$JAR:$WORK/bare" GrpcBareLoop "$TARGET" "$VUS" "$DURATION" \
                    >"$out" 2>&1 &
                pid=$!; read -r s_calls s_cpu < <(steady "$pid" bare_count)
                total_cpu="$(last_cpu "$pid")"
                wait "$pid" || log "bare exited $?"
                calls="$(sed -n 's/^RESULT calls=\([0-9]*\) errors=\([0-9]*\).*/\1/p' "$out")"
                errors="$(sed -n 's/^RESULT calls=\([0-9]*\) errors=\([0-9]*\).*/\2/p' "$out")" ;;
        esac
        awk -v tool="$tool" -v r="$round" -v n="${calls:-0}" -v er="${errors:-0}" -v e="$((SECONDS - start))" \
            -v c="$(awk -v t="$total_cpu" -v k="$TICK" 'BEGIN { print t / k }')" -v sn="$s_calls" -v sc="$s_cpu" \
            'BEGIN { printf "%s %d %d %d %d %.2f %.0f %d %.2f %.0f\n", tool, r, n, er, e, c, (c > 0 ? n / c : 0), sn, sc, (sc > 0 ? sn / sc : 0) }'
    done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
