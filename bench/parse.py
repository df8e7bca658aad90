#!/usr/bin/env python3
"""Reads one load generator's output and prints one tab-separated line for bench/peers.sh:
requests, req/s, p50, p90, p99, p99.9, max (ms; '-' when the tool does not report it), errors.

Usage: parse.py headroom SUMMARY.json | h2load STDOUT LOGFILE|- | autocannon JSON | locust STATS.csv
       parse.py gatling REPORT_OUTPUT SECONDS (what `io.gatling.app.Gatling -ro` prints: its "Global Information"
       block, percentiles set to 50, 90, 99, 99.9 by bench/gatling's gatling.conf)
       parse.py persecond-headroom SUMMARY.json | persecond-h2load LOGFILE
The persecond modes print: first second's p99, the median of the steady seconds' p99 (every whole second after
the first and before the last), the ratio of the two, and the worst second's p99 (ms; '-' when too short).
"""
import csv
import json
import math
import re
import sys


def fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def emit(requests, rps, p50, p90, p99, p999, maxv, errors):
    print("\t".join(fmt(v) for v in (requests, rps, p50, p90, p99, p999, maxv, errors)))


def percentile(sorted_values, q):
    """Nearest-rank percentile of a sorted list, q in 0..100."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def headroom(path):
    with open(path) as f:
        summary = json.load(f)
    series = {(s["metric"], json.dumps(s["tags"], sort_keys=True)): s["stats"] for s in summary["series"]}
    reqs = series.get(("http_reqs", "{}"), {}).get("count", 0)
    dur = series.get(("http_req_duration", "{}"), {})
    failed = series.get(("http_req_failed", "{}"), {}).get("passes", 0)
    seconds = (summary["run"].get("durationNanos") or 0) / 1e9
    emit(int(reqs), reqs / seconds if seconds else None, float(dur.get("med", "nan")), float(dur.get("p90", "nan")),
         float(dur.get("p99", "nan")), float(dur.get("p999", "nan")), float(dur.get("max", "nan")), int(failed))


def h2load(stdout_path, log_path):
    text = open(stdout_path).read()
    rps = float(re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", text).group(1))
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored,"
                  r" (\d+) timeout", text)
    done, failed, errored, timeout = int(m.group(3)), int(m.group(5)), int(m.group(6)), int(m.group(7))
    ok2xx = re.search(r"status codes: (\d+) 2xx", text)
    non2xx = done - int(ok2xx.group(1)) if ok2xx else 0
    p = [None] * 5
    if log_path != "-":
        values = []
        with open(log_path) as f:
            for line in f:
                parts = line.split("\t")
                if len(parts) >= 3:
                    values.append(int(parts[2]) / 1000.0)
        values.sort()
        p = [percentile(values, q) for q in (50, 90, 99, 99.9)] + [values[-1] if values else None]
    emit(done, rps, *p, failed + errored + timeout + max(0, non2xx))


def autocannon(path):
    with open(path) as f:
        text = f.read()
    data = json.loads(text[text.index("{"):])
    lat = data["latency"]
    total = data["requests"]["total"]
    seconds = data.get("duration") or 0
    emit(total, total / seconds if seconds else None, float(lat.get("p50")), float(lat.get("p90")),
         float(lat.get("p99")), float(lat.get("p99_9", "nan")), float(lat.get("max")),
         data.get("errors", 0) + data.get("non2xx", 0) + data.get("timeouts", 0))


def locust(path):
    with open(path) as f:
        rows = [r for r in csv.DictReader(f) if r.get("Name") == "Aggregated"]
    r = rows[-1]
    num = lambda k: float(r[k]) if r.get(k) not in (None, "", "N/A") else None
    emit(int(r["Request Count"]), num("Requests/s"), num("50%"), num("90%"), num("99%"), num("99.9%"),
         num("Max Response Time"), int(r["Failure Count"]))


def gatling(path, seconds):
    """The "Global Information" block Gatling prints when it writes its report (-ro), percentiles as gatling.conf sets."""
    text = open(path).read()
    row = {}
    for m in re.finditer(r"^> (.+?)\s+\|\s+([\d,.]+|-)\s+\|\s+([\d,.]+|-)\s+\|\s+([\d,.]+|-)\s*$", text, re.M):
        row[m.group(1).strip()] = [None if v == "-" else float(v.replace(",", "")) for v in m.groups()[1:]]
    total = lambda k: row.get(k, [None])[0]
    requests = int(total("request count") or 0)
    ko = row.get("request count", [0, 0, 0])[2] or 0
    rps = requests / float(seconds) if float(seconds) > 0 else total("mean throughput (rps)")
    emit(requests, rps, total("response time 50th percentile (ms)"), total("response time 90th percentile (ms)"),
         total("response time 99th percentile (ms)"), total("response time 99.9th percentile (ms)"),
         total("max response time (ms)"), int(ko))


def persecond(p99s):
    """p99 per second, in order: the first, the median of the steady ones (2nd to the one before the last), ratio, worst."""
    p99s = [v for v in p99s if v is not None]
    if len(p99s) < 3:
        print("\t".join(["-"] * 4))
        return
    steady = sorted(p99s[1:-1])
    median = steady[len(steady) // 2] if len(steady) % 2 else (steady[len(steady) // 2 - 1] + steady[len(steady) // 2]) / 2
    ratio = p99s[0] / median if median > 0 else None
    print("\t".join(fmt(v) for v in (float(p99s[0]), float(median), ratio, float(max(p99s)))))


def persecond_headroom(path):
    with open(path) as f:
        summary = json.load(f)
    for s in summary.get("intervals", {}).get("series", []):
        if s["metric"] == "http_req_duration" and not s["tags"]:
            persecond([None if c is None else float(v) for c, v in zip(s["count"], s.get("p99", [0] * len(s["count"])))])
            return
    persecond([])


def persecond_h2load(log_path):
    """h2load --log-file: start time (µs since the epoch), status, duration (µs) per request; seconds from the first start."""
    by_second = {}
    first = None
    with open(log_path) as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            start = int(parts[0])
            first = start if first is None else min(first, start)
            by_second.setdefault(start, []).append(int(parts[2]) / 1000.0)
    if first is None:
        persecond([])
        return
    seconds = {}
    for start, values in by_second.items():
        seconds.setdefault((start - first) // 1_000_000, []).extend(values)
    persecond([percentile(sorted(seconds[k]), 99) for k in sorted(seconds)])


if __name__ == "__main__":
    kind, args = sys.argv[1], sys.argv[2:]
    {"headroom": headroom, "h2load": h2load, "autocannon": autocannon, "locust": locust, "gatling": gatling,
     "persecond-headroom": persecond_headroom, "persecond-h2load": persecond_h2load}[kind](*args)
