#!/usr/bin/env bash
# gRPC unary calls per generator CPU-second (issue 17): Headroom's grpc step (examples/inventory.proto read at run
# time, DynamicMessage, one channel per VU, k6's metrics and one check per call) against a bare grpc-java
# blocking-stub loop (bench/GrpcBareLoop.java: ClientCalls.blockingUnaryCall, as a generated blocking stub, on the
# same number of virtual threads, one channel each, no metrics), both calling the demo's GetStock
# (`headroom serve-demo --grpc-port`) on TARGET_CPU. Every generator on GENERATOR_CPU under /usr/bin/time
# (user+sys, JVM start-up included for both). Goal: Headroom ≥ 0.8× the bare loop's calls per CPU-second.
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
GRPC_PORT="$(free_port)"; HTTP_PORT="$(free_port)"
taskset -c "$TARGET_CPU" nice -n "$NICE" "$JAVA" -jar "$JAR" serve-demo --port "$HTTP_PORT" --grpc-port "$GRPC_PORT" \
    >"$WORK/demo.out" 2>&1 &
DEMO=$!
trap 'stop_pid "$DEMO"; rm -rf "$WORK"' EXIT
wait_port "$GRPC_PORT" 200 || { log "demo did not start:"; cat "$WORK/demo.out" >&2; exit 1; }
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
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tool round calls errors seconds cpu_s calls_per_cpu_s"
for round in $(seq 1 "$ROUNDS"); do
    for tool in headroom bare; do
        t="$WORK/time"; out="$WORK/$tool.out"
        case "$tool" in
            headroom)
                rm -f "$WORK/summary.json"
                taskset -c "$GENERATOR_CPU" nice -n "$NICE" /usr/bin/time -f '%e %U %S' -o "$t" timeout -k 5 $((DURATION + 90)) \
                    "$JAVA" -jar "$JAR" run "$WORK/bench.yaml" --json "$WORK/summary.json" --quiet --accept-invalid-run --no-warmup \
                    >"$out" 2>&1 || log "headroom exited $? (output in $out)"
                read -r calls errors < <(python3 - "$WORK/summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def walk(o):
    if isinstance(o, dict):
        yield o
        for v in o.values(): yield from walk(v)
    elif isinstance(o, list):
        for v in o: yield from walk(v)
calls = failed = 0
for o in d.get("series", []):
    if o.get("metric") == "grpc_req_failed" and not o.get("tags"):
        calls = o["stats"]["passes"] + o["stats"]["fails"]; failed = o["stats"]["passes"]
print(int(calls), int(failed))
PY
                ) ;;
            bare)
                taskset -c "$GENERATOR_CPU" nice -n "$NICE" /usr/bin/time -f '%e %U %S' -o "$t" timeout -k 5 $((DURATION + 60)) \
                    "$JAVA" -cp "$JAR:$WORK/bare" GrpcBareLoop "$TARGET" "$VUS" "$DURATION" >"$out" 2>&1 || log "bare exited $?"
                calls="$(sed -n 's/^RESULT calls=\([0-9]*\) errors=\([0-9]*\).*/\1/p' "$out")"
                errors="$(sed -n 's/^RESULT calls=\([0-9]*\) errors=\([0-9]*\).*/\2/p' "$out")" ;;
        esac
        read -r elapsed user sys <"$t"
        awk -v tool="$tool" -v r="$round" -v n="${calls:-0}" -v er="${errors:-0}" -v e="$elapsed" -v u="$user" -v s="$sys" \
            'BEGIN { c = u + s; printf "%s %d %d %d %.1f %.2f %.0f\n", tool, r, n, er, e, c, (c > 0 ? n / c : 0) }'
    done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
