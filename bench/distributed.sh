#!/usr/bin/env bash
# Distributed runs measured (issue 15, "Measured"): exactness, start skew, the coordinator's cost, a simulated fleet,
# and M1 on several local agents. Prints a markdown report (OUT=FILE writes it there too).
#
#   exact  the same constant-arrival-rate plan (DIST_RATE/s for DIST_SECONDS against nginx) as one process, with
#          `--agents 1` and with `--agents DIST_AGENTS`: total iterations (+ dropped) against rate × duration, ±0.5 %;
#          start skew from the summary's `agents[].startOffsetMillis` (how far from the barrier instant each agent's
#          run clock started, on the coordinator's clock: the first intended start of a constant-arrival-rate
#          scenario); the coordinator's own CPU (its /proc/PID/stat from the barrier to its exit, not its agents') and
#          the bytes it received (`headroom.controlBytesReceived`) per agent-second
#   sim    DIST_SIM_AGENTS ("100") simulated agents: one real agent's control-channel bodies are recorded by
#          SnapshotRecorder (headroom-bench) between `headroom agent` and `headroom run --agents 1 --listen`, then
#          replayed by CoordinatorScale's fake agents (their own JVM, one connection each, on TARGET_CPU) into one
#          real Coordinator (its own JVM on GENERATOR_CPU): merged iterations against N × recorded, the coordinator's
#          CPU per agent-second, its lag, the agents' snapshot POST latency; the ceiling is one core's worth
#   m1     M1 (50 VUs as fast as possible against nginx, DIST_M1_SECONDS) as one process and with `--agents 2`, the
#          generator pinned to GENERATOR_CPU (nginx on TARGET_CPU) and unpinned (both CPUs, shared with nginx):
#          requests/s and requests per generator CPU-s (/usr/bin/time of the coordinator and its agents)
# Environment: DIST_SECTIONS ("exact sim m1"), DIST_SECONDS (30), DIST_RATE (1000), DIST_AGENTS (4),
# DIST_SIM_AGENTS ("100"), DIST_SIM_SECONDS (30), DIST_M1_SECONDS (12), OUT, KEEP_WORK (1: keep the work directory with
# every process's output and the recorded bodies).
# Loopback only; every process is bounded by `timeout`; stops only the processes it started, by PID.
set -euo pipefail

DIST_SECTIONS="${DIST_SECTIONS:-exact sim m1}"
DIST_SECONDS="${DIST_SECONDS:-30}"
DIST_RATE="${DIST_RATE:-1000}"
DIST_AGENTS="${DIST_AGENTS:-4}"
DIST_SIM_AGENTS="${DIST_SIM_AGENTS:-100}"
DIST_SIM_SECONDS="${DIST_SIM_SECONDS:-30}"
DIST_M1_SECONDS="${DIST_M1_SECONDS:-12}"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG_PREFIX=distributed
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

need_package nginx nginx
need_package taskset util-linux
need_package /usr/bin/time time
need_package jq jq
require_jdk_and_cli "$REPO"
BENCH_JAR="$REPO/headroom-bench/target/headroom-bench.jar"
if [[ " $DIST_SECTIONS " == *" sim "* ]]; then
    log "building headroom-bench (tests skipped)"
    (cd "$REPO" && JAVA_HOME="$JDK" mvn -q -B -DskipTests -pl headroom-bench -am package >&2)
    [[ -f "$BENCH_JAR" ]] || { log "build produced no $BENCH_JAR"; exit 1; }
fi
CLK_TCK="$(getconf CLK_TCK)"

WORK="$(mktemp -d /tmp/headroom-distributed.XXXXXX)"
NGINX_PID=""
STARTED=() # every background process this script started, stopped by PID at exit
cleanup() {
    local p
    for p in "${STARTED[@]}"; do stop_pid "$p"; done
    stop_pid "$NGINX_PID"
    if [[ -n "${KEEP_WORK:-}" ]]; then log "kept $WORK (KEEP_WORK)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PORT="$(free_port)"
start_nginx "$WORK" "$PORT" 2000
BASE="http://127.0.0.1:$PORT"
log "nginx pid $NGINX_PID on CPU $TARGET_CPU at $BASE"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

arrival_plan() { # arrival_plan FILE SECONDS: DIST_RATE/s of two named GETs with a check
    cat >"$1" <<EOF
name: distributed
baseUrl: $BASE
scenarios:
  bench:
    executor: constant-arrival-rate
    rate: $DIST_RATE
    timeUnit: 1s
    duration: ${2}s
    preAllocatedVUs: 50
    maxVUs: 500
    flow:
      - get: /
        name: home
        checks: [{status: 200}]
EOF
}
counter() { # counter SUMMARY METRIC: the untagged series' count (0 when absent)
    jq -r --arg m "$2" '[.series[] | select(.metric == $m and (.tags | length) == 0) | .stats.count][0] // 0' "$1"
}
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || true; }

