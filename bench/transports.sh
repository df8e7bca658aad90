#!/usr/bin/env bash
# Transport shoot-out: Headroom's HTTP transports (socket, netty, jdk) against wrk, on loopback nginx.
#
# Method as in shared/PEER-BASELINE.md: nginx (1 worker, access log off, return 200 "Hello, World!") pinned to
# CPU 1, every generator pinned to CPU 0, 50 keep-alive connections, DURATION seconds per run, ROUNDS rounds
# (tools interleaved within a round so that drifting noise hits all of them), median per column. Generator CPU is
# user+sys of the tool and its children from /usr/bin/time, JVM start-up included; the number that counts is
# requests per generator CPU-second, compared within this one run.
#
# Transports: socket (Headroom's), netty (the lean candidate in headroom-bench, Netty's defaults on this JDK),
# netty-unsafe (the same with sun.misc.Unsafe allowed, which Netty turns off by default on Java 25+), jdk
# (java.net.http.HttpClient), bare (raw blocking socket writes/reads: the floor of the blocking design).
# Environment: DURATION (12), ROUNDS (3), VUS (50), TRANSPORTS ("bare socket netty netty-unsafe jdk"), MAX_REQUESTS (5000000),
# NETTY_THREADS (1), BENCH_JAVA_OPTS (none), OUT (also write the markdown report to this file), PERF (1: count
# syscalls and context switches per request with `perf stat`, Debian linux-perf; adds a little overhead),
# THINK_MILLIS (0; > 0 pauses each VU after every request, for memory-per-VU runs such as VUS=9000
# THINK_MILLIS=1000; wrk, which cannot pause, is then left out).
# Sends traffic to 127.0.0.1 only; every run is bounded in time and count; stops only the nginx it started.
set -euo pipefail

DURATION="${DURATION:-12}"
ROUNDS="${ROUNDS:-3}"
VUS="${VUS:-50}"
TRANSPORTS="${TRANSPORTS:-bare socket netty netty-unsafe jdk}"
MAX_REQUESTS="${MAX_REQUESTS:-5000000}"
NETTY_THREADS="${NETTY_THREADS:-1}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
PERF="${PERF:-0}"
THINK_MILLIS="${THINK_MILLIS:-0}"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$REPO/headroom-bench/target/headroom-bench.jar"

LOG_PREFIX=transports
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

# --- tools -------------------------------------------------------------------------------------------------------
need_package nginx nginx
need_package wrk wrk
need_package taskset util-linux
need_package /usr/bin/time time
[[ "$PERF" == 1 ]] && need_package perf linux-perf

JDK="$(find_jdk || true)"
[[ -n "$JDK" ]] || { log "no JDK 21+ found (JAVA_HOME, /usr/lib/jvm/*)"; exit 2; }
JAVA="$JDK/bin/java"

# --- build ---------------------------------------------------------------------------------------------------------
log "building headroom-bench (tests skipped)"
(cd "$REPO" && mvn -q -B -DskipTests -pl headroom-bench -am package >&2)
[[ -f "$JAR" ]] || { log "build produced no $JAR"; exit 1; }

# --- nginx ---------------------------------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/headroom-transports.XXXXXX)"
NGINX_PID=""
cleanup() {
    stop_pid "$NGINX_PID"
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(free_port)"
start_nginx "$WORK" "$PORT" "$VUS"
URL="http://127.0.0.1:$PORT/"
log "nginx pid $NGINX_PID on CPU $TARGET_CPU at $URL"

# --- runs ----------------------------------------------------------------------------------------------------------
RUNS="$WORK/runs.tsv" # tool round rps p50_ms p99_ms cpu_s requests rss_mb errors steady syscalls/req cs/req
: >"$RUNS"
PERF_CMD=()
[[ "$PERF" == 1 ]] && PERF_CMD=(perf stat -x, -o "$WORK/perf.out" -e raw_syscalls:sys_enter,context-switches --)
perf_per_request() { # prints "syscalls/req<TAB>context switches/req" of the last run, or "-<TAB>-"
    if [[ "$PERF" != 1 || ! -s "$WORK/perf.out" || -z "$1" || "$1" == 0 ]]; then printf -- '-\t-'; return; fi
    awk -F, -v n="$1" '$3 ~ /raw_syscalls/ { s = $1 } $3 ~ /context-switches/ { c = $1 }
        END { printf "%.2f\t%.2f", s / n, c / n }' "$WORK/perf.out"
}
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

run_wrk() {
    local round=$1 out="$WORK/wrk.out" timing="$WORK/time.out"
    taskset -c "$GENERATOR_CPU" /usr/bin/time -f '%e %U %S %M' -o "$timing" "${PERF_CMD[@]}" \
        timeout -k 5 $(( DURATION + 30 )) wrk -t1 -c"$VUS" -d"${DURATION}s" --latency "$URL" >"$out" 2>&1
    local rps requests p50 p99 errors
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
    requests="$(awk '/requests in/ {print $1}' "$out")"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    errors="$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")"
    read -r _ user sys rss <"$timing"
    printf 'wrk\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t-\t%s\n' "$round" "$rps" "$p50" "$p99" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$requests" \
        "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" "$errors" "$(perf_per_request "$requests")" >>"$RUNS"
}

