#!/usr/bin/env bash
# Soak benchmark (issue 12): is the generator's footprint flat over a long run, and are its counts exact?
#
# One constant-arrival-rate run of SOAK_RATE req/s (2000) for SOAK_SECONDS (3600) against `headroom serve-demo`
# (GET /health), the generator started through ./headroom so the launcher's default heap applies, exactly as a
# user gets it. Every SAMPLE_SECONDS (10) the generator's resident size (VmRSS from /proc/PID/status) is sampled;
# the heap after each collection comes from the JVM's own log (-Xlog:gc, "Pause Young ... 40M->6M(1024M)").
# The report: per-minute RSS and heap after GC, the first and the last ten minutes after warm-up side by side
# (flat means the last ten minutes are within SOAK_FLAT_PERCENT of the first), and the counts: iterations plus
# dropped_iterations must equal rate x duration exactly.
# Not part of `mvn verify` (an hour is a benchmark, not a test). Method as in shared/PEER-BASELINE.md: loopback
# only, generator pinned to GENERATOR_CPU, target to TARGET_CPU; stops only the processes it started, by PID.
# Young collections leave old-generation garbage in place until the old generation fills, so "heap after GC" of a
# young collection can climb for a long time with no leak; every LIVE_SECONDS (600) the script asks for one full
# collection (jcmd GC.run), whose result is the live set, the number a leak shows in.
# The verdict on the heap is the live set's trend (least-squares slope over the full collections after warm-up,
# as growth over the run in % of its mean), because a young collection's "heap after GC" includes old garbage.
# REPORT_FROM=DIR re-reads a kept work directory (KEEP=1) and prints its report without running anything.
# Environment: SOAK_SECONDS, SOAK_RATE, SAMPLE_SECONDS, LIVE_SECONDS, WARMUP_SECONDS (300), SOAK_FLAT_PERCENT (10), OUT (also
# write the markdown report to this file), KEEP (keep the work directory: gc log, samples, summary).
set -euo pipefail

SOAK_SECONDS="${SOAK_SECONDS:-3600}"
SOAK_RATE="${SOAK_RATE:-2000}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-10}"
LIVE_SECONDS="${LIVE_SECONDS:-600}"
WARMUP_SECONDS="${WARMUP_SECONDS:-300}"
SOAK_FLAT_PERCENT="${SOAK_FLAT_PERCENT:-10}"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG_PREFIX=soak
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

if [[ -n "${REPORT_FROM:-}" ]]; then # the report of a kept work directory, nothing run
    need_package jq jq
    WORK="$REPORT_FROM"
    GEN_EXIT="$(cat "$WORK/exit" 2>/dev/null || echo "not recorded")"
else
need_package taskset util-linux
need_package jq jq
require_jdk_and_cli "$REPO"