# run_coordinator NAME CPUS ARGS...: `java -jar headroom.jar run ARGS` on CPUS; its own CPU from /proc (sampled every
# 0.1 s: at the barrier's "the run starts now" and last before exit). Sets RUN_CPU_S (barrier to exit), TOTAL_CPU_S.
run_coordinator() {
    local name=$1 cpus=$2 pid start="" last=0 deadline=$(( SECONDS + DIST_SECONDS + 180 )); shift 2
    # no `timeout` in between: $! must be the JVM itself, whose /proc/PID/stat is read; bounded by the loop instead
    taskset -c "$cpus" "$JAVA" -jar "$JAR" run "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        local t; t="$(ticks_of "$pid")"
        [[ -n "$t" ]] && last=$t
        if [[ -z "$start" ]] && grep -q "the run starts now" "$WORK/$name.err" 2>/dev/null; then start=$last; fi
        if (( SECONDS > deadline )); then log "$name: past its time, stopped"; kill -TERM "$pid" 2>/dev/null || true; fi
        if (( SECONDS > deadline + 15 )); then kill -KILL "$pid" 2>/dev/null || true; fi
        sleep 0.1
    done
    wait "$pid" || log "$name exited $? ($WORK/$name.err)"
    RUN_CPU_S="$(awk -v a="${start:-0}" -v b="$last" -v h="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / h }')"
    TOTAL_CPU_S="$(awk -v b="$last" -v h="$CLK_TCK" 'BEGIN { printf "%.2f", b / h }')"
}

EXACT="$WORK/exact.tsv" # how agents iterations dropped planned skew_min skew_max run_cpu_s total_cpu_s bytes seconds
: >"$EXACT"
if [[ " $DIST_SECTIONS " == *" exact "* ]]; then
    arrival_plan "$WORK/exact.yaml" "$DIST_SECONDS"
    for how in single 1 "$DIST_AGENTS"; do
        log "exact: $DIST_RATE/s for $DIST_SECONDS s, $( [[ $how == single ]] && echo "one process" || echo "--agents $how")"
        rm -f "$WORK/exact.json"
        args=("$WORK/exact.yaml" --json "$WORK/exact.json" --quiet --accept-invalid-run)
        [[ "$how" == single ]] || args+=(--agents "$how")
        run_coordinator "exact-$how" "$GENERATOR_CPU" "${args[@]}"
        [[ -s "$WORK/exact.json" ]] || { log "no summary from exact-$how:"; tail -20 "$WORK/exact-$how.err" >&2; continue; }
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$how" \
            "$(jq -r '(.agents // []) | length' "$WORK/exact.json")" \
            "$(counter "$WORK/exact.json" iterations)" "$(counter "$WORK/exact.json" dropped_iterations)" \
            "$(( DIST_RATE * DIST_SECONDS ))" \
            "$(jq -r '[(.agents // [])[] | .startOffsetMillis | numbers] | if length > 0 then min else "-" end' "$WORK/exact.json")" \
            "$(jq -r '[(.agents // [])[] | .startOffsetMillis | numbers] | if length > 0 then max else "-" end' "$WORK/exact.json")" \
            "$RUN_CPU_S" "$TOTAL_CPU_S" \
            "$(jq -r '.run.metadata["headroom.controlBytesReceived"] // "-"' "$WORK/exact.json")" \
            "$(jq -r '.run.durationNanos / 1e9' "$WORK/exact.json")" >>"$EXACT"
        log "exact $how: $(tail -1 "$EXACT")"
    done
fi

