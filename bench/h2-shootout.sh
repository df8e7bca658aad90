#!/usr/bin/env bash
# HTTP/2 shoot-out (docs/transport-choice.md, "HTTP/2"): Headroom's transport (Netty's codec driven on the VU's thread),
# Netty's codec on its own event loop, and Jetty's HTTP/2 client; one VU per connection sending batches of STREAMS
# concurrent GETs (k6's http.batch), h2c with prior knowledge, CONNECTIONS × STREAMS, against nghttpd (Debian nghttp2-server) on TARGET_CPU, with h2load (-c -m) as the peer in
# the same run. Every generator on GENERATOR_CPU, measured by /usr/bin/time (user+sys, start-up included).
# All at nice 19 (NICE) so that a benchmark running beside keeps its CPU. Environment: ROUNDS (2), DURATION (10 s), CONNECTIONS (10), STREAMS (10), CLIENTS ("h2load headroom netty jetty").
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
LOG_PREFIX=h2-shootout
source "$HERE/lib.sh"
ROUNDS="${ROUNDS:-2}"; DURATION="${DURATION:-10}"; CONNECTIONS="${CONNECTIONS:-10}"; STREAMS="${STREAMS:-10}"
CLIENTS="${CLIENTS:-h2load headroom netty jetty}"
need_package nghttpd nghttp2-server
need_package h2load nghttp2-client
JDK="$(find_jdk || true)"; [[ -n "$JDK" ]] || { log "no JDK 21+"; exit 2; }
WORK="$(mktemp -d)"
BENCH_JAR="$REPO/headroom-bench/target/headroom-bench.jar"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$REPO" && JAVA_HOME="$JDK" mvn -q -B -DskipTests -pl headroom-bench -am package >&2)
fi
mkdir -p "$WORK/www"; printf 'Hello, World!' > "$WORK/www/index.html"
PORT="$(free_port)"
taskset -c "$TARGET_CPU" nice -n "${NICE:-19}" nghttpd --no-tls -d "$WORK/www" "$PORT" >"$WORK/nghttpd.log" 2>&1 &
SERVER=$!
trap 'stop_pid "$SERVER"; rm -rf "$WORK"' EXIT
wait_port "$PORT" || { log "nghttpd did not start"; exit 1; }
URL="http://127.0.0.1:$PORT/index.html"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tool round requests seconds cpu_s req_per_cpu_s steady_req_per_jvm_cpu_s"
for round in $(seq 1 "$ROUNDS"); do
    for tool in $CLIENTS; do
        out="$WORK/$tool.out"; t="$WORK/time"
        case "$tool" in
            h2load) steady="-"
                    taskset -c "$GENERATOR_CPU" nice -n "${NICE:-19}" /usr/bin/time -f '%e %U %S' -o "$t" \
                        timeout $((DURATION + 30)) h2load -c "$CONNECTIONS" -m "$STREAMS" -D "$DURATION" "$URL" >"$out" 2>&1
                    requests="$(awk '/^requests:/ {print $8}' "$out")" ;;
            *) taskset -c "$GENERATOR_CPU" nice -n "${NICE:-19}" /usr/bin/time -f '%e %U %S' -o "$t" \
                        timeout $((DURATION + 60)) "$JDK/bin/java" -cp "$BENCH_JAR" io.headroom.bench.h2.H2Shootout \
                        --client "$tool" --url "$URL" --connections "$CONNECTIONS" --streams "$STREAMS" \
                        --duration-seconds "$DURATION" >"$out" 2>&1
               requests="$(sed -n 's/.*RESULT.* requests=\([0-9]*\) errors=\([0-9]*\).*/\1/p' "$out")"
               errors="$(sed -n 's/.*RESULT.* errors=\([0-9]*\).*/\1/p' "$out")"
               steady="$(sed -n 's/.*RESULT.* steady_req_per_jvm_cpu_s=\([0-9]*\).*/\1/p' "$out")"
               [[ "${errors:-0}" == 0 ]] || log "$tool: $errors errors" ;;
        esac
        read -r elapsed user sys < <(tail -1 "$t")
        awk -v tool="$tool" -v r="$round" -v n="${requests:-0}" -v e="$elapsed" -v u="$user" -v s="$sys" -v st="${steady:--}" \
            'BEGIN { c = u + s; printf "%s %d %d %.1f %.2f %.0f %s\n", tool, r, n, e, c, (c > 0 ? n / c : 0), st }'
    done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