WORK="$(mktemp -d /tmp/headroom-soak.XXXXXX)"
DEMO_PID=""
GEN_PID=""
cleanup() {
    stop_pid "$GEN_PID"
    stop_pid "$DEMO_PID"
    if [[ -n "${KEEP:-}" ]]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

DEMO_PORT="$(free_port)"
taskset -c "$TARGET_CPU" "$JAVA" -jar "$JAR" serve-demo --port "$DEMO_PORT" >"$WORK/demo.out" 2>&1 &
DEMO_PID=$!
wait_port "$DEMO_PORT" 200 || { log "demo did not start:"; cat "$WORK/demo.out" >&2; exit 1; }
log "demo pid $DEMO_PID on CPU $TARGET_CPU at port $DEMO_PORT"

cat >"$WORK/soak.yaml" <<EOF
name: soak
baseUrl: http://127.0.0.1:$DEMO_PORT
scenarios:
  soak:
    executor: constant-arrival-rate
    rate: $SOAK_RATE
    timeUnit: 1s
    duration: ${SOAK_SECONDS}s
    preAllocatedVUs: 50
    maxVUs: 2000
    flow:
      - get: /health
EOF

log "soak: $SOAK_RATE req/s for ${SOAK_SECONDS}s, generator on CPU $GENERATOR_CPU (sampling RSS every ${SAMPLE_SECONDS}s)"
# The launcher execs java, so the PID taskset starts is the generator JVM itself.
HEADROOM_JAVA_OPTS="-Xlog:gc:file=$WORK/gc.log:uptime" JAVA_HOME="$JDK" \
    taskset -c "$GENERATOR_CPU" timeout -k 10 $(( SOAK_SECONDS + 300 )) \
    "$REPO/headroom" run "$WORK/soak.yaml" --quiet --json "$WORK/summary.json" >"$WORK/run.out" 2>&1 &
GEN_PID=$!
START="$(date +%s)"
: >"$WORK/rss.tsv" # seconds-since-start  rss-kib
NEXT_LIVE=$LIVE_SECONDS
while kill -0 "$GEN_PID" 2>/dev/null; do
    # The JVM is the process itself, or (if the launcher ever stops exec-ing) its only java child.
    jvm="$GEN_PID"
    child="$(pgrep -P "$GEN_PID" java 2>/dev/null | head -1 || true)"
    [[ -n "$child" ]] && jvm="$child"
    rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$jvm/status" 2>/dev/null || true)"
    now=$(( $(date +%s) - START ))
    [[ -n "$rss" ]] && printf '%s\t%s\n' "$now" "$rss" >>"$WORK/rss.tsv"
    if (( now >= NEXT_LIVE && now < SOAK_SECONDS - 30 )); then
        "$JCMD" "$jvm" GC.run >/dev/null 2>&1 || log "jcmd GC.run failed at ${now}s"
        NEXT_LIVE=$(( NEXT_LIVE + LIVE_SECONDS ))
    fi
    sleep "$SAMPLE_SECONDS"
done
set +e
wait "$GEN_PID"
GEN_EXIT=$?
set -e
GEN_PID=""
log "generator exited $GEN_EXIT"
echo "$GEN_EXIT" >"$WORK/exit"
fi
[[ -f "$WORK/summary.json" ]] || { log "no summary written:"; tail -20 "$WORK/run.out" >&2; exit 1; }

# Heap after each collection: "[12.345s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 40M->6M(1024M) 3.2ms"
# (Serial on one CPU: "Pause Young (Allocation Failure) 102M->15M(365M)").
awk '/Pause/ && /->/ {
        t = $1; gsub(/[\[\]s]/, "", t)
        for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, a, /->|\(/); v = a[2]; break }
        unit = substr(v, length(v)); n = v + 0
        if (unit == "K") n /= 1024; else if (unit == "G") n *= 1024
        printf "%.0f\t%.1f\n", t, n
    }' "$WORK/gc.log" >"$WORK/heap.tsv"
# The live set: what the full collections (jcmd GC.run asks for one every LIVE_SECONDS) left.
grep 'Pause Full' "$WORK/gc.log" | awk '{
        t = $1; gsub(/[\[\]s]/, "", t)
        for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, a, /->|\(/); v = a[2]; break }
        unit = substr(v, length(v)); n = v + 0
        if (unit == "K") n /= 1024; else if (unit == "G") n *= 1024
        printf "%.0f\t%.1f\n", t, n
    }' >"$WORK/live.tsv" || true

count() { jq -r --arg m "$1" '[.series[] | select(.metric == $m and (.tags | length) == 0) | .stats.count] | add // 0' "$WORK/summary.json" 2>/dev/null || echo "?"; }
ITERATIONS="$(count iterations)"
DROPPED="$(count dropped_iterations)"
EXPECTED=$(( SOAK_RATE * SOAK_SECONDS ))