run_transport() {
    local transport=$1 round=$2 out="$WORK/$1.out" timing="$WORK/time.out" flags="$BENCH_JAVA_OPTS"
    if [[ "$transport" == netty-unsafe ]]; then
        transport=netty
        flags="$flags -Dio.netty.noUnsafe=false --sun-misc-unsafe-memory-access=allow"
    fi
    # shellcheck disable=SC2086 # flags is a list of JVM flags
    if ! taskset -c "$GENERATOR_CPU" /usr/bin/time -f '%e %U %S %M' -o "$timing" "${PERF_CMD[@]}" \
        timeout -k 5 $(( DURATION + 60 )) "$JAVA" $flags -jar "$JAR" --transport "$transport" --url "$URL" \
        --vus "$VUS" --duration-seconds "$DURATION" --max-requests "$MAX_REQUESTS" --netty-threads "$NETTY_THREADS" \
        --think-millis "$THINK_MILLIS" \
        >"$out" 2>&1; then
        log "$transport round $round failed:"; cat "$out" >&2
    fi
    grep '^shootout:' "$out" | sed 's/^/  /' >&2 || true
    local line
    line="$(grep '^RESULT ' "$out" || true)"
    [[ -n "$line" ]] || { log "$transport round $round printed no RESULT"; return; }
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
    read -r _ user sys rss <"$timing"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(field detail)" "$round" "$(field rps)" \
        "$(field p50_ms)" "$(field p99_ms)" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" \
        "$(field requests)" "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" \
        "$(( $(field errors) + $(field non2xx) ))" "$(field steady_req_per_cpu_s)" \
        "$(perf_per_request "$(field requests)")" >>"$RUNS"
}

for round in $(seq 1 "$ROUNDS"); do
    if (( THINK_MILLIS == 0 )); then
        log "round $round/$ROUNDS: wrk"
        run_wrk "$round"
    fi
    for t in $TRANSPORTS; do
        log "round $round/$ROUNDS: $t"
        run_transport "$t" "$round"
    done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report --------------------------------------------------------------------------------------------------------
col() { awk -F'\t' -v t="$1" -v c="$2" '$1 == t { print $c }' "$RUNS" | median; }
per_cpu() { awk -F'\t' -v t="$1" '$1 == t && $6 > 0 { printf "%.1f\n", $7 / $6 }' "$RUNS" | median; }

TOOLS="$(cut -f1 "$RUNS" | awk '!seen[$0]++')"
WRK_PER_CPU="$(per_cpu wrk)"
{
    echo "### Transport shoot-out, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$(machine_facts); " \
        "load average $LOAD_BEFORE before, $LOAD_AFTER after. $(nginx_version) " \
        "on CPU $TARGET_CPU, generators on CPU $GENERATOR_CPU; $VUS connections, ${DURATION} s, median of $ROUNDS; " \
        "$( (( THINK_MILLIS > 0 )) && echo "think time $THINK_MILLIS ms after each request; ")" \
        "$("$JAVA" -version 2>&1 | head -1)${BENCH_JAVA_OPTS:+, JVM flags: $BENCH_JAVA_OPTS}."
    echo
    if [[ "$PERF" == 1 ]]; then
        echo "| tool / transport | req/s | p50 / p99 ms | generator CPU-s | req per generator CPU-s | × wrk (req/CPU-s) | steady req per JVM CPU-s | peak RSS MB | errors | syscalls / context switches per req |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    else
        echo "| tool / transport | req/s | p50 / p99 ms | generator CPU-s | req per generator CPU-s | × wrk (req/CPU-s) | steady req per JVM CPU-s | peak RSS MB | errors |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    fi
    for tool in $TOOLS; do
        pc="$(per_cpu "$tool")"
        awk -v t="$tool" -v rps="$(col "$tool" 3)" -v p50="$(col "$tool" 4)" -v p99="$(col "$tool" 5)" \
            -v cpu="$(col "$tool" 6)" -v pc="$pc" -v w="$WRK_PER_CPU" -v rss="$(col "$tool" 8)" \
            -v steady="$(if [[ $tool == wrk ]]; then echo -; else col "$tool" 10; fi)" \
            -v perf="$PERF" -v sys="$(col "$tool" 11)" -v cs="$(col "$tool" 12)" \
            -v err="$(awk -F'\t' -v t="$tool" '$1 == t { n += $9 } END { print n + 0 }' "$RUNS")" \
            'function group(x,   s, r) { s = sprintf("%.0f", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }
             BEGIN { printf "| %s | %s | %.2f / %.2f | %.2f | %s | %s | %s | %.0f | %d |", t, group(rps), p50, p99, cpu, group(pc), (w > 0 ? sprintf("%.2f", pc / w) : "–"), (steady == "-" ? "–" : group(steady)), rss, err
                     if (perf == 1) printf " %.2f / %.2f |", sys, cs
                     printf "\n" }'
    done
    echo
    echo "Generator CPU-s and req per generator CPU-s: /usr/bin/time user+sys, start-up included (as in the peer" \
        "baseline). Steady req per JVM CPU-s: the JVM's own count after the first quarter of the run (start-up and" \
        "most JIT work over). × wrk: req per generator CPU-s over wrk's, same run. Medians per column."
    echo
    echo "Raw runs (tool, round, req/s, p50 ms, p99 ms, CPU-s, requests, RSS MB, errors, steady req per JVM CPU-s," \
        "syscalls per req, context switches per req):"
    echo
    echo '```'
    column -t -s $'\t' "$RUNS"
    echo '```'
} | tee ${OUT:+"$OUT"}
