#!/usr/bin/env bash
# WebSocket benchmark (issue 17; docs/transport-choice.md, "WebSocket"). Not a test: numbers, not verdicts.
#   W1  echo round trips per generator CPU-second: VUS VUs, each in a session sending a message and waiting for its
#       echo, for DURATION seconds, against (a) the demo's /ws/echo (serve-demo --ws-port) and (b) a Node `ws` echo server
#       (npm package `ws`, installed by this script into bench/.work/npm), the server no one here wrote.
#       CPU = user+sys of the whole generator process (start-up included) by /usr/bin/time.
#   W2  memory per open session: SESSIONS VUs each holding one session open to the Node server for MEM_SECONDS
#       (same method as M4 in bench/peers.sh): peak RSS / sessions, and heap after a full GC (jcmd GC.run near the
#       end, all sessions open) / sessions.
# Every process at nice NICE (19) and bounded by timeout; only loopback; only processes it started are stopped.
# Environment: VUS (20), DURATION (10 s), SESSIONS (10000), MEM_SECONDS (20), SECTIONS ("w1 w2"), SKIP_BUILD (0).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
LOG_PREFIX=ws
source "$HERE/lib.sh"
VUS="${VUS:-20}"; SECONDS_RUN="${DURATION:-10}"; SESSIONS="${SESSIONS:-10000}"; MEM_SECONDS="${MEM_SECONDS:-20}"
SECTIONS="${SECTIONS:-w1 w2}"; NICE="${NICE:-19}"
command -v node >/dev/null && command -v npm >/dev/null || { log "node and npm are needed for the Node ws server"; exit 2; }
JDK="$(find_jdk || true)"; [[ -n "$JDK" ]] || { log "no JDK 21+"; exit 2; }
JAVA="$JDK/bin/java"; JCMD="$JDK/bin/jcmd"; JAR="$REPO/headroom-cli/target/headroom.jar"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "building headroom-cli (tests skipped)"
    (cd "$REPO" && JAVA_HOME="$JDK" nice -n "$NICE" mvn -q -B -DskipTests -pl headroom-cli -am package >&2)
fi
[[ -f "$JAR" ]] || { log "no $JAR"; exit 1; }
NPM_DIR="$HERE/.work/npm"
if [[ ! -d "$NPM_DIR/node_modules/ws" ]]; then
    log "installing the npm package ws into $NPM_DIR"
    mkdir -p "$NPM_DIR"
    (cd "$NPM_DIR" && nice -n "$NICE" npm install --silent --no-audit --no-fund --prefix "$NPM_DIR" ws@8 >&2)
fi
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do stop_pid "$p"; done; rm -rf "$WORK"; }
trap cleanup EXIT
(( $(ulimit -n) >= SESSIONS + 1000 )) || log "ulimit -n is $(ulimit -n): W2 with $SESSIONS sessions may run out of sockets"

# --- the two servers, on TARGET_CPU ----------------------------------------------------------------------------------
DEMO_WS_PORT="$(free_port)"
taskset -c "$TARGET_CPU" nice -n "$NICE" "$JAVA" -jar "$JAR" serve-demo --port 0 --ws-port "$DEMO_WS_PORT" >"$WORK/demo.log" 2>&1 &
PIDS+=($!)
NODE_PORT="$(free_port)"
cat >"$WORK/echo.js" <<'EOF'
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2]), perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
EOF
(cd "$WORK" && NODE_PATH="$NPM_DIR/node_modules" taskset -c "$TARGET_CPU" nice -n "$NICE" node echo.js "$NODE_PORT" >"$WORK/node.log" 2>&1) &
PIDS+=($!)
wait_port "$DEMO_WS_PORT" 100 || { log "the demo's WebSocket port did not open"; cat "$WORK/demo.log" >&2; exit 1; }
wait_port "$NODE_PORT" 100 || { log "the Node ws server did not start"; cat "$WORK/node.log" >&2; exit 1; }

# --- W1 --------------------------------------------------------------------------------------------------------------
cat >"$WORK/EchoLoop.java" <<EOF
import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.Vu;
import io.headroom.script.WsParams;
import java.time.Duration;

/** One session per iteration (about 1 s), sending and waiting for each echo. */
public final class EchoLoop implements Scenario {
    @Override
    public Options options() {
        return Options.constantVus($VUS, Duration.ofSeconds($SECONDS_RUN));
    }