minute_table() { # per-minute mean of column 2 of a "seconds value" file
    awk '{ m = int($1 / 60); s[m] += $2; n[m]++; if (m > last) last = m }
         END { for (m = 0; m <= last; m++) if (n[m]) printf "%d\t%.1f\n", m, s[m] / n[m] }' "$1"
}
window_mean() { # window_mean FILE FROM_S TO_S: mean of column 2 between two times
    awk -v a="$2" -v b="$3" '$1 >= a && $1 < b { s += $2; n++ } END { if (n) printf "%.1f", s / n; else print "n/a" }' "$1"
}
minute_table "$WORK/rss.tsv" | awk '{ printf "%s\t%.1f\n", $1, $2 / 1024 }' >"$WORK/rss-minutes.tsv"
minute_table "$WORK/heap.tsv" >"$WORK/heap-minutes.tsv"
RSS_MB="$WORK/rss-mb.tsv"
awk '{ printf "%s\t%.1f\n", $1, $2 / 1024 }' "$WORK/rss.tsv" >"$RSS_MB"
FIRST_FROM=$WARMUP_SECONDS
FIRST_TO=$(( WARMUP_SECONDS + 600 ))
LAST_FROM=$(( SOAK_SECONDS - 600 ))
LAST_TO=$(( SOAK_SECONDS + 1 ))
RSS_FIRST="$(window_mean "$RSS_MB" "$FIRST_FROM" "$FIRST_TO")"
RSS_LAST="$(window_mean "$RSS_MB" "$LAST_FROM" "$LAST_TO")"
HEAP_FIRST="$(window_mean "$WORK/heap.tsv" "$FIRST_FROM" "$FIRST_TO")"
HEAP_LAST="$(window_mean "$WORK/heap.tsv" "$LAST_FROM" "$LAST_TO")"
verdict() { # verdict FIRST LAST: flat when LAST is within SOAK_FLAT_PERCENT of FIRST (or below it)
    awk -v a="$1" -v b="$2" -v p="$SOAK_FLAT_PERCENT" 'BEGIN {
        if (a == "n/a" || b == "n/a" || a == 0) { print "n/a"; exit }
        g = (b - a) / a * 100
        printf "%s (%+.1f %%)", (g <= p ? "flat" : "GROWING"), g }'
}
# live_trend FILE FROM_S TO_S: the least-squares slope of the live set after warm-up, as growth over FROM..TO in % of
# its mean; flat when within SOAK_FLAT_PERCENT. Fewer than three full collections: "n/a" (too few to judge).
live_trend() {
    awk -v a="$2" -v b="$3" -v p="$SOAK_FLAT_PERCENT" '$1 >= a { x[n + 0] = $1; y[n + 0] = $2; sx += $1; sy += $2; n++ }
        END {
            if (n < 3) { print "n/a (fewer than 3 full collections after warm-up)"; exit }
            mx = sx / n; my = sy / n
            for (i = 0; i < n; i++) { cxy += (x[i] - mx) * (y[i] - my); cxx += (x[i] - mx) ^ 2 }
            g = cxy / cxx * (b - a) / my * 100
            printf "%s (%+.1f %% over the run, %+.1f MB/hour)", ((g <= p) ? "flat" : "GROWING"), g, cxy / cxx * 3600 }' "$1"
}
LIVE_VERDICT="$(live_trend "$WORK/live.tsv" "$WARMUP_SECONDS" "$SOAK_SECONDS")"
COUNTS_OK="no"
[[ "$ITERATIONS" =~ ^[0-9]+$ && "$DROPPED" =~ ^[0-9]+$ ]] && (( ITERATIONS + DROPPED == EXPECTED )) && COUNTS_OK="yes"

report() {
    echo "# Soak: ${SOAK_RATE} req/s for ${SOAK_SECONDS} s against the demo"
    echo
    echo "Machine: $(machine_facts). Generator heap: the launcher's default. Exit code $GEN_EXIT."
    echo
    echo "| Window | RSS (MB) | Heap after young GC (MB, old garbage included) |"
    echo "| --- | --- | --- |"
    echo "| ${FIRST_FROM}-${FIRST_TO} s | $RSS_FIRST | $HEAP_FIRST |"
    echo "| ${LAST_FROM}-${SOAK_SECONDS} s | $RSS_LAST | $HEAP_LAST |"
    echo "| verdict | $(verdict "$RSS_FIRST" "$RSS_LAST") | $(verdict "$HEAP_FIRST" "$HEAP_LAST") |"
    echo
    echo "Counts: iterations $ITERATIONS + dropped_iterations $DROPPED = $(( ${ITERATIONS//[^0-9]/0} + ${DROPPED//[^0-9]/0} )) (expected $EXPECTED): exact = $COUNTS_OK."
    echo "Collections logged: $(wc -l <"$WORK/heap.tsv")."
    echo
    echo "Live set (heap after the full collections requested every ${LIVE_SECONDS} s):"
    echo
    echo "| Time (s) | Live heap (MB) |"
    echo "| --- | --- |"
    awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$WORK/live.tsv"
    echo
    echo "Live set after warm-up: $LIVE_VERDICT."
    echo
    echo "Per minute (mean of the samples in each minute):"
    echo
    echo "| Minute | RSS (MB) | Heap after GC (MB) |"
    echo "| --- | --- | --- |"
    awk -F'\t' 'NR == FNR { heap[$1] = $2; next }
                 { printf "| %s | %s | %s |\n", $1, $2, ($1 in heap ? heap[$1] : "-") }' \
        "$WORK/heap-minutes.tsv" "$WORK/rss-minutes.tsv"
}
report | tee "${OUT:-/dev/null}"
[[ "$COUNTS_OK" == yes ]] || exit 1