SIM="$WORK/sim.tsv" # agents expected iterations intervals outcome run_cpu_s bytes overrun_ms p50 p99 max failures total_cpu_s
: >"$SIM"
SIM_NOTE=""
if [[ " $DIST_SECTIONS " == *" sim "* ]]; then
    arrival_plan "$WORK/sim.yaml" "$DIST_SIM_SECONDS"
    coord_port="$(free_port)"; rec_port="$(free_port)"
    log "sim: recording one agent's control channel ($DIST_SIM_SECONDS s, $DIST_RATE/s)"
    taskset -c "$GENERATOR_CPU" timeout -k 5 $(( DIST_SIM_SECONDS + 180 )) "$JAVA" -cp "$BENCH_JAR" \
        io.headroom.bench.distributed.SnapshotRecorder "$rec_port" "127.0.0.1:$coord_port" "$WORK/recorded" \
        >"$WORK/recorder.out" 2>&1 &
    RECORDER_PID=$!; STARTED+=("$RECORDER_PID")
    taskset -c "$GENERATOR_CPU" timeout -k 5 $(( DIST_SIM_SECONDS + 180 )) "$JAVA" -jar "$JAR" run "$WORK/sim.yaml" \
        --agents 1 --listen "127.0.0.1:$coord_port" --json "$WORK/recording.json" --quiet --accept-invalid-run \
        >"$WORK/recording.out" 2>&1 &
    REC_COORD_PID=$!; STARTED+=("$REC_COORD_PID")
    wait_port "$rec_port" 200 && wait_port "$coord_port" 200 || log "sim: the recorder or the coordinator did not start"
    taskset -c "$GENERATOR_CPU" timeout -k 5 $(( DIST_SIM_SECONDS + 180 )) "$JAVA" -jar "$JAR" agent \
        --coordinator "127.0.0.1:$rec_port" "$WORK/sim.yaml" >"$WORK/recorded-agent.out" 2>&1 || log "sim: the recorded agent exited $?"
    wait "$REC_COORD_PID" || log "sim: the recording coordinator exited $? ($WORK/recording.out)"
    stop_pid "$RECORDER_PID"
    snapshots="$(ls "$WORK/recorded"/snapshot-*.bin 2>/dev/null | wc -l)"
    SIM_NOTE="recorded: $snapshots snapshots ($(cat "$WORK/recorded"/snapshot-*.bin 2>/dev/null | wc -c) bytes) and $(ls "$WORK/recorded"/heartbeat-*.json 2>/dev/null | wc -l) heartbeat bodies of one agent, $(counter "$WORK/recording.json" iterations) iterations"
    log "sim: $SIM_NOTE"
    for n in $DIST_SIM_AGENTS; do
        (( snapshots > 0 )) || break
        port="$(free_port)"
        log "sim: $n simulated agents into one coordinator"
        taskset -c "$GENERATOR_CPU" /usr/bin/time -f '%U %S' -o "$WORK/sim-time.out" timeout -k 5 $(( DIST_SIM_SECONDS + 300 )) \
            "$JAVA" -cp "$BENCH_JAR" io.headroom.bench.distributed.CoordinatorScale coordinator "$n" "$port" bench "$DIST_SIM_SECONDS" \
            >"$WORK/sim-coord.out" 2>"$WORK/sim-coord.err" &
        coord=$!; STARTED+=("$coord")
        wait_port "$port" 300 || log "sim: coordinator did not open $port"
        taskset -c "$TARGET_CPU" timeout -k 5 $(( DIST_SIM_SECONDS + 300 )) "$JAVA" -cp "$BENCH_JAR" \
            io.headroom.bench.distributed.CoordinatorScale agents "$n" "127.0.0.1:$port" "$WORK/recorded" \
            >"$WORK/sim-agents.out" 2>"$WORK/sim-agents.err" || log "sim: fake agents exited $? ($WORK/sim-agents.err)"
        wait "$coord" || log "sim: coordinator exited $? ($WORK/sim-coord.err)"
        kv() { awk -F= -v k="$2" '$1 == k { print $2 }' "$1"; }
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" \
            "$(kv "$WORK/sim-agents.out" expected_iterations)" "$(kv "$WORK/sim-coord.out" iterations)" \
            "$(kv "$WORK/sim-coord.out" intervals)" "$(kv "$WORK/sim-coord.out" outcome)" "$(kv "$WORK/sim-coord.out" run_cpu_s)" \
            "$(kv "$WORK/sim-coord.out" bytes)" "$(kv "$WORK/sim-coord.out" overrun_ms)" \
            "$(kv "$WORK/sim-agents.out" snapshot_post_p50_ms)" "$(kv "$WORK/sim-agents.out" snapshot_post_p99_ms)" \
            "$(kv "$WORK/sim-agents.out" snapshot_post_max_ms)" "$(kv "$WORK/sim-agents.out" failures)" \
            "$(awk '{ printf "%.2f", $1 + $2 }' "$WORK/sim-time.out")" >>"$SIM"
        log "sim $n: $(tail -1 "$SIM")"
    done
