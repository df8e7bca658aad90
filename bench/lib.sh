# Shared shell helpers for the benchmark scripts in bench/ (sourced, not run). Callers set LOG_PREFIX and WORK.
# Method as in shared/PEER-BASELINE.md: loopback only, generator on GENERATOR_CPU, target on TARGET_CPU.

GENERATOR_CPU="${GENERATOR_CPU:-0}"
TARGET_CPU="${TARGET_CPU:-1}"

log() { echo "${LOG_PREFIX:-bench}: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
APT_UPDATED=0
need_package() { # need_package COMMAND DEBIAN_PACKAGE: installs the package when the command is missing
    command -v "$1" >/dev/null 2>&1 && return 0
    [[ -x "$1" ]] && return 0
    if (( APT_UPDATED == 0 )); then
        log "installing missing tools (apt-get update once)"
        apt-get update -qq >&2
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
}

java_major() {
    local v
    v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')" || true
    echo "${v%%.*}"
}
find_jdk() { # same rule as ./headroom: JAVA_HOME if 21+, else the newest 21+ under /usr/lib/jvm
    local c major best="" best_major=0
    local candidates=()
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    [[ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]] && candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
    for c in /usr/lib/jvm/*; do [[ -d "$c" ]] && candidates+=("$c"); done
    for c in "${candidates[@]}"; do
        [[ -x "$c/bin/java" ]] || continue
        major="$(java_major "$c/bin/java")"
        [[ "$major" =~ ^[0-9]+$ ]] || continue
        (( major >= 21 )) || continue
        if [[ -n "${JAVA_HOME:-}" && "$c" == "$JAVA_HOME" ]]; then echo "$c"; return 0; fi
        if (( major > best_major )); then best="$c"; best_major=$major; fi
    done
    [[ -n "$best" ]] && echo "$best"
}

# require_jdk_and_cli REPO: sets JDK, JAVA, JCMD (a JDK 21+, exit 2 without one) and builds REPO's CLI jar
# (tests skipped) into JAR, exit 1 when the build makes none.
require_jdk_and_cli() {
    JDK="$(find_jdk || true)"
    [[ -n "$JDK" ]] || { log "no JDK 21+ found (JAVA_HOME, /usr/lib/jvm/*)"; exit 2; }
    JAVA="$JDK/bin/java"
    JCMD="$JDK/bin/jcmd"
    JAR="$1/headroom-cli/target/headroom.jar"
    log "building headroom-cli (tests skipped)"
    (cd "$1" && JAVA_HOME="$JDK" mvn -q -B -DskipTests -pl headroom-cli -am package >&2)
    [[ -f "$JAR" ]] || { log "build produced no $JAR"; exit 1; }
}

# --- ports and processes -------------------------------------------------------------------------------------------
port_in_use() { ss -Htan "sport = :$1" 2>/dev/null | grep -q .; } # listening or connected: bind() would fail
free_port() { # prints a free TCP port on loopback, below the ephemeral range (so no client socket takes it meanwhile)
    local candidate low
    low="$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
    (( low > 12000 )) || low=32768
    for _ in $(seq 1 50); do
        candidate=$(( 10000 + RANDOM % (low - 10000) ))
        if ! port_in_use "$candidate"; then echo "$candidate"; return 0; fi
    done
    log "no free port found"; return 1
}
wait_port() { # wait_port PORT [TENTHS]: true once 127.0.0.1:PORT accepts connections
    local tenths="${2:-50}"
    for _ in $(seq 1 "$tenths"); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
stop_pid() { # stop_pid PID: TERM then wait, only for a process this script started
    [[ -n "${1:-}" ]] || return 0
    if kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}

# start_nginx DIR PORT CONNECTIONS [EXTRA_SERVER_BLOCKS]: nginx 1 worker (NGINX_WORKERS, with reuseport when more:
# CONNECTIONS is then per worker), access log off, return 200 "Hello, World!", pinned to TARGET_CPU; sets NGINX_PID.
# Extra server blocks go verbatim into http {}.
start_nginx() {
    local dir=$1 port=$2 connections=$3 extra="${4:-}" nginx workers="${NGINX_WORKERS:-1}" reuse=""
    (( workers > 1 )) && reuse=" reuseport"
    nginx="$(command -v nginx || echo /usr/sbin/nginx)"
    mkdir -p "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
worker_processes $workers;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
worker_rlimit_nofile $(( connections + 1024 ));
events { worker_connections $(( connections + 512 )); }
http {
    access_log off;
    default_type text/plain;
    # Measure steady keep-alive, not reconnects (nginx's default closes a connection after 1000 requests).
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port backlog=4096$reuse;
        location / { return 200 "Hello, World!"; }
    }
$extra
}
EOF
    taskset -c "$TARGET_CPU" "$nginx" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" &
    NGINX_PID=$!
    wait_port "$port" || { log "nginx did not start:"; cat "$dir/error.log" >&2; return 1; }
}
nginx_version() { "$(command -v nginx || echo /usr/sbin/nginx)" -v 2>&1 | sed 's/nginx version: //'; }

# --- numbers -------------------------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
to_ms() { # wrk latency like 360.00us, 1.20ms, 2.00s -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
cpu_seconds() { awk -v u="$1" -v s="$2" 'BEGIN { printf "%.2f", u + s }'; } # cpu_seconds USER SYS
kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
machine_facts() { # one line: CPUs, model, kernel
    echo "$(nproc) CPUs ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}'), $(uname -r))"
}