    @Override
    public void iteration(Vu vu) throws Exception {
        vu.ws().connect(System.getenv("WS_ECHO_URL"), WsParams.none().withName("echo").withReplyByOrder(), s -> {
            long end = System.nanoTime() + 1_000_000_000L;
            while (!vu.stopping() && System.nanoTime() < end) {
                s.send("{\"text\":\"hello\"}");
                if (s.receive(Duration.ofSeconds(5)) == null) return;
            }
        });
    }
}
EOF
count_of() { # count_of SUMMARY METRIC: the untagged series' count
    jq -r --arg m "$2" '[.series[] | select(.metric == $m and (.tags | length) == 0) | .stats.count][0] // 0' "$1"
}
run_headroom() { # run_headroom LIMIT OUT SUMMARY PLAN [ENV...]: on GENERATOR_CPU under /usr/bin/time
    local limit=$1 out=$2 summary=$3 plan=$4; shift 4
    env "$@" taskset -c "$GENERATOR_CPU" nice -n "$NICE" /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" \
        timeout -k 5 "$limit" "$JAVA" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" run "$plan" --json "$summary" --quiet \
        --accept-invalid-run --no-history >"$out" 2>&1 || log "headroom exited $? (output in $out)"
}
if [[ " $SECTIONS " == *" w1 "* ]]; then
    echo "W1 target round_trips seconds cpu_s round_trips_per_cpu_s rtt_p50_ms rtt_p99_ms errors"
    for target in demo node; do
        url="ws://127.0.0.1:$([[ $target == demo ]] && echo "$DEMO_WS_PORT/ws/echo" || echo "$NODE_PORT/")"
        run_headroom $(( SECONDS_RUN + 90 )) "$WORK/w1-$target.out" "$WORK/w1-$target.json" "$WORK/EchoLoop.java" WS_ECHO_URL="$url"
        [[ -s "$WORK/w1-$target.json" ]] || { log "no summary for $target:"; tail -20 "$WORK/w1-$target.out" >&2; continue; }
        read -r elapsed user sys _ <"$WORK/time"
        trips="$(count_of "$WORK/w1-$target.json" ws_msgs_received)"
        errors="$(count_of "$WORK/w1-$target.json" ws_errors)"
        p50="$(jq -r '[.series[] | select(.metric == "ws_msg_rtt" and (.tags | length) == 0) | .stats.med][0] // "-"' "$WORK/w1-$target.json")"
        p99="$(jq -r '[.series[] | select(.metric == "ws_msg_rtt" and (.tags | length) == 0) | .stats.p99][0] // "-"' "$WORK/w1-$target.json")"
        awk -v t="$target" -v n="$trips" -v e="$elapsed" -v u="$user" -v s="$sys" -v a="$p50" -v b="$p99" -v err="$errors" \
            'BEGIN { c = u + s; printf "W1 %s %d %.1f %.2f %.0f %s %s %d\n", t, n, e, c, (c > 0 ? n / c : 0), a, b, err }'
    done
fi

# --- W2 --------------------------------------------------------------------------------------------------------------
if [[ " $SECTIONS " == *" w2 "* ]]; then
    cat >"$WORK/hold.yaml" <<EOF
name: ws-memory
scenarios:
  hold:
    executor: constant-vus
    vus: $SESSIONS
    duration: ${MEM_SECONDS}s
    gracefulStop: 5s
    flow:
      - websocket: ws://127.0.0.1:$NODE_PORT/
        connectTimeout: 30s
        session:
          - send: hello
          - hold: ${MEM_SECONDS}s
EOF
    rm -f "$WORK/gc.log"
    (
        sleep $(( MEM_SECONDS * 3 / 4 + 3 ))
        for pid in $("$JCMD" -l 2>/dev/null | awk -v p="$WORK/hold.yaml" 'index($0, p) { print $1 }'); do
            "$JCMD" "$pid" GC.run >/dev/null 2>&1 || true
        done
    ) &
    GC_PID=$!
    run_headroom $(( MEM_SECONDS + 120 )) "$WORK/w2.out" "$WORK/w2.json" "$WORK/hold.yaml"
    wait "$GC_PID" 2>/dev/null || true
    read -r _ _ _ rss_kb <"$WORK/time"
    heap_mb="$(awk '/Pause Full/ { if (match($0, /[0-9]+M->[0-9]+M/)) { s = substr($0, RSTART, RLENGTH); sub(/.*->/, "", s); sub(/M/, "", s); v = s } }
        END { print (v == "" ? "-" : v) }' "$WORK/gc.log" 2>/dev/null || echo -)"
    opened="$(count_of "$WORK/w2.json" ws_sessions 2>/dev/null || echo 0)"
    errors="$(count_of "$WORK/w2.json" ws_errors 2>/dev/null || echo 0)"
    echo "W2 sessions opened errors rss_mb rss_kib_per_session heap_after_full_gc_mb heap_kib_per_session"
    awk -v n="$SESSIONS" -v o="$opened" -v e="$errors" -v r="$rss_kb" -v h="$heap_mb" \
        'BEGIN { printf "W2 %d %d %d %.0f %.1f %s %s\n", n, o, e, r / 1024, r / n, h, (h == "-" ? "-" : sprintf("%.1f", h * 1024 / n)) }'
fi
log "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