fi

M1="$WORK/m1.tsv" # how pinning requests rps cpu_s
: >"$M1"
if [[ " $DIST_SECTIONS " == *" m1 "* ]]; then
    cat >"$WORK/m1.yaml" <<EOF
name: distributed-m1
baseUrl: $BASE
scenarios:
  bench:
    executor: constant-vus
    vus: 50
    duration: ${DIST_M1_SECONDS}s
    flow:
      - get: /
EOF
    for cpus in "$GENERATOR_CPU" "0-$(( $(nproc) - 1 ))"; do
        for how in single 2; do
            rm -f "$WORK/m1.json"
            args=("$WORK/m1.yaml" --json "$WORK/m1.json" --quiet --accept-invalid-run)
            [[ "$how" == single ]] || args+=(--agents "$how")
            log "m1: $how on CPUs $cpus"
            taskset -c "$cpus" /usr/bin/time -f '%U %S' -o "$WORK/m1-time.out" timeout -k 5 $(( DIST_M1_SECONDS + 120 )) \
                "$JAVA" -jar "$JAR" run "${args[@]}" >"$WORK/m1.out" 2>&1 || log "m1 $how exited $?"
            [[ -s "$WORK/m1.json" ]] || { log "m1 $how: no summary"; tail -20 "$WORK/m1.out" >&2; continue; }
            read -r req rps _ < <(python3 "$REPO/bench/parse.py" headroom "$WORK/m1.json")
            printf '%s\t%s\t%s\t%s\t%s\n' "$how" "$cpus" "$req" "$rps" "$(awk '{ printf "%.2f", $1 + $2 }' "$WORK/m1-time.out")" >>"$M1"
            log "m1: $(tail -1 "$M1")"
        done
    done
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

