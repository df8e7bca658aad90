package io.headroom.bench;

import io.headroom.core.engine.VuContext;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.time.NanoClock;
import io.headroom.http.*;
import io.headroom.script.*;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.*;

/**
 * What {@code http.traceContext} costs a request, in thread CPU time rather than JMH's wall time: on a machine whose
 * other work keeps the load average far above its core count (a soak run and parallel builds), wall-clock
 * nanoseconds per op vary by more than 100 % between iterations, while the CPU time a thread spent per op stays
 * within a few percent. The op is {@code RecordRequestBenchmark.getAndCheck} (a VU's GET over a session that hands
 * back one prepared response, and a check), untraced and traced, 2 million ops a round, alternating, the median of
 * ten rounds after two of warm-up; beside it the wrong way to make a traceparent ({@link SecureRandom} and
 * {@link String#format}), alone. Run: {@code java -cp headroom-bench.jar io.headroom.bench.TraceContextCpuCost}.
 *
 * <p>Measured 2026-12-03, JDK 25, the 2-core VM at load average 15–21: untraced 207 ns (the commit before trace
 * context: 208 ns), traced 261 ns against 219 ns untraced in the same run (+42 ns, 1.19×); the naive traceparent alone
 * 948 ns, 23× what the traced request adds. Allocation ({@code RecordRequestBenchmark -prof gc}): 232 B per traced
 * request against 48 B.
 */
public final class TraceContextCpuCost {
    static final class Prepared implements HttpSession {
        final HttpResponse r; Prepared(HttpResponse r) { this.r = r; }
        public HttpResponse send(HttpRequest q) { sink ^= q.headers().size(); return r; }
        public void close() {}
    }
    static volatile int sink;
    static final class Ctx implements VuContext {
        final Metrics m; long it, start; final Tags tags = Tags.of("scenario", "bench");
        Ctx(Metrics m) { this.m = m; }
        Ctx next() { it++; start = System.nanoTime(); return this; }
        public int vuId() { return 1; } public int vuIdInScenario() { return 1; } public String scenario() { return "bench"; }
        public long iteration() { return it; } public long iterationInScenario() { return it; }
        public long intendedStartNanos() { return start; } public boolean openModel() { return false; }
        public NanoClock clock() { return NanoClock.system(); } public Metrics metrics() { return m; }
        public Tags tags() { return tags; } public boolean stopping() { return false; } public void sleep(Duration d) {}
    }
    public static void main(String[] args) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        URI url = URI.create("http://127.0.0.1:9/products/1");
        HttpResponse ok = new HttpResponse(url, 200, List.of(new HttpHeader("Content-Length", "2")), "{}".getBytes(),
                new HttpTimings(0, 0, 0, 10_000, 300_000, 5_000), null, 60, 80, List.of());
        Vu[] vus = new Vu[2]; Ctx[] ctxs = new Ctx[2];
        for (int t = 0; t < 2; t++) {
            ctxs[t] = new Ctx(new MetricRegistry(NanoClock.system()));
            vus[t] = new Vu(ctxs[t], VuSettings.DEFAULTS.withBaseUrl("http://127.0.0.1:9").withHttp(HttpDefaults.DEFAULTS.withTraceContext(t == 1)), new Prepared(ok));
        }
        SecureRandom secure = new SecureRandom();
        int n = 2_000_000;
        List<List<Double>> results = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < 12; round++) {
            for (int t = 0; t < 2; t++) {
                long before = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) { vus[t].beginIteration(ctxs[t].next()); Response r = vus[t].http().get("/products/1"); vus[t].check("ok", r.status() == 200); }
                double perOp = (threads.getCurrentThreadCpuTime() - before) / (double) n;
                if (round >= 2) results.get(t).add(perOp);
            }
            long before = threads.getCurrentThreadCpuTime();
            int m = n / 10;
            for (int i = 0; i < m; i++) {
                String v = String.format("00-%016x%016x-%016x-01", secure.nextLong(), secure.nextLong(), secure.nextLong());
                sink ^= v.length();
            }
            if (round >= 2) results.get(2).add((threads.getCurrentThreadCpuTime() - before) / (double) m);
        }
        String[] names = {"getAndCheck untraced", "getAndCheck traced", "naive traceparent alone (SecureRandom + String.format)"};
        for (int k = 0; k < 3; k++) {
            List<Double> r = new ArrayList<>(results.get(k)); Collections.sort(r);
            System.out.printf(Locale.ROOT, "%-58s median %.1f ns CPU/op (min %.1f, max %.1f, %d rounds)%n", names[k], r.get(r.size() / 2), r.get(0), r.get(r.size() - 1), r.size());
        }
    }
}