report() {
    echo "## Distributed runs (issue 15), $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$(machine_facts); load average $LOAD_BEFORE before, $LOAD_AFTER after. \`bench/distributed.sh\`; nginx on CPU" \
        "$TARGET_CPU; Headroom on $("$JAVA" -version 2>&1 | head -1)."
    echo
    if [[ -s "$EXACT" ]]; then
        echo "### Exactness, start skew and the coordinator's cost: $DIST_RATE/s for $DIST_SECONDS s"
        echo
        echo "| run | agents | iterations | dropped | iterations + dropped / planned | start skew ms (min … max) | coordinator CPU-s (barrier to exit) | per agent-second | bytes received | per agent-second |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        awk -F'\t' '{
            how = ($1 == "single" ? "one process" : "--agents " $1)
            n = $2 > 0 ? $2 : 1; as = n * $11
            skew = ($6 == "-" ? "–" : sprintf("%.3f … %.3f", $6, $7))
            cpu = ($1 == "single" ? "–" : sprintf("%.2f", $8)); cpa = ($1 == "single" ? "–" : sprintf("%.4f", $8 / as))
            bytes = ($10 == "-" ? "–" : $10); bpa = ($10 == "-" ? "–" : sprintf("%.0f", $10 / as))
            printf "| %s | %s | %d | %d | %.4f | %s | %s | %s | %s | %s |\n", how, $2, $3, $4, ($3 + $4) / $5, skew, cpu, cpa, bytes, bpa }' "$EXACT"
        echo
        local one many
        one="$(awk -F'\t' '$1 == "1" { print $3 + $4 }' "$EXACT")"; many="$(awk -F'\t' -v n="$DIST_AGENTS" '$1 == n { print $3 + $4 }' "$EXACT")"
        if [[ -n "$one" && -n "$many" ]]; then
            local done1 donen
            done1="$(awk -F'\t' '$1 == "1" { print $3 }' "$EXACT")"; donen="$(awk -F'\t' -v n="$DIST_AGENTS" '$1 == n { print $3 }' "$EXACT")"
            echo "--agents $DIST_AGENTS against --agents 1: $(awk -v a="$many" -v b="$one" 'BEGIN { d = (a / b - 1) * 100; printf "%+.3f %% iterations issued (started + dropped; goal ±0.5 %%): %s", d, (d <= 0.5 && d >= -0.5 ? "pass" : "miss") }');" \
                "$(awk -v a="$donen" -v b="$done1" 'BEGIN { d = (a / b - 1) * 100; printf "%+.3f %% iterations run: %s", d, (d <= 0.5 && d >= -0.5 ? "pass" : "miss (VUs short: see dropped)") }')."
        fi
        local spread; spread="$(awk -F'\t' -v n="$DIST_AGENTS" '$1 == n && $6 != "-" { printf "%.3f", $7 - $6 }' "$EXACT")"
        [[ -n "$spread" ]] && echo "Start skew of the $DIST_AGENTS agents: spread $spread ms (goal under 10 ms: $(awk -v s="$spread" 'BEGIN { print (s < 10 ? "pass" : "miss") }'))."
        echo "Coordinator CPU: its own process (/proc/PID/stat), from the barrier to its exit, its local agents not counted;" \
            "bytes: the request bodies it received (\`headroom.controlBytesReceived\`), per agent and second of the run."
        echo
    fi
    if [[ -s "$SIM" ]]; then
        echo "### Simulated agents into one coordinator ($DIST_SIM_SECONDS s)"
        echo
        echo "$SIM_NOTE; replayed by every simulated agent over its own loopback connection, all on the same second."
        echo
        echo "| agents | merged iterations / expected | intervals | outcome | coordinator CPU-s (run) | per agent-second | bytes per agent-second | result lag ms | snapshot POST p50 / p99 / max ms | failed agents | one core's worth of agents |"
        echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
        awk -F'\t' -v s="$DIST_SIM_SECONDS" '{
            cpa = $6 / ($1 * s)
            printf "| %d | %s / %s | %s | %s | %.2f | %.5f | %.0f | %s | %.1f / %.1f / %.1f | %s | %s |\n", $1, $3, $2, $4, $5, $6, cpa,
                $7 / ($1 * s), $8, $9, $10, $11, $12, (cpa > 0 ? sprintf("%.0f", 1 / cpa) : "–") }' "$SIM"
        echo
        local best; best="$(awk -F'\t' '$2 == $3 && $5 == "completed" && $12 == 0 && $10 < 1000 { if ($1 > b) b = $1 } END { print b + 0 }' "$SIM")"
        echo "Measured ceiling: $best simulated agents merged exactly (iterations = agents × recorded, no failure," \
            "snapshot POST p99 under 1 s) by one coordinator; by its CPU per agent-second one core would carry the number" \
            "in the last column. The simulated agents ran on the other CPU in one JVM.$(awk -F'\t' -v s="$DIST_SIM_SECONDS" '
                $2 != $3 || $5 != "completed" || $12 != 0 { next }
                n1 == "" { n1 = $1; c1 = $6 } { n2 = $1; c2 = $6 }
                END { if (n2 > n1 && c2 > c1) printf " Marginal cost between %d and %d agents: %.5f CPU-s per agent-second, one core for %.0f agents.", n1, n2, (c2 - c1) / ((n2 - n1) * s), (n2 - n1) * s / (c2 - c1) }' "$SIM")"
        [[ -n "${HEADROOM_LOST_AFTER_MS:-}" ]] && echo "HEADROOM_LOST_AFTER_MS=$HEADROOM_LOST_AFTER_MS (an agent is lost after that much silence instead of 5 s: docs/distributed.md, for a busy machine)."
        echo
    fi
    if [[ -s "$M1" ]]; then
        echo "### M1 on local agents: 50 VUs as fast as possible, $DIST_M1_SECONDS s, nginx on CPU $TARGET_CPU"
        echo
        echo "| run | generator CPUs | requests | req/s | generator CPU-s (coordinator + agents) | req per CPU-s | req/s × one process |"
        echo "|---|---|---:|---:|---:|---:|---:|"
        awk -F'\t' '{ key = $2; if ($1 == "single") base[key] = $4
            how = ($1 == "single" ? "one process" : "--agents " $1)
            printf "| %s | %s | %d | %.0f | %.2f | %.0f | %s |\n", how, $2, $3, $4, $5, ($5 > 0 ? $3 / $5 : 0),
                (base[key] > 0 ? sprintf("%.2f", $4 / base[key]) : "–") }' "$M1"
        echo
        echo "On this 2-core machine the target shares the box: pinned, the agents share one CPU; unpinned, they also" \
            "take CPU from nginx. Issue 15 asks for the target elsewhere, which this machine cannot give."
        echo
    fi
}

if [[ -n "${OUT:-}" ]]; then report | tee "$OUT"; else report; fi
